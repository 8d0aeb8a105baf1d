/**
 * private_key_jwt (RFC 7523 §2.2, OIDC Core §9): a client proves itself with a JWT signed by one of
 * the keys it registered (pasted `jwks` or a `jwks_uri`), at the token, revocation and
 * introspection endpoints, driven by `openid-client` and `oauth4webapi` with RS256, ES256 and
 * PS256 keys made by `jose`. Every rule an assertion can break is sent raw and answered 401
 * `invalid_client`; the registered method is enforced both ways; client_secret_jwt is refused at
 * registration because secrets are kept only as hashes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as jose from 'jose';
import * as oauth from 'oauth4webapi';
import type { BrowserContext } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { client, consent } from './support/flow';
import {
	credentials,
	expectChallenge,
	expectOAuthError,
	raw,
	type RawResponse,
} from './support/http';
import {
	asAdmin,
	createClient,
	endpoint,
	issuer,
	updateClient,
	type TestClient,
} from './support/provider';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

type Alg = 'RS256' | 'ES256' | 'PS256';

interface ClientKey {
	alg: Alg;
	kid: string;
	privateKey: CryptoKey;
	jwk: jose.JWK;
}

async function clientKey( alg: Alg ): Promise< ClientKey > {
	const kid = `${ alg }-${ randomBytes( 4 ).toString( 'hex' ) }`;
	const { privateKey, publicKey } = await jose.generateKeyPair( alg, {
		extractable: true,
	} );
	const jwk = {
		...( await jose.exportJWK( publicKey ) ),
		kid,
		alg,
		use: 'sig',
	};
	return { alg, kid, privateKey, jwk };
}

function keyClient( keys: ClientKey[] ): Promise< TestClient > {
	return createClient( {
		token_endpoint_auth_method: 'private_key_jwt',
		jwks: { keys: keys.map( ( key ) => key.jwk ) },
	} );
}

function now(): number {
	return Math.floor( Date.now() / 1000 );
}

/**
 * An assertion as RFC 7523 §3 asks, with claim or header changes (`undefined` drops a claim).
 */
async function assertion(
	key: ClientKey,
	clientId: string,
	claims: Record< string, unknown > = {},
	header: Record< string, unknown > = {}
): Promise< string > {
	const payload: Record< string, unknown > = {
		iss: clientId,
		sub: clientId,
		aud: endpoint( 'token' ),
		jti: randomUUID(),
		iat: now(),
		exp: now() + 60,
		...claims,
	};
	for ( const [ name, value ] of Object.entries( payload ) ) {
		if ( value === undefined ) {
			delete payload[ name ];
		}
	}
	return new jose.SignJWT( payload as jose.JWTPayload )
		.setProtectedHeader( { alg: key.alg, kid: key.kid, ...header } )
		.sign( key.privateKey );
}

function unsigned( claims: Record< string, unknown > ): string {
	const encode = ( value: unknown ) =>
		Buffer.from( JSON.stringify( value ) ).toString( 'base64url' );
	return `${ encode( { alg: 'none' } ) }.${ encode( claims ) }.`;
}

/**
 * A token request whose client authentication is all that matters: the refresh token is made up,
 * so an authenticated client gets 400 invalid_grant and a refused one 401 invalid_client.
 */
function tokenRequest(
	clientAssertion: string,
	extra: Record< string, string > = {},
	basic?: { id: string; secret: string }
): Promise< RawResponse > {
	return raw( 'token', {
		form: {
			grant_type: 'refresh_token',
			refresh_token: 'not-a-refresh-token',
			client_assertion_type: ASSERTION_TYPE,
			client_assertion: clientAssertion,
			...extra,
		},
		basic,
	} );
}

function expectAuthenticated( response: RawResponse ): void {
	expectOAuthError( response, 400, 'invalid_grant' );
}

function expectRefused( response: RawResponse, description: string ): void {
	expectChallenge( response, 'invalid_client' );
	expect( response.json.error_description ).toContain( description );
}

async function privateKeyJwtConfig(
	testClient: TestClient,
	key: ClientKey
): Promise< client.Configuration > {
	return client.discovery(
		new URL( issuer() ),
		testClient.client_id,
		{ redirect_uris: testClient.redirect_uris },
		client.PrivateKeyJwt( { key: key.privateKey, kid: key.kid } ),
		{ execute: [ client.allowInsecureRequests ] }
	);
}

/**
 * The code flow through the consent screen, redeemed by openid-client authenticating with the key.
 */
async function signInWithKey(
	context: BrowserContext,
	config: client.Configuration,
	testClient: TestClient
) {
	const verifier = client.randomPKCECodeVerifier();
	const state = client.randomState();
	const url = client.buildAuthorizationUrl( config, {
		redirect_uri: testClient.redirectUri,
		scope: 'openid profile',
		state,
		code_challenge: await client.calculatePKCECodeChallenge( verifier ),
		code_challenge_method: 'S256',
	} );
	const callback = await consent( context, url.href, testClient.redirectUri );
	return client.authorizationCodeGrant( config, callback, {
		expectedState: state,
		pkceCodeVerifier: verifier,
	} );
}

test( 'discovery lists private_key_jwt and its algorithms, and no client_secret_jwt', async () => {
	const doc = ( await raw( 'discovery' ) ).json;
	expect( doc.token_endpoint_auth_methods_supported ).toEqual( [
		'client_secret_basic',
		'client_secret_post',
		'private_key_jwt',
		'none',
	] );
	for ( const prefix of [ 'token', 'revocation', 'introspection' ] ) {
		expect(
			doc[ `${ prefix }_endpoint_auth_signing_alg_values_supported` ]
		).toEqual( [ 'RS256', 'ES256', 'PS256' ] );
		expect(
			doc[ `${ prefix }_endpoint_auth_methods_supported` ]
		).toContain( 'private_key_jwt' );
		expect(
			doc[ `${ prefix }_endpoint_auth_methods_supported` ]
		).not.toContain( 'client_secret_jwt' );
	}
} );

for ( const alg of [ 'RS256', 'ES256', 'PS256' ] as const ) {
	test( `openid-client with a ${ alg } key: code flow, introspection and revocation`, async ( {
		signedIn,
	} ) => {
		const key = await clientKey( alg );
		const testClient = await keyClient( [ key ] );
		const config = await privateKeyJwtConfig( testClient, key );
		const tokens = await signInWithKey( signedIn, config, testClient );
		expect( typeof tokens.access_token ).toBe( 'string' );
		const refreshToken = tokens.refresh_token as string;
		expect( typeof refreshToken ).toBe( 'string' );

		const active = await client.tokenIntrospection(
			config,
			tokens.access_token
		);
		expect( active.active ).toBe( true );
		expect( active.client_id ).toBe( testClient.client_id );

		await client.tokenRevocation( config, refreshToken );
		expect(
			( await client.tokenIntrospection( config, tokens.access_token ) )
				.active,
			'revoking the refresh token ends its access tokens'
		).toBe( false );
	} );
}

test( 'oauth4webapi with an ES256 key: introspection and revocation with the issuer as aud', async ( {
	signedIn,
} ) => {
	const key = await clientKey( 'ES256' );
	const testClient = await keyClient( [ key ] );
	const tokens = await signInWithKey(
		signedIn,
		await privateKeyJwtConfig( testClient, key ),
		testClient
	);
	const as = await oauth.processDiscoveryResponse(
		new URL( issuer() ),
		await oauth.discoveryRequest( new URL( issuer() ), {
			[ oauth.allowInsecureRequests ]: true,
		} )
	);
	const rp: oauth.Client = { client_id: testClient.client_id };
	const auth = oauth.PrivateKeyJwt( { key: key.privateKey, kid: key.kid } );
	const options = { [ oauth.allowInsecureRequests ]: true };

	const isActive = async (): Promise< boolean > =>
		(
			await oauth.processIntrospectionResponse(
				as,
				rp,
				await oauth.introspectionRequest(
					as,
					rp,
					auth,
					tokens.access_token,
					options
				)
			)
		).active;
	expect( await isActive() ).toBe( true );

	await oauth.processRevocationResponse(
		await oauth.revocationRequest(
			as,
			rp,
			auth,
			tokens.access_token,
			options
		)
	);
	expect( await isActive() ).toBe( false );
} );

test.describe( 'assertions that break a rule are invalid_client', () => {
	let key: ClientKey;
	let testClient: TestClient;

	test.beforeAll( async () => {
		key = await clientKey( 'RS256' );
		testClient = await keyClient( [ key ] );
	} );

	/** An assertion of the client's own key with these claim changes is refused as described. */
	async function expectClaimsRefused(
		claims: Record< string, unknown >,
		description: string
	): Promise< void > {
		expectRefused(
			await tokenRequest(
				await assertion( key, testClient.client_id, claims )
			),
			description
		);
	}

	test( 'a well-formed assertion authenticates (the control case)', async () => {
		expectAuthenticated(
			await tokenRequest( await assertion( key, testClient.client_id ) )
		);
		expectAuthenticated(
			await tokenRequest(
				await assertion( key, testClient.client_id, { aud: issuer() } ),
				{ client_id: testClient.client_id }
			)
		);
	} );

	test( 'signed by another key, even under the registered kid', async () => {
		const stranger = await clientKey( 'RS256' );
		expectRefused(
			await tokenRequest(
				await assertion(
					{ ...stranger, kid: key.kid },
					testClient.client_id
				)
			),
			'signature does not verify'
		);
		expectRefused(
			await tokenRequest(
				await assertion( stranger, testClient.client_id )
			),
			'No key of the client matches'
		);
	} );

	test( 'another audience', async () => {
		await expectClaimsRefused(
			{
				aud: 'https://elsewhere.example/token',
			},
			'aud must be the token endpoint URL or the issuer'
		);
		// The revocation URL is an audience at the revocation endpoint only.
		await expectClaimsRefused(
			{ aud: endpoint( 'revocation' ) },
			'aud must be'
		);
	} );

	test( 'iss other than sub', async () => {
		await expectClaimsRefused(
			{
				iss: 'someone-else',
			},
			'iss must be the client_id'
		);
		expectRefused(
			await tokenRequest(
				await assertion( key, testClient.client_id, {
					sub: 'someone-else',
				} ),
				{ client_id: testClient.client_id }
			),
			'sub must be the client_id'
		);
	} );

	test( 'expired, or made too long ago', async () => {
		await expectClaimsRefused(
			{
				iat: now() - 200,
				exp: now() - 120,
			},
			'has expired'
		);
		await expectClaimsRefused(
			{
				iat: now() - 600,
				exp: now() + 3600,
			},
			'made more than 300 seconds ago'
		);
		await expectClaimsRefused(
			{
				iat: undefined,
				exp: now() + 3600,
			},
			'exp lies more than 300 seconds ahead'
		);
	} );

	test( 'without exp, without jti', async () => {
		await expectClaimsRefused(
			{ exp: undefined },
			'"exp" claim is missing'
		);
		await expectClaimsRefused(
			{ jti: undefined },
			'"jti" claim is missing'
		);
	} );

	test( 'a replayed jti, also when both requests race', async () => {
		const once = await assertion( key, testClient.client_id );
		expectAuthenticated( await tokenRequest( once ) );
		expectRefused( await tokenRequest( once ), 'already used' );

		const raced = await assertion( key, testClient.client_id );
		const answers = await Promise.all(
			Array.from( { length: 4 }, () => tokenRequest( raced ) )
		);
		expect( answers.map( ( answer ) => answer.status ).sort() ).toEqual( [
			400, 401, 401, 401,
		] );
	} );

	test( 'alg none and HS256 (a client_secret_jwt keyed with the secret)', async () => {
		expectRefused(
			await tokenRequest(
				unsigned( {
					iss: testClient.client_id,
					sub: testClient.client_id,
					aud: endpoint( 'token' ),
					jti: randomUUID(),
					exp: now() + 60,
				} )
			),
			'must be signed with RS256, ES256, PS256'
		);
		const hs256 = await new jose.SignJWT( {
			iss: testClient.client_id,
			sub: testClient.client_id,
			aud: endpoint( 'token' ),
			jti: randomUUID(),
			exp: now() + 60,
		} )
			.setProtectedHeader( { alg: 'HS256' } )
			.sign( new TextEncoder().encode( testClient.client_secret ) );
		expectRefused(
			await tokenRequest( hs256 ),
			'must be signed with RS256, ES256, PS256'
		);
	} );

	test( 'the client secret of a private_key_jwt client is refused, Basic or post', async () => {
		const basic = await raw( 'token', {
			form: { grant_type: 'refresh_token', refresh_token: 'x' },
			basic: credentials( testClient ),
		} );
		expectRefused( basic, 'a client secret is not accepted' );
		const post = await raw( 'token', {
			form: {
				grant_type: 'refresh_token',
				refresh_token: 'x',
				client_id: testClient.client_id,
				client_secret: testClient.client_secret as string,
			},
		} );
		expectRefused( post, 'a client secret is not accepted' );
		const nothing = await raw( 'token', {
			form: {
				grant_type: 'refresh_token',
				refresh_token: 'x',
				client_id: testClient.client_id,
			},
		} );
		expectRefused( nothing, 'must authenticate with a client assertion' );
	} );

	test( 'an assertion with a Basic header or a secret is two methods: invalid_request', async () => {
		const response = await tokenRequest(
			await assertion( key, testClient.client_id ),
			{},
			credentials( testClient )
		);
		expectOAuthError( response, 400, 'invalid_request' );
		expectOAuthError(
			await tokenRequest( await assertion( key, testClient.client_id ), {
				client_secret: testClient.client_secret as string,
			} ),
			400,
			'invalid_request'
		);
		expectOAuthError(
			await tokenRequest( await assertion( key, testClient.client_id ), {
				client_assertion_type: 'urn:example:other',
			} ),
			400,
			'invalid_request'
		);
	} );

	test( 'at revocation and introspection: their own URL is an audience, the rules are the same', async () => {
		for ( const name of [ 'revocation', 'introspection' ] as const ) {
			const present = ( clientAssertion: string ) =>
				raw( name, {
					form: {
						token: 'not-a-token',
						client_assertion_type: ASSERTION_TYPE,
						client_assertion: clientAssertion,
					},
				} );
			const own = await present(
				await assertion( key, testClient.client_id, {
					aud: endpoint( name ),
				} )
			);
			expect( own.status, own.text ).toBe( 200 );
			const replay = await assertion( key, testClient.client_id );
			const first = await present( replay );
			expect( first.status, first.text ).toBe( 200 );
			expectRefused( await present( replay ), 'already used' );
			expectRefused(
				await present(
					await assertion( key, testClient.client_id, {
						exp: now() - 120,
					} )
				),
				'has expired'
			);
		}
	} );
} );

test( 'an assertion from a client registered for a secret method is refused', async () => {
	const secretClient = await createClient();
	const key = await clientKey( 'ES256' );
	expectRefused(
		await tokenRequest( await assertion( key, secretClient.client_id ) ),
		'authenticates with client_secret_basic, not with a client assertion'
	);
	// The two secret methods stay interchangeable, as relying parties configured before rely on.
	await updateClient( secretClient.client_id, {
		token_endpoint_auth_method: 'client_secret_post',
	} );
	const basic = await raw( 'token', {
		form: { grant_type: 'refresh_token', refresh_token: 'x' },
		basic: credentials( secretClient ),
	} );
	expectOAuthError( basic, 400, 'invalid_grant' );
} );

test( 'client_secret_jwt cannot be registered: secrets are kept only as hashes', async () => {
	const response = await asAdmin( ( session ) =>
		session.post( 'keystone-oidc/v1/clients', {
			name: 'HMAC client',
			redirect_uris: [ 'https://rp.example.test/cb' ],
			token_endpoint_auth_method: 'client_secret_jwt',
		} )
	);
	expect( response.status() ).toBe( 400 );
	const body = ( await response.json() ) as {
		code: string;
		message: string;
	};
	expect( body.code ).toBe( 'keystone_oidc_invalid_field' );
	expect( body.message ).toContain( 'only as hashes' );
	expect( body.message ).toContain( 'private_key_jwt' );
} );

test.describe( 'keys from a jwks_uri', () => {
	let server: Server;
	let served: { keys: jose.JWK[] } | null = { keys: [] };
	let fetches = 0;
	let jwksUri = '';

	test.beforeAll( async () => {
		server = createServer( ( _request, response ) => {
			fetches++;
			if ( served === null ) {
				response.writeHead( 500 ).end( 'down' );
				return;
			}
			response
				.writeHead( 200, { 'Content-Type': 'application/json' } )
				.end( JSON.stringify( served ) );
		} );
		await new Promise< void >( ( resolve ) =>
			server.listen( 0, '127.0.0.1', resolve )
		);
		// 127.0.0.1 is the one internal host the test-support plugin trusts (plain http too).
		jwksUri = `http://127.0.0.1:${
			( server.address() as AddressInfo ).port
		}/jwks`;
	} );

	test.afterAll( async () => {
		await new Promise( ( resolve ) => server.close( resolve ) );
	} );

	test( 'fetched once and cached; a new kid is fetched again, but not within a minute', async () => {
		const first = await clientKey( 'PS256' );
		served = { keys: [ first.jwk ] };
		const testClient = await createClient( {
			token_endpoint_auth_method: 'private_key_jwt',
			jwks_uri: `${ jwksUri }?client=${ randomUUID() }`,
		} );
		fetches = 0;
		expectAuthenticated(
			await tokenRequest( await assertion( first, testClient.client_id ) )
		);
		expectAuthenticated(
			await tokenRequest( await assertion( first, testClient.client_id ) )
		);
		expect( fetches, 'the JWKS is cached' ).toBe( 1 );

		const rotated = await clientKey( 'ES256' );
		served = { keys: [ first.jwk, rotated.jwk ] };
		expectRefused(
			await tokenRequest(
				await assertion( rotated, testClient.client_id )
			),
			'No key of the client matches'
		);
		expect( fetches, 'no refetch within a minute of the last' ).toBe( 1 );

		// Two minutes on (the provider's clock, for this request only), an unknown kid refetches.
		const later = now() + 120;
		const response = await raw( 'token', {
			form: {
				grant_type: 'refresh_token',
				refresh_token: 'x',
				client_assertion_type: ASSERTION_TYPE,
				client_assertion: await assertion(
					rotated,
					testClient.client_id,
					{
						iat: later,
						exp: later + 60,
					}
				),
			},
			clockOffset: 120,
		} );
		expectAuthenticated( response );
		expect( fetches ).toBe( 2 );
	} );

	test( 'a jwks_uri that fails is named in the error', async () => {
		served = null;
		const key = await clientKey( 'RS256' );
		const testClient = await createClient( {
			token_endpoint_auth_method: 'private_key_jwt',
			jwks_uri: `${ jwksUri }?client=${ randomUUID() }`,
		} );
		expectRefused(
			await tokenRequest( await assertion( key, testClient.client_id ) ),
			'The jwks_uri answered with HTTP status 500'
		);
	} );

	test( 'production rules stay strict: plain http to any other host is refused', async () => {
		for ( const uri of [
			'http://localhost:8080/jwks',
			'http://rp.example.test/jwks',
		] ) {
			const response = await asAdmin( ( session ) =>
				session.post( 'keystone-oidc/v1/clients', {
					name: 'jwks_uri client',
					redirect_uris: [ 'https://rp.example.test/cb' ],
					token_endpoint_auth_method: 'private_key_jwt',
					jwks_uri: uri,
				} )
			);
			expect( response.status(), uri ).toBe( 400 );
			expect(
				( ( await response.json() ) as { code: string } ).code
			).toBe( 'keystone_oidc_invalid_field' );
		}
	} );
} );
