/**
 * The site's MariaDB as a process the test controls: killed without warning (SIGKILL, as a crash
 * or an OOM kill would), started again with the site's own command line
 * (`bin/support/mariadbd.sh`), and the invariants every grant must keep whatever happened.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Database } from '../../bench/lib/db';
import { repoRoot, type BenchSite } from '../../bench/lib/site';
import { sleep } from './harness';

function running( pid: number ): boolean {
	try {
		const stat = readFileSync( `/proc/${ pid }/stat`, 'utf8' );
		// A killed child stays a zombie until its parent reaps it; it serves nothing.
		return ! / Z /.test( stat.slice( stat.lastIndexOf( ')' ) ) );
	} catch {
		return false;
	}
}

export async function killDatabase( site: BenchSite ): Promise< void > {
	const pid = Number(
		readFileSync( path.join( site.dir, 'run/mysqld.pid' ), 'utf8' ).trim()
	);
	process.kill( pid, 'SIGKILL' );
	for ( let i = 0; i < 100 && running( pid ); i++ ) {
		await sleep( 50 );
	}
	if ( running( pid ) ) {
		throw new Error( `MariaDB (pid ${ pid }) survived SIGKILL` );
	}
}

export interface DatabaseProcess {
	stop: () => Promise< void >;
}

/** Starts the site's MariaDB again and resolves once it answers queries. */
export async function startDatabase(
	site: BenchSite
): Promise< DatabaseProcess > {
	const child: ChildProcess = spawn(
		'bash',
		[ path.join( repoRoot, 'bin/support/mariadbd.sh' ), site.dir ],
		{ stdio: 'ignore' }
	);
	const stop = async (): Promise< void > => {
		if ( child.exitCode === null && child.signalCode === null ) {
			const exited = new Promise( ( resolve ) =>
				child.once( 'exit', resolve )
			);
			child.kill( 'SIGTERM' );
			await exited;
		}
	};
	const db = new Database( site.socket );
	const deadline = Date.now() + 60_000;
	while ( Date.now() < deadline ) {
		if ( child.exitCode !== null ) {
			throw new Error( `MariaDB exited with ${ child.exitCode }` );
		}
		try {
			await db.query( 'SELECT 1' );
			return { stop };
		} catch {
			await sleep( 100 );
		}
	}
	await stop();
	throw new Error( 'MariaDB did not come back within 60 s' );
}

export interface GrantInvariants {
	grants: number;
	codes: number;
	unusedCodes: number;
	broken: string[];
}

/**
 * Every grant of these clients is whole: a used code bought exactly one access token and one
 * refresh token, each used refresh token exactly one successor pair, so per grant there are as
 * many access tokens as refresh tokens and exactly one more refresh token than were used. A
 * crash between marking a code used and storing its tokens would break this.
 */
export async function grantInvariants(
	db: Database,
	clientIds: string[]
): Promise< GrantInvariants > {
	const ids = clientIds
		.map( ( id ) => `'${ id.replace( /'/g, '' ) }'` )
		.join( ',' );
	const codes = await db.query(
		`SELECT COUNT(*) AS codes, SUM(used_at IS NULL) AS unused FROM wp_oidc_auth_codes WHERE client_id IN (${ ids })`
	);
	const rows = await db.query(
		`SELECT c.grant_id, c.used_at IS NOT NULL AS used,
			SUM(t.type = 'access') AS access, SUM(t.type = 'refresh') AS refresh,
			SUM(t.type = 'refresh' AND t.used_at IS NOT NULL) AS refresh_used,
			SUM(t.type = 'refresh' AND t.used_at IS NULL AND t.revoked_at IS NULL) AS refresh_live
		FROM wp_oidc_auth_codes c LEFT JOIN wp_oidc_tokens t ON t.grant_id = c.grant_id
		WHERE c.client_id IN (${ ids }) GROUP BY c.grant_id, c.used_at`
	);
	const broken: string[] = [];
	let grants = 0;
	for ( const row of rows ) {
		const access = Number( row.access || 0 );
		const issued = Number( row.refresh || 0 );
		const used = Number( row.refresh_used || 0 );
		const live = Number( row.refresh_live || 0 );
		if ( row.used !== '1' ) {
			if ( access + issued > 0 ) {
				broken.push( `${ row.grant_id }: tokens for an unused code` );
			}
			continue;
		}
		grants++;
		if ( access !== issued || issued !== used + 1 || live > 1 ) {
			broken.push(
				`${ row.grant_id }: ${ access } access, ${ issued } refresh, ${ used } used, ${ live } live`
			);
		}
	}
	return {
		grants,
		codes: Number( codes[ 0 ]?.codes ) || 0,
		// SUM() over no rows is NULL.
		unusedCodes: Number( codes[ 0 ]?.unused ) || 0,
		broken,
	};
}
