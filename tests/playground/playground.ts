/**
 * Boots WordPress Playground (PHP.wasm + SQLite, the runtime of the plugin directory's Live Preview
 * and of `wp-env --runtime=playground`) offline: `@wp-playground/cli` installs WordPress from the
 * cached core instead of downloading one, and a blueprint installs and activates the release zip
 * as an administrator would. Everything lives in a folder of its own, since
 * Playground writes its database and `wp-config.php` into the mounted core.
 */
import { spawn } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { buildPluginZip } from '../../scripts/release/build-plugin-zip';

export const repoRoot = path.resolve( __dirname, '../..' );

export interface PlaygroundSite {
	url: string;
	dir: string;
	/** The site's PHP error log, written by WordPress (WP_DEBUG_LOG) inside the mounted core. */
	debugLog: string;
	/** What `load-every-class.php` found: the PHP version, the classes loaded and those that failed. */
	classes: string;
	stop: () => Promise< void >;
}

function freePort(): Promise< number > {
	return new Promise( ( resolve, reject ) => {
		const server = createServer();
		server.once( 'error', reject );
		server.listen( 0, '127.0.0.1', () => {
			const address = server.address();
			server.close( () =>
				typeof address === 'object' && address
					? resolve( address.port )
					: reject( new Error( 'no free port' ) )
			);
		} );
	} );
}

export async function startPlayground(
	php: string,
	name: string
): Promise< PlaygroundSite > {
	const core = path.join( repoRoot, '.cache/wordpress' );
	if ( ! existsSync( path.join( core, 'wp-load.php' ) ) ) {
		throw new Error(
			`No WordPress core in ${ core }: run \`npm run setup\` first.`
		);
	}
	const dir = path.join( repoRoot, '.cache/playground', name );
	rmSync( dir, { recursive: true, force: true } );
	mkdirSync( dir, { recursive: true } );
	const wordpress = path.join( dir, 'wordpress' );
	cpSync( core, wordpress, { recursive: true } );
	// The plugin as a user gets it: the release zip, which the blueprint installs and activates.
	const zips = path.join( dir, 'zips' );
	const zip = buildPluginZip( { root: repoRoot, outDir: zips } );
	const blueprint = path.join( dir, 'blueprint.json' );
	writeFileSync(
		blueprint,
		JSON.stringify( {
			// A blueprint's own preference wins over the CLI's --php (which alone leaves the site on
			// PHP 8.5), so the version is named here too.
			preferredVersions: { php, wp: 'latest' },
			steps: [
				{
					step: 'defineWpConfigConsts',
					consts: {
						WP_DEBUG: true,
						WP_DEBUG_LOG: true,
						WP_DEBUG_DISPLAY: false,
						// Offline: update checks and other outbound requests fail at once.
						WP_HTTP_BLOCK_EXTERNAL: true,
						AUTOMATIC_UPDATER_DISABLED: true,
						WP_ENVIRONMENT_TYPE: 'local',
					},
				},
				{
					step: 'setSiteOptions',
					options: { permalink_structure: '/%postname%/' },
				},
				{
					step: 'installPlugin',
					pluginData: {
						resource: 'vfs',
						path: `/zips/${ path.basename( zip.path ) }`,
					},
					options: { activate: true },
				},
				{
					step: 'runPHP',
					code: "<?php require '/keystone-tests/load-every-class.php';",
				},
			],
		} )
	);
	const port = await freePort();
	const cli = path.join(
		repoRoot,
		'node_modules/@wp-playground/cli/wp-playground.js'
	);
	const child = spawn(
		process.execPath,
		[
			cli,
			'server',
			`--port=${ port }`,
			`--php=${ php }`,
			'--mount-dir-before-install',
			wordpress,
			'/wordpress',
			'--wordpress-install-mode=install-from-existing-files',
			'--mount-dir',
			zips,
			'/zips',
			'--mount-dir',
			__dirname,
			'/keystone-tests',
			'--mount-dir',
			path.join( repoRoot, 'tests/e2e/support/mu-plugins' ),
			'/wordpress/wp-content/mu-plugins',
			`--blueprint=${ blueprint }`,
		],
		{ cwd: dir, stdio: [ 'ignore', 'pipe', 'pipe' ], detached: true }
	);
	let output = '';
	const stop = async (): Promise< void > => {
		if ( child.exitCode !== null || child.signalCode !== null ) {
			return;
		}
		const exited = new Promise( ( resolve ) =>
			child.once( 'exit', resolve )
		);
		process.kill( -( child.pid as number ), 'SIGTERM' );
		await exited;
		rmSync( dir, { recursive: true, force: true } );
	};
	const url = await new Promise< string >( ( resolve, reject ) => {
		const timer = setTimeout( () => {
			void stop();
			reject(
				new Error( `Playground did not start in 180 s:\n${ output }` )
			);
		}, 180_000 );
		const onData = ( chunk: Buffer ): void => {
			output += chunk.toString();
			const match = /WordPress is running on (\S+)/.exec(
				// Colours and bold around the URL.
				output.replace( /\x1b\[[0-9;]*m/g, '' )
			);
			if ( match?.[ 1 ] ) {
				clearTimeout( timer );
				resolve( match[ 1 ].replace( /\/$/, '' ) );
			}
		};
		child.stdout?.on( 'data', onData );
		child.stderr?.on( 'data', onData );
		child.once( 'exit', ( code ) => {
			clearTimeout( timer );
			reject(
				new Error( `Playground exited with ${ code }:\n${ output }` )
			);
		} );
	} );
	return {
		url,
		dir,
		debugLog: path.join( wordpress, 'wp-content/debug.log' ),
		classes: path.join(
			wordpress,
			'wp-content/keystone-oidc-classes.json'
		),
		stop,
	};
}

/**
 * What the site logged about the plugin: PHP notices, warnings and errors in its files, and the
 * failures the plugin records itself.
 */
export function pluginErrors( site: PlaygroundSite ): string[] {
	if ( ! existsSync( site.debugLog ) ) {
		return [];
	}
	return readFileSync( site.debugLog, 'utf8' )
		.split( '\n' )
		.filter( ( line ) =>
			/keystone-oidc|Keystone OIDC|Keystone_OIDC|database error/i.test(
				line
			)
		);
}
