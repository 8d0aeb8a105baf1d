import { Card, CardBody, CardHeader } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';

import { revokeAllTokens } from '../../../api';
import { ConfirmedAction } from '../../../components/ConfirmedAction';

export function TokensCard() {
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
				<ConfirmedAction
					label={ __( 'Revoke All Tokens', 'keystone-oidc' ) }
					title={ __( 'Revoke all tokens?', 'keystone-oidc' ) }
					perform={ revokeAllTokens }
					success={ ( { revoked } ) =>
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
					}
					primary
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
				</ConfirmedAction>
			</CardBody>
		</Card>
	);
}
