/**
 * Apache httpd with mod_auth_openidc (Debian's `apache2` and `libapache2-mod-auth-openidc`) as a
 * foreground process with a configuration of its own, rendered from `apache/httpd.conf.template`.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
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
	const dir = runDir( 'apache' );
	// Apache refuses to serve requests as root; its workers drop to the Debian web server user.
	const userDirectives =
		process.getuid?.() === 0 ? 'User www-data\nGroup www-data' : '';
	const values: Record< string, string > = {
		RUN_DIR: dir,
		MODULES: modules,
		FIXTURES: fixtures,
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
	return startProcess( {
		name: 'apache',
		command: binary,
		args: [ '-f', configFile, '-DFOREGROUND' ],
		readyUrl: apacheLoggedOutUrl( options.port ),
	} );
}
