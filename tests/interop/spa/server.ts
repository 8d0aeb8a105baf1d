/**
 * The single-page app's web server: `index.html` for every page path (the app routes itself;
 * `/callback` and, in the hidden iframe, `/silent` are where the provider sends the browser back),
 * the bundled `app.js`, and
 * `/config.json` holding the only things the app is told about the provider.
 *
 *   PORT=… SPA_BUNDLE=…/app.js DISCOVERY_URL=… CLIENT_ID=… SCOPE=… node --import tsx server.ts
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

function required( name: string ): string {
	const value = process.env[ name ];
	if ( ! value ) {
		throw new Error( `${ name } is not set` );
	}
	return value;
}

const port = Number( required( 'PORT' ) );
const bundle = required( 'SPA_BUNDLE' );
const config = JSON.stringify( {
	discoveryUrl: required( 'DISCOVERY_URL' ),
	clientId: required( 'CLIENT_ID' ),
	scope: required( 'SCOPE' ),
} );
const page = readFileSync( path.join( __dirname, 'index.html' ) );

createServer( ( request, response ) => {
	const { pathname } = new URL( request.url ?? '/', 'http://localhost' );
	response.setHeader( 'Cache-Control', 'no-store' );
	if ( pathname === '/app.js' ) {
		response.writeHead( 200, { 'Content-Type': 'text/javascript' } );
		response.end( readFileSync( bundle ) );
	} else if ( pathname === '/config.json' ) {
		response.writeHead( 200, { 'Content-Type': 'application/json' } );
		response.end( config );
	} else if ( [ '/', '/callback', '/silent' ].includes( pathname ) ) {
		response.writeHead( 200, {
			'Content-Type': 'text/html; charset=utf-8',
		} );
		response.end( page );
	} else {
		response.writeHead( 404, { 'Content-Type': 'text/plain' } );
		response.end( 'not found' );
	}
} ).listen( port, '127.0.0.1' );
