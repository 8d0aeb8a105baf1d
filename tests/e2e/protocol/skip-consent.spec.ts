/**
 * A `skip_consent` client (an administrator's trust) signs users in without the consent screen,
 * but the implicit consent is recorded: the user sees the application under Connected
 * Applications and can revoke it. `offline_access` outlives the sign-in, so OIDC Core §11 wants
 * the user's own consent for it: without `skip_consent_offline_access` the screen is shown for it
 * (and `prompt=none` gets `consent_required`).
 */
import type { APIRequestContext } from '@playwright/test';
import { test, expect } from './support/fixtures';
import {
	APPLICATIONS,
	authorizeWithoutBrowser,
	expectCodeRedirect,
	expectConsentScreen,
	expectErrorRedirect,
	listApplications,
	prepareAuthorization,
	signInWithoutConsent,
} from './support/applications';
import { client } from './support/flow';
import { expectChallenge, raw } from './support/http';
import { scopeSet } from './support/jwt';
import { createClient, type TestClient } from './support/provider';
import { restSession } from '../support/wp';

test( 'the implicit consent of a skip_consent client is listed under Connected Applications, and revoking it ends its tokens', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient( { skip_consent: true } );
	const prepared = await prepareAuthorization( testClient, 'openid profile' );
	const callback = expectCodeRedirect(
		await authorizeWithoutBrowser( signedIn.request, prepared ),
		testClient,
		prepared
	);
	const tokens = await client.authorizationCodeGrant(
		prepared.config,
		callback,
		prepared.checks
	);

	const session = await restSession( user.username, user.password );
	try {
		const listed = ( await listApplications( session ) ).find(
			( application ) => application.client_id === testClient.client_id
		);
		expect( listed, 'the application is listed' ).toBeDefined();
		expect( [ ...( listed?.scopes ?? [] ) ].sort() ).toEqual( [
			'openid',
			'profile',
		] );
		const revoked = await session.delete(
			`${ APPLICATIONS }/${ encodeURIComponent( testClient.client_id ) }`
		);
		expect( revoked.status(), await revoked.text() ).toBe( 200 );
	} finally {
		await session.dispose();
	}
	expectChallenge(
		await raw( 'userinfo', { bearer: tokens.access_token } ),
		'invalid_token',
		'Bearer'
	);
} );

/** A silent sign-in (`prompt=none`) asking for offline_access is granted it. */
async function expectOfflineAccessWithoutConsent(
	context: APIRequestContext,
	testClient: TestClient
): Promise< void > {
	const tokens = await signInWithoutConsent(
		context,
		testClient,
		'openid offline_access',
		{ prompt: 'none' }
	);
	expect( scopeSet( tokens.scope ) ).toEqual( [
		'offline_access',
		'openid',
	] );
}

test.describe( 'offline_access and skip_consent', () => {
	const scopes = [ 'openid', 'profile', 'offline_access' ];

	test( 'without skip_consent_offline_access, prompt=none → consent_required', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient( { scopes, skip_consent: true } );
		const prepared = await prepareAuthorization(
			testClient,
			'openid offline_access',
			{ prompt: 'none' }
		);
		expectErrorRedirect(
			await authorizeWithoutBrowser( signedIn.request, prepared ),
			testClient,
			prepared,
			'consent_required'
		);
	} );

	test( 'without skip_consent_offline_access the consent screen asks; once allowed, it is not asked again', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient( { scopes, skip_consent: true } );
		const first = await prepareAuthorization(
			testClient,
			'openid offline_access'
		);
		await expectConsentScreen(
			await authorizeWithoutBrowser( signedIn.request, first )
		);
		const page = await signedIn.newPage();
		await page.route(
			( url ) => url.href.startsWith( testClient.redirectUri ),
			( route ) => route.fulfill( { status: 200, body: 'callback' } )
		);
		await page.goto( first.url.href );
		await page
			.getByRole( 'button', { name: 'Allow', exact: true } )
			.click();
		await page.waitForURL( ( url ) =>
			url.href.startsWith( testClient.redirectUri )
		);
		await page.close();

		await expectOfflineAccessWithoutConsent( signedIn.request, testClient );
	} );

	test( 'with skip_consent_offline_access the administrator’s trust covers it', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient( {
			scopes,
			skip_consent: true,
			skip_consent_offline_access: true,
		} );
		await expectOfflineAccessWithoutConsent( signedIn.request, testClient );
	} );
} );
