import { Notice } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import {
	adminPageUrl,
	PAGES,
	type AdminConfig,
} from '../../../config/admin-config';
import { PageHeader } from '../../../components/PageHeader';
import { decodeToken } from '../result';
import type { TestSignInResult, TestSignInSuccess } from '../types';
import { ClaimsTable } from './ClaimsTable';
import { ResultCard } from './ResultCard';
import { TokenCard } from './TokenCard';

interface TestSignInScreenProps {
	config: AdminConfig;
	result: TestSignInResult;
}

/**
 * The end of a Test sign-in: what the client received, or why it received nothing.
 */
export function TestSignInScreen( { config, result }: TestSignInScreenProps ) {
	const client = result.client;
	return (
		<div className="keystone-oidc-screen keystone-oidc-test-sign-in-result">
			<PageHeader title={ __( 'Test sign-in', 'keystone-oidc' ) } />
			{ client !== null && (
				<p className="keystone-oidc-subtitle">
					{ sprintf(
						/* translators: %s: application name. */
						__( 'Application: %s', 'keystone-oidc' ),
						client.name
					) }
				</p>
			) }
			{ result.status === 'error' ? (
				<Notice status="error" isDismissible={ false }>
					<p>
						{ __(
							'The application would receive this error instead of tokens:',
							'keystone-oidc'
						) }{ ' ' }
						<code className="keystone-oidc-test-error">
							{ result.error }
						</code>
					</p>
					{ result.error_description !== '' && (
						<p>{ result.error_description }</p>
					) }
				</Notice>
			) : (
				<SuccessfulTest result={ result } />
			) }
			<p>
				<a
					href={
						client === null
							? adminPageUrl( config.adminUrl, PAGES.clients )
							: adminPageUrl( config.adminUrl, PAGES.edit, {
									client_id: client.client_id,
							  } )
					}
				>
					{ client === null
						? __( '← Back to Clients', 'keystone-oidc' )
						: __( '← Back to the client', 'keystone-oidc' ) }
				</a>
			</p>
		</div>
	);
}

function SuccessfulTest( { result }: { result: TestSignInSuccess } ) {
	const { tokens, userinfo } = result;
	const idToken = decodeToken( tokens.id_token );
	const nonceNote =
		idToken !== null && idToken.claims.nonce === result.nonce
			? __( 'Matches the nonce this test sent.', 'keystone-oidc' )
			: __( 'Does not match the nonce this test sent.', 'keystone-oidc' );
	return (
		<>
			<Notice
				status={ result.revoked ? 'success' : 'warning' }
				isDismissible={ false }
			>
				{ result.revoked
					? __(
							'Sign-in succeeded. These are the tokens the application would receive; they have already been revoked, so they cannot be used.',
							'keystone-oidc'
					  )
					: __(
							'Sign-in succeeded, but the tokens could not be revoked: they stay valid until they expire.',
							'keystone-oidc'
					  ) }
			</Notice>
			<ResultCard
				title={ __( 'Token response', 'keystone-oidc' ) }
				className="keystone-oidc-test-response"
			>
				<dl className="keystone-oidc-test-facts">
					<dt>{ __( 'Granted scopes', 'keystone-oidc' ) }</dt>
					<dd>
						<code data-fact="scope">{ tokens.scope }</code>
					</dd>
					<dt>{ __( 'Token type', 'keystone-oidc' ) }</dt>
					<dd>{ tokens.token_type }</dd>
					<dt>{ __( 'Access token lifetime', 'keystone-oidc' ) }</dt>
					<dd>
						{ sprintf(
							/* translators: %d: number of seconds. */
							__( '%d seconds', 'keystone-oidc' ),
							tokens.expires_in
						) }
					</dd>
					<dt>{ __( 'Refresh token', 'keystone-oidc' ) }</dt>
					<dd>
						{ tokens.refresh_token
							? __(
									'Issued (not shown; revoked with the others).',
									'keystone-oidc'
							  )
							: __(
									'Not issued to this client.',
									'keystone-oidc'
							  ) }
					</dd>
				</dl>
			</ResultCard>
			<TokenCard
				title={ __( 'ID token', 'keystone-oidc' ) }
				intro={ __(
					'Tells the application who signed in. It verifies the signature, issuer, audience, expiry and nonce, then reads the claims.',
					'keystone-oidc'
				) }
				token={ tokens.id_token }
				notes={ { nonce: nonceNote } }
			/>
			<TokenCard
				title={ __( 'Access token', 'keystone-oidc' ) }
				intro={ __(
					'What the application presents to UserInfo and to APIs. Applications should not read it; it is shown here so you can see its audience and scopes.',
					'keystone-oidc'
				) }
				token={ tokens.access_token }
			/>
			<ResultCard
				title={ __( 'UserInfo', 'keystone-oidc' ) }
				className="keystone-oidc-test-userinfo"
			>
				<p>
					{ __(
						'What the UserInfo endpoint answers for this access token. Applications such as Pydio Cells, Grafana or Nextcloud often take the user’s name, email and roles from here.',
						'keystone-oidc'
					) }
				</p>
				{ 'claims' in userinfo ? (
					<ClaimsTable
						caption={ __( 'UserInfo claims', 'keystone-oidc' ) }
						claims={ userinfo.claims }
					/>
				) : (
					<Notice status="error" isDismissible={ false }>
						<code>{ userinfo.error }</code>{ ' ' }
						{ userinfo.error_description }
					</Notice>
				) }
			</ResultCard>
		</>
	);
}
