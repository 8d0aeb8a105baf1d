/**
 * Apache httpd with mod_auth_openidc (Debian's `apache2` and `libapache2-mod-auth-openidc`) as a
 * foreground process with a configuration of its own, rendered from `apache/httpd.conf.template`.
 */
import { randomBytes } from 'node:crypto';
import {
	chmodSync,
	copyFileSync,
	cpSync,
	existsSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runDir, startProcess, type RunningProcess } from './process';

const fixtures = path.resolve( __dirname, '../apache' );
const modules = process.env.APACHE_MODULES_DIR ?? '/usr/lib/apache2/modules';
const binary = process.env.APACHE_BINARY ?? '/usr/sbin/apache2';

export interface ApacheOptions {
	port: number;
	discoveryUrl: string;
	clientId: string;
	clientSecret: string;
	scope: string;
	/** `claim:value` that only the administrator has, for `Require claim`. */
	adminClaim: string;
}

export function apacheRedirectUri( port: number ): string {
	return `http://127.0.0.1:${ port }/protected/redirect_uri`;
}

export function apacheLoggedOutUrl( port: number ): string {
	return `http://127.0.0.1:${ port }/logged-out.html`;
}

export async function startApache(
	options: ApacheOptions
): Promise< RunningProcess > {
	// Apache refuses to serve requests as root; its workers drop to the Debian web server user,
	// who must reach the pages, the CGI script and the runtime files wherever the clone lives.
	const asRoot = process.getuid?.() === 0;
	const userDirectives = asRoot ? 'User www-data\nGroup www-data' : '';
	const dir = mkdtempSync(
		path.join( tmpdir(), 'keystone-interop-apache-' )
	);
	chmodSync( dir, 0o755 );
	cpSync( path.join( fixtures, 'public' ), path.join( dir, 'public' ), {
		recursive: true,
	} );
	copyFileSync(
		path.join( fixtures, 'claims.py' ),
		path.join( dir, 'claims.py' )
	);
	chmodSync( path.join( dir, 'claims.py' ), 0o755 );
	const values: Record< string, string > = {
		RUN_DIR: dir,
		MODULES: modules,
		PORT: String( options.port ),
		USER_DIRECTIVES: userDirectives,
		DISCOVERY_URL: options.discoveryUrl,
		CLIENT_ID: options.clientId,
		CLIENT_SECRET: options.clientSecret,
		PASSPHRASE: randomBytes( 24 ).toString( 'hex' ),
		SCOPE: options.scope,
		ADMIN_CLAIM: options.adminClaim,
	};
	const config = readFileSync(
		path.join( fixtures, 'httpd.conf.template' ),
		'utf8'
	).replace( /\{\{([A-Z_]+)\}\}/g, ( placeholder, key: string ) => {
		const value = values[ key ];
		if ( value === undefined ) {
			throw new Error( `no value for ${ placeholder }` );
		}
		return value;
	} );
	const configFile = path.join( dir, 'httpd.conf' );
	writeFileSync( configFile, config );
	// Kept with the other test output once Apache stops, so a failure can be read afterwards.
	const keep = (): void => {
		const logs = runDir( 'apache' );
		for ( const file of [ 'httpd.conf', 'error.log', 'access.log' ] ) {
			if ( existsSync( path.join( dir, file ) ) ) {
				copyFileSync( path.join( dir, file ), path.join( logs, file ) );
			}
		}
		rmSync( dir, { recursive: true, force: true } );
	};
	let apache: RunningProcess;
	try {
		apache = await startProcess( {
			name: 'apache',
			command: binary,
			args: [ '-f', configFile, '-DFOREGROUND' ],
			readyUrl: apacheLoggedOutUrl( options.port ),
		} );
	} catch ( error ) {
		keep();
		throw error;
	}
	return {
		...apache,
		stop: async () => {
			await apache.stop();
			keep();
		},
	};
}
