/**
 * The token endpoint: both client authentication methods, public clients with PKCE, and every
 * rule's failing case with its status and exact error code.
 */
import { test, expect } from './support/fixtures';
import { authorizeCode, client, discover, redeem } from './support/flow';
import { expectChallenge, expectOAuthError, raw } from './support/http';
import { verifyAccessToken, verifyIdToken } from './support/jwt';
import {
	callbackUri,
	createClient,
	resetSecret,
	type EndpointName,
	type TestClient,
} from './support/provider';

// Codes live 60 seconds by default: enough for a redirect and a back-channel call, no more.
const CODE_LIFETIME = 60;

function codeGrant(
	testClient: TestClient,
	code: string,
	extra: Record< string, string > = {}
): Record< string, string > {
	return {
		grant_type: 'authorization_code',
		code,
		redirect_uri: testClient.redirectUri,
		...extra,
	};
}

function basic( testClient: TestClient, secret = testClient.client_secret ) {
	return { id: testClient.client_id, secret: secret as string };
}

test( 'client_secret_basic: the code becomes verified tokens with the right headers', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const flow = await authorizeCode( signedIn, testClient, {
		scope: 'openid profile',
	} );
	const response = await raw( 'token', {
		form: codeGrant( testClient, flow.code, {
			code_verifier: flow.codeVerifier as string,
		} ),
		basic: basic( testClient ),
	} );
	expect( response.status, response.text ).toBe( 200 );
	expect( response.headers.get( 'content-type' ) ).toMatch(
		/^application\/json/
	);
	expect( response.headers.get( 'cache-control' ) ).toContain( 'no-store' );
	expect( response.headers.get( 'pragma' ) ).toBe( 'no-cache' );
	const body = response.json;
	expect( body.token_type ).toBe( 'Bearer' );
	expect( body.expires_in ).toBe( 3600 );
	expect( body.scope ).toBe( 'openid profile' );
	expect( typeof body.refresh_token ).toBe( 'string' );
	expect( ( body.refresh_token as string ).length ).toBeGreaterThanOrEqual(
		32
	);
	expect( ( body.refresh_token as string ).split( '.' ) ).toHaveLength( 1 );
	await verifyAccessToken( body.access_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		scope: 'openid profile',
	} );
	const idToken = await verifyIdToken( body.id_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		nonce: flow.nonce,
		accessToken: body.access_token as string,
	} );
	expect( idToken.name ).toBe( user.displayName );
	expect( idToken ).not.toHaveProperty( 'email' );
} );

test( 'client_secret_post through openid-client', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const flow = await authorizeCode( signedIn, testClient, {
		method: 'client_secret_post',
	} );
	const tokens = await redeem( flow );
	await verifyIdToken( tokens.id_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		nonce: flow.nonce,
		accessToken: tokens.access_token,
	} );
	expect( tokens.claims()?.nonce ).toBe( flow.nonce );
} );

test( 'client_secret_basic through openid-client, without a nonce', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const flow = await authorizeCode( signedIn, testClient, {
		method: 'client_secret_basic',
		nonce: null,
	} );
	const tokens = await redeem( flow );
	await verifyIdToken( tokens.id_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		accessToken: tokens.access_token,
	} );
} );

test( 'a public client signs in with PKCE S256 and no secret', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient( { type: 'public' } );
	const flow = await authorizeCode( signedIn, testClient, {
		method: 'none',
	} );
	const tokens = await redeem( flow );
	await verifyIdToken( tokens.id_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		nonce: flow.nonce,
		accessToken: tokens.access_token,
	} );
} );

test( 'a public client must send the code_verifier', async ( { signedIn } ) => {
	const testClient = await createClient( { type: 'public' } );
	const flow = await authorizeCode( signedIn, testClient, {
		method: 'none',
	} );
	expectOAuthError(
		await raw( 'token', {
			form: codeGrant( testClient, flow.code, {
				client_id: testClient.client_id,
			} ),
		} ),
		400,
		'invalid_grant'
	);
} );

test( 'a wrong PKCE verifier → invalid_grant', async ( { signedIn } ) => {
	const testClient = await createClient();
	const flow = await authorizeCode( signedIn, testClient );
	expectOAuthError(
		await raw( 'token', {
			form: codeGrant( testClient, flow.code, {
				code_verifier: client.randomPKCECodeVerifier(),
			} ),
			basic: basic( testClient ),
		} ),
		400,
		'invalid_grant'
	);
} );

test( 'a code sent with a challenge cannot be redeemed without its verifier', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const flow = await authorizeCode( signedIn, testClient );
	expectOAuthError(
		await raw( 'token', {
			form: codeGrant( testClient, flow.code ),
			basic: basic( testClient ),
		} ),
		400,
		'invalid_grant'
	);
} );

test.describe( 'a confidential client always authenticates', () => {
	test( 'no secret at all → 401 invalid_client', async ( { signedIn } ) => {
		const testClient = await createClient();
		const flow = await authorizeCode( signedIn, testClient );
		expectChallenge(
			await raw( 'token', {
				form: codeGrant( testClient, flow.code, {
					client_id: testClient.client_id,
					code_verifier: flow.codeVerifier as string,
				} ),
			} ),
			'invalid_client'
		);
	} );

	test( 'a wrong secret with HTTP Basic → 401 invalid_client', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient();
		const flow = await authorizeCode( signedIn, testClient );
		expectChallenge(
			await raw( 'token', {
				form: codeGrant( testClient, flow.code, {
					code_verifier: flow.codeVerifier as string,
				} ),
				basic: basic( testClient, 'not-the-secret' ),
			} ),
			'invalid_client',
			'Basic'
		);
	} );

	test( 'a wrong secret in the body → 401 invalid_client', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient();
		const flow = await authorizeCode( signedIn, testClient );
		expectChallenge(
			await raw( 'token', {
				form: codeGrant( testClient, flow.code, {
					client_id: testClient.client_id,
					client_secret: `${ testClient.client_secret }x`,
					code_verifier: flow.codeVerifier as string,
				} ),
			} ),
			'invalid_client'
		);
	} );

	test( 'an unknown client → 401 invalid_client', async () => {
		expectChallenge(
			await raw( 'token', {
				form: {
					grant_type: 'authorization_code',
					code: 'whatever',
					redirect_uri: callbackUri(),
				},
				basic: { id: 'no-such-client', secret: 'nothing' },
			} ),
			'invalid_client',
			'Basic'
		);
	} );

	test( 'openid-client with the wrong secret gets invalid_client', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient();
		const flow = await authorizeCode( signedIn, testClient );
		flow.config = await discover(
			testClient,
			'client_secret_basic',
			'wrong-secret'
		);
		const failure = await redeem( flow ).then(
			() => null,
			( error: unknown ) => error
		);
		// A 401 with a challenge surfaces as the challenge, the JSON body still readable.
		expect( failure ).toBeInstanceOf(
			client.WWWAuthenticateChallengeError
		);
		const error = failure as client.WWWAuthenticateChallengeError;
		expect( error.status ).toBe( 401 );
		const body = ( await error.response.json() ) as { error?: string };
		expect( body.error ).toBe( 'invalid_client' );
	} );
} );

test( 'resetting a secret makes the old one fail at the token endpoint', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const oldSecret = testClient.client_secret as string;
	const newSecret = await resetSecret( testClient.client_id );
	expect( newSecret ).not.toBe( oldSecret );
	const flow = await authorizeCode( signedIn, testClient );
	const form = codeGrant( testClient, flow.code, {
		code_verifier: flow.codeVerifier as string,
	} );
	expectChallenge(
		await raw( 'token', { form, basic: basic( testClient, oldSecret ) } ),
		'invalid_client',
		'Basic'
	);
	const fresh = await raw( 'token', {
		form,
		basic: basic( testClient, newSecret ),
	} );
	expect( fresh.status, fresh.text ).toBe( 200 );
} );

test( 'a second use of a code → invalid_grant, and the tokens from the first are revoked', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const flow = await authorizeCode( signedIn, testClient );
	const form = codeGrant( testClient, flow.code, {
		code_verifier: flow.codeVerifier as string,
	} );
	const first = await raw( 'token', { form, basic: basic( testClient ) } );
	expect( first.status, first.text ).toBe( 200 );
	const accessToken = first.json.access_token as string;
	expect( ( await raw( 'userinfo', { bearer: accessToken } ) ).status ).toBe(
		200
	);

	expectOAuthError(
		await raw( 'token', { form, basic: basic( testClient ) } ),
		400,
		'invalid_grant'
	);
	expectChallenge(
		await raw( 'userinfo', { bearer: accessToken } ),
		'invalid_token',
		'Bearer'
	);
	expectOAuthError(
		await raw( 'token', {
			form: {
				grant_type: 'refresh_token',
				refresh_token: first.json.refresh_token as string,
			},
			basic: basic( testClient ),
		} ),
		400,
		'invalid_grant'
	);
} );

test( '20 parallel redemptions of one code: exactly one succeeds', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const flow = await authorizeCode( signedIn, testClient );
	const form = codeGrant( testClient, flow.code, {
		code_verifier: flow.codeVerifier as string,
	} );
	const responses = await Promise.all(
		Array.from( { length: 20 }, () =>
			raw( 'token', { form, basic: basic( testClient ) } )
		)
	);
	const statuses = responses.map( ( response ) => response.status );
	expect( statuses.filter( ( status ) => status === 200 ) ).toHaveLength( 1 );
	for ( const response of responses ) {
		if ( response.status !== 200 ) {
			expectOAuthError( response, 400, 'invalid_grant' );
		}
	}
} );

test( 'an expired code (65 seconds later) → invalid_grant', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const flow = await authorizeCode( signedIn, testClient );
	const form = codeGrant( testClient, flow.code, {
		code_verifier: flow.codeVerifier as string,
	} );
	expectOAuthError(
		await raw( 'token', {
			form,
			basic: basic( testClient ),
			clockOffset: CODE_LIFETIME + 5,
		} ),
		400,
		'invalid_grant'
	);
} );

test( 'a code is still good 50 seconds later', async ( { signedIn } ) => {
	const testClient = await createClient();
	const flow = await authorizeCode( signedIn, testClient );
	const response = await raw( 'token', {
		form: codeGrant( testClient, flow.code, {
			code_verifier: flow.codeVerifier as string,
		} ),
		basic: basic( testClient ),
		clockOffset: CODE_LIFETIME - 10,
	} );
	expect( response.status, response.text ).toBe( 200 );
} );

test( 'a redirect_uri that differs from the authorization request → invalid_grant', async ( {
	signedIn,
} ) => {
	const testClient = await createClient( {
		redirect_uris: [ callbackUri( 'first' ), callbackUri( 'second' ) ],
	} );
	const flow = await authorizeCode( signedIn, testClient );
	const base = {
		grant_type: 'authorization_code',
		code: flow.code,
		code_verifier: flow.codeVerifier as string,
	};
	expectOAuthError(
		await raw( 'token', {
			form: { ...base, redirect_uri: callbackUri( 'second' ) },
			basic: basic( testClient ),
		} ),
		400,
		'invalid_grant'
	);
} );

test( 'a missing redirect_uri at the token endpoint → invalid_grant or invalid_request', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const flow = await authorizeCode( signedIn, testClient );
	const response = await raw( 'token', {
		form: {
			grant_type: 'authorization_code',
			code: flow.code,
			code_verifier: flow.codeVerifier as string,
		},
		basic: basic( testClient ),
	} );
	expect( response.status, response.text ).toBe( 400 );
	expect( [ 'invalid_grant', 'invalid_request' ] ).toContain(
		response.json.error
	);
} );

test( "a client redeeming another client's code → invalid_grant", async ( {
	signedIn,
} ) => {
	const owner = await createClient();
	const thief = await createClient();
	const flow = await authorizeCode( signedIn, owner );
	expectOAuthError(
		await raw( 'token', {
			form: codeGrant( thief, flow.code, {
				code_verifier: flow.codeVerifier as string,
			} ),
			basic: basic( thief ),
		} ),
		400,
		'invalid_grant'
	);
} );

test( 'an unknown code → invalid_grant', async () => {
	const testClient = await createClient();
	expectOAuthError(
		await raw( 'token', {
			form: codeGrant( testClient, 'made-up-code', {
				code_verifier: client.randomPKCECodeVerifier(),
			} ),
			basic: basic( testClient ),
		} ),
		400,
		'invalid_grant'
	);
} );

test( 'an unsupported grant_type → unsupported_grant_type', async () => {
	const testClient = await createClient();
	for ( const grantType of [
		'password',
		'client_credentials_typo',
		'urn:ietf:params:oauth:grant-type:jwt-bearer',
	] ) {
		expectOAuthError(
			await raw( 'token', {
				form: { grant_type: grantType },
				basic: basic( testClient ),
			} ),
			400,
			'unsupported_grant_type'
		);
	}
} );

test( 'a missing grant_type → invalid_request', async () => {
	const testClient = await createClient();
	expectOAuthError(
		await raw( 'token', {
			form: { code: 'x' },
			basic: basic( testClient ),
		} ),
		400,
		'invalid_request'
	);
} );

test( 'GET on the token endpoint → 405 invalid_request with Allow: POST', async () => {
	for ( const suffix of [ '', '/' ] ) {
		const response = await raw( 'token', {
			method: 'GET',
			suffix,
			query: { grant_type: 'authorization_code', code: 'x' },
		} );
		expectOAuthError( response, 405, 'invalid_request' );
		expect( response.headers.get( 'allow' ) ?? '' ).toContain( 'POST' );
	}
} );

test( 'methods an endpoint does not serve → 405 invalid_request with Allow', async () => {
	const cases: Array< [ EndpointName, string ] > = [
		[ 'token', 'PUT' ],
		[ 'token', 'DELETE' ],
		[ 'userinfo', 'PUT' ],
		[ 'userinfo', 'DELETE' ],
		[ 'discovery', 'POST' ],
		[ 'asMetadata', 'POST' ],
		[ 'jwks', 'POST' ],
	];
	for ( const [ name, method ] of cases ) {
		const response = await raw( name, { method } );
		expect( response.status, `${ method } ${ name }` ).toBe( 405 );
		expectOAuthError( response, 405, 'invalid_request' );
		expect( response.headers.get( 'allow' ) ?? '' ).not.toBe( '' );
		expect( response.headers.get( 'allow' ) ?? '' ).not.toContain( method );
	}
} );

test( 'nothing a client sends produces a 500 or HTML', async () => {
	const testClient = await createClient();
	const bodies: Array< Array< [ string, string ] > > = [
		[ [ 'grant_type[]', 'authorization_code' ] ],
		[
			[ 'grant_type', 'authorization_code' ],
			[ 'code[]', 'x' ],
			[ 'redirect_uri[a]', 'b' ],
		],
		[
			[ 'grant_type', 'refresh_token' ],
			[ 'refresh_token[]', 'x' ],
		],
		[
			[ 'grant_type', 'authorization_code' ],
			[ 'code', 'x'.repeat( 10000 ) ],
			[ 'code_verifier', '\u0000\u00ff' ],
		],
		[
			[ 'grant_type', 'authorization_code' ],
			[ 'grant_type', 'refresh_token' ],
		],
	];
	for ( const form of bodies ) {
		for ( const auth of [ true, false ] ) {
			const response = await raw( 'token', {
				form: auth
					? form
					: [ ...form, [ 'client_id[]', testClient.client_id ] ],
				...( auth ? { basic: basic( testClient ) } : {} ),
			} );
			expect(
				response.status,
				JSON.stringify( form )
			).toBeGreaterThanOrEqual( 400 );
			expect( response.status, JSON.stringify( form ) ).toBeLessThan(
				500
			);
			expect( response.headers.get( 'content-type' ) ).toMatch(
				/^application\/json/
			);
			expect( typeof response.json.error ).toBe( 'string' );
		}
	}
	const malformed = await raw( 'token', {
		form: { grant_type: 'authorization_code', code: 'x' },
		headers: { Authorization: 'Basic !!!not-base64' },
	} );
	expect( malformed.status ).toBeGreaterThanOrEqual( 400 );
	expect( malformed.status ).toBeLessThan( 500 );
	expect( typeof malformed.json.error ).toBe( 'string' );
} );
