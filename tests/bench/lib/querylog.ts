/**
 * What the benchmark must-use plugin reports about one request sent with `X-Bench-Log-Queries: 1`:
 * every statement with its time and caller, and the plugin classes that were loaded.
 */
import type { LoadClient, RequestSpec } from './http';

export interface QueryLogEntry {
	sql: string;
	ms: number;
	caller: string;
}

export async function queryLog(
	client: LoadClient,
	spec: RequestSpec
): Promise< {
	status: number;
	body: string;
	queries: QueryLogEntry[];
	classes: string[];
} > {
	const sample = await client.request( {
		...spec,
		headers: { ...( spec.headers ?? {} ), 'X-Bench-Log-Queries': '1' },
	} );
	const raw = sample.headers[ 'x-bench-query-log' ];
	const queries =
		typeof raw === 'string'
			? ( JSON.parse(
					Buffer.from( raw, 'base64' ).toString( 'utf8' )
			  ) as QueryLogEntry[] )
			: [];
	const classes = String( sample.headers[ 'x-bench-plugin-classes' ] ?? '' )
		.split( ',' )
		.filter( ( name ) => name !== '' );
	return { status: sample.status, body: sample.body, queries, classes };
}
