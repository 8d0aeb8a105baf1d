/**
 * A bounded load generator: a fixed number of requests, a fixed number in flight, keep-alive
 * connections, loopback only. Latency is measured from the request being written to the last byte
 * of the answer.
 */
import http from 'node:http';

export interface RequestSpec {
	method: 'GET' | 'POST';
	path: string;
	headers?: Record< string, string >;
	body?: string;
}

export interface Sample {
	ms: number;
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface Batch {
	samples: Sample[];
	wallMs: number;
}

/** What the benchmark must-use plugin reports about the request that produced `sample`. */
export function benchHeader( sample: Sample, name: string ): number | null {
	const value = sample.headers[ `x-bench-${ name }` ];
	if ( typeof value !== 'string' ) {
		return null;
	}
	const parsed = Number( value );
	return Number.isFinite( parsed ) ? parsed : null;
}

export class LoadClient {
	private readonly agent: http.Agent;

	private readonly port: number;

	constructor(
		baseUrl: string,
		readonly concurrency: number
	) {
		const url = new URL( baseUrl );
		if ( url.hostname !== '127.0.0.1' || url.protocol !== 'http:' ) {
			throw new Error(
				`the benchmark only talks to loopback, not ${ baseUrl }`
			);
		}
		this.port = Number( url.port || 80 );
		this.agent = new http.Agent( {
			keepAlive: true,
			maxSockets: concurrency,
		} );
	}

	request( spec: RequestSpec, keepBody = true ): Promise< Sample > {
		return new Promise( ( resolve, reject ) => {
			const headers: Record< string, string | number > = {
				...( spec.headers ?? {} ),
			};
			if ( spec.body !== undefined ) {
				headers[ 'Content-Length' ] = Buffer.byteLength( spec.body );
			}
			const started = process.hrtime.bigint();
			const req = http.request(
				{
					host: '127.0.0.1',
					port: this.port,
					method: spec.method,
					path: spec.path,
					headers,
					agent: this.agent,
					maxHeaderSize: 1024 * 1024,
				},
				( res ) => {
					const chunks: Buffer[] = [];
					res.on( 'data', ( chunk: Buffer ) => {
						if ( keepBody ) {
							chunks.push( chunk );
						}
					} );
					res.on( 'end', () => {
						const ms =
							Number( process.hrtime.bigint() - started ) / 1e6;
						resolve( {
							ms,
							status: res.statusCode ?? 0,
							headers: res.headers,
							body: keepBody
								? Buffer.concat( chunks ).toString( 'utf8' )
								: '',
						} );
					} );
					res.on( 'error', reject );
				}
			);
			req.on( 'error', reject );
			req.setTimeout( 30_000, () =>
				req.destroy( new Error( `timeout: ${ spec.path }` ) )
			);
			if ( spec.body !== undefined ) {
				req.write( spec.body );
			}
			req.end();
		} );
	}

	/**
	 * Sends `count` requests made by `make(i)`, `concurrency` at a time, and returns every sample in
	 * order of `i`.
	 */
	async batch(
		count: number,
		make: ( i: number ) => RequestSpec,
		keepBody = false
	): Promise< Batch > {
		const samples: Sample[] = new Array( count );
		let next = 0;
		const started = process.hrtime.bigint();
		const worker = async (): Promise< void > => {
			while ( next < count ) {
				const i = next++;
				samples[ i ] = await this.request( make( i ), keepBody );
			}
		};
		await Promise.all(
			Array.from(
				{ length: Math.min( this.concurrency, count ) },
				worker
			)
		);
		const wallMs = Number( process.hrtime.bigint() - started ) / 1e6;
		return { samples, wallMs };
	}

	close(): void {
		this.agent.destroy();
	}
}
