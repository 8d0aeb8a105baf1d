/**
 * The admin REST API's clients: create, read, update, reset secret and delete, and every input rule
 * with its exact status and error code.
 */
import { test, expect } from '../support/test';
import type { RestSession } from '../support/wp';
import {
	createClient,
	expectError,
	route,
	session,
	type Client,
	type CreatedClient,
} from './support';

let admin: RestSession;

test.beforeAll( async () => {
	admin = await session();
} );

test.afterAll( async () => {
	await admin?.dispose();
} );

const valid = {
	name: 'Wiki',
	redirect_uris: [ 'https://wiki.example.test/oidc/callback' ],
};

test.describe( 'create and read', () => {
	test( 'POST answers 201 with the client and its secret, shown only once', async () => {
		const response = await admin.post( route( 'clients' ), {
			...valid,
			scopes: [ 'profile' ],
		} );
		expect( response.status(), await response.text() ).toBe( 201 );
		expect( response.headers()[ 'cache-control' ] ).toContain( 'no-store' );
		const created = ( await response.json() ) as CreatedClient;

		expect( created.client_id ).toMatch( /^[A-Za-z0-9_-]{16,64}$/ );
		expect( created.name ).toBe( 'Wiki' );
		expect( created.type ).toBe( 'confidential' );
		expect( created.redirect_uris ).toEqual( valid.redirect_uris );
		expect( created.scopes ).toEqual( [ 'openid', 'profile' ] );
		// 256 random bits, base64url.
		expect( created.client_secret ).toMatch( /^[A-Za-z0-9_-]{43}$/ );
		expect( Date.parse( created.created_at ) ).not.toBeNaN();
		expect( created.created_at ).toMatch( /Z$/ );
		expect( response.headers().location ).toContain(
			`/keystone-oidc/v1/clients/${ created.client_id }`
		);

		const read = await admin.get(
			route( `clients/${ created.client_id }` )
		);
		expect( read.status() ).toBe( 200 );
		const text = await read.text();
		const client = JSON.parse( text ) as Client;
		expect( client ).not.toHaveProperty( 'client_secret' );
		expect( client ).not.toHaveProperty( 'secret_hash' );
		expect( text ).not.toContain( created.client_secret );
		const { client_secret: secret, ...withoutSecret } = created;
		expect( secret ).toBeTruthy();
		expect( client ).toEqual( withoutSecret );

		const list = await admin.get( route( 'clients' ) );
		expect( list.status() ).toBe( 200 );
		const listText = await list.text();
		expect( listText ).not.toContain( created.client_secret );
		const clients = JSON.parse( listText ) as Client[];
		expect(
			clients.find( ( item ) => item.client_id === created.client_id )
		).toEqual( withoutSecret );
		for ( const item of clients ) {
			expect( item ).not.toHaveProperty( 'client_secret' );
		}
	} );

	test( 'the later optional fields get their defaults', async () => {
		const created = await createClient( admin, valid );
		expect( created ).toMatchObject( {
			type: 'confidential',
			scopes: [ 'openid', 'profile', 'email' ],
			post_logout_redirect_uris: [],
			backchannel_logout_uri: '',
			audiences: [],
			allowed_roles: [],
			skip_consent: false,
			skip_consent_offline_access: false,
			refresh_tokens: true,
			id_token_signed_response_alg: 'RS256',
			grant_types: [ 'authorization_code', 'refresh_token' ],
			token_endpoint_auth_method: 'client_secret_basic',
			jwks: null,
			jwks_uri: '',
			rest_access: 'none',
			source: 'admin',
		} );
	} );

	test( 'the RFC 7591 fields are stored, and refresh_tokens follows grant_types', async () => {
		const jwks = {
			keys: [ { kty: 'EC', crv: 'P-256', kid: 'k1', x: 'AA', y: 'AA' } ],
		};
		const created = await createClient( admin, {
			...valid,
			grant_types: [ 'client_credentials', 'authorization_code' ],
			token_endpoint_auth_method: 'private_key_jwt',
			jwks,
			rest_access: 'read',
		} );
		expect( created ).toMatchObject( {
			// In the one order the server keeps them.
			grant_types: [ 'authorization_code', 'client_credentials' ],
			refresh_tokens: false,
			token_endpoint_auth_method: 'private_key_jwt',
			jwks,
			jwks_uri: '',
			rest_access: 'read',
		} );
		const path = route( `clients/${ created.client_id }` );
		const patched = ( await (
			await admin.patch( path, { refresh_tokens: true } )
		).json() ) as Client;
		expect( patched.grant_types ).toEqual( [
			'authorization_code',
			'refresh_token',
			'client_credentials',
		] );
		const toPublic = ( await (
			await admin.patch( path, {
				type: 'public',
				grant_types: [ 'authorization_code' ],
				token_endpoint_auth_method: 'none',
				jwks: null,
			} )
		).json() ) as Client;
		expect( toPublic ).toMatchObject( {
			type: 'public',
			token_endpoint_auth_method: 'none',
			refresh_tokens: false,
			jwks: null,
		} );
	} );

	test( 'a client for client_credentials alone needs no redirect URI; the code flow does', async () => {
		const created = await createClient( admin, {
			name: 'Machine',
			redirect_uris: [],
			grant_types: [ 'client_credentials' ],
		} );
		expect( created ).toMatchObject( {
			redirect_uris: [],
			grant_types: [ 'client_credentials' ],
			refresh_tokens: false,
		} );
		await expectError(
			await admin.patch( route( `clients/${ created.client_id }` ), {
				grant_types: [ 'client_credentials', 'authorization_code' ],
			} ),
			400,
			'keystone_oidc_invalid_redirect_uri'
		);
	} );

	test( 'every field is stored and read back', async () => {
		const input = {
			name: '  Native app  ',
			type: 'public',
			redirect_uris: [
				'com.example.app:/oauth2redirect',
				'http://127.0.0.1:8765/callback',
				'http://localhost/cb',
				'http://[::1]:9000/cb',
			],
			scopes: [ 'email', 'openid', 'offline_access' ],
			post_logout_redirect_uris: [ 'https://app.example.test/bye' ],
			backchannel_logout_uri: 'https://app.example.test/backchannel',
			audiences: [ 'https://api.example.test', 'urn:example:api' ],
			allowed_roles: [ 'editor', 'administrator' ],
			skip_consent: true,
			skip_consent_offline_access: true,
			refresh_tokens: false,
			id_token_signed_response_alg: 'ES256',
		};
		const created = await createClient( admin, input );
		expect( created.client_secret ).toBeNull();
		const read = ( await (
			await admin.get( route( `clients/${ created.client_id }` ) )
		).json() ) as Client;
		expect( read ).toMatchObject( {
			...input,
			name: 'Native app',
			scopes: [ 'openid', 'email', 'offline_access' ],
		} );
	} );

	test( 'a name may be 200 characters of any script, or "0"', async () => {
		const long = 'ä'.repeat( 199 ) + '鍵';
		expect( ( await createClient( admin, { name: long } ) ).name ).toBe(
			long
		);
		expect( ( await createClient( admin, { name: '0' } ) ).name ).toBe(
			'0'
		);
	} );

	test( 'openid is always included and duplicates are dropped', async () => {
		const created = await createClient( admin, {
			scopes: [ 'email', 'email' ],
			redirect_uris: [
				'https://rp.example.test/a',
				'https://rp.example.test/a',
			],
		} );
		expect( created.scopes ).toEqual( [ 'openid', 'email' ] );
		expect( created.redirect_uris ).toEqual( [
			'https://rp.example.test/a',
		] );
	} );

	test( 'an unknown client is 404 keystone_oidc_client_not_found on every client route', async () => {
		const missing = route( 'clients/no-such-client' );
		await expectError(
			await admin.get( missing ),
			404,
			'keystone_oidc_client_not_found'
		);
		await expectError(
			await admin.put( missing, valid ),
			404,
			'keystone_oidc_client_not_found'
		);
		await expectError(
			await admin.patch( missing, { name: 'x' } ),
			404,
			'keystone_oidc_client_not_found'
		);
		await expectError(
			await admin.delete( missing ),
			404,
			'keystone_oidc_client_not_found'
		);
		await expectError(
			await admin.post( `${ missing }/secret` ),
			404,
			'keystone_oidc_client_not_found'
		);
	} );

	test( 'client ids are case-sensitive', async () => {
		const created = await createClient( admin );
		await expectError(
			await admin.get(
				route( `clients/${ created.client_id.toUpperCase() }` )
			),
			404,
			'keystone_oidc_client_not_found'
		);
	} );
} );

const invalid: {
	title: string;
	input: Record< string, unknown >;
	code: string;
	mentions?: string;
}[] = [
	{
		title: 'a missing name',
		input: { name: undefined },
		code: 'keystone_oidc_invalid_name',
	},
	{
		title: 'an empty name',
		input: { name: '' },
		code: 'keystone_oidc_invalid_name',
	},
	{
		title: 'a blank name',
		input: { name: '   ' },
		code: 'keystone_oidc_invalid_name',
	},
	{
		title: 'a name of 201 characters',
		input: { name: 'x'.repeat( 201 ) },
		code: 'keystone_oidc_invalid_name',
	},
	{
		title: 'a name that is a number',
		input: { name: 42 },
		code: 'keystone_oidc_invalid_name',
	},
	{
		title: 'a name with a line break',
		input: { name: 'Wiki\nAdmin' },
		code: 'keystone_oidc_invalid_name',
	},
	{
		title: 'missing redirect URIs',
		input: { redirect_uris: undefined },
		code: 'keystone_oidc_invalid_redirect_uri',
	},
	{
		title: 'no redirect URI',
		input: { redirect_uris: [] },
		code: 'keystone_oidc_invalid_redirect_uri',
	},
	{
		title: 'redirect URIs that are not a list',
		input: { redirect_uris: 'https://rp.example.test/cb' },
		code: 'keystone_oidc_invalid_redirect_uri',
	},
	{
		title: 'a relative redirect URI',
		input: { redirect_uris: [ '/callback' ] },
		code: 'keystone_oidc_invalid_redirect_uri',
		mentions: '/callback',
	},
	{
		title: 'a plain-http redirect URI on a public host',
		input: {
			redirect_uris: [
				'https://rp.example.test/ok',
				'http://rp.example.test/callback',
			],
		},
		code: 'keystone_oidc_invalid_redirect_uri',
		mentions: 'http://rp.example.test/callback',
	},
	{
		title: 'a redirect URI with a fragment',
		input: { redirect_uris: [ 'https://rp.example.test/cb#top' ] },
		code: 'keystone_oidc_invalid_redirect_uri',
		mentions: 'https://rp.example.test/cb#top',
	},
	{
		title: 'a wildcard redirect URI',
		input: { redirect_uris: [ 'https://*.example.test/cb' ] },
		code: 'keystone_oidc_invalid_redirect_uri',
		mentions: 'https://*.example.test/cb',
	},
	{
		// `rp.example.test@` is userinfo: the browser goes to evil.example.test (RFC 3986 §3.2.1).
		title: 'a redirect URI with userinfo',
		input: {
			redirect_uris: [ 'https://rp.example.test@evil.example.test/cb' ],
		},
		code: 'keystone_oidc_invalid_redirect_uri',
		mentions: 'https://rp.example.test@evil.example.test/cb',
	},
	{
		title: 'a loopback redirect URI with userinfo',
		input: { redirect_uris: [ 'http://user:pw@127.0.0.1:8080/cb' ] },
		code: 'keystone_oidc_invalid_redirect_uri',
		mentions: 'http://user:pw@127.0.0.1:8080/cb',
	},
	{
		title: 'a redirect URI that is not a string',
		input: { redirect_uris: [ 7 ] },
		code: 'keystone_oidc_invalid_redirect_uri',
	},
	{
		title: 'an unsupported scope',
		input: { scopes: [ 'openid', 'admin' ] },
		code: 'keystone_oidc_invalid_scope',
		mentions: 'admin',
	},
	{
		title: 'scopes as a string',
		input: { scopes: 'openid profile' },
		code: 'keystone_oidc_invalid_scope',
	},
	{
		title: 'an unknown type',
		input: { type: 'secret' },
		code: 'keystone_oidc_invalid_type',
	},
	{
		title: 'a plain-http post-logout redirect URI on a public host',
		input: { post_logout_redirect_uris: [ 'http://rp.example.test/bye' ] },
		code: 'keystone_oidc_invalid_field',
		mentions: 'post_logout_redirect_uris',
	},
	{
		title: 'post-logout redirect URIs that are not a list',
		input: { post_logout_redirect_uris: 'https://rp.example.test/bye' },
		code: 'keystone_oidc_invalid_field',
		mentions: 'post_logout_redirect_uris',
	},
	{
		title: 'a post-logout redirect URI with userinfo',
		input: {
			post_logout_redirect_uris: [
				'https://rp.example.test@evil.example.test/bye',
			],
		},
		code: 'keystone_oidc_invalid_field',
		mentions: 'post_logout_redirect_uris',
	},
	{
		title: 'a back-channel logout URI with userinfo',
		input: {
			backchannel_logout_uri:
				'https://rp.example.test@evil.example.test/logout',
		},
		code: 'keystone_oidc_invalid_field',
		mentions: 'backchannel_logout_uri',
	},
	{
		title: 'a back-channel logout URI with another scheme',
		input: { backchannel_logout_uri: 'ftp://rp.example.test/logout' },
		code: 'keystone_oidc_invalid_field',
		mentions: 'backchannel_logout_uri',
	},
	{
		title: 'a relative back-channel logout URI',
		input: { backchannel_logout_uri: '/logout' },
		code: 'keystone_oidc_invalid_field',
		mentions: 'backchannel_logout_uri',
	},
	{
		title: 'a back-channel logout URI that is not a string',
		input: { backchannel_logout_uri: [ 'https://rp.example.test/logout' ] },
		code: 'keystone_oidc_invalid_field',
		mentions: 'backchannel_logout_uri',
	},
	{
		title: 'a relative audience',
		input: { audiences: [ 'api' ] },
		code: 'keystone_oidc_invalid_field',
		mentions: 'audiences',
	},
	{
		title: 'an audience with a fragment',
		input: { audiences: [ 'https://api.example.test/#x' ] },
		code: 'keystone_oidc_invalid_field',
		mentions: 'audiences',
	},
	{
		title: 'an unknown role',
		input: { allowed_roles: [ 'editor', 'no-such-role' ] },
		code: 'keystone_oidc_invalid_field',
		mentions: 'no-such-role',
	},
	{
		title: 'roles that are not a list',
		input: { allowed_roles: 'editor' },
		code: 'keystone_oidc_invalid_field',
		mentions: 'allowed_roles',
	},
	{
		title: 'skip_consent that is not a boolean',
		input: { skip_consent: 'yes' },
		code: 'keystone_oidc_invalid_field',
		mentions: 'skip_consent',
	},
	{
		title: 'skip_consent_offline_access that is not a boolean',
		input: { skip_consent_offline_access: 'yes' },
		code: 'keystone_oidc_invalid_field',
		mentions: 'skip_consent_offline_access',
	},
	{
		title: 'refresh_tokens that is not a boolean',
		input: { refresh_tokens: { on: true } },
		code: 'keystone_oidc_invalid_field',
		mentions: 'refresh_tokens',
	},
	{
		title: 'an unsupported ID token algorithm',
		input: { id_token_signed_response_alg: 'HS256' },
		code: 'keystone_oidc_invalid_field',
		mentions: 'id_token_signed_response_alg',
	},
	{
		title: 'an unknown grant type',
		input: { grant_types: [ 'authorization_code', 'password' ] },
		code: 'keystone_oidc_invalid_field',
		mentions: 'password',
	},
	{
		title: 'an empty list of grant types',
		input: { grant_types: [] },
		code: 'keystone_oidc_invalid_field',
		mentions: 'grant_types',
	},
	{
		title: 'refresh_tokens that contradicts grant_types',
		input: { grant_types: [ 'authorization_code' ], refresh_tokens: true },
		code: 'keystone_oidc_invalid_field',
		mentions: 'refresh_token',
	},
	{
		title: 'client_credentials for a public client',
		input: {
			type: 'public',
			grant_types: [ 'client_credentials' ],
		},
		code: 'keystone_oidc_invalid_field',
		mentions: 'client_credentials',
	},
	{
		title: 'an unknown token endpoint authentication method',
		input: { token_endpoint_auth_method: 'tls_client_auth' },
		code: 'keystone_oidc_invalid_field',
		mentions: 'token_endpoint_auth_method',
	},
	{
		title: 'the "none" authentication method for a confidential client',
		input: { token_endpoint_auth_method: 'none' },
		code: 'keystone_oidc_invalid_field',
		mentions: 'token_endpoint_auth_method',
	},
	{
		title: 'a secret method for a public client',
		input: {
			type: 'public',
			token_endpoint_auth_method: 'client_secret_post',
		},
		code: 'keystone_oidc_invalid_field',
		mentions: 'token_endpoint_auth_method',
	},
	{
		title: 'private_key_jwt without keys',
		input: { token_endpoint_auth_method: 'private_key_jwt' },
		code: 'keystone_oidc_invalid_field',
		mentions: 'jwks',
	},
	{
		title: 'a JWK Set without keys',
		input: { jwks: { keys: [] } },
		code: 'keystone_oidc_invalid_field',
		mentions: 'jwks',
	},
	{
		title: 'a JWK Set that holds a private key',
		input: {
			jwks: {
				keys: [
					{ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA', d: 'AA' },
				],
			},
		},
		code: 'keystone_oidc_invalid_field',
		mentions: 'private key',
	},
	{
		title: 'a JWK of an unsupported key type',
		input: { jwks: { keys: [ { kty: 'oct', k: 'AA' } ] } },
		code: 'keystone_oidc_invalid_field',
		mentions: 'jwks',
	},
	{
		title: 'a plain-http jwks_uri',
		input: { jwks_uri: 'http://rp.example.test/jwks' },
		code: 'keystone_oidc_invalid_field',
		mentions: 'jwks_uri',
	},
	{
		title: 'both jwks and jwks_uri',
		input: {
			jwks: { keys: [ { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' } ] },
			jwks_uri: 'https://rp.example.test/jwks',
		},
		code: 'keystone_oidc_invalid_field',
		mentions: 'jwks_uri',
	},
	{
		title: 'an unknown REST access level',
		input: { rest_access: 'admin' },
		code: 'keystone_oidc_invalid_field',
		mentions: 'rest_access',
	},
	{
		title: 'the "none" ID token algorithm',
		input: { id_token_signed_response_alg: 'none' },
		code: 'keystone_oidc_invalid_field',
		mentions: 'id_token_signed_response_alg',
	},
];

test.describe( 'input rules', () => {
	for ( const { title, input, code, mentions } of invalid ) {
		test( `POST refuses ${ title } with 400 ${ code }`, async () => {
			const body: Record< string, unknown > = {
				...valid,
				name: `Refused ${ Math.random().toString( 36 ).slice( 2 ) }`,
				...input,
			};
			for ( const key of Object.keys( body ) ) {
				if ( body[ key ] === undefined ) {
					delete body[ key ];
				}
			}
			const error = await expectError(
				await admin.post( route( 'clients' ), body ),
				400,
				code
			);
			if ( mentions ) {
				expect( error.message ).toContain( mentions );
			}
			if ( typeof body.name === 'string' && body.name.trim() !== '' ) {
				const list = ( await (
					await admin.get( route( 'clients' ) )
				).json() ) as Client[];
				expect(
					list.filter( ( item ) => item.name === body.name ),
					'nothing was stored'
				).toEqual( [] );
			}
		} );
	}

	test( 'PATCH refuses a bad field with its code and leaves the client unchanged', async () => {
		const created = await createClient( admin, valid );
		const path = route( `clients/${ created.client_id }` );
		for ( const { input, code } of invalid ) {
			const body = Object.fromEntries(
				Object.entries( input ).filter(
					( [ , value ] ) => value !== undefined
				)
			);
			if ( Object.keys( body ).length === 0 ) {
				continue;
			}
			await expectError(
				await admin.patch( path, { name: 'Changed', ...body } ),
				400,
				code
			);
		}
		const read = ( await ( await admin.get( path ) ).json() ) as Client;
		const { client_secret: secret, ...stored } = created;
		expect( secret ).toBeTruthy();
		expect( read ).toEqual( stored );
	} );

	test( 'PUT needs a name and redirect URIs like POST', async () => {
		const created = await createClient( admin, valid );
		const path = route( `clients/${ created.client_id }` );
		await expectError(
			await admin.put( path, { redirect_uris: valid.redirect_uris } ),
			400,
			'keystone_oidc_invalid_name'
		);
		await expectError(
			await admin.put( path, { name: 'Only a name' } ),
			400,
			'keystone_oidc_invalid_redirect_uri'
		);
	} );
} );

test.describe( 'update', () => {
	test( 'PATCH changes only the fields it carries', async () => {
		const created = await createClient( admin, {
			...valid,
			scopes: [ 'email' ],
			skip_consent: true,
			audiences: [ 'https://api.example.test' ],
		} );
		const path = route( `clients/${ created.client_id }` );
		const response = await admin.patch( path, {
			name: 'Wiki (renamed)',
			refresh_tokens: false,
		} );
		expect( response.status(), await response.text() ).toBe( 200 );
		const patched = ( await response.json() ) as Client;
		expect( patched ).not.toHaveProperty( 'client_secret' );
		expect( patched ).toMatchObject( {
			client_id: created.client_id,
			name: 'Wiki (renamed)',
			redirect_uris: valid.redirect_uris,
			scopes: [ 'openid', 'email' ],
			skip_consent: true,
			refresh_tokens: false,
			audiences: [ 'https://api.example.test' ],
			created_at: created.created_at,
		} );
		expect(
			( await ( await admin.get( path ) ).json() ) as Client
		).toEqual( patched );
	} );

	test( 'PUT replaces the input: left-out optional fields return to their defaults', async () => {
		const created = await createClient( admin, {
			...valid,
			scopes: [ 'email' ],
			skip_consent: true,
			allowed_roles: [ 'editor' ],
			id_token_signed_response_alg: 'ES256',
		} );
		const path = route( `clients/${ created.client_id }` );
		const response = await admin.put( path, {
			name: 'Replaced',
			redirect_uris: [ 'https://new.example.test/cb' ],
		} );
		expect( response.status(), await response.text() ).toBe( 200 );
		expect( ( await response.json() ) as Client ).toMatchObject( {
			client_id: created.client_id,
			name: 'Replaced',
			type: 'confidential',
			redirect_uris: [ 'https://new.example.test/cb' ],
			scopes: [ 'openid', 'profile', 'email' ],
			skip_consent: false,
			allowed_roles: [],
			id_token_signed_response_alg: 'RS256',
			created_at: created.created_at,
		} );
	} );

	test( 'a public client that becomes confidential gets a secret once; the reverse drops it', async () => {
		const created = await createClient( admin, {
			...valid,
			type: 'public',
		} );
		expect( created.client_secret ).toBeNull();
		const path = route( `clients/${ created.client_id }` );

		const toConfidential = await admin.patch( path, {
			type: 'confidential',
		} );
		expect( toConfidential.status() ).toBe( 200 );
		const confidential = ( await toConfidential.json() ) as CreatedClient;
		expect( confidential.type ).toBe( 'confidential' );
		expect( confidential.client_secret ).toMatch( /^[A-Za-z0-9_-]{43}$/ );

		const renamed = ( await (
			await admin.patch( path, { name: 'Still confidential' } )
		).json() ) as Client;
		expect( renamed ).not.toHaveProperty( 'client_secret' );

		const toPublic = ( await (
			await admin.patch( path, { type: 'public' } )
		).json() ) as Client;
		expect( toPublic.type ).toBe( 'public' );
		expect( toPublic ).not.toHaveProperty( 'client_secret' );
		await expectError(
			await admin.post( `${ path }/secret` ),
			400,
			'keystone_oidc_public_client'
		);
	} );
} );

test.describe( 'secrets and deletion', () => {
	test( 'reset secret returns a new secret once', async () => {
		const created = await createClient( admin, valid );
		const response = await admin.post(
			route( `clients/${ created.client_id }/secret` )
		);
		expect( response.status(), await response.text() ).toBe( 200 );
		expect( response.headers()[ 'cache-control' ] ).toContain( 'no-store' );
		const body = ( await response.json() ) as {
			client_id: string;
			client_secret: string;
		};
		expect( Object.keys( body ).sort() ).toEqual( [
			'client_id',
			'client_secret',
		] );
		expect( body.client_id ).toBe( created.client_id );
		expect( body.client_secret ).toMatch( /^[A-Za-z0-9_-]{43}$/ );
		expect( body.client_secret ).not.toBe( created.client_secret );
	} );

	test( 'a public client has no secret to reset: 400 keystone_oidc_public_client', async () => {
		const created = await createClient( admin, {
			...valid,
			type: 'public',
		} );
		await expectError(
			await admin.post(
				route( `clients/${ created.client_id }/secret` )
			),
			400,
			'keystone_oidc_public_client'
		);
	} );

	test( 'DELETE removes the client', async () => {
		const created = await createClient( admin, valid );
		const path = route( `clients/${ created.client_id }` );
		const response = await admin.delete( path );
		expect( response.status(), await response.text() ).toBe( 200 );
		expect( await response.json() ).toEqual( { deleted: true } );
		await expectError(
			await admin.get( path ),
			404,
			'keystone_oidc_client_not_found'
		);
		await expectError(
			await admin.delete( path ),
			404,
			'keystone_oidc_client_not_found'
		);
		const list = ( await (
			await admin.get( route( 'clients' ) )
		).json() ) as Client[];
		expect(
			list.some( ( item ) => item.client_id === created.client_id )
		).toBe( false );
	} );
} );
