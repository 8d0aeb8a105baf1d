import { Card, CardBody, CardHeader } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import { deleteClient } from '../../../api';
import type { Client } from '../../../api/types';
import { ConfirmedAction } from '../../../components/ConfirmedAction';

interface DangerZoneProps {
	client: Client;
	/** Called once the client is gone, e.g. to go back to the list. */
	onDeleted: () => void;
}

export function DangerZone( { client, onDeleted }: DangerZoneProps ) {
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
				<ConfirmedAction
					label={ __( 'Delete Client', 'keystone-oidc' ) }
					title={ sprintf(
						/* translators: %s: application name. */
						__( 'Delete “%s”?', 'keystone-oidc' ),
						client.name
					) }
					perform={ () => deleteClient( client.client_id ) }
					onDone={ onDeleted }
					primary
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
				</ConfirmedAction>
			</CardBody>
		</Card>
	);
}
