/**
 * A persistent object cache for a running bench site: a private Redis (unix socket under the site's
 * run/ folder, no persistence) and the Redis Object Cache drop-in from ../shared/fixtures, put in
 * place and taken away again while the site keeps serving.
 *
 * The drop-in's settings are constants (WP_REDIS_SCHEME, WP_REDIS_PATH, …). They are defined by a
 * small wp-content/object-cache.php that then loads the copied drop-in, not in wp-config.php: the
 * bench's php-fpm runs with opcache.validate_timestamps=0, so an edited wp-config.php would never
 * be read again by the running workers, while a new file is compiled on first use and WordPress
 * checks for object-cache.php with a real file_exists() on every request. Removing the two files
 * restores the site exactly (its wp-config.php is never touched).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { repoRoot } from './site';

export const REDIS_DROP_IN = path.resolve(
	repoRoot,
	'../shared/fixtures/redis-object-cache.php'
);

/** Why a persistent object cache cannot be measured on this machine, or null when it can. */
export function objectCacheProblem( siteDir: string ): string | null {
	if ( ! existsSync( REDIS_DROP_IN ) ) {
		return `${ REDIS_DROP_IN } is missing`;
	}
	if ( spawnSync( 'redis-server', [ '--version' ] ).status !== 0 ) {
		return 'redis-server is not installed';
	}
	if ( existsSync( contentFile( siteDir, 'object-cache.php' ) ) ) {
		return 'the site already has a wp-content/object-cache.php';
	}
	return null;
}

/** Redis's and the drop-in's versions, as the report names them. */
export function objectCacheVersions(): { redis: string; dropIn: string } {
	const server = spawnSync( 'redis-server', [ '--version' ], {
		encoding: 'utf8',
	} );
	return {
		redis: /v=(\S+)/.exec( server.stdout ?? '' )?.[ 1 ] ?? 'unknown',
		dropIn:
			/^\s*\*\s*Version:\s*(\S+)/m.exec(
				readFileSync( REDIS_DROP_IN, 'utf8' )
			)?.[ 1 ] ?? 'unknown',
	};
}

function contentFile( siteDir: string, name: string ): string {
	return path.join( siteDir, 'wordpress/wp-content', name );
}

const sleep = ( ms: number ) =>
	new Promise( ( resolve ) => setTimeout( resolve, ms ) );

/** What Redis counted: keys held, and lookups that found a key or missed since the last reset. */
export interface RedisStats {
	keys: number;
	hits: number;
	misses: number;
}

export class RedisObjectCache {
	private readonly socket: string;

	private readonly loader: string;

	private readonly dropIn: string;

	private constructor(
		siteDir: string,
		private readonly stopServer: () => Promise< void >
	) {
		this.socket = path.join( siteDir, 'run/object-cache-redis.sock' );
		this.loader = contentFile( siteDir, 'object-cache.php' );
		this.dropIn = contentFile( siteDir, 'bench-redis-object-cache.php' );
	}

	/** Starts Redis for `siteDir` (the cache is not in use until `enable()`). */
	static async start( siteDir: string ): Promise< RedisObjectCache > {
		const run = path.join( siteDir, 'run' );
		mkdirSync( run, { recursive: true } );
		const socket = path.join( run, 'object-cache-redis.sock' );
		rmSync( socket, { force: true } );
		const child = spawn(
			'redis-server',
			[
				'--port',
				'0',
				'--unixsocket',
				socket,
				'--unixsocketperm',
				'770',
				'--save',
				'',
				'--appendonly',
				'no',
				'--daemonize',
				'no',
				'--dir',
				run,
				'--logfile',
				path.join( siteDir, 'object-cache-redis.log' ),
			],
			{ stdio: 'ignore' }
		);
		// Never outlives the bench, even when it is interrupted.
		const killOnExit = (): void => {
			child.kill( 'SIGKILL' );
		};
		process.once( 'exit', killOnExit );
		const exited = new Promise< void >( ( resolve ) =>
			child.once( 'exit', () => resolve() )
		);
		const stop = async (): Promise< void > => {
			process.removeListener( 'exit', killOnExit );
			if ( child.exitCode === null && child.signalCode === null ) {
				child.kill( 'SIGTERM' );
				await exited;
			}
			rmSync( socket, { force: true } );
		};
		const cache = new RedisObjectCache( siteDir, stop );
		for ( let i = 0; i < 100 && ! existsSync( socket ); i++ ) {
			await sleep( 50 );
		}
		if ( ! existsSync( socket ) ) {
			await stop();
			throw new Error( 'redis-server did not open its socket in 5 s' );
		}
		return cache;
	}

	/** From the next request on, WordPress uses Redis as its object cache (empty at first). */
	enable(): void {
		this.cli( 'FLUSHALL' );
		copyFileSync( REDIS_DROP_IN, this.dropIn );
		const quote = ( value: string ) =>
			`'${ value.replace( /['\\]/g, '\\$&' ) }'`;
		writeFileSync(
			this.loader,
			[
				'<?php',
				"// The bench's object-cache phase (tests/bench/phases/object-cache.ts) writes this file and removes it when done.",
				"define( 'WP_REDIS_CLIENT', 'phpredis' );",
				"define( 'WP_REDIS_SCHEME', 'unix' );",
				`define( 'WP_REDIS_PATH', ${ quote( this.socket ) } );`,
				"define( 'WP_REDIS_PREFIX', 'bench' );",
				`require ${ quote( this.dropIn ) };`,
				'',
			].join( '\n' )
		);
	}

	/** From the next request on, the site runs without a persistent object cache, as before. */
	disable(): void {
		rmSync( this.loader, { force: true } );
		rmSync( this.dropIn, { force: true } );
	}

	resetStats(): void {
		this.cli( 'CONFIG', 'RESETSTAT' );
	}

	stats(): RedisStats {
		const info = this.cli( 'INFO', 'stats' );
		const field = ( name: string ) =>
			Number(
				new RegExp( `^${ name }:(\\d+)`, 'm' ).exec( info )?.[ 1 ]
			);
		return {
			keys: Number( this.cli( 'DBSIZE' ).trim() ),
			hits: field( 'keyspace_hits' ),
			misses: field( 'keyspace_misses' ),
		};
	}

	/** Takes the cache out of the site and stops Redis. */
	async stop(): Promise< void > {
		this.disable();
		await this.stopServer();
	}

	private cli( ...args: string[] ): string {
		return execFileSync( 'redis-cli', [ '-s', this.socket, ...args ], {
			encoding: 'utf8',
		} );
	}
}
