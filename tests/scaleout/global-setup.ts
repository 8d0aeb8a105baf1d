/**
 * Starts every run with no figures from an earlier one.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from './support/spread';

export default function globalSetup(): void {
	rmSync( path.join( ARTIFACTS, 'scenarios' ), {
		recursive: true,
		force: true,
	} );
	rmSync( path.join( ARTIFACTS, 'summary.json' ), { force: true } );
}
