/**
 * `auth_time` is never invented (OIDC Core §2, §3.1.2.1). A user signed in by a single sign-on
 * plugin through `determine_current_user` has no WordPress login session, so nobody can say when
 * they authenticated: `max_age` then sends them to log in (or answers `login_required` with
 * `prompt=none`) instead of an ID token claiming "now", and without `max_age` the ID token
 * carries no `auth_time` at all. The test support plugin plays the SSO plugin.
 */
import {
	request as playwrightRequest,
	type APIRequestContext,
} from '@playwright/test';
import { test, expect, createProfileUser } from './support/fixtures';
import {
	authorizeWithoutBrowser,
	expectErrorRedirect,
	prepareAuthorization,
	signInWithoutConsent,
} from './support/applications';
import { asAdmin, createClient, type TestClient } from './support/provider';
import { baseUrl } from '../support/env';

let sso: APIRequestContext;
let testClient: TestClient;

test.beforeAll( async () => {
	const person = await createProfileUser();
	const marked = await asAdmin( ( session ) =>
		session.post( 'keystone-test/v1/user-meta', {
			user_id: person.id,
			key: 'keystone_test_sso',
			values: [ '1' ],
		} )
	);
	expect( marked.status(), await marked.text() ).toBe( 200 );
	sso = await playwrightRequest.newContext( {
		baseURL: baseUrl(),
		extraHTTPHeaders: { 'X-Keystone-Test-Sso-User': String( person.id ) },
	} );
	testClient = await createClient( { skip_consent: true } );
} );

test.afterAll( async () => {
	await sso.dispose();
} );

function expectLoginRedirect( location: string | undefined ): void {
	const url = new URL( location ?? '' );
	expect( url.pathname ).toBe( '/wp-login.php' );
	expect( url.searchParams.get( 'reauth' ) ).toBe( '1' );
}

test( 'the SSO user is signed in, and without max_age the ID token carries no auth_time', async () => {
	const tokens = await signInWithoutConsent( sso, testClient, 'openid' );
	const claims = tokens.claims();
	expect( typeof claims?.sub ).toBe( 'string' );
	expect( claims && 'auth_time' in claims, JSON.stringify( claims ) ).toBe(
		false
	);
} );

test( 'max_age with prompt=none → login_required, not a code with an invented auth_time', async () => {
	const prepared = await prepareAuthorization( testClient, 'openid', {
		max_age: '3600',
		prompt: 'none',
	} );
	expectErrorRedirect(
		await authorizeWithoutBrowser( sso, prepared ),
		testClient,
		prepared,
		'login_required'
	);
} );

test( 'max_age sends the SSO user to log in again', async () => {
	const prepared = await prepareAuthorization( testClient, 'openid', {
		max_age: '3600',
	} );
	const response = await authorizeWithoutBrowser( sso, prepared );
	expect( response.status() ).toBe( 302 );
	expectLoginRedirect( response.headers().location );
} );

test( 'prompt=login sends the SSO user to log in again', async () => {
	const prepared = await prepareAuthorization( testClient, 'openid', {
		prompt: 'login',
	} );
	const response = await authorizeWithoutBrowser( sso, prepared );
	expect( response.status() ).toBe( 302 );
	expectLoginRedirect( response.headers().location );
} );
