/**
 * The suite's `test`: Playwright's, plus a check after every test that the site wrote nothing new
 * to its PHP error logs (where the suite can read them).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { test as base, expect } from '@playwright/test';
import { phpLogFiles } from './env';

function sizes(): Map< string, number > {
	const result = new Map< string, number >();
	for ( const file of phpLogFiles() ) {
		result.set( file, existsSync( file ) ? statSync( file ).size : 0 );
	}
	return result;
}

export const test = base.extend< { phpLogUnchanged: void } >( {
	phpLogUnchanged: [
		async ( {}, use ) => {
			const before = sizes();
			await use();
			for ( const [ file, size ] of before ) {
				if ( ! existsSync( file ) ) {
					continue;
				}
				const added = readFileSync( file ).subarray( size ).toString();
				expect( added, `new lines in ${ file }` ).toBe( '' );
			}
		},
		{ auto: true },
	],
} );

export { expect };
