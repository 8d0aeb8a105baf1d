/**
 * `/settings`, `/keys/rotate` and `/tokens/revoke-all`. Rotation, a moved clock and revoking every
 * token would disturb specs running at the same time, so these run on a site of their own.
 */
import { calculateJwkThumbprint, type JWK } from 'jose';
import { test, expect } from '../support/test';
import { startOwnSite, type RunningSite } from '../support/site';
import { createUser, type RestSession } from '../support/wp';
import { signIn, signedInContext } from '../protocol/support/flow';
import {
	expectChallenge,
	expectOAuthError,
	raw,
} from '../protocol/support/http';
import { callbackUri } from '../protocol/support/provider';
import { createClient, route, session, type Settings } from './support';

let site: RunningSite;
let admin: RestSession;

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	test.setTimeout( 180_000 );
	site = await startOwnSite( `rest-keys-${ process.pid }`, [
		'--test-plugins',
	] );
	admin = await session();
} );

test.afterAll( async () => {
	await admin?.dispose();
	await site?.stop();
} );

async function settings(): Promise< Settings > {
	const response = await admin.get( route( 'settings' ) );
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( await response.json() ) as Settings;
}

async function jwks(): Promise< JWK[] > {
	const response = await admin.request.get(
		`${ site.url }/wenisch-tech/keystone-oidc/oauth/jwks`
	);
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( ( await response.json() ) as { keys: JWK[] } ).keys;
}

async function moveClock( offset: number ): Promise< void > {
	const response = await admin.post( 'keystone-test/v1/clock', { offset } );
	expect( response.status(), await response.text() ).toBe( 200 );
}

function current( all: Settings[ 'keys' ], alg: string ) {
	return all.filter( ( key ) => key.alg === alg && key.retired_at === null );
}

test( 'settings describe the provider', async () => {
	const body = await settings();
	const issuer = site.url.replace( /\/$/, '' );
	const base = `${ issuer }/wenisch-tech/keystone-oidc`;

	expect( body.issuer ).toBe( issuer );
	expect( body.discovery_url ).toBe(
		`${ issuer }/.well-known/openid-configuration`
	);
	expect( body.endpoints ).toMatchObject( {
		discovery: `${ issuer }/.well-known/openid-configuration`,
		'discovery-local': `${ base }/.well-known/openid-configuration`,
		'as-metadata': `${ issuer }/.well-known/oauth-authorization-server`,
		authorize: `${ base }/oauth/authorize`,
		token: `${ base }/oauth/token`,
		userinfo: `${ base }/oauth/userinfo`,
		jwks: `${ base }/oauth/jwks`,
	} );
	for ( const url of Object.values( body.endpoints ) ) {
		expect( url.startsWith( issuer + '/' ) ).toBe( true );
	}
	expect( body.version ).toMatch( /^\d+\.\d+\.\d+/ );
	expect( body.pretty_permalinks ).toBe( true );
	expect( body.scopes_supported ).toEqual(
		expect.arrayContaining( [ 'openid', 'profile', 'email' ] )
	);
	expect( body.roles.map( ( role ) => role.slug ) ).toEqual(
		expect.arrayContaining( [ 'administrator', 'subscriber' ] )
	);

	const rs256 = current( body.keys, 'RS256' );
	const es256 = current( body.keys, 'ES256' );
	expect( rs256 ).toHaveLength( 1 );
	expect( es256 ).toHaveLength( 1 );
	expect( body.kid ).toBe( rs256[ 0 ]?.kid );
	expect( JSON.stringify( body ) ).not.toMatch( /PRIVATE KEY|private/i );
} );

test( 'the published keys carry kid, use and alg, and each kid is the RFC 7638 thumbprint', async () => {
	const body = await settings();
	const keys = await jwks();
	expect( keys.map( ( key ) => key.kid ).sort() ).toEqual(
		body.keys.map( ( key ) => key.kid ).sort()
	);
	for ( const key of keys ) {
		expect( key.use ).toBe( 'sig' );
		expect( [ 'RS256', 'ES256' ] ).toContain( key.alg );
		expect( key ).not.toHaveProperty( 'd' );
		expect( key.kid ).toBe( await calculateJwkThumbprint( key ) );
	}
} );

test( 'rotation makes a new current key and keeps the old one published until its tokens expire', async () => {
	const before = await settings();
	const response = await admin.post( route( 'keys/rotate' ) );
	expect( response.status(), await response.text() ).toBe( 200 );
	const { kid } = ( await response.json() ) as { kid: string };
	expect( kid ).not.toBe( before.kid );

	const after = await settings();
	expect( after.kid ).toBe( kid );
	expect( current( after.keys, 'RS256' ).map( ( key ) => key.kid ) ).toEqual(
		[ kid ]
	);
	expect( current( after.keys, 'ES256' ) ).toHaveLength( 1 );
	expect( current( after.keys, 'ES256' )[ 0 ]?.kid ).not.toBe(
		current( before.keys, 'ES256' )[ 0 ]?.kid
	);

	const retired = after.keys.find( ( key ) => key.kid === before.kid );
	expect( retired?.retired_at ).toEqual( expect.any( Number ) );
	// Published for as long as an ID or access token lives (one hour by default).
	expect( ( retired?.expires_at ?? 0 ) - ( retired?.retired_at ?? 0 ) ).toBe(
		3600
	);

	const published = ( await jwks() ).map( ( key ) => key.kid );
	expect( published ).toEqual(
		expect.arrayContaining( [ kid, before.kid ] )
	);
	expect( published ).toHaveLength( 4 );
} );

test( 'a retired key leaves once every token it signed has expired', async () => {
	const before = await settings();
	const retiredEarlier = before.keys.filter(
		( key ) => key.retired_at !== null
	);
	expect( retiredEarlier ).toHaveLength( 2 );

	try {
		await moveClock( 3601 );
		const response = await admin.post( route( 'keys/rotate' ) );
		expect( response.status() ).toBe( 200 );
	} finally {
		await moveClock( 0 );
	}

	const after = await settings();
	const kids = after.keys.map( ( key ) => key.kid );
	for ( const key of retiredEarlier ) {
		expect( kids ).not.toContain( key.kid );
	}
	expect( kids ).toContain( before.kid );
	expect( after.keys ).toHaveLength( 4 );
	const published = ( await jwks() ).map( ( key ) => key.kid );
	expect( published.sort() ).toEqual( [ ...kids ].sort() );
} );

test( 'revoke-all revokes every live token; rotation does not', async ( {
	browser,
} ) => {
	const user = await createUser( 'subscriber' );
	const context = await signedInContext( browser, user );
	const created = await createClient( admin, {
		redirect_uris: [ callbackUri() ],
	} );
	const testClient = {
		...created,
		client_secret: created.client_secret ?? undefined,
		redirectUri: callbackUri(),
	};
	const { tokens } = await signIn( context, testClient );
	await context.close();
	expect( tokens.refresh_token ).toBeTruthy();
	const credentials = {
		id: testClient.client_id,
		secret: testClient.client_secret as string,
	};

	const rotated = await admin.post( route( 'keys/rotate' ) );
	expect( rotated.status() ).toBe( 200 );
	const userinfo = await raw( 'userinfo', { bearer: tokens.access_token } );
	expect( userinfo.status, userinfo.text ).toBe( 200 );

	const response = await admin.post( route( 'tokens/revoke-all' ) );
	expect( response.status(), await response.text() ).toBe( 200 );
	const { revoked } = ( await response.json() ) as { revoked: number };
	// At least the access and the refresh token of this sign-in.
	expect( revoked ).toBeGreaterThanOrEqual( 2 );

	expectChallenge(
		await raw( 'userinfo', { bearer: tokens.access_token } ),
		'invalid_token',
		'Bearer'
	);
	expectOAuthError(
		await raw( 'token', {
			form: {
				grant_type: 'refresh_token',
				refresh_token: tokens.refresh_token as string,
			},
			basic: credentials,
		} ),
		400,
		'invalid_grant'
	);

	const again = await admin.post( route( 'tokens/revoke-all' ) );
	expect( await again.json() ).toEqual( { revoked: 0 } );
} );

interface PluginState {
	tables: Record< string, number | null >;
}

async function state(): Promise< PluginState > {
	const response = await admin.get( 'keystone-test/v1/state' );
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( await response.json() ) as PluginState;
}

/**
 * Runs the hourly job with the provider's clock moved by `offset` seconds for that request only.
 */
async function cleanup( offset: number ): Promise< void > {
	const response = await admin.request.post(
		`${ site.url }/wp-json/keystone-test/v1/cleanup`,
		{
			headers: {
				'X-WP-Nonce': admin.nonce,
				'X-Keystone-Test-Clock-Offset': String( offset ),
			},
		}
	);
	expect( response.status(), await response.text() ).toBe( 200 );
}

test( 'cleanup deletes expired codes, expired and long-revoked tokens and unneeded keys, and keeps the rest', async ( {
	browser,
} ) => {
	// The revoked tokens of the previous test, plus a live sign-in.
	const user = await createUser( 'subscriber' );
	const context = await signedInContext( browser, user );
	const created = await createClient( admin, {
		redirect_uris: [ callbackUri() ],
	} );
	const testClient = {
		...created,
		client_secret: created.client_secret ?? undefined,
		redirectUri: callbackUri(),
	};
	const { tokens } = await signIn( context, testClient );
	await context.close();

	const before = await state();
	expect( before.tables.oidc_auth_codes ).toBe( 2 );
	expect( before.tables.oidc_tokens ).toBe( 4 );
	expect( ( await settings() ).keys.length ).toBeGreaterThan( 2 );

	await cleanup( 0 );
	expect( ( await state() ).tables, 'nothing has expired yet' ).toEqual(
		before.tables
	);

	// A day and a bit later: codes (60 seconds) and access tokens (1 hour) have expired, the revoked
	// tokens were revoked over a day ago, the refresh token (30 days) still lives.
	await cleanup( 86400 + 700 );
	const after = await state();
	expect( after.tables.oidc_auth_codes ).toBe( 0 );
	expect( after.tables.oidc_tokens ).toBe( 1 );
	const keys = ( await settings() ).keys;
	expect( keys.map( ( key ) => key.retired_at ) ).toEqual( [ null, null ] );

	const refreshed = await raw( 'token', {
		form: {
			grant_type: 'refresh_token',
			refresh_token: tokens.refresh_token as string,
		},
		basic: {
			id: testClient.client_id,
			secret: testClient.client_secret as string,
		},
	} );
	expect( refreshed.status, refreshed.text ).toBe( 200 );
} );
