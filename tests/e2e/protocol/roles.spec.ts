/**
 * The `roles` scope: the user's WordPress roles as `roles` and `groups`, in the ID token and in
 * UserInfo, only when the scope is granted. A scope the client is not allowed is dropped from the
 * grant (not refused), like every other scope.
 */
import type { Browser } from '@playwright/test';
import { test, expect } from './support/fixtures';
import {
	client,
	discover,
	signIn,
	signedInContext,
	type Tokens,
} from './support/flow';
import { raw } from './support/http';
import { scopeSet, verifyIdToken } from './support/jwt';
import { createClient, type TestClient } from './support/provider';
import { createUser, type WpUser } from '../support/wp';

interface Released {
	idToken: Record< string, unknown >;
	userinfo: Record< string, unknown >;
}

async function released(
	tokens: Tokens,
	testClient: TestClient,
	user: WpUser,
	nonce: string | undefined
): Promise< Released > {
	const idToken = await verifyIdToken( tokens.id_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		accessToken: tokens.access_token,
		nonce,
	} );
	const response = await raw( 'userinfo', { bearer: tokens.access_token } );
	expect( response.status, response.text ).toBe( 200 );
	return { idToken, userinfo: response.json };
}

async function signInWithScope(
	browser: Browser,
	user: WpUser,
	testClient: TestClient,
	scope: string
): Promise< Released & { scope: string[] } > {
	const context = await signedInContext( browser, user );
	try {
		const { flow, tokens } = await signIn( context, testClient, {
			scope,
		} );
		return {
			...( await released( tokens, testClient, user, flow.nonce ) ),
			scope: scopeSet( tokens.scope ),
		};
	} finally {
		await context.close();
	}
}

function rolesClient(): Promise< TestClient > {
	return createClient( { scopes: [ 'openid', 'profile', 'roles' ] } );
}

test( 'discovery announces the roles scope and the roles and groups claims', async () => {
	const response = await raw( 'discovery' );
	expect( response.status, response.text ).toBe( 200 );
	expect( response.json.scopes_supported ).toContain( 'roles' );
	expect( response.json.claims_supported ).toEqual(
		expect.arrayContaining( [ 'roles', 'groups' ] )
	);
} );

test( 'a subscriber gets roles and groups ["subscriber"] in the ID token and UserInfo', async ( {
	browser,
	user,
} ) => {
	const testClient = await rolesClient();
	const result = await signInWithScope(
		browser,
		user,
		testClient,
		'openid roles'
	);
	expect( result.scope ).toEqual( [ 'openid', 'roles' ] );
	for ( const claims of [ result.idToken, result.userinfo ] ) {
		expect( claims.roles ).toEqual( [ 'subscriber' ] );
		expect( claims.groups ).toEqual( [ 'subscriber' ] );
		// The roles scope releases no profile claim.
		expect( claims ).not.toHaveProperty( 'name' );
	}
	expect( result.userinfo.sub ).toBe( String( user.id ) );
} );

test( 'an administrator gets roles and groups ["administrator"], beside the profile', async ( {
	browser,
} ) => {
	const administrator = await createUser( 'administrator' );
	const testClient = await rolesClient();
	const result = await signInWithScope(
		browser,
		administrator,
		testClient,
		'openid profile roles'
	);
	expect( result.scope ).toEqual( [ 'openid', 'profile', 'roles' ] );
	for ( const claims of [ result.idToken, result.userinfo ] ) {
		expect( claims.roles ).toEqual( [ 'administrator' ] );
		expect( claims.groups ).toEqual( [ 'administrator' ] );
		expect( claims.preferred_username ).toBe( administrator.username );
	}
} );

test( 'without the roles scope in the request, neither claim is released', async ( {
	browser,
	user,
} ) => {
	const testClient = await rolesClient();
	const result = await signInWithScope(
		browser,
		user,
		testClient,
		'openid profile'
	);
	expect( result.scope ).toEqual( [ 'openid', 'profile' ] );
	for ( const claims of [ result.idToken, result.userinfo ] ) {
		expect( claims ).not.toHaveProperty( 'roles' );
		expect( claims ).not.toHaveProperty( 'groups' );
		expect( claims.name ).toBe( user.displayName );
	}
} );

test( 'a client not allowed the roles scope: the scope is dropped from the grant, no claim released', async ( {
	browser,
	user,
} ) => {
	const testClient = await createClient( {
		scopes: [ 'openid', 'profile' ],
	} );
	const result = await signInWithScope(
		browser,
		user,
		testClient,
		'openid profile roles'
	);
	expect( result.scope ).toEqual( [ 'openid', 'profile' ] );
	for ( const claims of [ result.idToken, result.userinfo ] ) {
		expect( claims ).not.toHaveProperty( 'roles' );
		expect( claims ).not.toHaveProperty( 'groups' );
		expect( claims.name ).toBe( user.displayName );
	}
} );

async function consentText(
	browser: Browser,
	user: WpUser,
	testClient: TestClient
): Promise< string > {
	const context = await signedInContext( browser, user );
	try {
		const config = await discover( testClient );
		const page = await context.newPage();
		await page.goto(
			client
				.buildAuthorizationUrl( config, {
					redirect_uri: testClient.redirectUri,
					scope: 'openid roles',
					state: client.randomState(),
					code_challenge: await client.calculatePKCECodeChallenge(
						client.randomPKCECodeVerifier()
					),
					code_challenge_method: 'S256',
				} )
				.toString()
		);
		const consent = page.locator( '#keystone-oidc-consent' );
		await expect(
			consent.getByRole( 'button', { name: 'Allow', exact: true } )
		).toBeVisible();
		return ( await consent.innerText() ).replace( /\s+/g, ' ' );
	} finally {
		await context.close();
	}
}

test( 'the consent screen says in plain words that the roles are shared, only when they are', async ( {
	browser,
	user,
} ) => {
	const plainWords =
		'See your roles on this site (for example administrator or subscriber)';
	expect( await consentText( browser, user, await rolesClient() ) ).toContain(
		plainWords
	);
	const notAllowed = await createClient( { scopes: [ 'openid' ] } );
	const text = await consentText( browser, user, notAllowed );
	expect( text ).not.toContain( plainWords );
	expect( text ).not.toContain( 'roles' );
} );
