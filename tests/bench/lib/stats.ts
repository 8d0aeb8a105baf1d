/**
 * Figures for a set of batches: latency quantiles over every sample, throughput over the batches'
 * wall time, and the median of what the must-use plugin reported per request.
 */
import { benchHeader, type Batch } from './http';

export interface Figures {
	requests: number;
	medianMs: number;
	p99Ms: number;
	rps: number;
	queries: number | null;
	memoryKb: number | null;
	phpMs: number | null;
}

/** Nearest-rank quantile of an ascending list. */
export function quantile( sorted: number[], q: number ): number {
	if ( sorted.length === 0 ) {
		return NaN;
	}
	const rank = Math.max( 1, Math.ceil( q * sorted.length ) );
	return sorted[ Math.min( rank, sorted.length ) - 1 ] as number;
}

export function medianOf( values: number[] ): number | null {
	if ( values.length === 0 ) {
		return null;
	}
	return quantile(
		[ ...values ].sort( ( a, b ) => a - b ),
		0.5
	);
}

export function figures( batches: Batch[] ): Figures {
	const latencies: number[] = [];
	const queries: number[] = [];
	const memory: number[] = [];
	const php: number[] = [];
	let wallMs = 0;
	for ( const batch of batches ) {
		wallMs += batch.wallMs;
		for ( const sample of batch.samples ) {
			latencies.push( sample.ms );
			const q = benchHeader( sample, 'queries' );
			const m = benchHeader( sample, 'memory' );
			const p = benchHeader( sample, 'php-ms' );
			if ( q !== null ) {
				queries.push( q );
			}
			if ( m !== null ) {
				memory.push( m / 1024 );
			}
			if ( p !== null ) {
				php.push( p );
			}
		}
	}
	latencies.sort( ( a, b ) => a - b );
	return {
		requests: latencies.length,
		medianMs: quantile( latencies, 0.5 ),
		p99Ms: quantile( latencies, 0.99 ),
		rps: wallMs > 0 ? ( latencies.length * 1000 ) / wallMs : NaN,
		queries: medianOf( queries ),
		memoryKb: medianOf( memory ),
		phpMs: medianOf( php ),
	};
}

export interface Ratios {
	median: number;
	p99: number;
	rps: number;
}

export function ratios( subject: Figures, floor: Figures ): Ratios {
	return {
		median: subject.medianMs / floor.medianMs,
		p99: subject.p99Ms / floor.p99Ms,
		rps: subject.rps / floor.rps,
	};
}

/** Two-sided 95 % Student t quantiles by degrees of freedom (1–30); 1.96 beyond. */
const T95 = [
	12.71, 4.3, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23, 2.2, 2.18, 2.16,
	2.14, 2.13, 2.12, 2.11, 2.1, 2.09, 2.09, 2.08, 2.07, 2.07, 2.06, 2.06, 2.06,
	2.05, 2.05, 2.05, 2.04,
];

/**
 * The 95 % confidence interval of a paired ratio from its per-round ratios: each round's subject
 * and floor ran back to back, so the rounds are the independent pairs. The interval is taken on
 * the logarithm (a ratio's error is multiplicative) and returned as ratios; null below two rounds.
 */
export function pairedInterval(
	perRound: number[]
): [ number, number ] | null {
	const spread = logSpread( perRound );
	if ( ! spread ) {
		return null;
	}
	const { n, mean, sd } = spread;
	const half = ( T95[ n - 2 ] ?? 1.96 ) * ( sd / Math.sqrt( n ) );
	return [ Math.exp( mean - half ), Math.exp( mean + half ) ];
}

/** Mean and standard deviation of the logs of positive ratios; null below two of them. */
function logSpread(
	perRound: number[]
): { n: number; mean: number; sd: number } | null {
	const logs = perRound
		.filter( ( r ) => Number.isFinite( r ) && r > 0 )
		.map( Math.log );
	const n = logs.length;
	if ( n < 2 ) {
		return null;
	}
	const mean = logs.reduce( ( a, b ) => a + b, 0 ) / n;
	const variance =
		logs.reduce( ( a, b ) => a + ( b - mean ) ** 2, 0 ) / ( n - 1 );
	return { n, mean, sd: Math.sqrt( variance ) };
}

/**
 * Rounds a paired ratio would need for its 95 % interval to be ±`halfWidth` wide (as a fraction
 * of the ratio), at the spread its per-round ratios show so far; null below two rounds.
 */
export function roundsFor(
	perRound: number[],
	halfWidth: number
): number | null {
	const spread = logSpread( perRound );
	return spread
		? Math.ceil( ( ( 1.96 * spread.sd ) / Math.log( 1 + halfWidth ) ) ** 2 )
		: null;
}

/** The geometric mean of positive ratios: the centre of `pairedInterval`'s interval. */
export function geometricMean( values: number[] ): number {
	const logs = values
		.filter( ( r ) => Number.isFinite( r ) && r > 0 )
		.map( Math.log );
	return logs.length === 0
		? NaN
		: Math.exp( logs.reduce( ( a, b ) => a + b, 0 ) / logs.length );
}

/**
 * Equivalence of a ratio to 1.00: whether its interval contains 1.00, and whether it lies within
 * 1.00 ± `tolerance` (a ratio shown to be no further from 1.00 than that, not merely not shown to
 * differ).
 */
export function equivalence(
	interval: [ number, number ],
	tolerance: number
): { includesOne: boolean; within: boolean } {
	const [ low, high ] = interval;
	return {
		includesOne: low <= 1 && high >= 1,
		within: low >= 1 - tolerance && high <= 1 + tolerance,
	};
}
