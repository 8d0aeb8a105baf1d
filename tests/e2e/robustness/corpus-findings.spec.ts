/**
 * The defects the bad-input corpus found, each as its own failing case: what the request got
 * before the fix, and that the valid neighbour still works.
 */
import { test, expect } from '../protocol/support/fixtures';
import { signedInRequest } from '../protocol/support/flow';
import {
	createClient,
	endpoint,
	issuer,
	type TestClient,
} from '../protocol/support/provider';
import { baseUrl } from '../support/env';

function authorizeParameters(
	testClient: TestClient,
	overrides: Record< string, string > = {}
): Record< string, string > {
	return {
		response_type: 'code',
		client_id: testClient.client_id,
		redirect_uri: testClient.redirectUri,
		scope: 'openid',
		state: 'findings',
		code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
		code_challenge_method: 'S256',
		...overrides,
	};
}

async function authorize(
	parameters: Record< string, string >,
	init: { method?: 'GET' | 'POST'; cookie?: string; extraBody?: string } = {}
): Promise< Response > {
	const encoded = new URLSearchParams( parameters ).toString();
	const post = init.method === 'POST';
	return fetch(
		post
			? endpoint( 'authorize' )
			: `${ endpoint( 'authorize' ) }?${ encoded }`,
		{
			method: init.method ?? 'GET',
			headers: {
				...( post
					? { 'Content-Type': 'application/x-www-form-urlencoded' }
					: {} ),
				...( init.cookie ? { Cookie: init.cookie } : {} ),
			},
			...( post
				? { body: `${ encoded }${ init.extraBody ?? '' }` }
				: {} ),
			redirect: 'manual',
		}
	);
}

async function expectErrorPage(
	response: Response,
	error: string,
	description: string
): Promise< void > {
	expect( response.status ).toBe( 400 );
	expect( response.headers.get( 'location' ) ).toBeNull();
	expect( response.headers.get( 'content-type' ) ).toMatch( /^text\/html/ );
	const page = await response.text();
	expect( page ).toContain( `<code>${ error }</code>` );
	expect( page ).toContain( description );
}

test.describe( 'an authorization request too large to travel back in a URL', () => {
	// Before: a 302 whose Location carried the whole request (66 KB of headers for a 64 KB
	// state), which proxies answer with 502 and HTTP clients refuse to read.
	test( 'a 64 KB state → HTML 400 invalid_request, no redirect', async () => {
		const testClient = await createClient();
		await expectErrorPage(
			await authorize(
				authorizeParameters( testClient, {
					state: 's'.repeat( 64 * 1024 ),
				} )
			),
			'invalid_request',
			'The authorization request is too large'
		);
	} );

	test( 'a POST with a 1 MB unknown parameter → HTML 400 invalid_request, no redirect', async () => {
		const testClient = await createClient();
		await expectErrorPage(
			await authorize( authorizeParameters( testClient ), {
				method: 'POST',
				extraBody: `&filler=${ 'f'.repeat( 1024 * 1024 ) }`,
			} ),
			'invalid_request',
			'The authorization request is too large'
		);
	} );

	test( 'a 1,000-character state still goes to wp-login.php and back', async () => {
		const testClient = await createClient();
		const response = await authorize(
			authorizeParameters( testClient, { state: 's'.repeat( 1000 ) } )
		);
		expect( response.status ).toBe( 302 );
		const location = new URL( response.headers.get( 'location' ) ?? '' );
		expect( `${ location.origin }${ location.pathname }` ).toBe(
			`${ baseUrl() }/wp-login.php`
		);
		const back = new URL(
			location.searchParams.get( 'redirect_to' ) ?? ''
		);
		expect( back.searchParams.get( 'state' ) ).toBe( 's'.repeat( 1000 ) );
	} );
} );

test( 'a consent form whose decision is neither allow nor deny → HTML 400 invalid_request, and the form can still be answered', async ( {
	user,
} ) => {
	const testClient = await createClient();
	const request = await signedInRequest( user );
	const { cookies } = await request.storageState();
	await request.dispose();
	const cookie = cookies
		.map( ( entry ) => `${ entry.name }=${ entry.value }` )
		.join( '; ' );

	const consentPage = await authorize( authorizeParameters( testClient ), {
		cookie,
	} );
	const html = await consentPage.text();
	expect( consentPage.status, html ).toBe( 200 );
	const requestId =
		/name="request_id" value="([^"]+)"/.exec( html )?.[ 1 ] ?? '';
	const nonce = /name="_wpnonce" value="([^"]+)"/.exec( html )?.[ 1 ] ?? '';
	expect( requestId ).not.toBe( '' );
	expect( nonce ).not.toBe( '' );
	const decide = ( decision: string ): Promise< Response > =>
		fetch( endpoint( 'authorize' ), {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Cookie: cookie,
			},
			body: new URLSearchParams( {
				request_id: requestId,
				_wpnonce: nonce,
				decision,
			} ).toString(),
			redirect: 'manual',
		} );

	// Before: the pending request was taken (deleted) first and the answer was an error redirect,
	// so a malformed form used up the user's sign-in.
	await expectErrorPage(
		await decide( 'maybe' ),
		'invalid_request',
		'decision must be allow or deny'
	);

	const allowed = await decide( 'allow' );
	expect( allowed.status ).toBe( 303 );
	const back = new URL( allowed.headers.get( 'location' ) ?? '' );
	expect( `${ back.origin }${ back.pathname }` ).toBe(
		testClient.redirectUri
	);
	expect( back.searchParams.get( 'code' ) ).toBeTruthy();
	expect( back.searchParams.get( 'state' ) ).toBe( 'findings' );
	expect( back.searchParams.get( 'iss' ) ).toBe( issuer() );
} );
