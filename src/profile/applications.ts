/**
 * Pure helpers of the Connected Applications section, unit-tested without a browser.
 */
import { __ } from '@wordpress/i18n';

import { toApiError } from '../api/errors';
import { errorMessage } from '../api/messages';
import { siteDate } from '../components/dates';
import type { ConnectedApplication, ScopeDescription } from './types';

function isRecord( value: unknown ): value is Record< string, unknown > {
	return typeof value === 'object' && value !== null;
}

function text( value: unknown ): string {
	return typeof value === 'string' ? value : '';
}

function readDescriptions(
	raw: unknown,
	scopes: string[]
): ScopeDescription[] {
	const described = Array.isArray( raw )
		? raw.flatMap( ( entry ): ScopeDescription[] =>
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
	// A scope the server did not describe is still shown, by its name.
	const missing = scopes
		.filter(
			( scope ) => ! described.some( ( entry ) => entry.scope === scope )
		)
		.map( ( scope ) => ( { scope, description: scope } ) );
	return [ ...described, ...missing ];
}

/**
 * The REST answer, read defensively: entries without a client_id are dropped, missing fields get
 * safe defaults (the name falls back to the client_id).
 */
export function readApplications( raw: unknown ): ConnectedApplication[] {
	if ( ! Array.isArray( raw ) ) {
		return [];
	}
	return raw.flatMap( ( entry ): ConnectedApplication[] => {
		if (
			! isRecord( entry ) ||
			typeof entry.client_id !== 'string' ||
			entry.client_id === ''
		) {
			return [];
		}
		const scopes = Array.isArray( entry.scopes )
			? entry.scopes.filter(
					( scope ): scope is string =>
						typeof scope === 'string' && scope !== ''
			  )
			: [];
		return [
			{
				client_id: entry.client_id,
				name: text( entry.name ) || entry.client_id,
				scopes,
				scope_descriptions: readDescriptions(
					entry.scope_descriptions,
					scopes
				),
				created_at: text( entry.created_at ),
				updated_at: text( entry.updated_at ),
			},
		];
	} );
}

/** The list after one application was revoked (or found already gone). */
export function withoutApplication(
	applications: ConnectedApplication[],
	clientId: string
): ConnectedApplication[] {
	return applications.filter(
		( application ) => application.client_id !== clientId
	);
}

/**
 * The day in the site's date format and, unless one is given, the site's time zone; null when
 * the server sent no usable time.
 */
export function formatAllowedDate(
	iso: string,
	timezone?: string
): string | null {
	return siteDate( iso, 'date', timezone );
}

/**
 * What the revocation's outcome means for the list: `gone` when the application is no longer
 * allowed (revoked now, or already before), `failed` when it still is.
 */
export function revocationOutcome( error: unknown ): 'gone' | 'failed' {
	return toApiError( error ).code === 'keystone_oidc_not_found'
		? 'gone'
		: 'failed';
}

/**
 * Readable, translated text for a failed call of this section. Branches on the error code only.
 */
export function applicationsErrorMessage( error: unknown ): string {
	switch ( toApiError( error ).code ) {
		case 'keystone_oidc_not_logged_in':
			return __(
				'You are no longer signed in. Reload the page and sign in again.',
				'keystone-oidc'
			);
		case 'keystone_oidc_not_found':
			return __(
				'This application was no longer allowed to sign you in.',
				'keystone-oidc'
			);
		default:
			return errorMessage( error );
	}
}
