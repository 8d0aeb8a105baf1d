/**
 * `npm run bench`: boots a production-like WordPress (nginx + php-fpm with opcache, MariaDB), warms
 * it, and measures every scenario against the floor in the same run, interleaved: each scenario's
 * batches alternate with floor batches, so drift in the machine hits both sides of every ratio.
 *
 * Settings (environment): BENCH_ROUNDS (8), BENCH_REQUESTS per batch (120), BENCH_CONCURRENCY (2),
 * BENCH_WORKERS php-fpm workers (4), BENCH_WARMUP requests per scenario (60), BENCH_ROWS for the
 * large scale step (1000000), BENCH_KEEP_SITE=1 keeps .cache/sites/bench afterwards,
 * BENCH_PLUGIN_DIR benchmarks another copy of the plugin (a candidate change) instead of this tree.
 * BENCH_IDLE_BATCH requests per side of a round (20) and BENCH_IDLE_SECONDS per request (240) of
 * the idle phase (phases/idle.ts).
 * BENCH_QUICK=1 is a fast look (a couple of minutes): 3 rounds of 40 requests, 20,000 rows for the
 * scale step, fewer stack samples; ratios are rougher, the statements and profiles the same.
 */
import {
	existsSync,
	mkdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from './lib/db';
import { LoadClient, type RequestSpec } from './lib/http';
import {
	BASE,
	BenchError,
	codeGrantRequest,
	login,
	PATHS,
	refreshGrantRequest,
	registerClient,
	authorizeRequest,
	userinfoRequest,
	type RegisteredClient,
	type Session,
} from './lib/oidc';
import {
	describeMachine,
	renderTable,
	writeJson,
	type RowResult,
} from './lib/report';
import { repoRoot, startBenchSite, type BenchSite } from './lib/site';
import { registerAnchorClient, unpackAnchor } from './lib/anchor';
import { queryLog, type QueryLogEntry } from './lib/querylog';
import { config, get, OFF, REFS } from './lib/config';
import { AnchorChain, Chain } from './lib/chain';
import {
	errorText,
	floorRow,
	idleTarget,
	log,
	protocolProbes,
	protocolSubjects,
	runPhase,
	status,
	toRow,
	type Measured,
	type Subject,
} from './lib/scenarios';
import {
	authorizeSubject,
	discoverySubject,
	jwksSubject,
} from './lib/subjects';
import { PHASES, type PhaseReport } from './phases';

/** Keystone OIDC 2.3.1, the release this plugin replaces: the anchor measured in the same run. */
const ANCHOR_ZIP = path.resolve(
	repoRoot,
	'../shared/fixtures/keystone-oidc-2.3.1.zip'
);
const STAGES = [
	'mu_plugins',
	'plugins_loaded',
	'after_setup_theme',
	'init',
	'wp_loaded',
	'parse_request',
	'rest_api_init',
	'response',
];

/**
 * Median time (ms since PHP started the request) at which each stage of WordPress's boot was
 * reached, over `count` requests.
 */
async function stageTimes(
	client: LoadClient,
	count: number,
	make: ( i: number ) => RequestSpec
): Promise< Record< string, number > > {
	const batch = await client.batch( count, ( i ) => {
		const spec = make( i );
		return {
			...spec,
			headers: { ...( spec.headers ?? {} ), 'X-Bench-Stages': '1' },
		};
	} );
	const seen: Record< string, number[] > = {};
	for ( const sample of batch.samples ) {
		for ( const pair of String(
			sample.headers[ 'x-bench-stages' ] ?? ''
		).split( ',' ) ) {
			const [ stage, ms ] = pair.split( '=' );
			if ( stage && ms ) {
				( seen[ stage ] ??= [] ).push( Number( ms ) );
			}
		}
	}
	const medians: Record< string, number > = {};
	for ( const stage of STAGES ) {
		const values = ( seen[ stage ] ?? [] ).sort( ( a, b ) => a - b );
		if ( values.length > 0 ) {
			medians[ stage ] = values[
				Math.floor( values.length / 2 )
			] as number;
		}
	}
	return medians;
}

/** Where a sampled stack's time is counted, first match from the top of this list. */
const CATEGORIES: Array< [ string, RegExp ] > = [
	[ 'statements', /^(wpdb::|mysqli)/ ],
	[ 'signing', /^(openssl_|Keystone_OIDC\\Crypto\\)/ ],
	[ 'plugin code', /^Keystone_OIDC\\/ ],
];
const BOOTSTRAP = 'bootstrap (WordPress, theme)';

interface SampleSummary {
	requests: number;
	samples: number;
	file: string;
	/** Estimated ms per request in each category (samples × period ÷ requests). */
	categoryMs: Record< string, number >;
	inclusive: Array< [ string, number ] >;
	self: Array< [ string, number ] >;
}

const SAMPLE_PERIOD_MS = 0.2;

/**
 * Samples the PHP stack of `count` requests (the must-use plugin does it with the excimer
 * extension, every 0.2 ms of wall time), writes the collapsed stacks to
 * artifacts/bench/profiles/<name>.collapsed (flamegraph.pl and speedscope read it), and returns
 * the time per request in each category (statements, signing, plugin code, the rest: WordPress's
 * bootstrap and theme) with the top frames: inclusive for the plugin's own frames and the
 * endpoint's boot, self for everything.
 */
async function sampleStacks(
	client: LoadClient,
	siteDir: string,
	name: string,
	count: number,
	make: ( i: number ) => RequestSpec
): Promise< SampleSummary | null > {
	const samplesFile = path.join(
		siteDir,
		'wordpress/wp-content/bench-samples.txt'
	);
	rmSync( samplesFile, { force: true } );
	await client.batch( count, ( i ) => {
		const spec = make( i );
		return {
			...spec,
			headers: { ...( spec.headers ?? {} ), 'X-Bench-Sample': '1' },
		};
	} );
	if ( ! existsSync( samplesFile ) ) {
		return null;
	}
	const collapsed = readFileSync( samplesFile, 'utf8' );
	const inclusive = new Map< string, number >();
	const self = new Map< string, number >();
	const byCategory = new Map< string, number >();
	let total = 0;
	for ( const line of collapsed.split( '\n' ) ) {
		const match = /^(.*) (\d+)$/.exec( line );
		if ( ! match ) {
			continue;
		}
		const frames = ( match[ 1 ] as string ).split( ';' );
		const n = Number( match[ 2 ] );
		total += n;
		for ( const frame of new Set( frames ) ) {
			inclusive.set( frame, ( inclusive.get( frame ) ?? 0 ) + n );
		}
		const leaf = frames[ frames.length - 1 ] as string;
		self.set( leaf, ( self.get( leaf ) ?? 0 ) + n );
		const category =
			CATEGORIES.find( ( [ , pattern ] ) =>
				frames.some( ( frame ) => pattern.test( frame ) )
			)?.[ 0 ] ?? BOOTSTRAP;
		byCategory.set( category, ( byCategory.get( category ) ?? 0 ) + n );
	}
	const share = (
		entries: Map< string, number >,
		filter: RegExp,
		top: number
	) =>
		[ ...entries ]
			.filter( ( [ frame ] ) => filter.test( frame ) )
			.sort( ( a, b ) => b[ 1 ] - a[ 1 ] )
			.slice( 0, top )
			.map( ( [ frame, n ] ): [ string, number ] => [
				frame,
				Math.round( ( n / total ) * 1000 ) / 10,
			] );
	const dir = path.join( repoRoot, 'artifacts/bench/profiles' );
	mkdirSync( dir, { recursive: true } );
	const file = path.join(
		dir,
		`${ name.replace( /[^a-z0-9]+/gi, '-' ).toLowerCase() }.collapsed`
	);
	writeFileSync( file, collapsed );
	const categoryMs: Record< string, number > = {};
	for ( const category of [
		BOOTSTRAP,
		...CATEGORIES.map( ( [ c ] ) => c ),
	] ) {
		categoryMs[ category ] =
			( ( byCategory.get( category ) ?? 0 ) * SAMPLE_PERIOD_MS ) / count;
	}
	return {
		requests: count,
		samples: total,
		file: path.relative( repoRoot, file ),
		categoryMs,
		inclusive: share(
			inclusive,
			/Keystone_OIDC|^(WP::parse_request|do_action|wp|require_once|rest_api_loaded)$/,
			12
		),
		self: share( self, /./, 10 ),
	};
}

/**
 * The "top frames" report: per scenario, the sampled ms per request in each category and its
 * difference to the REST floor's (what the scenario spends above the floor, and where), then the
 * plugin's heaviest inclusive frames.
 */
function topFrames( sampled: Record< string, SampleSummary > ): string {
	const floor = sampled[ 'REST floor' ];
	const names = Object.keys( sampled );
	if ( names.length === 0 ) {
		return '\nNo stack samples (the php-excimer extension is not loaded in php-fpm).\n';
	}
	const categories = [ BOOTSTRAP, ...CATEGORIES.map( ( [ c ] ) => c ) ];
	const lines = [
		[ 'sampled ms per request (Δ floor)', ...categories, 'total' ],
		...names.map( ( name ) => {
			const summary = sampled[ name ] as SampleSummary;
			const cell = ( value: number, base: number | undefined ) =>
				base === undefined || name === 'REST floor'
					? value.toFixed( 2 )
					: `${ value.toFixed( 2 ) } (${
							value - base >= 0 ? '+' : ''
					  }${ ( value - base ).toFixed( 2 ) })`;
			const total = Object.values( summary.categoryMs ).reduce(
				( a, b ) => a + b,
				0
			);
			const floorTotal = floor
				? Object.values( floor.categoryMs ).reduce(
						( a, b ) => a + b,
						0
				  )
				: undefined;
			return [
				name,
				...categories.map( ( c ) =>
					cell( summary.categoryMs[ c ] ?? 0, floor?.categoryMs[ c ] )
				),
				cell( total, floorTotal ),
			];
		} ),
	];
	const table = lines
		.map( ( line ) =>
			line
				.map( ( cell, i ) =>
					i === 0 ? cell.padEnd( 34 ) : cell.padStart( 30 )
				)
				.join( '' )
		)
		.join( '\n' );
	const frames = names
		.filter( ( name ) => name !== 'REST floor' )
		.map( ( name ) => {
			const summary = sampled[ name ] as SampleSummary;
			const plugin = summary.inclusive
				.filter( ( [ frame ] ) => frame.startsWith( 'Keystone_OIDC' ) )
				.slice( 0, 5 )
				.map(
					( [ frame, pct ] ) =>
						`${ frame.replace( /^Keystone_OIDC\\/, '' ) } ${ pct }%`
				)
				.join( ', ' );
			return `  ${ name } (${ summary.file }): ${ plugin || '–' }`;
		} )
		.join( '\n' );
	return `\nTop frames (php-excimer, every ${ SAMPLE_PERIOD_MS } ms of wall time; "statements" counts time waiting on MariaDB):\n${ table }\nHeaviest plugin frames, inclusive share of samples:\n${ frames }\n`;
}

async function main(): Promise< void > {
	const started = Date.now();
	const loadStart = os.loadavg();
	if ( ( loadStart[ 0 ] ?? 0 ) > os.cpus().length / 2 ) {
		log(
			`the machine is busy (load ${ loadStart
				.map( ( l ) => l.toFixed( 1 ) )
				.join(
					' '
				) }): ratios stay comparable, absolute figures will not be`
		);
	}
	log(
		`rounds ${ config.rounds } × ${ config.requests } requests, concurrency ${ config.concurrency }, ${ config.workers } php-fpm workers`
	);
	const site = await startBenchSite(
		'bench',
		config.workers,
		process.env.BENCH_KEEP_SITE === '1',
		config.pluginDir ?? undefined
	);
	const stopSite = (): void => {
		void site.stop().then( () => process.exit( 130 ) );
	};
	process.once( 'SIGINT', stopSite );
	process.once( 'SIGTERM', stopSite );
	const client = new LoadClient( site.url, config.concurrency );
	const db = new Database( site.socket );
	let anchorSite: BenchSite | null = null;
	let anchorClient: LoadClient | null = null;
	let anchorProblem = '';
	try {
		log( `site up at ${ site.url }` );
		const machine = describeMachine(
			repoRoot,
			await db.version(),
			site.dir
		);
		const codesTable = 'wp_oidc_auth_codes';
		const tokensTable = 'wp_oidc_tokens';
		const tablesExist =
			( await db.tableExists( codesTable ) ) &&
			( await db.tableExists( tokensTable ) );

		let protocol: { rp: RegisteredClient; session: Session } | null = null;
		let protocolProblem = '';
		try {
			const session = await login( client, 'admin', 'password' );
			const rp = await registerClient( client, session );
			protocol = { rp, session };
		} catch ( error ) {
			protocolProblem = errorText( error );
			log( `no client for the protocol scenarios: ${ protocolProblem }` );
		}

		const rowCounts: Record< string, Record< string, number > > = {};
		const fill = async (
			target: number,
			phase: string
		): Promise< void > => {
			if ( ! tablesExist ) {
				return;
			}
			const t0 = Date.now();
			// Both tables at once: each doubling keeps one core busy.
			const [ codes, tokens ] = await Promise.all( [
				db.fillTo( codesTable, 'codes', target ),
				db.fillTo( tokensTable, 'tokens', target ),
			] );
			rowCounts[ phase ] = {
				[ codesTable ]: codes,
				[ tokensTable ]: tokens,
			};
			log(
				`${ phase }: ${ JSON.stringify( rowCounts[ phase ] ) } in ${ (
					( Date.now() - t0 ) /
					1000
				).toFixed( 1 ) } s`
			);
		};

		const subjects: Subject[] = [
			{
				id: 'idle-home',
				label: 'idle: home page, plugin on',
				ref: 'home',
				spec: () => get( '/' ),
				ok: status( 200 ),
				target: idleTarget,
			},
			{
				id: 'idle-rest',
				label: 'idle: REST /wp/v2/posts, plugin on',
				ref: 'posts',
				spec: () => get( '/wp-json/wp/v2/posts' ),
				ok: status( 200 ),
				target: idleTarget,
			},
			{
				// A/A: the floor against itself shows how far a ratio moves by chance on this machine.
				id: 'noise',
				label: 'noise check: REST floor again',
				ref: 'rest',
				spec: REFS.rest!.spec,
				ok: status( 200 ),
			},
			discoverySubject(),
			jwksSubject(),
		];
		const unavailable = ( id: string, label: string ): Subject => ( {
			id,
			label,
			ref: 'rest',
			spec: () => get( '/' ),
			ok: () => false,
			prepare: async () => {
				throw new BenchError( protocolProblem );
			},
		} );
		let chain: Chain | null = null;
		if ( protocol ) {
			const { rp, session } = protocol;
			chain = new Chain( client, rp, session );
			subjects.push( authorizeSubject( rp, session, 1_000_000 ) );
			subjects.push( ...protocolSubjects( chain, rp, '', '' ) );
		} else {
			subjects.push(
				unavailable(
					'authorize',
					'authorize (signed in, no consent page)'
				),
				unavailable( 'token-code', 'token: authorization_code' ),
				unavailable( 'token-refresh', 'token: refresh_token' ),
				unavailable( 'userinfo', 'userinfo' )
			);
		}

		// The anchor: Keystone OIDC 2.3.1 on a second site, its scenarios in the same rounds.
		const anchorRows: Array< [ string, string ] > = [
			[ 'discovery', 'discovery' ],
			[ 'jwks', 'JWKS' ],
			[ 'token-code', 'token: authorization_code' ],
			[ 'token-refresh', 'token: refresh_token' ],
			[ 'userinfo', 'userinfo' ],
		];
		try {
			const anchorPlugin = await unpackAnchor( ANCHOR_ZIP );
			if ( ! anchorPlugin ) {
				throw new BenchError( `${ ANCHOR_ZIP } is missing` );
			}
			anchorSite = await startBenchSite(
				'bench-anchor',
				config.workers,
				false,
				anchorPlugin
			);
			anchorClient = new LoadClient( anchorSite.url, config.concurrency );
			const live = anchorClient;
			const anchorSession = await login( live, 'admin', 'password' );
			const anchorRp = await registerAnchorClient( live );
			const anchorChain = new AnchorChain(
				live,
				anchorRp,
				anchorSession
			);
			subjects.push(
				{
					id: 'anchor-discovery',
					label: '2.3.1: discovery',
					ref: 'rest',
					client: live,
					spec: () =>
						get( `${ BASE }/.well-known/openid-configuration` ),
					ok: status( 200 ),
				},
				{
					id: 'anchor-jwks',
					label: '2.3.1: JWKS',
					ref: 'rest',
					client: live,
					spec: () => get( PATHS.jwks ),
					ok: status( 200 ),
				},
				...protocolSubjects( anchorChain, anchorRp, '', '2.3.1: ' ).map(
					( subject ) => ( {
						...subject,
						id: `anchor-${ subject.id }`,
						client: live,
						target: undefined,
					} )
				)
			);
		} catch ( error ) {
			anchorProblem = errorText( error );
			log( `no anchor: ${ anchorProblem }` );
		}

		await fill( config.smallRows, 'small' );
		// Opcache, MariaDB's buffer pool and WordPress's caches fill on the first requests.
		for ( const ref of Object.values( REFS ) ) {
			await client.batch( config.warmup, ref.spec );
		}
		const small = await runPhase( client, subjects, 'small' );

		let large: Measured[] = [];
		const explains: unknown[] = [];
		// Every statement each endpoint runs, with its time and caller, for profiling.
		const profile: Record<
			string,
			{ status: number; queries: QueryLogEntry[] }
		> = {};
		let fillProblem = '';
		if ( protocol && chain && tablesExist ) {
			await fill( config.largeRows, 'large' ).catch( ( error ) => {
				fillProblem = errorText( error );
				log( `could not grow the tables: ${ fillProblem }` );
			} );
		}
		if ( protocol && chain && tablesExist && ! fillProblem ) {
			const { rp, session } = protocol;
			const scaleSubjects = protocolSubjects(
				chain,
				rp,
				'-large',
				`${ config.largeRows.toLocaleString( 'en-US' ) } rows: `
			);
			large = await runPhase( client, scaleSubjects, 'large' );

			// EXPLAIN every statement the protocol endpoints send to the plugin's tables.
			const codes = await chain.mint( 2 ).catch( () => [] as string[] );
			if ( chain.refresh.length === 0 ) {
				await chain.exchange( 2 ).catch( () => undefined );
			}
			const probes: Array< [ string, RequestSpec | null ] > = [
				[ 'authorize', authorizeRequest( rp, session, 9_000_000 ) ],
				[
					'token: authorization_code',
					codes[ 0 ] ? codeGrantRequest( rp, codes[ 0 ] ) : null,
				],
				[
					'token: refresh_token',
					chain.refresh[ 0 ]
						? refreshGrantRequest(
								rp,
								chain.refresh.shift() as string
						  )
						: null,
				],
				[
					'userinfo',
					chain.access[ 0 ]
						? userinfoRequest( chain.access[ 0 ] )
						: null,
				],
			];
			probes.push(
				[ 'discovery', get( PATHS.discovery ) ],
				[ 'jwks', get( PATHS.jwks ) ],
				[ 'REST floor', REFS.rest!.spec() ]
			);
			for ( const [ name, spec ] of probes ) {
				if ( ! spec ) {
					continue;
				}
				const { status: code, queries } = await queryLog(
					client,
					spec
				);
				profile[ name ] = { status: code, queries };
				for ( const q of queries ) {
					if ( ! /oidc_/.test( q.sql ) ) {
						continue;
					}
					const entry: Record< string, unknown > = {
						endpoint: name,
						status: code,
						sql: q.sql.replace( /\s+/g, ' ' ).trim(),
						ms: q.ms,
					};
					if ( /^\s*(SELECT|UPDATE|DELETE)/i.test( q.sql ) ) {
						entry.explain = await db
							.explain( q.sql )
							.catch( ( e ) => [ { error: errorText( e ) } ] );
					}
					explains.push( entry );
				}
			}
		}

		// Each further phase (tests/bench/phases/) on the same site, after the main table.
		const phaseReports: PhaseReport[] = [];
		for ( const phase of PHASES ) {
			log( `phase: ${ phase.title }` );
			const t0 = Date.now();
			try {
				phaseReports.push(
					await phase.run( {
						site,
						client,
						db,
						config,
						protocol,
						chain,
						log,
					} )
				);
			} catch ( error ) {
				phaseReports.push( {
					id: phase.id,
					title: phase.title,
					text: `${ phase.title }: not measured (${ errorText(
						error
					) })\n`,
					json: { error: errorText( error ) },
				} );
			}
			log(
				`phase ${ phase.id }: ${ Math.round(
					( Date.now() - t0 ) / 1000
				) } s`
			);
		}

		// What the idle plugin adds to a page view and to a REST request, statement by statement.
		const idleQueries: Record< string, string[] > = {};
		const idleClasses: Record< string, string[] > = {};
		for ( const [ name, p ] of [
			[ 'home', '/' ],
			[ 'rest', '/wp-json/wp/v2/posts' ],
		] as const ) {
			const on = await queryLog( client, get( p ) );
			idleClasses[ name ] = on.classes;
			const off = await queryLog( client, get( p, OFF ) );
			const offSql = off.queries.map( ( q ) => q.sql );
			idleQueries[ name ] = on.queries
				.map( ( q ) => q.sql )
				.filter( ( sql ) => {
					const at = offSql.indexOf( sql );
					if ( at === -1 ) {
						return true;
					}
					offSql.splice( at, 1 );
					return false;
				} );
		}

		// Where each endpoint's time goes: the boot stages it passed through before answering.
		const stages: Record< string, Record< string, number > > = {};
		const stageProbes: Array< [ string, ( i: number ) => RequestSpec ] > = [
			[ 'REST floor', REFS.rest!.spec ],
			[ 'home floor', REFS.home!.spec ],
			[ 'discovery', () => get( PATHS.discovery ) ],
			[ 'JWKS', () => get( PATHS.jwks ) ],
		];
		if ( protocol && chain ) {
			const { rp, session } = protocol;
			const live = chain;
			try {
				const codes = await live.mint( 40 );
				await live.exchange( 40 );
				const refresh = live.refresh.splice( 0, 40 );
				const access = [ ...live.access ];
				stageProbes.push(
					...protocolProbes(
						rp,
						session,
						codes,
						refresh,
						access,
						8_000_000
					)
				);
			} catch ( error ) {
				log(
					`no stage profile of the protocol: ${ errorText( error ) }`
				);
			}
		}
		for ( const [ name, make ] of stageProbes ) {
			stages[ name ] = await stageTimes( client, 40, make );
		}
		// Stack samples of every scenario with a target, the floor first: each category's time
		// above the floor's is what the top-frames table attributes.
		const sampled: Record< string, SampleSummary > = {};
		const bySample: Array< [ string, ( i: number ) => RequestSpec ] > = [
			[ 'REST floor', REFS.rest!.spec ],
			[ 'discovery', () => get( PATHS.discovery ) ],
			[ 'JWKS', () => get( PATHS.jwks ) ],
		];
		if ( protocol && chain ) {
			const { rp, session } = protocol;
			const live = chain;
			try {
				const n = config.stackSamples;
				const codes = await live.mint( n );
				await live.exchange( n );
				const refresh = live.refresh.splice( 0, n );
				const access = [ ...live.access ];
				bySample.push(
					...protocolProbes(
						rp,
						session,
						codes,
						refresh,
						access,
						7_000_000
					)
				);
			} catch ( error ) {
				log(
					`no stack samples of the protocol: ${ errorText( error ) }`
				);
			}
		}
		for ( const [ name, make ] of bySample ) {
			const summary = await sampleStacks(
				client,
				site.dir,
				name,
				config.stackSamples,
				make
			).catch( ( error ) => {
				log( `no stack samples of ${ name }: ${ errorText( error ) }` );
				return null;
			} );
			if ( summary ) {
				sampled[ name ] = summary;
			}
		}

		const restFloorBatches = small
			.filter( ( m ) => m.subject.ref === 'rest' )
			.flatMap( ( m ) => m.refBatches );
		const homeFloorBatches = small
			.filter( ( m ) => m.subject.ref === 'home' )
			.flatMap( ( m ) => m.refBatches );
		const rows: RowResult[] = [
			floorRow(
				'floor-rest',
				'floor: REST route returning {}',
				restFloorBatches,
				'small'
			),
			floorRow(
				'floor-home',
				'floor: home page',
				homeFloorBatches,
				'small'
			),
			...small.map( toRow ),
		];
		const smallById = new Map(
			rows.map( ( row ) => [ row.id, row ] as const )
		);
		for ( const m of large ) {
			const row = toRow( m );
			const base = smallById.get( m.subject.id.replace( /-large$/, '' ) );
			if ( row.ratios && base?.ratios ) {
				row.scale = row.ratios.median / base.ratios.median;
				row.target = {
					text: `${ row.scale.toFixed( 2 ) }× of 1k ≤ 1.10×`,
					met: row.scale <= 1.1,
				};
			}
			rows.push( row );
		}
		if ( large.length === 0 ) {
			let reason = fillProblem || protocolProblem;
			if ( ! tablesExist ) {
				reason = 'the plugin has no code and token tables';
			}
			for ( const [ id, label ] of [
				[ 'token-code-large', 'token: authorization_code' ],
				[ 'token-refresh-large', 'token: refresh_token' ],
				[ 'userinfo-large', 'userinfo' ],
			] ) {
				rows.push( {
					id: id as string,
					label: `${ config.largeRows.toLocaleString(
						'en-US'
					) } rows: ${ label }`,
					vs: REFS.rest!.label,
					phase: 'large',
					available: false,
					reason: reason || 'not measured',
					errors: 0,
				} );
			}
		}

		const tokenRow = smallById.get( 'token-code' );
		const seconds = Math.round( ( Date.now() - started ) / 1000 );
		const table = renderTable( rows );
		const record = {
			date: new Date().toISOString(),
			seconds,
			machine,
			config,
			rowCounts,
			rows,
			tokenPeakMemoryKb: tokenRow?.figures?.memoryKb ?? null,
			load: { start: loadStart, end: os.loadavg() },
			explain: explains,
			profile,
			stages,
			sampled,
			idleExtraQueries: idleQueries,
			idlePluginClasses: idleClasses,
			phases: Object.fromEntries(
				phaseReports.map( ( report ) => [ report.id, report.json ] )
			),
		};
		const file = writeJson( repoRoot, record );

		const m = machine;
		process.stdout.write(
			`\nKeystone OIDC ${ m.plugin } (${ m.commit }) on WordPress ${
				m.wordpress
			}: ${ m.cpus } × ${ m.cpuModel }, ${ m.memoryGb } GB, Linux ${
				m.kernel
			}, ${ m.php.replace( /\s*\(.*$/, '' ) }, MariaDB ${
				m.mariadb
			}, nginx ${ m.nginx }\n` +
				`${ config.rounds } rounds × ${ config.requests } requests per batch, concurrency ${ config.concurrency }; each ratio is to the floor batches interleaved with that scenario.\n` +
				`Small tables: ${ JSON.stringify(
					rowCounts.small ?? {}
				) } at the start; large: ${ JSON.stringify(
					rowCounts.large ?? {}
				) }.\n\n` +
				`${ table }\n\n`
		);
		process.stdout.write(
			`This plugin next to Keystone OIDC 2.3.1 (median ratio to each site's own REST floor, same run, interleaved):\n${ anchorRows
				.map( ( [ id, label ] ) => {
					const ours = smallById.get( id );
					const theirs = smallById.get( `anchor-${ id }` );
					const cell = ( row: RowResult | undefined ) =>
						row?.ratios
							? `${ row.ratios.median.toFixed( 2 ) }× (${
									row.figures?.queries ?? '–'
							  } stmts)`
							: `unavailable${
									row?.reason || anchorProblem
										? ` (${ (
												row?.reason || anchorProblem
										  ).slice( 0, 60 ) })`
										: ''
							  }`;
					return `  ${ label.padEnd( 28 ) } ours ${ cell(
						ours
					).padEnd( 22 ) } 2.3.1 ${ cell( theirs ) }`;
				} )
				.join( '\n' ) }\n\n`
		);
		for ( const report of phaseReports ) {
			process.stdout.write( `${ report.title }\n${ report.text }\n` );
		}
		if ( tokenRow?.figures ) {
			process.stdout.write(
				`Peak PHP memory per token request (authorization_code): ${ tokenRow.figures.memoryKb?.toFixed(
					0
				) } KB (REST floor: ${ smallById
					.get( 'floor-rest' )
					?.figures?.memoryKb?.toFixed( 0 ) } KB)\n`
			);
		}
		if ( explains.length > 0 ) {
			process.stdout.write(
				`\nEXPLAIN of the protocol's statements on the plugin's tables at ${ config.largeRows.toLocaleString(
					'en-US'
				) } rows:\n`
			);
			for ( const entry of explains as Array< {
				endpoint: string;
				sql: string;
				explain?: Array< Record< string, string > >;
			} > ) {
				const plan = ( entry.explain ?? [] )
					.map(
						( p ) =>
							`${ p.table ?? '' } type=${
								p.type ?? p.error ?? ''
							} key=${ p.key ?? '' } rows=${ p.rows ?? '' }`
					)
					.join( '; ' );
				process.stdout.write(
					`  [${ entry.endpoint }] ${ entry.sql.slice( 0, 140 ) }${
						entry.sql.length > 140 ? '…' : ''
					}\n      ${ plan || '(not a lookup)' }\n`
				);
			}
		}
		process.stdout.write(
			`\nWhere the time goes (median ms since PHP started the request, when each stage began):\n${ [
				[ 'endpoint', ...STAGES ],
				...Object.entries( stages ).map( ( [ name, times ] ) => [
					name,
					...STAGES.map( ( stage ) =>
						times[ stage ] === undefined
							? '–'
							: ( times[ stage ] as number ).toFixed( 1 )
					),
				] ),
			]
				.map( ( line ) =>
					line
						.map( ( cell, i ) =>
							i === 0 ? cell.padEnd( 26 ) : cell.padStart( 19 )
						)
						.join( '' )
				)
				.join( '\n' ) }\n\n`
		);
		process.stdout.write( topFrames( sampled ) );
		for ( const [ name, classes ] of Object.entries( idleClasses ) ) {
			process.stdout.write(
				`Plugin classes loaded on a ${ name } request: ${
					classes.length
				}${
					classes.length > 0 ? ` (${ classes.join( ', ' ) })` : ''
				}\n`
			);
		}
		for ( const [ name, extra ] of Object.entries( idleQueries ) ) {
			if ( extra.length > 0 ) {
				process.stdout.write(
					`\nQueries the idle plugin adds to ${ name }:\n${ extra
						.map( ( sql ) => `  ${ sql.slice( 0, 200 ) }` )
						.join( '\n' ) }\n`
				);
			}
		}
		process.stdout.write(
			`\nWritten to ${ path.relative(
				repoRoot,
				file
			) } and artifacts/bench/latest.json (${ seconds } s)\n`
		);
	} finally {
		client.close();
		anchorClient?.close();
		await anchorSite?.stop();
		await site.stop();
	}
}

main().catch( ( error ) => {
	process.stderr.write( `bench: ${ errorText( error ) }\n` );
	process.exit( 1 );
} );
