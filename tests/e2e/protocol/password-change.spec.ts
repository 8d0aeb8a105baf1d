/**
 * A password change or reset, and an administrator's "Log out everywhere", end every grant of the
 * user: the refresh token (an `offline_access` one too), access tokens at UserInfo, codes not yet
 * redeemed, and each client that got tokens hears of it over the back channel. Otherwise an
 * attacker who took over an account keeps its tokens after the victim resets the password.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext } from '@playwright/test';
import { test, expect, createProfileUser } from './support/fixtures';
import type { ProfileUser } from './support/fixtures';
import {
	authorizeCode,
	redeem,
	signedInContext,
	signIn,
	type Flow,
	type Tokens,
} from './support/flow';
import {
	expectChallenge,
	expectOAuthError,
	raw,
	type RawResponse,
} from './support/http';
import { verifyLogoutToken } from './support/jwt';
import {
	logOutEverywhere,
	startBackchannelReceiver,
	type BackchannelReceiver,
} from './support/logout';
import { asAdmin, createClient, type TestClient } from './support/provider';
import { baseUrl } from '../support/env';

interface Grants {
	testClient: TestClient;
	context: BrowserContext;
	tokens: Tokens;
	pendingCode: Flow;
	sid: string;
}

async function grantsOf(
	browser: Browser,
	person: ProfileUser,
	receiver: BackchannelReceiver
): Promise< Grants > {
	const testClient = await createClient( {
		scopes: [ 'openid', 'profile', 'offline_access' ],
		backchannel_logout_uri: receiver.uri,
	} );
	const context = await signedInContext( browser, person );
	const { tokens } = await signIn( context, testClient, {
		scope: 'openid profile offline_access',
	} );
	expect( tokens.scope?.split( ' ' ) ).toContain( 'offline_access' );
	const pendingCode = await authorizeCode( context, testClient, {
		scope: 'openid profile',
	} );
	const sid = tokens.claims()?.sid;
	expect( typeof sid ).toBe( 'string' );
	return { testClient, context, tokens, pendingCode, sid: sid as string };
}

/** Presents the grant's refresh token at the token endpoint. */
function refreshGrant( grants: Grants ): Promise< RawResponse > {
	return raw( 'token', {
		form: {
			grant_type: 'refresh_token',
			refresh_token: grants.tokens.refresh_token as string,
		},
		basic: {
			id: grants.testClient.client_id,
			secret: grants.testClient.client_secret as string,
		},
	} );
}

async function expectEverythingEnded(
	grants: Grants,
	receiver: BackchannelReceiver
): Promise< void > {
	const refresh = await refreshGrant( grants );
	expectOAuthError( refresh, 400, 'invalid_grant' );

	const userinfo = await raw( 'userinfo', {
		bearer: grants.tokens.access_token,
	} );
	expectChallenge( userinfo, 'invalid_token', 'Bearer' );

	const redemption = await redeem( grants.pendingCode ).then(
		() => null,
		( error: unknown ) => error as { status?: number; error?: string }
	);
	expect( redemption?.status ).toBe( 400 );
	expect( redemption?.error ).toBe( 'invalid_grant' );

	const delivery = await receiver.next();
	await verifyLogoutToken( delivery.logoutToken, {
		clientId: grants.testClient.client_id,
		sid: grants.sid,
	} );
}

async function expectStillLive( grants: Grants ): Promise< void > {
	const userinfo = await raw( 'userinfo', {
		bearer: grants.tokens.access_token,
	} );
	expect( userinfo.status, userinfo.text ).toBe( 200 );
}

function newPassword(): string {
	return `Np-${ randomBytes( 16 ).toString( 'hex' ) }!`;
}

test.describe( 'a changed password ends every grant of the user', () => {
	let receiver: BackchannelReceiver;
	let person: ProfileUser;
	let grants: Grants;

	test.beforeEach( async ( { browser } ) => {
		receiver = await startBackchannelReceiver();
		person = await createProfileUser();
		grants = await grantsOf( browser, person, receiver );
		await expectStillLive( grants );
	} );

	test.afterEach( async () => {
		await grants.context.close();
		await receiver.close();
	} );

	test( 'a password reset (reset_password → wp_set_password, after_password_reset)', async () => {
		const response = await asAdmin( ( session ) =>
			session.post( 'keystone-test/v1/reset-password', {
				user_id: person.id,
				password: newPassword(),
			} )
		);
		expect( response.status(), await response.text() ).toBe( 200 );
		await expectEverythingEnded( grants, receiver );
	} );

	test( 'an administrator setting a new password (profile_update)', async () => {
		const response = await asAdmin( ( session ) =>
			session.post( `wp/v2/users/${ person.id }`, {
				password: newPassword(),
			} )
		);
		expect( response.status(), await response.text() ).toBe( 200 );
		await expectEverythingEnded( grants, receiver );
	} );

	test( 'the user changing the password on the profile screen', async () => {
		const page = await grants.context.newPage();
		await page.goto( `${ baseUrl() }/wp-admin/profile.php` );
		await page.locator( 'button.wp-generate-pw' ).click();
		await page.locator( '#pass1' ).fill( newPassword() );
		await Promise.all( [
			page.waitForURL( /updated=1/ ),
			page.locator( '#submit' ).click(),
		] );
		await page.close();
		await expectEverythingEnded( grants, receiver );
	} );

	test( 'an administrator logging the user out everywhere (destroy_all)', async () => {
		await logOutEverywhere( person.id );
		await expectEverythingEnded( grants, receiver );
	} );
} );

test( 'a profile update that keeps the password ends nothing', async ( {
	browser,
} ) => {
	const receiver = await startBackchannelReceiver();
	const person = await createProfileUser();
	const grants = await grantsOf( browser, person, receiver );
	try {
		const response = await asAdmin( ( session ) =>
			session.post( `wp/v2/users/${ person.id }`, {
				first_name: 'Augusta',
			} )
		);
		expect( response.status(), await response.text() ).toBe( 200 );
		await expectStillLive( grants );
		const refresh = await refreshGrant( grants );
		expect( refresh.status, refresh.text ).toBe( 200 );
		expect( receiver.deliveries ).toHaveLength( 0 );
	} finally {
		await grants.context.close();
		await receiver.close();
	}
} );
