/**
 * Issue 19: the hourly cleanup of 1,000,000 expired rows runs in bounded batches without blocking
 * grants. Adds expired rows (SQL fills) next to the live rows the site already has, measures the
 * token endpoint (authorization_code, under the bench's load) for a baseline window, then runs the
 * plugin's own cleanup (`wp oidc cleanup`: `Cron\Cleanup::run`, what the cron hook calls) run after
 * run until nothing expired is left, while the same load goes on. Reports the cleanup's duration,
 * runs and rows per run, the token endpoint's p50/p99/throughput and errors before and during,
 * InnoDB's row-lock waits (which statement waited behind which, on which lock) and proves that no
 * expired row is left and every live row is still there.
 */
import type { Batch } from '../lib/http';
import type { Database, SyntheticKind } from '../lib/db';
import { figures, type Figures } from '../lib/stats';
import { codeGrantRequest } from '../lib/oidc';
import { errorText } from '../lib/scenarios';
import {
	LockWatch,
	rowLockStatus,
	statusDelta,
	type LockReport,
} from '../lib/locks';
import { wp, wpCliProblem } from '../lib/wpcli';
import type { Phase, PhaseContext, PhaseReport } from './index';

const ID = 'cleanup';
const TITLE = 'Cleanup of expired rows under load (issue 19)';

/** The tables the cleanup empties of expired rows, and when a row of each may go. */
interface Target {
	/** The key of `wp oidc cleanup --format=json`. */
	key: string;
	table: string;
	kind: SyntheticKind;
	/** The share of the phase's row count added to this table. */
	share: number;
	/** SQL: the unix time from which the cleanup may delete the row (its own predicate). */
	deadline: ( retentionDays: number ) => string;
}

const TARGETS: Target[] = [
	{
		key: 'codes',
		table: 'wp_oidc_auth_codes',
		kind: 'expired-codes',
		share: 1,
		deadline: () => 'expires_at',
	},
	{
		key: 'tokens',
		table: 'wp_oidc_tokens',
		kind: 'expired-tokens',
		share: 1,
		// Token_Repository::delete_expired: expired, or revoked more than a day ago.
		deadline: () =>
			'LEAST(expires_at, COALESCE(revoked_at + 86400, expires_at))',
	},
	{
		key: 'device_codes',
		table: 'wp_oidc_device_codes',
		kind: 'expired-device-codes',
		share: 0.1,
		deadline: () => 'expires_at',
	},
	{
		key: 'assertion_jtis',
		table: 'wp_oidc_assertion_jtis',
		kind: 'expired-jtis',
		share: 0.1,
		deadline: () => 'expires_at',
	},
	{
		key: 'activity',
		table: 'wp_oidc_activity',
		kind: 'expired-activity',
		share: 0.1,
		deadline: ( days ) => `created_at + ${ days * 86400 }`,
	},
];

interface TableState {
	/** Rows that were there when the phase began, or that it added: `id <= maxId`. */
	maxId: number;
	added: number;
	expiredBefore: number;
	/** Rows of `id <= maxId` that may not go yet, by the minute of their deadline. */
	liveByMinute: Map< number, number >;
}

interface Load {
	batches: Batch[];
	errors: Array< { status: number; body: string } >;
	mintErrors: string[];
	wallMs: number;
}

const seconds = ( ms: number ) => ( ms / 1000 ).toFixed( 1 );
const now = () => Math.floor( Date.now() / 1000 );
const fmt = ( n: number ) => n.toLocaleString( 'en-US' );

/**
 * Authorization codes minted and redeemed, `concurrency` at a time, until `done()`: the token
 * requests' samples are the measurement (the authorize requests only feed it).
 */
async function tokenLoad(
	context: PhaseContext,
	done: () => boolean
): Promise< Load > {
	const { chain, client, protocol } = context;
	const load: Load = { batches: [], errors: [], mintErrors: [], wallMs: 0 };
	if ( ! chain || ! protocol ) {
		return load;
	}
	const per = context.config.concurrency * 5;
	const started = Date.now();
	while ( ! done() ) {
		let codes: string[];
		try {
			codes = await chain.mint( per );
		} catch ( error ) {
			load.mintErrors.push( errorText( error ) );
			continue;
		}
		const batch = await client.batch(
			per,
			( i ) => codeGrantRequest( protocol.rp, codes[ i ] as string ),
			true
		);
		for ( const sample of batch.samples ) {
			if ( sample.status !== 200 ) {
				load.errors.push( {
					status: sample.status,
					body: sample.body.slice( 0, 160 ),
				} );
			}
		}
		load.batches.push( batch );
	}
	load.wallMs = Date.now() - started;
	return load;
}

async function liveByMinute(
	db: Database,
	target: Target,
	retention: number,
	maxId: number,
	from: number
): Promise< Map< number, number > > {
	const deadline = target.deadline( retention );
	const rows = await db.query(
		`SELECT ${ deadline } DIV 60 AS m, COUNT(*) AS n FROM \`${ target.table }\` WHERE id <= ${ maxId } AND ${ deadline } >= ${ from } GROUP BY m`
	);
	return new Map( rows.map( ( r ) => [ Number( r.m ), Number( r.n ) ] ) );
}

async function expiredCount(
	db: Database,
	target: Target,
	retention: number,
	at: number,
	maxId?: number
): Promise< number > {
	const deadline = target.deadline( retention );
	return Number(
		await db.scalar(
			`SELECT COUNT(*) AS n FROM \`${
				target.table
			}\` WHERE ${ deadline } < ${ at }${
				maxId === undefined ? '' : ` AND id <= ${ maxId }`
			}`
		)
	);
}

/** Live rows (deadline in a minute from `from` on) of a histogram. */
function liveFrom( histogram: Map< number, number >, from: number ): number {
	let total = 0;
	for ( const [ minute, n ] of histogram ) {
		if ( minute * 60 >= from ) {
			total += n;
		}
	}
	return total;
}

function loadFigures( load: Load ): Figures & { errors: number } {
	return { ...figures( load.batches ), errors: load.errors.length };
}

function describeLoad( name: string, load: Load ): string {
	const f = loadFigures( load );
	return `  ${ name.padEnd( 24 ) } ${ String( f.requests ).padStart(
		6
	) } requests in ${ seconds( load.wallMs ).padStart(
		6
	) } s   p50 ${ f.medianMs.toFixed( 1 ).padStart( 7 ) } ms   p99 ${ f.p99Ms
		.toFixed( 1 )
		.padStart( 7 ) } ms   ${ f.rps
		.toFixed( 1 )
		.padStart( 6 ) } req/s   non-200: ${ f.errors }${
		load.mintErrors.length > 0
			? `, authorize failures ${ load.mintErrors.length }`
			: ''
	}\n`;
}

/** EXPLAIN of one statement of each DELETE shape seen, as the plugin sent it. */
async function plans(
	db: Database,
	locks: LockReport
): Promise< Record< string, string > > {
	const out: Record< string, string > = {};
	for ( const d of locks.deletes ) {
		out[ d.sql ] = await db
			.explain( d.example )
			.then( ( rows ) =>
				rows
					.map(
						( p ) =>
							`type=${ p.type } key=${ p.key } rows=${ p.rows } ${ p.Extra }`
					)
					.join( '; ' )
			)
			.catch( ( error ) => `no plan: ${ errorText( error ) }` );
	}
	return out;
}

function describeLocks(
	locks: LockReport,
	plan: Record< string, string >
): string {
	const waits =
		locks.waits.length === 0
			? '    none seen\n'
			: locks.waits
					.slice( 0, 6 )
					.map(
						( w ) =>
							`    ${
								w.samples
							}× (longest ${ w.longestMs.toFixed(
								0
							) } ms) ${ w.waiting.slice(
								0,
								90
							) }\n      waits for ${
								w.lock
							} held by: ${ w.blocking.slice( 0, 90 ) }\n`
					)
					.join( '' );
	const deletes = locks.deletes
		.slice( 0, 6 )
		.map(
			( d ) =>
				`    ${ d.sql.slice( 0, 110 ) }\n      seen ${
					d.samples
				}×, longest ${ ( d.longestMs / 1000 ).toFixed(
					2
				) } s, up to ${ fmt(
					d.mostRowsLocked
				) } rows locked; EXPLAIN now: ${ plan[ d.sql ] ?? '–' }\n`
		)
		.join( '' );
	return `  lock waits sampled every ${ locks.intervalMs } ms (${
		locks.samples
	} samples):\n${ waits }  DELETE statements in flight (same samples):\n${
		deletes || '    none seen\n'
	}`;
}

async function run( context: PhaseContext ): Promise< PhaseReport > {
	const { db, site, config, log } = context;
	const notMeasured = ( why: string ): PhaseReport => ( {
		id: ID,
		title: TITLE,
		text: `  not measured: ${ why }\n`,
		json: { error: why },
	} );
	if ( ! context.protocol || ! context.chain ) {
		return notMeasured( 'no registered client for the token endpoint' );
	}
	const problem = wpCliProblem( site );
	if ( problem ) {
		return notMeasured( problem );
	}
	for ( const target of TARGETS ) {
		if ( ! ( await db.tableExists( target.table ) ) ) {
			return notMeasured( `the plugin has no ${ target.table } table` );
		}
	}
	const rows = config.quick ? 20_000 : 1_000_000;
	const windowMs = ( config.quick ? 15 : 60 ) * 1000;
	const maxRuns = config.quick ? 40 : 400;
	const capMs = ( config.quick ? 10 : 60 ) * 60 * 1000;
	const retention = Number(
		( await db.scalar(
			"SELECT option_value FROM wp_options WHERE option_name = 'keystone_oidc_activity_retention_days'"
		) ) || 90
	);

	// Expired rows next to the live ones; codes and tokens at once (each keeps a core busy).
	const t0 = Date.now();
	const state = new Map< string, TableState >();
	const fill = async ( target: Target ): Promise< void > => {
		const before = await db.count( target.table );
		// Up to N expired rows, counting those already there (the scale step's codes have mostly
		// expired by now). Every hundredth row of an expired-* fill is live: N / 0.99 rows make N.
		const missing =
			rows * target.share -
			( await expiredCount( db, target, retention, now() ) );
		const add = Math.max( 0, Math.round( ( missing * 100 ) / 99 ) );
		const after = await db.fillTo(
			target.table,
			target.kind,
			before + add
		);
		state.set( target.key, {
			maxId: Number(
				await db.scalar(
					`SELECT COALESCE(MAX(id), 0) AS m FROM \`${ target.table }\``
				)
			),
			added: after - before,
			expiredBefore: 0,
			liveByMinute: new Map(),
		} );
	};
	await Promise.all( TARGETS.slice( 0, 2 ).map( fill ) );
	for ( const target of TARGETS.slice( 2 ) ) {
		await fill( target );
	}
	const fillMs = Date.now() - t0;
	const countedAt = now();
	for ( const target of TARGETS ) {
		const s = state.get( target.key ) as TableState;
		s.expiredBefore = await expiredCount(
			db,
			target,
			retention,
			countedAt,
			s.maxId
		);
		s.liveByMinute = await liveByMinute(
			db,
			target,
			retention,
			s.maxId,
			countedAt
		);
	}
	log(
		`cleanup: expired rows added in ${ seconds(
			fillMs
		) } s: ${ TARGETS.map(
			( t ) => `${ t.key } ${ state.get( t.key )?.expiredBefore }`
		).join( ', ' ) }`
	);

	// Baseline: the same load, no cleanup.
	const lockBase = await rowLockStatus( db );
	const baseStart = Date.now();
	const baseline = await tokenLoad(
		context,
		() => Date.now() - baseStart >= windowMs
	);
	const lockMid = await rowLockStatus( db );

	// The cleanup, run after run, under the same load.
	const runs: Array< {
		ms: number;
		removed: Record< string, number >;
		error?: string;
	} > = [];
	let cleaning = true;
	let lastStart = 0;
	let stopReason = '';
	const watch = new LockWatch( db );
	watch.start();
	const during = tokenLoad( context, () => ! cleaning );
	const cleanupStart = Date.now();
	try {
		const most = new Map< string, number >();
		while ( runs.length < maxRuns && Date.now() - cleanupStart < capMs ) {
			lastStart = now();
			const r0 = Date.now();
			let removed: Record< string, number > = {};
			try {
				removed = JSON.parse(
					await wp( site, [ 'oidc', 'cleanup', '--format=json' ] )
				) as Record< string, number >;
			} catch ( error ) {
				runs.push( {
					ms: Date.now() - r0,
					removed,
					error: errorText( error ).slice( 0, 300 ),
				} );
				stopReason = 'a run failed';
				break;
			}
			runs.push( { ms: Date.now() - r0, removed } );
			// A run that removed less than the most any run removed from every table may have
			// reached the end: only then are the rows counted (the count is a query of its own).
			const saturated = TARGETS.some( ( t ) => {
				const n = removed[ t.key ] ?? 0;
				const saturating = n > 0 && n >= ( most.get( t.key ) ?? 0 );
				most.set( t.key, Math.max( n, most.get( t.key ) ?? 0 ) );
				return saturating;
			} );
			if ( saturated ) {
				continue;
			}
			let left = 0;
			for ( const target of TARGETS ) {
				left += await expiredCount(
					db,
					target,
					retention,
					lastStart,
					state.get( target.key )?.maxId
				);
			}
			if ( left === 0 ) {
				stopReason = 'nothing expired left';
				break;
			}
		}
		stopReason ||= `stopped after ${ runs.length } runs / ${ seconds(
			Date.now() - cleanupStart
		) } s with expired rows left`;
	} finally {
		cleaning = false;
	}
	const cleanupMs = Date.now() - cleanupStart;
	const load = await during;
	const locks = await watch.stop();
	const plan = await plans( db, locks );
	const lockEnd = await rowLockStatus( db );

	// Proof: nothing expired (as of the last run's start) is left, every live row still is.
	const finalAt = now();
	const tables = [];
	for ( const target of TARGETS ) {
		const s = state.get( target.key ) as TableState;
		const after = await liveByMinute(
			db,
			target,
			retention,
			s.maxId,
			finalAt
		);
		const liveBefore = liveFrom( s.liveByMinute, finalAt );
		const liveAfter = liveFrom( after, finalAt );
		tables.push( {
			table: target.table,
			added: s.added,
			expiredBefore: s.expiredBefore,
			expiredLeft: await expiredCount( db, target, retention, lastStart ),
			removed: runs.reduce(
				( sum, r ) => sum + ( r.removed[ target.key ] ?? 0 ),
				0
			),
			liveBefore,
			liveAfter,
		} );
	}
	const base = loadFigures( baseline );
	const under = loadFigures( load );
	const baseLocks = statusDelta( lockBase, lockMid );
	const cleanupLocks = statusDelta( lockMid, lockEnd );
	const ok =
		tables.every(
			( t ) => t.expiredLeft === 0 && t.liveAfter === t.liveBefore
		) && under.errors === 0;

	const runMs = runs.map( ( r ) => r.ms ).sort( ( a, b ) => a - b );
	const text =
		`  ${ config.quick ? 'quick mode: ' : '' }${ fmt(
			rows
		) } expired rows each in the code and token tables, ${ fmt(
			Math.round( rows * 0.1 )
		) } each in device codes, assertion jtis and activity (${
			config.quick
				? 'full run: 1,000,000 and 100,000'
				: 'quick mode: 20,000 and 2,000'
		}; the expired rows already there count, the rest are added with one live row per 99 expired), added in ${ seconds(
			fillMs
		) } s; load: authorization codes minted and redeemed, ${
			config.concurrency
		} at a time; baseline ${ seconds( windowMs ) } s.\n` +
		`  cleanup (wp oidc cleanup = Cron\\Cleanup::run, the cron hook's job): ${
			runs.length
		} runs in ${ seconds(
			cleanupMs
		) } s (${ stopReason }); a run took ${ seconds(
			runMs[ 0 ] ?? 0
		) }–${ seconds(
			runMs[ runMs.length - 1 ] ?? 0
		) } s, first run removed ${ JSON.stringify(
			runs[ 0 ]?.removed ?? {}
		) }${
			runs.find( ( r ) => r.error )
				? `; error: ${ runs.find( ( r ) => r.error )?.error }`
				: ''
		}\n` +
		`  token endpoint (authorization_code):\n` +
		describeLoad( 'baseline (no cleanup)', baseline ) +
		describeLoad( 'during the cleanup', load ) +
		`  during/baseline: p50 ${ ( under.medianMs / base.medianMs ).toFixed(
			2
		) }×, p99 ${ ( under.p99Ms / base.p99Ms ).toFixed(
			2
		) }×, throughput ${ ( under.rps / base.rps ).toFixed( 2 ) }×${
			load.errors[ 0 ]
				? `; first non-200: ${ load.errors[ 0 ].status } ${ load.errors[ 0 ].body }`
				: ''
		}\n` +
		`  InnoDB row-lock waits: baseline ${ baseLocks.waits } (${ baseLocks.time } ms), during the cleanup ${ cleanupLocks.waits } (${ cleanupLocks.time } ms)\n` +
		describeLocks( locks, plan ) +
		`  ${ 'table'.padEnd( 24 ) }${ 'expired before'.padStart(
			16
		) }${ 'removed'.padStart( 10 ) }${ 'expired left'.padStart(
			14
		) }${ 'live before'.padStart( 13 ) }${ 'live after'.padStart(
			12
		) }\n` +
		tables
			.map(
				( t ) =>
					`  ${ t.table.padEnd( 24 ) }${ fmt(
						t.expiredBefore
					).padStart( 16 ) }${ fmt( t.removed ).padStart(
						10
					) }${ fmt( t.expiredLeft ).padStart( 14 ) }${ fmt(
						t.liveBefore
					).padStart( 13 ) }${ fmt( t.liveAfter ).padStart( 12 ) }\n`
			)
			.join( '' ) +
		`  ("removed" counts the load's own codes that expired meanwhile too; live = the rows that were there before whose deadline is still ahead)\n` +
		`  ${
			ok
				? 'correct: no expired row left, every live row kept, every grant answered 200'
				: 'NOT CORRECT: see the table and the errors above'
		}\n`;
	return {
		id: ID,
		title: TITLE,
		text,
		json: {
			rows,
			quick: config.quick,
			fillMs,
			baselineWindowMs: windowMs,
			cleanupMs,
			stopReason,
			runs,
			baseline: { ...base, mintErrors: baseline.mintErrors.length },
			during: {
				...under,
				mintErrors: load.mintErrors.length,
				firstErrors: load.errors.slice( 0, 5 ),
			},
			rowLocks: { baseline: baseLocks, cleanup: cleanupLocks },
			locks,
			plans: plan,
			tables,
			correct: ok,
		},
	};
}

export const cleanup: Phase = { id: ID, title: TITLE, run };
