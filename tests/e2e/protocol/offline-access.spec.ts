/**
 * `offline_access` (OIDC Core §11): granted only to a client that may have it and takes refresh
 * tokens, through the consent screen (or an administrator's explicit trust: skip_consent with
 * skip_consent_offline_access, see skip-consent.spec.ts). With it, the
 * refresh token lives until revoked or left unused for a whole refresh lifetime: each rotation
 * starts the lifetime again. Without it, the grant ends one refresh lifetime after the code was
 * redeemed, however often its refresh token is rotated. Time moves with the test clock header.
 */
import { test, expect } from './support/fixtures';
import { signIn, type Tokens } from './support/flow';
import { expectOAuthError, raw } from './support/http';
import { scopeSet } from './support/jwt';
import { createClient, endpoint, type TestClient } from './support/provider';

const DAY = 24 * 3600;
const REFRESH_LIFETIME = 30 * DAY;

function basic( testClient: TestClient ) {
	return {
		id: testClient.client_id,
		secret: testClient.client_secret as string,
	};
}

function refreshTokenOf( tokens: Tokens | Record< string, unknown > ): string {
	expect( typeof tokens.refresh_token ).toBe( 'string' );
	return tokens.refresh_token as string;
}

/** A refresh as seen `clockOffset` seconds from now; returns the new refresh token. */
async function refreshAt(
	testClient: TestClient,
	refreshToken: string,
	clockOffset: number,
	extra: Record< string, string > = {}
): Promise< Record< string, unknown > > {
	const response = await raw( 'token', {
		form: {
			grant_type: 'refresh_token',
			refresh_token: refreshToken,
			...extra,
		},
		basic: basic( testClient ),
		clockOffset,
	} );
	expect( response.status, response.text ).toBe( 200 );
	expect( typeof response.json.refresh_token ).toBe( 'string' );
	return response.json;
}

function expiredAt(
	testClient: TestClient,
	refreshToken: string,
	clockOffset: number
) {
	return raw( 'token', {
		form: { grant_type: 'refresh_token', refresh_token: refreshToken },
		basic: basic( testClient ),
		clockOffset,
	} );
}

function offlineClient( input: Record< string, unknown > = {} ) {
	return createClient( {
		scopes: [ 'openid', 'profile', 'offline_access' ],
		...input,
	} );
}

test( 'without offline_access the grant ends a refresh lifetime after the code exchange, however often it rotates', async ( {
	signedIn,
} ) => {
	const testClient = await offlineClient();
	const { tokens } = await signIn( signedIn, testClient, {
		scope: 'openid profile',
	} );
	expect( scopeSet( tokens.scope ) ).toEqual( [ 'openid', 'profile' ] );
	const second = await refreshAt(
		testClient,
		refreshTokenOf( tokens ),
		20 * DAY
	);
	const third = await refreshAt(
		testClient,
		refreshTokenOf( second ),
		29 * DAY
	);
	expectOAuthError(
		await expiredAt(
			testClient,
			refreshTokenOf( third ),
			REFRESH_LIFETIME + 60
		),
		400,
		'invalid_grant'
	);
} );

test( 'with offline_access each rotation starts a new refresh lifetime, until one goes unused for a whole one', async ( {
	signedIn,
} ) => {
	const testClient = await offlineClient();
	const { tokens } = await signIn( signedIn, testClient, {
		scope: 'openid profile offline_access',
	} );
	expect( scopeSet( tokens.scope ) ).toEqual( [
		'offline_access',
		'openid',
		'profile',
	] );
	const second = await refreshAt(
		testClient,
		refreshTokenOf( tokens ),
		20 * DAY
	);
	expect( scopeSet( second.scope as string ) ).toContain( 'offline_access' );
	const third = await refreshAt(
		testClient,
		refreshTokenOf( second ),
		45 * DAY
	);
	const fourth = await refreshAt(
		testClient,
		refreshTokenOf( third ),
		74 * DAY
	);
	expectOAuthError(
		await expiredAt(
			testClient,
			refreshTokenOf( fourth ),
			74 * DAY + REFRESH_LIFETIME + 60
		),
		400,
		'invalid_grant'
	);
} );

test( 'a refresh that narrows offline_access away keeps the grant offline', async ( {
	signedIn,
} ) => {
	const testClient = await offlineClient();
	const { tokens } = await signIn( signedIn, testClient, {
		scope: 'openid profile offline_access',
	} );
	const narrowed = await refreshAt(
		testClient,
		refreshTokenOf( tokens ),
		20 * DAY,
		{ scope: 'openid' }
	);
	expect( narrowed.scope ).toBe( 'openid' );
	const later = await refreshAt(
		testClient,
		refreshTokenOf( narrowed ),
		45 * DAY
	);
	expect( scopeSet( later.scope as string ) ).toEqual( [
		'offline_access',
		'openid',
		'profile',
	] );
} );

test( 'offline_access the client may not have is dropped, and its refresh token ends with the grant', async ( {
	signedIn,
} ) => {
	const testClient = await createClient( {
		scopes: [ 'openid', 'profile' ],
	} );
	const { tokens } = await signIn( signedIn, testClient, {
		scope: 'openid profile offline_access',
	} );
	expect( scopeSet( tokens.scope ) ).toEqual( [ 'openid', 'profile' ] );
	const second = await refreshAt(
		testClient,
		refreshTokenOf( tokens ),
		20 * DAY
	);
	expectOAuthError(
		await expiredAt(
			testClient,
			refreshTokenOf( second ),
			REFRESH_LIFETIME + 60
		),
		400,
		'invalid_grant'
	);
} );

test( 'a client with refresh_tokens off is not granted offline_access and gets no refresh token → unauthorized_client', async ( {
	signedIn,
} ) => {
	const testClient = await offlineClient( { refresh_tokens: false } );
	const { tokens } = await signIn( signedIn, testClient, {
		scope: 'openid profile offline_access',
	} );
	expect( scopeSet( tokens.scope ) ).toEqual( [ 'openid', 'profile' ] );
	expect( tokens.refresh_token ).toBeUndefined();
	expectOAuthError(
		await raw( 'token', {
			form: {
				grant_type: 'refresh_token',
				refresh_token: 'any-refresh-token',
			},
			basic: basic( testClient ),
		} ),
		400,
		'unauthorized_client'
	);
} );

test( 'the consent screen tells the user that offline access is asked for', async ( {
	signedIn,
} ) => {
	const testClient = await offlineClient();
	const url = new URL( endpoint( 'authorize' ) );
	url.searchParams.set( 'response_type', 'code' );
	url.searchParams.set( 'client_id', testClient.client_id );
	url.searchParams.set( 'redirect_uri', testClient.redirectUri );
	url.searchParams.set( 'scope', 'openid offline_access' );
	url.searchParams.set(
		'code_challenge',
		'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
	);
	url.searchParams.set( 'code_challenge_method', 'S256' );
	const page = await signedIn.newPage();
	await page.goto( url.href );
	await expect(
		page.getByText(
			'Stay connected to your account when you are not using it'
		)
	).toBeVisible();
	await page.close();
} );

test( 'a trusted client (skip_consent and skip_consent_offline_access) is granted offline_access without a consent screen', async ( {
	signedIn,
} ) => {
	const testClient = await offlineClient( {
		skip_consent: true,
		skip_consent_offline_access: true,
	} );
	const url = new URL( endpoint( 'authorize' ) );
	url.searchParams.set( 'response_type', 'code' );
	url.searchParams.set( 'client_id', testClient.client_id );
	url.searchParams.set( 'redirect_uri', testClient.redirectUri );
	url.searchParams.set( 'scope', 'openid offline_access' );
	const response = await signedIn.request.get( url.href, {
		maxRedirects: 0,
	} );
	expect( response.status() ).toBe( 302 );
	const callback = new URL( response.headers().location ?? '' );
	const code = callback.searchParams.get( 'code' );
	expect( code, callback.href ).toBeTruthy();
	const exchanged = await raw( 'token', {
		form: {
			grant_type: 'authorization_code',
			code: code as string,
			redirect_uri: testClient.redirectUri,
		},
		basic: basic( testClient ),
	} );
	expect( exchanged.status, exchanged.text ).toBe( 200 );
	expect( scopeSet( exchanged.json.scope as string ) ).toEqual( [
		'offline_access',
		'openid',
	] );
	const later = await refreshAt(
		testClient,
		await refreshAt(
			testClient,
			refreshTokenOf( exchanged.json ),
			20 * DAY
		).then( refreshTokenOf ),
		45 * DAY
	);
	expect( typeof later.access_token ).toBe( 'string' );
} );
