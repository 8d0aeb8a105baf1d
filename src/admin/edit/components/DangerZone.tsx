import { Button, Card, CardBody, CardHeader } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { deleteClient, errorMessage } from '../../../api';
import type { Client } from '../../../api/types';
import { ConfirmModal } from '../../../components/ConfirmModal';
import type { NoticesApi } from '../../../components/Notices';

interface DangerZoneProps {
	client: Client;
	notices: NoticesApi;
	/** Called once the client is gone, e.g. to go back to the list. */
	onDeleted: () => void;
}

export function DangerZone( { client, notices, onDeleted }: DangerZoneProps ) {
	const [ confirming, setConfirming ] = useState( false );
	const [ busy, setBusy ] = useState( false );

	const remove = async () => {
		setBusy( true );
		try {
			await deleteClient( client.client_id );
			onDeleted();
		} catch ( error ) {
			notices.show( 'error', errorMessage( error ) );
			setBusy( false );
			setConfirming( false );
		}
	};

	return (
		<Card className="keystone-oidc-danger-zone">
			<CardHeader>
				<h2>{ __( 'Danger Zone', 'keystone-oidc' ) }</h2>
			</CardHeader>
			<CardBody>
				<p>
					{ __(
						'Deleting this client also revokes all its authorization codes and tokens. This cannot be undone.',
						'keystone-oidc'
					) }
				</p>
				<Button
					variant="primary"
					isDestructive
					onClick={ () => setConfirming( true ) }
					__next40pxDefaultSize
				>
					{ __( 'Delete Client', 'keystone-oidc' ) }
				</Button>
			</CardBody>
			{ confirming && (
				<ConfirmModal
					title={ sprintf(
						/* translators: %s: application name. */
						__( 'Delete “%s”?', 'keystone-oidc' ),
						client.name
					) }
					confirmLabel={ __( 'Delete Client', 'keystone-oidc' ) }
					onConfirm={ remove }
					onCancel={ () => setConfirming( false ) }
					busy={ busy }
					destructive
				>
					<p>
						{ sprintf(
							/* translators: %s: application name. */
							__(
								'“%s” will be deleted together with all its authorization codes, access tokens and refresh tokens. Everyone signed in to it through this site is signed out of it, and it can no longer sign anyone in.',
								'keystone-oidc'
							),
							client.name
						) }
					</p>
					<p>{ __( 'This cannot be undone.', 'keystone-oidc' ) }</p>
				</ConfirmModal>
			) }
		</Card>
	);
}
