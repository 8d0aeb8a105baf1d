/**
 * The suite's `test`: Playwright's, plus a check after every test that the site wrote nothing new
 * to its PHP error logs. The check never switches itself off: when the logs cannot be read (a site
 * the suite did not boot, an unreadable folder), the test fails rather than pass unwatched.
 */
import {
	accessSync,
	constants,
	existsSync,
	readFileSync,
	statSync,
} from 'node:fs';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { phpLogFiles } from './env';

/**
 * Each log's size now, of the suite's site or the one in `dir`; a log not yet written is 0 (its
 * folder must be readable).
 */
export function phpLogSizes( dir?: string ): Map< string, number > {
	const files = phpLogFiles( dir );
	if ( files.length === 0 ) {
		throw new Error(
			"The PHP error log cannot be read: KEYSTONE_SITE_DIR is unset (a site the suite did not boot). Point it at the folder holding the site's debug.log and php-error.log; no test runs unwatched."
		);
	}
	const result = new Map< string, number >();
	for ( const file of files ) {
		accessSync( path.dirname( file ), constants.R_OK );
		result.set( file, existsSync( file ) ? statSync( file ).size : 0 );
	}
	return result;
}

/**
 * Fails on any line the logs gained since `before` was taken, except lines matching `notOurs`: a
 * spec that drives a site the test must-use plugin cannot quiet (2.x's own admin screens) names
 * the one line of WordPress core's it expects there.
 */
export function expectPhpLogsUnchanged(
	before: Map< string, number >,
	notOurs?: RegExp
): void {
	for ( const [ file, size ] of before ) {
		if ( ! existsSync( file ) ) {
			// Never written: only possible when it did not exist before either.
			expect( size, `${ file } disappeared` ).toBe( 0 );
			continue;
		}
		const added = readFileSync( file ).subarray( size ).toString();
		const kept = notOurs
			? added
					.split( '\n' )
					.filter( ( line ) => ! notOurs.test( line ) )
					.join( '\n' )
			: added;
		expect( kept, `new lines in ${ file }` ).toBe( '' );
	}
}

export const test = base.extend< { phpLogUnchanged: void } >( {
	phpLogUnchanged: [
		async ( {}, use ) => {
			const before = phpLogSizes();
			await use();
			expectPhpLogsUnchanged( before );
		},
		{ auto: true },
	],
} );

export { expect };
