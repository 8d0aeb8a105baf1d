/**
 * The current user's connected applications: `GET /me/applications` lists the clients they
 * allowed, `DELETE /me/applications/{client_id}` ends that consent and revokes every code and
 * token the user holds for that client, and nothing else. Only the signed-in user's own data.
 */
import {
	request as playwrightRequest,
	type BrowserContext,
} from '@playwright/test';
import { baseUrl } from '../support/env';
import type { RestSession } from '../support/wp';
import {
	test,
	expect,
	createProfileUser,
	type ProfileUser,
} from '../protocol/support/fixtures';
import {
	authorizeCode,
	signIn,
	signedInContext,
	type Tokens,
} from '../protocol/support/flow';
import {
	expectChallenge,
	expectOAuthError,
	raw,
} from '../protocol/support/http';
import {
	APPLICATIONS,
	applicationRoute,
	listApplications,
	revokeApplication,
} from '../protocol/support/applications';
import {
	createClient,
	deleteClient,
	type TestClient,
} from '../protocol/support/provider';
import { expectError, session } from './support';

function basic( testClient: TestClient ) {
	return {
		id: testClient.client_id,
		secret: testClient.client_secret as string,
	};
}

async function expectTokensWork( tokens: Tokens ): Promise< void > {
	const userinfo = await raw( 'userinfo', { bearer: tokens.access_token } );
	expect( userinfo.status, userinfo.text ).toBe( 200 );
}

async function expectTokensRevoked(
	testClient: TestClient,
	tokens: Tokens
): Promise< void > {
	expectChallenge(
		await raw( 'userinfo', { bearer: tokens.access_token } ),
		'invalid_token',
		'Bearer'
	);
	expect( typeof tokens.refresh_token ).toBe( 'string' );
	expectOAuthError(
		await raw( 'token', {
			form: {
				grant_type: 'refresh_token',
				refresh_token: tokens.refresh_token as string,
			},
			basic: basic( testClient ),
		} ),
		400,
		'invalid_grant'
	);
}

let me: RestSession;

test.beforeEach( async ( { user } ) => {
	me = await session( user.username, user.password );
} );

test.afterEach( async () => {
	await me?.dispose();
} );

test( 'GET lists the applications the user allowed: name, scopes in words, when', async ( {
	signedIn,
} ) => {
	const before = Date.now();
	const wiki = await createClient( { name: 'Team Wiki' } );
	const chat = await createClient( { name: 'Chat <b>& Co</b>' } );
	const untouched = await createClient( { name: 'Never allowed' } );
	await signIn( signedIn, wiki, { scope: 'openid profile email' } );
	await signIn( signedIn, chat, { scope: 'openid' } );

	const response = await me.get( APPLICATIONS );
	expect( response.status() ).toBe( 200 );
	expect( response.headers()[ 'cache-control' ] ).toContain( 'no-store' );
	const listed = await listApplications( me );
	const byId = new Map(
		listed.map( ( application ) => [ application.client_id, application ] )
	);
	expect( byId.has( untouched.client_id ) ).toBe( false );

	const wikiEntry = byId.get( wiki.client_id );
	expect( wikiEntry?.name ).toBe( 'Team Wiki' );
	expect( [ ...( wikiEntry?.scopes ?? [] ) ].sort() ).toEqual( [
		'email',
		'openid',
		'profile',
	] );
	expect( wikiEntry?.scope_descriptions ).toContainEqual( {
		scope: 'email',
		description: 'Your email address',
	} );
	const allowedAt = Date.parse( wikiEntry?.created_at ?? '' );
	expect( wikiEntry?.created_at ).toMatch( /Z$/ );
	expect( allowedAt ).toBeGreaterThanOrEqual(
		Math.floor( before / 1000 ) * 1000 - 60_000
	);
	expect( allowedAt ).toBeLessThanOrEqual( Date.now() + 60_000 );

	// The name is data, returned as registered; the screen escapes it.
	expect( byId.get( chat.client_id )?.name ).toBe( 'Chat <b>& Co</b>' );
	expect( byId.get( chat.client_id )?.scopes ).toEqual( [ 'openid' ] );
} );

test( "DELETE ends the consent and revokes that client's codes and tokens for this user only", async ( {
	browser,
	signedIn,
} ) => {
	const revoked = await createClient( { name: 'Revoked app' } );
	const kept = await createClient( { name: 'Kept app' } );
	const first = await signIn( signedIn, revoked );
	const second = await signIn( signedIn, revoked );
	const unredeemed = await authorizeCode( signedIn, revoked );
	const otherClient = await signIn( signedIn, kept );

	const other: ProfileUser = await createProfileUser();
	const otherContext: BrowserContext = await signedInContext(
		browser,
		other
	);
	const otherUser = await signIn( otherContext, revoked );
	await otherContext.close();

	await revokeApplication( me, revoked.client_id );

	await expectTokensRevoked( revoked, first.tokens );
	await expectTokensRevoked( revoked, second.tokens );
	expectOAuthError(
		await raw( 'token', {
			form: {
				grant_type: 'authorization_code',
				code: unredeemed.code,
				redirect_uri: unredeemed.redirectUri,
				code_verifier: unredeemed.codeVerifier as string,
			},
			basic: basic( revoked ),
		} ),
		400,
		'invalid_grant'
	);
	await expectTokensWork( otherClient.tokens );
	await expectTokensWork( otherUser.tokens );

	const listed = ( await listApplications( me ) ).map(
		( application ) => application.client_id
	);
	expect( listed ).not.toContain( revoked.client_id );
	expect( listed ).toContain( kept.client_id );

	await expectError(
		await me.delete( applicationRoute( revoked.client_id ) ),
		404,
		'keystone_oidc_not_found'
	);
} );

test( "user A cannot see or revoke user B's consent", async ( {
	browser,
	signedIn,
} ) => {
	const testClient = await createClient();
	const userB = await createProfileUser();
	const contextB = await signedInContext( browser, userB );
	const tokensB = ( await signIn( contextB, testClient ) ).tokens;
	await contextB.close();
	// A allowed another client, so A's list is not empty for a trivial reason.
	const own = await createClient();
	await signIn( signedIn, own );

	const listedForA = ( await listApplications( me ) ).map(
		( application ) => application.client_id
	);
	expect( listedForA ).toContain( own.client_id );
	expect( listedForA ).not.toContain( testClient.client_id );

	const attempt = await expectError(
		await me.delete( applicationRoute( testClient.client_id ) ),
		404,
		'keystone_oidc_not_found'
	);
	expect( typeof attempt.message ).toBe( 'string' );
	// Query parameters cannot name another user either.
	await expectError(
		await me.delete(
			`${ applicationRoute( testClient.client_id ) }?user_id=${
				userB.id
			}`
		),
		404,
		'keystone_oidc_not_found'
	);

	await expectTokensWork( tokensB );
	const sessionB = await session( userB.username, userB.password );
	const listedForB = ( await listApplications( sessionB ) ).map(
		( application ) => application.client_id
	);
	await sessionB.dispose();
	expect( listedForB ).toContain( testClient.client_id );
} );

test( 'an unknown client_id, and one that differs only in case → 404 keystone_oidc_not_found', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	await signIn( signedIn, testClient );
	await expectError(
		await me.delete( applicationRoute( 'no-such-client' ) ),
		404,
		'keystone_oidc_not_found'
	);
	await expectError(
		await me.delete(
			applicationRoute( testClient.client_id.toUpperCase() )
		),
		404,
		'keystone_oidc_not_found'
	);
	const listed = ( await listApplications( me ) ).map(
		( application ) => application.client_id
	);
	expect( listed ).toContain( testClient.client_id );
} );

test( 'deleting a client deletes the consents users gave it', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	await signIn( signedIn, testClient );
	await deleteClient( testClient.client_id );
	const listed = ( await listApplications( me ) ).map(
		( application ) => application.client_id
	);
	expect( listed ).not.toContain( testClient.client_id );
	// The consent row itself is gone, not only hidden from the list.
	await expectError(
		await me.delete( applicationRoute( testClient.client_id ) ),
		404,
		'keystone_oidc_not_found'
	);
} );

test( 'signed out → 401 keystone_oidc_not_logged_in; a cookie without the REST nonce counts as signed out', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	await signIn( signedIn, testClient );
	const anonymous = await playwrightRequest.newContext( {
		baseURL: baseUrl(),
	} );
	await expectError(
		await anonymous.get( `/wp-json/${ APPLICATIONS }` ),
		401,
		'keystone_oidc_not_logged_in'
	);
	await expectError(
		await anonymous.delete(
			`/wp-json/${ applicationRoute( testClient.client_id ) }`
		),
		401,
		'keystone_oidc_not_logged_in'
	);
	await anonymous.dispose();

	// Cookies alone (a cross-site request) carry no nonce: WordPress treats them as no user.
	await expectError(
		await me.request.delete(
			`/wp-json/${ applicationRoute( testClient.client_id ) }`
		),
		401,
		'keystone_oidc_not_logged_in'
	);
	const listed = ( await listApplications( me ) ).map(
		( application ) => application.client_id
	);
	expect( listed ).toContain( testClient.client_id );
} );
