import { Card, CardBody, CardHeader, Notice } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { errorMessage, getSettings } from '../../../api';
import { CopyButton } from '../../../components/CopyButton';
import { CopyableField } from '../../../components/CopyableField';
import { Loading } from '../../../components/Loading';
import { useLoad } from '../../../components/useLoad';
import { Notices } from '../../../components/Notices';
import { PageHeader } from '../../../components/PageHeader';
import type { AdminConfig } from '../../../config/admin-config';
import { endpointRows } from '../endpoints';
import { IssuerCard } from './IssuerCard';
import { endpointLabel } from './labels';
import { KeysCard } from './KeysCard';
import { ProviderSettingsCard } from './ProviderSettingsCard';
import { RegistrationCard } from './RegistrationCard';
import { TokensCard } from './TokensCard';

export function SettingsScreen( { config }: { config: AdminConfig } ) {
	const { state: load, setData, reload } = useLoad( getSettings );

	let body;
	if ( load.status === 'loading' ) {
		body = <Loading label={ __( 'Loading settings…', 'keystone-oidc' ) } />;
	} else if ( load.status === 'failed' ) {
		body = (
			<Notice status="error" isDismissible={ false }>
				{ errorMessage( load.error ) }
			</Notice>
		);
	} else {
		const settings = load.data;
		body = (
			<>
				<Card>
					<CardHeader>
						<h2>{ __( 'Provider', 'keystone-oidc' ) }</h2>
					</CardHeader>
					<CardBody>
						<CopyableField
							label={ __( 'Issuer', 'keystone-oidc' ) }
							value={ settings.issuer }
							help={
								settings.issuer_mode === 'legacy'
									? __(
											'Every token’s “iss” claim. It is the issuer of Keystone OIDC 2.x, kept for the applications configured against it.',
											'keystone-oidc'
									  )
									: __(
											'Every token’s “iss” claim. It is this site’s home URL.',
											'keystone-oidc'
									  )
							}
						/>
						<CopyableField
							label={ __( 'Discovery URL', 'keystone-oidc' ) }
							value={ settings.discovery_url }
						/>
						<dl className="keystone-oidc-facts">
							<dt>{ __( 'Plugin Version', 'keystone-oidc' ) }</dt>
							<dd>{ settings.version }</dd>
							<dt>
								{ __( 'Pretty Permalinks', 'keystone-oidc' ) }
							</dt>
							<dd>
								{ settings.pretty_permalinks
									? __(
											'Enabled — the endpoints can be reached.',
											'keystone-oidc'
									  )
									: __(
											'Disabled — the endpoints answer where the web server passes every path to WordPress.',
											'keystone-oidc'
									  ) }
							</dd>
						</dl>
						{ ! settings.pretty_permalinks && (
							<Notice status="info" isDismissible={ false }>
								{ __(
									'With “Plain” permalinks the OpenID Connect endpoints depend on the web server passing their paths to WordPress (nginx’s usual try_files does; Apache needs WordPress’s .htaccess). A notice at the top of the admin says when relying parties cannot reach them.',
									'keystone-oidc'
								) }{ ' ' }
								<a href={ config.permalinkSettingsUrl }>
									{ __(
										'Change the permalink settings',
										'keystone-oidc'
									) }
								</a>
							</Notice>
						) }
					</CardBody>
				</Card>

				<IssuerCard
					key={ settings.issuer_mode }
					settings={ settings }
					onSaved={ ( saved ) => setData( () => saved ) }
				/>

				<Card>
					<CardHeader>
						<h2>{ __( 'Endpoints', 'keystone-oidc' ) }</h2>
					</CardHeader>
					<CardBody>
						<table className="keystone-oidc-endpoints">
							<tbody>
								{ endpointRows( settings.endpoints ).map(
									( row ) => (
										<tr key={ row.key }>
											<th scope="row">
												{ endpointLabel( row.name ) }
											</th>
											<td>
												<div className="keystone-oidc-copyable__row">
													<code className="keystone-oidc-copyable__value">
														{ row.url }
													</code>
													<CopyButton
														text={ row.url }
														label={ endpointLabel(
															row.name
														) }
													/>
												</div>
											</td>
										</tr>
									)
								) }
							</tbody>
						</table>
					</CardBody>
				</Card>

				<ProviderSettingsCard
					settings={ settings }
					roles={ config.roles }
					onSaved={ ( saved ) => setData( () => saved ) }
				/>

				<KeysCard
					kid={ settings.kid }
					keys={ settings.keys ?? [] }
					onRotated={ reload }
				/>

				<RegistrationCard
					settings={ settings }
					onSaved={ ( saved ) => setData( () => saved ) }
				/>

				<TokensCard />
			</>
		);
	}

	return (
		<div className="keystone-oidc-screen keystone-oidc-settings">
			<PageHeader
				title={ __( 'OIDC Provider Settings', 'keystone-oidc' ) }
			/>
			<Notices />
			{ body }
		</div>
	);
}
