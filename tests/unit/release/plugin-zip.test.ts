import assert from 'node:assert/strict';
import {
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { buildPluginZip } from '../../../scripts/release/build-plugin-zip';
import { readZip } from '../../../scripts/release/zip';

const pluginPhp = `<?php
/**
 * Plugin Name:       Keystone OIDC
 * Version:           0.3.0
 */
define( 'KEYSTONE_OIDC_VERSION', '0.3.0' );
`;

const treeFiles: Record< string, string > = {
	'keystone-oidc.php': pluginPhp,
	'uninstall.php': '<?php\n',
	'readme.txt':
		'=== Keystone OIDC ===\nStable tag: 0.3.0\n\n== Changelog ==\n',
	LICENSE: 'GPL-2.0-or-later\n',
	'package.json': '{\n\t"name": "keystone-oidc",\n\t"version": "0.3.0"\n}\n',
	'includes/Plugin.php': '<?php\n',
	'includes/Endpoints/Router.php': '<?php\n',
	'includes/Crypto/openssl.cnf': '[ req ]\n',
	'build/admin-clients.js': 'console.log(1);\n',
	'build/admin-clients.js.map': '{}',
	'build/admin-clients.asset.php': '<?php return array();\n',
	'build/.stamp': '',
	'languages/.gitkeep': '',
	'languages/keystone-oidc.pot': 'msgid ""\nmsgstr ""\n',
	'assets/form-post.js': 'document.forms[ 0 ].submit();\n',
	'src/admin/clients/index.tsx': 'export {};\n',
	'tests/unit/x.test.ts': '',
	'node_modules/jose/index.js': '',
	'.github/workflows/test.yml': '',
	'.gitignore': 'build/\n',
	'bin/site.sh': '',
};

function writeTree( root: string, files: Record< string, string > ): void {
	for ( const [ path, content ] of Object.entries( files ) ) {
		mkdirSync( dirname( join( root, path ) ), { recursive: true } );
		writeFileSync( join( root, path ), content );
	}
}

describe( 'buildPluginZip', () => {
	let root: string;
	let out: string;

	beforeEach( () => {
		root = mkdtempSync( join( tmpdir(), 'keystone-tree-' ) );
		out = join( root, 'dist' );
	} );

	afterEach( () => {
		rmSync( root, { recursive: true, force: true } );
	} );

	it( 'zips exactly the runtime files under keystone-oidc/, named after the version', () => {
		writeTree( root, treeFiles );
		const zip = buildPluginZip( { root, outDir: out } );
		assert.equal( zip.path, join( out, 'keystone-oidc-0.3.0.zip' ) );
		const entries = readZip( readFileSync( zip.path ) );
		assert.deepEqual(
			entries.map( ( entry ) => entry.name ),
			[
				'keystone-oidc/',
				'keystone-oidc/LICENSE',
				'keystone-oidc/assets/',
				'keystone-oidc/assets/form-post.js',
				'keystone-oidc/build/',
				'keystone-oidc/build/admin-clients.asset.php',
				'keystone-oidc/build/admin-clients.js',
				'keystone-oidc/includes/',
				'keystone-oidc/includes/Crypto/',
				'keystone-oidc/includes/Crypto/openssl.cnf',
				'keystone-oidc/includes/Endpoints/',
				'keystone-oidc/includes/Endpoints/Router.php',
				'keystone-oidc/includes/Plugin.php',
				'keystone-oidc/keystone-oidc.php',
				'keystone-oidc/languages/',
				'keystone-oidc/languages/keystone-oidc.pot',
				'keystone-oidc/readme.txt',
				'keystone-oidc/uninstall.php',
			]
		);
		const php = entries.find(
			( entry ) => entry.name === 'keystone-oidc/keystone-oidc.php'
		);
		assert.equal( php?.data.toString(), pluginPhp );
	} );

	it( 'fails clearly when build/ is missing', () => {
		const { 'build/admin-clients.js': _js, ...rest } = treeFiles;
		writeTree(
			root,
			Object.fromEntries(
				Object.entries( rest ).filter(
					( [ path ] ) => ! path.startsWith( 'build/' )
				)
			)
		);
		assert.throws(
			() => buildPluginZip( { root, outDir: out } ),
			/build\/ is missing\. Run `npm run build` first/
		);
	} );

	it( 'fails when build/ holds no compiled script', () => {
		writeTree( root, { ...treeFiles, 'build/admin-clients.js': '' } );
		rmSync( join( root, 'build/admin-clients.js' ) );
		assert.throws(
			() => buildPluginZip( { root, outDir: out } ),
			/build\/ holds no compiled script/
		);
	} );

	it( 'states an overriding version in the zipped header, constant and Stable tag only', () => {
		writeTree( root, treeFiles );
		const zip = buildPluginZip( {
			root,
			outDir: out,
			version: '0.3.1-upgrade',
		} );
		assert.equal(
			zip.path,
			join( out, 'keystone-oidc-0.3.1-upgrade.zip' )
		);
		const entries = readZip( readFileSync( zip.path ) );
		const text = ( name: string ): string =>
			entries
				.find( ( entry ) => entry.name === `keystone-oidc/${ name }` )
				?.data.toString() ?? '';
		assert.match(
			text( 'keystone-oidc.php' ),
			/\* Version: {11}0\.3\.1-upgrade\n/
		);
		assert.match(
			text( 'keystone-oidc.php' ),
			/'KEYSTONE_OIDC_VERSION', '0\.3\.1-upgrade'/
		);
		assert.match( text( 'readme.txt' ), /^Stable tag: 0\.3\.1-upgrade$/m );
		assert.equal(
			readFileSync( join( root, 'keystone-oidc.php' ), 'utf8' ),
			pluginPhp
		);
	} );

	it( 'refuses a version that is not semantic', () => {
		writeTree( root, treeFiles );
		assert.throws(
			() => buildPluginZip( { root, outDir: out, version: '1.2' } ),
			/"1\.2" is not a semantic version/
		);
	} );
} );
