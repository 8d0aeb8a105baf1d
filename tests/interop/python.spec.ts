/**
 * A server-side web app on Flask and Authlib (Debian's python3-flask, python3-authlib): a
 * confidential client that redeems the code with its secret (and PKCE), validates the ID token
 * against the JWKS, calls userinfo, and refreshes its tokens. The same app started with a private
 * key authenticates with Authlib's PrivateKeyJWT (private_key_jwt, RFC 7523) instead.
 */
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../e2e/support/test';
import { createUser, type WpUser } from '../e2e/support/wp';
import { freePort, startProcess, type RunningProcess } from './support/process';
import {
	deleteClient,
	discovery,
	discoveryUrl,
	registerClient,
	signInAtProvider,
	supportedScopes,
	verifyIssuedTokens,
	type Discovery,
	type IssuedTokens,
	type RegisteredClient,
} from './support/provider';

const python = process.env.INTEROP_PYTHON ?? '/usr/bin/python3';

interface Claims {
	iss: string;
	sub: string;
	aud: string | string[];
	auth_time?: number;
	email?: string;
	[ claim: string ]: unknown;
}

interface Refreshed {
	access_token_changed: boolean;
	refresh_token_changed: boolean;
	id_token_claims: Claims | null;
	previous_id_token_claims: Claims;
	previous_refresh_token: string;
	tokens: IssuedTokens;
}

let provider: Discovery;
let admin: WpUser;
let client: RegisteredClient | undefined;
let app: RunningProcess | undefined;
let scope: string[];

test.beforeAll( async () => {
	provider = await discovery();
	// An administrator of its own: WordPress keeps a user's sessions in one user meta row, so
	// concurrent sign-ins of one account (other suites use `admin`) can drop each other's session.
	admin = await createUser( 'administrator' );
	const port = freePort();
	scope = supportedScopes( provider, [ 'email', 'profile' ] );
	client = await registerClient( {
		name: 'Server-side app (Python Authlib)',
		redirect_uris: [ `http://127.0.0.1:${ port }/callback` ],
		scopes: scope,
	} );
	app = await startProcess( {
		name: 'python-authlib',
		command: python,
		args: [ path.join( __dirname, 'python/app.py' ) ],
		env: {
			PORT: String( port ),
			DISCOVERY_URL: discoveryUrl(),
			CLIENT_ID: client.client_id,
			CLIENT_SECRET: client.client_secret ?? '',
			SCOPE: scope.join( ' ' ),
		},
		readyUrl: `http://127.0.0.1:${ port }/`,
	} );
} );

test.afterAll( async () => {
	await app?.stop();
	if ( client ) {
		await deleteClient( client.client_id );
	}
} );

function rp(): string {
	if ( ! app ) {
		throw new Error( 'the Python app is not running' );
	}
	return app.url;
}

async function getJson< T >(
	page: Page,
	route: string
): Promise< { status: number; body: T } > {
	const response = await page.request.get( `${ rp() }${ route }` );
	const text = await response.text();
	let body: T;
	try {
		body = JSON.parse( text ) as T;
	} catch {
		throw new Error(
			`${ route } answered ${ response.status() }: ${ text }`
		);
	}
	return { status: response.status(), body };
}

/** The tokens the app received, by the suites' shared verifier. */
function verifyTokens(
	tokens: IssuedTokens,
	nonce: string | null
): Promise< void > {
	return verifyIssuedTokens( provider, tokens, {
		clientId: client?.client_id ?? '',
		userId: admin.id,
		scope,
		nonce,
	} );
}

/** Signs in through the app; the tokens it received are verified. Returns the ID token's claims. */
async function signIn( page: Page ): Promise< Claims > {
	const authorize = page.waitForRequest( ( request ) =>
		request.url().startsWith( provider.authorization_endpoint )
	);
	const callback = page.waitForResponse( ( response ) =>
		response.url().startsWith( `${ rp() }/callback` )
	);
	await page.goto( `${ rp() }/login` );
	await signInAtProvider( page, admin, rp() );
	const response = await callback;
	const text = await response.text();
	expect( response.status(), `the app's callback: ${ text }` ).toBe( 200 );
	const body = JSON.parse( text ) as { claims: Claims; tokens: IssuedTokens };
	await verifyTokens(
		body.tokens,
		new URL( ( await authorize ).url() ).searchParams.get( 'nonce' )
	);
	return body.claims;
}

test( 'signs in: code redeemed with the secret and PKCE, ID token validated by Authlib', async ( {
	page,
} ) => {
	const authorize = page.waitForRequest( ( request ) =>
		request.url().startsWith( provider.authorization_endpoint )
	);
	const claims = await signIn( page );
	const query = new URL( ( await authorize ).url() ).searchParams;
	expect( query.get( 'code_challenge_method' ) ).toBe( 'S256' );
	expect( query.get( 'nonce' ) ).toBeTruthy();

	expect( claims.iss ).toBe( provider.issuer );
	expect( claims.sub ).toBe( String( admin.id ) );
	expect( [ claims.aud ].flat() ).toContain( client?.client_id );
	expect( claims.email ).toBe( admin.email );

	const home = await getJson< { signed_in: boolean } >( page, '/' );
	expect( home.body.signed_in ).toBe( true );
} );

test( 'reads userinfo with the access token', async ( { page } ) => {
	await signIn( page );
	const userinfo = await getJson< Claims >( page, '/userinfo' );
	expect( userinfo.status, JSON.stringify( userinfo.body ) ).toBe( 200 );
	expect( userinfo.body.sub ).toBe( String( admin.id ) );
	expect( userinfo.body.email ).toBe( admin.email );
	expect( userinfo.body.preferred_username ).toBe( admin.username );
} );

test( 'refreshes: new tokens, a new ID token for the same user and client, and userinfo still works', async ( {
	page,
} ) => {
	const first = await signIn( page );
	const refreshed = await getJson< Refreshed >( page, '/refresh' );
	expect( refreshed.status, JSON.stringify( refreshed.body ) ).toBe( 200 );
	expect( refreshed.body.access_token_changed ).toBe( true );
	expect(
		refreshed.body.refresh_token_changed,
		'refresh tokens rotate'
	).toBe( true );
	await verifyTokens( refreshed.body.tokens, null );
	const claims = refreshed.body.id_token_claims;
	expect( claims, 'the refresh response carries an ID token' ).not.toBeNull();
	// OpenID Connect Core 12.2: same iss, sub and aud; auth_time of the original authentication.
	expect( claims?.iss ).toBe( first.iss );
	expect( claims?.sub ).toBe( first.sub );
	expect( claims?.aud ).toEqual( first.aud );
	expect( claims?.auth_time ).toBe( first.auth_time );

	const userinfo = await getJson< Claims >( page, '/userinfo' );
	expect( userinfo.status, JSON.stringify( userinfo.body ) ).toBe( 200 );
	expect( userinfo.body.sub ).toBe( String( admin.id ) );

	const again = await getJson< Refreshed >( page, '/refresh' );
	expect( again.status, JSON.stringify( again.body ) ).toBe( 200 );
	expect( again.body.previous_refresh_token ).not.toBe(
		refreshed.body.previous_refresh_token
	);
} );

test.describe( 'private_key_jwt', () => {
	let keyed: RunningProcess | undefined;
	let keyedClient: RegisteredClient | undefined;

	test.beforeAll( async () => {
		const { privateKey, publicKey } = generateKeyPairSync( 'rsa', {
			modulusLength: 2048,
		} );
		const port = freePort();
		keyedClient = await registerClient( {
			name: 'Server-side app (Python Authlib, private_key_jwt)',
			redirect_uris: [ `http://127.0.0.1:${ port }/callback` ],
			scopes: scope,
			token_endpoint_auth_method: 'private_key_jwt',
			// Authlib 1.2 sends no kid: the one RS256 key is the key.
			jwks: {
				keys: [
					{ ...publicKey.export( { format: 'jwk' } ), alg: 'RS256' },
				],
			},
		} );
		keyed = await startProcess( {
			name: 'python-authlib-private-key-jwt',
			command: python,
			args: [ path.join( __dirname, 'python/app.py' ) ],
			env: {
				PORT: String( port ),
				DISCOVERY_URL: discoveryUrl(),
				CLIENT_ID: keyedClient.client_id,
				PRIVATE_KEY: privateKey
					.export( { format: 'pem', type: 'pkcs8' } )
					.toString(),
				SCOPE: scope.join( ' ' ),
			},
			readyUrl: `http://127.0.0.1:${ port }/`,
		} );
	} );

	test.afterAll( async () => {
		await keyed?.stop();
		if ( keyedClient ) {
			await deleteClient( keyedClient.client_id );
		}
	} );

	test( 'signs in and refreshes, each token request authenticated by a signed assertion', async ( {
		page,
	} ) => {
		const url = keyed?.url ?? '';
		const callback = page.waitForResponse( ( response ) =>
			response.url().startsWith( `${ url }/callback` )
		);
		await page.goto( `${ url }/login` );
		await signInAtProvider( page, admin, url );
		const response = await callback;
		const text = await response.text();
		expect( response.status(), `the app's callback: ${ text }` ).toBe(
			200
		);
		const body = JSON.parse( text ) as {
			claims: Claims;
			tokens: IssuedTokens;
		};
		expect( [ body.claims.aud ].flat() ).toContain(
			keyedClient?.client_id
		);
		await verifyIssuedTokens( provider, body.tokens, {
			clientId: keyedClient?.client_id ?? '',
			userId: admin.id,
			scope,
			nonce: body.claims.nonce as string,
		} );

		const refreshed = await page.request.get( `${ url }/refresh` );
		const refreshedText = await refreshed.text();
		expect( refreshed.status(), refreshedText ).toBe( 200 );
		expect(
			( JSON.parse( refreshedText ) as Refreshed ).access_token_changed
		).toBe( true );
	} );
} );
