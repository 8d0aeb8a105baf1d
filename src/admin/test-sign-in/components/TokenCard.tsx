import { Notice, Panel, PanelBody } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import { decodeToken } from '../result';
import { ClaimsTable } from './ClaimsTable';
import { ResultCard } from './ResultCard';

interface TokenCardProps {
	title: string;
	intro: string;
	token: string;
	notes?: Record< string, string >;
}

/**
 * One JWT, decoded in the browser (header and payload only: the signature is the application's
 * to verify), its claims explained, the encoded token folded away.
 */
export function TokenCard( { title, intro, token, notes }: TokenCardProps ) {
	const decoded = decodeToken( token );
	return (
		<ResultCard title={ title } className="keystone-oidc-test-token">
			<p>{ intro }</p>
			{ decoded === null ? (
				<Notice status="info" isDismissible={ false }>
					{ __(
						'This token is not a JWT: the application cannot read it, only present it.',
						'keystone-oidc'
					) }
				</Notice>
			) : (
				<>
					<ClaimsTable
						caption={ sprintf(
							/* translators: %s: token name, e.g. ID token. */
							__( '%s claims', 'keystone-oidc' ),
							title
						) }
						claims={ decoded.claims }
						notes={ notes }
					/>
					<Panel>
						<PanelBody
							title={ __( 'Header', 'keystone-oidc' ) }
							initialOpen={ false }
						>
							<ClaimsTable
								caption={ sprintf(
									/* translators: %s: token name, e.g. ID token. */
									__( '%s header', 'keystone-oidc' ),
									title
								) }
								claims={ decoded.header }
							/>
						</PanelBody>
						<PanelBody
							title={ __(
								'Encoded token (revoked)',
								'keystone-oidc'
							) }
							initialOpen={ false }
						>
							<code className="keystone-oidc-encoded-token">
								{ token }
							</code>
						</PanelBody>
					</Panel>
				</>
			) }
		</ResultCard>
	);
}
