/**
 * Token revocation (RFC 7009): a refresh token ends its whole family, an access token ends alone,
 * a token of another client is left alone, and every token the endpoint will not act on is still
 * answered 200 with an empty body (§2.2). The client authenticates as at the token endpoint.
 */
import { test, expect } from './support/fixtures';
import { client, discover, signIn, type Tokens } from './support/flow';
import {
	credentials,
	expectChallenge,
	expectOAuthError,
	raw,
	type RawResponse,
} from './support/http';
import { ACCESS_TOKEN_LIFETIME, withTamperedPayload } from './support/jwt';
import { createClient, endpoint, type TestClient } from './support/provider';

function refreshTokenOf( tokens: Tokens ): string {
	expect( typeof tokens.refresh_token ).toBe( 'string' );
	return tokens.refresh_token as string;
}

function refresh( testClient: TestClient, refreshToken: string ) {
	return raw( 'token', {
		form: { grant_type: 'refresh_token', refresh_token: refreshToken },
		basic: credentials( testClient ),
	} );
}

function revoke(
	testClient: TestClient,
	form: Record< string, string > | Array< [ string, string ] >
) {
	return raw( 'revocation', { form, basic: credentials( testClient ) } );
}

function expectRevocationAnswer( response: RawResponse ): void {
	expect( response.status, response.text ).toBe( 200 );
	expect( response.text ).toBe( '' );
	expect(
		response.headers.get( 'content-type' ),
		'no type for no body'
	).toBeNull();
	expect( response.headers.get( 'cache-control' ) ).toContain( 'no-store' );
}

async function expectUserinfoAccepts( accessToken: string ): Promise< void > {
	const response = await raw( 'userinfo', { bearer: accessToken } );
	expect( response.status, response.text ).toBe( 200 );
}

async function expectUserinfoRejects( accessToken: string ): Promise< void > {
	expectChallenge(
		await raw( 'userinfo', { bearer: accessToken } ),
		'invalid_token',
		'Bearer'
	);
}

test( 'discovery announces the revocation endpoint and its client authentication methods', async () => {
	const doc = ( await raw( 'discovery' ) ).json;
	expect( doc.revocation_endpoint ).toBe( endpoint( 'revocation' ) );
	expect( doc.revocation_endpoint_auth_methods_supported ).toEqual( [
		'client_secret_basic',
		'client_secret_post',
		'private_key_jwt',
		'none',
	] );
} );

test( 'revoking a refresh token ends its whole family: refresh and every access token', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { flow, tokens } = await signIn( signedIn, testClient );
	const refreshed = await client.refreshTokenGrant(
		flow.config,
		refreshTokenOf( tokens )
	);
	const current = refreshTokenOf( refreshed );
	await expectUserinfoAccepts( refreshed.access_token );

	await client.tokenRevocation( flow.config, current, {
		token_type_hint: 'refresh_token',
	} );

	const failure = await client.refreshTokenGrant( flow.config, current ).then(
		() => null,
		( error: unknown ) => error
	);
	expect( failure ).toBeInstanceOf( client.ResponseBodyError );
	expect( ( failure as client.ResponseBodyError ).status ).toBe( 400 );
	expect( ( failure as client.ResponseBodyError ).error ).toBe(
		'invalid_grant'
	);
	for ( const accessToken of [
		tokens.access_token,
		refreshed.access_token,
	] ) {
		await expectUserinfoRejects( accessToken );
		expect(
			await client.tokenIntrospection( flow.config, accessToken )
		).toEqual( { active: false } );
	}
} );

test( 'revoking an access token makes UserInfo reject it and leaves its refresh token working', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { flow, tokens } = await signIn( signedIn, testClient );
	await expectUserinfoAccepts( tokens.access_token );

	await client.tokenRevocation( flow.config, tokens.access_token, {
		token_type_hint: 'access_token',
	} );

	await expectUserinfoRejects( tokens.access_token );
	const refreshed = await client.refreshTokenGrant(
		flow.config,
		refreshTokenOf( tokens )
	);
	await expectUserinfoAccepts( refreshed.access_token );
} );

test( 'the answer is an empty 200 that no cache keeps, also at the slashed path', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient );
	const response = await raw( 'revocation', {
		form: { token: tokens.access_token },
		basic: credentials( testClient ),
		suffix: '/',
	} );
	expectRevocationAnswer( response );
	expect( response.headers.get( 'pragma' ) ).toBe( 'no-cache' );
	await expectUserinfoRejects( tokens.access_token );
} );

test( 'a wrong or unknown token_type_hint is ignored: the token is found anyway', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const first = await signIn( signedIn, testClient );
	expectRevocationAnswer(
		await revoke( testClient, {
			token: refreshTokenOf( first.tokens ),
			token_type_hint: 'access_token',
		} )
	);
	expectOAuthError(
		await refresh( testClient, refreshTokenOf( first.tokens ) ),
		400,
		'invalid_grant'
	);
	await expectUserinfoRejects( first.tokens.access_token );

	const second = await signIn( signedIn, testClient );
	expectRevocationAnswer(
		await revoke( testClient, {
			token: second.tokens.access_token,
			token_type_hint: 'refresh_token',
		} )
	);
	await expectUserinfoRejects( second.tokens.access_token );

	const third = await signIn( signedIn, testClient );
	expectRevocationAnswer(
		await revoke( testClient, {
			token: refreshTokenOf( third.tokens ),
			token_type_hint: 'id_token',
		} )
	);
	expectOAuthError(
		await refresh( testClient, refreshTokenOf( third.tokens ) ),
		400,
		'invalid_grant'
	);
} );

test( 'revoking a rotated refresh token still ends the family', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { flow, tokens } = await signIn( signedIn, testClient );
	const refreshed = await client.refreshTokenGrant(
		flow.config,
		refreshTokenOf( tokens )
	);
	expectRevocationAnswer(
		await revoke( testClient, { token: refreshTokenOf( tokens ) } )
	);
	expectOAuthError(
		await refresh( testClient, refreshTokenOf( refreshed ) ),
		400,
		'invalid_grant'
	);
	await expectUserinfoRejects( refreshed.access_token );
} );

test( 'a public client revokes with its client_id alone', async ( {
	signedIn,
} ) => {
	const testClient = await createClient( { type: 'public' } );
	const { tokens } = await signIn( signedIn, testClient );
	const config = await discover( testClient, 'none' );
	await client.tokenRevocation( config, refreshTokenOf( tokens ) );
	const failure = await client
		.refreshTokenGrant( config, refreshTokenOf( tokens ) )
		.then(
			() => null,
			( error: unknown ) => error
		);
	expect( ( failure as client.ResponseBodyError ).error ).toBe(
		'invalid_grant'
	);
	await expectUserinfoRejects( tokens.access_token );
} );

test( 'client_secret_post authenticates the revocation too', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient );
	expectRevocationAnswer(
		await raw( 'revocation', {
			form: {
				token: tokens.access_token,
				client_id: testClient.client_id,
				client_secret: testClient.client_secret as string,
			},
		} )
	);
	await expectUserinfoRejects( tokens.access_token );
} );

test( "another client's tokens are not revoked, and the answer is still 200", async ( {
	signedIn,
} ) => {
	const owner = await createClient();
	const other = await createClient();
	const publicOther = await createClient( { type: 'public' } );
	const { tokens } = await signIn( signedIn, owner );
	for ( const token of [ tokens.access_token, refreshTokenOf( tokens ) ] ) {
		expectRevocationAnswer( await revoke( other, { token } ) );
		expectRevocationAnswer(
			await raw( 'revocation', {
				form: { token, client_id: publicOther.client_id },
			} )
		);
	}
	await expectUserinfoAccepts( tokens.access_token );
	const refreshed = await refresh( owner, refreshTokenOf( tokens ) );
	expect( refreshed.status, refreshed.text ).toBe( 200 );
} );

test( 'unknown, forged, expired and already revoked tokens → 200 with an empty body', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient );
	const forged = withTamperedPayload( tokens.access_token, {
		scope: 'openid admin',
	} );
	for ( const token of [
		'made-up-token',
		forged,
		tokens.id_token as string,
		'x'.repeat( 5000 ),
	] ) {
		expectRevocationAnswer( await revoke( testClient, { token } ) );
	}
	await expectUserinfoAccepts( tokens.access_token );

	expectRevocationAnswer(
		await raw( 'revocation', {
			form: { token: tokens.access_token },
			basic: credentials( testClient ),
			clockOffset: ACCESS_TOKEN_LIFETIME + 60,
		} )
	);
	for ( let round = 0; round < 2; round++ ) {
		expectRevocationAnswer(
			await revoke( testClient, { token: refreshTokenOf( tokens ) } )
		);
	}
	await expectUserinfoRejects( tokens.access_token );
} );

test.describe( 'failing requests', () => {
	test( 'a missing token → 400 invalid_request', async () => {
		const testClient = await createClient();
		expectOAuthError(
			await revoke( testClient, { token_type_hint: 'access_token' } ),
			400,
			'invalid_request'
		);
		expectOAuthError(
			await revoke( testClient, { token: '' } ),
			400,
			'invalid_request'
		);
	} );

	test( 'a repeated or array parameter → 400 invalid_request, and nothing is revoked', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient();
		const { tokens } = await signIn( signedIn, testClient );
		const bodies: Array< Array< [ string, string ] > > = [
			[
				[ 'token', tokens.access_token ],
				[ 'token', refreshTokenOf( tokens ) ],
			],
			[
				[ 'token', tokens.access_token ],
				[ 'token_type_hint', 'access_token' ],
				[ 'token_type_hint', 'refresh_token' ],
			],
			[ [ 'token[]', tokens.access_token ] ],
		];
		for ( const form of bodies ) {
			expectOAuthError(
				await revoke( testClient, form ),
				400,
				'invalid_request'
			);
		}
		await expectUserinfoAccepts( tokens.access_token );
	} );

	test( 'a body that is not a form → 400 invalid_request', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient();
		const { tokens } = await signIn( signedIn, testClient );
		const bodies: Array< [ string, string ] > = [
			[
				'application/json',
				JSON.stringify( { token: tokens.access_token } ),
			],
			[ 'text/plain', `token=${ tokens.access_token }` ],
		];
		for ( const [ type, body ] of bodies ) {
			expectOAuthError(
				await raw( 'revocation', {
					method: 'POST',
					headers: { 'Content-Type': type },
					body,
					basic: credentials( testClient ),
				} ),
				400,
				'invalid_request'
			);
		}
		await expectUserinfoAccepts( tokens.access_token );
	} );

	test( 'GET, PUT and DELETE → 405 invalid_request with Allow: POST', async () => {
		for ( const method of [ 'GET', 'PUT', 'DELETE' ] ) {
			for ( const suffix of [ '', '/' ] ) {
				const response = await raw( 'revocation', { method, suffix } );
				expectOAuthError( response, 405, 'invalid_request' );
				expect( response.headers.get( 'allow' ) ).toBe( 'POST' );
			}
		}
	} );

	test( 'a confidential client without its secret → 401 invalid_client, and nothing is revoked', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient();
		const { tokens } = await signIn( signedIn, testClient );
		expectChallenge(
			await raw( 'revocation', {
				form: {
					token: tokens.access_token,
					client_id: testClient.client_id,
				},
			} ),
			'invalid_client'
		);
		await expectUserinfoAccepts( tokens.access_token );
	} );

	test( 'a wrong secret → 401 invalid_client, and nothing is revoked', async ( {
		signedIn,
	} ) => {
		const testClient = await createClient();
		const { tokens } = await signIn( signedIn, testClient );
		expectChallenge(
			await raw( 'revocation', {
				form: { token: refreshTokenOf( tokens ) },
				basic: credentials( testClient, 'not-the-secret' ),
			} ),
			'invalid_client',
			'Basic'
		);
		expectChallenge(
			await raw( 'revocation', {
				form: {
					token: refreshTokenOf( tokens ),
					client_id: testClient.client_id,
					client_secret: `${ testClient.client_secret }x`,
				},
			} ),
			'invalid_client'
		);
		const refreshed = await refresh( testClient, refreshTokenOf( tokens ) );
		expect( refreshed.status, refreshed.text ).toBe( 200 );
	} );

	test( 'no client at all, or an unknown one → 401 invalid_client', async () => {
		expectChallenge(
			await raw( 'revocation', { form: { token: 'anything' } } ),
			'invalid_client'
		);
		expectChallenge(
			await raw( 'revocation', {
				form: { token: 'anything' },
				basic: { id: 'no-such-client', secret: 'nothing' },
			} ),
			'invalid_client',
			'Basic'
		);
		expectChallenge(
			await raw( 'revocation', {
				form: { token: 'anything', client_id: 'no-such-client' },
			} ),
			'invalid_client'
		);
	} );
} );
