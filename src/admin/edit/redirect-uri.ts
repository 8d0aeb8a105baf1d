import {
	byteLength,
	type AudienceRules,
	type RedirectUriRules,
} from '../../config/rules';
import type { UriLineError, UriProblem } from './types';

/**
 * The URI rules of a client, checked as the admin types so mistakes show before the server
 * rejects them. The rules are the server's own (`Checks\Redirect_Uri`, `Checks\Resource_Indicator`),
 * passed in through the screen config; this evaluates them in the server's order, so both name
 * the same problem (`tests/shared/rule-cases.json`).
 */

function isLoopbackHost( host: string, rules: RedirectUriRules ): boolean {
	if ( rules.loopbackNames.includes( host ) ) {
		return true;
	}
	const octets = rules.patterns.loopbackIpv4.exec( host );
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

/** `Checks\Redirect_Uri::registration_problem()`. */
export function redirectUriProblem(
	uri: string,
	rules: RedirectUriRules
): UriProblem | null {
	const { patterns } = rules;
	if ( uri === '' ) {
		return 'empty';
	}
	if ( byteLength( uri ) > rules.maxLength ) {
		return 'too_long';
	}
	if ( patterns.controlCharacter.test( uri ) ) {
		return 'whitespace';
	}
	if ( patterns.nonAscii.test( uri ) ) {
		return 'non_ascii';
	}
	const absolute = patterns.absolute.exec( uri );
	if ( absolute === null ) {
		return 'not_absolute';
	}
	if ( uri.includes( '#' ) ) {
		return 'fragment';
	}
	if ( patterns.userinfo.test( uri ) ) {
		return 'userinfo';
	}
	const scheme = ( absolute[ 1 ] ?? '' ).toLowerCase();
	if ( rules.forbiddenSchemes.includes( scheme ) ) {
		return 'dangerous_scheme';
	}
	if ( scheme === 'https' || scheme === 'http' ) {
		const authority = patterns.authority.exec( absolute[ 2 ] ?? '' );
		if ( authority === null ) {
			return 'no_host';
		}
		const host = ( authority[ 1 ] ?? '' ).toLowerCase();
		if ( scheme === 'http' && ! isLoopbackHost( host, rules ) ) {
			return 'http_not_loopback';
		}
	}
	if ( patterns.wildcardHost.test( uri ) ) {
		return 'wildcard';
	}
	return null;
}

/** `Checks\Redirect_Uri::backchannel_logout_problem()`: a web URI, or none (empty). */
export function backchannelLogoutUriProblem(
	uri: string,
	rules: RedirectUriRules
): UriProblem | null {
	if ( uri === '' ) {
		return null;
	}
	if ( ! rules.patterns.web.test( uri ) ) {
		return 'not_web';
	}
	return redirectUriProblem( uri, rules );
}

/**
 * `Checks\Resource_Indicator::is_valid()`: audiences name APIs and only need to be absolute,
 * exact URIs. The server gives one verdict; the screen names the likeliest reason.
 */
export function audienceProblem(
	uri: string,
	rules: AudienceRules
): UriProblem | null {
	if ( byteLength( uri ) > rules.maxLength ) {
		return 'too_long';
	}
	if ( uri.includes( '#' ) ) {
		return 'fragment';
	}
	return rules.pattern.test( uri ) ? null : 'not_absolute';
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
