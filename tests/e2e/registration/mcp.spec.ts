/**
 * Proven with clients nobody here wrote: the official MCP TypeScript SDK's OAuth support, and
 * `oauth4webapi` as a single-page app uses it. Each starts from a 401 of a protected REST route,
 * follows the RFC 9728 challenge to the protected-resource metadata, then the authorization server
 * metadata, registers itself (RFC 7591, open `loopback` policy), runs the code flow with PKCE
 * through the real consent screen in Chromium, and calls the route with its token.
 */
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import {
	auth,
	extractWWWAuthenticateParams,
	type OAuthClientProvider,
} from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
	OAuthClientInformationMixed,
	OAuthClientMetadata,
	OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import * as oauth from 'oauth4webapi';
import { test, expect } from '../support/test';
import { startOwnSite, type RunningSite } from '../support/site';
import { baseUrl, restUrl } from '../support/env';
import { createUser, type WpUser } from '../support/wp';
import { consent, signedInContext } from '../protocol/support/flow';
import { asAdmin, issuer } from '../protocol/support/provider';
import { setPolicy } from './support';

let site: RunningSite;
let user: WpUser;

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	test.setTimeout( 180_000 );
	site = await startOwnSite( `registration-mcp-${ process.pid }`, [
		'--test-plugins',
	] );
	user = await createUser( 'subscriber' );
	// Open registration, and dynamic clients may use the REST API as far as their user may.
	await setPolicy( 'loopback', { dynamic_rest_access: 'write' } );
} );

test.afterAll( async () => {
	await site?.stop();
} );

function metadataUrl(): string {
	return `${ baseUrl() }/.well-known/oauth-protected-resource/wp-json`;
}

async function dynamicSource( clientId: string ): Promise< string > {
	const response = await asAdmin( ( session ) =>
		session.get( `keystone-oidc/v1/clients/${ clientId }` )
	);
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( ( await response.json() ) as { source: string } ).source;
}

/**
 * What an MCP host keeps for one server, in memory; `redirectToAuthorization` only notes the URL,
 * which the test opens in Chromium as the host would open a browser.
 */
class MemoryProvider implements OAuthClientProvider {
	authorizationUrl: URL | undefined;
	private client: OAuthClientInformationMixed | undefined;
	private saved: OAuthTokens | undefined;
	private verifier = '';

	readonly redirectUrl: string;

	constructor( redirectUrl: string ) {
		this.redirectUrl = redirectUrl;
	}

	get clientMetadata(): OAuthClientMetadata {
		return {
			client_name: 'MCP SDK proof',
			redirect_uris: [ this.redirectUrl ],
			grant_types: [ 'authorization_code', 'refresh_token' ],
			response_types: [ 'code' ],
			token_endpoint_auth_method: 'none',
		};
	}

	state(): string {
		return oauth.generateRandomState();
	}

	clientInformation(): OAuthClientInformationMixed | undefined {
		return this.client;
	}

	saveClientInformation( information: OAuthClientInformationMixed ): void {
		this.client = information;
	}

	tokens(): OAuthTokens | undefined {
		return this.saved;
	}

	saveTokens( tokens: OAuthTokens ): void {
		this.saved = tokens;
	}

	redirectToAuthorization( authorizationUrl: URL ): void {
		this.authorizationUrl = authorizationUrl;
	}

	saveCodeVerifier( codeVerifier: string ): void {
		this.verifier = codeVerifier;
	}

	codeVerifier(): string {
		return this.verifier;
	}
}

test( 'the MCP TypeScript SDK registers itself and calls an MCP route with its token', async ( {
	browser,
} ) => {
	const serverUrl = restUrl( 'keystone-test/v1/mcp' );
	const initialize = {
		jsonrpc: '2.0',
		id: 0,
		method: 'initialize',
		params: {
			protocolVersion: '2025-06-18',
			capabilities: {},
			clientInfo: { name: 'probe', version: '1' },
		},
	};
	const unauthorized = await fetch( serverUrl, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			Accept: 'application/json, text/event-stream',
		},
		body: JSON.stringify( initialize ),
	} );
	expect( unauthorized.status ).toBe( 401 );
	const { resourceMetadataUrl } =
		extractWWWAuthenticateParams( unauthorized );
	expect( resourceMetadataUrl?.href ).toBe( metadataUrl() );

	const provider = new MemoryProvider(
		'http://127.0.0.1:65020/mcp-callback'
	);
	// The SDK's own scope choice is the resource's `scopes_supported`; this provider asks every
	// authorization request for `openid` too, so the host names the scopes it wants.
	const scope = 'openid wordpress:write';
	expect(
		await auth( provider, { serverUrl, resourceMetadataUrl, scope } )
	).toBe( 'REDIRECT' );
	const registered = provider.clientInformation();
	expect( registered?.client_id ).toBeTruthy();
	expect( await dynamicSource( registered?.client_id as string ) ).toBe(
		'dynamic'
	);
	const authorizationUrl = provider.authorizationUrl as URL;
	expect( authorizationUrl.searchParams.get( 'code_challenge_method' ) ).toBe(
		'S256'
	);
	expect( authorizationUrl.searchParams.get( 'resource' ) ).toBe(
		restUrl( '/' )
	);

	const context = await signedInContext( browser, user );
	let code: string | null;
	try {
		const callback = await consent(
			context,
			authorizationUrl.href,
			provider.redirectUrl
		);
		expect(
			callback.searchParams.get( 'error' ),
			callback.href
		).toBeNull();
		code = callback.searchParams.get( 'code' );
	} finally {
		await context.close();
	}
	expect(
		await auth( provider, {
			serverUrl,
			resourceMetadataUrl,
			scope,
			authorizationCode: code as string,
		} )
	).toBe( 'AUTHORIZED' );
	expect( provider.tokens()?.access_token ).toBeTruthy();

	const mcp = new McpClient( { name: 'keystone-e2e', version: '1.0.0' } );
	await mcp.connect(
		new StreamableHTTPClientTransport( new URL( serverUrl ), {
			authProvider: provider,
		} )
	);
	try {
		const tools = await mcp.listTools();
		expect( tools.tools.map( ( tool ) => tool.name ) ).toEqual( [
			'whoami',
		] );
		const result = await mcp.callTool( { name: 'whoami', arguments: {} } );
		expect( result.content ).toEqual( [
			{ type: 'text', text: user.username },
		] );
	} finally {
		await mcp.close();
	}
} );

test( 'oauth4webapi, as a single-page app: discovery, registration, code + PKCE, REST call', async ( {
	browser,
} ) => {
	const route = restUrl( 'wp/v2/users/me' );
	const unauthorized = await fetch( route, {
		headers: { Authorization: 'Bearer' },
	} );
	expect( unauthorized.status ).toBe( 401 );
	const challenge = unauthorized.headers.get( 'www-authenticate' ) ?? '';
	const found = /resource_metadata="([^"]+)"/.exec( challenge );
	expect( found?.[ 1 ], challenge ).toBe( metadataUrl() );

	const insecure = { [ oauth.allowInsecureRequests ]: true };
	const resource = await oauth.processResourceDiscoveryResponse(
		new URL( restUrl( '/' ) ),
		await oauth.resourceDiscoveryRequest(
			new URL( restUrl( '/' ) ),
			insecure
		)
	);
	expect( resource.authorization_servers ).toEqual( [ issuer() ] );
	const issuerUrl = new URL( resource.authorization_servers?.[ 0 ] ?? '' );
	const as = await oauth.processDiscoveryResponse(
		issuerUrl,
		await oauth.discoveryRequest( issuerUrl, {
			algorithm: 'oauth2',
			...insecure,
		} )
	);
	expect( as.registration_endpoint ).toBeTruthy();

	const redirectUri = 'http://localhost:65021/spa/callback';
	const client = await oauth.processDynamicClientRegistrationResponse(
		await oauth.dynamicClientRegistrationRequest(
			as,
			{
				client_name: 'SPA proof',
				redirect_uris: [ redirectUri ],
				grant_types: [ 'authorization_code' ],
				response_types: [ 'code' ],
				token_endpoint_auth_method: 'none',
				scope: 'openid wordpress:read',
			},
			insecure
		)
	);
	expect( client.token_endpoint_auth_method ).toBe( 'none' );

	const verifier = oauth.generateRandomCodeVerifier();
	const state = oauth.generateRandomState();
	const nonce = oauth.generateRandomNonce();
	const authorizationUrl = new URL( as.authorization_endpoint as string );
	authorizationUrl.search = new URLSearchParams( {
		client_id: client.client_id,
		redirect_uri: redirectUri,
		response_type: 'code',
		scope: 'openid wordpress:read',
		state,
		nonce,
		code_challenge: await oauth.calculatePKCECodeChallenge( verifier ),
		code_challenge_method: 'S256',
		resource: resource.resource,
	} ).toString();

	const context = await signedInContext( browser, user );
	let callback: URL;
	try {
		callback = await consent( context, authorizationUrl.href, redirectUri );
	} finally {
		await context.close();
	}
	const parameters = oauth.validateAuthResponse(
		as,
		client,
		callback,
		state
	);
	const tokens = await oauth.processAuthorizationCodeResponse(
		as,
		client,
		await oauth.authorizationCodeGrantRequest(
			as,
			client,
			oauth.None(),
			parameters,
			redirectUri,
			verifier,
			{
				additionalParameters: { resource: resource.resource },
				...insecure,
			}
		),
		{ expectedNonce: nonce, requireIdToken: true }
	);
	expect( tokens.scope?.split( ' ' ) ).toContain( 'wordpress:read' );

	const me = await oauth.protectedResourceRequest(
		tokens.access_token,
		'GET',
		new URL( route ),
		undefined,
		undefined,
		insecure
	);
	expect( me.status, await me.clone().text() ).toBe( 200 );
	expect( ( ( await me.json() ) as { id: number } ).id ).toBe( user.id );

	// Read-only: a write is refused as the token's scope, not the user's rights, demands.
	const write = await oauth
		.protectedResourceRequest(
			tokens.access_token,
			'POST',
			new URL( route ),
			new Headers( { 'Content-Type': 'application/json' } ),
			JSON.stringify( { description: 'changed' } ),
			insecure
		)
		.catch( ( error: unknown ) => error );
	expect( write ).toBeInstanceOf( oauth.WWWAuthenticateChallengeError );
	expect( ( write as oauth.WWWAuthenticateChallengeError ).status ).toBe(
		403
	);
	expect(
		( write as oauth.WWWAuthenticateChallengeError ).cause[ 0 ]?.parameters
			.error
	).toBe( 'insufficient_scope' );
} );
