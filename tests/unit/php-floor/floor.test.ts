import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	agreedFloor,
	statedFloors,
	uncompiledFiles,
} from '../../../scripts/php-floor/floor';

const pluginHeader = `<?php
/**
 * Plugin Name:       Keystone OIDC
 * Requires at least: 6.6
 * Requires PHP:      7.4
 */`;
const readme = `=== Keystone OIDC ===
Requires at least: 6.6
Tested up to: 6.8
Requires PHP: 7.4
`;
const requirements = `final class Requirements {
	const MIN_PHP = '7.4';
}`;

describe( 'statedFloors', () => {
	it( 'reads the floor from the plugin header, readme.txt and Requirements', () => {
		assert.deepEqual(
			statedFloors( { pluginHeader, readme, requirements } ),
			{ pluginHeader: '7.4', readme: '7.4', requirements: '7.4' }
		);
	} );

	it( 'reports a source without a floor as null', () => {
		assert.deepEqual(
			statedFloors( {
				pluginHeader: pluginHeader.replace(
					/ \* Requires PHP:.*\n/,
					''
				),
				readme: readme.replace( 'Requires PHP: 7.4\n', '' ),
				requirements: 'final class Requirements {}',
			} ),
			{ pluginHeader: null, readme: null, requirements: null }
		);
	} );

	it( 'does not take "Requires at least" (the WordPress version) for the PHP floor', () => {
		assert.equal(
			statedFloors( {
				pluginHeader: ' * Requires at least: 6.6',
				readme,
				requirements,
			} ).pluginHeader,
			null
		);
	} );
} );

describe( 'agreedFloor', () => {
	it( 'is the floor when all three state the same one', () => {
		assert.deepEqual(
			agreedFloor( {
				pluginHeader: '7.4',
				readme: '7.4',
				requirements: '7.4',
			} ),
			{ floor: '7.4' }
		);
	} );

	it( 'fails when one source states another floor, naming every source', () => {
		assert.deepEqual(
			agreedFloor( {
				pluginHeader: '7.4',
				readme: '8.0',
				requirements: '7.4',
			} ),
			{
				problems: [
					'the PHP floor is stated differently: keystone-oidc.php "Requires PHP:" = 7.4, readme.txt "Requires PHP:" = 8.0, includes/Requirements.php MIN_PHP = 7.4',
				],
			}
		);
	} );

	it( 'fails on "7.4" against "7.4.0": version_compare() ranks them apart', () => {
		assert.ok(
			'problems' in
				agreedFloor( {
					pluginHeader: '7.4',
					readme: '7.4.0',
					requirements: '7.4',
				} )
		);
	} );

	it( 'fails when a source states no floor', () => {
		assert.deepEqual(
			agreedFloor( {
				pluginHeader: '7.4',
				readme: null,
				requirements: '7.4',
			} ),
			{ problems: [ 'readme.txt "Requires PHP:" is missing' ] }
		);
	} );
} );

describe( 'uncompiledFiles', () => {
	const files = [ 'keystone-oidc.php', 'includes/A.php', 'includes/B.php' ];

	it( 'is empty when every file was reported compiled', () => {
		assert.deepEqual(
			uncompiledFiles(
				files,
				files.map( ( file ) => `compiled ${ file }` ).join( '\n' ) +
					'\n'
			),
			[]
		);
	} );

	it( 'names the files that failed or were never reached', () => {
		assert.deepEqual(
			uncompiledFiles( files, 'compiled keystone-oidc.php\n' ),
			[ 'includes/A.php', 'includes/B.php' ]
		);
	} );
} );
