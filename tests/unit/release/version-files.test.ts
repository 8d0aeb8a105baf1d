import assert from 'node:assert/strict';
import {
	copyFileSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
	checkVersions,
	setPackageJsonVersion,
	setPackageLockVersion,
	setPluginVersion,
	setStableTag,
	statedVersions,
	versionMismatches,
	writeVersion,
} from '../../../scripts/release/version-files';

const repoRoot = resolve( __dirname, '../../..' );

const pluginPhp = `<?php
/**
 * Plugin Name:       Keystone OIDC
 * Version:           1.0.0
 * Requires PHP:      7.4
 */
define( 'KEYSTONE_OIDC_VERSION', '1.0.0' );
`;
const readme =
	'=== Keystone OIDC ===\nRequires PHP: 7.4\nStable tag: 1.0.0\nLicense: GPLv2 or later\n';
const packageJson =
	'{\n  "name": "keystone-oidc",\n  "version": "1.0.0",\n  "dependencies": {\n    "x": { "version": "9.9.9" }\n  }\n}\n';
const packageLock =
	'{\n  "name": "keystone-oidc",\n  "version": "1.0.0",\n  "lockfileVersion": 3,\n  "packages": {\n    "": {\n      "name": "keystone-oidc",\n      "version": "1.0.0"\n    },\n    "node_modules/x": {\n      "version": "9.9.9"\n    }\n  }\n}\n';

describe( 'setting the version', () => {
	it( 'patches the plugin header and the constant, nothing else', () => {
		assert.equal(
			setPluginVersion( pluginPhp, '1.1.0' ),
			pluginPhp
				.replace(
					'Version:           1.0.0',
					'Version:           1.1.0'
				)
				.replace(
					"'KEYSTONE_OIDC_VERSION', '1.0.0'",
					"'KEYSTONE_OIDC_VERSION', '1.1.0'"
				)
		);
	} );

	it( 'patches the Stable tag', () => {
		assert.equal(
			setStableTag( readme, '2.0.0-dev' ),
			readme.replace( 'Stable tag: 1.0.0', 'Stable tag: 2.0.0-dev' )
		);
	} );

	it( 'patches only the top-level version of package.json, keeping its formatting', () => {
		assert.equal(
			setPackageJsonVersion( packageJson, '1.0.1' ),
			packageJson.replace( '"version": "1.0.0"', '"version": "1.0.1"' )
		);
	} );

	it( 'patches both root versions of package-lock.json and no dependency', () => {
		const lock = JSON.parse(
			setPackageLockVersion( packageLock, '1.2.0' )
		);
		assert.equal( lock.version, '1.2.0' );
		assert.equal( lock.packages[ '' ].version, '1.2.0' );
		assert.equal( lock.packages[ 'node_modules/x' ].version, '9.9.9' );
		assert.equal(
			setPackageLockVersion( packageLock, '1.0.0' ),
			packageLock
		);
	} );

	it( 'refuses a version that is not semantic', () => {
		assert.throws(
			() => setStableTag( readme, '1.0' ),
			/"1\.0" is not a semantic version/
		);
		assert.throws(
			() => setPluginVersion( pluginPhp, 'v1.0.0' ),
			/"v1\.0\.0" is not a semantic version/
		);
	} );

	it( 'fails when a place is missing instead of silently skipping it', () => {
		assert.throws(
			() =>
				setPluginVersion(
					pluginPhp.replace( / \* Version:.*\n/, '' ),
					'1.1.0'
				),
			/"Version:" header in keystone-oidc\.php not found/
		);
		assert.throws(
			() =>
				setPluginVersion(
					pluginPhp.replace( /define.*\n/, '' ),
					'1.1.0'
				),
			/KEYSTONE_OIDC_VERSION in keystone-oidc\.php not found/
		);
		assert.throws(
			() => setStableTag( '=== X ===\n', '1.1.0' ),
			/"Stable tag:" in readme\.txt not found/
		);
	} );
} );

describe( 'checking the versions', () => {
	const sources = { packageJson, packageLock, pluginPhp, readme };

	it( 'finds nothing wrong when every place agrees', () => {
		assert.deepEqual( versionMismatches( statedVersions( sources ) ), [] );
	} );

	it( 'names each place that disagrees with package.json', () => {
		const stated = statedVersions( {
			...sources,
			pluginPhp: pluginPhp.replace( "'1.0.0'", "'0.9.0'" ),
			readme: readme.replace( 'Stable tag: 1.0.0', 'Stable tag: trunk' ),
		} );
		assert.deepEqual( versionMismatches( stated ), [
			'keystone-oidc.php KEYSTONE_OIDC_VERSION is "0.9.0", package.json says "1.0.0"',
			'readme.txt "Stable tag:" is "trunk", package.json says "1.0.0"',
		] );
	} );

	it( 'reports a missing header and a stale lock file', () => {
		const stated = statedVersions( {
			...sources,
			pluginPhp: pluginPhp.replace( / \* Version:.*\n/, '' ),
			packageLock: packageLock.replace(
				'"version": "1.0.0",\n  "lockfileVersion"',
				'"version": "0.1.0",\n  "lockfileVersion"'
			),
		} );
		assert.deepEqual( versionMismatches( stated ), [
			'keystone-oidc.php "Version:" header is missing, package.json says "1.0.0"',
			'package-lock.json "version" is "0.1.0", package.json says "1.0.0"',
		] );
	} );

	it( 'accepts a project without package-lock.json', () => {
		assert.deepEqual(
			versionMismatches(
				statedVersions( { ...sources, packageLock: null } )
			),
			[]
		);
	} );

	it( 'holds for the real project files', () => {
		assert.deepEqual( checkVersions( repoRoot ), [] );
	} );
} );

describe( 'writeVersion', () => {
	let root: string;

	beforeEach( () => {
		root = mkdtempSync( join( tmpdir(), 'keystone-version-' ) );
		for ( const file of [
			'package.json',
			'package-lock.json',
			'keystone-oidc.php',
			'readme.txt',
		] ) {
			copyFileSync( join( repoRoot, file ), join( root, file ) );
		}
	} );

	afterEach( () => {
		rmSync( root, { recursive: true, force: true } );
	} );

	it( 'brings every copy of the real files to the new version, and the check agrees', () => {
		writeVersion( root, '7.8.9' );
		assert.deepEqual( checkVersions( root ), [] );
		assert.equal(
			JSON.parse( readFileSync( join( root, 'package.json' ), 'utf8' ) )
				.version,
			'7.8.9'
		);
		assert.match(
			readFileSync( join( root, 'keystone-oidc.php' ), 'utf8' ),
			/^ \* Version: +7\.8\.9$/m
		);
		assert.match(
			readFileSync( join( root, 'readme.txt' ), 'utf8' ),
			/^Stable tag: 7\.8\.9$/m
		);
	} );

	it( 'is caught by the check when one file is edited by hand afterwards', () => {
		writeVersion( root, '7.8.9' );
		const readmePath = join( root, 'readme.txt' );
		writeFileSync(
			readmePath,
			readFileSync( readmePath, 'utf8' ).replace(
				'Stable tag: 7.8.9',
				'Stable tag: 7.8.8'
			)
		);
		assert.deepEqual( checkVersions( root ), [
			'readme.txt "Stable tag:" is "7.8.8", package.json says "7.8.9"',
		] );
	} );

	it( 'writes nothing when one place cannot be patched', () => {
		const phpPath = join( root, 'keystone-oidc.php' );
		writeFileSync(
			phpPath,
			readFileSync( phpPath, 'utf8' ).replace(
				/define\( 'KEYSTONE_OIDC_VERSION'.*\n/,
				''
			)
		);
		const before = readFileSync( join( root, 'package.json' ), 'utf8' );
		assert.throws(
			() => writeVersion( root, '7.8.9' ),
			/KEYSTONE_OIDC_VERSION in keystone-oidc\.php not found/
		);
		assert.equal(
			readFileSync( join( root, 'package.json' ), 'utf8' ),
			before
		);
	} );
} );
