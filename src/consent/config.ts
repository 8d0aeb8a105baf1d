import type { ConsentConfig, ConsentScope, SiteIdentity } from './types';

function isRecord( value: unknown ): value is Record< string, unknown > {
	return typeof value === 'object' && value !== null;
}

/**
 * The scopes with their descriptions; an entry without a description is shown by its name. Also
 * read by the device verification page (`src/device/config.ts`).
 */
export function readConsentScopes( raw: unknown ): ConsentScope[] {
	return Array.isArray( raw )
		? raw.flatMap( ( entry ): ConsentScope[] =>
				isRecord( entry ) && typeof entry.scope === 'string'
					? [
							{
								scope: entry.scope,
								description:
									typeof entry.description === 'string' &&
									entry.description !== ''
										? entry.description
										: entry.scope,
							},
					  ]
					: []
		  )
		: [];
}

/**
 * The site's title and icon; a missing or malformed entry reads as a site without a name, which the
 * page then leaves out. Also read by the device verification page.
 */
export function readSiteIdentity( raw: unknown ): SiteIdentity {
	const site = isRecord( raw ) ? raw : {};
	return {
		name: typeof site.name === 'string' ? site.name : '',
		icon: typeof site.icon === 'string' ? site.icon : '',
	};
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
	return {
		site: readSiteIdentity( raw.site ),
		clientName: text( raw.clientName ),
		signedInAs: text( raw.signedInAs ),
		scopes: readConsentScopes( raw.scopes ),
		formAction: text( raw.formAction ),
		requestId: text( raw.requestId ),
		nonce: text( raw.nonce ),
		logoutUrl: text( raw.logoutUrl ),
	};
}
