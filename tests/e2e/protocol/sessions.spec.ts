/**
 * The WordPress login session as sign-in requests see it: `login_hint` prefills the login form,
 * `id_token_hint` names the user a silent request expects, and `sid` names the session in every
 * ID token of a grant.
 */
import type { APIResponse } from '@playwright/test';
import { test, expect, createProfileUser } from './support/fixtures';
import {
	client,
	signedInContext,
	signedInRequest,
	signIn,
} from './support/flow';
import { baseUrl } from '../support/env';
import {
	asAdmin,
	createClient,
	endpoint,
	issuer,
	type TestClient,
} from './support/provider';

const TRICKY_STATE = 'a+b&c=d%20e';
const ID_TOKEN_LIFETIME = 3600;

function authorizeUrl(
	testClient: TestClient,
	extra: Record< string, string > = {}
): string {
	const url = new URL( endpoint( 'authorize' ) );
	const parameters: Record< string, string > = {
		response_type: 'code',
		client_id: testClient.client_id,
		redirect_uri: testClient.redirectUri,
		scope: 'openid profile',
		state: TRICKY_STATE,
		code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
		code_challenge_method: 'S256',
		...extra,
	};
	for ( const [ key, value ] of Object.entries( parameters ) ) {
		url.searchParams.set( key, value );
	}
	return url.href;
}

/**
 * The redirect back to the client: the registered URI, the state intact, the issuer.
 */
function callback( response: APIResponse, testClient: TestClient ): URL {
	expect( response.status(), response.url() ).toBe( 302 );
	const location = new URL( response.headers().location ?? '' );
	expect( `${ location.origin }${ location.pathname }` ).toBe(
		testClient.redirectUri
	);
	expect( location.searchParams.get( 'state' ) ).toBe( TRICKY_STATE );
	expect( location.searchParams.get( 'iss' ) ).toBe( issuer() );
	return location;
}

function expectError(
	response: APIResponse,
	testClient: TestClient,
	error: string
): void {
	const location = callback( response, testClient );
	expect( location.searchParams.get( 'error' ), location.href ).toBe( error );
	expect( location.searchParams.get( 'error_description' ) ).toBeTruthy();
	expect( location.searchParams.get( 'code' ) ).toBeNull();
}

/**
 * Makes a client that signed its users in through the consent screen trusted, so `prompt=none`
 * answers with a code instead of consent_required.
 */
async function trust( testClient: TestClient ): Promise< void > {
	const response = await asAdmin( ( session ) =>
		session.patch(
			`keystone-oidc/v1/clients/${ encodeURIComponent(
				testClient.client_id
			) }`,
			{ skip_consent: true }
		)
	);
	expect( response.status(), await response.text() ).toBe( 200 );
}

async function idTokenFor(
	browser: Parameters< typeof signedInContext >[ 0 ],
	user: Parameters< typeof signedInContext >[ 1 ],
	testClient: TestClient
): Promise< string > {
	const context = await signedInContext( browser, user );
	const { tokens } = await signIn( context, testClient );
	await context.close();
	expect( typeof tokens.id_token ).toBe( 'string' );
	return tokens.id_token as string;
}

test.describe( 'login_hint', () => {
	test( 'prefills the WordPress username field, and the sign-in goes on from there', async ( {
		browser,
		user,
	} ) => {
		const testClient = await createClient();
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto(
			authorizeUrl( testClient, { login_hint: user.username } )
		);
		await expect( page ).toHaveURL( /\/wp-login\.php/ );
		await expect( page.locator( '#user_login' ) ).toHaveValue(
			user.username
		);
		await page.locator( '#user_pass' ).fill( user.password );
		await page.locator( '#wp-submit' ).click();
		await expect(
			page.getByRole( 'button', { name: 'Allow', exact: true } )
		).toBeVisible();
		await context.close();
	} );

	test( 'markup in the hint stays text', async ( { browser } ) => {
		const testClient = await createClient();
		const hint = '"><img id=injected src=x>';
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.goto( authorizeUrl( testClient, { login_hint: hint } ) );
		await expect( page.locator( '#user_login' ) ).toHaveValue( hint );
		await expect( page.locator( '#injected' ) ).toHaveCount( 0 );
		await context.close();
	} );

	test( 'a login not started by a sign-in request is not prefilled', async ( {
		browser,
	} ) => {
		const context = await browser.newContext();
		const page = await context.newPage();
		const elsewhere = `${ baseUrl() }/?login_hint=someone`;
		await page.goto(
			`${ baseUrl() }/wp-login.php?redirect_to=${ encodeURIComponent(
				elsewhere
			) }`
		);
		await expect( page.locator( '#user_login' ) ).toHaveValue( '' );
		await context.close();
	} );
} );

test.describe( 'id_token_hint at the authorization endpoint', () => {
	test( "prompt=none with the signed-in user's hint → a code, even once the hint has expired", async ( {
		browser,
		user,
	} ) => {
		const testClient = await createClient();
		const hint = await idTokenFor( browser, user, testClient );
		await trust( testClient );
		const request = await signedInRequest( user );
		const url = authorizeUrl( testClient, {
			prompt: 'none',
			id_token_hint: hint,
		} );
		const fresh = callback(
			await request.get( url, { maxRedirects: 0 } ),
			testClient
		);
		expect( fresh.searchParams.get( 'code' ) ).toBeTruthy();
		const expired = callback(
			await request.get( url, {
				maxRedirects: 0,
				headers: {
					'X-Keystone-Test-Clock-Offset': String(
						ID_TOKEN_LIFETIME + 60
					),
				},
			} ),
			testClient
		);
		expect( expired.searchParams.get( 'error' ) ).toBeNull();
		expect( expired.searchParams.get( 'code' ) ).toBeTruthy();
		await request.dispose();
	} );

	test( "prompt=none with another user's hint → login_required", async ( {
		browser,
		user,
	} ) => {
		const testClient = await createClient();
		const other = await createProfileUser();
		const hint = await idTokenFor( browser, other, testClient );
		await trust( testClient );
		const request = await signedInRequest( user );
		const response = await request.get(
			authorizeUrl( testClient, {
				prompt: 'none',
				id_token_hint: hint,
			} ),
			{ maxRedirects: 0 }
		);
		expectError( response, testClient, 'login_required' );
		await request.dispose();
	} );

	test( 'a hint whose signature does not verify → invalid_request', async ( {
		browser,
		user,
	} ) => {
		const testClient = await createClient();
		const hint = await idTokenFor( browser, user, testClient );
		const [ header, payload ] = hint.split( '.' );
		const claims = JSON.parse(
			Buffer.from( payload ?? '', 'base64url' ).toString()
		) as Record< string, unknown >;
		const forged = `${ header }.${ Buffer.from(
			JSON.stringify( { ...claims, sub: '1' } )
		).toString( 'base64url' ) }.${ hint.split( '.' )[ 2 ] }`;
		const request = await signedInRequest( user );
		const response = await request.get(
			authorizeUrl( testClient, { id_token_hint: forged } ),
			{ maxRedirects: 0 }
		);
		expectError( response, testClient, 'invalid_request' );
		await request.dispose();
	} );

	test( 'an access token is not an ID token hint → invalid_request', async ( {
		signedIn,
		user,
	} ) => {
		const testClient = await createClient();
		const { tokens } = await signIn( signedIn, testClient );
		await trust( testClient );
		const request = await signedInRequest( user );
		const response = await request.get(
			authorizeUrl( testClient, {
				prompt: 'none',
				id_token_hint: tokens.access_token,
			} ),
			{ maxRedirects: 0 }
		);
		expectError( response, testClient, 'invalid_request' );
		await request.dispose();
	} );

	test( 'a hint that is not a JWT at all → invalid_request', async ( {
		user,
	} ) => {
		const testClient = await createClient();
		const request = await signedInRequest( user );
		const response = await request.get(
			authorizeUrl( testClient, { id_token_hint: 'not-a-token' } ),
			{ maxRedirects: 0 }
		);
		expectError( response, testClient, 'invalid_request' );
		await request.dispose();
	} );
} );

test.describe( 'sid', () => {
	test( 'one session keeps one sid across grants and refreshes; another session has another', async ( {
		browser,
		signedIn,
		user,
	} ) => {
		const testClient = await createClient();
		const first = await signIn( signedIn, testClient );
		const sid = first.tokens.claims()?.sid;
		expect( typeof sid ).toBe( 'string' );
		expect( ( sid as string ).length ).toBeGreaterThanOrEqual( 32 );

		const again = await signIn( signedIn, testClient );
		expect( again.tokens.claims()?.sid ).toBe( sid );
		const refreshed = await client.refreshTokenGrant(
			first.flow.config,
			first.tokens.refresh_token as string
		);
		expect( refreshed.claims()?.sid ).toBe( sid );

		const otherSession = await signedInContext( browser, user );
		const other = await signIn( otherSession, testClient );
		await otherSession.close();
		expect( typeof other.tokens.claims()?.sid ).toBe( 'string' );
		expect( other.tokens.claims()?.sid ).not.toBe( sid );

		const cookies = ( await signedIn.cookies() ).map(
			( cookie ) => cookie.value
		);
		for ( const value of cookies ) {
			expect(
				decodeURIComponent( value ),
				'the sid is not part of a cookie'
			).not.toContain( sid as string );
		}
	} );
} );
