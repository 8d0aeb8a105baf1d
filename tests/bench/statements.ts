/**
 * `npm run bench:statements`: boots the benchmark site once and prints every SQL statement that one
 * request of each protocol endpoint runs (with its caller), next to the REST floor's, so a change
 * to the token path can be checked statement by statement without the full benchmark.
 */
import { LoadClient } from './lib/http';
import {
	authorizeRequest,
	codeFrom,
	codeGrantRequest,
	login,
	PATHS,
	refreshGrantRequest,
	registerClient,
	tokensFrom,
	userinfoRequest,
} from './lib/oidc';
import { queryLog, type QueryLogEntry } from './lib/querylog';
import { startBenchSite } from './lib/site';

type Logged = QueryLogEntry;

const logged = queryLog;

function print( name: string, result: { status: number; queries: Logged[] } ) {
	process.stdout.write(
		`\n== ${ name }: ${ result.status }, ${ result.queries.length } statements\n`
	);
	for ( const q of result.queries ) {
		const caller = q.caller.split( ', ' ).slice( -3 ).join( ', ' );
		process.stdout.write(
			`  ${ q.sql
				.replace( /\s+/g, ' ' )
				.slice( 0, 220 ) }\n      ← ${ caller }\n`
		);
	}
}

async function main(): Promise< void > {
	const site = await startBenchSite(
		'bench-statements',
		2,
		false,
		process.env.BENCH_PLUGIN_DIR
	);
	const client = new LoadClient( site.url, 1 );
	try {
		const session = await login( client, 'admin', 'password' );
		const rp = await registerClient( client, session );
		// Warm caches the way a running site has them.
		for ( let i = 0; i < 3; i++ ) {
			const code = codeFrom(
				await client.request( authorizeRequest( rp, session, i ) )
			);
			await client.request( codeGrantRequest( rp, code ) );
		}
		print(
			'REST floor',
			await logged( client, {
				method: 'GET',
				path: '/wp-json/keystone-bench/v1/floor',
				headers: { 'X-Bench-Plugin': 'off' },
			} )
		);
		print(
			'discovery',
			await logged( client, { method: 'GET', path: PATHS.discovery } )
		);
		print(
			'JWKS',
			await logged( client, { method: 'GET', path: PATHS.jwks } )
		);
		const authorize = await logged(
			client,
			authorizeRequest( rp, session, 100 )
		);
		print( 'authorize (signed in, no consent page)', authorize );
		const code = codeFrom(
			await client.request( authorizeRequest( rp, session, 101 ) )
		);
		const token = await logged( client, codeGrantRequest( rp, code ) );
		print( 'token: authorization_code', token );
		const tokens = tokensFrom( { ...token, ms: 0, headers: {} } );
		if ( tokens.refresh ) {
			print(
				'token: refresh_token',
				await logged(
					client,
					refreshGrantRequest( rp, tokens.refresh )
				)
			);
		}
		print(
			'userinfo',
			await logged( client, userinfoRequest( tokens.access ) )
		);
	} finally {
		client.close();
		await site.stop();
	}
}

main().catch( ( error ) => {
	process.stderr.write( `bench:statements: ${ String( error ) }\n` );
	process.exit( 1 );
} );
