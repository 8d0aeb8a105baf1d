/**
 * Audiences and RFC 8707 resource indicators: an access token is for the client's registered
 * audiences, or for the `resource` values the authorization or token request named, each of which
 * must be among them (`invalid_target` otherwise). The code and the refresh token keep what the
 * authorization request named, so a refresh can narrow it but never widen it. The ID token is
 * always for the client itself.
 */
import type { APIResponse } from '@playwright/test';
import { request as playwrightRequest } from '@playwright/test';
import { decodeJwt, type JWTPayload } from 'jose';
import { test, expect } from './support/fixtures';
import {
	authorizeCode,
	client,
	signIn,
	signedInRequest,
	type Flow,
	type Tokens,
} from './support/flow';
import { expectOAuthError, raw } from './support/http';
import { verifyAccessToken, verifyIdToken } from './support/jwt';
import {
	createClient,
	endpoint,
	issuer,
	updateClient,
	type TestClient,
} from './support/provider';

const API = 'https://api.example.test';
const LEDGER = 'urn:example:ledger';
const REPORTS = 'https://reports.example.test/v1';

function audienceOf( payload: JWTPayload ): string[] {
	return Array.isArray( payload.aud ) ? payload.aud : [ payload.aud ?? '' ];
}

function basic( testClient: TestClient ) {
	return {
		id: testClient.client_id,
		secret: testClient.client_secret as string,
	};
}

function refreshTokenOf( tokens: { refresh_token?: unknown } ): string {
	expect( typeof tokens.refresh_token ).toBe( 'string' );
	return tokens.refresh_token as string;
}

async function accessTokenAudience(
	accessToken: string,
	testClient: TestClient,
	userId: number,
	scope = 'openid profile email'
): Promise< string[] > {
	// Every test compares the audience with the resources it named; the verifier checks the rest.
	const { aud } = decodeJwt( accessToken );
	return audienceOf(
		await verifyAccessToken( accessToken, {
			clientId: testClient.client_id,
			userId,
			scope,
			audience: aud,
		} )
	);
}

function refresh(
	testClient: TestClient,
	refreshToken: string,
	resources: string[] = []
) {
	return raw( 'token', {
		form: [
			[ 'grant_type', 'refresh_token' ],
			[ 'refresh_token', refreshToken ],
			...resources.map( ( resource ): [ string, string ] => [
				'resource',
				resource,
			] ),
		],
		basic: basic( testClient ),
	} );
}

function redeemWithResources(
	flow: Flow,
	resources: string[]
): Promise< Tokens > {
	return client.authorizationCodeGrant(
		flow.config,
		flow.callbackUrl,
		flow.checks,
		new URLSearchParams(
			resources.map( ( resource ) => [ 'resource', resource ] )
		)
	);
}

function codeExchange(
	testClient: TestClient,
	flow: Flow,
	form: Array< [ string, string ] >
) {
	return raw( 'token', {
		form: [
			[ 'grant_type', 'authorization_code' ],
			[ 'code', flow.code ],
			[ 'redirect_uri', flow.redirectUri ],
			[ 'code_verifier', flow.codeVerifier as string ],
			...form,
		],
		basic: basic( testClient ),
	} );
}

function authorizeUrl(
	testClient: TestClient,
	resources: string[],
	state = 'resource-state'
): string {
	const url = new URL( endpoint( 'authorize' ) );
	url.searchParams.set( 'response_type', 'code' );
	url.searchParams.set( 'client_id', testClient.client_id );
	url.searchParams.set( 'redirect_uri', testClient.redirectUri );
	url.searchParams.set( 'scope', 'openid' );
	url.searchParams.set( 'state', state );
	url.searchParams.set(
		'code_challenge',
		'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
	);
	url.searchParams.set( 'code_challenge_method', 'S256' );
	for ( const resource of resources ) {
		url.searchParams.append( 'resource', resource );
	}
	return url.href;
}

function expectErrorRedirect(
	response: APIResponse,
	testClient: TestClient,
	error: string
): void {
	expect( response.status(), response.url() ).toBe( 302 );
	const location = new URL( response.headers().location ?? '' );
	expect( `${ location.origin }${ location.pathname }` ).toBe(
		testClient.redirectUri
	);
	expect( location.searchParams.get( 'error' ), location.href ).toBe( error );
	expect( location.searchParams.get( 'error_description' ) ).toBeTruthy();
	expect( location.searchParams.get( 'code' ) ).toBeNull();
	expect( location.searchParams.get( 'state' ) ).toBe( 'resource-state' );
	expect( location.searchParams.get( 'iss' ) ).toBe( issuer() );
}

test( 'without resource the access token is for the client alone, never its resource servers (RFC 9700 §4.10.1)', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient( { audiences: [ API, LEDGER ] } );
	const { flow, tokens } = await signIn( signedIn, testClient );
	expect(
		await accessTokenAudience( tokens.access_token, testClient, user.id )
	).toEqual( [ testClient.client_id ] );
	// Nor does a refresh without resource widen it to the registered audiences.
	const refreshed = await refresh( testClient, refreshTokenOf( tokens ) );
	expect( refreshed.status, refreshed.text ).toBe( 200 );
	expect(
		await accessTokenAudience(
			refreshed.json.access_token as string,
			testClient,
			user.id
		)
	).toEqual( [ testClient.client_id ] );
	const idToken = await verifyIdToken( tokens.id_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		nonce: flow.nonce,
		accessToken: tokens.access_token,
	} );
	expect( idToken.aud ).toBe( testClient.client_id );
} );

test( 'a client with no audiences gets access tokens for its client_id, as before', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient );
	expect(
		await accessTokenAudience( tokens.access_token, testClient, user.id )
	).toEqual( [ testClient.client_id ] );
} );

test( 'a resource at the authorization request narrows the audience, and every refresh keeps it', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient( { audiences: [ API, LEDGER ] } );
	const { tokens } = await signIn( signedIn, testClient, {
		resources: [ API ],
	} );
	expect(
		await accessTokenAudience( tokens.access_token, testClient, user.id )
	).toEqual( [ API ] );

	const refreshed = await refresh( testClient, refreshTokenOf( tokens ) );
	expect( refreshed.status, refreshed.text ).toBe( 200 );
	expect(
		await accessTokenAudience(
			refreshed.json.access_token as string,
			testClient,
			user.id
		)
	).toEqual( [ API ] );

	const userinfo = await raw( 'userinfo', {
		bearer: refreshed.json.access_token as string,
	} );
	expect(
		userinfo.status,
		'the provider still answers its own UserInfo'
	).toBe( 200 );

	const second = refreshTokenOf( refreshed.json );
	expectOAuthError(
		await refresh( testClient, second, [ LEDGER ] ),
		400,
		'invalid_target'
	);
	expectOAuthError(
		await refresh( testClient, second, [ API, LEDGER ] ),
		400,
		'invalid_target'
	);
	const again = await refresh( testClient, second, [ API ] );
	expect( again.status, 'a refused refresh did not use the token up' ).toBe(
		200
	);
} );

test( 'several resources may be asked for; the token request narrows them, the refresh token keeps them all', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient( {
		audiences: [ API, LEDGER, REPORTS ],
	} );
	const flow = await authorizeCode( signedIn, testClient, {
		resources: [ API, LEDGER ],
	} );
	const tokens = await redeemWithResources( flow, [ LEDGER ] );
	expect(
		await accessTokenAudience( tokens.access_token, testClient, user.id )
	).toEqual( [ LEDGER ] );

	const refreshed = await refresh( testClient, refreshTokenOf( tokens ) );
	expect( refreshed.status, refreshed.text ).toBe( 200 );
	expect(
		await accessTokenAudience(
			refreshed.json.access_token as string,
			testClient,
			user.id
		)
	).toEqual( [ API, LEDGER ] );

	expectOAuthError(
		await refresh( testClient, refreshTokenOf( refreshed.json ), [
			REPORTS,
		] ),
		400,
		'invalid_target'
	);
} );

test( 'a resource that is not an audience of the client → invalid_target, redirected with state and iss', async ( {
	user,
} ) => {
	const testClient = await createClient( { audiences: [ API ] } );
	const withoutAudiences = await createClient();
	const context = await signedInRequest( user );
	for ( const resources of [
		[ REPORTS ],
		[ API, REPORTS ],
		[ `${ API }/` ],
		[ 'api' ],
		[ `${ API }#part` ],
	] ) {
		expectErrorRedirect(
			await context.get( authorizeUrl( testClient, resources ), {
				maxRedirects: 0,
			} ),
			testClient,
			'invalid_target'
		);
	}
	expectErrorRedirect(
		await context.get( authorizeUrl( withoutAudiences, [ API ] ), {
			maxRedirects: 0,
		} ),
		withoutAudiences,
		'invalid_target'
	);
	await context.dispose();
} );

test( 'a token request naming a resource the authorization did not permit → 400 invalid_target', async ( {
	signedIn,
} ) => {
	const testClient = await createClient( { audiences: [ API, LEDGER ] } );
	const narrowed = await authorizeCode( signedIn, testClient, {
		resources: [ API ],
	} );
	expectOAuthError(
		await codeExchange( testClient, narrowed, [ [ 'resource', LEDGER ] ] ),
		400,
		'invalid_target'
	);

	const open = await authorizeCode( signedIn, testClient );
	for ( const resource of [ REPORTS, 'api', `${ API }#part` ] ) {
		expectOAuthError(
			await codeExchange( testClient, open, [
				[ 'resource', resource ],
			] ),
			400,
			'invalid_target'
		);
	}
	expectOAuthError(
		await codeExchange( testClient, open, [ [ 'resource[]', API ] ] ),
		400,
		'invalid_request'
	);
	const accepted = await codeExchange( testClient, open, [
		[ 'resource', API ],
		[ 'resource', LEDGER ],
	] );
	expect( accepted.status, accepted.text ).toBe( 200 );
} );

test( 'an audience taken from the client is no longer issued; a grant left with none → invalid_target', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient( { audiences: [ API, LEDGER ] } );
	const open = await signIn( signedIn, testClient );
	const narrowed = await signIn( signedIn, testClient, {
		resources: [ API ],
	} );
	await updateClient( testClient.client_id, { audiences: [ LEDGER ] } );

	const openToken = refreshTokenOf( open.tokens );
	expectOAuthError(
		await refresh( testClient, openToken, [ API ] ),
		400,
		'invalid_target'
	);
	const refreshed = await refresh( testClient, openToken, [ LEDGER ] );
	expect( refreshed.status, refreshed.text ).toBe( 200 );
	expect(
		await accessTokenAudience(
			refreshed.json.access_token as string,
			testClient,
			user.id
		)
	).toEqual( [ LEDGER ] );

	expectOAuthError(
		await refresh( testClient, refreshTokenOf( narrowed.tokens ) ),
		400,
		'invalid_target'
	);
} );

test( 'every resource survives the detour through the WordPress login', async () => {
	const testClient = await createClient( { audiences: [ API, LEDGER ] } );
	const anonymous = await playwrightRequest.newContext();
	const response = await anonymous.get(
		authorizeUrl( testClient, [ API, LEDGER ] ),
		{ maxRedirects: 0 }
	);
	await anonymous.dispose();
	expect( response.status() ).toBe( 302 );
	const login = new URL( response.headers().location ?? '' );
	expect( `${ login.origin }${ login.pathname }` ).toBe(
		`${ issuer() }/wp-login.php`
	);
	const back = new URL( login.searchParams.get( 'redirect_to' ) ?? '' );
	expect( back.searchParams.getAll( 'resource' ) ).toEqual( [ API, LEDGER ] );
	expect( back.searchParams.get( 'client_id' ) ).toBe( testClient.client_id );
} );
