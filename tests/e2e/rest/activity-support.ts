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
 * The statements a request sent with `X-Keystone-Test-Count-Queries: 1` ran on the activity log's
 * table (tests/e2e/support/mu-plugins/keystone-test-activity.php).
 */
export function activityStatements(
	headers: Record< string, string > | Headers
): string[] {
	const value =
		headers instanceof Headers
			? headers.get( 'x-keystone-test-activity-queries' )
			: headers[ 'x-keystone-test-activity-queries' ];
	expect( value, 'the query-counting must-use plugin answered' ).toBeTruthy();
	return JSON.parse(
		Buffer.from( value as string, 'base64' ).toString( 'utf8' )
	) as string[];
}

export const COUNT_QUERIES = { 'X-Keystone-Test-Count-Queries': '1' };
