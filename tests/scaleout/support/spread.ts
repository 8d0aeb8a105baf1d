/**
 * A client that spreads each sign-in over the web nodes, as a load balancer without sticky
 * sessions does: a `Recorder` (tests/reliability) whose every request goes to the node its
 * endpoint is routed to. The reliability suite's sign-in (`runClients`, `signIn`) runs on it
 * unchanged. Every answer is kept with its node and latency for the figures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { quantile } from '../../bench/lib/stats';
import { Recorder, type Sample } from '../../reliability/support/harness';
import { repoRoot } from '../../bench/lib/site';
import type { RequestSpec } from '../../bench/lib/http';

export const ARTIFACTS = path.join( repoRoot, 'artifacts/scaleout' );

/** Node index (0-based) per endpoint, as `Recorder.send` names endpoints. */
export type Route = ( endpoint: string ) => number;

/**
 * The spread: authorize on node 1, the consent form answered on node 2, the code redeemed
 * on node 2, UserInfo and refresh on node 3.
 */
export const ACROSS_NODES: Route = ( endpoint ) => {
	if ( endpoint === 'authorize' ) {
		return 0;
	}
	if (
		endpoint === 'authorize:consent' ||
		endpoint === 'token:authorization_code'
	) {
		return 1;
	}
	return 2;
};

export const ONE_NODE: Route = () => 0;

export interface Answer {
	node: number;
	endpoint: string;
	ms: number;
	status: number;
	sentAt: number;
}

export class Spread extends Recorder {
	readonly answers: Answer[] = [];

	constructor(
		readonly nodes: Recorder[],
		public route: Route
	) {
		super( ( nodes[ 0 ] as Recorder ).baseUrl, 1, nodes[ 0 ] );
	}

	override async send(
		endpoint: string,
		spec: RequestSpec
	): Promise< Sample > {
		const node = this.route( endpoint );
		const sentAt = Date.now();
		const sample = await ( this.nodes[ node ] as Recorder ).send(
			endpoint,
			spec
		);
		this.answers.push( {
			node,
			endpoint,
			ms: sample.ms,
			status: sample.status,
			sentAt,
		} );
		this.observer?.( endpoint, sample, sentAt );
		return sample;
	}
}

/** One recorder per web node, counting into the first one's figures. */
export function nodeRecorders(
	urls: string[],
	concurrency: number
): Recorder[] {
	const first = new Recorder( urls[ 0 ] as string, concurrency );
	return [
		first,
		...urls
			.slice( 1 )
			.map( ( url ) => new Recorder( url, concurrency, first ) ),
	];
}

export interface LoadFigures {
	seconds: number;
	signIns: number;
	signInsPerSecond: number;
	requests: number;
	requestsPerSecond: number;
	medianMs: number;
	p95Ms: number;
	p99Ms: number;
	byNode: Record< string, { requests: number; medianMs: number } >;
	byStatus: Record< string, number >;
}

/** Throughput and latency of the answers sent in [from, to). */
export function loadFigures(
	answers: Answer[],
	signIns: number,
	from: number,
	to: number
): LoadFigures {
	const window = answers.filter(
		( answer ) => answer.sentAt >= from && answer.sentAt < to
	);
	const seconds = ( to - from ) / 1000;
	const sorted = window
		.map( ( answer ) => answer.ms )
		.sort( ( a, b ) => a - b );
	const byNode: LoadFigures[ 'byNode' ] = {};
	const byStatus: Record< string, number > = {};
	for ( let node = 0; node < 3; node++ ) {
		const mine = window
			.filter( ( answer ) => answer.node === node )
			.map( ( answer ) => answer.ms )
			.sort( ( a, b ) => a - b );
		if ( mine.length > 0 ) {
			byNode[ `node${ node + 1 }` ] = {
				requests: mine.length,
				medianMs: round( quantile( mine, 0.5 ) ),
			};
		}
	}
	for ( const answer of window ) {
		byStatus[ answer.status ] = ( byStatus[ answer.status ] ?? 0 ) + 1;
	}
	return {
		seconds: round( seconds ),
		signIns,
		signInsPerSecond: round( signIns / seconds ),
		requests: window.length,
		requestsPerSecond: round( window.length / seconds ),
		medianMs: round( quantile( sorted, 0.5 ) ),
		p95Ms: round( quantile( sorted, 0.95 ) ),
		p99Ms: round( quantile( sorted, 0.99 ) ),
		byNode,
		byStatus,
	};
}

function round( value: number ): number {
	return Number.isFinite( value ) ? Math.round( value * 100 ) / 100 : 0;
}

/** One scenario's figures, `artifacts/scaleout/scenarios/NAME.json`, merged by the global teardown. */
export function writeScenario(
	scenario: string,
	figures: Record< string, unknown >
): void {
	mkdirSync( path.join( ARTIFACTS, 'scenarios' ), { recursive: true } );
	writeFileSync(
		path.join( ARTIFACTS, 'scenarios', `${ scenario }.json` ),
		JSON.stringify( figures, null, 2 ) + '\n'
	);
}
