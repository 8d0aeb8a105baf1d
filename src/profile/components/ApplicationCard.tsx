import { Button, Card, CardBody, CardHeader } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import { formatAllowedDate } from '../applications';
import type { ConnectedApplication } from '../types';

interface ApplicationCardProps {
	application: ConnectedApplication;
	disabled: boolean;
	onRevoke: () => void;
}

export function ApplicationCard( {
	application,
	disabled,
	onRevoke,
}: ApplicationCardProps ) {
	const titleId = `keystone-oidc-app-${ application.client_id }`;
	const allowedOn = formatAllowedDate( application.created_at );
	return (
		<Card className="keystone-oidc-profile__app" size="small">
			<CardHeader>
				<h3 id={ titleId } className="keystone-oidc-profile__name">
					{ application.name }
				</h3>
				<Button
					variant="secondary"
					isDestructive
					onClick={ onRevoke }
					disabled={ disabled }
					accessibleWhenDisabled
					aria-describedby={ titleId }
					__next40pxDefaultSize
				>
					{ __( 'Revoke Access', 'keystone-oidc' ) }
				</Button>
			</CardHeader>
			<CardBody>
				{ allowedOn !== null && (
					<p className="keystone-oidc-profile__allowed">
						{ sprintf(
							/* translators: %s: date the user allowed the application. */
							__( 'Allowed on %s', 'keystone-oidc' ),
							allowedOn
						) }
					</p>
				) }
				<p className="keystone-oidc-profile__can">
					{ __( 'It can:', 'keystone-oidc' ) }
				</p>
				<ul className="keystone-oidc-profile__scopes">
					{ application.scope_descriptions.map( ( scope ) => (
						<li key={ scope.scope }>{ scope.description }</li>
					) ) }
				</ul>
			</CardBody>
		</Card>
	);
}
