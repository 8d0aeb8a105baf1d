import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	archiveEntryNames,
	isShippedFile,
	missingPluginFiles,
	shippedFiles,
	zipFileName,
} from '../../../scripts/release/plugin-files';

const workingTree = [
	'keystone-oidc.php',
	'uninstall.php',
	'readme.txt',
	'LICENSE',
	'includes/Plugin.php',
	'includes/Endpoints/Router.php',
	'includes/Crypto/openssl.cnf',
	'includes/.DS_Store',
	'build/admin-clients.js',
	'build/admin-clients.js.map',
	'build/admin-clients.asset.php',
	'build/admin-clients.css',
	'build/.stamp',
	'languages/.gitkeep',
	'languages/keystone-oidc.pot',
	'assets/form-post.js',
	'assets/.DS_Store',
	'package.json',
	'package-lock.json',
	'tsconfig.json',
	'webpack.config.js',
	'.gitignore',
	'.wp-env.json',
	'.github/workflows/test.yml',
	'.cache/wordpress/index.php',
	'node_modules/jose/package.json',
	'src/admin/clients/index.tsx',
	'tests/php/bootstrap.php',
	'tests/e2e/release/upload.spec.ts',
	'scripts/release/plugin-zip.ts',
	'bin/site.sh',
	'docs/architecture.md',
	'dist/keystone-oidc-0.1.0.zip',
	'artifacts/test-results/x.png',
	'README.md',
	'CHANGELOG.md',
	'phpunit.xml',
];

describe( 'the files the plugin zip ships', () => {
	it( 'are exactly the runtime files of a working tree', () => {
		assert.deepEqual( shippedFiles( workingTree ), [
			'LICENSE',
			'assets/form-post.js',
			'build/admin-clients.asset.php',
			'build/admin-clients.css',
			'build/admin-clients.js',
			'includes/Crypto/openssl.cnf',
			'includes/Endpoints/Router.php',
			'includes/Plugin.php',
			'keystone-oidc.php',
			'languages/keystone-oidc.pot',
			'readme.txt',
			'uninstall.php',
		] );
	} );

	it( 'leave out source maps, dotfiles and dot-folders at any depth', () => {
		assert.equal( isShippedFile( 'build/admin-clients.js.map' ), false );
		assert.equal( isShippedFile( 'build/.stamp' ), false );
		assert.equal( isShippedFile( 'assets/.DS_Store' ), false );
		assert.equal( isShippedFile( 'includes/.hidden/Thing.php' ), false );
		assert.equal( isShippedFile( '.github/workflows/release.yml' ), false );
		assert.equal( isShippedFile( 'includes/../src/index.tsx' ), false );
	} );

	it( 'leave out development folders even when they hold PHP', () => {
		assert.equal( isShippedFile( 'tests/php/bootstrap.php' ), false );
		assert.equal( isShippedFile( 'bin/support/router.php' ), false );
		assert.equal( isShippedFile( 'node_modules/x/index.php' ), false );
		assert.equal( isShippedFile( 'src/admin/clients/index.tsx' ), false );
	} );

	it( 'accept only the known top-level files', () => {
		assert.equal( isShippedFile( 'keystone-oidc.php' ), true );
		assert.equal( isShippedFile( 'LICENSE' ), true );
		assert.equal( isShippedFile( 'index.php' ), false );
		assert.equal( isShippedFile( 'package.json' ), false );
	} );
} );

describe( 'missingPluginFiles', () => {
	it( 'is empty for a complete plugin', () => {
		assert.deepEqual(
			missingPluginFiles( shippedFiles( workingTree ) ),
			[]
		);
	} );

	it( 'names a missing build and a missing license', () => {
		const withoutBuild = shippedFiles( workingTree ).filter(
			( file ) => ! file.startsWith( 'build/' ) && file !== 'LICENSE'
		);
		assert.deepEqual( missingPluginFiles( withoutBuild ), [
			'LICENSE is missing',
			'build/ holds no compiled script: run `npm run build` first',
			'build/ holds no *.asset.php: run `npm run build` first',
		] );
	} );

	it( 'names a missing static asset', () => {
		const withoutAssets = shippedFiles( workingTree ).filter(
			( file ) => ! file.startsWith( 'assets/' )
		);
		assert.deepEqual( missingPluginFiles( withoutAssets ), [
			'assets/form-post.js is missing',
		] );
	} );

	it( 'names a missing translation template', () => {
		const withoutTemplate = shippedFiles( workingTree ).filter(
			( file ) => file !== 'languages/keystone-oidc.pot'
		);
		assert.deepEqual( missingPluginFiles( withoutTemplate ), [
			'languages/keystone-oidc.pot is missing: run `npm run build` (bin/make-pot.sh) first',
		] );
	} );

	it( 'names an empty includes/', () => {
		const withoutIncludes = shippedFiles( workingTree ).filter(
			( file ) => ! file.startsWith( 'includes/' )
		);
		assert.deepEqual( missingPluginFiles( withoutIncludes ), [
			'includes/ holds no PHP file',
			'includes/Crypto/openssl.cnf is missing',
		] );
	} );

	it( 'names a missing OpenSSL configuration, without which no key can be made on Playground', () => {
		const withoutConfig = shippedFiles( workingTree ).filter(
			( file ) => file !== 'includes/Crypto/openssl.cnf'
		);
		assert.deepEqual( missingPluginFiles( withoutConfig ), [
			'includes/Crypto/openssl.cnf is missing',
		] );
	} );
} );

describe( 'archiveEntryNames', () => {
	it( 'puts everything under keystone-oidc/ and lists each folder before its files', () => {
		assert.deepEqual(
			archiveEntryNames( [
				'LICENSE',
				'build/a.js',
				'includes/Endpoints/Router.php',
				'keystone-oidc.php',
			] ),
			[
				'keystone-oidc/',
				'keystone-oidc/LICENSE',
				'keystone-oidc/build/',
				'keystone-oidc/build/a.js',
				'keystone-oidc/includes/',
				'keystone-oidc/includes/Endpoints/',
				'keystone-oidc/includes/Endpoints/Router.php',
				'keystone-oidc/keystone-oidc.php',
				'keystone-oidc/languages/',
			]
		);
	} );

	it( 'names the zip after the version', () => {
		assert.equal(
			zipFileName( '1.4.0-dev' ),
			'keystone-oidc-1.4.0-dev.zip'
		);
	} );
} );
