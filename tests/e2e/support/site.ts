/**
 * Starts `bin/site.sh` (or another script that prints KEYSTONE_SITE_READY the same way, such as
 * `bin/host-site.sh`) as a child process and resolves once the site answers.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve( __dirname, '../../..' );

export interface RunningSite {
	url: string;
	dir: string;
	stop: () => Promise< void >;
}

export function startSite(
	name: string,
	options: string[] = [],
	script = 'bin/site.sh'
): Promise< RunningSite > {
	const child = spawn(
		'bash',
		[ path.join( repoRoot, script ), name, '--fresh', ...options ],
		{ cwd: repoRoot, stdio: [ 'ignore', 'pipe', 'pipe' ], detached: true }
	);
	const dir = path.join( repoRoot, '.cache/sites', name );
	let output = '';
	const stop = async (): Promise< void > => {
		if ( child.exitCode !== null ) {
			return;
		}
		const exited = new Promise( ( resolve ) =>
			child.once( 'exit', resolve )
		);
		child.kill( 'SIGTERM' );
		await exited;
		// Retried: a server that just exited may still be flushing a file into the folder.
		rmSync( dir, {
			recursive: true,
			force: true,
			maxRetries: 5,
			retryDelay: 200,
		} );
	};
	return new Promise( ( resolve, reject ) => {
		const timer = setTimeout( () => {
			void stop();
			reject( new Error( `site ${ name } did not start:\n${ output }` ) );
		}, 120_000 );
		const onData = ( chunk: Buffer ): void => {
			output += chunk.toString();
			const match = /KEYSTONE_SITE_READY (\S+)/.exec( output );
			if ( match?.[ 1 ] ) {
				clearTimeout( timer );
				resolve( { url: match[ 1 ], dir, stop } );
			}
		};
		child.stdout.on( 'data', onData );
		child.stderr.on( 'data', onData );
		child.once( 'exit', ( code ) => {
			clearTimeout( timer );
			reject(
				new Error(
					`site ${ name } exited with ${ code }:\n${ output }`
				)
			);
		} );
	} );
}

/**
 * A site of one spec file's own: the shared helpers (and the PHP log check) follow it from start
 * until `stop()`, which points them back at the suite's site.
 */
export async function startOwnSite(
	name: string,
	options: string[] = []
): Promise< RunningSite > {
	const saved = {
		url: process.env.WP_BASE_URL,
		dir: process.env.KEYSTONE_SITE_DIR,
	};
	const site = await startSite( name, options );
	process.env.WP_BASE_URL = site.url;
	process.env.KEYSTONE_SITE_DIR = site.dir;
	return {
		...site,
		stop: async () => {
			await site.stop();
			restore( 'WP_BASE_URL', saved.url );
			restore( 'KEYSTONE_SITE_DIR', saved.dir );
		},
	};
}

function restore( name: string, value: string | undefined ): void {
	if ( value === undefined ) {
		delete process.env[ name ];
	} else {
		process.env[ name ] = value;
	}
}
