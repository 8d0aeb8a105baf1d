import type { View } from '@wordpress/dataviews';
import { __ } from '@wordpress/i18n';

import type { ActivityEvent, ActivityQuery } from './types';

export const PER_PAGE = 20;

/** Every event, with the name the screen shows. */
export function eventLabels(): Record< ActivityEvent, string > {
	return {
		sign_in: __( 'Sign-in', 'keystone-oidc' ),
		consent_given: __( 'Consent given', 'keystone-oidc' ),
		consent_revoked: __( 'Consent revoked', 'keystone-oidc' ),
		token_granted: __( 'Tokens granted', 'keystone-oidc' ),
		token_refreshed: __( 'Tokens refreshed', 'keystone-oidc' ),
		client_auth_failed: __(
			'Client authentication failed',
			'keystone-oidc'
		),
		refresh_token_reused: __( 'Refresh token reused', 'keystone-oidc' ),
		keys_rotated: __( 'Signing keys rotated', 'keystone-oidc' ),
		client_created: __( 'Client created', 'keystone-oidc' ),
		client_updated: __( 'Client updated', 'keystone-oidc' ),
		client_deleted: __( 'Client deleted', 'keystone-oidc' ),
		client_secret_reset: __( 'Client secret reset', 'keystone-oidc' ),
	};
}

export function isEvent( value: unknown ): value is ActivityEvent {
	return (
		typeof value === 'string' &&
		Object.prototype.hasOwnProperty.call( eventLabels(), value )
	);
}

export function defaultView(): View {
	return {
		type: 'table',
		page: 1,
		perPage: PER_PAGE,
		fields: [ 'date', 'event', 'client', 'user', 'details' ],
		filters: [],
		layout: {},
	};
}

/** The days chosen in the date inputs (`YYYY-MM-DD`), both ends included. */
export interface DateRange {
	from: string;
	to: string;
}

/**
 * What the server is asked for: the view's page and filters, and the date range as UTC times
 * covering whole days.
 */
export function queryFromView( view: View, dates: DateRange ): ActivityQuery {
	const query: ActivityQuery = {
		page: view.page ?? 1,
		perPage: view.perPage ?? PER_PAGE,
		events: [],
	};
	for ( const filter of view.filters ?? [] ) {
		const values: unknown[] = Array.isArray( filter.value )
			? filter.value
			: [ filter.value ];
		if ( filter.field === 'event' ) {
			query.events = values.filter( isEvent );
		} else if ( filter.field === 'client' && values[ 0 ] ) {
			query.clientId = String( values[ 0 ] );
		} else if ( filter.field === 'user' && Number( values[ 0 ] ) > 0 ) {
			query.userId = Number( values[ 0 ] );
		}
	}
	if ( dates.from !== '' ) {
		query.after = `${ dates.from }T00:00:00Z`;
	}
	if ( dates.to !== '' ) {
		query.before = `${ dates.to }T23:59:59Z`;
	}
	return query;
}

/** The REST API's query string for `query`. */
export function searchFromQuery( query: ActivityQuery ): string {
	const params = new URLSearchParams( {
		page: String( query.page ),
		per_page: String( query.perPage ),
	} );
	if ( query.clientId !== undefined ) {
		params.set( 'client_id', query.clientId );
	}
	if ( query.userId !== undefined ) {
		params.set( 'user_id', String( query.userId ) );
	}
	if ( query.events.length > 0 ) {
		params.set( 'event', query.events.join( ',' ) );
	}
	if ( query.after !== undefined ) {
		params.set( 'after', query.after );
	}
	if ( query.before !== undefined ) {
		params.set( 'before', query.before );
	}
	return params.toString();
}

/** The details of an entry as short `name: value` pairs; nothing in them is secret. */
export function describeDetails( details: Record< string, unknown > ): string {
	return Object.entries( details )
		.map( ( [ name, value ] ) => {
			const shown = Array.isArray( value )
				? value.join( ' ' )
				: String( value );
			return `${ name }: ${ shown }`;
		} )
		.join( ', ' );
}
