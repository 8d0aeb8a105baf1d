/**
 * `GET /activity` and what fills it: a real sign-in and its tokens, a refresh and its reuse, a
 * failed client authentication, a key rotation, an administrator's changes to a client, a
 * consent revoked. Then pagination, filters, their failures, retention through the cleanup job
 * and the cost rule (no query when nothing is logged, one INSERT when something is). Rotation and
 * a moved clock would disturb other specs, so this runs on a site of its own.
 */
import { test, expect } from '../support/test';
import { startOwnSite, type RunningSite } from '../support/site';
import { createUser, type RestSession, type WpUser } from '../support/wp';
import { client, discover, signedInContext } from '../protocol/support/flow';
import { raw } from '../protocol/support/http';
import {
	createClient,
	updateClient,
	deleteClient,
	endpoint,
	type TestClient,
} from '../protocol/support/provider';
import { revokeApplication } from '../protocol/support/applications';
import { expectError, route, session } from './support';
import {
	activityStatements,
	countQueries,
	produceEvents,
	readActivity,
	type ActivityEntry,
} from './activity-support';

let site: RunningSite;
let admin: RestSession;
let user: WpUser;
let rp: TestClient;
let startedAt: string;

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	test.setTimeout( 180_000 );
	site = await startOwnSite( `rest-activity-${ process.pid }`, [
		'--test-plugins',
	] );
	admin = await session();
	user = await createUser( 'subscriber' );
} );

test.afterAll( async () => {
	await admin?.dispose();
	await site?.stop();
} );

/**
 * The one entry of this event.
 */
function one( entries: ActivityEntry[], event: string ): ActivityEntry {
	const found = entries.filter( ( entry ) => entry.event === event );
	expect( found, event ).toHaveLength( 1 );
	return found[ 0 ] as ActivityEntry;
}

test( 'a sign-in, its tokens, a refresh, a reuse, a failed authentication, a rotation and client changes are logged', async ( {
	browser,
} ) => {
	startedAt = new Date( Date.now() - 2000 ).toISOString();
	rp = await createClient( { name: 'Activity RP' } );
	const { tokens, wrongSecret, kid } = await produceEvents(
		browser,
		user,
		rp,
		admin
	);

	await updateClient( rp.client_id, { name: 'Activity RP renamed' } );
	const reset = await admin.post(
		route( `clients/${ rp.client_id }/secret` )
	);
	expect( reset.status(), await reset.text() ).toBe( 200 );

	const userSession = await session( user.username, user.password );
	await revokeApplication( userSession, rp.client_id );
	await userSession.dispose();

	const { entries, total } = await readActivity( admin, {
		client_id: rp.client_id,
		per_page: 100,
	} );
	expect( total ).toBe( entries.length );
	const events = entries.map( ( entry ) => entry.event );
	// Newest first.
	expect( events ).toEqual( [
		'consent_revoked',
		'client_secret_reset',
		'client_updated',
		'client_auth_failed',
		'refresh_token_reused',
		'token_refreshed',
		'token_granted',
		'sign_in',
		'consent_given',
		'client_created',
	] );
	const ids = entries.map( ( entry ) => entry.id );
	expect( [ ...ids ].sort( ( a, b ) => b - a ) ).toEqual( ids );

	for ( const entry of entries ) {
		expect( entry.client_id ).toBe( rp.client_id );
		expect( entry.client_name ).toBe( 'Activity RP renamed' );
		expect( entry.date ).toMatch( /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/ );
	}
	const signedIn = one( entries, 'sign_in' );
	expect( signedIn.user_id ).toBe( user.id );
	expect( signedIn.user_name ).toBe( user.username );
	expect( signedIn.details ).toEqual( {
		scopes: [ 'openid', 'profile', 'email' ],
	} );
	expect( one( entries, 'consent_given' ).user_id ).toBe( user.id );
	expect( one( entries, 'token_granted' ) ).toMatchObject( {
		user_id: user.id,
		details: {
			grant_type: 'authorization_code',
			scope: 'openid profile email',
			refresh_token: true,
		},
	} );
	expect( one( entries, 'token_refreshed' ) ).toMatchObject( {
		user_id: user.id,
		details: { grant_type: 'refresh_token' },
	} );
	expect( one( entries, 'refresh_token_reused' ).user_id ).toBe( user.id );
	const authFailed = one( entries, 'client_auth_failed' );
	expect( authFailed.user_id ).toBe( 0 );
	expect( authFailed.details ).toEqual( {
		endpoint: 'token',
		method: 'client_secret_basic',
		reason: 'Client authentication failed',
	} );
	for ( const change of [
		'client_created',
		'client_updated',
		'client_secret_reset',
	] ) {
		expect( one( entries, change ).user_id, change ).toBe( 1 );
		expect( one( entries, change ).user_name, change ).toBe( 'admin' );
	}
	expect( one( entries, 'consent_revoked' ) ).toMatchObject( {
		user_id: user.id,
		details: { by: user.id },
	} );

	const everything = JSON.stringify( entries );
	expect( everything ).not.toContain( wrongSecret );
	expect( everything ).not.toContain( rp.client_secret as string );
	expect( everything ).not.toContain( tokens.refresh_token as string );
	expect( everything ).not.toContain( tokens.access_token );

	const keys = await readActivity( admin, { event: 'keys_rotated' } );
	expect( one( keys.entries, 'keys_rotated' ) ).toMatchObject( {
		event: 'keys_rotated',
		client_id: '',
		client_name: null,
		user_id: 1,
		details: { kid },
	} );

	await deleteClient( rp.client_id );
	const afterDelete = await readActivity( admin, {
		client_id: rp.client_id,
		event: 'client_deleted',
	} );
	// The client is gone: its entries stay, without a name.
	expect(
		one( afterDelete.entries, 'client_deleted' ).client_name
	).toBeNull();
} );

test( 'pages come newest first with core’s total headers', async () => {
	const all = await readActivity( admin, { per_page: 100 } );
	expect( all.total ).toBeGreaterThanOrEqual( 12 );
	const first = await readActivity( admin, { per_page: 5 } );
	const second = await readActivity( admin, { per_page: 5, page: 2 } );
	expect( first.total ).toBe( all.total );
	expect( first.totalPages ).toBe( Math.ceil( all.total / 5 ) );
	expect( first.entries.map( ( entry ) => entry.id ) ).toEqual(
		all.entries.slice( 0, 5 ).map( ( entry ) => entry.id )
	);
	expect( second.entries.map( ( entry ) => entry.id ) ).toEqual(
		all.entries.slice( 5, 10 ).map( ( entry ) => entry.id )
	);
	const beyond = await readActivity( admin, { per_page: 5, page: 999 } );
	expect( beyond.entries ).toEqual( [] );
	expect( beyond.total ).toBe( all.total );
} );

test( 'filters by user, by one or several events and by date', async () => {
	const mine = await readActivity( admin, {
		user_id: user.id,
		per_page: 100,
	} );
	expect( mine.total ).toBeGreaterThan( 0 );
	expect( mine.entries.every( ( entry ) => entry.user_id === user.id ) ).toBe(
		true
	);

	const several = await readActivity( admin, {
		event: 'sign_in,token_granted',
		per_page: 100,
	} );
	expect(
		new Set( several.entries.map( ( entry ) => entry.event ) )
	).toEqual( new Set( [ 'sign_in', 'token_granted' ] ) );

	const repeated = await admin.get(
		route( 'activity?event[]=sign_in&event[]=keys_rotated&per_page=100' )
	);
	expect( repeated.status() ).toBe( 200 );
	expect(
		new Set(
			( ( await repeated.json() ) as ActivityEntry[] ).map(
				( entry ) => entry.event
			)
		)
	).toEqual( new Set( [ 'sign_in', 'keys_rotated' ] ) );

	const since = await readActivity( admin, { after: startedAt } );
	expect( since.total ).toBeGreaterThan( 0 );
	const future = new Date( Date.now() + 3600_000 ).toISOString();
	expect( ( await readActivity( admin, { after: future } ) ).total ).toBe(
		0
	);
	expect( ( await readActivity( admin, { before: startedAt } ) ).total ).toBe(
		0
	);
} );

test( 'bad filters are refused with the parameter named', async () => {
	for ( const query of [
		'per_page=101',
		'per_page=0',
		'page=0',
		'user_id=abc',
		'user_id=0',
		'event=no_such_event',
		'event=sign_in,nope',
		'after=yesterday',
		'before=2026-13-45T00:00:00Z',
		'client_id=',
	] ) {
		const body = await expectError(
			await admin.get( route( `activity?${ query }` ) ),
			400,
			'rest_invalid_param'
		);
		expect( body.message, query ).toContain( query.split( '=' )[ 0 ] );
	}
	await expectError(
		await admin.get(
			route(
				'activity?after=2026-02-01T00:00:00Z&before=2026-01-01T00:00:00Z'
			)
		),
		400,
		'keystone_oidc_invalid_date_range'
	);
} );

test( 'only administrators read the log', async ( { playwright } ) => {
	const anonymous = await playwright.request.newContext();
	const response = await anonymous.get(
		`${ site.url }/?rest_route=/keystone-oidc/v1/activity`
	);
	await expectError( response, 401, 'keystone_oidc_forbidden' );
	await anonymous.dispose();

	const subscriber = await session( user.username, user.password );
	await expectError(
		await subscriber.get( route( 'activity' ) ),
		403,
		'keystone_oidc_forbidden'
	);
	await subscriber.dispose();
} );

test( 'activity_retention_days is a setting with bounds', async () => {
	const current = await admin.get( route( 'settings' ) );
	expect(
		( ( await current.json() ) as { activity_retention_days: number } )
			.activity_retention_days
	).toBe( 90 );
	for ( const value of [ 0, 3651, -1, 1.5, '30', null ] ) {
		await expectError(
			await admin.put( route( 'settings' ), {
				activity_retention_days: value,
			} ),
			400,
			'keystone_oidc_invalid_activity_retention_days'
		);
	}
	const saved = await admin.put( route( 'settings' ), {
		activity_retention_days: 30,
	} );
	expect( saved.status(), await saved.text() ).toBe( 200 );
	expect(
		( ( await saved.json() ) as { activity_retention_days: number } )
			.activity_retention_days
	).toBe( 30 );
} );

test( 'a request that logs nothing costs no query; one that logs costs one INSERT', async ( {
	browser,
} ) => {
	const page = await fetch( `${ site.url }/`, {
		headers: countQueries( 'page-view' ),
	} );
	expect( page.status ).toBe( 200 );
	const rest = await fetch( `${ site.url }/?rest_route=/`, {
		headers: countQueries( 'page-view' ),
	} );
	expect( rest.status ).toBe( 200 );
	expect( await activityStatements( admin, 'page-view' ) ).toEqual( [
		[],
		[],
	] );

	const machine = await createClient( {
		grant_types: [ 'client_credentials' ],
	} );
	const granted = await raw( 'token', {
		form: { grant_type: 'client_credentials' },
		basic: {
			id: machine.client_id,
			secret: machine.client_secret as string,
		},
		headers: countQueries( 'token' ),
	} );
	expect( granted.status, granted.text ).toBe( 200 );
	const [ token ] = await activityStatements( admin, 'token' );
	expect( token ).toHaveLength( 1 );
	expect( token?.[ 0 ] ).toMatch( /^INSERT INTO \S+oidc_activity/ );

	// Consenting logs two events (consent given, sign-in): still one INSERT, with both rows; the
	// consent page before it logs nothing.
	const other = await createClient();
	const context = await signedInContext( browser, user );
	await context.setExtraHTTPHeaders( countQueries( 'consent' ) );
	const config = await discover( other );
	const url = client.buildAuthorizationUrl( config, {
		redirect_uri: other.redirectUri,
		scope: 'openid',
		state: 'count',
		code_challenge: await client.calculatePKCECodeChallenge(
			client.randomPKCECodeVerifier()
		),
		code_challenge_method: 'S256',
	} );
	expect( url.href.startsWith( endpoint( 'authorize' ) ) ).toBe( true );
	const consentPage = await context.newPage();
	await consentPage.route(
		( target ) => target.href.startsWith( other.redirectUri ),
		( handled ) => handled.fulfill( { status: 200, body: 'ok' } )
	);
	await consentPage.goto( url.href );
	await consentPage
		.getByRole( 'button', { name: 'Allow', exact: true } )
		.click();
	await consentPage.waitForURL( ( target ) =>
		target.href.startsWith( other.redirectUri )
	);
	await context.close();
	const writes = ( await activityStatements( admin, 'consent' ) ).filter(
		( statements ) => statements.length > 0
	);
	expect( writes ).toHaveLength( 1 );
	expect( writes[ 0 ] ).toHaveLength( 1 );
	const insert = writes[ 0 ]?.[ 0 ] ?? '';
	expect( insert ).toMatch( /^INSERT INTO \S+oidc_activity/ );
	expect( insert ).toContain( "'consent_given'" );
	expect( insert ).toContain( "'sign_in'" );
} );

test( 'the cleanup job deletes entries older than the retention', async () => {
	const before = await readActivity( admin );
	expect( before.total ).toBeGreaterThan( 0 );
	const saved = await admin.put( route( 'settings' ), {
		activity_retention_days: 1,
	} );
	expect( saved.status() ).toBe( 200 );

	// Still within a day: nothing goes.
	let ran = await admin.post( 'keystone-test/v1/cleanup' );
	expect( ran.status() ).toBe( 200 );
	expect( ( await readActivity( admin ) ).total ).toBe( before.total );

	const moved = await admin.post( 'keystone-test/v1/clock', {
		offset: 2 * 86400,
	} );
	expect( moved.status() ).toBe( 200 );
	try {
		ran = await admin.post( 'keystone-test/v1/cleanup' );
		expect( ran.status() ).toBe( 200 );
	} finally {
		await admin.post( 'keystone-test/v1/clock', { offset: 0 } );
	}
	expect( ( await readActivity( admin ) ).total ).toBe( 0 );
} );
