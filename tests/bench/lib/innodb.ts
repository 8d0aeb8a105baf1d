/**
 * What InnoDB says about locks on the bench site's MariaDB: the server's lock and transaction
 * counters (read before and after a batch, their difference is what that batch cost), the lock
 * waits in progress, sampled while a batch runs, and the last deadlock InnoDB broke.
 */
import type { Database } from './db';

/**
 * The counters, by their `SHOW GLOBAL STATUS` names. `Com_begin` counts START TRANSACTION and
 * `Com_rollback` ROLLBACK: the grant's transaction (`Storage\Transaction::run`) rolls back and
 * starts again when InnoDB breaks a deadlock or a lock wait times out, so more transactions than
 * grants, or any rollback, are its retries.
 */
export const LOCK_COUNTERS = [
	'Innodb_row_lock_waits',
	'Innodb_row_lock_time',
	'Innodb_deadlocks',
	'Com_begin',
	'Com_rollback',
] as const;

export type LockCounters = Record< ( typeof LOCK_COUNTERS )[ number ], number >;

export function noCounters(): LockCounters {
	return Object.fromEntries(
		LOCK_COUNTERS.map( ( name ) => [ name, 0 ] )
	) as LockCounters;
}

export async function lockCounters( db: Database ): Promise< LockCounters > {
	const rows = await db.query(
		`SHOW GLOBAL STATUS WHERE Variable_name IN (${ LOCK_COUNTERS.map(
			( name ) => `'${ name }'`
		).join( ', ' ) })`
	);
	const counters = noCounters();
	for ( const row of rows ) {
		const name = row.Variable_name as keyof LockCounters;
		if ( name in counters ) {
			counters[ name ] = Number( row.Value );
		}
	}
	return counters;
}

/** `total` plus what the counters grew by from `before` to `after`. */
export function addDifference(
	total: LockCounters,
	before: LockCounters,
	after: LockCounters
): LockCounters {
	const sum = noCounters();
	for ( const name of LOCK_COUNTERS ) {
		sum[ name ] = total[ name ] + after[ name ] - before[ name ];
	}
	return sum;
}

export interface LockWaitSamples {
	/** How many times the lock waits were read while the batch ran. */
	polls: number;
	/** How many of those reads found at least one transaction waiting for a lock. */
	pollsWithWaits: number;
	/**
	 * Each waiting statement seen (literals replaced by `?`), with the index it waited on, the lock
	 * mode, what the blocking transaction was running (empty when it was between statements) and
	 * how many times that wait was seen.
	 */
	waits: Array< {
		waiting: string;
		blocking: string;
		lock: string;
		seen: number;
	} >;
	/** Why the reads stopped early, when they did. */
	error?: string;
}

/** One read of the lock waits in progress, tagged with its number in the chunk. */
const waitsSql = ( poll: number ): string => `SELECT ${ poll } AS poll,
	LEFT(r.trx_query, 400) AS waiting,
	LEFT(IFNULL(b.trx_query, ''), 400) AS blocking,
	CONCAT(l.lock_table, ' ', IFNULL(l.lock_index, ''), ' ', l.lock_mode, ' ', l.lock_type) AS \`lock\`
FROM information_schema.INNODB_LOCK_WAITS w
JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id
JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id
JOIN information_schema.INNODB_LOCKS l ON l.lock_id = w.requested_lock_id`;

/** Reads per `mariadb` client, 5 ms apart: one client process per chunk, not per read. */
const POLLS_PER_CHUNK = 100;
const CHUNK_SQL = Array.from(
	{ length: POLLS_PER_CHUNK },
	( _, poll ) => `${ waitsSql( poll ) }; DO SLEEP(0.005)`
).join( ';\n' );

function shape( sql: string ): string {
	return sql
		.replace( /'(?:[^'\\]|\\.)*'/g, '?' )
		.replace( /\b\d+\b/g, '?' )
		.replace( /\s+/g, ' ' )
		.trim();
}

/**
 * Reads InnoDB's lock waits every few milliseconds until `stop()` is called, and returns what it
 * saw. The reads cost CPU, so they run during a batch kept out of the measured figures.
 */
export function watchLockWaits( db: Database ): {
	stop: () => Promise< LockWaitSamples >;
} {
	let running = true;
	const seen = new Map<
		string,
		{ waiting: string; blocking: string; lock: string; seen: number }
	>();
	const result: LockWaitSamples = { polls: 0, pollsWithWaits: 0, waits: [] };
	const loop = ( async (): Promise< void > => {
		while ( running ) {
			// Every result set after the first repeats its column names as a row: skipped.
			const rows = (
				await db.query( CHUNK_SQL ).catch( ( error ) => {
					running = false;
					result.error =
						error instanceof Error
							? error.message
							: String( error );
					return [];
				} )
			).filter( ( row ) => row.poll !== 'poll' );
			if ( ! result.error ) {
				result.polls += POLLS_PER_CHUNK;
			}
			result.pollsWithWaits += new Set(
				rows.map( ( row ) => row.poll )
			).size;
			for ( const row of rows ) {
				const wait = {
					waiting: shape( row.waiting ?? '' ),
					blocking: shape( row.blocking ?? '' ),
					lock: row.lock ?? '',
				};
				const key = `${ wait.waiting }|${ wait.blocking }|${ wait.lock }`;
				const entry = seen.get( key ) ?? { ...wait, seen: 0 };
				entry.seen++;
				seen.set( key, entry );
			}
		}
	} )();
	return {
		stop: async () => {
			running = false;
			await loop;
			result.waits = [ ...seen.values() ].sort(
				( a, b ) => b.seen - a.seen
			);
			return result;
		},
	};
}

/** The "LATEST DETECTED DEADLOCK" section of `SHOW ENGINE INNODB STATUS`, or '' when none. */
export async function latestDeadlock( db: Database ): Promise< string > {
	const rows = await db.query( 'SHOW ENGINE INNODB STATUS' );
	const status = ( rows[ 0 ]?.Status ?? '' ).replace( /\\n/g, '\n' );
	const match = /LATEST DETECTED DEADLOCK\n-+\n([\s\S]*?)\n-{8,}\n[A-Z]/.exec(
		status
	);
	return match?.[ 1 ]?.trim() ?? '';
}
