import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const repoRoot = resolve( __dirname, '../../..' );
const readme = readFileSync( join( repoRoot, 'readme.txt' ), 'utf8' );
const pluginPhp = readFileSync( join( repoRoot, 'keystone-oidc.php' ), 'utf8' );
const router = readFileSync(
	join( repoRoot, 'includes/Endpoints/Router.php' ),
	'utf8'
);

function header( text: string, field: string ): string | undefined {
	return new RegExp(
		`^(?:\\s*\\*\\s*)?${ field }:[ \\t]*(.+?)\\s*$`,
		'm'
	).exec( text )?.[ 1 ];
}

function section( name: string ): string {
	const match = new RegExp(
		`^== ${ name } ==\\n([\\s\\S]*?)(?=^== |(?![\\s\\S]))`,
		'm'
	).exec( readme );
	assert.ok( match, `readme.txt has a "${ name }" section` );
	return match[ 1 ] as string;
}

describe( 'readme.txt', () => {
	it( 'starts with the plugin name and has every WordPress.org header', () => {
		assert.match( readme, /^=== Keystone OIDC ===\n/ );
		assert.equal( header( readme, 'Requires at least' ), '6.6' );
		assert.equal( header( readme, 'Tested up to' ), '6.8' );
		assert.equal( header( readme, 'Requires PHP' ), '7.4' );
		assert.equal( header( readme, 'License' ), 'GPLv2 or later' );
		assert.ok( header( readme, 'Contributors' ) );
		const tags = header( readme, 'Tags' )?.split( ',' ) ?? [];
		assert.ok( tags.length > 0 && tags.length <= 5, 'one to five tags' );
		// The short description is the first paragraph after the header block.
		const shortDescription = readme.split( '\n\n' )[ 1 ]?.trim() ?? '';
		assert.ok( shortDescription.length > 0 );
		assert.ok( ! shortDescription.startsWith( '==' ) );
		assert.ok(
			shortDescription.length <= 150,
			`short description within 150 characters (${ shortDescription.length })`
		);
	} );

	it( 'states the same requirements as the plugin header', () => {
		assert.equal(
			header( readme, 'Requires at least' ),
			header( pluginPhp, 'Requires at least' )
		);
		assert.equal(
			header( readme, 'Requires PHP' ),
			header( pluginPhp, 'Requires PHP' )
		);
	} );

	it( 'has Description, Installation, FAQ and Changelog', () => {
		for ( const name of [
			'Description',
			'Installation',
			'Frequently Asked Questions',
			'Changelog',
		] ) {
			assert.notEqual( section( name ).trim(), '' );
		}
		assert.match(
			section( 'Installation' ),
			/Plugins → Add New → Upload Plugin/
		);
		assert.match( section( 'Changelog' ), /^= \d+\.\d+\.\d+/m );
	} );

	it( 'answers the troubleshooting questions', () => {
		const faq = section( 'Frequently Asked Questions' );
		for ( const topic of [
			/Permalinks/,
			/redirect URI mismatch/i,
			/invalid_client/,
			/kid not found/,
			/openssl/,
		] ) {
			assert.match( faq, topic );
		}
	} );

	it( 'names only endpoint paths the router serves', () => {
		const routed = [
			...router.matchAll( /=> (?:self::BASE \. )?'([^']+)'/g ),
		].map( ( match ) =>
			match[ 0 ].includes( 'self::BASE' )
				? `/wenisch-tech/keystone-oidc${ match[ 1 ] }`
				: `/${ match[ 1 ] }`
		);
		assert.ok(
			routed.includes( '/wenisch-tech/keystone-oidc/oauth/token' )
		);
		const named = [
			...readme.matchAll( /`(\/(?:\.well-known|wenisch-tech)[^`]*)`/g ),
		].map( ( match ) => match[ 1 ] as string );
		assert.ok( named.length >= 7 );
		for ( const path of named ) {
			assert.ok( routed.includes( path ), `${ path } is routed` );
		}
	} );
} );
