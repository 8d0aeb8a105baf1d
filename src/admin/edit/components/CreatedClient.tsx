import {
	Button,
	Card,
	CardBody,
	CardFooter,
	CardHeader,
} from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import type { CreatedClient as CreatedClientData } from '../../../api/types';
import { CopyableField } from '../../../components/CopyableField';
import { SecretReveal } from './SecretReveal';

interface CreatedClientProps {
	client: CreatedClientData;
	discoveryUrl: string;
	editUrl: string;
	listUrl: string;
}

export function CreatedClient( {
	client,
	discoveryUrl,
	editUrl,
	listUrl,
}: CreatedClientProps ) {
	const secret = client.client_secret;
	return (
		<Card className="keystone-oidc-created">
			<CardHeader>
				<h2>
					{ sprintf(
						/* translators: %s: application name. */
						__( 'Credentials for “%s”', 'keystone-oidc' ),
						client.name
					) }
				</h2>
			</CardHeader>
			<CardBody>
				{ typeof secret === 'string' && secret !== '' ? (
					<SecretReveal
						clientId={ client.client_id }
						secret={ secret }
					/>
				) : (
					<>
						<p>
							{ __(
								'This is a public client: it has no secret and must use PKCE.',
								'keystone-oidc'
							) }
						</p>
						<CopyableField
							label={ __( 'Client ID', 'keystone-oidc' ) }
							value={ client.client_id }
						/>
					</>
				) }
				<CopyableField
					label={ __( 'Discovery URL', 'keystone-oidc' ) }
					value={ discoveryUrl }
					help={ __(
						'Most OpenID Connect libraries configure themselves from this URL.',
						'keystone-oidc'
					) }
				/>
			</CardBody>
			<CardFooter>
				<div className="keystone-oidc-card-actions">
					<Button
						variant="primary"
						href={ editUrl }
						__next40pxDefaultSize
					>
						{ __( 'Done, edit this client', 'keystone-oidc' ) }
					</Button>
					<Button
						variant="secondary"
						href={ listUrl }
						__next40pxDefaultSize
					>
						{ __( 'Back to Clients', 'keystone-oidc' ) }
					</Button>
				</div>
			</CardFooter>
		</Card>
	);
}
