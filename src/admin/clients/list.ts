import type { Client } from '../../api/types';
import { siteDate } from '../../components/dates';
import type { ListQuery, SortColumn } from './types';

const SORT_COLUMNS: SortColumn[] = [ 'name', 'client_id', 'type', 'created' ];

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
		orderby: SORT_COLUMNS.includes( orderby as SortColumn )
			? ( orderby as SortColumn )
			: DEFAULT_QUERY.orderby,
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

/** Clicking the sorted column flips its order; another column starts in its natural order. */
export function nextSort( query: ListQuery, column: SortColumn ): ListQuery {
	if ( query.orderby === column ) {
		return { ...query, order: query.order === 'asc' ? 'desc' : 'asc' };
	}
	return {
		...query,
		orderby: column,
		order: column === 'created' ? 'desc' : 'asc',
	};
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

export type SortOrderAria = 'ascending' | 'descending' | 'none';

export function ariaSort(
	query: ListQuery,
	column: SortColumn
): SortOrderAria {
	if ( query.orderby !== column ) {
		return 'none';
	}
	return query.order === 'asc' ? 'ascending' : 'descending';
}
