/**
 * RFC 9728 protected resource metadata for the REST API, at both contract paths, and the scopes it
 * and discovery announce.
 */
import { test, expect } from '../support/test';
import { baseUrl } from '../support/env';
import { issuer } from '../protocol/support/provider';
import { restRoot } from './support';

const PATHS = [
	'/.well-known/oauth-protected-resource',
	'/.well-known/oauth-protected-resource/wp-json',
	'/.well-known/oauth-protected-resource/wp-json/',
];

test( 'the metadata describes the REST API, identically at every path', async () => {
	const documents: unknown[] = [];
	for ( const path of PATHS ) {
		const response = await fetch( `${ baseUrl() }${ path }`, {
			redirect: 'manual',
		} );
		expect( response.status, path ).toBe( 200 );
		expect( response.headers.get( 'content-type' ) ).toMatch(
			/^application\/json/
		);
		expect( response.headers.get( 'access-control-allow-origin' ) ).toBe(
			'*'
		);
		documents.push( await response.json() );
	}
	const [ first ] = documents as Array< Record< string, unknown > >;
	expect( first ).toEqual( {
		resource: restRoot(),
		authorization_servers: [ issuer() ],
		scopes_supported: [ 'wordpress:read', 'wordpress:write' ],
		bearer_methods_supported: [ 'header' ],
		resource_name: expect.stringContaining( 'REST API' ) as unknown,
	} );
	for ( const document of documents ) {
		expect( document ).toEqual( first );
	}
	const post = await fetch( `${ baseUrl() }${ PATHS[ 0 ] }`, {
		method: 'POST',
	} );
	expect( post.status ).toBe( 405 );
} );

test( 'discovery announces the REST scopes', async () => {
	const response = await fetch(
		`${ issuer() }/.well-known/openid-configuration`
	);
	const doc = ( await response.json() ) as { scopes_supported: string[] };
	expect( doc.scopes_supported ).toEqual(
		expect.arrayContaining( [ 'wordpress:read', 'wordpress:write' ] )
	);
} );
