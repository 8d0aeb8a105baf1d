/**
 * Discovery: a relying party configured with nothing but the issuer finds everything else, at
 * every path the contract names, with and without a trailing slash, never through a redirect.
 */
import * as client from 'openid-client';
import { test, expect } from './support/fixtures';
import { raw } from './support/http';
import { endpoint, issuer, paths, type EndpointName } from './support/provider';

type Metadata = Record< string, unknown >;

async function metadata( name: EndpointName ): Promise< Metadata > {
	const response = await raw( name );
	expect( response.status, response.text ).toBe( 200 );
	expect( response.headers.get( 'content-type' ) ).toMatch(
		/^application\/json/
	);
	return response.json;
}

test( 'openid-client discovers the provider from the issuer alone', async () => {
	const config = await client.discovery(
		new URL( issuer() ),
		'any-client',
		undefined,
		client.None(),
		{ execute: [ client.allowInsecureRequests ] }
	);
	const server = config.serverMetadata();
	expect( server.issuer ).toBe( issuer() );
	expect( server.issuer.endsWith( '/' ) ).toBe( false );
	expect( server.authorization_endpoint ).toBe( endpoint( 'authorize' ) );
	expect( server.token_endpoint ).toBe( endpoint( 'token' ) );
	expect( server.userinfo_endpoint ).toBe( endpoint( 'userinfo' ) );
	expect( server.jwks_uri ).toBe( endpoint( 'jwks' ) );
} );

test( 'both discovery documents and the RFC 8414 metadata are identical', async () => {
	const spec = await metadata( 'discovery' );
	expect( await metadata( 'discoveryLocal' ) ).toEqual( spec );
	expect( await metadata( 'asMetadata' ) ).toEqual( spec );
	expect( spec.issuer ).toBe( issuer() );
} );

test( 'discovery announces every implemented feature', async () => {
	const doc = await metadata( 'discovery' );
	expect( doc.response_types_supported ).toEqual( [ 'code' ] );
	expect( doc.response_modes_supported ).toEqual(
		expect.arrayContaining( [ 'query' ] )
	);
	expect( doc.grant_types_supported ).toEqual(
		expect.arrayContaining( [ 'authorization_code', 'refresh_token' ] )
	);
	expect( doc.subject_types_supported ).toEqual( [ 'public' ] );
	expect( doc.id_token_signing_alg_values_supported ).toEqual(
		expect.arrayContaining( [ 'RS256' ] )
	);
	expect( doc.token_endpoint_auth_methods_supported ).toEqual(
		expect.arrayContaining( [
			'client_secret_basic',
			'client_secret_post',
			'none',
		] )
	);
	// RFC 9700 §2.1.1: S256 only, so no client is tempted into plain.
	expect( doc.code_challenge_methods_supported ).toEqual( [ 'S256' ] );
	expect( doc.scopes_supported ).toEqual(
		expect.arrayContaining( [ 'openid', 'profile', 'email' ] )
	);
	expect( doc.claims_supported ).toEqual(
		expect.arrayContaining( [
			'sub',
			'iss',
			'aud',
			'exp',
			'iat',
			'auth_time',
			'nonce',
			'azp',
			'at_hash',
			'name',
			'given_name',
			'family_name',
			'preferred_username',
			'email',
			'email_verified',
		] )
	);
	for ( const [ field, name ] of [
		[ 'authorization_endpoint', 'authorize' ],
		[ 'token_endpoint', 'token' ],
		[ 'userinfo_endpoint', 'userinfo' ],
		[ 'jwks_uri', 'jwks' ],
	] as const ) {
		expect( doc[ field ], field ).toBe( endpoint( name ) );
	}
} );

test( 'every endpoint answers with and without a trailing slash and never redirects', async () => {
	// The device verification page is for people: a signed-out visitor is sent to the login page
	// and back (device.spec.ts proves that), so it alone redirects.
	const endpoints = ( Object.keys( paths ) as EndpointName[] ).filter(
		( name ) => name !== 'deviceVerification'
	);
	for ( const name of endpoints ) {
		const bare = await raw( name );
		const slashed = await raw( name, { suffix: '/' } );
		for ( const [ label, response ] of [
			[ paths[ name ], bare ],
			[ `${ paths[ name ] }/`, slashed ],
		] as const ) {
			expect(
				response.status >= 300 && response.status < 400,
				`${ label } answered ${ response.status } ${
					response.headers.get( 'location' ) ?? ''
				}`
			).toBe( false );
			expect( response.status, label ).toBeLessThan( 500 );
			expect( response.status, label ).not.toBe( 404 );
		}
		expect( slashed.status, paths[ name ] ).toBe( bare.status );
	}
} );

test( 'the same request for the slashed form of discovery gives the same document', async () => {
	const bare = await raw( 'discovery' );
	const slashed = await raw( 'discovery', { suffix: '/' } );
	expect( slashed.status ).toBe( 200 );
	expect( slashed.json ).toEqual( bare.json );
} );

for ( const name of [
	'discovery',
	'discoveryLocal',
	'asMetadata',
	'jwks',
] as const ) {
	test( `${ paths[ name ] } is cacheable: ETag, Cache-Control and 304`, async () => {
		const first = await raw( name );
		expect( first.status ).toBe( 200 );
		const etag = first.headers.get( 'etag' );
		expect( etag, 'ETag' ).toBeTruthy();
		expect( first.headers.get( 'cache-control' ) ?? '' ).toMatch(
			/max-age=\d+/
		);
		expect( first.headers.get( 'cache-control' ) ?? '' ).not.toContain(
			'no-store'
		);
		const again = await raw( name, {
			headers: { 'If-None-Match': etag as string },
		} );
		expect( again.status ).toBe( 304 );
		expect( again.text ).toBe( '' );
		expect( again.headers.get( 'etag' ) ).toBe( etag );
		const stale = await raw( name, {
			headers: { 'If-None-Match': '"not-the-current-tag"' },
		} );
		expect( stale.status ).toBe( 200 );
	} );
}

test( 'discovery is served with no WordPress page around it', async () => {
	const response = await raw( 'discovery' );
	expect( response.text.trimStart().startsWith( '{' ) ).toBe( true );
	expect( response.text ).not.toContain( '<' );
	expect( response.headers.get( 'link' ) ?? '' ).not.toContain( 'api.w.org' );
} );
