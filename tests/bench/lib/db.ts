/**
 * The benchmark site's database, through the `mariadb` client on the site's private socket: row
 * counts, bulk synthetic rows for the scale figures, and EXPLAIN of the plugin's own queries.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify( execFile );

export type Row = Record< string, string >;

export class Database {
	private readonly socket: string;

	constructor( socket: string ) {
		this.socket = socket;
	}

	async query( sql: string ): Promise< Row[] > {
		const { stdout } = await run(
			'mariadb',
			[
				'--no-defaults',
				`--socket=${ this.socket }`,
				'-uroot',
				'--batch',
				'wordpress',
				'-e',
				sql,
			],
			{ maxBuffer: 64 * 1024 * 1024 }
		);
		const lines = stdout.split( '\n' ).filter( ( line ) => line !== '' );
		const header = ( lines.shift() ?? '' ).split( '\t' );
		return lines.map( ( line ) => {
			const cells = line.split( '\t' );
			const row: Row = {};
			header.forEach( ( name, i ) => {
				row[ name ] = cells[ i ] ?? '';
			} );
			return row;
		} );
	}

	async scalar( sql: string ): Promise< string > {
		const rows = await this.query( sql );
		const first = rows[ 0 ];
		return first ? Object.values( first )[ 0 ] ?? '' : '';
	}

	async version(): Promise< string > {
		return this.scalar( 'SELECT VERSION() AS v' );
	}

	async count( table: string ): Promise< number > {
		return Number(
			await this.scalar( `SELECT COUNT(*) AS n FROM \`${ table }\`` )
		);
	}

	async tableExists( table: string ): Promise< boolean > {
		return (
			( await this.query( `SHOW TABLES LIKE '${ table }'` ) ).length > 0
		);
	}

	/**
	 * Grows `table` to `target` rows of synthetic data, in INSERT ... SELECT statements of up to
	 * 250,000 rows drawn from MariaDB's sequence engine (no temporary table, no row read back). The
	 * rows look like a busy site's: random hashes, a hundred clients, ten thousand users, most codes
	 * used or expired, tokens of both types spread over a month. The site-growth kinds (users,
	 * clients, consents, activity) number their rows, so a later kind can point at earlier ones
	 * (`GrowthParams`); each statement's extra statements (a user's meta) run right after it.
	 */
	async fillTo(
		table: string,
		kind: FillKind,
		target: number,
		params: GrowthParams = NO_GROWTH
	) {
		const fill = SYNTHETIC[ kind ];
		let count = await this.count( table );
		// The synthetic rows already there: the next one's number follows them.
		let start = fill.marker
			? Number(
					await this.scalar(
						`SELECT COUNT(*) AS n FROM \`${ table }\` WHERE ${ fill.marker }`
					)
			  )
			: count;
		while ( count < target ) {
			const add = Math.min( 250_000, target - count );
			const { columns, values, from = '' } = fill.rows( params );
			const n = `(${ start } + seq)`;
			await this.query(
				`INSERT INTO \`${ table }\` (${ columns }) SELECT ${ values.replace(
					/\{n\}/g,
					n
				) } FROM seq_1_to_${ add } ${ from }`
			);
			for ( const also of fill.also?.( params ) ?? [] ) {
				await this.query(
					`${ also.replace( /\{n\}/g, n ) } FROM seq_1_to_${ add }`
				);
			}
			count += add;
			start += add;
		}
		await this.query( `ANALYZE TABLE \`${ table }\`` );
		return this.count( table );
	}

	async explain( sql: string ): Promise< Row[] > {
		return this.query( `EXPLAIN ${ sql }` );
	}
}

/**
 * What the site-growth kinds point at: synthetic users are `bench-user-<n>` with the ID
 * `userBase + n`, synthetic clients `bench-client-<n>` (copies of `benchClient`'s row), so consents
 * and activity rows refer to rows that exist without reading them back.
 */
export interface GrowthParams {
	userBase: number;
	users: number;
	clients: number;
	benchClient: string;
}

const NO_GROWTH: GrowthParams = {
	userBase: 0,
	users: 1,
	clients: 1,
	benchClient: '',
};

export type FillKind =
	| 'codes'
	| 'tokens'
	| 'users'
	| 'clients'
	| 'consents'
	| 'activity'
	| 'expired-codes'
	| 'expired-tokens'
	| 'expired-device-codes'
	| 'expired-jtis'
	| 'expired-activity';

/** What the cleanup phase fills (`tests/bench/phases/cleanup.ts`). */
export type SyntheticKind = FillKind;

interface Fill {
	/** `{n}` in `values` (and `also`) stands for the row's number, from 1. */
	rows: ( p: GrowthParams ) => {
		columns: string;
		values: string;
		from?: string;
	};
	/** Which rows of the table are this kind's, when their numbers matter. */
	marker?: string;
	also?: ( p: GrowthParams ) => string[];
}

function quote( value: string ): string {
	return `'${ value.replace( /\\/g, '\\\\' ).replace( /'/g, "\\'" ) }'`;
}

/** Events a busy site logs most, weighted like one: sign-ins and token requests. */
const ACTIVITY_EVENT = `ELT(1 + FLOOR(RAND() * 10), 'sign_in', 'sign_in', 'token_granted', 'token_granted', 'token_granted', 'token_refreshed', 'token_refreshed', 'token_refreshed', 'consent_given', 'client_auth_failed')`;

/** The activity log's default retention (`Activity_Settings::DEFAULT_DAYS`), in seconds. */
const RETENTION_SECONDS = 90 * 86400;

/**
 * A synthetic row that expired a minute to a month ago, except every hundredth, which expires in a
 * day: live rows interleaved with the expired ones, which the cleanup must step over and keep.
 */
const EXPIRED_AT =
	'IF(seq % 100 = 0, UNIX_TIMESTAMP() + 86400, UNIX_TIMESTAMP() - 60 - FLOOR(RAND() * 2592000))';

const CODE_COLUMNS =
	'code_hash, client_id, user_id, redirect_uri, scope, nonce, code_challenge, code_challenge_method, auth_time, grant_id, data, expires_at, used_at, created_at';

/** A code row's values with the given `expires_at` expression; most codes used. */
function codeValues( expiresAt: string ): string {
	return [
		'SHA2(UUID(), 256)',
		"CONCAT('synthetic-', FLOOR(RAND() * 100))",
		'1 + FLOOR(RAND() * 10000)',
		"'https://rp.example.test/callback'",
		"'openid profile email'",
		'MD5(UUID())',
		'NULL',
		'NULL',
		'UNIX_TIMESTAMP() - FLOOR(RAND() * 3600)',
		'MD5(UUID())',
		"'{}'",
		expiresAt,
		'IF(RAND() < 0.9, UNIX_TIMESTAMP() - FLOOR(RAND() * 3600), NULL)',
		'UNIX_TIMESTAMP() - FLOOR(RAND() * 3600)',
	].join( ', ' );
}

const SYNTHETIC: Record< FillKind, Fill > = {
	codes: {
		rows: () => ( {
			columns: CODE_COLUMNS,
			values: codeValues(
				'UNIX_TIMESTAMP() + 60 - FLOOR(RAND() * 3600)'
			),
		} ),
	},
	tokens: {
		rows: () => ( {
			columns:
				'token_hash, type, grant_id, client_id, user_id, scope, data, expires_at, revoked_at, used_at, created_at',
			values: [
				'SHA2(UUID(), 256)',
				"IF(RAND() < 0.5, 'access', 'refresh')",
				'MD5(UUID())',
				"CONCAT('synthetic-', FLOOR(RAND() * 100))",
				'1 + FLOOR(RAND() * 10000)',
				"'openid profile email'",
				"'{}'",
				'UNIX_TIMESTAMP() + FLOOR(RAND() * 2592000)',
				'NULL',
				'NULL',
				'UNIX_TIMESTAMP() - FLOOR(RAND() * 86400)',
			].join( ', ' ),
		} ),
	},
	// Subscribers as wp_insert_user() leaves them: the row, a role and a user level.
	users: {
		marker: "user_login LIKE 'bench-user-%'",
		rows: ( p ) => ( {
			columns:
				'ID, user_login, user_pass, user_nicename, user_email, user_url, user_registered, user_activation_key, user_status, display_name',
			values: [
				`${ p.userBase } + {n}`,
				"CONCAT('bench-user-', {n})",
				"CONCAT('$P$B', MD5({n}))",
				"CONCAT('bench-user-', {n})",
				"CONCAT('bench-user-', {n}, '@example.test')",
				"''",
				'UTC_TIMESTAMP() - INTERVAL FLOOR(RAND() * 1000) DAY',
				"''",
				'0',
				"CONCAT('Bench User ', {n})",
			].join( ', ' ),
		} ),
		also: ( p ) =>
			[
				[ 'wp_capabilities', 'a:1:{s:10:"subscriber";b:1;}' ],
				[ 'wp_user_level', '0' ],
			].map(
				( [ key, value ] ) =>
					`INSERT INTO wp_usermeta (user_id, meta_key, meta_value) SELECT ${
						p.userBase
					} + {n}, ${ quote( key as string ) }, ${ quote(
						value as string
					) }`
			),
	},
	// Copies of the bench client's row (so every column is one the plugin wrote), each with its
	// own id, name and secret hash (SHA-256 hex, `Crypto\Secret_Hash`), asking for consent.
	clients: {
		marker: "client_id LIKE 'bench-client-%'",
		rows: ( p ) => ( {
			columns:
				'client_id, secret_hash, legacy_secret_hash, name, type, redirect_uris, scopes, settings, created_at, updated_at',
			values: [
				"CONCAT('bench-client-', {n})",
				"SHA2(CONCAT('bench-secret-', {n}), 256)",
				'NULL',
				"CONCAT('Bench client ', {n})",
				't.type',
				't.redirect_uris',
				't.scopes',
				`REPLACE(t.settings, '"skip_consent":true', '"skip_consent":false')`,
				'UTC_TIMESTAMP() - INTERVAL {n} MINUTE',
				'UTC_TIMESTAMP() - INTERVAL {n} MINUTE',
			].join( ', ' ),
			from: `JOIN (SELECT * FROM wp_oidc_clients WHERE client_id = ${ quote(
				p.benchClient
			) }) t`,
		} ),
	},
	// Consent n: synthetic user (n mod users) with the bench client first, then with a different
	// synthetic client each time round (7919 is prime, so never the same pair twice while the
	// rounds stay below the client count). The admin's own consent is left alone.
	consents: {
		rows: ( p ) => {
			const user = `(({n} - 1) MOD ${ p.users })`;
			const round = `(({n} - 1) DIV ${ p.users })`;
			return {
				columns: 'user_id, client_id, scopes, created_at, updated_at',
				values: [
					`${ p.userBase } + 1 + ${ user }`,
					`IF(${ round } = 0, ${ quote(
						p.benchClient
					) }, CONCAT('bench-client-', 1 + (${ user } + ${ round } * 7919) MOD ${
						p.clients
					}))`,
					"'openid profile email'",
					'UNIX_TIMESTAMP() - FLOOR(RAND() * 31536000)',
					'UNIX_TIMESTAMP() - FLOOR(RAND() * 2592000)',
				].join( ', ' ),
			};
		},
	},
	// Spread evenly over the retention window, a random synthetic user and client each.
	activity: {
		rows: ( p ) => ( {
			columns: 'created_at, event, client_id, user_id, details',
			values: [
				`UNIX_TIMESTAMP() - FLOOR(RAND() * ${ RETENTION_SECONDS })`,
				ACTIVITY_EVENT,
				`CONCAT('bench-client-', 1 + FLOOR(RAND() * ${ p.clients }))`,
				`${ p.userBase } + 1 + FLOOR(RAND() * ${ p.users })`,
				`'{"ip":"127.0.0.1"}'`,
			].join( ', ' ),
		} ),
	},
	'expired-codes': {
		rows: () => ( {
			columns: CODE_COLUMNS,
			values: codeValues( EXPIRED_AT ),
		} ),
	},
	// Every tenth row a refresh token revoked more than a day ago that has not expired yet: the
	// cleanup's other condition (`revoked_at`), which has no index of its own.
	'expired-tokens': {
		rows: () => ( {
			columns:
				'token_hash, type, grant_id, client_id, user_id, scope, data, expires_at, revoked_at, used_at, created_at',
			values: [
				'SHA2(UUID(), 256)',
				"IF(seq % 10 = 0 OR RAND() < 0.5, 'refresh', 'access')",
				'MD5(UUID())',
				"CONCAT('synthetic-', FLOOR(RAND() * 100))",
				'1 + FLOOR(RAND() * 10000)',
				"'openid profile email'",
				"'{}'",
				`IF(seq % 10 = 0 AND seq % 100 <> 0, UNIX_TIMESTAMP() + 3600 + FLOOR(RAND() * 2592000), ${ EXPIRED_AT })`,
				'IF(seq % 10 = 0 AND seq % 100 <> 0, UNIX_TIMESTAMP() - 90000 - FLOOR(RAND() * 86400), NULL)',
				'NULL',
				'UNIX_TIMESTAMP() - 2600000',
			].join( ', ' ),
		} ),
	},
	'expired-device-codes': {
		rows: () => ( {
			columns:
				'device_code_hash, user_code_hash, client_id, scope, resources, status, grant_id, poll_interval, expires_at, created_at',
			values: [
				'SHA2(UUID(), 256)',
				'SHA2(UUID(), 256)',
				"CONCAT('synthetic-', FLOOR(RAND() * 100))",
				"'openid'",
				"'[]'",
				"'pending'",
				'MD5(UUID())',
				'5',
				EXPIRED_AT,
				'UNIX_TIMESTAMP() - 2600000',
			].join( ', ' ),
		} ),
	},
	'expired-jtis': {
		rows: () => ( {
			columns: 'jti_hash, client_id, expires_at, created_at',
			values: [
				'SHA2(UUID(), 256)',
				"CONCAT('synthetic-', FLOOR(RAND() * 100))",
				EXPIRED_AT,
				'UNIX_TIMESTAMP() - 2600000',
			].join( ', ' ),
		} ),
	},
	// Older than the longest retention the setting allows (3,650 days), whatever the site keeps;
	// every hundredth row new.
	'expired-activity': {
		rows: () => ( {
			columns: 'created_at, event, client_id, user_id, details',
			values: [
				'IF(seq % 100 = 0, UNIX_TIMESTAMP(), UNIX_TIMESTAMP() - 86400 * 3651 - FLOOR(RAND() * 2592000))',
				"'token_issued'",
				"CONCAT('synthetic-', FLOOR(RAND() * 100))",
				'1 + FLOOR(RAND() * 10000)',
				"'{}'",
			].join( ', ' ),
		} ),
	},
};
