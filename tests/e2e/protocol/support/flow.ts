/**
 * The authorization code flow as a relying party runs it: `openid-client` builds the request and
 * redeems the code; a signed-in browser clicks through the consent page in between, and the
 * redirect back to the client is caught before it leaves the browser.
 */
import {
	expect,
	type APIRequestContext,
	type Browser,
	type BrowserContext,
} from '@playwright/test';
import * as client from 'openid-client';
import { loginRequest, type WpUser } from '../../support/wp';
import { issuer, endpoint, type TestClient } from './provider';

export type AuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

export async function discover(
	testClient: TestClient,
	method: AuthMethod = testClient.type === 'public'
		? 'none'
		: 'client_secret_basic',
	secret = testClient.client_secret,
	metadata: Partial< client.ClientMetadata > = {}
): Promise< client.Configuration > {
	let authentication: client.ClientAuth;
	if ( method === 'none' ) {
		authentication = client.None();
	} else if ( method === 'client_secret_post' ) {
		authentication = client.ClientSecretPost( secret );
	} else {
		authentication = client.ClientSecretBasic( secret );
	}
	return client.discovery(
		new URL( issuer() ),
		testClient.client_id,
		{ redirect_uris: testClient.redirect_uris, ...metadata },
		authentication,
		{ execute: [ client.allowInsecureRequests ] }
	);
}

/**
 * A browser context carrying the user's WordPress login cookies.
 */
export async function signedInContext(
	browser: Browser,
	user: WpUser
): Promise< BrowserContext > {
	const request = await loginRequest( user.username, user.password );
	const storageState = await request.storageState();
	await request.dispose();
	return browser.newContext( { storageState } );
}

/**
 * An API request context carrying the user's WordPress login cookies, for authorization requests
 * whose answer is a redirect or an error page rather than a consent screen.
 */
export function signedInRequest( user: WpUser ): Promise< APIRequestContext > {
	return loginRequest( user.username, user.password );
}

/**
 * Opens the authorization URL in the (signed-in) context, answers the consent page with the given
 * button and returns the URL the provider sent the browser back to. The callback request is
 * answered inside the browser; nothing listens on the redirect URI. A user who already allowed
 * the client is sent straight back (remembered consent): that counts as Allow, never as Deny.
 * `decision` is the button's exact name: Allow or Deny here, "Allow Access" on a 2.x site.
 */
export async function consent(
	context: BrowserContext,
	authorizationUrl: string,
	redirectUri: string,
	decision: 'Allow' | 'Deny' | 'Allow Access' = 'Allow'
): Promise< URL > {
	const page = await context.newPage();
	try {
		await page.route(
			( url ) => url.href.startsWith( redirectUri ),
			( route ) =>
				route.fulfill( {
					status: 200,
					contentType: 'text/plain',
					body: 'callback reached',
				} )
		);
		const callback = page.waitForRequest( ( request ) =>
			request.url().startsWith( redirectUri )
		);
		let sentBack = false;
		void callback.then(
			() => ( sentBack = true ),
			() => undefined
		);
		try {
			await page.goto( authorizationUrl );
		} catch ( error ) {
			// Playwright routes only the first URL of a redirect chain, so a redirect straight back
			// reaches the loopback URI nothing listens on, and the navigation fails there.
			await Promise.race( [
				callback,
				new Promise( ( resolve ) => setTimeout( resolve, 2000 ) ),
			] );
			if ( ! sentBack ) {
				throw error;
			}
		}
		if ( sentBack ) {
			expect(
				decision,
				'sent back without a consent screen, so no Deny to click'
			).not.toBe( 'Deny' );
			return new URL( ( await callback ).url() );
		}
		await page
			.getByRole( 'button', { name: decision, exact: true } )
			.click();
		return new URL( ( await callback ).url() );
	} finally {
		await page.close();
	}
}

export interface FlowOptions {
	scope?: string;
	state?: string;
	nonce?: string | null;
	/** `null` sends no PKCE parameters at all. */
	pkce?: 'S256' | null;
	redirectUri?: string;
	method?: AuthMethod;
	extra?: Record< string, string >;
	/** RFC 8707 `resource` values, each sent as a parameter of its own. */
	resources?: string[];
	/** Client metadata for `openid-client`, e.g. the registered ID token algorithm. */
	metadata?: Partial< client.ClientMetadata >;
}

export interface Flow {
	config: client.Configuration;
	callbackUrl: URL;
	code: string;
	state: string;
	nonce?: string;
	codeVerifier?: string;
	redirectUri: string;
	checks: client.AuthorizationCodeGrantChecks;
}

/**
 * Runs the front-channel half of the code flow and checks what came back: a code, the state
 * intact, the issuer in `iss`.
 */
export async function authorizeCode(
	context: BrowserContext,
	testClient: TestClient,
	options: FlowOptions = {}
): Promise< Flow > {
	const config = await discover(
		testClient,
		options.method,
		testClient.client_secret,
		options.metadata
	);
	const redirectUri = options.redirectUri ?? testClient.redirectUri;
	const state = options.state ?? client.randomState();
	const nonce =
		options.nonce === null
			? undefined
			: options.nonce ?? client.randomNonce();
	const parameters: Record< string, string > = {
		redirect_uri: redirectUri,
		scope: options.scope ?? 'openid profile email',
		state,
		...( nonce === undefined ? {} : { nonce } ),
		...options.extra,
	};
	let codeVerifier: string | undefined;
	const pkce = options.pkce === undefined ? 'S256' : options.pkce;
	if ( pkce ) {
		codeVerifier = client.randomPKCECodeVerifier();
		parameters.code_challenge =
			await client.calculatePKCECodeChallenge( codeVerifier );
		parameters.code_challenge_method = pkce;
	}
	const url = client.buildAuthorizationUrl( config, parameters );
	for ( const resource of options.resources ?? [] ) {
		url.searchParams.append( 'resource', resource );
	}
	expect( url.href.startsWith( endpoint( 'authorize' ) ) ).toBe( true );
	const callbackUrl = await consent( context, url.href, redirectUri );
	expect(
		callbackUrl.searchParams.get( 'error' ),
		callbackUrl.href
	).toBeNull();
	expect( callbackUrl.searchParams.get( 'state' ) ).toBe( state );
	expect( callbackUrl.searchParams.get( 'iss' ) ).toBe( issuer() );
	const code = callbackUrl.searchParams.get( 'code' );
	expect( code, 'a code came back' ).toBeTruthy();
	return {
		config,
		callbackUrl,
		code: code as string,
		state,
		nonce,
		codeVerifier,
		redirectUri,
		checks: {
			expectedState: state,
			...( nonce === undefined ? {} : { expectedNonce: nonce } ),
			...( codeVerifier === undefined
				? {}
				: { pkceCodeVerifier: codeVerifier } ),
		},
	};
}

export type Tokens = Awaited<
	ReturnType< typeof client.authorizationCodeGrant >
>;

/**
 * Redeems the flow's code with `openid-client`, which checks state, `iss`, nonce and the ID
 * token's claims on its own.
 */
export function redeem( flow: Flow ): Promise< Tokens > {
	return client.authorizationCodeGrant(
		flow.config,
		flow.callbackUrl,
		flow.checks
	);
}

/**
 * The whole flow: authorize, consent, redeem.
 */
export async function signIn(
	context: BrowserContext,
	testClient: TestClient,
	options: FlowOptions = {}
): Promise< { flow: Flow; tokens: Tokens } > {
	const flow = await authorizeCode( context, testClient, options );
	const tokens = await redeem( flow );
	return { flow, tokens };
}

export { client };
