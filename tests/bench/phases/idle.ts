/**
 * Idle overhead, measured until it is known to ±2 % (issue 19): the home page and REST
 * /wp/v2/posts with the plugin on and off (`X-Bench-Plugin: off`), in many short paired rounds,
 * until the 95 % interval of the on/off ratio lies within 1.00 ± 2 % or the time budget is spent.
 *
 * Each round is three short batches: the plugin on, the plugin off, and the plugin off again (the
 * A/A control). The first off batch is always in the middle and the other two swap places every
 * round (on·off·A/A, then A/A·off·on), so both ratios compare neighbouring batches and neither
 * side always goes first. Drift in the machine between rounds cancels in each round's ratio; what
 * is left is the noise within a round, which the A/A ratio measures under the very same
 * conditions: its interval is the precision this machine can reach in that many rounds.
 *
 * Each round's ratio is the ratio of the two batches' median latencies (robust to the long tail a
 * shared machine gives), the interval a t interval on the log of those ratios (`pairedInterval`,
 * as in the main table). The ratio of means is reported beside it. Looking at the interval every
 * few rounds and stopping at the first look that meets the target favours meeting it a little;
 * a minimum number of rounds and sparse looks keep that small.
 */
import os from 'node:os';
import { get, OFF, setting } from '../lib/config';
import { benchHeader, type Batch, type LoadClient } from '../lib/http';
import { errorText, IDLE_TOLERANCE } from '../lib/scenarios';
import {
	equivalence,
	geometricMean,
	medianOf,
	pairedInterval,
	quantile,
	roundsFor,
} from '../lib/stats';
import type { Phase, PhaseContext, PhaseReport } from './index';

const REQUESTS = [
	{ id: 'home', label: 'home page', path: '/' },
	{ id: 'rest', label: 'REST /wp/v2/posts', path: '/wp-json/wp/v2/posts' },
] as const;

interface Settings {
	/** Requests per batch (one side of a round). */
	batch: number;
	/** Time budget per request kind. */
	seconds: number;
	minRounds: number;
	lookEvery: number;
}

function settings( quick: boolean ): Settings {
	return {
		batch: setting( 'BENCH_IDLE_BATCH', quick ? 10 : 20 ),
		seconds: setting( 'BENCH_IDLE_SECONDS', quick ? 30 : 240 ),
		minRounds: quick ? 10 : 20,
		lookEvery: 5,
	};
}

/** One batch reduced to what a round's ratio needs. */
interface Side {
	medianMs: number;
	meanMs: number;
	queries: number[];
	errors: number;
}

interface Round {
	on: Side;
	off: Side;
	control: Side;
}

/** A ratio over the rounds: its point estimate (geometric mean of the per-round ratios) and interval. */
interface RatioSummary {
	ratio: number;
	interval: [ number, number ] | null;
	/** Half the interval's width, as a fraction of 1.00×. */
	halfWidth: number | null;
	includesOne: boolean | null;
	within: boolean | null;
}

interface KindResult {
	id: string;
	label: string;
	path: string;
	unavailable?: string;
	/** Why the rounds ended before the target or the budget (a request kind that began to fail). */
	stopped?: string;
	rounds: number;
	seconds: number;
	onMs: number;
	offMs: number;
	medians: RatioSummary;
	means: RatioSummary;
	control: { medians: RatioSummary; means: RatioSummary };
	queries: { on: number[]; off: number[]; delta: number | null };
	errors: number;
	met: boolean | null;
	/** Rounds the interval would need to narrow to ±2 % at the spread seen (same centre assumed). */
	roundsNeeded: number | null;
}

function side( batch: Batch ): Side {
	const ok = batch.samples.filter( ( s ) => s.status === 200 );
	if ( ok.length === 0 ) {
		const bad = batch.samples[ 0 ];
		throw new Error(
			`every request failed: ${ bad?.status } ${ bad?.body.slice(
				0,
				160
			) }`
		);
	}
	const latencies = ok.map( ( s ) => s.ms ).sort( ( a, b ) => a - b );
	return {
		medianMs: quantile( latencies, 0.5 ),
		meanMs: latencies.reduce( ( a, b ) => a + b, 0 ) / latencies.length,
		queries: ok
			.map( ( s ) => benchHeader( s, 'queries' ) )
			.filter( ( q ): q is number => q !== null ),
		errors: batch.samples.length - ok.length,
	};
}

function summarise( perRound: number[] ): RatioSummary {
	const interval = pairedInterval( perRound );
	const test = interval ? equivalence( interval, IDLE_TOLERANCE ) : null;
	return {
		ratio: geometricMean( perRound ),
		interval,
		halfWidth: interval ? ( interval[ 1 ] - interval[ 0 ] ) / 2 : null,
		includesOne: test?.includesOne ?? null,
		within: test?.within ?? null,
	};
}

/** Each round's ratio of `subject` to the middle plugin-off batch. */
function roundRatios(
	rounds: Round[],
	subject: ( r: Round ) => Side,
	key: 'medianMs' | 'meanMs'
): number[] {
	return rounds.map( ( r ) => subject( r )[ key ] / r.off[ key ] );
}

function ratioOf(
	rounds: Round[],
	subject: ( r: Round ) => Side,
	key: 'medianMs' | 'meanMs'
): RatioSummary {
	return summarise( roundRatios( rounds, subject, key ) );
}

/** Distinct values, ascending. */
function distinct( values: number[] ): number[] {
	return [ ...new Set( values ) ].sort( ( a, b ) => a - b );
}

const median = ( values: number[] ): number => medianOf( values ) ?? NaN;

async function measure(
	client: LoadClient,
	request: ( typeof REQUESTS )[ number ],
	s: Settings,
	log: ( message: string ) => void
): Promise< KindResult > {
	const on = () => get( request.path );
	const off = () => get( request.path, OFF );
	const run = async ( make: typeof on ) =>
		side( await client.batch( s.batch, make ) );
	// Warm-up: the first requests of each variant fill opcache and WordPress's caches.
	await run( on );
	await run( off );

	const rounds: Round[] = [];
	let stopped: string | undefined;
	const started = Date.now();
	const deadline = started + s.seconds * 1000;
	while ( Date.now() < deadline ) {
		const round: Partial< Round > = {};
		const order: Array< keyof Round > =
			rounds.length % 2 === 0
				? [ 'on', 'off', 'control' ]
				: [ 'control', 'off', 'on' ];
		try {
			for ( const which of order ) {
				round[ which ] = await run( which === 'on' ? on : off );
			}
		} catch ( error ) {
			// The rounds already measured still make an interval; with fewer than two there is none.
			if ( rounds.length < 2 ) {
				throw error;
			}
			stopped = errorText( error );
			log( `idle ${ request.id }: stopped (${ stopped })` );
			break;
		}
		rounds.push( round as Round );
		const n = rounds.length;
		if ( n >= s.minRounds && ( n - s.minRounds ) % s.lookEvery === 0 ) {
			const look = ratioOf( rounds, ( r ) => r.on, 'medianMs' );
			log(
				`idle ${ request.id }: ${ n } rounds, ${ look.ratio.toFixed(
					3
				) }× ±${ ( ( look.halfWidth ?? NaN ) * 100 ).toFixed( 1 ) } %`
			);
			if ( look.includesOne && look.within ) {
				break;
			}
		}
	}
	const seconds = ( Date.now() - started ) / 1000;

	const medians = ratioOf( rounds, ( r ) => r.on, 'medianMs' );
	const onQueries = rounds.flatMap( ( r ) => r.on.queries );
	const offQueries = rounds.flatMap( ( r ) =>
		r.off.queries.concat( r.control.queries )
	);
	const delta =
		onQueries.length > 0 && offQueries.length > 0
			? median( onQueries ) - median( offQueries )
			: null;
	return {
		id: request.id,
		label: request.label,
		path: request.path,
		stopped,
		rounds: rounds.length,
		seconds,
		onMs: median( rounds.map( ( r ) => r.on.medianMs ) ),
		offMs: median( rounds.map( ( r ) => r.off.medianMs ) ),
		medians,
		means: ratioOf( rounds, ( r ) => r.on, 'meanMs' ),
		control: {
			medians: ratioOf( rounds, ( r ) => r.control, 'medianMs' ),
			means: ratioOf( rounds, ( r ) => r.control, 'meanMs' ),
		},
		queries: {
			on: distinct( onQueries ),
			off: distinct( offQueries ),
			delta,
		},
		errors: rounds.reduce(
			( sum, r ) => sum + r.on.errors + r.off.errors + r.control.errors,
			0
		),
		met:
			medians.includesOne === null || delta === null
				? null
				: delta === 0 && medians.includesOne && !! medians.within,
		roundsNeeded: roundsFor(
			roundRatios( rounds, ( r ) => r.on, 'medianMs' ),
			IDLE_TOLERANCE
		),
	};
}

const pct = ( value: number | null ): string =>
	value === null ? '–' : `±${ ( value * 100 ).toFixed( 1 ) } %`;

function ratioCell( summary: RatioSummary ): string {
	const ci = summary.interval
		? `${ summary.interval[ 0 ].toFixed(
				3
		  ) }–${ summary.interval[ 1 ].toFixed( 3 ) }`
		: 'n/a';
	return `${ summary.ratio.toFixed( 3 ) }× (${ ci }) ${ pct(
		summary.halfWidth
	) }`;
}

const counts = ( values: number[] ): string =>
	values.length === 0 ? '–' : values.join( '/' );

function verdict( result: KindResult, s: Settings ): string {
	const { medians, control, queries } = result;
	const q =
		queries.delta === null
			? 'queries not reported'
			: `${ queries.delta >= 0 ? '+' : '' }${ queries.delta } queries`;
	const ci = medians.interval
		? `${ medians.interval[ 0 ].toFixed(
				3
		  ) }–${ medians.interval[ 1 ].toFixed( 3 ) }`
		: 'none';
	if ( result.met ) {
		return `${ result.label }: met — ${ q }; the interval ${ ci } includes 1.00× and lies within ±2 % after ${ result.rounds } rounds.`;
	}
	const parts = [
		`${ result.label }: not met — ${ q }; the interval ${ ci } ${
			medians.includesOne ? 'includes' : 'excludes'
		} 1.00× and ${
			medians.within ? 'lies' : 'does not lie'
		} within ±2 % after ${
			result.rounds
		} rounds (${ result.seconds.toFixed( 0 ) } of ${ s.seconds } s).`,
	];
	const aa =
		control.medians.halfWidth === null
			? ''
			: `The A/A control (plugin off against itself, same rounds) reached ${ pct(
					control.medians.halfWidth
			  ) }`;
	if ( ( medians.halfWidth ?? Infinity ) <= IDLE_TOLERANCE ) {
		// Precise enough: more rounds would narrow the interval around a ratio that is not 1.00×.
		parts.push(
			`The interval is narrow (${ pct(
				medians.halfWidth
			) }): the difference is the plugin’s, not the noise’s. ${ aa }.`
		);
	} else if ( aa ) {
		const perRound = result.seconds / Math.max( 1, result.rounds );
		parts.push(
			`${ aa }${
				( control.medians.halfWidth ?? 0 ) > IDLE_TOLERANCE
					? ': the machine’s own noise is wider than the target in this many rounds'
					: ''
			}; at this spread about ${
				result.roundsNeeded
			} rounds (~${ Math.ceil(
				( ( result.roundsNeeded ?? 0 ) * perRound ) / 60
			) } min) would be needed.`
		);
	}
	if ( result.errors > 0 ) {
		parts.push( `${ result.errors } requests failed (left out).` );
	}
	if ( result.stopped ) {
		parts.push( `Stopped early: ${ result.stopped }.` );
	}
	return parts.join( ' ' );
}

function render(
	results: KindResult[],
	s: Settings,
	quick: boolean,
	load: [ number[], number[] ],
	concurrency: number
): string {
	const header = [
		'request',
		'rounds',
		's',
		'on ms',
		'off ms',
		'ratio of medians (95 % CI)',
		'ratio of means (95 % CI)',
		'queries on · off',
	];
	const widths = [ 24, 7, 5, 8, 8, 32, 32, 16 ];
	const line = ( cells: string[] ) =>
		cells
			.map( ( cell, i ) =>
				i === 0 || i >= 5
					? cell.padEnd( widths[ i ] ?? 0 )
					: cell.padStart( widths[ i ] ?? 0 ) + ' '
			)
			.join( ' ' )
			.trimEnd();
	const rows: string[] = [ line( header ) ];
	for ( const r of results ) {
		if ( r.unavailable ) {
			rows.push( `${ r.label }: not measured (${ r.unavailable })` );
			continue;
		}
		rows.push(
			line( [
				`${ r.label }, on/off`,
				String( r.rounds ),
				r.seconds.toFixed( 0 ),
				r.onMs.toFixed( 1 ),
				r.offMs.toFixed( 1 ),
				ratioCell( r.medians ),
				ratioCell( r.means ),
				`${ counts( r.queries.on ) } · ${ counts( r.queries.off ) }`,
			] ),
			line( [
				'  A/A: off/off',
				String( r.rounds ),
				'',
				'',
				'',
				ratioCell( r.control.medians ),
				ratioCell( r.control.means ),
				'',
			] )
		);
	}
	const loadText = ( l: number[] ) => ( l[ 0 ] ?? 0 ).toFixed( 1 );
	return (
		`Paired rounds of ${
			s.batch
		} requests per side (${ concurrency } in flight), plugin on · off · off again (A/A), order swapped every round; up to ${
			s.seconds
		} s per request, stopping at the first look (from round ${
			s.minRounds
		}, every ${
			s.lookEvery
		}) whose interval of the ratio of medians lies within 1.00 ± 2 %${
			quick ? ' (BENCH_QUICK sizes)' : ''
		}. Load average ${ loadText( load[ 0 ] ) } at the start, ${ loadText(
			load[ 1 ]
		) } at the end.\n` +
		`${ rows.map( ( row ) => `  ${ row }` ).join( '\n' ) }\n` +
		results
			.filter( ( r ) => ! r.unavailable )
			.map( ( r ) => `  ${ verdict( r, s ) }\n` )
			.join( '' )
	);
}

function unavailable(
	request: ( typeof REQUESTS )[ number ],
	reason: string
): KindResult {
	const empty: RatioSummary = {
		ratio: NaN,
		interval: null,
		halfWidth: null,
		includesOne: null,
		within: null,
	};
	return {
		id: request.id,
		label: request.label,
		path: request.path,
		unavailable: reason,
		rounds: 0,
		seconds: 0,
		onMs: NaN,
		offMs: NaN,
		medians: empty,
		means: empty,
		control: { medians: empty, means: empty },
		queries: { on: [], off: [], delta: null },
		errors: 0,
		met: null,
		roundsNeeded: null,
	};
}

export const idlePhase: Phase = {
	id: 'idle',
	title: 'Idle overhead to ±2 % (plugin on vs off, paired rounds, with an A/A control)',
	async run( context: PhaseContext ): Promise< PhaseReport > {
		const s = settings( context.config.quick );
		const loadStart = os.loadavg();
		const results: KindResult[] = [];
		for ( const request of REQUESTS ) {
			try {
				results.push(
					await measure( context.client, request, s, context.log )
				);
			} catch ( error ) {
				context.log(
					`idle ${ request.id }: not measured (${ errorText(
						error
					) })`
				);
				results.push( unavailable( request, errorText( error ) ) );
			}
		}
		const loadEnd = os.loadavg();
		return {
			id: this.id,
			title: this.title,
			text: render(
				results,
				s,
				context.config.quick,
				[ loadStart, loadEnd ],
				context.client.concurrency
			),
			json: {
				settings: s,
				concurrency: context.client.concurrency,
				tolerance: IDLE_TOLERANCE,
				load: { start: loadStart, end: loadEnd },
				results,
			},
		};
	},
};
