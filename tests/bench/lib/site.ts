/**
 * Starts `bin/bench-site.sh` (nginx + php-fpm + MariaDB) as a child process and resolves once the
 * site answers.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve( __dirname, '../../..' );

export interface BenchSite {
	url: string;
	dir: string;
	socket: string;
	stop: () => Promise< void >;
}

export function startBenchSite(
	name: string,
	workers: number,
	keep: boolean,
	pluginDir?: string
): Promise< BenchSite > {
	return spawnSite(
		name,
		[
			'--workers',
			String( workers ),
			...( pluginDir ? [ '--plugin-dir', pluginDir ] : [] ),
		],
		keep,
		path.join( repoRoot, '.cache/sites', name, 'run/mysqld.sock' )
	);
}

/**
 * A second web server (its own nginx and php-fpm, on another port) for a running site: same
 * files, same wp-config.php, same database. Stop it before the site it fronts.
 */
export function startFrontEnd(
	name: string,
	site: BenchSite,
	workers: number
): Promise< BenchSite > {
	return spawnSite(
		name,
		[
			'--workers',
			String( workers ),
			'--front-of',
			path.basename( site.dir ),
		],
		false,
		site.socket
	);
}

function spawnSite(
	name: string,
	args: string[],
	keep: boolean,
	socket: string
): Promise< BenchSite > {
	const child = spawn(
		'bash',
		[ path.join( repoRoot, 'bin/bench-site.sh' ), name, ...args ],
		{ cwd: repoRoot, stdio: [ 'ignore', 'pipe', 'pipe' ] }
	);
	const dir = path.join( repoRoot, '.cache/sites', name );
	let output = '';
	const stop = async (): Promise< void > => {
		if ( child.exitCode === null && child.signalCode === null ) {
			const exited = new Promise( ( resolve ) =>
				child.once( 'exit', resolve )
			);
			child.kill( 'SIGTERM' );
			await exited;
		}
		if ( ! keep ) {
			rmSync( dir, { recursive: true, force: true } );
		}
	};
	return new Promise( ( resolve, reject ) => {
		const timer = setTimeout( () => {
			void stop();
			reject( new Error( `bench site did not start:\n${ output }` ) );
		}, 180_000 );
		const onData = ( chunk: Buffer ): void => {
			output += chunk.toString();
			const match = /KEYSTONE_SITE_READY (\S+)/.exec( output );
			if ( match?.[ 1 ] ) {
				clearTimeout( timer );
				resolve( { url: match[ 1 ], dir, socket, stop } );
			}
		};
		child.stdout.on( 'data', onData );
		child.stderr.on( 'data', onData );
		child.once( 'exit', ( code ) => {
			clearTimeout( timer );
			reject(
				new Error( `bench site exited with ${ code }:\n${ output }` )
			);
		} );
	} );
}
