/**
 * The real WP-CLI (`../shared/tools/wp-cli.phar`, beside the project) against a bench site's
 * files, with the command-line PHP: what an operator's crontab or shell would run.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, type BenchSite } from './site';

const run = promisify( execFile );

export const WP_CLI = path.resolve( repoRoot, '../shared/tools/wp-cli.phar' );

/** Why WP-CLI cannot run against `site`, or null when it can. */
export function wpCliProblem( site: BenchSite ): string | null {
	if ( ! existsSync( WP_CLI ) ) {
		return `${ WP_CLI } is missing`;
	}
	if ( ! existsSync( path.join( site.dir, 'wordpress/wp-config.php' ) ) ) {
		return `no wp-config.php under ${ site.dir }/wordpress`;
	}
	return null;
}

/** `wp <args>` on the site; its standard output (rejects on a non-zero exit). */
export async function wp(
	site: BenchSite,
	args: string[],
	timeoutMs = 600_000
): Promise< string > {
	const root = process.getuid?.() === 0 ? [ '--allow-root' ] : [];
	const { stdout } = await run(
		'php',
		[
			WP_CLI,
			`--path=${ path.join( site.dir, 'wordpress' ) }`,
			...root,
			...args,
		],
		{ cwd: repoRoot, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }
	);
	return stdout;
}
