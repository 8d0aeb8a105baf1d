/**
 * The activity log as the REST API answers it (`GET /activity`), shared by the REST and the
 * screen specs.
 */
import type { Browser } from '@playwright/test';
import { expect } from '../support/test';
import type { RestSession, WpUser } from '../support/wp';
import {
	client,
	discover,
	signIn,
	signedInContext,
	type Tokens,
} from '../protocol/support/flow';
import { expectOAuthError, raw } from '../protocol/support/http';
import type { TestClient } from '../protocol/support/provider';
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

export interface ProducedEvents {
	tokens: Tokens;
	/** The secret the failed client authentication sent: never to be found in the log. */
	wrongSecret: string;
	/** The RS256 key the rotation made. */
	kid: string;
}

/**
 * What fills the log, done for real: the user signs in to `rp` in Chromium (consent, sign-in,
 * tokens), the client refreshes, then presents the used refresh token again (reuse), then
 * authenticates with a wrong secret; the administrator rotates the signing keys.
 */
export async function produceEvents(
	browser: Browser,
	user: WpUser,
	rp: TestClient,
	admin: RestSession
): Promise< ProducedEvents > {
	const context = await signedInContext( browser, user );
	const { tokens } = await signIn( context, rp );
	await context.close();

	const refreshed = await client.refreshTokenGrant(
		await discover( rp ),
		tokens.refresh_token as string
	);
	expect( refreshed.access_token ).toBeTruthy();
	const reuse = await raw( 'token', {
		form: {
			grant_type: 'refresh_token',
			refresh_token: tokens.refresh_token as string,
		},
		basic: { id: rp.client_id, secret: rp.client_secret as string },
	} );
	expectOAuthError( reuse, 400, 'invalid_grant' );

	const wrongSecret = `wrong-${ Date.now() }`;
	const failed = await raw( 'token', {
		form: { grant_type: 'authorization_code', code: 'x' },
		basic: { id: rp.client_id, secret: wrongSecret },
	} );
	expectOAuthError( failed, 401, 'invalid_client' );

	const rotated = await admin.post( route( 'keys/rotate' ) );
	expect( rotated.status(), await rotated.text() ).toBe( 200 );
	const { kid } = ( await rotated.json() ) as { kid: string };
	return { tokens, wrongSecret, kid };
}
