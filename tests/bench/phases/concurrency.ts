/**
 * Concurrency (issue 19): throughput, p50 and p99 of the token endpoint (by code and by refresh)
 * and of UserInfo at 1, 2, 4, 8 and 16 connections, each level interleaved with the REST floor
 * as the main table is (`runPhase`, one `LoadClient` per level), with InnoDB's lock counters over
 * every token batch and the lock waits sampled during an extra batch at the top level. Every grant
 * redeems its own code or refresh token row, so grants should never wait on each other: a lock
 * convoy would show as row-lock waits and as the token endpoint's throughput ratio to the floor
 * falling as connections grow while the floor's own curve does not.
 *
 * Where the load goes: the main site has `config.workers` (4) php-fpm workers, so 8 and 16
 * connections would only queue in front of php-fpm and never put more than 4 grants in MariaDB at
 * once: a convoy among more grants could not show. This phase therefore starts a second front end
 * on the same site (`startFrontEnd`: its own nginx and php-fpm with one worker per connection of
 * the top level, same files, same database) and measures there, so every connection has a PHP
 * worker and a transaction of its own. On 2 cores, the levels above 2 then share the CPU among
 * more processes: throughput flattens where the floor's does and latency grows with the queue for
 * the cores. If that front end cannot start, the phase measures on the main site and says so.
 */
import { REFS } from '../lib/config';
import type { Batch } from '../lib/http';
import { LoadClient } from '../lib/http';
import {
	addDifference,
	latestDeadlock,
	lockCounters,
	noCounters,
	watchLockWaits,
	type LockCounters,
	type LockWaitSamples,
} from '../lib/innodb';
import { markdownTable, type RowResult } from '../lib/report';
import {
	errorText,
	floorRow,
	protocolSubjects,
	runPhase,
	toRow,
	type PhaseSizes,
	type Subject,
} from '../lib/scenarios';
import { startFrontEnd, type BenchSite } from '../lib/site';
import type { Phase, PhaseContext, PhaseReport } from './index';

const ID = 'concurrency';
const TITLE =
	'Concurrency: token endpoint and UserInfo at 1–16 connections, against the floor';

/** Lock counters summed over one token scenario's batches at one level. */
interface LockTally {
	grants: number;
	counters: LockCounters;
}

interface Level {
	connections: number;
	rows: RowResult[];
	locks: Record< string, LockTally >;
}

function plan( context: PhaseContext ): {
	levels: number[];
	sizes: PhaseSizes;
} {
	const { config } = context;
	if ( config.quick ) {
		return {
			levels: [ 1, 4, 16 ],
			sizes: { rounds: 1, requests: 30, warmup: 10 },
		};
	}
	// Half the main table's rounds: five levels of three scenarios and their floors would
	// otherwise double the bench's time.
	return {
		levels: [ 1, 2, 4, 8, 16 ],
		sizes: {
			rounds: Math.max( 2, Math.ceil( config.rounds / 2 ) ),
			requests: config.requests,
			warmup: Math.min( config.warmup, 30 ),
		},
	};
}

/**
 * The scenario with InnoDB's counters read after its codes or tokens are minted and again right
 * after its batch: their difference is what that batch alone cost (nothing else runs on the
 * database meanwhile).
 */
function counted(
	subject: Subject,
	context: PhaseContext,
	tally: LockTally
): Subject {
	let before: LockCounters | null = null;
	return {
		...subject,
		prepare: async ( n ) => {
			await subject.prepare?.( n );
			before = await lockCounters( context.db );
		},
		harvest: async ( batch: Batch ) => {
			if ( before ) {
				const after = await lockCounters( context.db );
				tally.counters = addDifference( tally.counters, before, after );
				tally.grants += batch.samples.length;
				before = null;
			}
			await subject.harvest?.( batch );
		},
	};
}

/** One extra, unmeasured batch of each token scenario with the lock waits read all along. */
async function probeLockWaits(
	client: LoadClient,
	subjects: Subject[],
	context: PhaseContext,
	requests: number
): Promise< Record< string, LockWaitSamples > > {
	const probes: Record< string, LockWaitSamples > = {};
	for ( const subject of subjects ) {
		await subject.prepare?.( requests );
		const watcher = watchLockWaits( context.db );
		const batch = await client.batch( requests, subject.spec, true );
		probes[ subject.label ] = await watcher.stop();
		await subject.harvest?.( batch );
	}
	return probes;
}

/** Prose cut into lines of at most `width` characters, at spaces. */
function wrap( text: string, width = 100 ): string {
	const lines: string[] = [];
	let line = '';
	for ( const word of text.split( ' ' ) ) {
		if ( line && line.length + word.length + 1 > width ) {
			lines.push( line );
			line = word;
		} else {
			line = line ? `${ line } ${ word }` : word;
		}
	}
	return [ ...lines, line ].join( '\n' );
}

/**
 * What the counters say about a convoy. A wait now and then is expected: the UPDATE that spends a
 * refresh token holds a next-key lock on its `token_hash` index entry (record and the gap below
 * it) until COMMIT, so another grant's token whose random hash falls into that gap waits for it.
 * How often depends on grants in flight over rows in the table; serialised grants would wait on
 * nearly every grant.
 */
function convoyVerdict(
	waits: number,
	deadlocks: number,
	grants: number
): string {
	if ( waits === 0 && deadlocks === 0 ) {
		return 'Grants did not wait on one another: no lock convoy on the code and token tables.';
	}
	if ( waits / grants < 0.05 && deadlocks === 0 ) {
		return 'Grants waited on one another rarely (see the statements below when the probe caught one): no lock convoy.';
	}
	return 'Grants waited on one another often: see the waiting statements below.';
}

const ms = ( value: number | undefined ): string =>
	value === undefined || ! Number.isFinite( value )
		? '–'
		: value.toFixed( 1 );

function render(
	levels: Level[],
	quick: boolean,
	where: string,
	sizes: PhaseSizes,
	probes: Record< string, LockWaitSamples >,
	deadlock: string
): string {
	const firstRps = new Map< string, number >();
	const lines: string[][] = [
		[
			'connections',
			'scenario',
			'req/s',
			'vs 1 conn',
			'p50 ms',
			'p99 ms',
			'req/s ÷ floor',
			'row-lock waits',
			'lock wait ms',
			'deadlocks',
			'transactions/grant',
			'rollbacks',
			'errors',
		],
	];
	for ( const level of levels ) {
		for ( const row of level.rows ) {
			const key = row.id.replace( /-c\d+$/, '' );
			if ( ! row.available || ! row.figures ) {
				lines.push( [
					String( level.connections ),
					row.label,
					'unavailable',
					( row.reason ?? '' ).slice( 0, 60 ),
				] );
				continue;
			}
			const rps = row.figures.rps;
			if ( ! firstRps.has( key ) ) {
				firstRps.set( key, rps );
			}
			const lock = level.locks[ key ];
			const c = lock?.counters;
			lines.push( [
				String( level.connections ),
				row.label,
				rps.toFixed( 1 ),
				`${ ( rps / ( firstRps.get( key ) as number ) ).toFixed(
					2
				) }×`,
				ms( row.figures.medianMs ),
				ms( row.figures.p99Ms ),
				row.ratios ? `${ row.ratios.rps.toFixed( 2 ) }×` : '',
				c ? String( c.Innodb_row_lock_waits ) : '',
				c ? String( c.Innodb_row_lock_time ) : '',
				c ? String( c.Innodb_deadlocks ) : '',
				c && lock.grants > 0
					? ( c.Com_begin / lock.grants ).toFixed( 2 )
					: '',
				c ? String( c.Com_rollback ) : '',
				String( row.errors ),
			] );
		}
	}

	const ratioAt = ( level: Level | undefined, id: string ) =>
		level?.rows.find( ( row ) => row.id.startsWith( `${ id }-c` ) )?.ratios
			?.rps;
	const first = levels[ 0 ];
	const last = levels[ levels.length - 1 ];
	const trend = [ 'token-code', 'token-refresh', 'userinfo' ]
		.map( ( id ) => {
			const low = ratioAt( first, id );
			const high = ratioAt( last, id );
			return low === undefined || high === undefined
				? `${ id }: –`
				: `${ id } ${ low.toFixed(
						2
				  ) }× at ${ first?.connections } → ${ high.toFixed(
						2
				  ) }× at ${ last?.connections } (${ ( high / low ).toFixed(
						2
				  ) } of its value at ${ first?.connections })`;
		} )
		.join( '; ' );
	let waits = 0;
	let deadlocks = 0;
	let rollbacks = 0;
	let grants = 0;
	for ( const level of levels ) {
		for ( const tally of Object.values( level.locks ) ) {
			waits += tally.counters.Innodb_row_lock_waits;
			deadlocks += tally.counters.Innodb_deadlocks;
			rollbacks += tally.counters.Com_rollback;
			grants += tally.grants;
		}
	}
	const verdict =
		grants === 0
			? 'No token batch was measured: no lock evidence.'
			: `Over ${ grants } grants at all levels: ${ waits } row-lock waits (${ (
					waits / grants
			  ).toFixed(
					3
			  ) } per grant), ${ deadlocks } deadlocks, ${ rollbacks } rolled-back grant transactions. ${ convoyVerdict(
					waits,
					deadlocks,
					grants
			  ) }`;
	const probeText = Object.entries( probes )
		.map( ( [ label, probe ] ) => {
			const head = `  ${ label }: ${ probe.pollsWithWaits } of ${
				probe.polls
			} reads of INNODB_LOCK_WAITS found a waiting transaction${
				probe.error ? ` (reads stopped: ${ probe.error })` : ''
			}`;
			const detail = probe.waits
				.slice( 0, 5 )
				.map(
					( wait ) =>
						`    ${ wait.seen }× waiting: ${ wait.waiting.slice(
							0,
							160
						) }\n       on ${ wait.lock }, blocked by: ${
							wait.blocking.slice( 0, 160 ) ||
							'(a transaction between statements)'
						}`
				)
				.join( '\n' );
			return detail ? `${ head }\n${ detail }` : head;
		} )
		.join( '\n' );
	const method = `Levels ${ levels
		.map( ( level ) => level.connections )
		.join( ', ' ) }${ quick ? ' (quick mode)' : '' }; each level: ${
		sizes.rounds
	} round(s) of ${ sizes.requests } requests per batch (warm-up ${
		sizes.warmup
	}), every scenario batch next to a floor batch, alternating which goes first; codes and refresh tokens are minted outside the timed batches. "vs 1 conn" is the row's req/s over its own at the lowest level (the floor's shows where the machine saturates); "req/s ÷ floor" is to the floor batches of the same level. Lock columns are SHOW GLOBAL STATUS differences over that level's token batches (warm-up included): Innodb_row_lock_waits, Innodb_row_lock_time, Innodb_deadlocks, Com_begin per grant (above 1.00 = the grant transaction ran again), Com_rollback.`;
	return (
		`${ wrap( where ) }\n${ wrap( method ) }\n\n` +
		`${ markdownTable( lines ) }\n\n` +
		`${ wrap(
			`req/s ratio to the floor, lowest → highest level: ${ trend }.`
		) }\n` +
		`${ wrap( verdict ) }\n` +
		( probeText
			? `Lock waits read during one extra, unmeasured batch of ${ sizes.requests } grants at ${ last?.connections } connections:\n${ probeText }\n`
			: '' ) +
		( deadlock
			? `InnoDB's latest detected deadlock:\n${ deadlock
					.split( '\n' )
					.slice( 0, 40 )
					.map( ( line ) => `  ${ line }` )
					.join( '\n' ) }\n`
			: '' )
	);
}

async function run( context: PhaseContext ): Promise< PhaseReport > {
	const { protocol, chain, log } = context;
	if ( ! protocol || ! chain ) {
		return {
			id: ID,
			title: TITLE,
			text: 'Not measured: the protocol scenarios could not run (no registered client).\n',
			json: { error: 'no protocol client' },
		};
	}
	const { levels, sizes } = plan( context );
	const top = Math.max( ...levels );
	let front: BenchSite | null = null;
	let where = '';
	try {
		front = await startFrontEnd( 'bench-concurrency', context.site, top );
		where = `Measured on a second front end of the bench site (its own nginx and ${ top } php-fpm workers, same files and database), so each of up to ${ top } connections has a worker and a transaction of its own; on ${ context.config.workers } workers, 8 and 16 connections would only queue at php-fpm. With 2 cores, the levels above 2 measure the CPU shared among more processes: the ratio to the floor, not the absolute figures, is what tells a convoy.`;
	} catch ( error ) {
		log( `concurrency: no second front end (${ errorText( error ) })` );
		where = `Measured on the main site's ${
			context.config.workers
		} php-fpm workers (a second front end with ${ top } workers did not start: ${ errorText(
			error
		).slice( 0, 120 ) }): above ${
			context.config.workers
		} connections requests queue at php-fpm and at most ${
			context.config.workers
		} grants reach MariaDB at once, so the higher levels show queueing, not lock contention.`;
	}
	const url = front?.url ?? context.site.url;
	const { rp } = protocol;
	const measured: Level[] = [];
	let probes: Record< string, LockWaitSamples > = {};
	const start = await lockCounters( context.db );
	try {
		// Every worker of the front end has served a request before the first level.
		const warm = new LoadClient( url, top );
		try {
			await warm.batch( top * 2, REFS.rest!.spec );
		} finally {
			warm.close();
		}
		for ( const connections of levels ) {
			const client = new LoadClient( url, connections );
			try {
				// The chain mints codes on the main site, outside the timed batches.
				const subjects = protocolSubjects(
					chain,
					rp,
					`-c${ connections }`,
					`${ connections } × `
				).map( ( subject ) => ( {
					...subject,
					target: undefined,
				} ) );
				const locks: Record< string, LockTally > = {};
				const withCounters = subjects.map( ( subject ) => {
					const key = subject.id.replace( /-c\d+$/, '' );
					if ( ! key.startsWith( 'token-' ) ) {
						return subject;
					}
					const tally: LockTally = {
						grants: 0,
						counters: noCounters(),
					};
					locks[ key ] = tally;
					return counted( subject, context, tally );
				} );
				const results = await runPhase(
					client,
					withCounters,
					`concurrency ${ connections }`,
					sizes
				);
				measured.push( {
					connections,
					locks,
					rows: [
						floorRow(
							`floor-rest-c${ connections }`,
							`${ connections } × REST floor`,
							results.flatMap( ( m ) => m.refBatches ),
							`concurrency ${ connections }`
						),
						...results.map( toRow ),
					],
				} );
				if ( connections === top ) {
					probes = await probeLockWaits(
						client,
						subjects.filter( ( s ) => s.id.startsWith( 'token-' ) ),
						context,
						sizes.requests
					).catch( ( error ) => {
						log(
							`concurrency: no lock-wait probe (${ errorText(
								error
							) })`
						);
						return {};
					} );
				}
			} finally {
				client.close();
			}
		}
	} finally {
		await front?.stop();
	}
	const end = await lockCounters( context.db );
	const deadlocks = end.Innodb_deadlocks - start.Innodb_deadlocks;
	const deadlock = deadlocks > 0 ? await latestDeadlock( context.db ) : '';
	return {
		id: ID,
		title: TITLE,
		text: render(
			measured,
			context.config.quick,
			where,
			sizes,
			probes,
			deadlock
		),
		json: {
			where,
			frontEndWorkers: front ? top : context.config.workers,
			sizes,
			levels: measured,
			lockWaitProbe: probes,
			latestDeadlock: deadlock || null,
		},
	};
}

export const concurrency: Phase = { id: ID, title: TITLE, run };
