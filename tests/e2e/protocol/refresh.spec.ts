/**
 * Refresh tokens: single-use rotation, and reuse detection that revokes the whole family.
 */
import { test, expect } from './support/fixtures';
import { client, discover, signIn, type Tokens } from './support/flow';
import { expectChallenge, expectOAuthError, raw } from './support/http';
import { verifyAccessToken, verifyIdToken } from './support/jwt';
import { createClient, type TestClient } from './support/provider';

const REFRESH_LIFETIME = 30 * 24 * 3600;

function refreshForm(
	refreshToken: string,
	extra: Record< string, string > = {}
): Record< string, string > {
	return {
		grant_type: 'refresh_token',
		refresh_token: refreshToken,
		...extra,
	};
}

function basic( testClient: TestClient ) {
	return {
		id: testClient.client_id,
		secret: testClient.client_secret as string,
	};
}

function refreshTokenOf( tokens: Tokens ): string {
	expect( typeof tokens.refresh_token ).toBe( 'string' );
	return tokens.refresh_token as string;
}

test( 'a refresh rotates the refresh token and issues a new ID token for the client', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const { flow, tokens } = await signIn( signedIn, testClient, {
		scope: 'openid profile email',
	} );
	const first = refreshTokenOf( tokens );
	const refreshed = await client.refreshTokenGrant( flow.config, first );
	const second = refreshTokenOf( refreshed );
	expect( second ).not.toBe( first );
	expect( refreshed.access_token ).not.toBe( tokens.access_token );
	expect( typeof refreshed.id_token ).toBe( 'string' );
	const idToken = await verifyIdToken( refreshed.id_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		nonce: flow.nonce,
		accessToken: refreshed.access_token,
		refreshed: true,
	} );
	const original = tokens.claims();
	expect( idToken.sub ).toBe( original?.sub );
	expect( idToken.auth_time ).toBe( original?.auth_time );
	const accessToken = await verifyAccessToken( refreshed.access_token, {
		clientId: testClient.client_id,
		userId: user.id,
		scope: 'openid profile email',
	} );
	expect( refreshed.scope ).toBe( tokens.scope );
	expect( accessToken.jti ).not.toBe(
		(
			await verifyAccessToken( tokens.access_token, {
				clientId: testClient.client_id,
				userId: user.id,
				scope: 'openid profile email',
			} )
		).jti
	);

	const third = await client.refreshTokenGrant( flow.config, second );
	expect( refreshTokenOf( third ) ).not.toBe( second );
} );

test( 'a refresh answer carries the token endpoint headers and fields', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient, {
		method: 'client_secret_post',
	} );
	const response = await raw( 'token', {
		form: refreshForm( refreshTokenOf( tokens ), {
			client_id: testClient.client_id,
			client_secret: testClient.client_secret as string,
		} ),
	} );
	expect( response.status, response.text ).toBe( 200 );
	expect( response.headers.get( 'cache-control' ) ).toContain( 'no-store' );
	expect( response.headers.get( 'pragma' ) ).toBe( 'no-cache' );
	expect( response.json.token_type ).toBe( 'Bearer' );
	expect( response.json.expires_in ).toBe( 3600 );
	expect( typeof response.json.refresh_token ).toBe( 'string' );
	expect( typeof response.json.id_token ).toBe( 'string' );
} );

test( 'reusing a rotated refresh token → invalid_grant and the whole family is revoked', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { flow, tokens } = await signIn( signedIn, testClient );
	const first = refreshTokenOf( tokens );
	const refreshed = await client.refreshTokenGrant( flow.config, first );
	const newest = refreshTokenOf( refreshed );
	expect(
		( await raw( 'userinfo', { bearer: refreshed.access_token } ) ).status
	).toBe( 200 );

	expectOAuthError(
		await raw( 'token', {
			form: refreshForm( first ),
			basic: basic( testClient ),
		} ),
		400,
		'invalid_grant'
	);
	expectOAuthError(
		await raw( 'token', {
			form: refreshForm( newest ),
			basic: basic( testClient ),
		} ),
		400,
		'invalid_grant'
	);
	for ( const accessToken of [
		tokens.access_token,
		refreshed.access_token,
	] ) {
		expectChallenge(
			await raw( 'userinfo', { bearer: accessToken } ),
			'invalid_token',
			'Bearer'
		);
	}
} );

test( 'reuse detection through openid-client surfaces invalid_grant', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { flow, tokens } = await signIn( signedIn, testClient );
	const first = refreshTokenOf( tokens );
	await client.refreshTokenGrant( flow.config, first );
	const failure = await client.refreshTokenGrant( flow.config, first ).then(
		() => null,
		( error: unknown ) => error
	);
	expect( failure ).toBeInstanceOf( client.ResponseBodyError );
	expect( ( failure as client.ResponseBodyError ).error ).toBe(
		'invalid_grant'
	);
	expect( ( failure as client.ResponseBodyError ).status ).toBe( 400 );
} );

test( '20 parallel refreshes of one refresh token: exactly one succeeds', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient );
	const form = refreshForm( refreshTokenOf( tokens ) );
	const responses = await Promise.all(
		Array.from( { length: 20 }, () =>
			raw( 'token', { form, basic: basic( testClient ) } )
		)
	);
	expect(
		responses.filter( ( response ) => response.status === 200 )
	).toHaveLength( 1 );
	for ( const response of responses ) {
		if ( response.status !== 200 ) {
			expectOAuthError( response, 400, 'invalid_grant' );
		}
	}
} );

test( "a client presenting another client's refresh token → invalid_grant", async ( {
	signedIn,
} ) => {
	const owner = await createClient();
	const thief = await createClient();
	const { tokens } = await signIn( signedIn, owner );
	expectOAuthError(
		await raw( 'token', {
			form: refreshForm( refreshTokenOf( tokens ) ),
			basic: basic( thief ),
		} ),
		400,
		'invalid_grant'
	);
} );

test( 'a refresh without client authentication → 401 invalid_client', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient );
	expectChallenge(
		await raw( 'token', {
			form: refreshForm( refreshTokenOf( tokens ), {
				client_id: testClient.client_id,
			} ),
		} ),
		'invalid_client'
	);
} );

test( 'an unknown refresh token → invalid_grant', async () => {
	const testClient = await createClient();
	expectOAuthError(
		await raw( 'token', {
			form: refreshForm( 'made-up-refresh-token' ),
			basic: basic( testClient ),
		} ),
		400,
		'invalid_grant'
	);
} );

test( 'an expired refresh token (30 days later) → invalid_grant', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient );
	expectOAuthError(
		await raw( 'token', {
			form: refreshForm( refreshTokenOf( tokens ) ),
			basic: basic( testClient ),
			clockOffset: REFRESH_LIFETIME + 60,
		} ),
		400,
		'invalid_grant'
	);
} );

test( 'a public client refreshes with its client_id alone', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient( { type: 'public' } );
	const { flow, tokens } = await signIn( signedIn, testClient );
	const config = await discover( testClient, 'none' );
	const refreshed = await client.refreshTokenGrant(
		config,
		refreshTokenOf( tokens )
	);
	await verifyIdToken( refreshed.id_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		nonce: flow.nonce,
		accessToken: refreshed.access_token,
		refreshed: true,
	} );
} );

test( 'a refresh may narrow the scope, never widen it', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient, {
		scope: 'openid profile',
	} );
	const widened = await raw( 'token', {
		form: refreshForm( refreshTokenOf( tokens ), {
			scope: 'openid profile email',
		} ),
		basic: basic( testClient ),
	} );
	expectOAuthError( widened, 400, 'invalid_scope' );

	const narrowed = await raw( 'token', {
		form: refreshForm( refreshTokenOf( tokens ), { scope: 'openid' } ),
		basic: basic( testClient ),
	} );
	expect( narrowed.status, narrowed.text ).toBe( 200 );
	expect( narrowed.json.scope ).toBe( 'openid' );
	await verifyAccessToken( narrowed.json.access_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		scope: 'openid',
	} );
	const claims = await raw( 'userinfo', {
		bearer: narrowed.json.access_token as string,
	} );
	expect( claims.json ).toEqual( { sub: String( user.id ) } );
} );

test( 'a client with refresh_tokens off gets none, and the grant → unauthorized_client', async ( {
	signedIn,
} ) => {
	const testClient = await createClient( { refresh_tokens: false } );
	const { tokens } = await signIn( signedIn, testClient );
	expect( tokens.refresh_token ).toBeUndefined();
	expectOAuthError(
		await raw( 'token', {
			form: refreshForm( 'any-refresh-token' ),
			basic: basic( testClient ),
		} ),
		400,
		'unauthorized_client'
	);
} );
