import type { EndpointRow } from './types';

/** The order a person reads them in: where a sign-in starts, then the back channel, then keys. */
const KNOWN_ORDER = [
	'discovery',
	'discovery_local',
	'as_metadata',
	'authorization',
	'authorize',
	'token',
	'userinfo',
	'jwks',
	'revocation',
	'introspection',
	'end_session',
	'device_authorization',
];

export function endpointName( key: string ): string {
	return key.replace( /_(endpoint|uri)$/, '' ).replace( /-/g, '_' );
}

export function endpointRows(
	endpoints: Record< string, string >
): EndpointRow[] {
	const rank = ( name: string ) => {
		const index = KNOWN_ORDER.indexOf( name );
		return index === -1 ? KNOWN_ORDER.length : index;
	};
	return Object.entries( endpoints )
		.filter( ( [ , url ] ) => typeof url === 'string' && url !== '' )
		.map( ( [ key, url ] ) => ( { key, name: endpointName( key ), url } ) )
		.sort(
			( a, b ) =>
				rank( a.name ) - rank( b.name ) ||
				a.name.localeCompare( b.name )
		);
}

/** `end_session` → `End session`: a readable label for an endpoint the screen has no text for. */
export function humanize( name: string ): string {
	const words = name.replace( /[_-]+/g, ' ' ).trim();
	return words.charAt( 0 ).toUpperCase() + words.slice( 1 );
}
