/**
 * UserInfo: the three ways RFC 6750 allows a token (never the query string), claims by scope, and
 * every token that must not work answered with 401 `invalid_token`.
 */
import { test, expect } from './support/fixtures';
import { client, signIn } from './support/flow';
import {
	expectChallenge,
	expectOAuthError,
	raw,
	type RawResponse,
} from './support/http';
import { ACCESS_TOKEN_LIFETIME, withTamperedPayload } from './support/jwt';
import { createClient, deleteClient } from './support/provider';

function expectClaims( response: RawResponse ): Record< string, unknown > {
	expect( response.status, response.text ).toBe( 200 );
	expect( response.headers.get( 'content-type' ) ).toMatch(
		/^application\/json/
	);
	return response.json;
}

test( 'UserInfo answers a Bearer header on GET and POST, and a form body on POST', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const { flow, tokens } = await signIn( signedIn, testClient, {
		scope: 'openid profile email',
	} );
	const token = tokens.access_token;
	const viaLibrary = await client.fetchUserInfo(
		flow.config,
		token,
		String( user.id )
	);
	const getBearer = expectClaims(
		await raw( 'userinfo', { bearer: token } )
	);
	const postBearer = expectClaims(
		await raw( 'userinfo', { method: 'POST', bearer: token } )
	);
	const postForm = expectClaims(
		await raw( 'userinfo', { form: { access_token: token } } )
	);
	expect( getBearer.sub ).toBe( String( user.id ) );
	expect( postBearer ).toEqual( getBearer );
	expect( postForm ).toEqual( getBearer );
	expect( viaLibrary ).toEqual( getBearer );
} );

test( 'a token in the query string is refused', async ( { signedIn } ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient );
	for ( const method of [ 'GET', 'POST' ] ) {
		const response = await raw( 'userinfo', {
			method,
			query: { access_token: tokens.access_token },
		} );
		expectChallenge( response, 'invalid_token', 'Bearer' );
		expect( response.json ).not.toHaveProperty( 'sub' );
	}
} );

test( 'a request with no token → 401 with a Bearer challenge', async () => {
	const response = await raw( 'userinfo' );
	expect( response.status ).toBe( 401 );
	expect( response.headers.get( 'www-authenticate' ) ?? '' ).toMatch(
		/^Bearer\b/
	);
	expect( response.headers.get( 'content-type' ) ?? '' ).not.toMatch(
		/html/
	);
} );

test( 'claims by scope: profile', async ( { signedIn, user } ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient, {
		scope: 'openid profile',
	} );
	const claims = expectClaims(
		await raw( 'userinfo', { bearer: tokens.access_token } )
	);
	expect( claims ).toMatchObject( {
		sub: String( user.id ),
		name: user.displayName,
		given_name: user.firstName,
		family_name: user.lastName,
		preferred_username: user.username,
		nickname: user.nickname,
		website: user.website,
	} );
	if ( 'updated_at' in claims ) {
		expect( typeof claims.updated_at ).toBe( 'number' );
	}
	expect( claims ).not.toHaveProperty( 'email' );
	expect( claims ).not.toHaveProperty( 'email_verified' );
} );

test( 'claims by scope: email, unverified by default', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient, {
		scope: 'openid email',
	} );
	const claims = expectClaims(
		await raw( 'userinfo', { bearer: tokens.access_token } )
	);
	expect( claims.sub ).toBe( String( user.id ) );
	expect( claims.email ).toBe( user.email );
	expect( claims.email_verified ).toBe( false );
	for ( const profileClaim of [
		'name',
		'given_name',
		'family_name',
		'preferred_username',
		'nickname',
	] ) {
		expect( claims ).not.toHaveProperty( profileClaim );
	}
} );

test( 'claims by scope: openid alone gives only sub', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient, {
		scope: 'openid',
	} );
	const claims = expectClaims(
		await raw( 'userinfo', { bearer: tokens.access_token } )
	);
	expect( claims ).toEqual( { sub: String( user.id ) } );
} );

test.describe( 'tokens that must not work → 401 invalid_token', () => {
	test( 'a made-up token', async () => {
		expectChallenge(
			await raw( 'userinfo', { bearer: 'not-a-token' } ),
			'invalid_token',
			'Bearer'
		);
	} );

	test( 'an access token with a tampered payload', async ( { signedIn } ) => {
		const testClient = await createClient();
		const { tokens } = await signIn( signedIn, testClient );
		const forged = withTamperedPayload( tokens.access_token, { sub: '1' } );
		expectChallenge(
			await raw( 'userinfo', { bearer: forged } ),
			'invalid_token',
			'Bearer'
		);
	} );

	test( 'an access token one hour and a minute old', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient();
		const { tokens } = await signIn( signedIn, testClient );
		expect(
			( await raw( 'userinfo', { bearer: tokens.access_token } ) ).status
		).toBe( 200 );
		expectChallenge(
			await raw( 'userinfo', {
				bearer: tokens.access_token,
				clockOffset: ACCESS_TOKEN_LIFETIME + 60,
			} ),
			'invalid_token',
			'Bearer'
		);
	} );

	test( 'an ID token presented as an access token', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient();
		const { tokens } = await signIn( signedIn, testClient );
		expectChallenge(
			await raw( 'userinfo', { bearer: tokens.id_token as string } ),
			'invalid_token',
			'Bearer'
		);
	} );

	test( 'a refresh token presented as an access token', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient();
		const { tokens } = await signIn( signedIn, testClient );
		expectChallenge(
			await raw( 'userinfo', {
				bearer: tokens.refresh_token as string,
			} ),
			'invalid_token',
			'Bearer'
		);
	} );

	test( 'a token of a client that was deleted', async ( { signedIn } ) => {
		const testClient = await createClient();
		const { tokens } = await signIn( signedIn, testClient );
		expect(
			( await raw( 'userinfo', { bearer: tokens.access_token } ) ).status
		).toBe( 200 );
		await deleteClient( testClient.client_id );
		expectChallenge(
			await raw( 'userinfo', { bearer: tokens.access_token } ),
			'invalid_token',
			'Bearer'
		);
		const refresh = await raw( 'token', {
			form: {
				grant_type: 'refresh_token',
				refresh_token: tokens.refresh_token as string,
			},
			basic: {
				id: testClient.client_id,
				secret: testClient.client_secret as string,
			},
		} );
		expect( refresh.status ).toBe( 401 );
		expect( refresh.json.error ).toBe( 'invalid_client' );
	} );
} );

test( 'a token sent two ways at once → 400 invalid_request', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient );
	expectOAuthError(
		await raw( 'userinfo', {
			bearer: tokens.access_token,
			form: { access_token: tokens.access_token },
		} ),
		400,
		'invalid_request'
	);
} );

test( 'malformed Authorization headers → 401, never a 500', async () => {
	for ( const authorization of [
		'Bearer',
		'Bearer ',
		'Basic dXNlcjpwYXNz',
		'Bearer a b',
		`Bearer ${ 'x'.repeat( 20000 ) }`,
		'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.',
	] ) {
		const response = await raw( 'userinfo', {
			headers: { Authorization: authorization },
		} );
		expect( response.status, authorization.slice( 0, 40 ) ).toBe( 401 );
		expect( response.headers.get( 'www-authenticate' ) ?? '' ).toMatch(
			/^Bearer\b/
		);
		expect( response.headers.get( 'content-type' ) ).toMatch(
			/^application\/json/
		);
	}
} );
