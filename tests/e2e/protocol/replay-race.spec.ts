/**
 * Concurrent replays against the real database: exactly one redemption or rotation wins, and the
 * tokens it issued are revoked by the replays that lost, however the requests interleave (the
 * grant's transaction holds the row lock until COMMIT, and the winner reads its code or refresh
 * token again after storing its tokens; the scale-out suite holds the same on a Galera cluster).
 */
import { test, expect } from './support/fixtures';
import { authorizeCode, signIn } from './support/flow';
import { expectChallenge, expectOAuthError, raw } from './support/http';
import { createClient, type TestClient } from './support/provider';

function basic( testClient: TestClient ) {
	return {
		id: testClient.client_id,
		secret: testClient.client_secret as string,
	};
}

/**
 * Sends the same grant `times` times at once: exactly one answers 200, every other one
 * `invalid_grant`, and the winner's access and refresh tokens are revoked by the losers.
 */
async function expectOneWinnerRevoked(
	testClient: TestClient,
	form: Record< string, string >,
	times: number
) {
	const responses = await Promise.all(
		Array.from( { length: times }, () =>
			raw( 'token', { form, basic: basic( testClient ) } )
		)
	);
	const winners = responses.filter( ( response ) => response.status === 200 );
	expect( winners ).toHaveLength( 1 );
	for ( const response of responses ) {
		if ( response.status !== 200 ) {
			expectOAuthError( response, 400, 'invalid_grant' );
		}
	}
	const won = winners[ 0 ]!.json;
	expectChallenge(
		await raw( 'userinfo', { bearer: won.access_token as string } ),
		'invalid_token',
		'Bearer'
	);
	expectOAuthError(
		await raw( 'token', {
			form: {
				grant_type: 'refresh_token',
				refresh_token: won.refresh_token as string,
			},
			basic: basic( testClient ),
		} ),
		400,
		'invalid_grant'
	);
}

test( 'twenty concurrent redemptions of one code: one wins, and its tokens end up revoked', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const flow = await authorizeCode( signedIn, testClient );
	await expectOneWinnerRevoked(
		testClient,
		{
			grant_type: 'authorization_code',
			code: flow.code,
			redirect_uri: testClient.redirectUri,
			code_verifier: flow.codeVerifier as string,
		},
		20
	);
} );

test( 'ten concurrent rotations of one refresh token: one wins, and its tokens end up revoked', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient, {
		scope: 'openid profile email',
	} );
	await expectOneWinnerRevoked(
		testClient,
		{
			grant_type: 'refresh_token',
			refresh_token: tokens.refresh_token as string,
		},
		10
	);
} );
