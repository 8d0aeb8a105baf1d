/**
 * The scale-out site (`bin/scaleout-site.sh`) as processes the test controls: three web nodes, a
 * three-node Galera cluster (node N of the web tier talks to Galera node N) and one Redis shared
 * by all. A Galera node or Redis can be killed without warning (SIGKILL) and started again with
 * the site's own command lines; the shared object cache can be switched off (each request then
 * keeps its objects to itself). Loopback only.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
	existsSync,
	readFileSync,
	rmSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { Database } from '../../bench/lib/db';
import { repoRoot } from '../../bench/lib/site';
import { sleep } from '../../reliability/support/harness';

export const NODES = 3;

export interface Scaleout {
	urls: string[];
	dir: string;
	/** Each Galera node's database, through its own socket. */
	dbs: Database[];
	stop: () => Promise< void >;
}

/** Children started here and still running: stopped by `stopAll` (the global teardown too). */
const children = new Set< ChildProcess >();

function stopChild( child: ChildProcess ): Promise< void > {
	children.delete( child );
	if ( child.exitCode !== null || child.signalCode !== null ) {
		return Promise.resolve();
	}
	const exited = new Promise< void >( ( resolve ) =>
		child.once( 'exit', () => resolve() )
	);
	child.kill( 'SIGTERM' );
	return exited;
}

export async function stopAll(): Promise< void > {
	await Promise.all( [ ...children ].map( stopChild ) );
}

export function startScaleout( name: string ): Promise< Scaleout > {
	const child = spawn(
		'bash',
		[ path.join( repoRoot, 'bin/scaleout-site.sh' ), name ],
		{ cwd: repoRoot, stdio: [ 'ignore', 'pipe', 'pipe' ] }
	);
	children.add( child );
	const dir = path.join( repoRoot, '.cache/sites', name );
	let output = '';
	const stop = async (): Promise< void > => {
		await stopChild( child );
		rmSync( dir, { recursive: true, force: true } );
	};
	return new Promise( ( resolve, reject ) => {
		const timer = setTimeout( () => {
			void stop();
			reject( new Error( `scale-out site did not start:\n${ output }` ) );
		}, 420_000 );
		const onData = ( chunk: Buffer ): void => {
			output += chunk.toString();
			const match = /KEYSTONE_SCALEOUT_READY (.+)/.exec( output );
			if ( match?.[ 1 ] ) {
				clearTimeout( timer );
				resolve( {
					urls: match[ 1 ].trim().split( ' ' ),
					dir,
					dbs: Array.from(
						{ length: NODES },
						( _, n ) =>
							new Database(
								path.join( dir, `db${ n + 1 }/mysqld.sock` )
							)
					),
					stop,
				} );
			}
		};
		child.stdout.on( 'data', onData );
		child.stderr.on( 'data', onData );
		child.once( 'exit', ( code ) => {
			clearTimeout( timer );
			reject(
				new Error(
					`scale-out site exited with ${ code }:\n${ output }`
				)
			);
		} );
	} );
}

function running( pid: number ): boolean {
	try {
		const stat = readFileSync( `/proc/${ pid }/stat`, 'utf8' );
		return ! / Z /.test( stat.slice( stat.lastIndexOf( ')' ) ) );
	} catch {
		return false;
	}
}

async function kill9( pidFile: string, what: string ): Promise< void > {
	const pid = Number( readFileSync( pidFile, 'utf8' ).trim() );
	process.kill( pid, 'SIGKILL' );
	for ( let i = 0; i < 100 && running( pid ); i++ ) {
		await sleep( 50 );
	}
	if ( running( pid ) ) {
		throw new Error( `${ what } (pid ${ pid }) survived SIGKILL` );
	}
}

/** Galera node `n` (1-based) dies as in a crash or an OOM kill. */
export function killNode( site: Scaleout, n: number ): Promise< void > {
	return kill9(
		path.join( site.dir, `db${ n }/mysqld.pid` ),
		`Galera node ${ n }`
	);
}

/** Node `n`'s view of the cluster: its state (`Synced` when it serves) and the cluster's size. */
export async function nodeState(
	site: Scaleout,
	n: number
): Promise< { state: string; size: number } > {
	const rows = await ( site.dbs[ n - 1 ] as Database ).query(
		"SHOW STATUS WHERE Variable_name IN ('wsrep_local_state_comment', 'wsrep_cluster_size')"
	);
	const value = ( key: string ): string =>
		rows.find( ( row ) => row.Variable_name === key )?.Value ?? '';
	return {
		state: value( 'wsrep_local_state_comment' ),
		size: Number( value( 'wsrep_cluster_size' ) ),
	};
}

/**
 * Starts node `n` again (it rejoins by IST or SST) and resolves once it is Synced in a cluster of
 * all the nodes; the child is stopped by `stopAll`.
 */
export async function startNode( site: Scaleout, n: number ): Promise< void > {
	const child = spawn(
		'bash',
		[
			path.join( repoRoot, 'bin/support/galera-node.sh' ),
			site.dir,
			String( n ),
		],
		{ stdio: 'ignore' }
	);
	children.add( child );
	const deadline = Date.now() + 120_000;
	while ( Date.now() < deadline ) {
		if ( child.exitCode !== null ) {
			throw new Error(
				`Galera node ${ n } exited with ${ child.exitCode }`
			);
		}
		try {
			const { state, size } = await nodeState( site, n );
			if ( state === 'Synced' && size === NODES ) {
				return;
			}
		} catch {
			// Not accepting connections until its state transfer is done.
		}
		await sleep( 200 );
	}
	throw new Error( `Galera node ${ n } did not rejoin within 120 s` );
}

const redisSocket = ( site: Scaleout ): string =>
	path.join( site.dir, 'run/redis.sock' );

export function killRedis( site: Scaleout ): Promise< void > {
	return kill9( path.join( site.dir, 'run/redis.pid' ), 'Redis' );
}

/** Starts Redis again, empty (no persistence: what it held before it died is gone). */
export async function startRedis( site: Scaleout ): Promise< void > {
	const run = path.join( site.dir, 'run' );
	rmSync( redisSocket( site ), { force: true } );
	const child = spawn(
		'redis-server',
		[
			'--port',
			'0',
			'--unixsocket',
			redisSocket( site ),
			'--unixsocketperm',
			'777',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			run,
			'--pidfile',
			path.join( run, 'redis.pid' ),
			'--logfile',
			path.join( site.dir, 'redis.log' ),
		],
		{ stdio: 'ignore' }
	);
	children.add( child );
	for ( let i = 0; i < 100 && ! existsSync( redisSocket( site ) ); i++ ) {
		await sleep( 50 );
	}
	if ( ! existsSync( redisSocket( site ) ) ) {
		throw new Error( 'Redis did not come back' );
	}
}

export function redisKeys( site: Scaleout ): number {
	return Number(
		execFileSync( 'redis-cli', [ '-s', redisSocket( site ), 'DBSIZE' ] )
			.toString()
			.trim()
	);
}

/**
 * The shared object cache on or off for every web node at once. Switching on starts from an empty
 * cache: what it held when it was switched off may have changed since in the database.
 */
export function switchSharedCache( site: Scaleout, on: boolean ): void {
	const flag = path.join( site.dir, 'run/no-shared-cache' );
	if ( on ) {
		execFileSync( 'redis-cli', [ '-s', redisSocket( site ), 'FLUSHALL' ] );
		if ( existsSync( flag ) ) {
			unlinkSync( flag );
		}
	} else {
		writeFileSync( flag, '' );
	}
}

/**
 * Waits until every running node has applied all the cluster committed (a causal read on each),
 * so that counts read on different nodes describe the same moment.
 */
export async function settled( site: Scaleout ): Promise< void > {
	for ( const db of site.dbs ) {
		await db.query( 'SET SESSION wsrep_sync_wait = 1; SELECT 1' );
	}
}
