/**
 * Issue 19, "a persistent object cache as a second column": what the provider gains when clients,
 * keys and users are cached. On the running bench site, every endpoint is measured twice in this
 * phase, interleaved with the REST floor as in the main table: first without an object cache, then
 * with Redis and the Redis Object Cache drop-in put in place (warmed by each scenario's warm-up).
 * The floor's own time is reported for both, since the cache speeds WordPress up too: the
 * provider's gain is its time above the floor without the cache minus the same with it. Then one
 * token request and one UserInfo request are logged statement by statement, and the reads that a
 * persistent cache could have answered (rarely changing data: options, users, clients) are named.
 * The site is left as it was found, also when something fails.
 */
import { config, REFS } from '../lib/config';
import type { LoadClient, RequestSpec } from '../lib/http';
import {
	authorizeRequest,
	codeGrantRequest,
	userinfoRequest,
} from '../lib/oidc';
import { queryLog, type QueryLogEntry } from '../lib/querylog';
import {
	objectCacheProblem,
	objectCacheVersions,
	RedisObjectCache,
	type RedisStats,
} from '../lib/redis-cache';
import type { RowResult } from '../lib/report';
import {
	errorText,
	floorRow,
	protocolSubjects,
	runPhase,
	toRow,
	type Measured,
	type PhaseSizes,
	type Subject,
} from '../lib/scenarios';
import {
	authorizeSubject,
	discoverySubject,
	jwksSubject,
} from '../lib/subjects';
import type { Phase, PhaseContext, PhaseReport } from './index';

const ID = 'cache';
const TITLE =
	'Persistent object cache (Redis): each scenario without and with it, same phase, same floor';

/** Quick mode: 2 rounds of 20 requests per condition. */
const sizes: PhaseSizes = config.quick
	? {
			rounds: Math.min( config.rounds, 2 ),
			requests: Math.min( config.requests, 20 ),
			warmup: config.warmup,
	  }
	: config;

type Condition = 'none' | 'redis';

/** Every scenario of the main table, with ids and authorize states of their own per condition. */
function subjects( context: PhaseContext, condition: Condition ): Subject[] {
	const list = [ discoverySubject(), jwksSubject() ];
	if ( context.protocol && context.chain ) {
		const { rp, session } = context.protocol;
		list.push(
			authorizeSubject(
				rp,
				session,
				condition === 'none' ? 5_000_000 : 6_000_000
			),
			...protocolSubjects( context.chain, rp, '', '' )
		);
	}
	// The main table's targets are not this phase's question.
	return list.map( ( subject ) => ( {
		...subject,
		id: `${ subject.id }-${ condition }`,
		target: undefined,
	} ) );
}

interface Logged {
	status: number;
	queries: QueryLogEntry[];
}

/**
 * One REST floor, one authorize, one token (authorization_code) and one UserInfo request,
 * statement by statement.
 */
async function statements(
	client: LoadClient,
	context: PhaseContext
): Promise< Record< string, Logged > > {
	const probes: Array< [ string, () => Promise< RequestSpec | null > ] > = [
		[ 'REST floor', async () => REFS.rest!.spec() ],
	];
	const { protocol, chain } = context;
	if ( protocol && chain ) {
		probes.push(
			[
				'authorize',
				async () =>
					authorizeRequest(
						protocol.rp,
						protocol.session,
						7_500_000
					),
			],
			[
				'token: authorization_code',
				async () => {
					const [ code ] = await chain.mint( 1 );
					return code ? codeGrantRequest( protocol.rp, code ) : null;
				},
			],
			[
				'userinfo',
				async () =>
					chain.access[ 0 ]
						? userinfoRequest( chain.access[ 0 ] )
						: null,
			]
		);
	}
	const logged: Record< string, Logged > = {};
	for ( const [ name, make ] of probes ) {
		const spec = await make().catch( () => null );
		if ( spec ) {
			const { status, queries } = await queryLog( client, spec );
			logged[ name ] = { status, queries };
		}
	}
	return logged;
}

/**
 * A plain read of data that changes rarely (options, users and their meta, clients): what a
 * persistent object cache is there to answer. Codes, tokens and consents are not counted: their
 * reads decide single use and revocation and belong to the database.
 */
const CACHEABLE =
	/^\s*SELECT\b(?![\s\S]*\bFOR\s+UPDATE\b)[\s\S]*\bFROM\s+`?\w*(options|users|usermeta|oidc_clients)`?(\s|$)/i;

/** The innermost named caller of a statement (WordPress lists them outermost first). */
function innermost( caller: string ): string {
	const frames = caller.split( ',' ).map( ( frame ) => frame.trim() );
	return frames[ frames.length - 1 ] ?? caller;
}

function side( entry: QueryLogEntry ): string {
	return /Keystone_OIDC/.test( entry.caller ) ? 'plugin' : 'WordPress';
}

const oneLine = ( sql: string ): string => sql.replace( /\s+/g, ' ' ).trim();

const ms = ( value: number | undefined ): string =>
	value === undefined || ! Number.isFinite( value )
		? '–'
		: value.toFixed( 1 );

/** ms the scenario took above the floor batches interleaved with it (medians). */
function aboveFloor( row: RowResult | undefined ): number | undefined {
	return row?.figures && row.reference
		? row.figures.medianMs - row.reference.medianMs
		: undefined;
}

function cells( row: RowResult | undefined, isFloor: boolean ): string[] {
	if ( ! row?.available || ! row.figures ) {
		return [ 'unavailable', '', '', '' ];
	}
	const queries = row.figures.queries;
	const delta = row.queriesDelta;
	return [
		isFloor ? '1.00×' : `${ ( row.ratios?.median ?? NaN ).toFixed( 2 ) }×`,
		`${ queries ?? '–' }${
			isFloor || delta === undefined || delta === null
				? ''
				: ` (${ delta >= 0 ? '+' : '' }${ delta })`
		}`,
		ms( row.figures.medianMs ),
		isFloor ? '' : ms( aboveFloor( row ) ),
	];
}

function table( lines: string[][] ): string {
	const widths = ( lines[ 0 ] ?? [] ).map( ( _, column ) =>
		Math.max( ...lines.map( ( line ) => ( line[ column ] ?? '' ).length ) )
	);
	return lines
		.map( ( line ) =>
			line
				.map( ( cell, column ) =>
					column === 0
						? cell.padEnd( widths[ column ] ?? 0 )
						: cell.padStart( widths[ column ] ?? 0 )
				)
				.join( '  ' )
				.trimEnd()
		)
		.join( '\n' );
}

function floorOf( measured: Measured[], condition: Condition ): RowResult {
	return floorRow(
		`floor-rest-${ condition }`,
		'REST floor',
		measured
			.filter( ( m ) => m.subject.ref === 'rest' )
			.flatMap( ( m ) => m.refBatches ),
		condition
	);
}

async function measure( context: PhaseContext ): Promise< PhaseReport > {
	const { client, site, log } = context;
	const versions = objectCacheVersions();
	const cache = await RedisObjectCache.start( site.dir );
	let none: Measured[] = [];
	let redis: Measured[] = [];
	let before: Record< string, Logged > = {};
	let after: Record< string, Logged > = {};
	let warmed: RedisStats;
	let during: RedisStats;
	try {
		before = await statements( client, context );
		none = await runPhase(
			client,
			subjects( context, 'none' ),
			'cache: none',
			sizes
		);
		cache.enable();
		for ( const ref of Object.values( REFS ) ) {
			await client.batch( config.warmup, ref.spec );
		}
		warmed = cache.stats();
		if ( warmed.keys === 0 ) {
			throw new Error(
				'the drop-in stored nothing in Redis after the warm-up (is php-redis loaded in php-fpm?)'
			);
		}
		cache.resetStats();
		redis = await runPhase(
			client,
			subjects( context, 'redis' ),
			'cache: redis',
			sizes
		);
		during = cache.stats();
		after = await statements( client, context );
	} finally {
		await cache.stop();
	}
	// The site is back without the cache: say so only when it answers as before.
	const check = await client.request( REFS.rest!.spec() );
	const restored = check.status === 200;
	if ( ! restored ) {
		log( `cache: the floor answers ${ check.status } after the phase` );
	}

	const rows = new Map< string, RowResult >();
	for ( const m of [ ...none, ...redis ] ) {
		rows.set( m.subject.id, toRow( m ) );
	}
	const floors = {
		none: floorOf( none, 'none' ),
		redis: floorOf( redis, 'redis' ),
	};
	const scenarios: Array< [ string, string ] > = subjects(
		context,
		'none'
	).map( ( subject ) => [
		subject.id.replace( /-none$/, '' ),
		subject.label,
	] );

	const gain = ( off?: number, on?: number ) =>
		off === undefined || on === undefined ? undefined : off - on;
	const header = [
		'scenario',
		'no cache: ratio',
		'stmts',
		'ms',
		'ms > floor',
		'Redis: ratio',
		'stmts',
		'ms',
		'ms > floor',
		'gain ms',
	];
	const lines = [
		header,
		[
			'REST floor (WordPress alone)',
			...cells( floors.none, true ),
			...cells( floors.redis, true ),
			ms(
				gain(
					floors.none.figures?.medianMs,
					floors.redis.figures?.medianMs
				)
			),
		],
		...scenarios.map( ( [ id, label ] ) => {
			const off = rows.get( `${ id }-none` );
			const on = rows.get( `${ id }-redis` );
			return [
				label,
				...cells( off, false ),
				...cells( on, false ),
				ms( gain( aboveFloor( off ), aboveFloor( on ) ) ),
			];
		} ),
	];

	const cacheable: Array< { request: string; sql: string; caller: string } > =
		[];
	for ( const [ request, logged ] of Object.entries( after ) ) {
		for ( const q of logged.queries ) {
			if ( request !== 'REST floor' && CACHEABLE.test( q.sql ) ) {
				cacheable.push( {
					request,
					sql: oneLine( q.sql ),
					caller: innermost( q.caller ),
				} );
			}
		}
	}
	const listing = Object.entries( after )
		.map( ( [ request, logged ] ) => {
			const count = ( side_: string ) =>
				logged.queries.filter( ( q ) => side( q ) === side_ ).length;
			const without = before[ request ]?.queries.length;
			return `  ${ request } (HTTP ${ logged.status }): ${
				logged.queries.length
			} statements with the cache (${ count(
				'WordPress'
			) } WordPress, ${ count( 'plugin' ) } plugin), ${
				without ?? '–'
			} without${ logged.queries
				.map(
					( q ) =>
						`\n    ${
							CACHEABLE.test( q.sql ) ? '*' : ' '
						} [${ side( q ) }] ${ oneLine( q.sql ).slice(
							0,
							150
						) }`
				)
				.join( '' ) }`;
		} )
		.join( '\n' );
	const hitRate =
		during.hits + during.misses > 0
			? ( during.hits / ( during.hits + during.misses ) ) * 100
			: NaN;

	const text =
		`Redis ${ versions.redis } on a private unix socket with the Redis Object Cache drop-in ${ versions.dropIn }; ` +
		`each condition ${ sizes.rounds } round(s) × ${ sizes.requests } requests per scenario, interleaved with the REST floor` +
		`${ config.quick ? ' (quick mode: at most 2 rounds of 20)' : '' }. ` +
		'"no cache" ran first, then the cache was put in place and warmed; the two columns are minutes apart, not interleaved with each other.\n' +
		`"ms > floor" is the scenario's median minus its interleaved floor's; "gain ms" is that without the cache minus with it (the provider's own gain), ` +
		`and on the floor row WordPress's gain. stmts per request (difference to the floor).\n\n` +
		`${ table( lines ) }\n\n` +
		`Redis after the warm-up: ${
			warmed.keys
		} keys; during the measurement ${ during.hits } hits, ${
			during.misses
		} misses (${
			Number.isFinite( hitRate ) ? hitRate.toFixed( 1 ) : '–'
		} % hits), ${ during.keys } keys at the end.\n` +
		'Statements still sent with the cache (* = a read of rarely changing data that a persistent cache could answer; ' +
		"the log starts when the must-use plugins load, so it may show fewer than the table's count from the start of the request):\n" +
		`${ listing }\n` +
		( cacheable.length > 0
			? `Reads the cache could have answered but the database did: ${ cacheable
					.map( ( c ) => `${ c.request }: ${ c.caller }` )
					.join( '; ' ) }\n`
			: 'No read of options, users or clients reaches the database with the cache.\n' ) +
		( restored
			? ''
			: `The site answered ${ check.status } after the cache was taken away.\n` );

	return {
		id: ID,
		title: TITLE,
		text,
		json: {
			versions,
			sizes,
			redis: { afterWarmup: warmed, measurement: during },
			floors,
			rows: Object.fromEntries(
				scenarios.map( ( [ id ] ) => [
					id,
					{
						none: rows.get( `${ id }-none` ) ?? null,
						redis: rows.get( `${ id }-redis` ) ?? null,
						providerGainMs:
							gain(
								aboveFloor( rows.get( `${ id }-none` ) ),
								aboveFloor( rows.get( `${ id }-redis` ) )
							) ?? null,
					},
				] )
			),
			statements: { withoutCache: before, withCache: after },
			cacheable,
			restored,
		},
	};
}

export const objectCachePhase: Phase = {
	id: ID,
	title: TITLE,
	run: async ( context ) => {
		const problem = objectCacheProblem( context.site.dir );
		if ( problem ) {
			return {
				id: ID,
				title: TITLE,
				text: `Not measured: ${ problem }.\n`,
				json: { skipped: problem },
			};
		}
		try {
			return await measure( context );
		} catch ( error ) {
			context.log( `cache: ${ errorText( error ) }` );
			return {
				id: ID,
				title: TITLE,
				text: `Not measured: ${ errorText(
					error
				) }. The site is back without the cache.\n`,
				json: { error: errorText( error ) },
			};
		}
	},
};
