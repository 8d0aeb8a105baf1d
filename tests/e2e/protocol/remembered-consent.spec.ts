/**
 * Remembered consent: a user who allowed a client is not asked again for the same scopes or fewer
 * until they revoke it; a new scope asks again; `prompt=consent` always asks; `prompt=none`
 * succeeds silently only while the consent stands.
 */
import { session } from '../rest/support';
import { test, expect, createProfileUser } from './support/fixtures';
import { consent, client, signedInRequest } from './support/flow';
import {
	authorizeWithoutBrowser,
	expectCodeRedirect,
	expectConsentScreen,
	expectErrorRedirect,
	listApplications,
	prepareAuthorization,
	revokeApplication,
} from './support/applications';
import { verifyAccessToken } from './support/jwt';
import { createClient } from './support/provider';

test( 'a second sign-in with the same scopes skips the consent screen, and its code redeems', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const first = await prepareAuthorization(
		testClient,
		'openid profile email'
	);
	const context = await signedInRequest( user );
	await expectConsentScreen(
		await authorizeWithoutBrowser( context, first )
	);
	await consent( signedIn, first.url.href, testClient.redirectUri );

	for ( const scope of [ 'openid profile email', 'openid email' ] ) {
		const again = await prepareAuthorization( testClient, scope );
		const callbackUrl = expectCodeRedirect(
			await authorizeWithoutBrowser( context, again ),
			testClient,
			again
		);
		const tokens = await client.authorizationCodeGrant(
			again.config,
			callbackUrl,
			again.checks
		);
		await verifyAccessToken( tokens.access_token, {
			clientId: testClient.client_id,
			userId: user.id,
			scope,
		} );
	}
	await context.dispose();
} );

test( 'a scope not allowed before shows the consent screen again, for every scope of the request', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const narrow = await prepareAuthorization( testClient, 'openid profile' );
	await consent( signedIn, narrow.url.href, testClient.redirectUri );

	const context = await signedInRequest( user );
	const wider = await prepareAuthorization(
		testClient,
		'openid profile email'
	);
	const screen = await expectConsentScreen(
		await authorizeWithoutBrowser( context, wider )
	);
	expect( screen ).toContain( 'Your email address' );
	expect( screen ).toContain( 'Your name, username, profile picture' );

	await consent( signedIn, wider.url.href, testClient.redirectUri );
	const later = await prepareAuthorization( testClient, 'openid email' );
	expectCodeRedirect(
		await authorizeWithoutBrowser( context, later ),
		testClient,
		later
	);
	await context.dispose();

	const me = await session( user.username, user.password );
	const listed = ( await listApplications( me ) ).find(
		( application ) => application.client_id === testClient.client_id
	);
	await me.dispose();
	expect( listed?.scopes.sort() ).toEqual( [ 'email', 'openid', 'profile' ] );
} );

test( 'prompt=consent shows the consent screen even after the user allowed the client', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const first = await prepareAuthorization( testClient, 'openid profile' );
	await consent( signedIn, first.url.href, testClient.redirectUri );

	const context = await signedInRequest( user );
	await expectConsentScreen(
		await authorizeWithoutBrowser(
			context,
			await prepareAuthorization( testClient, 'openid profile', {
				prompt: 'consent',
			} )
		)
	);
	await context.dispose();
} );

test( 'prompt=none succeeds silently after consent, and answers consent_required once it is revoked', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const first = await prepareAuthorization( testClient, 'openid profile' );
	await consent( signedIn, first.url.href, testClient.redirectUri );

	const context = await signedInRequest( user );
	const silent = await prepareAuthorization( testClient, 'openid profile', {
		prompt: 'none',
	} );
	const callbackUrl = expectCodeRedirect(
		await authorizeWithoutBrowser( context, silent ),
		testClient,
		silent
	);
	const tokens = await client.authorizationCodeGrant(
		silent.config,
		callbackUrl,
		silent.checks
	);
	expect( tokens.access_token ).toBeTruthy();

	const me = await session( user.username, user.password );
	await revokeApplication( me, testClient.client_id );
	await me.dispose();

	const afterRevoke = await prepareAuthorization(
		testClient,
		'openid profile',
		{ prompt: 'none' }
	);
	expectErrorRedirect(
		await authorizeWithoutBrowser( context, afterRevoke ),
		testClient,
		afterRevoke,
		'consent_required'
	);
	// Without prompt=none the user is simply asked again.
	await expectConsentScreen(
		await authorizeWithoutBrowser(
			context,
			await prepareAuthorization( testClient, 'openid profile' )
		)
	);
	await context.dispose();
} );

test( 'prompt=none for a scope not allowed yet → consent_required', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const first = await prepareAuthorization( testClient, 'openid' );
	await consent( signedIn, first.url.href, testClient.redirectUri );

	const context = await signedInRequest( user );
	const wider = await prepareAuthorization( testClient, 'openid email', {
		prompt: 'none',
	} );
	expectErrorRedirect(
		await authorizeWithoutBrowser( context, wider ),
		testClient,
		wider,
		'consent_required'
	);
	await context.dispose();
} );

test( 'Deny is not remembered: prompt=none still → consent_required', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const first = await prepareAuthorization( testClient, 'openid profile' );
	const denied = await consent(
		signedIn,
		first.url.href,
		testClient.redirectUri,
		'Deny'
	);
	expect( denied.searchParams.get( 'error' ) ).toBe( 'access_denied' );

	const context = await signedInRequest( user );
	const silent = await prepareAuthorization( testClient, 'openid profile', {
		prompt: 'none',
	} );
	expectErrorRedirect(
		await authorizeWithoutBrowser( context, silent ),
		testClient,
		silent,
		'consent_required'
	);
	await context.dispose();
} );

test( "one user's consent is not another's: prompt=none for a second user → consent_required", async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const first = await prepareAuthorization( testClient, 'openid profile' );
	await consent( signedIn, first.url.href, testClient.redirectUri );

	const other = await createProfileUser();
	const context = await signedInRequest( other );
	const silent = await prepareAuthorization( testClient, 'openid profile', {
		prompt: 'none',
	} );
	expectErrorRedirect(
		await authorizeWithoutBrowser( context, silent ),
		testClient,
		silent,
		'consent_required'
	);
	await context.dispose();
} );
