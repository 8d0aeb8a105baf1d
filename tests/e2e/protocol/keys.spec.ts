/**
 * The JWKS and key rotation: only public keys, each with kid/use/alg; a rotation publishes the new
 * key beside the old one, so tokens signed before it still verify and still work.
 */
import { decodeProtectedHeader } from 'jose';
import { test, expect } from './support/fixtures';
import { signIn } from './support/flow';
import { raw } from './support/http';
import { fetchJwks, verifyAccessToken, verifyIdToken } from './support/jwt';
import {
	asAdmin,
	createClient,
	rotateKeys,
	settings,
} from './support/provider';

const PRIVATE_MEMBERS = [ 'd', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k' ];

test( 'the JWKS publishes public signing keys only, each with kid, use and alg', async () => {
	const response = await raw( 'jwks' );
	expect( response.status ).toBe( 200 );
	expect( response.headers.get( 'content-type' ) ).toMatch(
		/^application\/(jwk-set\+)?json/
	);
	const keys = await fetchJwks();
	expect( keys.length ).toBeGreaterThan( 0 );
	const kids = new Set< string >();
	for ( const key of keys ) {
		expect( typeof key.kid ).toBe( 'string' );
		expect( key.use ).toBe( 'sig' );
		expect( typeof key.alg ).toBe( 'string' );
		kids.add( key.kid as string );
		for ( const member of PRIVATE_MEMBERS ) {
			expect( key, `${ key.kid } leaks ${ member }` ).not.toHaveProperty(
				member
			);
		}
		if ( key.alg === 'RS256' ) {
			expect( key.kty ).toBe( 'RSA' );
			expect( key.e ).toBe( 'AQAB' );
			const modulus = Buffer.from( key.n as string, 'base64url' );
			expect( modulus.length * 8 ).toBeGreaterThanOrEqual( 2048 );
		}
	}
	expect( kids.size, 'kids are unique' ).toBe( keys.length );
	expect(
		keys.some( ( key ) => key.alg === 'RS256' ),
		'an RS256 key'
	).toBe( true );
	const current = ( await settings() ).kid;
	expect( [ ...kids ] ).toContain( current );
} );

test( 'rotation keeps tokens signed by the old key verifiable and working', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const before = await signIn( signedIn, testClient );
	const oldKid = decodeProtectedHeader( before.tokens.access_token )
		.kid as string;
	expect(
		decodeProtectedHeader( before.tokens.id_token as string ).kid
	).toBe( oldKid );

	const newKid = await rotateKeys();
	expect( newKid ).not.toBe( oldKid );
	expect( ( await settings() ).kid ).toBe( newKid );
	const kids = ( await fetchJwks() ).map( ( key ) => key.kid );
	expect( kids ).toEqual( expect.arrayContaining( [ oldKid, newKid ] ) );

	await verifyIdToken( before.tokens.id_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		nonce: before.flow.nonce,
		accessToken: before.tokens.access_token,
	} );
	await verifyAccessToken( before.tokens.access_token, {
		clientId: testClient.client_id,
		userId: user.id,
		scope: 'openid profile email',
	} );
	expect(
		(
			await raw( 'userinfo', {
				bearer: before.tokens.access_token,
			} )
		).status,
		'rotation does not sign anyone out'
	).toBe( 200 );

	const after = await signIn( signedIn, testClient );
	const afterKid = decodeProtectedHeader( after.tokens.access_token ).kid;
	expect( afterKid ).not.toBe( oldKid );
	expect( ( await fetchJwks() ).map( ( key ) => key.kid ) ).toContain(
		afterKid
	);
	await verifyIdToken( after.tokens.id_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		nonce: after.flow.nonce,
		accessToken: after.tokens.access_token,
	} );
} );

test( 'the rotate route is for administrators only', async ( { user } ) => {
	const { restSession } = await import( '../support/wp' );
	const session = await restSession( user.username, user.password );
	const response = await session.post( 'keystone-oidc/v1/keys/rotate' );
	expect( response.status() ).toBe( 403 );
	await session.dispose();
} );

test( 'the signing keys option is never autoloaded', async () => {
	const response = await asAdmin( ( session ) =>
		session.get( 'keystone-test/v1/state' )
	);
	expect( response.status() ).toBe( 200 );
	const state = ( await response.json() ) as {
		options: Array< { option_name: string; autoload: string } >;
		keys: number;
	};
	expect( state.keys ).toBeGreaterThan( 0 );
	const keys = state.options.find(
		( option ) => option.option_name === 'keystone_oidc_keys'
	);
	expect( keys, 'the keystone_oidc_keys option' ).toBeDefined();
	expect( [ 'no', 'off', 'auto-off' ] ).toContain( keys?.autoload );
} );
