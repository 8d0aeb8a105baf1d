import type { UriLineError, UriProblem } from './types';

/**
 * The redirect URI rules of the contract, checked as the admin types so mistakes show before the
 * server rejects them: absolute, matched exactly (so no wildcard and no fragment), `http` only for
 * loopback hosts, custom schemes allowed for native apps.
 */

const LOOPBACK_HOSTS = new Set( [ 'localhost', '127.0.0.1', '[::1]' ] );

/** Schemes that would run code or read local files in the browser instead of reaching an app. */
const DANGEROUS_SCHEMES = new Set( [
	'javascript:',
	'data:',
	'vbscript:',
	'file:',
] );

function isLoopbackHost( hostname: string ): boolean {
	return (
		LOOPBACK_HOSTS.has( hostname ) ||
		/^127(?:\.\d{1,3}){3}$/.test( hostname )
	);
}

export function redirectUriProblem( uri: string ): UriProblem | null {
	if ( /\s/.test( uri ) ) {
		return 'whitespace';
	}
	if ( ! /^[a-z][a-z0-9+.-]*:/i.test( uri ) ) {
		return 'not_absolute';
	}
	let parsed: URL;
	try {
		parsed = new URL( uri );
	} catch {
		return 'not_absolute';
	}
	if ( DANGEROUS_SCHEMES.has( parsed.protocol ) ) {
		return 'dangerous_scheme';
	}
	if ( uri.includes( '#' ) ) {
		return 'fragment';
	}
	if ( uri.includes( '*' ) ) {
		return 'wildcard';
	}
	const web = parsed.protocol === 'http:' || parsed.protocol === 'https:';
	if ( web && ( parsed.hostname === '' || ! /^https?:\/\//i.test( uri ) ) ) {
		return 'not_absolute';
	}
	if ( parsed.protocol === 'http:' && ! isLoopbackHost( parsed.hostname ) ) {
		return 'http_not_loopback';
	}
	return null;
}

/**
 * Audiences and post-logout URIs only need to be absolute and exact; they are never loaded in a
 * browser by the provider, so `http` hosts are left to the admin.
 */
export function absoluteUriProblem( uri: string ): UriProblem | null {
	if ( /\s/.test( uri ) ) {
		return 'whitespace';
	}
	if ( ! /^[a-z][a-z0-9+.-]*:/i.test( uri ) ) {
		return 'not_absolute';
	}
	try {
		const parsed = new URL( uri );
		if ( DANGEROUS_SCHEMES.has( parsed.protocol ) ) {
			return 'dangerous_scheme';
		}
	} catch {
		return 'not_absolute';
	}
	if ( uri.includes( '#' ) ) {
		return 'fragment';
	}
	return null;
}

/** The non-empty lines of a textarea, trimmed, with their 1-based line numbers. */
export function uriLines(
	text: string
): Array< { line: number; uri: string } > {
	return text
		.split( /\r?\n/ )
		.map( ( raw, index ) => ( { line: index + 1, uri: raw.trim() } ) )
		.filter( ( entry ) => entry.uri !== '' );
}

export function splitUris( text: string ): string[] {
	return uriLines( text ).map( ( entry ) => entry.uri );
}

export function checkUriList(
	text: string,
	rule: ( uri: string ) => UriProblem | null
): UriLineError[] {
	const seen = new Set< string >();
	const errors: UriLineError[] = [];
	for ( const { line, uri } of uriLines( text ) ) {
		const problem = seen.has( uri ) ? 'duplicate' : rule( uri );
		seen.add( uri );
		if ( problem !== null ) {
			errors.push( { line, uri, problem } );
		}
	}
	return errors;
}
