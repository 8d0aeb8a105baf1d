/**
 * Token introspection (RFC 7662): a confidential client learns whether a token it holds (or one
 * whose `aud` names it) is active and what it carries. Anything else, including another client's
 * live token, is `{"active": false}` and nothing more. Public clients may not ask.
 */
import { test, expect } from './support/fixtures';
import { client, signIn, type Tokens } from './support/flow';
import {
	credentials,
	expectChallenge,
	expectOAuthError,
	raw,
	type RawOptions,
} from './support/http';
import {
	ACCESS_TOKEN_LIFETIME,
	verifyAccessToken,
	withTamperedPayload,
} from './support/jwt';
import {
	asAdmin,
	createClient,
	endpoint,
	issuer,
	type TestClient,
} from './support/provider';

const REFRESH_LIFETIME = 30 * 24 * 3600;
const INACTIVE = { active: false };

function refreshTokenOf( tokens: Tokens ): string {
	expect( typeof tokens.refresh_token ).toBe( 'string' );
	return tokens.refresh_token as string;
}

/**
 * The answer of a successful introspection request, which is a 200 JSON object that no cache
 * keeps whether or not the token is active.
 */
async function introspect(
	testClient: TestClient,
	form: Record< string, string >,
	options: RawOptions = {}
): Promise< Record< string, unknown > > {
	const response = await raw( 'introspection', {
		form,
		basic: credentials( testClient ),
		...options,
	} );
	expect( response.status, response.text ).toBe( 200 );
	expect( response.headers.get( 'content-type' ) ).toMatch(
		/^application\/json/
	);
	expect( response.headers.get( 'cache-control' ) ).toContain( 'no-store' );
	return response.json;
}

async function updateClient(
	testClient: TestClient,
	changes: Record< string, unknown >
): Promise< void > {
	const response = await asAdmin( ( session ) =>
		session.patch(
			`keystone-oidc/v1/clients/${ encodeURIComponent(
				testClient.client_id
			) }`,
			changes
		)
	);
	expect( response.status(), await response.text() ).toBe( 200 );
}

test( 'discovery announces the introspection endpoint for authenticated clients only', async () => {
	const doc = ( await raw( 'discovery' ) ).json;
	expect( doc.introspection_endpoint ).toBe( endpoint( 'introspection' ) );
	expect( doc.introspection_endpoint_auth_methods_supported ).toEqual( [
		'client_secret_basic',
		'client_secret_post',
		'private_key_jwt',
	] );
} );

test( 'an active access token shows what it carries, through openid-client', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const { flow, tokens } = await signIn( signedIn, testClient, {
		scope: 'openid profile email',
	} );
	const payload = await verifyAccessToken( tokens.access_token, {
		clientId: testClient.client_id,
		userId: user.id,
		scope: 'openid profile email',
	} );
	const answer = await client.tokenIntrospection(
		flow.config,
		tokens.access_token
	);
	expect( answer ).toEqual( {
		active: true,
		scope: payload.scope,
		client_id: testClient.client_id,
		username: user.username,
		token_type: 'Bearer',
		exp: payload.exp,
		iat: payload.iat,
		sub: String( user.id ),
		aud: payload.aud,
		iss: issuer(),
		jti: payload.jti,
	} );
} );

test( 'an active refresh token shows its scope, user and 30-day lifetime, and no aud or jti', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient, {
		scope: 'openid profile',
	} );
	const answer = await introspect( testClient, {
		token: refreshTokenOf( tokens ),
		token_type_hint: 'refresh_token',
	} );
	expect( answer ).toEqual( {
		active: true,
		scope: 'openid profile',
		client_id: testClient.client_id,
		username: user.username,
		token_type: 'refresh_token',
		exp: expect.any( Number ),
		iat: expect.any( Number ),
		sub: String( user.id ),
		iss: issuer(),
	} );
	const iat = answer.iat as number;
	expect(
		Math.abs( iat - Math.floor( Date.now() / 1000 ) ),
		'iat is now'
	).toBeLessThanOrEqual( 60 );
	expect( ( answer.exp as number ) - iat ).toBe( REFRESH_LIFETIME );
} );

test( 'client_secret_post authenticates too, also at the slashed path', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient );
	const response = await raw( 'introspection', {
		form: {
			token: tokens.access_token,
			client_id: testClient.client_id,
			client_secret: testClient.client_secret as string,
		},
		suffix: '/',
	} );
	expect( response.status, response.text ).toBe( 200 );
	expect( response.json.active ).toBe( true );
	expect( response.headers.get( 'pragma' ) ).toBe( 'no-cache' );
} );

test( 'a wrong or unknown token_type_hint is ignored: the token is found anyway', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient );
	for ( const hint of [ 'access_token', 'refresh_token', 'id_token' ] ) {
		const access = await introspect( testClient, {
			token: tokens.access_token,
			token_type_hint: hint,
		} );
		expect( access.active, hint ).toBe( true );
		expect( access.token_type ).toBe( 'Bearer' );
		const refresh = await introspect( testClient, {
			token: refreshTokenOf( tokens ),
			token_type_hint: hint,
		} );
		expect( refresh.active, hint ).toBe( true );
		expect( refresh.token_type ).toBe( 'refresh_token' );
	}
} );

test( 'a rotated refresh token is inactive, its successor and both access tokens active', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { flow, tokens } = await signIn( signedIn, testClient );
	const refreshed = await client.refreshTokenGrant(
		flow.config,
		refreshTokenOf( tokens )
	);
	expect(
		await introspect( testClient, { token: refreshTokenOf( tokens ) } )
	).toEqual( INACTIVE );
	for ( const token of [
		refreshTokenOf( refreshed ),
		tokens.access_token,
		refreshed.access_token,
	] ) {
		expect( ( await introspect( testClient, { token } ) ).active ).toBe(
			true
		);
	}
} );

test( 'revoked tokens are inactive', async ( { signedIn } ) => {
	const testClient = await createClient();
	const { flow, tokens } = await signIn( signedIn, testClient );
	await client.tokenRevocation( flow.config, tokens.access_token );
	expect(
		await introspect( testClient, { token: tokens.access_token } )
	).toEqual( INACTIVE );
	expect(
		( await introspect( testClient, { token: refreshTokenOf( tokens ) } ) )
			.active
	).toBe( true );
	await client.tokenRevocation( flow.config, refreshTokenOf( tokens ) );
	expect(
		await introspect( testClient, { token: refreshTokenOf( tokens ) } )
	).toEqual( INACTIVE );
} );

test( 'an access token is inactive after its hour, a refresh token after its 30 days', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient );
	const access = { token: tokens.access_token };
	const refresh = { token: refreshTokenOf( tokens ) };
	expect(
		(
			await introspect( testClient, access, {
				clockOffset: ACCESS_TOKEN_LIFETIME - 60,
			} )
		).active
	).toBe( true );
	expect(
		await introspect( testClient, access, {
			clockOffset: ACCESS_TOKEN_LIFETIME + 60,
		} )
	).toEqual( INACTIVE );
	expect(
		(
			await introspect( testClient, refresh, {
				clockOffset: REFRESH_LIFETIME - 60,
			} )
		).active
	).toBe( true );
	expect(
		await introspect( testClient, refresh, {
			clockOffset: REFRESH_LIFETIME + 60,
		} )
	).toEqual( INACTIVE );
} );

test( "another client's live tokens are { active: false } and nothing more", async ( {
	signedIn,
} ) => {
	const owner = await createClient();
	const other = await createClient();
	const { tokens } = await signIn( signedIn, owner );
	for ( const token of [ tokens.access_token, refreshTokenOf( tokens ) ] ) {
		expect( await introspect( other, { token } ) ).toEqual( INACTIVE );
		expect( ( await introspect( owner, { token } ) ).active ).toBe( true );
	}
} );

test( 'unknown, forged and non-access JWTs are { active: false }', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient );
	const forged = withTamperedPayload( tokens.access_token, {
		scope: 'openid admin',
	} );
	for ( const token of [
		'made-up-token',
		forged,
		tokens.id_token as string,
		'x'.repeat( 5000 ),
	] ) {
		expect( await introspect( testClient, { token } ) ).toEqual( INACTIVE );
	}
} );

test( 'tokens the provider would no longer honour are inactive: a role no longer allowed, refresh tokens turned off', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient );
	const refresh = { token: refreshTokenOf( tokens ) };
	await updateClient( testClient, { refresh_tokens: false } );
	expect( await introspect( testClient, refresh ) ).toEqual( INACTIVE );
	await updateClient( testClient, { refresh_tokens: true } );
	expect( ( await introspect( testClient, refresh ) ).active ).toBe( true );

	await updateClient( testClient, { allowed_roles: [ 'administrator' ] } );
	expect(
		await introspect( testClient, { token: tokens.access_token } )
	).toEqual( INACTIVE );
	expect( await introspect( testClient, refresh ) ).toEqual( INACTIVE );
} );

test( 'an administrator narrowing the client narrows the scope reported for tokens issued before', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient, {
		scope: 'openid profile email',
	} );
	await updateClient( testClient, { scopes: [ 'openid', 'email' ] } );

	const access = await introspect( testClient, {
		token: tokens.access_token,
	} );
	expect( access.active ).toBe( true );
	expect( access.scope, 'what the token is good for now' ).toBe(
		'openid email'
	);
	const refresh = await introspect( testClient, {
		token: refreshTokenOf( tokens ),
		token_type_hint: 'refresh_token',
	} );
	expect( refresh.active ).toBe( true );
	expect( refresh.scope ).toBe( 'openid email' );
} );

test.describe( 'failing requests', () => {
	test( 'a public client → 401 invalid_client, even for its own token', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient( { type: 'public' } );
		const { tokens } = await signIn( signedIn, testClient );
		expectChallenge(
			await raw( 'introspection', {
				form: {
					token: tokens.access_token,
					client_id: testClient.client_id,
				},
			} ),
			'invalid_client'
		);
		expectChallenge(
			await raw( 'introspection', {
				form: { token: tokens.access_token },
				basic: { id: testClient.client_id, secret: 'guessed' },
			} ),
			'invalid_client',
			'Basic'
		);
		expectChallenge(
			await raw( 'introspection', {
				form: { client_id: testClient.client_id },
			} ),
			'invalid_client'
		);
	} );

	test( 'a confidential client without its secret → 401 invalid_client', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient();
		const { tokens } = await signIn( signedIn, testClient );
		expectChallenge(
			await raw( 'introspection', {
				form: {
					token: tokens.access_token,
					client_id: testClient.client_id,
				},
			} ),
			'invalid_client'
		);
	} );

	test( 'a wrong secret → 401 invalid_client', async ( { signedIn } ) => {
		const testClient = await createClient();
		const { tokens } = await signIn( signedIn, testClient );
		expectChallenge(
			await raw( 'introspection', {
				form: { token: tokens.access_token },
				basic: credentials( testClient, 'not-the-secret' ),
			} ),
			'invalid_client',
			'Basic'
		);
		expectChallenge(
			await raw( 'introspection', {
				form: {
					token: tokens.access_token,
					client_id: testClient.client_id,
					client_secret: `${ testClient.client_secret }x`,
				},
			} ),
			'invalid_client'
		);
	} );

	test( 'no client at all, or an unknown one → 401 invalid_client', async () => {
		expectChallenge(
			await raw( 'introspection', { form: { token: 'anything' } } ),
			'invalid_client'
		);
		expectChallenge(
			await raw( 'introspection', {
				form: { token: 'anything' },
				basic: { id: 'no-such-client', secret: 'nothing' },
			} ),
			'invalid_client',
			'Basic'
		);
	} );

	test( 'a missing token → 400 invalid_request', async () => {
		const testClient = await createClient();
		const forms: Array< Record< string, string > > = [
			{ token_type_hint: 'access_token' },
			{ token: '' },
		];
		for ( const form of forms ) {
			expectOAuthError(
				await raw( 'introspection', {
					form,
					basic: credentials( testClient ),
				} ),
				400,
				'invalid_request'
			);
		}
	} );

	test( 'a repeated or array parameter → 400 invalid_request', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient();
		const { tokens } = await signIn( signedIn, testClient );
		const bodies: Array< Array< [ string, string ] > > = [
			[
				[ 'token', tokens.access_token ],
				[ 'token', refreshTokenOf( tokens ) ],
			],
			[
				[ 'token', tokens.access_token ],
				[ 'token_type_hint', 'access_token' ],
				[ 'token_type_hint', 'refresh_token' ],
			],
			[ [ 'token[]', tokens.access_token ] ],
		];
		for ( const form of bodies ) {
			expectOAuthError(
				await raw( 'introspection', {
					form,
					basic: credentials( testClient ),
				} ),
				400,
				'invalid_request'
			);
		}
	} );

	test( 'a body that is not a form → 400 invalid_request', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient();
		const { tokens } = await signIn( signedIn, testClient );
		expectOAuthError(
			await raw( 'introspection', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify( { token: tokens.access_token } ),
				basic: credentials( testClient ),
			} ),
			400,
			'invalid_request'
		);
	} );

	test( 'GET, PUT and DELETE → 405 invalid_request with Allow: POST', async () => {
		for ( const method of [ 'GET', 'PUT', 'DELETE' ] ) {
			for ( const suffix of [ '', '/' ] ) {
				const response = await raw( 'introspection', {
					method,
					suffix,
				} );
				expectOAuthError( response, 405, 'invalid_request' );
				expect( response.headers.get( 'allow' ) ).toBe( 'POST' );
			}
		}
	} );
} );
