/**
 * RFC 7591 registration under each policy, with every refusal's status and exact error, and the
 * RFC 7592 management of a registration. The policy is site-wide (and changes discovery), so this
 * runs on a site of its own.
 */
import { test, expect } from '../support/test';
import { startOwnSite, type RunningSite } from '../support/site';
import { createUser, type WpUser } from '../support/wp';
import { signIn, signedInContext } from '../protocol/support/flow';
import {
	expectChallenge,
	expectOAuthError,
	raw,
} from '../protocol/support/http';
import { asAdmin, endpoint } from '../protocol/support/provider';
import {
	createInitialToken,
	LOOPBACK_REDIRECT,
	manage,
	nativeMetadata,
	register,
	registerOk,
	revokeInitialToken,
	setPolicy,
	type Registered,
} from './support';

let site: RunningSite;
let user: WpUser;

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	test.setTimeout( 180_000 );
	site = await startOwnSite( `registration-${ process.pid }`, [
		'--test-plugins',
	] );
	user = await createUser( 'subscriber' );
} );

test.afterAll( async () => {
	await site?.stop();
} );

async function discovery(): Promise< Record< string, unknown > > {
	return ( await raw( 'discovery' ) ).json;
}

async function adminClient(
	clientId: string
): Promise< Record< string, unknown > > {
	const response = await asAdmin( ( session ) =>
		session.get( `keystone-oidc/v1/clients/${ clientId }` )
	);
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( await response.json() ) as Record< string, unknown >;
}

test( 'off by default: not announced, and a registration is refused with 403 access_denied', async () => {
	expect( ( await discovery() ).registration_endpoint ).toBeUndefined();
	const response = await register( nativeMetadata() );
	expectOAuthError( response, 403, 'access_denied' );
	expect( response.json.error_description ).toContain( 'off' );
} );

test.describe( 'loopback (open) policy', () => {
	test.beforeAll( async () => {
		await setPolicy( 'loopback' );
	} );

	test( 'is announced in discovery, and a native client registers', async () => {
		expect( ( await discovery() ).registration_endpoint ).toBe(
			endpoint( 'registration' )
		);
		const registered = await registerOk(
			nativeMetadata( { skip_consent: true, rest_access: 'write' } )
		);
		expect( registered.client_secret ).toBeUndefined();
		expect( registered.client_secret_expires_at ).toBeUndefined();
		expect( typeof registered.client_id_issued_at ).toBe( 'number' );
		expect( registered.registration_access_token ).toMatch(
			/^[A-Za-z0-9_-]{43}$/
		);
		expect( registered.registration_client_uri ).toBe(
			`${ endpoint( 'registration' ) }?client_id=${
				registered.client_id
			}`
		);
		expect( registered ).toMatchObject( {
			client_name: 'Native test app',
			redirect_uris: [ LOOPBACK_REDIRECT ],
			grant_types: [ 'authorization_code', 'refresh_token' ],
			response_types: [ 'code' ],
			token_endpoint_auth_method: 'none',
			scope: 'openid profile',
		} );
		// What only an administrator may set is not client metadata: never taken from the request.
		expect( await adminClient( registered.client_id ) ).toMatchObject( {
			source: 'dynamic',
			type: 'public',
			skip_consent: false,
			rest_access: 'none',
		} );
	} );

	test( 'private-use schemes, [::1] and localhost are native redirect URIs', async () => {
		const registered = await registerOk(
			nativeMetadata( {
				redirect_uris: [
					'com.example.app:/oauth2redirect',
					'http://[::1]:8080/cb',
					'http://localhost:3000/cb',
				],
			} )
		);
		expect( registered.redirect_uris ).toHaveLength( 3 );
	} );

	test( 'an https redirect URI is invalid_redirect_uri', async () => {
		const response = await register(
			nativeMetadata( {
				redirect_uris: [ 'https://app.example.test/cb' ],
			} )
		);
		expectOAuthError( response, 400, 'invalid_redirect_uri' );
	} );

	test( 'a confidential client is invalid_client_metadata', async () => {
		const response = await register(
			nativeMetadata( {
				token_endpoint_auth_method: 'client_secret_basic',
			} )
		);
		expectOAuthError( response, 400, 'invalid_client_metadata' );
		expect( response.json.error_description ).toContain( 'public' );
	} );

	test( 'client_credentials is invalid_client_metadata', async () => {
		const response = await register(
			nativeMetadata( {
				grant_types: [ 'authorization_code', 'client_credentials' ],
			} )
		);
		expectOAuthError( response, 400, 'invalid_client_metadata' );
	} );

	test( 'without token_endpoint_auth_method a client is registered public', async () => {
		const metadata = nativeMetadata();
		delete metadata.token_endpoint_auth_method;
		const registered = await registerOk( metadata );
		expect( registered.token_endpoint_auth_method ).toBe( 'none' );
	} );

	test( 'malformed metadata: each refusal with its exact code', async () => {
		const cases: Array<
			[ string, Parameters< typeof register >, string ]
		> = [
			[
				'not JSON',
				[ null, { body: '{"redirect_uris": [' } ],
				'invalid_client_metadata',
			],
			[
				'a JSON list',
				[ [ LOOPBACK_REDIRECT ] ],
				'invalid_client_metadata',
			],
			[
				'form-encoded',
				[
					null,
					{
						contentType: 'application/x-www-form-urlencoded',
						body: 'client_name=x',
					},
				],
				'invalid_client_metadata',
			],
			[
				'redirect_uris not a list',
				[ nativeMetadata( { redirect_uris: LOOPBACK_REDIRECT } ) ],
				'invalid_redirect_uri',
			],
			[
				'no redirect_uris',
				[ { client_name: 'x', token_endpoint_auth_method: 'none' } ],
				'invalid_redirect_uri',
			],
			[
				'a fragment in a redirect URI',
				[
					nativeMetadata( {
						redirect_uris: [ `${ LOOPBACK_REDIRECT }#x` ],
					} ),
				],
				'invalid_redirect_uri',
			],
			[
				'an unknown grant type',
				[
					nativeMetadata( {
						grant_types: [ 'authorization_code', 'implicit' ],
					} ),
				],
				'invalid_client_metadata',
			],
			[
				'an unsupported response type',
				[ nativeMetadata( { response_types: [ 'code', 'token' ] } ) ],
				'invalid_client_metadata',
			],
			[
				'response_types without its grant',
				[
					nativeMetadata( {
						grant_types: [ 'refresh_token' ],
						response_types: [ 'code' ],
					} ),
				],
				'invalid_client_metadata',
			],
			[
				'an unknown scope',
				[ nativeMetadata( { scope: 'openid admin' } ) ],
				'invalid_client_metadata',
			],
			[
				'scope not a string',
				[ nativeMetadata( { scope: [ 'openid' ] } ) ],
				'invalid_client_metadata',
			],
			[
				'client_name not text',
				[ nativeMetadata( { client_name: { en: 'x' } } ) ],
				'invalid_client_metadata',
			],
			[
				'an unknown auth method',
				[
					nativeMetadata( {
						token_endpoint_auth_method: 'tls_client_auth',
					} ),
				],
				'invalid_client_metadata',
			],
			[
				'a jwks that is no JWK Set',
				[ nativeMetadata( { jwks: { keys: [] } } ) ],
				'invalid_client_metadata',
			],
			[
				'a jwks holding a private key',
				[
					nativeMetadata( {
						jwks: {
							keys: [
								{
									kty: 'EC',
									crv: 'P-256',
									x: 'a',
									y: 'b',
									d: 'c',
								},
							],
						},
					} ),
				],
				'invalid_client_metadata',
			],
			[
				'a jwks_uri over http',
				[
					nativeMetadata( {
						jwks_uri: 'http://app.example.test/jwks',
					} ),
				],
				'invalid_client_metadata',
			],
		];
		for ( const [ label, args, code ] of cases ) {
			const response = await register( ...args );
			expect( response.status, `${ label }: ${ response.text }` ).toBe(
				400
			);
			expect(
				response.json.error,
				`${ label }: ${ response.text }`
			).toBe( code );
			expect( typeof response.json.error_description, label ).toBe(
				'string'
			);
		}
	} );

	test( 'a dynamic client signs a user in through the consent screen', async ( {
		browser,
	} ) => {
		const registered = await registerOk( nativeMetadata() );
		const context = await signedInContext( browser, user );
		try {
			const { tokens } = await signIn(
				context,
				{
					client_id: registered.client_id,
					name: registered.client_name,
					type: 'public',
					redirect_uris: registered.redirect_uris,
					scopes: registered.scope.split( ' ' ),
					redirectUri: LOOPBACK_REDIRECT,
				},
				{ scope: 'openid profile', method: 'none' }
			);
			expect( typeof tokens.access_token ).toBe( 'string' );
		} finally {
			await context.close();
		}
	} );
} );

test.describe( 'RFC 7592 management', () => {
	let registered: Registered;

	test.beforeAll( async () => {
		await setPolicy( 'loopback' );
		registered = await registerOk( nativeMetadata() );
	} );

	test( 'a wrong registration access token is 401 invalid_token', async () => {
		expectChallenge(
			await manage( registered, 'GET', undefined, 'not-the-token' ),
			'invalid_token',
			'Bearer'
		);
		const other = await registerOk( nativeMetadata() );
		expectChallenge(
			await manage(
				registered,
				'GET',
				undefined,
				other.registration_access_token
			),
			'invalid_token',
			'Bearer'
		);
		const none = await fetch( registered.registration_client_uri );
		expect( none.status ).toBe( 401 );
		expect( ( ( await none.json() ) as { error: string } ).error ).toBe(
			'invalid_token'
		);
	} );

	test( 'GET reads the registration and rotates its token', async () => {
		const read = await manage( registered, 'GET' );
		expect( read.status, read.text ).toBe( 200 );
		expect( read.json ).toMatchObject( {
			client_id: registered.client_id,
			client_name: 'Native test app',
			redirect_uris: [ LOOPBACK_REDIRECT ],
			registration_client_uri: registered.registration_client_uri,
		} );
		const next = read.json.registration_access_token as string;
		expect( next ).not.toBe( registered.registration_access_token );
		expectChallenge(
			await manage( registered, 'GET' ),
			'invalid_token',
			'Bearer'
		);
		registered = { ...registered, registration_access_token: next };
	} );

	test( 'PUT replaces the metadata under the same rules', async () => {
		const refused = await manage( registered, 'PUT', {
			...nativeMetadata( {
				redirect_uris: [ 'https://app.example.test/cb' ],
			} ),
			client_id: registered.client_id,
		} );
		expectOAuthError( refused, 400, 'invalid_redirect_uri' );
		const wrongId = await manage( registered, 'PUT', {
			...nativeMetadata(),
			client_id: 'someone-else',
		} );
		expectOAuthError( wrongId, 400, 'invalid_request' );

		const updated = await manage( registered, 'PUT', {
			...nativeMetadata( {
				client_name: 'Renamed app',
				redirect_uris: [ 'http://127.0.0.1:65011/cb' ],
			} ),
			client_id: registered.client_id,
		} );
		expect( updated.status, updated.text ).toBe( 200 );
		expect( updated.json ).toMatchObject( {
			client_name: 'Renamed app',
			redirect_uris: [ 'http://127.0.0.1:65011/cb' ],
		} );
		expect( await adminClient( registered.client_id ) ).toMatchObject( {
			name: 'Renamed app',
			source: 'dynamic',
		} );
		registered = {
			...registered,
			registration_access_token: updated.json
				.registration_access_token as string,
		};
	} );

	test( 'DELETE removes the client; its registration URI then answers 401', async () => {
		const deleted = await manage( registered, 'DELETE' );
		expect( deleted.status, deleted.text ).toBe( 204 );
		const response = await asAdmin( ( session ) =>
			session.get( `keystone-oidc/v1/clients/${ registered.client_id }` )
		);
		expect( response.status() ).toBe( 404 );
		expectChallenge(
			await manage( registered, 'GET' ),
			'invalid_token',
			'Bearer'
		);
	} );
} );

test.describe( 'token policy', () => {
	test.beforeAll( async () => {
		await setPolicy( 'token' );
	} );

	test( 'without an initial access token: 401 invalid_token', async () => {
		const response = await register( nativeMetadata() );
		expectOAuthError( response, 401, 'invalid_token' );
		expect( response.headers.get( 'www-authenticate' ) ).toMatch(
			/^Bearer/
		);
	} );

	test( 'with an unknown one: 401 invalid_token', async () => {
		expectChallenge(
			await register( nativeMetadata(), { bearer: 'made-up-token' } ),
			'invalid_token',
			'Bearer'
		);
	} );

	test( 'with a valid one a confidential web client registers; once revoked the token is refused', async () => {
		const initial = await createInitialToken();
		const registered = await registerOk(
			{
				client_name: 'Web app',
				redirect_uris: [ 'https://app.example.test/cb' ],
				grant_types: [ 'authorization_code' ],
			},
			initial.token
		);
		expect( registered.token_endpoint_auth_method ).toBe(
			'client_secret_basic'
		);
		expect( registered.client_secret ).toMatch( /^[A-Za-z0-9_-]{43}$/ );
		expect( registered.client_secret_expires_at ).toBe( 0 );

		const listed = await asAdmin( ( session ) =>
			session.get( 'keystone-oidc/v1/registrations' )
		);
		const registrations = ( await listed.json() ) as Array< {
			client_id: string;
			registered_by: string | null;
		} >;
		expect( registrations ).toContainEqual(
			expect.objectContaining( {
				client_id: registered.client_id,
				registered_by: initial.id,
			} )
		);

		const tokens = await asAdmin( ( session ) =>
			session.get( 'keystone-oidc/v1/registration-tokens' )
		);
		const list = ( await tokens.json() ) as Array<
			Record< string, unknown >
		>;
		const mine = list.find( ( token ) => token.id === initial.id );
		expect( mine ).toBeDefined();
		expect( typeof mine?.last_used_at ).toBe( 'number' );
		expect( JSON.stringify( list ) ).not.toContain( initial.token );

		await revokeInitialToken( initial.id );
		expectChallenge(
			await register( nativeMetadata(), { bearer: initial.token } ),
			'invalid_token',
			'Bearer'
		);
	} );
} );

test( 'settings: the registration fields are read and validated', async () => {
	const put = ( body: Record< string, unknown > ) =>
		asAdmin( ( session ) =>
			session.put( 'keystone-oidc/v1/settings', body )
		);
	const cases: Array< [ Record< string, unknown >, string ] > = [
		[
			{ dynamic_registration: 'open' },
			'keystone_oidc_invalid_dynamic_registration',
		],
		[ { dynamic_client_idle_days: -1 }, 'keystone_oidc_invalid_idle_days' ],
		[
			{ dynamic_client_idle_days: '30' },
			'keystone_oidc_invalid_idle_days',
		],
		[
			{ dynamic_rest_access: 'admin' },
			'keystone_oidc_invalid_dynamic_rest_access',
		],
	];
	for ( const [ body, code ] of cases ) {
		const response = await put( body );
		expect( response.status(), JSON.stringify( body ) ).toBe( 400 );
		expect( ( ( await response.json() ) as { code: string } ).code ).toBe(
			code
		);
	}
	const saved = await put( {
		dynamic_registration: 'off',
		dynamic_client_idle_days: 30,
		dynamic_rest_access: 'read',
	} );
	expect( saved.status(), await saved.text() ).toBe( 200 );
	expect( await saved.json() ).toMatchObject( {
		dynamic_registration: 'off',
		dynamic_client_idle_days: 30,
		dynamic_rest_access: 'read',
	} );
	// A body with one refused field changes nothing, not even its valid fields.
	const mixed = await put( {
		dynamic_client_idle_days: 60,
		issuer_mode: 'elsewhere',
	} );
	expect( mixed.status() ).toBe( 400 );
	expect( ( ( await mixed.json() ) as { code: string } ).code ).toBe(
		'keystone_oidc_invalid_issuer_mode'
	);
	const after = await asAdmin( ( session ) =>
		session.get( 'keystone-oidc/v1/settings' )
	);
	expect( await after.json() ).toMatchObject( {
		dynamic_client_idle_days: 30,
	} );
	const missing = await asAdmin( ( session ) =>
		session.delete( 'keystone-oidc/v1/registration-tokens/abcdef' )
	);
	expect( missing.status() ).toBe( 404 );
	expect( ( ( await missing.json() ) as { code: string } ).code ).toBe(
		'keystone_oidc_registration_token_not_found'
	);
} );

test.describe( 'idle expiry', () => {
	const DAY = 86400;

	async function moveClock( offset: number ): Promise< void > {
		const response = await asAdmin( ( session ) =>
			session.post( 'keystone-test/v1/clock', { offset } )
		);
		expect( response.status(), await response.text() ).toBe( 200 );
	}

	test.afterAll( async () => {
		await moveClock( 0 );
	} );

	test( 'a dynamic client unused for the idle days is deleted by the cleanup job; one whose tokens were refreshed stays', async ( {
		browser,
	} ) => {
		await setPolicy( 'loopback', { dynamic_client_idle_days: 10 } );
		const idle = await registerOk( nativeMetadata() );
		const used = await registerOk( nativeMetadata() );
		const context = await signedInContext( browser, user );
		let refreshToken: string | undefined;
		try {
			const { tokens } = await signIn(
				context,
				{
					client_id: used.client_id,
					name: used.client_name,
					type: 'public',
					redirect_uris: used.redirect_uris,
					scopes: used.scope.split( ' ' ),
					redirectUri: LOOPBACK_REDIRECT,
				},
				{ scope: 'openid offline_access', method: 'none' }
			);
			refreshToken = tokens.refresh_token;
		} finally {
			await context.close();
		}
		expect( refreshToken, 'a refresh token' ).toBeTruthy();

		// Five days later the client refreshes: its use is recorded (at most once a day).
		const refreshed = await raw( 'token', {
			form: {
				grant_type: 'refresh_token',
				refresh_token: refreshToken as string,
				client_id: used.client_id,
			},
			clockOffset: 5 * DAY,
		} );
		expect( refreshed.status, refreshed.text ).toBe( 200 );

		await moveClock( 12 * DAY );
		const cleanup = await asAdmin( ( session ) =>
			session.post( 'keystone-test/v1/cleanup' )
		);
		expect( cleanup.status(), await cleanup.text() ).toBe( 200 );

		const gone = await asAdmin( ( session ) =>
			session.get( `keystone-oidc/v1/clients/${ idle.client_id }` )
		);
		expect( gone.status() ).toBe( 404 );
		expect( ( await adminClient( used.client_id ) ).source ).toBe(
			'dynamic'
		);
		// Its registration went with it: the registration URI no longer answers.
		expectChallenge(
			await manage( idle, 'GET' ),
			'invalid_token',
			'Bearer'
		);
	} );
} );
