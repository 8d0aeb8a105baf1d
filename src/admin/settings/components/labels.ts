import { __ } from '@wordpress/i18n';

import { humanize } from '../endpoints';

export function endpointLabel( name: string ): string {
	switch ( name ) {
		case 'discovery':
			return __( 'Discovery', 'keystone-oidc' );
		case 'discovery_local':
			return __( 'Discovery (plugin path)', 'keystone-oidc' );
		case 'as_metadata':
			return __( 'OAuth Server Metadata (RFC 8414)', 'keystone-oidc' );
		case 'authorization':
		case 'authorize':
			return __( 'Authorization', 'keystone-oidc' );
		case 'token':
			return __( 'Token', 'keystone-oidc' );
		case 'userinfo':
			return __( 'UserInfo', 'keystone-oidc' );
		case 'jwks':
			return __( 'JSON Web Key Set (JWKS)', 'keystone-oidc' );
		case 'revocation':
			return __( 'Revocation', 'keystone-oidc' );
		case 'introspection':
			return __( 'Introspection', 'keystone-oidc' );
		case 'end_session':
			return __( 'End Session (logout)', 'keystone-oidc' );
		case 'keycloak_auth':
			return __(
				'Keycloak-style path (2.x): Authorization',
				'keystone-oidc'
			);
		case 'keycloak_token':
			return __( 'Keycloak-style path (2.x): Token', 'keystone-oidc' );
		case 'keycloak_userinfo':
			return __( 'Keycloak-style path (2.x): UserInfo', 'keystone-oidc' );
		case 'keycloak_certs':
			return __( 'Keycloak-style path (2.x): JWKS', 'keystone-oidc' );
		case 'registration':
			return __( 'Client Registration (RFC 7591)', 'keystone-oidc' );
		case 'device_authorization':
			return __( 'Device Authorization', 'keystone-oidc' );
		default:
			return humanize( name );
	}
}
