import apiFetch from '@wordpress/api-fetch';

import type { ApplicationRevoked } from './types';
import { readApplications } from './applications';

const ROUTE = '/keystone-oidc/v1/me/applications';

export async function listApplications() {
	return readApplications( await apiFetch< unknown >( { path: ROUTE } ) );
}

export function revokeApplication(
	clientId: string
): Promise< ApplicationRevoked > {
	return apiFetch< ApplicationRevoked >( {
		path: `${ ROUTE }/${ encodeURIComponent( clientId ) }`,
		method: 'DELETE',
	} );
}
