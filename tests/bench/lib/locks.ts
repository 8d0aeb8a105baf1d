/**
 * Who waits for whose row locks while something runs: InnoDB's row-lock counters, and a sampler
 * that polls MariaDB's lock waits (which statement waits, on which lock, behind which statement)
 * and the DELETE statements in flight (how long they have run, how many rows they hold locked).
 */
import type { Database } from './db';

/** `Innodb_row_lock_*` (waits, time in ms, current waits…), by name without the prefix. */
export async function rowLockStatus(
	db: Database
): Promise< Record< string, number > > {
	const rows = await db.query( "SHOW GLOBAL STATUS LIKE 'Innodb_row_lock%'" );
	return Object.fromEntries(
		rows.map( ( row ) => [
			String( row.Variable_name ).replace( /^Innodb_row_lock_/, '' ),
			Number( row.Value ),
		] )
	);
}

export function statusDelta(
	before: Record< string, number >,
	after: Record< string, number >
): Record< string, number > {
	return Object.fromEntries(
		[ 'waits', 'time' ].map( ( key ) => [
			key,
			( after[ key ] ?? 0 ) - ( before[ key ] ?? 0 ),
		] )
	);
}

/** A statement's shape: literals out, so each batch of the same DELETE counts as one. */
export function shape( sql: string | undefined ): string {
	if ( ! sql || sql === 'NULL' ) {
		return '(between statements of an open transaction)';
	}
	return sql
		.replace( /'[^']*'/g, "'…'" )
		.replace( /\b\d+\b/g, 'N' )
		.replace( /\s+/g, ' ' )
		.trim()
		.slice( 0, 160 );
}

export interface LockWait {
	waiting: string;
	blocking: string;
	lock: string;
	/** How many samples saw this wait. */
	samples: number;
	longestMs: number;
}

export interface StatementSeen {
	sql: string;
	/** One statement of this shape as it was sent, literals and all (for EXPLAIN). */
	example: string;
	samples: number;
	longestMs: number;
	mostRowsLocked: number;
}

export interface LockReport {
	samples: number;
	intervalMs: number;
	waits: LockWait[];
	deletes: StatementSeen[];
}

export class LockWatch {
	private readonly waits = new Map< string, LockWait >();

	private readonly deletes = new Map< string, StatementSeen >();

	private samples = 0;

	private running = false;

	private loop: Promise< void > | null = null;

	private readonly db: Database;

	private readonly intervalMs: number;

	constructor( db: Database, intervalMs = 200 ) {
		this.db = db;
		this.intervalMs = intervalMs;
	}

	start(): void {
		this.running = true;
		this.loop = ( async () => {
			while ( this.running ) {
				// A sample that fails (the server busy) is skipped, never the measurement.
				await this.sample().catch( () => undefined );
				await new Promise( ( resolve ) =>
					setTimeout( resolve, this.intervalMs )
				);
			}
		} )();
	}

	async stop(): Promise< LockReport > {
		this.running = false;
		await this.loop;
		const byCount = < T extends { samples: number } >( list: T[] ) =>
			list.sort( ( a, b ) => b.samples - a.samples );
		return {
			samples: this.samples,
			intervalMs: this.intervalMs,
			waits: byCount( [ ...this.waits.values() ] ),
			deletes: byCount( [ ...this.deletes.values() ] ),
		};
	}

	private async sample(): Promise< void > {
		// One statement (one client process) per sample: the waits, then the DELETEs in flight.
		const rows = await this.db.query(
			`SELECT 'wait' AS kind, r.trx_query AS q, b.trx_query AS blocking,
				CONCAT(l.lock_mode, ' ', l.lock_type, ' on ', l.lock_table, COALESCE(CONCAT('.', l.lock_index), '')) AS \`lock\`,
				TIMESTAMPDIFF(MICROSECOND, r.trx_wait_started, NOW(6)) / 1000 AS ms, 0 AS locked
			FROM information_schema.INNODB_LOCK_WAITS w
			JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id
			JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id
			JOIN information_schema.INNODB_LOCKS l ON l.lock_id = w.requested_lock_id
			UNION ALL
			SELECT 'delete', p.INFO, NULL, NULL, p.TIME_MS, COALESCE(t.trx_rows_locked, 0)
			FROM information_schema.PROCESSLIST p
			LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
			WHERE p.COMMAND = 'Query' AND p.INFO LIKE 'DELETE%'`
		);
		const waits = rows.filter( ( row ) => row.kind === 'wait' );
		const inFlight = rows.filter( ( row ) => row.kind === 'delete' );
		this.samples++;
		for ( const row of waits ) {
			const wait = {
				waiting: shape( row.q ),
				blocking: shape( row.blocking ),
				lock: String( row.lock ),
			};
			const key = JSON.stringify( wait );
			const seen = this.waits.get( key ) ?? {
				...wait,
				samples: 0,
				longestMs: 0,
			};
			seen.samples++;
			seen.longestMs = Math.max( seen.longestMs, Number( row.ms ) || 0 );
			this.waits.set( key, seen );
		}
		for ( const row of inFlight ) {
			const sql = shape( row.q );
			const seen = this.deletes.get( sql ) ?? {
				sql,
				example: String( row.q ),
				samples: 0,
				longestMs: 0,
				mostRowsLocked: 0,
			};
			seen.samples++;
			seen.longestMs = Math.max( seen.longestMs, Number( row.ms ) || 0 );
			seen.mostRowsLocked = Math.max(
				seen.mostRowsLocked,
				Number( row.locked ) || 0
			);
			this.deletes.set( sql, seen );
		}
	}
}
