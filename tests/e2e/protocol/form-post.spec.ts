/**
 * OAuth 2.0 Form Post Response Mode: the authorization response (a code or an error, once the client
 * and its redirect URI are proven) reaches the client as a POST that the browser sends from a page
 * of the provider. The page submits itself with a script file of its own under a strict
 * Content-Security-Policy, and without JavaScript its button does the same. A tiny Node server on
 * the loopback interface plays the client's callback and records what arrives.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
	APIResponse,
	Browser,
	BrowserContext,
	ConsoleMessage,
	Page,
} from '@playwright/test';
import { request as playwrightRequest } from '@playwright/test';
import { loginRequest } from '../support/wp';
import { test, expect } from './support/fixtures';
import { client, discover, signedInRequest } from './support/flow';
import { verifyAccessToken, verifyIdToken } from './support/jwt';
import {
	createClient,
	endpoint,
	issuer,
	type TestClient,
} from './support/provider';

/** Survives form encoding and HTML attribute escaping only if both are done right. */
const TRICKY_STATE = `a+b&amp;c=d%20e"<'>`;

interface ReceivedPost {
	path: string;
	contentType: string;
	fields: URLSearchParams;
	raw: string;
}

interface CallbackServer {
	uri: ( label: string ) => string;
	received: ReceivedPost[];
	/** The first POST to arrive after the call. */
	nextPost: () => Promise< ReceivedPost >;
	close: () => Promise< void >;
}

function readBody( request: IncomingMessage ): Promise< string > {
	return new Promise( ( resolve, reject ) => {
		const chunks: Buffer[] = [];
		request.on( 'data', ( chunk: Buffer ) => chunks.push( chunk ) );
		request.on( 'end', () =>
			resolve( Buffer.concat( chunks ).toString( 'utf8' ) )
		);
		request.on( 'error', reject );
	} );
}

/**
 * The client's callback: records every POST and answers a plain page, as a relying party would
 * after taking the response. A POST to `/then-redirect` is answered with a 303 to `/signed-in` on
 * the same origin, as many relying parties do.
 */
async function startCallbackServer(): Promise< CallbackServer > {
	const received: ReceivedPost[] = [];
	const waiting: Array< ( post: ReceivedPost ) => void > = [];
	const server: Server = createServer( ( request, response ) => {
		void readBody( request ).then( ( raw ) => {
			if ( request.method === 'POST' ) {
				const post = {
					path: request.url ?? '',
					contentType: request.headers[ 'content-type' ] ?? '',
					fields: new URLSearchParams( raw ),
					raw,
				};
				received.push( post );
				waiting.shift()?.( post );
				if ( request.url === '/then-redirect' ) {
					response.writeHead( 303, { Location: '/signed-in' } );
					response.end();
					return;
				}
			}
			response.writeHead( 200, { 'Content-Type': 'text/plain' } );
			response.end(
				request.url === '/signed-in' ? 'signed in' : 'callback reached'
			);
		} );
	} );
	await new Promise< void >( ( resolve ) =>
		server.listen( 0, '127.0.0.1', resolve )
	);
	const { port } = server.address() as AddressInfo;
	return {
		uri: ( label ) => `http://127.0.0.1:${ port }/${ label }`,
		received,
		nextPost: () =>
			new Promise< ReceivedPost >( ( resolve ) => {
				waiting.push( resolve );
			} ),
		close: () =>
			new Promise< void >( ( resolve ) => {
				// The browser keeps its connection alive; close() alone would wait for it.
				server.closeAllConnections();
				server.close( () => resolve() );
			} ),
	};
}

const callbacks = test.extend< { callback: CallbackServer } >( {
	// eslint-disable-next-line no-empty-pattern
	callback: async ( {}, use ) => {
		const server = await startCallbackServer();
		await use( server );
		await server.close();
	},
} );

interface AuthorizationRequest {
	url: string;
	verifier: string;
	nonce: string;
}

async function formPostRequest(
	testClient: TestClient,
	extra: Record< string, string > = {}
): Promise< AuthorizationRequest > {
	const verifier = client.randomPKCECodeVerifier();
	const nonce = client.randomNonce();
	const url = new URL( endpoint( 'authorize' ) );
	const parameters: Record< string, string > = {
		response_type: 'code',
		response_mode: 'form_post',
		client_id: testClient.client_id,
		redirect_uri: testClient.redirectUri,
		scope: 'openid profile',
		state: TRICKY_STATE,
		nonce,
		code_challenge: await client.calculatePKCECodeChallenge( verifier ),
		code_challenge_method: 'S256',
		...extra,
	};
	for ( const [ key, value ] of Object.entries( parameters ) ) {
		url.searchParams.set( key, value );
	}
	return { url: url.href, verifier, nonce };
}

/** Fails the test on any Content-Security-Policy report the page raises. */
function watchCsp( page: Page ): string[] {
	const violations: string[] = [];
	page.on( 'console', ( message: ConsoleMessage ) => {
		if ( /Content Security Policy/i.test( message.text() ) ) {
			violations.push( message.text() );
		}
	} );
	return violations;
}

function decodeHtml( text: string ): string {
	const named: Record< string, string > = {
		amp: '&',
		quot: '"',
		apos: "'",
		lt: '<',
		gt: '>',
	};
	return text.replace(
		/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi,
		( entity, body: string ) => {
			if ( body.startsWith( '#x' ) || body.startsWith( '#X' ) ) {
				return String.fromCodePoint( parseInt( body.slice( 2 ), 16 ) );
			}
			if ( body.startsWith( '#' ) ) {
				return String.fromCodePoint( parseInt( body.slice( 1 ), 10 ) );
			}
			return named[ body.toLowerCase() ] ?? entity;
		}
	);
}

interface FormPostPage {
	action: string;
	fields: Record< string, string >;
	scripts: string[];
	html: string;
}

/** Reads the form of a form_post page as a browser would see it. */
async function formPostPage( response: APIResponse ): Promise< FormPostPage > {
	const html = await response.text();
	const form = /<form\b[^>]*\baction="([^"]*)"[^>]*>/.exec( html );
	expect( form, html ).not.toBeNull();
	const fields: Record< string, string > = {};
	for ( const input of html.matchAll(
		/<input type="hidden" name="([^"]*)" value="([^"]*)">/g
	) ) {
		fields[ decodeHtml( input[ 1 ] as string ) ] = decodeHtml(
			input[ 2 ] as string
		);
	}
	const scripts = [
		...html.matchAll( /<script\b([^>]*)>([\s\S]*?)<\/script>/g ),
	].map( ( script ) => {
		expect(
			script[ 2 ],
			'no inline script: the policy would block it'
		).toBe( '' );
		const src = /\bsrc="([^"]+)"/.exec( script[ 1 ] as string );
		expect( src, 'every script is a file' ).not.toBeNull();
		return decodeHtml( ( src as RegExpExecArray )[ 1 ] as string );
	} );
	return {
		action: decodeHtml( ( form as RegExpExecArray )[ 1 ] as string ),
		fields,
		scripts,
		html,
	};
}

function cspDirectives( response: APIResponse ): Map< string, string[] > {
	const policy = response.headers()[ 'content-security-policy' ] ?? '';
	const directives = new Map< string, string[] >();
	for ( const directive of policy.split( ';' ) ) {
		const [ name, ...values ] = directive.trim().split( /\s+/ );
		if ( name ) {
			directives.set( name.toLowerCase(), values );
		}
	}
	return directives;
}

async function redeemPost(
	testClient: TestClient,
	post: ReceivedPost,
	authorization: AuthorizationRequest
) {
	const config = await discover( testClient );
	return client.authorizationCodeGrant(
		config,
		new Request( testClient.redirectUri, {
			method: 'POST',
			headers: { 'Content-Type': post.contentType },
			body: post.raw,
		} ),
		{
			expectedState: TRICKY_STATE,
			expectedNonce: authorization.nonce,
			pkceCodeVerifier: authorization.verifier,
		}
	);
}

async function contextWithoutScript(
	browser: Browser,
	user: { username: string; password: string }
): Promise< BrowserContext > {
	const login = await loginRequest( user.username, user.password );
	const storageState = await login.storageState();
	await login.dispose();
	return browser.newContext( { storageState, javaScriptEnabled: false } );
}

callbacks(
	'the page posts code, state and iss to the redirect URI by itself, under its policy, and the code redeems',
	async ( { signedIn, user, callback } ) => {
		const testClient = await createClient( {
			redirect_uris: [ callback.uri( 'cb' ) ],
		} );
		const authorization = await formPostRequest( testClient );
		const page = await signedIn.newPage();
		const violations = watchCsp( page );
		await page.goto( authorization.url );
		const posted = callback.nextPost();
		await page
			.getByRole( 'button', { name: 'Allow', exact: true } )
			.click();
		const post = await posted;
		await expect( page.getByText( 'callback reached' ) ).toBeVisible();
		expect( violations ).toEqual( [] );

		expect( post.path ).toBe( '/cb' );
		expect( post.contentType ).toMatch(
			/^application\/x-www-form-urlencoded/
		);
		expect( [ ...post.fields.keys() ].sort() ).toEqual( [
			'code',
			'iss',
			'state',
		] );
		expect( post.fields.get( 'state' ) ).toBe( TRICKY_STATE );
		expect( post.fields.get( 'iss' ) ).toBe( issuer() );
		expect( page.url() ).not.toContain( 'code=' );

		const tokens = await redeemPost( testClient, post, authorization );
		await verifyIdToken( tokens.id_token as string, {
			clientId: testClient.client_id,
			userId: user.id,
			nonce: authorization.nonce,
			accessToken: tokens.access_token,
		} );
		await verifyAccessToken( tokens.access_token, {
			clientId: testClient.client_id,
			userId: user.id,
			scope: 'openid profile',
		} );
		await page.close();
	}
);

callbacks(
	"the client's callback may redirect within its own origin after the POST",
	async ( { signedIn, callback } ) => {
		const testClient = await createClient( {
			redirect_uris: [ callback.uri( 'then-redirect' ) ],
		} );
		const authorization = await formPostRequest( testClient );
		const page = await signedIn.newPage();
		const violations = watchCsp( page );
		await page.goto( authorization.url );
		const posted = callback.nextPost();
		await page
			.getByRole( 'button', { name: 'Allow', exact: true } )
			.click();
		expect( ( await posted ).fields.get( 'code' ) ).toBeTruthy();
		await expect( page.getByText( 'signed in' ) ).toBeVisible();
		expect( page.url() ).toBe( callback.uri( 'signed-in' ) );
		expect(
			violations,
			'form-action checks no path once the callback redirects'
		).toEqual( [] );
		await page.close();
	}
);

callbacks(
	'without JavaScript the Continue button posts the same response',
	async ( { browser, user, callback } ) => {
		const testClient = await createClient( {
			redirect_uris: [ callback.uri( 'no-script' ) ],
		} );
		const authorization = await formPostRequest( testClient );
		const context = await contextWithoutScript( browser, user );
		const page = await context.newPage();
		await page.goto( authorization.url );
		await page
			.getByRole( 'button', { name: 'Allow', exact: true } )
			.click();
		const proceed = page.getByRole( 'button', {
			name: 'Continue',
			exact: true,
		} );
		await expect( proceed ).toBeVisible();
		await expect(
			page.getByRole( 'heading', {
				name: 'Returning to the application',
			} )
		).toBeVisible();
		expect( callback.received, 'nothing submitted it yet' ).toEqual( [] );

		const posted = callback.nextPost();
		await proceed.click();
		const post = await posted;
		expect( post.path ).toBe( '/no-script' );
		expect( post.fields.get( 'state' ) ).toBe( TRICKY_STATE );
		expect( post.fields.get( 'iss' ) ).toBe( issuer() );
		const tokens = await redeemPost( testClient, post, authorization );
		expect( typeof tokens.access_token ).toBe( 'string' );
		await context.close();
	}
);

callbacks(
	'the page allows only its script file and a form to the redirect URI, is not stored and not framed',
	async ( { user, callback } ) => {
		const testClient = await createClient( {
			redirect_uris: [ callback.uri( 'headers;v=1?tenant=a' ) ],
			skip_consent: true,
		} );
		const authorization = await formPostRequest( testClient );
		const context = await signedInRequest( user );
		const response = await context.get( authorization.url, {
			maxRedirects: 0,
		} );
		expect( response.status(), await response.text() ).toBe( 200 );
		const headers = response.headers();
		expect( headers[ 'content-type' ] ).toMatch( /^text\/html/ );
		expect( headers.location ).toBeUndefined();
		expect( headers[ 'cache-control' ] ).toContain( 'no-store' );
		expect( headers[ 'x-frame-options' ] ).toBe( 'DENY' );

		const page = await formPostPage( response );
		expect( page.action ).toBe( testClient.redirectUri );
		expect( Object.keys( page.fields ).sort() ).toEqual( [
			'code',
			'iss',
			'state',
		] );
		expect( page.fields.state ).toBe( TRICKY_STATE );
		expect( page.fields.iss ).toBe( issuer() );
		expect( page.scripts ).toHaveLength( 1 );
		const script = new URL( page.scripts[ 0 ] as string );

		const csp = cspDirectives( response );
		expect( csp.get( 'default-src' ) ).toEqual( [ "'none'" ] );
		expect( csp.get( 'script-src' ) ).toEqual( [
			`${ script.origin }${ script.pathname }`,
		] );
		expect( csp.get( 'form-action' ) ).toEqual( [
			callback.uri( 'headers%3Bv=1' ),
		] );
		expect( csp.get( 'frame-ancestors' ) ).toEqual( [ "'none'" ] );
		expect( csp.get( 'base-uri' ) ).toEqual( [ "'none'" ] );
		expect( headers[ 'content-security-policy' ] ).not.toContain(
			'unsafe-inline'
		);

		const file = await context.get( script.href );
		expect( file.status() ).toBe( 200 );
		expect( file.headers()[ 'content-type' ] ).toMatch( /javascript/ );
		expect( await file.text() ).toContain( '.submit()' );
		await context.dispose();
	}
);

callbacks(
	'Deny comes back by form_post: access_denied with state and iss',
	async ( { signedIn, callback } ) => {
		const testClient = await createClient( {
			redirect_uris: [ callback.uri( 'deny' ) ],
		} );
		const authorization = await formPostRequest( testClient );
		const page = await signedIn.newPage();
		const violations = watchCsp( page );
		await page.goto( authorization.url );
		const posted = callback.nextPost();
		await page.getByRole( 'button', { name: 'Deny', exact: true } ).click();
		const post = await posted;
		expect( violations ).toEqual( [] );
		expect( post.fields.get( 'error' ) ).toBe( 'access_denied' );
		expect( post.fields.get( 'error_description' ) ).toBeTruthy();
		expect( post.fields.get( 'state' ) ).toBe( TRICKY_STATE );
		expect( post.fields.get( 'iss' ) ).toBe( issuer() );
		expect( post.fields.has( 'code' ) ).toBe( false );
		// No page.close() here: after the cross-origin form post, closing this one page could hang
		// on a loaded machine (seen twice in a full run); the signed-in context closes it.
	}
);

callbacks(
	'an error found before consent comes back by form_post too: prompt=none signed out → login_required',
	async ( { callback } ) => {
		const testClient = await createClient( {
			redirect_uris: [ callback.uri( 'silent' ) ],
		} );
		const authorization = await formPostRequest( testClient, {
			prompt: 'none',
		} );
		const anonymous = await playwrightRequest.newContext();
		const response = await anonymous.get( authorization.url, {
			maxRedirects: 0,
		} );
		expect( response.status() ).toBe( 200 );
		expect( response.headers()[ 'cache-control' ] ).toContain( 'no-store' );
		const page = await formPostPage( response );
		expect( page.action ).toBe( testClient.redirectUri );
		expect( page.fields.error ).toBe( 'login_required' );
		expect( page.fields.error_description ).toBeTruthy();
		expect( page.fields.state ).toBe( TRICKY_STATE );
		expect( page.fields.iss ).toBe( issuer() );
		expect( page.fields ).not.toHaveProperty( 'code' );

		const unsupported = await anonymous.get(
			( await formPostRequest( testClient, { response_type: 'token' } ) )
				.url,
			{ maxRedirects: 0 }
		);
		expect( unsupported.status() ).toBe( 200 );
		expect( ( await formPostPage( unsupported ) ).fields.error ).toBe(
			'unsupported_response_type'
		);
		await anonymous.dispose();
	}
);

test( 'an unknown response_mode → invalid_request, sent back in the query', async ( {
	user,
} ) => {
	const testClient = await createClient();
	const context = await signedInRequest( user );
	for ( const mode of [ 'fragment', 'form_post.jwt', 'FORM_POST' ] ) {
		const response = await context.get(
			( await formPostRequest( testClient, { response_mode: mode } ) )
				.url,
			{ maxRedirects: 0 }
		);
		expect( response.status(), mode ).toBe( 302 );
		const location = new URL( response.headers().location ?? '' );
		expect( `${ location.origin }${ location.pathname }` ).toBe(
			testClient.redirectUri
		);
		expect( location.searchParams.get( 'error' ) ).toBe(
			'invalid_request'
		);
		expect( location.searchParams.get( 'error_description' ) ).toBeTruthy();
		expect( location.searchParams.get( 'state' ) ).toBe( TRICKY_STATE );
		expect( location.searchParams.get( 'iss' ) ).toBe( issuer() );
	}
	const repeated = new URL( ( await formPostRequest( testClient ) ).url );
	repeated.searchParams.append( 'response_mode', 'form_post' );
	const response = await context.get( repeated.href, { maxRedirects: 0 } );
	expect( response.status() ).toBe( 302 );
	expect(
		new URL( response.headers().location ?? '' ).searchParams.get( 'error' )
	).toBe( 'invalid_request' );
	await context.dispose();
} );

test( 'before the redirect URI is proven, form_post posts nowhere: an HTML 400 page', async ( {
	user,
} ) => {
	const testClient = await createClient();
	const context = await signedInRequest( user );
	const response = await context.get(
		(
			await formPostRequest( testClient, {
				redirect_uri: 'https://attacker.example.test/cb',
			} )
		).url,
		{ maxRedirects: 0 }
	);
	expect( response.status() ).toBe( 400 );
	expect( response.headers()[ 'content-type' ] ).toMatch( /^text\/html/ );
	expect( response.headers().location ).toBeUndefined();
	const html = await response.text();
	expect( html ).toContain( 'invalid_request' );
	expect( html ).not.toContain( '<form' );
	expect( html ).not.toContain( 'attacker.example.test' );
	await context.dispose();
} );

test( 'discovery announces form_post next to query', async () => {
	const response = await fetch( endpoint( 'discovery' ) );
	const metadata = ( await response.json() ) as {
		response_modes_supported: string[];
	};
	expect( metadata.response_modes_supported ).toEqual( [
		'query',
		'form_post',
	] );
} );
