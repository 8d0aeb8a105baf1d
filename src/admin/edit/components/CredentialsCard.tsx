import { Card, CardBody, CardHeader } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import { resetClientSecret } from '../../../api';
import { isDefinedInCode } from '../../../components/DefinedInCode';
import type { Client } from '../../../api/types';
import { ConfirmedAction } from '../../../components/ConfirmedAction';
import { CopyableField } from '../../../components/CopyableField';
import { SecretReveal } from './SecretReveal';

interface CredentialsCardProps {
	client: Client;
	discoveryUrl: string;
	/** A secret just issued (by a reset, or by turning the client confidential), shown once. */
	newSecret: string | null;
	onNewSecret: ( secret: string ) => void;
}

export function CredentialsCard( {
	client,
	discoveryUrl,
	newSecret,
	onNewSecret,
}: CredentialsCardProps ) {
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
						{ ! isDefinedInCode( client ) && (
							<ConfirmedAction
								label={ __( 'Reset Secret', 'keystone-oidc' ) }
								title={ __(
									'Reset the client secret?',
									'keystone-oidc'
								) }
								perform={ () =>
									resetClientSecret( client.client_id )
								}
								onDone={ ( answer ) =>
									onNewSecret( answer.client_secret )
								}
								success={ () =>
									__(
										'A new client secret was created. The old secret no longer works.',
										'keystone-oidc'
									)
								}
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
							</ConfirmedAction>
						) }
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
		</Card>
	);
}
