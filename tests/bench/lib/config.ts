/**
 * The bench's settings (environment) and the requests every scenario is compared with: the floors.
 */
import type { RequestSpec } from './http';

export function setting( name: string, fallback: number ): number {
	const value = Number( process.env[ name ] );
	return Number.isFinite( value ) && value > 0 ? value : fallback;
}

export const quick = process.env.BENCH_QUICK === '1';

export const config = {
	quick,
	rounds: setting( 'BENCH_ROUNDS', quick ? 3 : 8 ),
	requests: setting( 'BENCH_REQUESTS', quick ? 40 : 120 ),
	concurrency: setting( 'BENCH_CONCURRENCY', 2 ),
	workers: setting( 'BENCH_WORKERS', 4 ),
	warmup: setting( 'BENCH_WARMUP', quick ? 20 : 60 ),
	smallRows: 1000,
	largeRows: setting( 'BENCH_ROWS', quick ? 20_000 : 1_000_000 ),
	stackSamples: quick ? 40 : 150,
	pluginDir: process.env.BENCH_PLUGIN_DIR ?? null,
};

export const OFF = { 'X-Bench-Plugin': 'off' };

export const get = (
	p: string,
	headers: Record< string, string > = {}
): RequestSpec => ( {
	method: 'GET',
	path: p,
	headers,
} );

export interface Reference {
	id: string;
	label: string;
	spec: () => RequestSpec;
}

export const REFS: Record< string, Reference > = {
	rest: {
		id: 'floor-rest',
		label: 'REST floor',
		spec: () => get( '/wp-json/keystone-bench/v1/floor', OFF ),
	},
	home: {
		id: 'floor-home',
		label: 'home floor',
		spec: () => get( '/', OFF ),
	},
	posts: {
		id: 'posts-off',
		label: 'same, plugin off',
		spec: () => get( '/wp-json/wp/v2/posts', OFF ),
	},
};
