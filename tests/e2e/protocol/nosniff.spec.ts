/**
 * `X-Content-Type-Options: nosniff` on every kind of answer the provider writes: JSON (success,
 * error, 304, 405, CORS preflight, an empty 200), HTML pages (error page, consent, form_post,
 * sign-out), and redirects. Without it a browser may read a JSON error carrying attacker-chosen
 * text as HTML or script. The 503 of the database-error drop-in is checked by
 * `reliability/outage.spec.ts` (`assertCleanOutage`).
 */
import type { APIResponse } from '@playwright/test';
import { client, signedInRequest, signIn } from './support/flow';
import { test, expect } from './support/fixtures';
import { raw, type RawResponse } from './support/http';
import { endSessionUrl } from './support/logout';
import { createClient, endpoint } from './support/provider';

function nosniff( response: RawResponse | APIResponse ): string | null {
	return 'status' in response && typeof response.status === 'number'
		? ( response as RawResponse ).headers.get( 'x-content-type-options' )
		: ( response as APIResponse ).headers()[ 'x-content-type-options' ] ??
				null;
}

async function authorizeUrl(
	clientId: string,
	redirectUri: string,
	extra: Record< string, string > = {}
): Promise< string > {
	const url = new URL( endpoint( 'authorize' ) );
	const parameters: Record< string, string > = {
		response_type: 'code',
		client_id: clientId,
		redirect_uri: redirectUri,
		scope: 'openid profile',
		state: 'nosniff',
		nonce: 'nosniff-nonce',
		code_challenge: await client.calculatePKCECodeChallenge(
			client.randomPKCECodeVerifier()
		),
		code_challenge_method: 'S256',
		...extra,
	};
	for ( const [ key, value ] of Object.entries( parameters ) ) {
		url.searchParams.set( key, value );
	}
	return url.href;
}

test( 'back-channel JSON answers carry nosniff: success, error, 304, 405, preflight, empty body', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const discovery = await raw( 'discovery' );
	expect( discovery.status ).toBe( 200 );
	expect( nosniff( discovery ), 'discovery' ).toBe( 'nosniff' );

	const jwks = await raw( 'jwks' );
	expect( jwks.status ).toBe( 200 );
	expect( nosniff( jwks ), 'jwks' ).toBe( 'nosniff' );
	const notModified = await raw( 'jwks', {
		headers: { 'If-None-Match': jwks.headers.get( 'etag' ) ?? '' },
	} );
	expect( notModified.status ).toBe( 304 );
	expect( nosniff( notModified ), 'jwks 304' ).toBe( 'nosniff' );

	const tokenError = await raw( 'token', {
		form: { grant_type: 'authorization_code', code: 'nope' },
	} );
	expect( tokenError.status ).toBe( 401 );
	expect( tokenError.json.error ).toBe( 'invalid_client' );
	expect( nosniff( tokenError ), 'token error' ).toBe( 'nosniff' );

	const wrongMethod = await raw( 'token', { method: 'GET' } );
	expect( wrongMethod.status ).toBe( 405 );
	expect( nosniff( wrongMethod ), 'token 405' ).toBe( 'nosniff' );

	const preflight = await raw( 'token', {
		method: 'OPTIONS',
		headers: {
			Origin: 'https://spa.example.test',
			'Access-Control-Request-Method': 'POST',
		},
	} );
	expect( preflight.status ).toBe( 204 );
	expect( nosniff( preflight ), 'preflight' ).toBe( 'nosniff' );

	const userinfoError = await raw( 'userinfo', { bearer: 'not-a-token' } );
	expect( userinfoError.status ).toBe( 401 );
	expect( nosniff( userinfoError ), 'userinfo error' ).toBe( 'nosniff' );

	const { tokens } = await signIn( signedIn, testClient );
	const token = await raw( 'userinfo', {
		bearer: tokens.access_token,
	} );
	expect( token.status ).toBe( 200 );
	expect( nosniff( token ), 'userinfo' ).toBe( 'nosniff' );

	const revoked = await raw( 'revocation', {
		form: { token: tokens.access_token },
		basic: {
			id: testClient.client_id,
			secret: testClient.client_secret as string,
		},
	} );
	expect( revoked.status ).toBe( 200 );
	expect( revoked.text ).toBe( '' );
	expect( nosniff( revoked ), 'revocation (empty body)' ).toBe( 'nosniff' );
} );

test( 'HTML pages and redirects carry nosniff: error page, consent, form_post, error redirect, sign-out', async ( {
	user,
} ) => {
	const testClient = await createClient();
	const context = await signedInRequest( user );

	const errorPage = await context.get(
		await authorizeUrl( 'no-such-client', testClient.redirectUri ),
		{ maxRedirects: 0 }
	);
	expect( errorPage.status() ).toBe( 400 );
	expect( errorPage.headers()[ 'content-type' ] ).toMatch( /^text\/html/ );
	expect( nosniff( errorPage ), 'HTML error page' ).toBe( 'nosniff' );

	const consentPage = await context.get(
		await authorizeUrl( testClient.client_id, testClient.redirectUri ),
		{ maxRedirects: 0 }
	);
	expect( consentPage.status() ).toBe( 200 );
	expect( consentPage.headers()[ 'content-type' ] ).toMatch( /^text\/html/ );
	expect( nosniff( consentPage ), 'consent page' ).toBe( 'nosniff' );

	const errorRedirect = await context.get(
		await authorizeUrl( testClient.client_id, testClient.redirectUri, {
			response_type: 'token',
		} ),
		{ maxRedirects: 0 }
	);
	expect( errorRedirect.status() ).toBe( 302 );
	expect(
		new URL( errorRedirect.headers().location ?? '' ).searchParams.get(
			'error'
		)
	).toBe( 'unsupported_response_type' );
	expect( nosniff( errorRedirect ), 'error redirect' ).toBe( 'nosniff' );

	const formPostClient = await createClient( { skip_consent: true } );
	const formPost = await context.get(
		await authorizeUrl(
			formPostClient.client_id,
			formPostClient.redirectUri,
			{
				response_mode: 'form_post',
			}
		),
		{ maxRedirects: 0 }
	);
	expect( formPost.status() ).toBe( 200 );
	expect( await formPost.text() ).toContain( '<form' );
	expect( nosniff( formPost ), 'form_post page' ).toBe( 'nosniff' );

	const codeRedirect = await context.get(
		await authorizeUrl(
			formPostClient.client_id,
			formPostClient.redirectUri
		),
		{ maxRedirects: 0 }
	);
	expect( codeRedirect.status() ).toBe( 302 );
	expect(
		new URL( codeRedirect.headers().location ?? '' ).searchParams.get(
			'code'
		)
	).toBeTruthy();
	expect( nosniff( codeRedirect ), 'code redirect' ).toBe( 'nosniff' );

	const signOut = await context.get( endSessionUrl( {} ), {
		maxRedirects: 0,
	} );
	expect( signOut.status() ).toBe( 200 );
	expect( signOut.headers()[ 'content-type' ] ).toMatch( /^text\/html/ );
	expect( nosniff( signOut ), 'sign-out page' ).toBe( 'nosniff' );
	await context.dispose();
} );
