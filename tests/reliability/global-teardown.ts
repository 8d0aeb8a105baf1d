/**
 * Merges the figures each scenario wrote into `artifacts/reliability/summary.json` and prints
 * them.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from './support/harness';

export default function globalTeardown(): void {
	const folder = path.join( ARTIFACTS, 'scenarios' );
	if ( ! existsSync( folder ) ) {
		return;
	}
	const scenarios: Record< string, unknown > = {};
	for ( const file of readdirSync( folder ).sort() ) {
		if ( file.endsWith( '.json' ) ) {
			scenarios[ path.basename( file, '.json' ) ] = JSON.parse(
				readFileSync( path.join( folder, file ), 'utf8' )
			) as unknown;
		}
	}
	const summary = { finishedAt: new Date().toISOString(), scenarios };
	const text = JSON.stringify( summary, null, 2 );
	writeFileSync( path.join( ARTIFACTS, 'summary.json' ), text + '\n' );
	process.stdout.write(
		`\nReliability summary (${ path.join(
			'artifacts/reliability',
			'summary.json'
		) }):\n${ text }\n`
	);
}
