/**
 * Stops whatever a failed run left of the scale-out site (each process by the pid file it wrote
 * under .cache/sites/scaleout*), then merges the figures each scenario wrote into
 * `artifacts/scaleout/summary.json` and prints them as a table.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../bench/lib/site';
import { ARTIFACTS } from './support/spread';

const PID_FILES = [
	'run/nginx.pid',
	'run/web1/php-fpm.pid',
	'run/web2/php-fpm.pid',
	'run/web3/php-fpm.pid',
	'run/redis.pid',
	'db1/mysqld.pid',
	'db2/mysqld.pid',
	'db3/mysqld.pid',
];

function stopLeftovers(): void {
	const sites = path.join( repoRoot, '.cache/sites' );
	if ( ! existsSync( sites ) ) {
		return;
	}
	for ( const name of readdirSync( sites ) ) {
		if ( ! name.startsWith( 'scaleout' ) ) {
			continue;
		}
		for ( const file of PID_FILES ) {
			const pidFile = path.join( sites, name, file );
			if ( ! existsSync( pidFile ) ) {
				continue;
			}
			const pid = Number( readFileSync( pidFile, 'utf8' ).trim() );
			try {
				process.kill( pid, 'SIGTERM' );
				process.stdout.write(
					`scale-out: stopped leftover ${ file } (pid ${ pid })\n`
				);
			} catch {
				// Already gone.
			}
		}
	}
}

type Row = Record< string, unknown >;

function table( scenarios: Record< string, Row > ): string {
	const lines = [
		'| scenario | sign-ins/s | requests/s | median ms | p95 ms | p99 ms | answers |',
		'| --- | ---: | ---: | ---: | ---: | ---: | --- |',
	];
	for ( const [ name, figures ] of Object.entries( scenarios ) ) {
		const load = figures.load as Row | undefined;
		if ( ! load ) {
			continue;
		}
		lines.push(
			`| ${ name } | ${ String( load.signInsPerSecond ) } | ${ String(
				load.requestsPerSecond
			) } | ${ String( load.medianMs ) } | ${ String(
				load.p95Ms
			) } | ${ String( load.p99Ms ) } | ${ JSON.stringify(
				load.byStatus
			) } |`
		);
	}
	return lines.join( '\n' );
}

export default function globalTeardown(): void {
	stopLeftovers();
	const folder = path.join( ARTIFACTS, 'scenarios' );
	if ( ! existsSync( folder ) ) {
		return;
	}
	const scenarios: Record< string, Row > = {};
	for ( const file of readdirSync( folder ).sort() ) {
		if ( file.endsWith( '.json' ) ) {
			scenarios[ path.basename( file, '.json' ) ] = JSON.parse(
				readFileSync( path.join( folder, file ), 'utf8' )
			) as Row;
		}
	}
	const summary = { finishedAt: new Date().toISOString(), scenarios };
	writeFileSync(
		path.join( ARTIFACTS, 'summary.json' ),
		JSON.stringify( summary, null, 2 ) + '\n'
	);
	process.stdout.write(
		`\nScale-out figures (artifacts/scaleout/summary.json):\n${ table(
			scenarios
		) }\n`
	);
}
