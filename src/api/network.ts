import apiFetch from '@wordpress/api-fetch';

export interface NetworkSite {
	id: number;
	name: string;
	url: string;
}

/** `/network` (multisite only, network administrators only). */
export interface NetworkSettings {
	/** The site that is the identity provider of every network user; 0 = each site its own. */
	identity_provider: number;
	sites: NetworkSite[];
}

export function getNetworkSettings(): Promise< NetworkSettings > {
	return apiFetch< NetworkSettings >( { path: '/keystone-oidc/v1/network' } );
}

export function saveNetworkSettings(
	identityProvider: number
): Promise< NetworkSettings > {
	return apiFetch< NetworkSettings >( {
		path: '/keystone-oidc/v1/network',
		method: 'PUT',
		data: { identity_provider: identityProvider },
	} );
}
