/**
 * A single-page app on oidc-client-ts: a public client (authorization code + PKCE, no secret) served
 * from its own origin on loopback, so every call it makes to the provider (discovery, token,
 * userinfo, revocation) is a cross-origin fetch the provider must answer with CORS.
 */
import { build } from 'esbuild';
import path from 'node:path';
import type { Page, Request } from '@playwright/test';
import { test, expect } from '../e2e/support/test';
import { createUser, type WpUser } from '../e2e/support/wp';
import {
	freePort,
	runDir,
	startProcess,
	type RunningProcess,
} from './support/process';
import {
	deleteClient,
	discovery,
	discoveryUrl,
	hasWordPressSession,
	registerClient,
	signInAtProvider,
	signInToWordPress,
	supportedScopes,
	verifyIssuedTokens,
	type Discovery,
	type RegisteredClient,
} from './support/provider';

interface SpaState {
	ready: boolean;
	signedIn: boolean;
	profile: Record< string, unknown > | null;
	accessToken: string | null;
	refreshToken: string | null;
	idToken: string | null;
	renewals: number;
	errors: string[];
	signedOut: boolean;
}

interface TokenResponse {
	access_token: string;
	refresh_token?: string;
	id_token: string;
}

let provider: Discovery;
let admin: WpUser;
let client: RegisteredClient | undefined;
let spa: RunningProcess | undefined;
let scope: string[];

test.beforeAll( async () => {
	provider = await discovery();
	// An administrator of its own: WordPress keeps a user's sessions in one user meta row, so
	// concurrent sign-ins of one account (other suites use `admin`) can drop each other's session.
	admin = await createUser( 'administrator' );
	const port = freePort();
	const origin = `http://127.0.0.1:${ port }`;
	scope = supportedScopes( provider, [ 'email', 'profile' ] );
	client = await registerClient( {
		name: 'Single-page app (oidc-client-ts)',
		type: 'public',
		redirect_uris: [ `${ origin }/callback`, `${ origin }/silent` ],
		scopes: scope,
		...( provider.end_session_endpoint
			? { post_logout_redirect_uris: [ `${ origin }/?signed_out=1` ] }
			: {} ),
	} );
	expect( client.client_secret, 'a public client has no secret' ).toBeFalsy();

	const bundle = path.join( runDir( 'spa' ), 'app.js' );
	await build( {
		entryPoints: [ path.join( __dirname, 'spa/app.ts' ) ],
		bundle: true,
		format: 'esm',
		target: 'es2020',
		outfile: bundle,
		logLevel: 'warning',
	} );
	spa = await startProcess( {
		name: 'spa',
		command: process.execPath,
		args: [ '--import', 'tsx', path.join( __dirname, 'spa/server.ts' ) ],
		env: {
			PORT: String( port ),
			SPA_BUNDLE: bundle,
			DISCOVERY_URL: discoveryUrl(),
			CLIENT_ID: client.client_id,
			SCOPE: scope.join( ' ' ),
		},
		readyUrl: `${ origin }/config.json`,
	} );
} );

test.afterAll( async () => {
	await spa?.stop();
	if ( client ) {
		await deleteClient( client.client_id );
	}
} );

function registered(): RegisteredClient {
	if ( ! client ) {
		throw new Error( 'the client is not registered' );
	}
	return client;
}

function rp(): string {
	if ( ! spa ) {
		throw new Error( 'the single-page app is not running' );
	}
	return spa.url;
}

async function readState( page: Page ): Promise< SpaState > {
	return JSON.parse(
		( await page.locator( '#state' ).textContent() ) ?? '{}'
	) as SpaState;
}

async function expectReady( page: Page ): Promise< SpaState > {
	await expect
		.poll( async () => ( await readState( page ) ).ready )
		.toBe( true );
	const state = await readState( page );
	expect( state.errors, 'errors the app met' ).toEqual( [] );
	return state;
}

function isGrant( request: Request, grant: string ): boolean {
	return (
		request.url() === provider.token_endpoint &&
		request.method() === 'POST' &&
		new URLSearchParams( request.postData() ?? '' ).get( 'grant_type' ) ===
			grant
	);
}

/** The tokens of a grant the app received, by the suites' shared verifier. */
function verifyTokens(
	tokens: TokenResponse,
	nonce: string | null
): Promise< void > {
	return verifyIssuedTokens( provider, tokens, {
		clientId: registered().client_id,
		userId: admin.id,
		scope,
		nonce,
	} );
}

/**
 * Signs in through the app and returns the code grant's token request and its response, whose
 * tokens are verified.
 */
async function signIn(
	page: Page,
	query = ''
): Promise< { request: Request; tokens: TokenResponse } > {
	await page.goto( `${ rp() }/${ query }` );
	await expectReady( page );
	const authorize = page.waitForRequest( ( request ) =>
		request.url().startsWith( provider.authorization_endpoint )
	);
	const redeemed = page.waitForRequest( ( request ) =>
		isGrant( request, 'authorization_code' )
	);
	await page.getByRole( 'button', { name: 'Sign in' } ).click();
	await signInAtProvider( page, admin, rp() );
	const request = await redeemed;
	const response = await request.response();
	expect( response?.status(), await response?.text() ).toBe( 200 );
	const state = await expectReady( page );
	expect( state.signedIn ).toBe( true );
	const tokens = ( await response?.json() ) as TokenResponse;
	const nonce = new URL( ( await authorize ).url() ).searchParams.get(
		'nonce'
	);
	await verifyTokens( tokens, nonce );
	return { request, tokens };
}

test( 'signs in as a public client with PKCE and no secret; the provider answers its fetches with CORS', async ( {
	page,
} ) => {
	const authorize = page.waitForRequest( ( request ) =>
		request.url().startsWith( provider.authorization_endpoint )
	);
	const { request } = await signIn( page );

	const query = new URL( ( await authorize ).url() ).searchParams;
	expect( query.get( 'code_challenge_method' ) ).toBe( 'S256' );
	expect( query.get( 'code_challenge' ) ).toMatch( /^[A-Za-z0-9_-]{43}$/ );

	const form = new URLSearchParams( request.postData() ?? '' );
	expect( form.get( 'code_verifier' ) ).toBeTruthy();
	expect( form.get( 'client_id' ) ).toBe( client?.client_id );
	expect( form.has( 'client_secret' ) ).toBe( false );
	expect( await request.headerValue( 'authorization' ) ).toBeNull();
	const headers = ( await request.response() )?.headers() ?? {};
	expect( [ rp(), '*' ] ).toContain(
		headers[ 'access-control-allow-origin' ]
	);

	const state = await readState( page );
	expect( state.profile?.sub ).toBe( String( admin.id ) );
	expect( state.profile?.iss ).toBe( provider.issuer );
	expect( state.profile?.email ).toBe( admin.email );
} );

test( 'renews the access token silently with the refresh token', async ( {
	page,
} ) => {
	const renewed = page.waitForRequest( ( request ) =>
		isGrant( request, 'refresh_token' )
	);
	// Renew as soon as the token is loaded, instead of a minute before it expires in an hour.
	const { tokens } = await signIn( page, '?renew_lead=3598' );
	expect(
		tokens.refresh_token,
		'the code grant gave a refresh token'
	).toBeTruthy();

	const request = await renewed;
	const form = new URLSearchParams( request.postData() ?? '' );
	expect( form.get( 'refresh_token' ) ).toBe( tokens.refresh_token );
	const response = await request.response();
	expect( response?.status(), await response?.text() ).toBe( 200 );
	expect( [ rp(), '*' ] ).toContain(
		response?.headers()[ 'access-control-allow-origin' ]
	);
	await verifyTokens( ( await response?.json() ) as TokenResponse, null );

	await expect
		.poll( async () => ( await readState( page ) ).renewals )
		.toBeGreaterThanOrEqual( 1 );
	const state = await expectReady( page );
	expect( state.signedIn ).toBe( true );
	expect( state.accessToken ).not.toBe( tokens.access_token );
	expect( state.refreshToken, 'refresh tokens rotate' ).not.toBe(
		tokens.refresh_token
	);
	expect( state.profile?.sub ).toBe( String( admin.id ) );
} );

test( 'signs out: through end_session_endpoint when discovery announces one, otherwise by forgetting (and revoking) its tokens', async ( {
	page,
} ) => {
	const { tokens } = await signIn( page );
	await page.getByRole( 'button', { name: 'Sign out' } ).click();
	if ( provider.end_session_endpoint ) {
		await page.waitForURL( `${ rp() }/?signed_out=1` );
	}
	await expect
		.poll( async () => ( await readState( page ) ).signedOut )
		.toBe( true );
	const state = await expectReady( page );
	expect( state.signedIn ).toBe( false );
	expect( state.accessToken ).toBeNull();

	expect(
		await hasWordPressSession( page.request, provider, registered() ),
		'WordPress session after sign-out'
	).toBe( ! provider.end_session_endpoint );

	if ( provider.revocation_endpoint ) {
		const reuse = await page.request.post( provider.token_endpoint, {
			form: {
				grant_type: 'refresh_token',
				refresh_token: tokens.refresh_token ?? '',
				client_id: client?.client_id ?? '',
			},
		} );
		expect( reuse.status(), 'the signed-out refresh token' ).toBe( 400 );
		expect( ( await reuse.json() ).error ).toBe( 'invalid_grant' );
	}
} );

test( 'silent sign-in in a hidden iframe (prompt=none): login_required without a WordPress session, consent_required before the user allowed the app', async ( {
	page,
} ) => {
	expect(
		provider.prompt_values_supported ?? [],
		'discovery announces prompt=none'
	).toContain( 'none' );
	const silentSignIn = async (): Promise< string[] > => {
		await expectReady( page );
		const authorize = page.waitForRequest( ( request ) =>
			request.url().startsWith( provider.authorization_endpoint )
		);
		await page.getByRole( 'button', { name: 'Silent sign-in' } ).click();
		const query = new URL( ( await authorize ).url() ).searchParams;
		expect( query.get( 'prompt' ) ).toBe( 'none' );
		await expect
			.poll( async () => ( await readState( page ) ).errors.length, {
				timeout: 20_000,
			} )
			.toBeGreaterThan( 0 );
		const state = await readState( page );
		expect( state.signedIn ).toBe( false );
		return state.errors;
	};

	await page.goto( `${ rp() }/` );
	expect( await silentSignIn() ).toEqual( [
		expect.stringMatching( /^login_required: / ),
	] );

	// Signed in to WordPress, but this user never allowed the app.
	const stranger = await createUser( 'subscriber' );
	await signInToWordPress( page, stranger, `${ rp() }/` );
	expect( await silentSignIn() ).toEqual( [
		expect.stringMatching( /^consent_required: / ),
	] );
} );
