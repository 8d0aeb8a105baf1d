import apiFetch from '@wordpress/api-fetch';

import type {
	ActivityEntry,
	ActivityPage,
	ActivityQuery,
	NamedOption,
} from './types';
import { searchFromQuery } from './query';

/**
 * One page of the log; the totals come from the `X-WP-Total` and `X-WP-TotalPages` headers, as
 * WordPress's own collections give them.
 */
export async function fetchActivity(
	query: ActivityQuery
): Promise< ActivityPage > {
	const response = await apiFetch< ActivityEntry[], false >( {
		path: `/keystone-oidc/v1/activity?${ searchFromQuery( query ) }`,
		parse: false,
	} );
	const entries = ( await response.json() ) as ActivityEntry[];
	return {
		entries,
		total: Number( response.headers.get( 'X-WP-Total' ) ?? 0 ),
		totalPages: Number( response.headers.get( 'X-WP-TotalPages' ) ?? 0 ),
	};
}

/** The site's users to filter by (the first hundred by name, as core's user picker offers). */
export async function fetchUserOptions(): Promise< NamedOption< number >[] > {
	const users = await apiFetch< Array< { id: number; name: string } > >( {
		path: '/wp/v2/users?per_page=100&orderby=name&_fields=id,name',
	} );
	return users.map( ( user ) => ( { value: user.id, label: user.name } ) );
}
