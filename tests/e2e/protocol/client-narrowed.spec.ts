/**
 * An administrator narrowing a client acts on the grants it already has: a scope removed from the
 * client is no longer refreshed or answered at UserInfo, however the grant was issued. (Audiences
 * and roles taken away are covered in resource.spec.ts and roles.spec.ts.)
 */
import { test, expect } from './support/fixtures';
import { signIn } from './support/flow';
import { expectOAuthError, raw } from './support/http';
import { scopeSet, verifyAccessToken, verifyIdToken } from './support/jwt';
import {
	createClient,
	updateClient,
	type TestClient,
} from './support/provider';

function refresh(
	testClient: TestClient,
	refreshToken: string,
	extra: Record< string, string > = {}
) {
	return raw( 'token', {
		form: {
			grant_type: 'refresh_token',
			refresh_token: refreshToken,
			...extra,
		},
		basic: {
			id: testClient.client_id,
			secret: testClient.client_secret as string,
		},
	} );
}

test( 'a scope removed from the client is gone at UserInfo and at the next refresh of grants already issued', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient( {
		scopes: [ 'openid', 'profile', 'email' ],
	} );
	const { tokens } = await signIn( signedIn, testClient, {
		scope: 'openid profile email',
	} );
	expect( scopeSet( tokens.scope ) ).toEqual( [
		'email',
		'openid',
		'profile',
	] );
	const before = await raw( 'userinfo', { bearer: tokens.access_token } );
	expect( before.status, before.text ).toBe( 200 );
	expect( before.json.email ).toBe( user.email );

	await updateClient( testClient.client_id, {
		scopes: [ 'openid', 'profile' ],
	} );

	const after = await raw( 'userinfo', { bearer: tokens.access_token } );
	expect( after.status, after.text ).toBe( 200 );
	expect( after.json.sub ).toBe( String( user.id ) );
	expect( after.json.name ).toBe( user.displayName );
	expect( 'email' in after.json, after.text ).toBe( false );

	const asked = await refresh( testClient, tokens.refresh_token as string, {
		scope: 'openid email',
	} );
	expectOAuthError( asked, 400, 'invalid_scope' );

	const refreshed = await refresh(
		testClient,
		tokens.refresh_token as string
	);
	expect( refreshed.status, refreshed.text ).toBe( 200 );
	expect( scopeSet( refreshed.json.scope as string ) ).toEqual( [
		'openid',
		'profile',
	] );
	const accessToken = refreshed.json.access_token as string;
	await verifyAccessToken( accessToken, {
		clientId: testClient.client_id,
		userId: user.id,
		scope: 'openid profile',
	} );
	const idClaims = await verifyIdToken( refreshed.json.id_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		accessToken,
		refreshed: true,
	} );
	expect( 'email' in idClaims ).toBe( false );

	// The scope given back to the client later does not revive it in the narrowed grant.
	await updateClient( testClient.client_id, {
		scopes: [ 'openid', 'profile', 'email' ],
	} );
	const again = await refresh(
		testClient,
		refreshed.json.refresh_token as string
	);
	expect( again.status, again.text ).toBe( 200 );
	expect( scopeSet( again.json.scope as string ) ).toEqual( [
		'openid',
		'profile',
	] );
} );
