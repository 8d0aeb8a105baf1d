import apiFetch from '@wordpress/api-fetch';

import type {
	ClaimMap,
	ClaimMapping,
	Client,
	ClientDeleted,
	ClientInput,
	ClientKeys,
	CreatedClient,
	CreatedRegistrationToken,
	KeyRotation,
	Registration,
	RegistrationToken,
	SecretReset,
	Settings,
	SettingsInput,
	TestSignInStart,
	TokensRevoked,
} from './types';

export type * from './types';
export { errorMessage } from './messages';
export { toApiError } from './errors';

const NAMESPACE = '/keystone-oidc/v1';

function clientPath( clientId: string ): string {
	return `${ NAMESPACE }/clients/${ encodeURIComponent( clientId ) }`;
}

export function listClients(): Promise< Client[] > {
	return apiFetch< Client[] >( { path: `${ NAMESPACE }/clients` } );
}

export function getClient( clientId: string ): Promise< Client > {
	return apiFetch< Client >( { path: clientPath( clientId ) } );
}

export function createClient( input: ClientInput ): Promise< CreatedClient > {
	return apiFetch< CreatedClient >( {
		path: `${ NAMESPACE }/clients`,
		method: 'POST',
		data: input,
	} );
}

export function updateClient(
	clientId: string,
	input: Partial< ClientInput >
): Promise< CreatedClient > {
	return apiFetch< CreatedClient >( {
		path: clientPath( clientId ),
		method: 'PATCH',
		data: input,
	} );
}

export function deleteClient( clientId: string ): Promise< ClientDeleted > {
	return apiFetch< ClientDeleted >( {
		path: clientPath( clientId ),
		method: 'DELETE',
	} );
}

export function resetClientSecret( clientId: string ): Promise< SecretReset > {
	return apiFetch< SecretReset >( {
		path: `${ clientPath( clientId ) }/secret`,
		method: 'POST',
	} );
}

/**
 * @param clientId The client.
 * @param refresh  Ask the client's `jwks_uri` again rather than answer from the cache.
 */
export function getClientKeys(
	clientId: string,
	refresh = false
): Promise< ClientKeys > {
	return apiFetch< ClientKeys >( {
		path: `${ clientPath( clientId ) }/keys${
			refresh ? '?refresh=1' : ''
		}`,
	} );
}

export function getSettings(): Promise< Settings > {
	return apiFetch< Settings >( { path: `${ NAMESPACE }/settings` } );
}

export function saveSettings( input: SettingsInput ): Promise< Settings > {
	return apiFetch< Settings >( {
		path: `${ NAMESPACE }/settings`,
		method: 'PUT',
		data: input,
	} );
}

export function rotateKeys(): Promise< KeyRotation > {
	return apiFetch< KeyRotation >( {
		path: `${ NAMESPACE }/keys/rotate`,
		method: 'POST',
	} );
}

export function revokeAllTokens(): Promise< TokensRevoked > {
	return apiFetch< TokensRevoked >( {
		path: `${ NAMESPACE }/tokens/revoke-all`,
		method: 'POST',
	} );
}

export function getClaimMap(): Promise< ClaimMap > {
	return apiFetch< ClaimMap >( { path: `${ NAMESPACE }/claims` } );
}

export function saveClaimMap( mappings: ClaimMapping[] ): Promise< ClaimMap > {
	return apiFetch< ClaimMap >( {
		path: `${ NAMESPACE }/claims`,
		method: 'PUT',
		data: { mappings },
	} );
}

export function listRegistrationTokens(): Promise< RegistrationToken[] > {
	return apiFetch< RegistrationToken[] >( {
		path: `${ NAMESPACE }/registration-tokens`,
	} );
}

export function createRegistrationToken(): Promise< CreatedRegistrationToken > {
	return apiFetch< CreatedRegistrationToken >( {
		path: `${ NAMESPACE }/registration-tokens`,
		method: 'POST',
	} );
}

export function revokeRegistrationToken(
	id: string
): Promise< { deleted: boolean } > {
	return apiFetch< { deleted: boolean } >( {
		path: `${ NAMESPACE }/registration-tokens/${ encodeURIComponent(
			id
		) }`,
		method: 'DELETE',
	} );
}

export function listRegistrations(): Promise< Registration[] > {
	return apiFetch< Registration[] >( {
		path: `${ NAMESPACE }/registrations`,
	} );
}

export function startTestSignIn(
	clientId: string
): Promise< TestSignInStart > {
	return apiFetch< TestSignInStart >( {
		path: `${ clientPath( clientId ) }/test-sign-in`,
		method: 'POST',
	} );
}
