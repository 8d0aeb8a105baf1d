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
	 * used or expired, tokens of both types spread over a month. The `expired-*` kinds are rows the
	 * hourly cleanup must delete (past `expires_at`, long revoked, older than any retention), with
	 * one live row in every hundred, for the cleanup phase.
	 */
	async fillTo( table: string, kind: SyntheticKind, target: number ) {
		const { columns, values } = SYNTHETIC[ kind ];
		let count = await this.count( table );
		while ( count < target ) {
			const add = Math.min( 250_000, target - count );
			await this.query(
				`INSERT INTO \`${ table }\` (${ columns }) SELECT ${ values } FROM seq_1_to_${ add }`
			);
			count += add;
		}
		await this.query( `ANALYZE TABLE \`${ table }\`` );
		return this.count( table );
	}

	async explain( sql: string ): Promise< Row[] > {
		return this.query( `EXPLAIN ${ sql }` );
	}
}

/**
 * A synthetic row that expired a minute to a month ago, except every hundredth, which expires in a
 * day: live rows interleaved with the expired ones, which the cleanup must step over and keep.
 */
const EXPIRED_AT =
	'IF(seq % 100 = 0, UNIX_TIMESTAMP() + 86400, UNIX_TIMESTAMP() - 60 - FLOOR(RAND() * 2592000))';

export type SyntheticKind = keyof typeof SYNTHETIC;

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

const SYNTHETIC = {
	codes: {
		columns: CODE_COLUMNS,
		values: codeValues( 'UNIX_TIMESTAMP() + 60 - FLOOR(RAND() * 3600)' ),
	},
	tokens: {
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
	},
	'expired-codes': {
		columns: CODE_COLUMNS,
		values: codeValues( EXPIRED_AT ),
	},
	// Every tenth row a refresh token revoked more than a day ago that has not expired yet: the
	// cleanup's other condition (`revoked_at`), which has no index of its own.
	'expired-tokens': {
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
	},
	'expired-device-codes': {
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
	},
	'expired-jtis': {
		columns: 'jti_hash, client_id, expires_at, created_at',
		values: [
			'SHA2(UUID(), 256)',
			"CONCAT('synthetic-', FLOOR(RAND() * 100))",
			EXPIRED_AT,
			'UNIX_TIMESTAMP() - 2600000',
		].join( ', ' ),
	},
	// Older than the longest retention the setting allows (3,650 days), whatever the site keeps;
	// every hundredth row new.
	'expired-activity': {
		columns: 'created_at, event, client_id, user_id, details',
		values: [
			'IF(seq % 100 = 0, UNIX_TIMESTAMP(), UNIX_TIMESTAMP() - 86400 * 3651 - FLOOR(RAND() * 2592000))',
			"'token_issued'",
			"CONCAT('synthetic-', FLOOR(RAND() * 100))",
			'1 + FLOOR(RAND() * 10000)',
			"'{}'",
		].join( ', ' ),
	},
};
