import type { ConsentConfig, ConsentScope } from './types';

function isRecord( value: unknown ): value is Record< string, unknown > {
	return typeof value === 'object' && value !== null;
}

const REQUIRED = [ 'clientName', 'formAction', 'requestId', 'nonce' ] as const;

/**
 * Validates the page's configuration. Null when anything needed to post the decision is missing:
 * the page then keeps its plain HTML form, which works without this script.
 */
export function readConsentConfig( raw: unknown ): ConsentConfig | null {
	if ( ! isRecord( raw ) ) {
		return null;
	}
	for ( const key of REQUIRED ) {
		if ( typeof raw[ key ] !== 'string' || raw[ key ] === '' ) {
			return null;
		}
	}
	const text = ( value: unknown ) =>
		typeof value === 'string' ? value : '';
	const scopes: ConsentScope[] = Array.isArray( raw.scopes )
		? raw.scopes.flatMap( ( entry ): ConsentScope[] =>
				isRecord( entry ) && typeof entry.scope === 'string'
					? [
							{
								scope: entry.scope,
								description:
									text( entry.description ) || entry.scope,
							},
					  ]
					: []
		  )
		: [];
	return {
		clientName: text( raw.clientName ),
		signedInAs: text( raw.signedInAs ),
		scopes,
		formAction: text( raw.formAction ),
		requestId: text( raw.requestId ),
		nonce: text( raw.nonce ),
		logoutUrl: text( raw.logoutUrl ),
	};
}
