import { RadioControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

import type { RestAccess } from '../../../api/types';
import { scopeDescription } from './messages';

/**
 * The REST API's scopes, which the client's `rest_access` ceiling grants (PHP
 * `Resource\Rest_Scope_Policy`), so they are chosen here and not among the allowed scopes.
 */
export const REST_SCOPES = [ 'wordpress:read', 'wordpress:write' ];

export function withoutRestScopes( scopes: string[] ): string[] {
	return scopes.filter( ( scope ) => ! REST_SCOPES.includes( scope ) );
}

interface RestAccessFieldProps {
	value: RestAccess;
	onChange: ( value: RestAccess ) => void;
}

function withScope( scope: string, label: string ): string {
	const description = scopeDescription( scope );
	return description === null
		? label
		: sprintf(
				/* translators: 1: the choice, 2: what the scope lets an application do, as users are asked. */
				__( '%1$s: %2$s', 'keystone-oidc' ),
				label,
				description
		  );
}

export function RestAccessField( { value, onChange }: RestAccessFieldProps ) {
	return (
		<RadioControl
			label={ __( 'WordPress REST API Access', 'keystone-oidc' ) }
			selected={ value }
			onChange={ ( access ) => onChange( access as RestAccess ) }
			help={ __(
				'The most this application’s access tokens may do with this site’s REST API, never more than the signed-in person may. The application asks for it with the scope wordpress:read or wordpress:write, and people see it on the consent screen.',
				'keystone-oidc'
			) }
			options={ [
				{
					value: 'none',
					label: __(
						'None — its tokens are refused by the REST API',
						'keystone-oidc'
					),
				},
				{
					value: 'read',
					label: withScope(
						'wordpress:read',
						__( 'Read (wordpress:read)', 'keystone-oidc' )
					),
				},
				{
					value: 'write',
					label: withScope(
						'wordpress:write',
						__(
							'Read and write (wordpress:write)',
							'keystone-oidc'
						)
					),
				},
			] }
		/>
	);
}
