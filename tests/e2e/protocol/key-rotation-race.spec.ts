/**
 * The key set is one option that every rotation reads, changes and writes back. Two rotations at
 * once must not lose each other's keys: a key that was ever current may have signed a token, and
 * must stay published until that token expires. Rotations race here with token requests.
 */
import { test, expect } from './support/fixtures';
import { signInWithoutConsent } from './support/applications';
import { raw } from './support/http';
import { verifyAccessToken, verifyIdToken } from './support/jwt';
import { asAdmin, createClient } from './support/provider';

const PARALLEL = 6;

test( 'concurrent rotations and token requests: every returned kid stays published and every token verifies', async ( {
	signedIn,
	user,
} ) => {
	test.setTimeout( 180_000 );
	const testClient = await createClient( { skip_consent: true } );
	const refreshTokens: string[] = [];
	for ( let i = 0; i < PARALLEL; i++ ) {
		const tokens = await signInWithoutConsent(
			signedIn.request,
			testClient,
			'openid'
		);
		refreshTokens.push( tokens.refresh_token as string );
	}

	const rotations = Array.from( { length: PARALLEL }, () =>
		asAdmin( ( session ) => session.post( 'keystone-oidc/v1/keys/rotate' ) )
	);
	const refreshes = refreshTokens.map( ( refreshToken ) =>
		raw( 'token', {
			form: { grant_type: 'refresh_token', refresh_token: refreshToken },
			basic: {
				id: testClient.client_id,
				secret: testClient.client_secret as string,
			},
		} )
	);
	const [ rotated, refreshed ] = await Promise.all( [
		Promise.all( rotations ),
		Promise.all( refreshes ),
	] );

	const kids: string[] = [];
	for ( const response of rotated ) {
		expect( response.status(), await response.text() ).toBe( 200 );
		kids.push( ( ( await response.json() ) as { kid: string } ).kid );
	}
	expect( new Set( kids ).size ).toBe( PARALLEL );

	const jwksResponse = await raw( 'jwks' );
	expect( jwksResponse.status ).toBe( 200 );
	const jwks = jwksResponse.json as unknown as {
		keys: { kid: string }[];
	};
	const published = jwks.keys.map( ( key ) => key.kid );
	for ( const kid of kids ) {
		expect( published, `rotated kid ${ kid } is published` ).toContain(
			kid
		);
	}

	for ( const response of refreshed ) {
		expect( response.status, response.text ).toBe( 200 );
		const accessToken = response.json.access_token as string;
		await verifyIdToken( response.json.id_token as string, {
			clientId: testClient.client_id,
			userId: user.id,
			accessToken,
			refreshed: true,
		} );
		await verifyAccessToken( accessToken, {
			clientId: testClient.client_id,
			userId: user.id,
			scope: 'openid',
		} );
	}
} );
