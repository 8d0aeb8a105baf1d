import type { View } from '@wordpress/dataviews';

import type { Client } from '../../api/types';
import { siteDate } from '../../components/dates';
import type { ListQuery, SortColumn } from './types';

const SORT_COLUMNS: SortColumn[] = [ 'name', 'client_id', 'type', 'created' ];

function isSortColumn( value: unknown ): value is SortColumn {
	return SORT_COLUMNS.includes( value as SortColumn );
}

export const DEFAULT_QUERY: ListQuery = {
	search: '',
	orderby: 'created',
	order: 'desc',
};

/** Search, sort and order live in the URL (`s`, `orderby`, `order`) like WordPress list tables. */
export function readListQuery( search: string ): ListQuery {
	const params = new URLSearchParams( search );
	const orderby = params.get( 'orderby' );
	const order = params.get( 'order' );
	return {
		search: params.get( 's' ) ?? '',
		orderby: isSortColumn( orderby ) ? orderby : DEFAULT_QUERY.orderby,
		order:
			order === 'asc' || order === 'desc' ? order : DEFAULT_QUERY.order,
	};
}

/**
 * Set by the Edit screen after a delete, read once for the notice. (WordPress's own `deleted`
 * is one of the query args wp-admin strips from the address bar before the app could read it.)
 */
export const DELETED_PARAM = 'deleted_client';

/** The current URL's query with the list's own parameters replaced; others (like `page`) kept. */
export function writeListQuery( search: string, query: ListQuery ): string {
	const params = new URLSearchParams( search );
	params.delete( DELETED_PARAM );
	if ( query.search === '' ) {
		params.delete( 's' );
	} else {
		params.set( 's', query.search );
	}
	params.set( 'orderby', query.orderby );
	params.set( 'order', query.order );
	return `?${ params.toString() }`;
}

/** The query without the one-time deleted notice, so a reload does not repeat it. */
export function withoutDeletedNotice( search: string ): string {
	const params = new URLSearchParams( search );
	params.delete( DELETED_PARAM );
	return `?${ params.toString() }`;
}

export function matchesSearch( client: Client, search: string ): boolean {
	const needle = search.trim().toLowerCase();
	if ( needle === '' ) {
		return true;
	}
	return [
		client.name,
		client.client_id,
		...client.redirect_uris,
		...client.scopes,
	].some( ( field ) => field.toLowerCase().includes( needle ) );
}

function sortKey( client: Client, column: SortColumn ): string | number {
	switch ( column ) {
		case 'name':
			return client.name.toLocaleLowerCase();
		case 'client_id':
			return client.client_id;
		case 'type':
			return client.type;
		case 'created': {
			const time = Date.parse( client.created_at );
			return Number.isNaN( time ) ? 0 : time;
		}
	}
}

function compare( a: string | number, b: string | number ): number {
	if ( typeof a === 'number' && typeof b === 'number' ) {
		return a - b;
	}
	return String( a ).localeCompare( String( b ) );
}

export function visibleClients(
	clients: Client[],
	query: ListQuery
): Client[] {
	const direction = query.order === 'asc' ? 1 : -1;
	return clients
		.filter( ( client ) => matchesSearch( client, query.search ) )
		.map( ( client, index ) => ( { client, index } ) )
		.sort( ( a, b ) => {
			const byColumn = compare(
				sortKey( a.client, query.orderby ),
				sortKey( b.client, query.orderby )
			);
			// Ties keep a stable, predictable order: by name, then as the server listed them.
			if ( byColumn !== 0 ) {
				return byColumn * direction;
			}
			const byName = compare(
				sortKey( a.client, 'name' ),
				sortKey( b.client, 'name' )
			);
			return byName !== 0 ? byName : a.index - b.index;
		} )
		.map( ( entry ) => entry.client );
}

/** A created date in the site's date format, or the raw value when it does not parse. */
export function formatCreated( iso: string, timezone?: string ): string {
	return siteDate( iso, 'date', timezone ) ?? iso;
}

/** The columns of the list, in order; each is also a field of the DataViews table. */
export const LIST_FIELDS = [
	'name',
	'client_id',
	'scopes',
	'type',
	'created',
] as const;

export const PER_PAGE = 20;

/** The DataViews table view that shows `query` (page 1 unless one is given). */
export function viewFromQuery( query: ListQuery, page = 1 ): View {
	return {
		type: 'table',
		search: query.search,
		sort: { field: query.orderby, direction: query.order },
		page,
		perPage: PER_PAGE,
		fields: [ ...LIST_FIELDS ],
		layout: {},
	};
}

/** What of a DataViews view belongs in the URL; an unknown sort field keeps the default. */
export function queryFromView( view: View ): ListQuery {
	const field = view.sort?.field;
	return {
		search: view.search ?? '',
		orderby: isSortColumn( field ) ? field : DEFAULT_QUERY.orderby,
		order: view.sort?.direction === 'asc' ? 'asc' : 'desc',
	};
}

/** One page of the clients the view shows, and how many pages and clients match. */
export function clientsPage(
	clients: Client[],
	view: View
): { rows: Client[]; matching: number; totalPages: number } {
	const matching = visibleClients( clients, queryFromView( view ) );
	const perPage = view.perPage ?? PER_PAGE;
	const totalPages = Math.max( 1, Math.ceil( matching.length / perPage ) );
	const page = Math.min( Math.max( 1, view.page ?? 1 ), totalPages );
	return {
		rows: matching.slice( ( page - 1 ) * perPage, page * perPage ),
		matching: matching.length,
		totalPages,
	};
}
