/**
 * ES256 ID tokens: a client registered with `id_token_signed_response_alg: ES256` gets ID tokens
 * signed with the provider's P-256 key, which `jose` verifies against the JWKS allowing ES256 only.
 * Access tokens stay RS256 (RFC 9068 §2.1: the algorithm every resource server accepts). Both keys
 * are published with kid/use/alg, and a rotation replaces both.
 */
import { decodeProtectedHeader, errors } from 'jose';
import { test, expect } from './support/fixtures';
import { client, discover, signIn } from './support/flow';
import {
	fetchJwks,
	verifyAccessToken,
	verifyIdToken,
	type Jwk,
} from './support/jwt';
import {
	asAdmin,
	createClient,
	endpoint,
	rotateKeys,
	type TestClient,
} from './support/provider';

const ES256_METADATA = { id_token_signed_response_alg: 'ES256' };

function es256Client(): Promise< TestClient > {
	return createClient( { id_token_signed_response_alg: 'ES256' } );
}

function currentKeyOf( keys: Jwk[], alg: string ): Jwk {
	const key = keys.find( ( candidate ) => candidate.alg === alg );
	expect( key, `a published ${ alg } key` ).toBeDefined();
	return key as Jwk;
}

/** The ID token, verified by the shared verifier allowing ES256 only. */
function verifyEs256IdToken(
	tokens: { id_token?: string; access_token: string },
	testClient: TestClient,
	expected: { userId: number; nonce?: string; refreshed?: boolean }
) {
	return verifyIdToken( tokens.id_token as string, {
		clientId: testClient.client_id,
		accessToken: tokens.access_token,
		algorithm: 'ES256',
		...expected,
	} );
}

test( 'the JWKS publishes a current RS256 and a P-256 ES256 key, each with kid, use and alg', async () => {
	const keys = await fetchJwks();
	const rsa = currentKeyOf( keys, 'RS256' );
	const ec = currentKeyOf( keys, 'ES256' );
	for ( const key of [ rsa, ec ] ) {
		expect( typeof key.kid ).toBe( 'string' );
		expect( key.use ).toBe( 'sig' );
	}
	expect( rsa.kty ).toBe( 'RSA' );
	expect( ec.kty ).toBe( 'EC' );
	expect( ec.crv ).toBe( 'P-256' );
	for ( const coordinate of [ ec.x, ec.y ] ) {
		expect( Buffer.from( coordinate as string, 'base64url' ).length ).toBe(
			32
		);
	}
	expect( ec ).not.toHaveProperty( 'd' );
	expect( ec.kid ).not.toBe( rsa.kid );
} );

test( 'discovery offers RS256 and ES256 for ID tokens', async () => {
	const response = await fetch( endpoint( 'discovery' ) );
	const metadata = ( await response.json() ) as {
		id_token_signing_alg_values_supported: string[];
	};
	expect( metadata.id_token_signing_alg_values_supported ).toEqual( [
		'RS256',
		'ES256',
	] );
} );

test( 'an ES256 client gets an ES256 ID token that jose verifies against the JWKS; its access token stays RS256', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await es256Client();
	const { flow, tokens } = await signIn( signedIn, testClient, {
		metadata: ES256_METADATA,
	} );
	const idToken = tokens.id_token as string;
	const header = decodeProtectedHeader( idToken );
	expect( header.alg ).toBe( 'ES256' );
	const ec = currentKeyOf( await fetchJwks(), 'ES256' );
	expect( header.kid ).toBe( ec.kid );

	// at_hash included: ES256 hashes with SHA-256 too.
	await verifyEs256IdToken( tokens, testClient, {
		userId: user.id,
		nonce: flow.nonce,
	} );

	expect( decodeProtectedHeader( tokens.access_token ).alg ).toBe( 'RS256' );
	await verifyAccessToken( tokens.access_token, {
		clientId: testClient.client_id,
		userId: user.id,
		scope: 'openid profile email',
	} );
} );

test( 'a verifier that allows only RS256 rejects the ES256 ID token', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await es256Client();
	const { flow, tokens } = await signIn( signedIn, testClient, {
		metadata: ES256_METADATA,
	} );
	const failure = await verifyIdToken( tokens.id_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		accessToken: tokens.access_token,
		nonce: flow.nonce,
		algorithm: 'RS256',
	} ).then(
		() => null,
		( error: unknown ) => error
	);
	expect( failure ).toBeInstanceOf( errors.JOSEAlgNotAllowed );
} );

test( 'an RS256 client still gets RS256 ID tokens, and openid-client expecting ES256 refuses them', async ( {
	signedIn,
} ) => {
	const testClient = await createClient();
	const { tokens } = await signIn( signedIn, testClient );
	expect( decodeProtectedHeader( tokens.id_token as string ).alg ).toBe(
		'RS256'
	);
	const expectingEs256 = await discover(
		testClient,
		'client_secret_basic',
		testClient.client_secret,
		ES256_METADATA
	);
	const failure = await client
		.refreshTokenGrant( expectingEs256, tokens.refresh_token as string )
		.then(
			() => null,
			( error: unknown ) => error
		);
	expect( failure ).toBeInstanceOf( client.ClientError );
	expect( String( ( failure as Error ).cause ) ).toMatch( /"alg"/ );
} );

test( 'a refreshed ID token of an ES256 client is ES256 too', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await es256Client();
	const { flow, tokens } = await signIn( signedIn, testClient, {
		metadata: ES256_METADATA,
	} );
	const refreshed = await client.refreshTokenGrant(
		flow.config,
		tokens.refresh_token as string
	);
	expect( decodeProtectedHeader( refreshed.id_token as string ).alg ).toBe(
		'ES256'
	);
	await verifyEs256IdToken( refreshed, testClient, {
		userId: user.id,
		refreshed: true,
	} );
} );

test( 'rotation makes a new current key for both algorithms; old ES256 ID tokens still verify', async ( {
	signedIn,
	user,
} ) => {
	const testClient = await es256Client();
	const before = await signIn( signedIn, testClient, {
		metadata: ES256_METADATA,
	} );
	const keysBefore = await fetchJwks();
	const oldRsa = currentKeyOf( keysBefore, 'RS256' ).kid;
	const oldEc = currentKeyOf( keysBefore, 'ES256' ).kid;
	expect(
		decodeProtectedHeader( before.tokens.id_token as string ).kid
	).toBe( oldEc );

	const newRsa = await rotateKeys();
	const keysAfter = await fetchJwks();
	expect( currentKeyOf( keysAfter, 'RS256' ).kid ).toBe( newRsa );
	const newEc = currentKeyOf( keysAfter, 'ES256' ).kid;
	expect( newRsa ).not.toBe( oldRsa );
	expect( newEc ).not.toBe( oldEc );
	expect( keysAfter.map( ( key ) => key.kid ) ).toEqual(
		expect.arrayContaining( [ oldRsa, oldEc, newRsa, newEc ] )
	);
	await verifyEs256IdToken( before.tokens, testClient, {
		userId: user.id,
		nonce: before.flow.nonce,
	} );

	const after = await signIn( signedIn, testClient, {
		metadata: ES256_METADATA,
	} );
	expect( decodeProtectedHeader( after.tokens.id_token as string ).kid ).toBe(
		newEc
	);
	expect( decodeProtectedHeader( after.tokens.access_token ).kid ).toBe(
		newRsa
	);
	await verifyEs256IdToken( after.tokens, testClient, {
		userId: user.id,
		nonce: after.flow.nonce,
	} );
} );

test( 'an ID token algorithm other than RS256 or ES256 is refused at registration → 400 keystone_oidc_invalid_field', async () => {
	for ( const alg of [ 'ES384', 'es256', 'HS256' ] ) {
		const response = await asAdmin( ( session ) =>
			session.post( 'keystone-oidc/v1/clients', {
				name: 'Wrong algorithm',
				redirect_uris: [ 'https://app.example.test/cb' ],
				id_token_signed_response_alg: alg,
			} )
		);
		expect( response.status(), alg ).toBe( 400 );
		const body = ( await response.json() ) as {
			code: string;
			message: string;
		};
		expect( body.code ).toBe( 'keystone_oidc_invalid_field' );
		expect( body.message ).toContain( 'id_token_signed_response_alg' );
	}
} );
