/**
 * client_credentials (RFC 6749 §4.4): a confidential client gets an access token for itself. The
 * token has no user: `sub` is the client_id (RFC 9068 §2.2), no ID token, no refresh token; it
 * carries only machine scopes (never one that needs a user) and the audiences it names with
 * `resource` (RFC 8707). UserInfo refuses it, introspection describes it, revocation ends it, and
 * what ends a user's grants leaves it alone.
 *
 * Machine scopes exist only where a site adds scopes for its own APIs, so this spec runs on a
 * site of its own started with KEYSTONE_TEST_SITE_SCOPES (see the must-use plugin
 * keystone-test-site-scopes.php, which also keeps `interactive:only` out of machine tokens through
 * the `keystone_oidc_machine_scopes` filter).
 */
import * as client from 'openid-client';
import * as oauth from 'oauth4webapi';
import { test, expect } from '../support/test';
import { startOwnSite, type RunningSite } from '../support/site';
import { createUser, restSession } from '../support/wp';
import {
	credentials,
	expectChallenge,
	expectOAuthError,
	raw,
	type RawOptions,
} from './support/http';
import { logOutEverywhere } from './support/logout';
import { provider } from './support/jwt';
import {
	asAdmin,
	callbackUri,
	createClient,
	endpoint,
	issuer,
	updateClient,
	type TestClient,
} from './support/provider';
import {
	ACCESS_TOKEN_LIFETIME,
	verifyAccessToken,
	type Claims,
} from '../../shared/token-verifier';

const SITE_SCOPES = 'reports:read inventory:write interactive:only';
const API = 'https://api.example.test/reports';
const OTHER_API = 'https://inventory.example.test';

let site: RunningSite;

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	test.setTimeout( 180_000 );
	const saved = process.env.KEYSTONE_TEST_SITE_SCOPES;
	process.env.KEYSTONE_TEST_SITE_SCOPES = SITE_SCOPES;
	try {
		site = await startOwnSite( `client-credentials-${ process.pid }`, [
			'--test-plugins',
		] );
	} finally {
		if ( saved === undefined ) {
			delete process.env.KEYSTONE_TEST_SITE_SCOPES;
		} else {
			process.env.KEYSTONE_TEST_SITE_SCOPES = saved;
		}
	}
} );

test.afterAll( async () => {
	await site?.stop();
} );

interface MachineClient {
	client_id: string;
	client_secret: string;
}

/**
 * A service: confidential, client_credentials only, no redirect URI, the site's scopes plus
 * `openid` (always there) and two audiences.
 */
async function createService(
	input: Record< string, unknown > = {}
): Promise< MachineClient > {
	const body = {
		name: 'Nightly report job',
		redirect_uris: [],
		grant_types: [ 'client_credentials' ],
		scopes: [
			'openid',
			'profile',
			'reports:read',
			'inventory:write',
			'interactive:only',
		],
		audiences: [ API, OTHER_API ],
		...input,
	};
	const response = await asAdmin( ( session ) =>
		session.post( 'keystone-oidc/v1/clients', body )
	);
	expect( response.status(), await response.text() ).toBe( 201 );
	const created = ( await response.json() ) as MachineClient & {
		grant_types: string[];
		refresh_tokens: boolean;
	};
	expect( created.grant_types ).toEqual( body.grant_types );
	expect( created.refresh_tokens ).toBe( false );
	return created;
}

function asTestClient( service: MachineClient ): TestClient {
	return {
		...service,
		name: 'service',
		type: 'confidential',
		redirect_uris: [],
		scopes: [],
		redirectUri: '',
	};
}

function configFor( service: MachineClient ): Promise< client.Configuration > {
	return client.discovery(
		new URL( issuer() ),
		service.client_id,
		{},
		client.ClientSecretBasic( service.client_secret ),
		{ execute: [ client.allowInsecureRequests ] }
	);
}

function tokenRequest(
	service: MachineClient,
	form: Array< [ string, string ] >,
	options: RawOptions = {}
) {
	return raw( 'token', {
		form: [ [ 'grant_type', 'client_credentials' ], ...form ],
		basic: credentials( asTestClient( service ) ),
		...options,
	} );
}

async function machineToken(
	service: MachineClient,
	form: Array< [ string, string ] > = []
): Promise< string > {
	const response = await tokenRequest( service, form );
	expect( response.status, response.text ).toBe( 200 );
	return response.json.access_token as string;
}

function verifyMachineToken(
	token: string,
	service: MachineClient,
	scope: string,
	audience?: string | string[]
): Promise< Claims > {
	return verifyAccessToken( token, provider(), {
		clientId: service.client_id,
		sub: service.client_id,
		scope,
		audience,
	} );
}

async function introspect(
	service: MachineClient,
	token: string
): Promise< Record< string, unknown > > {
	const response = await raw( 'introspection', {
		form: { token },
		basic: credentials( asTestClient( service ) ),
	} );
	expect( response.status, response.text ).toBe( 200 );
	return response.json;
}

test( 'discovery announces client_credentials', async () => {
	const doc = ( await raw( 'discovery' ) ).json;
	expect( doc.grant_types_supported ).toContain( 'client_credentials' );
	expect( doc.scopes_supported ).toEqual(
		expect.arrayContaining( SITE_SCOPES.split( ' ' ) )
	);
} );

test( 'openid-client gets a token for the client itself: sub is the client, machine scopes only, no ID or refresh token', async () => {
	const service = await createService();
	const config = await configFor( service );
	const tokens = await client.clientCredentialsGrant( config );
	expect( tokens.token_type.toLowerCase() ).toBe( 'bearer' );
	expect( tokens.expires_in ).toBe( ACCESS_TOKEN_LIFETIME );
	expect( tokens.id_token ).toBeUndefined();
	expect( tokens.refresh_token ).toBeUndefined();
	// Without `scope`, every machine scope of the client: the filter kept interactive:only out.
	expect( tokens.scope ).toBe( 'reports:read inventory:write' );
	const payload = await verifyMachineToken(
		tokens.access_token,
		service,
		'reports:read inventory:write'
	);
	expect( payload.sub ).toBe( service.client_id );
	expect( payload.aud ).toBe( service.client_id );
} );

test( 'openid-client names the scope and the resources: the token carries exactly those', async () => {
	const service = await createService();
	const config = await configFor( service );
	const tokens = await client.clientCredentialsGrant(
		config,
		new URLSearchParams( [
			[ 'scope', 'reports:read' ],
			[ 'resource', API ],
			[ 'resource', OTHER_API ],
		] )
	);
	expect( tokens.scope ).toBe( 'reports:read' );
	await verifyMachineToken( tokens.access_token, service, 'reports:read', [
		API,
		OTHER_API,
	] );
} );

test( 'oauth4webapi gets a token with client_secret_post and one resource', async () => {
	const service = await createService( {
		token_endpoint_auth_method: 'client_secret_post',
	} );
	const as = await oauth.processDiscoveryResponse(
		new URL( issuer() ),
		await oauth.discoveryRequest( new URL( issuer() ), {
			[ oauth.allowInsecureRequests ]: true,
		} )
	);
	const oauthClient: oauth.Client = { client_id: service.client_id };
	const response = await oauth.clientCredentialsGrantRequest(
		as,
		oauthClient,
		oauth.ClientSecretPost( service.client_secret ),
		{ scope: 'inventory:write', resource: API },
		{ [ oauth.allowInsecureRequests ]: true }
	);
	const tokens = await oauth.processClientCredentialsResponse(
		as,
		oauthClient,
		response
	);
	expect( tokens.id_token ).toBeUndefined();
	expect( tokens.refresh_token ).toBeUndefined();
	await verifyMachineToken(
		tokens.access_token,
		service,
		'inventory:write',
		API
	);
} );

test( 'a client with only user scopes gets a token without scope', async () => {
	const service = await createService( {
		scopes: [ 'openid', 'profile', 'email' ],
	} );
	const response = await tokenRequest( service, [] );
	expect( response.status, response.text ).toBe( 200 );
	expect( response.json ).not.toHaveProperty( 'scope' );
	await verifyMachineToken(
		response.json.access_token as string,
		service,
		''
	);
} );

test.describe( 'refused at the token endpoint', () => {
	test( 'a public client: unauthorized_client', async () => {
		const spa = await createClient( { type: 'public' } );
		expectOAuthError(
			await raw( 'token', {
				form: {
					grant_type: 'client_credentials',
					client_id: spa.client_id,
				},
			} ),
			400,
			'unauthorized_client'
		);
	} );

	test( 'a public client cannot even be registered for it', async () => {
		const response = await asAdmin( ( session ) =>
			session.post( 'keystone-oidc/v1/clients', {
				name: 'Public service',
				type: 'public',
				redirect_uris: [ callbackUri() ],
				grant_types: [ 'authorization_code', 'client_credentials' ],
			} )
		);
		expect( response.status(), await response.text() ).toBe( 400 );
	} );

	test( 'a confidential client without the grant (the default): unauthorized_client', async () => {
		const webApp = await createClient();
		expectOAuthError(
			await raw( 'token', {
				form: { grant_type: 'client_credentials' },
				basic: credentials( webApp ),
			} ),
			400,
			'unauthorized_client'
		);
	} );

	test( 'the grant switched off by the administrator: unauthorized_client', async () => {
		const service = await createService( {
			redirect_uris: [ callbackUri() ],
			grant_types: [ 'authorization_code', 'client_credentials' ],
		} );
		await updateClient( service.client_id, {
			grant_types: [ 'authorization_code' ],
		} );
		expectOAuthError(
			await tokenRequest( service, [] ),
			400,
			'unauthorized_client'
		);
	} );

	for ( const scope of [
		'openid',
		'profile',
		'offline_access',
		'reports:read email',
		'wordpress:read',
	] ) {
		test( `a scope that needs a user (${ scope }): invalid_scope`, async () => {
			const service = await createService();
			const response = await tokenRequest( service, [
				[ 'scope', scope ],
			] );
			expectOAuthError( response, 400, 'invalid_scope' );
			expect( response.json.error_description ).toContain(
				'needs a user'
			);
		} );
	}

	test( 'a scope the client lacks, or the site keeps from machines: invalid_scope', async () => {
		const service = await createService( {
			scopes: [ 'openid', 'reports:read', 'interactive:only' ],
		} );
		for ( const scope of [ 'inventory:write', 'interactive:only' ] ) {
			expectOAuthError(
				await tokenRequest( service, [ [ 'scope', scope ] ] ),
				400,
				'invalid_scope'
			);
		}
	} );

	test( 'a resource the client is not registered for, or a malformed one: invalid_target', async () => {
		const service = await createService();
		for ( const resource of [
			'https://elsewhere.example.test',
			`${ API }#part`,
			'not a uri',
		] ) {
			expectOAuthError(
				await tokenRequest( service, [ [ 'resource', resource ] ] ),
				400,
				'invalid_target'
			);
		}
	} );

	test( 'a wrong secret: invalid_client', async () => {
		const service = await createService();
		expectChallenge(
			await tokenRequest( service, [], {
				basic: {
					id: service.client_id,
					secret: `${ service.client_secret }x`,
				},
			} ),
			'invalid_client',
			'Basic'
		);
	} );

	test( 'a repeated scope parameter: invalid_request', async () => {
		const service = await createService();
		expectOAuthError(
			await tokenRequest( service, [
				[ 'scope', 'reports:read' ],
				[ 'scope', 'inventory:write' ],
			] ),
			400,
			'invalid_request'
		);
	} );
} );

test( 'UserInfo refuses the token: 401 invalid_token, saying it has no user', async () => {
	const service = await createService();
	const token = await machineToken( service );
	const response = await raw( 'userinfo', { bearer: token } );
	expectChallenge( response, 'invalid_token', 'Bearer' );
	expect( response.json.error_description ).toBe(
		'The access token has no user: it was issued to a client acting for itself (client_credentials)'
	);
	const config = await configFor( service );
	await expect(
		client.fetchUserInfo( config, token, client.skipSubjectCheck )
	).rejects.toThrow();
} );

test( 'introspection describes the token: active, sub the client, no username', async () => {
	const service = await createService();
	const token = await machineToken( service, [
		[ 'scope', 'reports:read' ],
		[ 'resource', API ],
	] );
	const payload = await verifyMachineToken(
		token,
		service,
		'reports:read',
		API
	);
	const answer = await client.tokenIntrospection(
		await configFor( service ),
		token
	);
	expect( answer ).toEqual( {
		active: true,
		scope: 'reports:read',
		client_id: service.client_id,
		token_type: 'Bearer',
		exp: payload.exp,
		iat: payload.iat,
		sub: service.client_id,
		aud: API,
		iss: issuer(),
		jti: payload.jti,
	} );
} );

test( 'revocation ends the token, and only that token', async () => {
	const service = await createService();
	const revoked = await machineToken( service );
	const kept = await machineToken( service );
	await client.tokenRevocation( await configFor( service ), revoked );
	expect( await introspect( service, revoked ) ).toEqual( {
		active: false,
	} );
	expect( ( await introspect( service, kept ) ).active ).toBe( true );
} );

test( 'the grant switched off by the administrator: its tokens are no longer active', async () => {
	const service = await createService( {
		redirect_uris: [ callbackUri() ],
		grant_types: [ 'authorization_code', 'client_credentials' ],
	} );
	const token = await machineToken( service );
	expect( ( await introspect( service, token ) ).active ).toBe( true );
	await updateClient( service.client_id, {
		grant_types: [ 'authorization_code' ],
	} );
	expect( await introspect( service, token ) ).toEqual( {
		active: false,
	} );
} );

test( "a user's password change and log out everywhere leave machine tokens alone", async () => {
	const service = await createService();
	const token = await machineToken( service );
	const person = await createUser( 'subscriber' );
	const admin = await restSession();
	try {
		const changed = await admin.post( `wp/v2/users/${ person.id }`, {
			password: `pw-${ Date.now() }-changed`,
		} );
		expect( changed.status(), await changed.text() ).toBe( 200 );
	} finally {
		await admin.dispose();
	}
	await logOutEverywhere( person.id );
	expect( ( await introspect( service, token ) ).active ).toBe( true );
} );

test.describe( 'the authorization endpoint', () => {
	test( 'a client with a redirect URI but without the code grant: unauthorized_client to its redirect URI', async () => {
		const service = await createService( {
			redirect_uris: [ callbackUri( 'service' ) ],
		} );
		const url = new URL( endpoint( 'authorize' ) );
		url.search = new URLSearchParams( {
			response_type: 'code',
			client_id: service.client_id,
			redirect_uri: callbackUri( 'service' ),
			scope: 'openid',
			state: 'st-9',
		} ).toString();
		const response = await fetch( url, { redirect: 'manual' } );
		expect( response.status ).toBe( 302 );
		const location = new URL( response.headers.get( 'location' ) ?? '' );
		expect( `${ location.origin }${ location.pathname }` ).toBe(
			callbackUri( 'service' )
		);
		expect( location.searchParams.get( 'error' ) ).toBe(
			'unauthorized_client'
		);
		expect( location.searchParams.get( 'state' ) ).toBe( 'st-9' );
		expect( location.searchParams.get( 'iss' ) ).toBe( issuer() );
		expect( location.searchParams.get( 'code' ) ).toBeNull();
	} );

	test( 'a client without any redirect URI: the HTML error page, no redirect', async () => {
		const service = await createService();
		const url = new URL( endpoint( 'authorize' ) );
		url.search = new URLSearchParams( {
			response_type: 'code',
			client_id: service.client_id,
			redirect_uri: callbackUri(),
			scope: 'openid',
		} ).toString();
		const response = await fetch( url, { redirect: 'manual' } );
		expect( response.status ).toBe( 400 );
		expect( response.headers.get( 'location' ) ).toBeNull();
		expect( response.headers.get( 'content-type' ) ).toMatch(
			/^text\/html/
		);
	} );
} );
