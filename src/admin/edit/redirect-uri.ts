import type { UriLineError, UriProblem } from './types';

/**
 * The redirect URI rules of the contract, checked as the admin types so mistakes show before the
 * server rejects them. They mirror the server's `Checks\Redirect_Uri::registration_error()`:
 * absolute, matched exactly (so no fragment and no wildcard host), no userinfo, `http` only for loopback hosts,
 * custom schemes allowed for native apps.
 */

export const URI_MAX_LENGTH = 2000;

/** Schemes that would run code or read local files in the browser instead of reaching an app. */
const FORBIDDEN_SCHEMES = [ 'javascript', 'data', 'vbscript', 'file' ];

const ABSOLUTE = /^([A-Za-z][A-Za-z0-9+.-]*):([\s\S]+)$/;

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused.
const WHITESPACE_OR_CONTROL = /[\u0000-\u0020\u007f]/;

const AUTHORITY =
	/^\/\/(?:[^/?@]*@)?(\[[0-9A-Fa-f:.]+\]|[^/?:[\]@]+)(?::[0-9]*)?(?:[/?][\s\S]*)?$/;

function isLoopbackHost( host: string ): boolean {
	if ( host === 'localhost' || host === '[::1]' ) {
		return true;
	}
	const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec( host );
	if ( octets === null ) {
		return false;
	}
	return octets
		.slice( 1 )
		.every(
			( octet ) =>
				Number( octet ) <= 255 &&
				! ( octet.length > 1 && octet.startsWith( '0' ) )
		);
}

function commonProblem( uri: string ): UriProblem | null {
	if ( uri.length > URI_MAX_LENGTH ) {
		return 'too_long';
	}
	if ( WHITESPACE_OR_CONTROL.test( uri ) ) {
		return 'whitespace';
	}
	// Anything outside printable ASCII must be percent-encoded, or exact matching breaks.
	if ( /[^\u0021-\u007e]/.test( uri ) ) {
		return 'non_ascii';
	}
	if ( ! ABSOLUTE.test( uri ) ) {
		return 'not_absolute';
	}
	if ( uri.includes( '#' ) ) {
		return 'fragment';
	}
	return null;
}

export function redirectUriProblem( uri: string ): UriProblem | null {
	const common = commonProblem( uri );
	if ( common !== null ) {
		return common;
	}
	const [ , rawScheme = '', rest = '' ] = ABSOLUTE.exec( uri ) ?? [];
	const scheme = rawScheme.toLowerCase();
	if ( FORBIDDEN_SCHEMES.includes( scheme ) ) {
		return 'dangerous_scheme';
	}
	// `https://rp.example@evil.example/cb` goes to evil.example: userinfo only disguises the host.
	if ( /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*@/.test( uri ) ) {
		return 'userinfo';
	}
	if ( /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*\*/.test( uri ) ) {
		return 'wildcard';
	}
	if ( scheme !== 'http' && scheme !== 'https' ) {
		return null;
	}
	const authority = AUTHORITY.exec( rest );
	if ( authority === null ) {
		return 'no_host';
	}
	const host = ( authority[ 1 ] ?? '' ).toLowerCase();
	if ( scheme === 'http' && ! isLoopbackHost( host ) ) {
		return 'http_not_loopback';
	}
	return null;
}

/**
 * The provider POSTs logout tokens to it from the server, so it must be a web URI; the rest are
 * the redirect URI rules, as the server's `Client_Input` applies them. Empty means none.
 */
export function backchannelLogoutUriProblem( uri: string ): UriProblem | null {
	if ( uri === '' ) {
		return null;
	}
	const common = commonProblem( uri );
	if ( common !== null ) {
		return common;
	}
	if ( ! /^https?:/i.test( uri ) ) {
		return 'not_web';
	}
	return redirectUriProblem( uri );
}

/** Audiences name APIs; they only need to be absolute, exact URIs. */
export function audienceProblem( uri: string ): UriProblem | null {
	return commonProblem( uri );
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
