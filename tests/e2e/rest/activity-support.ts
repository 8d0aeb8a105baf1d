/**
 * The activity log as the REST API answers it (`GET /activity`), shared by the REST and the
 * screen specs.
 */
import { expect } from '../support/test';
import type { RestSession } from '../support/wp';
import { route } from './support';

export interface ActivityEntry {
	id: number;
	date: string;
	event: string;
	client_id: string;
	client_name: string | null;
	user_id: number;
	user_name: string | null;
	details: Record< string, unknown >;
}

export interface ActivityPage {
	entries: ActivityEntry[];
	total: number;
	totalPages: number;
}

export async function readActivity(
	admin: RestSession,
	query: Record< string, string | number > = {}
): Promise< ActivityPage > {
	const search = new URLSearchParams(
		Object.entries( query ).map( ( [ key, value ] ) => [
			key,
			String( value ),
		] )
	).toString();
	const response = await admin.get(
		route( `activity${ search ? `?${ search }` : '' }` )
	);
	const text = await response.text();
	expect( response.status(), text ).toBe( 200 );
	expect( response.headers()[ 'cache-control' ] ).toContain( 'no-store' );
	return {
		entries: JSON.parse( text ) as ActivityEntry[],
		total: Number( response.headers()[ 'x-wp-total' ] ),
		totalPages: Number( response.headers()[ 'x-wp-totalpages' ] ),
	};
}

/**
 * A header asking the query-counting must-use plugin (tests/e2e/support/mu-plugins/
 * keystone-test-activity.php) to keep, under `id`, the statements each request ran on the
 * activity log's table.
 */
export function countQueries( id: string ): Record< string, string > {
	return { 'X-Keystone-Test-Count-Queries': id };
}

/**
 * What the requests sent with `countQueries( id )` ran on the activity log's table: one list of
 * statements per request, in the order they ended.
 */
export async function activityStatements(
	admin: RestSession,
	id: string
): Promise< string[][] > {
	const response = await admin.get(
		`keystone-test/v1/queries?id=${ encodeURIComponent( id ) }`
	);
	const text = await response.text();
	expect( response.status(), text ).toBe( 200 );
	return JSON.parse( text ) as string[][];
}
