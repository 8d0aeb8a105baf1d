import { Button, Card, CardBody, CardHeader } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { startTestSignIn } from '../../../api';
import type { Client } from '../../../api/types';
import { useBusy } from '../../../components/useBusy';

interface TestSignInProps {
	/** Null while adding a client: there is nothing saved to test yet. */
	client: Client | null;
	/** Unsaved edits: the test runs with the saved client, so it waits for them to be saved. */
	dirty: boolean;
}

/**
 * "Test sign-in": a real authorization of the signed-in administrator for this client, ending on
 * this site's own result screen (docs/test-sign-in.md). The server starts a one-time test session
 * and answers the authorization URL; the browser goes there as it would from the application.
 */
export function TestSignIn( { client, dirty }: TestSignInProps ) {
	const { busy, run } = useBusy();

	if ( client === null ) {
		return null;
	}
	const start = () =>
		run( async () => {
			const { authorize_url: authorizeUrl } = await startTestSignIn(
				client.client_id
			);
			window.location.assign( authorizeUrl );
		} );

	return (
		<Card className="keystone-oidc-test-sign-in">
			<CardHeader>
				<h2>{ __( 'Test sign-in', 'keystone-oidc' ) }</h2>
			</CardHeader>
			<CardBody>
				<p>
					{ __(
						'Sign in to this client yourself, through the real sign-in and consent steps, and see the ID token, the access token and the UserInfo answer it would receive, decoded and explained. The test ends on this site: nothing is sent to the application, and the tokens are revoked before they are shown.',
						'keystone-oidc'
					) }
				</p>
				<Button
					variant="secondary"
					onClick={ start }
					isBusy={ busy }
					disabled={ busy || dirty }
					accessibleWhenDisabled
					aria-describedby={
						dirty ? 'keystone-oidc-test-sign-in-unsaved' : undefined
					}
				>
					{ __( 'Test sign-in', 'keystone-oidc' ) }
				</Button>
				{ dirty && (
					<p id="keystone-oidc-test-sign-in-unsaved">
						{ __(
							'Save your changes first: the test uses the saved client.',
							'keystone-oidc'
						) }
					</p>
				) }
			</CardBody>
		</Card>
	);
}
