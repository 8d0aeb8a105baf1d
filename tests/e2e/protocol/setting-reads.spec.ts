/**
 * A protocol request asks the database for none of the plugin's settings one by one: the settings
 * an authorization, token or UserInfo request reads (lifetimes, e-mail trust, how long a consent is
 * remembered) are stored autoloaded, so WordPress loads them with its other options at boot. Only
 * the signing keys are read on their own, since private keys are never autoloaded. A missing
 * option would cost a query on every request (the bench counts them: issue 19).
 */
import { session } from '../rest/support';
import { activityStatements } from '../rest/activity-support';
import { test, expect } from './support/fixtures';
import { consent, signedInRequest } from './support/flow';
import {
	expectCodeRedirect,
	prepareAuthorization,
} from './support/applications';
import { raw } from './support/http';
import { createClient } from './support/provider';

const KEYS =
	"SELECT option_value FROM wp_options WHERE option_name = 'keystone_oidc_keys' LIMIT 1";

function optionReads( id: string ): Record< string, string > {
	return { 'X-Keystone-Test-Option-Reads': id };
}

test( 'authorize, both token grants and UserInfo read no setting of the plugin from the database, only the signing keys', async ( {
	signedIn,
	user,
} ) => {
	const id = `setting-reads-${ Date.now() }`;
	const testClient = await createClient();
	const scope = 'openid profile email offline_access';
	const first = await prepareAuthorization( testClient, scope, {
		prompt: 'consent',
	} );
	await consent( signedIn, first.url.href, testClient.redirectUri );

	// The consent is remembered now: this authorization answers with a code straight away.
	const context = await signedInRequest( user );
	const again = await prepareAuthorization( testClient, scope );
	const callbackUrl = expectCodeRedirect(
		await context.get( again.url.href, {
			maxRedirects: 0,
			headers: optionReads( id ),
		} ),
		testClient,
		again
	);
	await context.dispose();
	const basic = {
		id: testClient.client_id,
		secret: testClient.client_secret as string,
	};
	const code = await raw( 'token', {
		basic,
		headers: optionReads( id ),
		form: {
			grant_type: 'authorization_code',
			code: callbackUrl.searchParams.get( 'code' ) as string,
			redirect_uri: testClient.redirectUri,
			code_verifier: again.checks.pkceCodeVerifier as string,
		},
	} );
	expect( code.status, code.text ).toBe( 200 );
	const refreshed = await raw( 'token', {
		basic,
		headers: optionReads( id ),
		form: {
			grant_type: 'refresh_token',
			refresh_token: code.json.refresh_token as string,
		},
	} );
	expect( refreshed.status, refreshed.text ).toBe( 200 );
	const userinfo = await raw( 'userinfo', {
		bearer: refreshed.json.access_token as string,
		headers: optionReads( id ),
	} );
	expect( userinfo.status, userinfo.text ).toBe( 200 );

	const admin = await session();
	const reads = await activityStatements( admin, id );
	await admin.dispose();
	expect( reads ).toEqual( [ [], [ KEYS ], [ KEYS ], [ KEYS ] ] );
} );
