import { Button, Card, CardBody, CardHeader } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

import { errorMessage, revokeAllTokens } from '../../../api';
import { ConfirmModal } from '../../../components/ConfirmModal';
import type { NoticesApi } from '../../../components/Notices';

export function TokensCard( { notices }: { notices: NoticesApi } ) {
	const [ confirming, setConfirming ] = useState( false );
	const [ busy, setBusy ] = useState( false );

	const revoke = async () => {
		setBusy( true );
		try {
			const { revoked } = await revokeAllTokens();
			notices.show(
				'success',
				sprintf(
					/* translators: %d: number of tokens revoked. */
					_n(
						'%d token revoked. Every application must sign its users in again.',
						'%d tokens revoked. Every application must sign its users in again.',
						revoked,
						'keystone-oidc'
					),
					revoked
				)
			);
		} catch ( error ) {
			notices.show( 'error', errorMessage( error ) );
		} finally {
			setBusy( false );
			setConfirming( false );
		}
	};

	return (
		<Card className="keystone-oidc-danger-zone">
			<CardHeader>
				<h2>{ __( 'Revoke All Tokens', 'keystone-oidc' ) }</h2>
			</CardHeader>
			<CardBody>
				<p>
					{ __(
						'Revokes every access token, refresh token and unused authorization code of every client at once, for example after a security incident.',
						'keystone-oidc'
					) }
				</p>
				<Button
					variant="primary"
					isDestructive
					onClick={ () => setConfirming( true ) }
					disabled={ busy }
					__next40pxDefaultSize
				>
					{ __( 'Revoke All Tokens', 'keystone-oidc' ) }
				</Button>
			</CardBody>
			{ confirming && (
				<ConfirmModal
					title={ __( 'Revoke all tokens?', 'keystone-oidc' ) }
					confirmLabel={ __( 'Revoke All Tokens', 'keystone-oidc' ) }
					onConfirm={ revoke }
					onCancel={ () => setConfirming( false ) }
					busy={ busy }
					destructive
				>
					<p>
						{ __(
							'Every access token and refresh token this site has issued stops working immediately, for every client. People stay signed in to WordPress but must sign in again in each application.',
							'keystone-oidc'
						) }
					</p>
					<p>
						{ __(
							'Clients, their secrets and the signing keys are not changed. This cannot be undone.',
							'keystone-oidc'
						) }
					</p>
				</ConfirmModal>
			) }
		</Card>
	);
}
