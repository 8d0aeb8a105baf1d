/**
 * Scenarios and how one phase measures them: each scenario's batches interleaved with its floor's,
 * then turned into a report row.
 */
import { config, REFS } from './config';
import type { Chain } from './chain';
import type { Batch, LoadClient, RequestSpec, Sample } from './http';
import {
	authorizeRequest,
	BenchError,
	codeGrantRequest,
	refreshGrantRequest,
	userinfoRequest,
	type RegisteredClient,
	type Session,
} from './oidc';
import type { RowResult, Target } from './report';
import { equivalence, figures, pairedInterval, ratios } from './stats';

export interface Subject {
	id: string;
	label: string;
	ref: keyof typeof REFS;
	spec: ( i: number ) => RequestSpec;
	ok: ( sample: Sample ) => boolean;
	keepBody?: boolean;
	/** The site this scenario and its floor run on, when not the main one (the 2.3.1 anchor). */
	client?: LoadClient;
	prepare?: ( n: number ) => Promise< void >;
	/** Runs after each of the scenario's batches, before the next batch starts. */
	harvest?: ( batch: Batch ) => void | Promise< void >;
	target?: ( row: RowResult ) => Target;
}

export interface Measured {
	subject: Subject;
	phase: string;
	refBatches: Batch[];
	batches: Batch[];
	errors: number;
	unavailable?: string;
}

export const status =
	( code: number ) =>
	( sample: Sample ): boolean =>
		sample.status === code;

/**
 * Issue 19's targets for a protocol scenario: its median ratio to the floor, at most `statements`
 * more statements than the floor when given, and peak memory no higher than the floor's.
 */
export function ratioTarget( limit: number, statements?: number ) {
	return ( row: RowResult ): Target => {
		const parts = [ `≤ ${ limit.toFixed( 2 ) }×` ];
		let met: boolean | null = row.ratios
			? row.ratios.median <= limit
			: null;
		if ( statements !== undefined ) {
			parts.push( `≤ +${ statements } stmts` );
			const delta = row.queriesDelta;
			met =
				met === null || delta === undefined || delta === null
					? null
					: met && delta <= statements;
		}
		const memory = row.figures?.memoryKb;
		const floorMemory = row.reference?.memoryKb;
		if (
			met !== null &&
			memory !== null &&
			memory !== undefined &&
			floorMemory !== null &&
			floorMemory !== undefined
		) {
			parts.push( 'KB ≤ floor' );
			met = met && memory <= floorMemory;
		}
		return { text: parts.join( ', ' ), met };
	};
}

/** How far from 1.00× the idle plugin's paired ratio may be (issue 19: ±2 %). */
export const IDLE_TOLERANCE = 0.02;
const IDLE_TARGET = '+0 queries, CI ∋ 1 within ±2 %';

/**
 * Idle page views and REST calls: +0 queries, and the 95 % interval of the paired ratio includes
 * 1.00× and lies within ±2 %.
 */
export function idleTarget( row: RowResult ): Target {
	const interval = row.interval;
	const delta = row.queriesDelta;
	if ( ! interval || delta === undefined || delta === null ) {
		return { text: IDLE_TARGET, met: null };
	}
	const { includesOne, within } = equivalence( interval, IDLE_TOLERANCE );
	return { text: IDLE_TARGET, met: delta === 0 && includesOne && within };
}

export function log( message: string ): void {
	process.stderr.write( `bench: ${ message }\n` );
}

export function errorText( error: unknown ): string {
	return error instanceof Error ? error.message : String( error );
}

export function protocolSubjects(
	chain: Chain,
	rp: RegisteredClient,
	suffix: string,
	labelPrefix: string
): Subject[] {
	let codes: string[] = [];
	let refresh: string[] = [];
	let access: string[] = [];
	return [
		{
			id: `token-code${ suffix }`,
			label: `${ labelPrefix }token: authorization_code`,
			ref: 'rest',
			keepBody: true,
			prepare: async ( n ) => {
				codes = await chain.mint( n );
			},
			spec: ( i ) => codeGrantRequest( rp, codes[ i ] as string ),
			ok: status( 200 ),
			harvest: ( batch ) => chain.take( batch ),
			target: ratioTarget( 1.2, 8 ),
		},
		{
			id: `token-refresh${ suffix }`,
			label: `${ labelPrefix }token: refresh_token`,
			ref: 'rest',
			keepBody: true,
			prepare: async ( n ) => {
				if ( chain.refresh.length < n ) {
					await chain.exchange( n - chain.refresh.length );
				}
				if ( chain.refresh.length < n ) {
					throw new BenchError(
						'token responses carry no refresh_token'
					);
				}
				refresh = chain.refresh.splice( 0, n );
			},
			spec: ( i ) => refreshGrantRequest( rp, refresh[ i ] as string ),
			ok: status( 200 ),
			harvest: ( batch ) => chain.take( batch ),
			target: ratioTarget( 1.2, 8 ),
		},
		{
			id: `userinfo${ suffix }`,
			label: `${ labelPrefix }userinfo`,
			ref: 'rest',
			prepare: async () => {
				if ( chain.access.length === 0 ) {
					await chain.exchange( 10 );
				}
				access = [ ...chain.access ];
			},
			spec: ( i ) =>
				userinfoRequest( access[ i % access.length ] as string ),
			ok: status( 200 ),
			target: ratioTarget( 1.0 ),
		},
	];
}

/** How much one phase measures: the main table's sizes from `config`, or a phase's own. */
export interface PhaseSizes {
	rounds: number;
	requests: number;
	warmup: number;
}

/**
 * Measures `subjects`, each round's batch next to a batch of its floor. `sizes` defaults to the
 * run's settings; a phase that measures a second condition may use fewer rounds.
 */
export async function runPhase(
	client: LoadClient,
	subjects: Subject[],
	phase: string,
	sizes: PhaseSizes = config
): Promise< Measured[] > {
	const measured: Measured[] = subjects.map( ( subject ) => ( {
		subject,
		phase,
		refBatches: [],
		batches: [],
		errors: 0,
	} ) );

	// Warm-up doubles as a probe: a scenario whose endpoint is missing or broken is reported as
	// unavailable instead of stopping the run.
	for ( const m of measured ) {
		const { subject } = m;
		const site = subject.client ?? client;
		try {
			await site.batch( sizes.warmup, REFS[ subject.ref ]!.spec );
			await subject.prepare?.( sizes.warmup );
			const batch = await site.batch( sizes.warmup, subject.spec, true );
			const bad = batch.samples.find( ( s ) => ! subject.ok( s ) );
			if ( bad ) {
				throw new BenchError(
					`${ bad.status } ${ bad.body.slice( 0, 160 ) }`
				);
			}
			await subject.harvest?.( batch );
		} catch ( error ) {
			m.unavailable = errorText( error );
			log( `${ subject.label }: unavailable (${ m.unavailable })` );
		}
	}

	const n = sizes.requests;
	for ( let round = 0; round < sizes.rounds; round++ ) {
		log( `${ phase }: round ${ round + 1 } of ${ sizes.rounds }` );
		for ( const m of measured ) {
			if ( m.unavailable ) {
				continue;
			}
			const { subject } = m;
			const site = subject.client ?? client;
			const runRef = async (): Promise< void > => {
				m.refBatches.push(
					await site.batch( n, REFS[ subject.ref ]!.spec )
				);
			};
			const runSubject = async (): Promise< void > => {
				await subject.prepare?.( n );
				const batch = await site.batch(
					n,
					subject.spec,
					subject.keepBody ?? false
				);
				const bad = batch.samples.filter( ( s ) => ! subject.ok( s ) );
				m.errors += bad.length;
				if ( bad.length === batch.samples.length ) {
					throw new BenchError(
						`every request failed: ${ bad[ 0 ]
							?.status } ${ bad[ 0 ]?.body.slice( 0, 160 ) }`
					);
				}
				m.batches.push( batch );
				await subject.harvest?.( batch );
			};
			try {
				// Alternate which side goes first, so neither always follows the other.
				if ( round % 2 === 0 ) {
					await runRef();
					await runSubject();
				} else {
					await runSubject();
					await runRef();
				}
			} catch ( error ) {
				m.unavailable = errorText( error );
				log( `${ subject.label }: stopped (${ m.unavailable })` );
			}
		}
	}
	return measured;
}

export function toRow( m: Measured ): RowResult {
	const ref = REFS[ m.subject.ref ]!;
	const row: RowResult = {
		id: m.subject.id,
		label: m.subject.label,
		vs: ref.label,
		phase: m.phase,
		available: ! m.unavailable && m.batches.length > 0,
		errors: m.errors,
	};
	if ( ! row.available ) {
		row.reason = m.unavailable ?? 'not measured';
		return row;
	}
	row.figures = figures( m.batches );
	row.reference = figures( m.refBatches );
	row.ratios = ratios( row.figures, row.reference );
	const perRound = m.batches
		.map( ( batch, i ) => {
			const floorBatch = m.refBatches[ i ];
			return floorBatch
				? figures( [ batch ] ).medianMs /
						figures( [ floorBatch ] ).medianMs
				: NaN;
		} )
		.filter( ( r ) => Number.isFinite( r ) );
	if ( perRound.length > 0 ) {
		row.roundRange = [ Math.min( ...perRound ), Math.max( ...perRound ) ];
	}
	row.interval = pairedInterval( perRound );
	row.queriesDelta =
		row.figures.queries === null || row.reference.queries === null
			? null
			: row.figures.queries - row.reference.queries;
	row.target = m.subject.target?.( row );
	return row;
}

export function floorRow(
	id: string,
	label: string,
	batches: Batch[],
	phase: string
): RowResult {
	if ( batches.length === 0 ) {
		return {
			id,
			label,
			vs: '',
			phase,
			available: false,
			reason: 'not measured',
			errors: 0,
		};
	}
	const f = figures( batches );
	return {
		id,
		label,
		vs: '',
		phase,
		available: true,
		figures: f,
		ratios: { median: 1, p99: 1, rps: 1 },
		errors: batches
			.flatMap( ( b ) => b.samples )
			.filter( ( s ) => s.status !== 200 ).length,
	};
}

/**
 * One request maker per protocol scenario, from codes, refresh and access tokens minted for it:
 * what the stage timings and the stack samples both send.
 */
export function protocolProbes(
	rp: RegisteredClient,
	session: Session,
	codes: string[],
	refresh: string[],
	access: string[],
	offset: number
): Array< [ string, ( i: number ) => RequestSpec ] > {
	return [
		[ 'authorize', ( i ) => authorizeRequest( rp, session, offset + i ) ],
		[
			'token: authorization_code',
			( i ) => codeGrantRequest( rp, codes[ i ] as string ),
		],
		[
			'token: refresh_token',
			( i ) => refreshGrantRequest( rp, refresh[ i ] as string ),
		],
		[
			'userinfo',
			( i ) => userinfoRequest( access[ i % access.length ] as string ),
		],
	];
}
