import { Button, Card, CardBody, CardHeader } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { errorMessage, resetClientSecret } from '../../../api';
import type { Client } from '../../../api/types';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { CopyableField } from '../../../components/CopyableField';
import type { NoticesApi } from '../../../components/Notices';
import { SecretReveal } from './SecretReveal';

interface CredentialsCardProps {
	client: Client;
	discoveryUrl: string;
	notices: NoticesApi;
	/** A secret just issued (by a reset, or by turning the client confidential), shown once. */
	newSecret: string | null;
	onNewSecret: ( secret: string ) => void;
}

export function CredentialsCard( {
	client,
	discoveryUrl,
	notices,
	newSecret,
	onNewSecret,
}: CredentialsCardProps ) {
	const [ confirming, setConfirming ] = useState( false );
	const [ busy, setBusy ] = useState( false );

	const reset = async () => {
		setBusy( true );
		try {
			const answer = await resetClientSecret( client.client_id );
			onNewSecret( answer.client_secret );
			notices.show(
				'success',
				__(
					'A new client secret was created. The old secret no longer works.',
					'keystone-oidc'
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
		<Card>
			<CardHeader>
				<h2>{ __( 'Client Credentials', 'keystone-oidc' ) }</h2>
			</CardHeader>
			<CardBody>
				<CopyableField
					label={ __( 'Client ID', 'keystone-oidc' ) }
					value={ client.client_id }
				/>
				<CopyableField
					label={ __( 'Discovery URL', 'keystone-oidc' ) }
					value={ discoveryUrl }
				/>
				{ client.type === 'confidential' ? (
					<div className="keystone-oidc-copyable">
						<div className="keystone-oidc-copyable__label">
							{ __( 'Client Secret', 'keystone-oidc' ) }
						</div>
						{ newSecret !== null ? (
							<SecretReveal secret={ newSecret } />
						) : (
							<p className="description">
								{ __(
									'The secret was shown once, when it was created. The site keeps only a hash of it.',
									'keystone-oidc'
								) }
							</p>
						) }
						<Button
							variant="secondary"
							onClick={ () => setConfirming( true ) }
							disabled={ busy }
							__next40pxDefaultSize
						>
							{ __( 'Reset Secret', 'keystone-oidc' ) }
						</Button>
					</div>
				) : (
					<p className="description">
						{ __(
							'Public client: no secret. The application must use PKCE.',
							'keystone-oidc'
						) }
					</p>
				) }
			</CardBody>
			{ confirming && (
				<ConfirmModal
					title={ __( 'Reset the client secret?', 'keystone-oidc' ) }
					confirmLabel={ __( 'Reset Secret', 'keystone-oidc' ) }
					onConfirm={ reset }
					onCancel={ () => setConfirming( false ) }
					busy={ busy }
					destructive
				>
					<p>
						{ sprintf(
							/* translators: %s: application name. */
							__(
								'The current secret of “%s” stops working immediately. The application cannot sign anyone in until it is given the new secret.',
								'keystone-oidc'
							),
							client.name
						) }
					</p>
					<p>
						{ __(
							'The new secret is shown once, right after the reset.',
							'keystone-oidc'
						) }
					</p>
				</ConfirmModal>
			) }
		</Card>
	);
}
