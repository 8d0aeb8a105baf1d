/**
 * Cost as the site grows (issue 19): the protocol scenarios and the admin screens' list endpoints,
 * each against the REST floor, first as the site is when the phase starts (the main table's users,
 * clients, consents and activity; codes and tokens as the scale step left them), then again after
 * growing the site to 100,000 users, 10,000 clients, 1,000,000 consents and 1,000,000 activity
 * rows. Reports the change of each ratio, EXPLAIN of every statement those endpoints send at the
 * large size (scans flagged), how long growing took and the row counts it reached.
 */
import { config } from '../lib/config';
import type { Database, FillKind, GrowthParams, Row } from '../lib/db';
import type { LoadClient, RequestSpec, Sample } from '../lib/http';
import {
	authorizeRequest,
	type RegisteredClient,
	type Session,
} from '../lib/oidc';
import { queryLog } from '../lib/querylog';
import { renderTable, type RowResult } from '../lib/report';
import {
	errorText,
	protocolSubjects,
	runPhase,
	status,
	toRow,
	type Measured,
	type Subject,
} from '../lib/scenarios';
import type { Chain } from '../lib/chain';
import type { Phase, PhaseContext, PhaseReport } from './index';

/** The tables this phase grows. */
type GrowthKind = 'users' | 'clients' | 'consents' | 'activity';

const ID = 'growth';
const TITLE = 'Cost as the site grows (users, clients, consents, activity)';

/** The issue's sizes; BENCH_QUICK=1 grows to a fiftieth of them or less, to keep a quick look quick. */
const SIZES: Record< Extract< FillKind, GrowthKind >, number > = config.quick
	? { users: 2_000, clients: 500, consents: 20_000, activity: 20_000 }
	: {
			users: 100_000,
			clients: 10_000,
			consents: 1_000_000,
			activity: 1_000_000,
	  };
const TABLES: Record< keyof typeof SIZES, string > = {
	users: 'wp_users',
	clients: 'wp_oidc_clients',
	consents: 'wp_oidc_consents',
	activity: 'wp_oidc_activity',
};
/** Rounds per size: two in quick mode (each round is one batch per scenario and its floor). */
const ROUNDS = config.quick ? Math.min( config.rounds, 2 ) : config.rounds;
/** The change of ratio from small to large that issue 19 accepts, as for the scale rows. */
const SCALE_LIMIT = 1.1;
/** A plan row reading more than this many rows, and this many times the answer, is a scan. */
const SCAN_ROWS = 1_000;
const SCAN_FACTOR = 10;
/** A SELECT without LIMIT answering more rows than this returns a whole table that grows. */
const UNBOUNDED_ROWS = 100;

const REST = '/wp-json/keystone-oidc/v1';
/** The first request each admin screen sends (the activity screen asks for 20 a page). */
const ADMIN_LISTS: Array< [ string, string, string ] > = [
	[ 'clients', 'admin: clients list', `${ REST }/clients` ],
	[
		'activity',
		'admin: activity list',
		`${ REST }/activity?page=1&per_page=20`,
	],
	[
		'applications',
		'admin: connected applications',
		`${ REST }/me/applications`,
	],
];

function adminRequest( session: Session, path: string ): RequestSpec {
	return {
		method: 'GET',
		path,
		headers: { Cookie: session.cookie, 'X-WP-Nonce': session.nonce },
	};
}

const authorizeOk = ( s: Sample ): boolean =>
	s.status === 302 && /[?&]code=/.test( String( s.headers.location ?? '' ) );

/** Every scenario of the phase, as run.ts builds them, for one size. */
function subjects(
	chain: Chain,
	rp: RegisteredClient,
	session: Session,
	size: 'small' | 'large',
	offset: number
): Subject[] {
	const prefix = size === 'large' ? 'grown: ' : '';
	return [
		{
			id: `growth-authorize-${ size }`,
			label: `${ prefix }authorize (signed in, consent remembered)`,
			ref: 'rest',
			spec: ( i ) => authorizeRequest( rp, session, offset + i ),
			ok: authorizeOk,
		},
		...protocolSubjects( chain, rp, `-${ size }`, prefix ).map(
			( subject ) => ( {
				...subject,
				id: `growth-${ subject.id }`,
				target: undefined,
			} )
		),
		...ADMIN_LISTS.map(
			( [ id, label, path ] ): Subject => ( {
				id: `growth-${ id }-${ size }`,
				label: `${ prefix }${ label }`,
				ref: 'rest',
				spec: () => adminRequest( session, path ),
				ok: status( 200 ),
			} )
		),
	];
}

/** runPhase with this phase's number of rounds. */
async function measure(
	client: LoadClient,
	list: Subject[],
	phase: string
): Promise< Measured[] > {
	return runPhase( client, list, phase, { ...config, rounds: ROUNDS } );
}

interface Growth {
	seconds: number;
	counts: Record< string, number >;
	params: GrowthParams;
}

/**
 * Users and clients first (consents and activity rows point at them), two tables at a time so
 * each doubling keeps one core busy.
 */
async function grow( db: Database, benchClient: string ): Promise< Growth > {
	const t0 = Date.now();
	const userBase = Number(
		await db.scalar(
			"SELECT COALESCE(MAX(ID), 0) AS n FROM wp_users WHERE user_login NOT LIKE 'bench-user-%'"
		)
	);
	const params: GrowthParams = {
		userBase,
		users: 1,
		clients: 1,
		benchClient,
	};
	const counts: Record< string, number > = {};
	const [ users, clients ] = await Promise.all( [
		db.fillTo( TABLES.users, 'users', SIZES.users, params ),
		db.fillTo( TABLES.clients, 'clients', SIZES.clients, params ),
	] );
	counts[ TABLES.users ] = users;
	counts[ TABLES.clients ] = clients;
	params.users = Number(
		await db.scalar(
			"SELECT COUNT(*) AS n FROM wp_users WHERE user_login LIKE 'bench-user-%'"
		)
	);
	params.clients = Number(
		await db.scalar(
			"SELECT COUNT(*) AS n FROM wp_oidc_clients WHERE client_id LIKE 'bench-client-%'"
		)
	);
	const [ consents, activity ] = await Promise.all( [
		db.fillTo( TABLES.consents, 'consents', SIZES.consents, params ),
		db.fillTo( TABLES.activity, 'activity', SIZES.activity, params ),
	] );
	counts[ TABLES.consents ] = consents;
	counts[ TABLES.activity ] = activity;
	counts.wp_usermeta = await db.count( 'wp_usermeta' );
	return { seconds: ( Date.now() - t0 ) / 1000, counts, params };
}

async function rowCounts( db: Database ): Promise< Record< string, number > > {
	const out: Record< string, number > = {};
	for ( const table of Object.values( TABLES ) ) {
		out[ table ] = await db.count( table );
	}
	return out;
}

interface Plan {
	endpoint: string;
	status: number;
	sql: string;
	ms: number;
	caller: string;
	/** Rows the statement answers with (null: not a SELECT, or could not be counted). */
	result: number | null;
	explain: Row[];
	scans: string[];
}

/**
 * EXPLAIN of every SELECT, UPDATE and DELETE one request of `spec` sends, with how many rows the
 * SELECTs answer, so a plan that reads far more rows than it returns stands out.
 */
async function plans(
	client: LoadClient,
	db: Database,
	endpoint: string,
	spec: RequestSpec
): Promise< Plan[] > {
	const { status: code, queries } = await queryLog( client, spec );
	const out: Plan[] = [];
	for ( const q of queries ) {
		const sql = q.sql.replace( /\s+/g, ' ' ).trim();
		if ( ! /^(SELECT|UPDATE|DELETE)\b/i.test( sql ) ) {
			continue;
		}
		let result: number | null = null;
		if ( /^SELECT\b.*\bFROM\b/i.test( sql ) ) {
			result = await db
				.scalar(
					`SELECT COUNT(*) AS n FROM (${ sql.replace(
						/;$/,
						''
					) }) AS answer`
				)
				.then( Number )
				.catch( () => null );
		}
		const explain = await db
			.explain( sql )
			.catch( ( error ): Row[] => [ { error: errorText( error ) } ] );
		const scans = explain
			.filter( ( p ) => {
				const rows = Number( p.rows );
				return (
					( p.type === 'ALL' || p.type === 'index' ) &&
					rows > SCAN_ROWS &&
					rows > SCAN_FACTOR * Math.max( 1, result ?? 0 )
				);
			} )
			.map( ( p ) => `${ p.table } (${ p.type }, ${ p.rows } rows)` );
		out.push( {
			endpoint,
			status: code,
			sql,
			ms: q.ms,
			caller: q.caller,
			result,
			explain,
			scans,
		} );
	}
	return out;
}

/** What a plan reads, one step per table: table, access type, key, estimated rows. */
function planSteps( plan: Plan ): string {
	return plan.explain
		.map( ( p ) =>
			p.error
				? `error ${ p.error.slice( 0, 60 ) }`
				: `${ p.table || '–' } ${ p.type || '–' } key=${
						p.key || '–'
				  } rows=${ p.rows || '–' }${
						/filesort/.test( p.Extra ?? '' ) ? ' filesort' : ''
				  }`
		)
		.join( '; ' );
}

/** A SELECT without LIMIT that answers many rows: its answer grows with the site. */
function unbounded( plan: Plan ): boolean {
	return (
		( plan.result ?? 0 ) > UNBOUNDED_ROWS &&
		/^SELECT\b/i.test( plan.sql ) &&
		! /\bLIMIT\b/i.test( plan.sql )
	);
}

/** The caller's last frames (the query log gives the whole stack). */
function callerTail( caller: string ): string {
	return caller.split( ', ' ).slice( -2 ).join( ', ' );
}

/**
 * Per endpoint, every statement whose plan reads a table other than wp_options (those are single
 * reads by option_name, counted instead), each with its plan and flags.
 */
function explainText( explained: Plan[] ): string {
	const lines: string[] = [];
	const endpoints = [ ...new Set( explained.map( ( p ) => p.endpoint ) ) ];
	for ( const endpoint of endpoints ) {
		const own = explained.filter( ( p ) => p.endpoint === endpoint );
		const options = own.filter(
			( p ) =>
				p.scans.length === 0 &&
				p.explain.every(
					( step ) =>
						! step.error &&
						[ '', 'NULL', 'wp_options' ].includes(
							step.table ?? ''
						)
				)
		);
		lines.push(
			`  ${ endpoint } (HTTP ${ own[ 0 ]?.status }): ${ own.length } statements, ${ options.length } of them wp_options reads by name (not listed)`
		);
		for ( const plan of own.filter( ( p ) => ! options.includes( p ) ) ) {
			const flags = [
				plan.scans.length > 0 ? '◀ SCAN' : '',
				unbounded( plan ) ? '◀ UNBOUNDED (no LIMIT)' : '',
			]
				.filter( Boolean )
				.join( ' ' );
			lines.push(
				`    ${ plan.sql.slice( 0, 120 ) }${
					plan.sql.length > 120 ? '…' : ''
				}
      ${ planSteps( plan ) }${
			plan.result === null ? '' : ` → ${ plan.result } rows answered`
		}, ${ plan.ms.toFixed( 2 ) } ms ${ flags }`.trimEnd()
			);
		}
	}
	return lines.join( '\n' );
}

function scaleRows( small: Measured[], large: Measured[] ): RowResult[] {
	const rows: RowResult[] = [];
	const smallRows = new Map(
		small.map( ( m ) => {
			const row = toRow( m );
			return [ row.id.replace( /-small$/, '' ), row ] as const;
		} )
	);
	for ( const m of large ) {
		const row = toRow( m );
		const base = smallRows.get( row.id.replace( /-large$/, '' ) );
		if ( base ) {
			rows.push( base );
		}
		if ( row.ratios && base?.ratios ) {
			row.scale = row.ratios.median / base.ratios.median;
			row.target = {
				text: `${ row.scale.toFixed(
					2
				) }× of small ≤ ${ SCALE_LIMIT.toFixed( 2 ) }×`,
				met: row.scale <= SCALE_LIMIT,
			};
		}
		rows.push( row );
	}
	return rows;
}

async function run( context: PhaseContext ): Promise< PhaseReport > {
	const { client, db, protocol, chain, log } = context;
	const sizes = Object.entries( SIZES )
		.map( ( [ kind, n ] ) => `${ n.toLocaleString( 'en-US' ) } ${ kind }` )
		.join( ', ' );
	const mode = config.quick
		? `BENCH_QUICK sizes (${ sizes }; full run: 100,000 users, 10,000 clients, 1,000,000 consents, 1,000,000 activity rows), ${ ROUNDS } round(s) per size`
		: `${ sizes }, ${ ROUNDS } round(s) per size`;
	if ( ! protocol || ! chain ) {
		return {
			id: ID,
			title: TITLE,
			text: '  not measured: the protocol scenarios could not run (no client or session)\n',
			json: { error: 'no protocol client' },
		};
	}
	for ( const table of Object.values( TABLES ) ) {
		if ( ! ( await db.tableExists( table ) ) ) {
			return {
				id: ID,
				title: TITLE,
				text: `  not measured: the site has no ${ table } table\n`,
				json: { error: `no ${ table }` },
			};
		}
	}
	const { rp, session } = protocol;
	const before = await rowCounts( db );
	log( `${ ID }: small, ${ JSON.stringify( before ) }` );
	const small = await measure(
		client,
		subjects( chain, rp, session, 'small', 20_000_000 ),
		'growth-small'
	);

	log( `${ ID }: growing to ${ sizes }` );
	let growth: Growth;
	try {
		growth = await grow( db, rp.clientId );
	} catch ( error ) {
		const problem = errorText( error );
		return {
			id: ID,
			title: TITLE,
			text: `  not measured at the large size: growing failed (${ problem })\n${ renderTable(
				small.map( toRow )
			) }\n`,
			json: { error: problem, before, small: small.map( toRow ) },
		};
	}
	log(
		`${ ID }: ${ JSON.stringify(
			growth.counts
		) } in ${ growth.seconds.toFixed( 1 ) } s`
	);
	const large = await measure(
		client,
		subjects( chain, rp, session, 'large', 30_000_000 ),
		'growth-large'
	);
	const rows = scaleRows( small, large );

	// One request of each endpoint with its statement log, at the large size.
	const probes: Array< [ string, RequestSpec | null ] > = [
		[ 'authorize', authorizeRequest( rp, session, 39_000_000 ) ],
	];
	for ( const subject of protocolSubjects( chain, rp, '-explain', '' ) ) {
		try {
			await subject.prepare?.( 1 );
			probes.push( [ subject.label, subject.spec( 0 ) ] );
		} catch ( error ) {
			log(
				`${ ID }: no EXPLAIN of ${ subject.label } (${ errorText(
					error
				) })`
			);
		}
	}
	for ( const [ , label, path ] of ADMIN_LISTS ) {
		probes.push( [ label, adminRequest( session, path ) ] );
	}
	const explained: Plan[] = [];
	for ( const [ name, spec ] of probes ) {
		if ( spec ) {
			explained.push(
				...( await plans( client, db, name, spec ).catch( ( error ) => {
					log(
						`${ ID }: no EXPLAIN of ${ name } (${ errorText(
							error
						) })`
					);
					return [];
				} ) )
			);
		}
	}
	const flagged = explained.filter(
		( p ) => p.scans.length > 0 || unbounded( p )
	);
	const after = await rowCounts( db );
	// Authorize must still find the admin's remembered consent for the bench client.
	const adminConsent = /^[\w-]+$/.test( rp.clientId )
		? await db
				.scalar(
					`SELECT c.scopes FROM wp_oidc_consents c JOIN wp_users u ON u.ID = c.user_id WHERE u.user_login = 'admin' AND c.client_id = '${ rp.clientId }'`
				)
				.catch( () => '' )
		: '';

	const text =
		`  ${ mode }; each ratio is to the REST floor batches interleaved with it; "small" is the site as this phase found it.\n` +
		`  Rows before: ${ JSON.stringify( before ) }\n` +
		`  Grown in ${ growth.seconds.toFixed( 1 ) } s to: ${ JSON.stringify(
			growth.counts
		) }; the admin's consent for the bench client ${
			adminConsent ? `is there (${ adminConsent })` : 'is MISSING'
		}\n\n` +
		`${ renderTable( rows ) }\n\n` +
		`  EXPLAIN of each endpoint's statements at the large size (table type key rows; ◀ SCAN: type ALL/index reading > ${ SCAN_ROWS } rows and > ${ SCAN_FACTOR }× the rows answered):\n` +
		`${ explainText( explained ) }\n` +
		( flagged.length > 0
			? `  Statements that grow with the site: ${
					flagged.length
			  }\n${ flagged
					.map(
						( p ) =>
							`    [${ p.endpoint }] ${ p.sql.slice(
								0,
								90
							) } — ${ [
								...p.scans,
								unbounded( p )
									? `answers all ${ p.result } rows`
									: '',
							]
								.filter( Boolean )
								.join( ', ' ) } (from ${ callerTail(
								p.caller
							) })`
					)
					.join( '\n' ) }\n`
			: '  No statement scans or answers without a bound.\n' );
	return {
		id: ID,
		title: TITLE,
		text,
		json: {
			quick: config.quick,
			sizes: SIZES,
			rounds: ROUNDS,
			before,
			after,
			growSeconds: growth.seconds,
			grownCounts: growth.counts,
			params: growth.params,
			adminConsent: adminConsent || null,
			rows,
			explain: explained,
		},
	};
}

export const growth: Phase = { id: ID, title: TITLE, run };
