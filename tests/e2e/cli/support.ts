/**
 * Runs the real WP-CLI (`../shared/tools/wp-cli.phar`, beside the project) against the suite's own
 * site, as an operator would: its exit code, standard output and standard error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { siteDir } from '../support/env';
import { repoRoot } from '../support/site';

export const WP_CLI = path.resolve( repoRoot, '../shared/tools/wp-cli.phar' );

export interface CliResult {
	status: number;
	stdout: string;
	stderr: string;
}

/**
 * `wp <args>`; `input` is what is typed on standard input, which is closed after it (nothing
 * given: no answer at all, as in a script).
 */
export function wp( args: string[], input = '' ): CliResult {
	const dir = siteDir();
	if ( ! dir ) {
		throw new Error(
			'KEYSTONE_SITE_DIR is unset: the WP-CLI specs run against the suite’s own site.'
		);
	}
	if ( ! existsSync( WP_CLI ) ) {
		throw new Error(
			`${ WP_CLI } is missing: the WP-CLI specs need the shared folder next to the project (../shared).`
		);
	}
	const root = process.getuid?.() === 0 ? [ '--allow-root' ] : [];
	const result = spawnSync(
		'php',
		[
			WP_CLI,
			`--path=${ path.join( dir, 'wordpress' ) }`,
			...root,
			...args,
		],
		{ cwd: repoRoot, encoding: 'utf8', input, timeout: 60_000 }
	);
	if ( result.error ) {
		throw result.error;
	}
	return {
		status: result.status ?? -1,
		stdout: result.stdout,
		stderr: result.stderr,
	};
}

/** A command that must succeed; its standard output. */
export function wpOk( args: string[], input = '' ): string {
	const result = wp( args, input );
	expect(
		result.status,
		`wp ${ args.join( ' ' ) }\n${ result.stderr }`
	).toBe( 0 );
	return result.stdout;
}

/** A command that must succeed and print JSON. */
export function wpJson< T >( args: string[], input = '' ): T {
	return JSON.parse( wpOk( [ ...args, '--format=json' ], input ) ) as T;
}

/**
 * A command that must fail as WP-CLI commands fail: exit code 1 and `Error: <message> (<code>)`
 * on standard error, with the REST API's code.
 */
export function expectCliError(
	result: CliResult,
	code: string,
	message?: string | RegExp
): void {
	expect( result.status, result.stdout + result.stderr ).toBe( 1 );
	expect( result.stderr ).toContain( `(${ code })` );
	expect( result.stderr ).toMatch( /^Error: /m );
	if ( typeof message === 'string' ) {
		expect( result.stderr ).toContain( `Error: ${ message } (${ code })` );
	} else if ( message ) {
		expect( result.stderr ).toMatch( message );
	}
}
