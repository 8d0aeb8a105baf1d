import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import type { Client } from '../../../src/api/types';
import {
	clientsPage,
	DEFAULT_QUERY,
	formatCreated,
	matchesSearch,
	PER_PAGE,
	queryFromView,
	readListQuery,
	viewFromQuery,
	visibleClients,
	withoutDeletedNotice,
	writeListQuery,
} from '../../../src/admin/clients/list';

function makeClient(
	fields: Partial< Client > & { client_id: string }
): Client {
	return {
		name: fields.client_id,
		redirect_uris: [ 'https://x.example/cb' ],
		scopes: [ 'openid' ],
		type: 'confidential',
		created_at: '2025-01-01T00:00:00+00:00',
		...fields,
	};
}

const clients = [
	makeClient( {
		client_id: 'id-b',
		name: 'beta',
		created_at: '2025-03-01T00:00:00+00:00',
	} ),
	makeClient( {
		client_id: 'id-a',
		name: 'Alpha',
		type: 'public',
		scopes: [ 'openid', 'email' ],
		created_at: '2025-01-01T00:00:00+00:00',
	} ),
	makeClient( {
		client_id: 'id-c',
		name: 'Gamma',
		redirect_uris: [ 'myapp://callback' ],
		created_at: '2025-02-01T00:00:00+00:00',
	} ),
];

const names = ( list: Client[] ) => list.map( ( client ) => client.name );

describe( 'visibleClients', () => {
	it( 'lists the newest first by default', () => {
		assert.deepEqual( names( visibleClients( clients, DEFAULT_QUERY ) ), [
			'beta',
			'Gamma',
			'Alpha',
		] );
	} );
	it( 'sorts names case-insensitively, both ways', () => {
		const query = {
			...DEFAULT_QUERY,
			orderby: 'name' as const,
			order: 'asc' as const,
		};
		assert.deepEqual( names( visibleClients( clients, query ) ), [
			'Alpha',
			'beta',
			'Gamma',
		] );
		assert.deepEqual(
			names( visibleClients( clients, { ...query, order: 'desc' } ) ),
			[ 'Gamma', 'beta', 'Alpha' ]
		);
	} );
	it( 'breaks ties by name', () => {
		const query = {
			...DEFAULT_QUERY,
			orderby: 'type' as const,
			order: 'asc' as const,
		};
		assert.deepEqual( names( visibleClients( clients, query ) ), [
			'beta',
			'Gamma',
			'Alpha',
		] );
	} );
	it( 'searches name, client ID, redirect URIs and scopes, ignoring case', () => {
		const search = ( text: string ) =>
			names(
				visibleClients( clients, { ...DEFAULT_QUERY, search: text } )
			);
		assert.deepEqual( search( 'ALPHA' ), [ 'Alpha' ] );
		assert.deepEqual( search( 'id-c' ), [ 'Gamma' ] );
		assert.deepEqual( search( 'myapp://' ), [ 'Gamma' ] );
		assert.deepEqual( search( 'email' ), [ 'Alpha' ] );
		assert.deepEqual( search( 'nothing like it' ), [] );
		assert.equal( matchesSearch( clients[ 0 ]!, '   ' ), true );
	} );
} );

describe( 'list query in the URL', () => {
	it( 'reads s, orderby and order, refusing unknown values', () => {
		assert.deepEqual(
			readListQuery( '?page=keystone-oidc&s=abc&orderby=name&order=asc' ),
			{
				search: 'abc',
				orderby: 'name',
				order: 'asc',
			}
		);
		assert.deepEqual(
			readListQuery( '?orderby=secret_hash&order=sideways' ),
			DEFAULT_QUERY
		);
	} );
	it( 'writes them back, keeping the page and dropping a one-time deleted notice', () => {
		const written = writeListQuery(
			'?page=keystone-oidc&deleted_client=Foo',
			{
				search: 'a b',
				orderby: 'type',
				order: 'asc',
			}
		);
		assert.equal(
			written,
			'?page=keystone-oidc&s=a+b&orderby=type&order=asc'
		);
		assert.equal(
			writeListQuery( '?page=keystone-oidc&s=old', DEFAULT_QUERY ),
			'?page=keystone-oidc&orderby=created&order=desc'
		);
	} );
	it( 'drops the one-time deleted notice and nothing else', () => {
		assert.equal(
			withoutDeletedNotice(
				'?page=keystone-oidc&deleted_client=A+B&s=x'
			),
			'?page=keystone-oidc&s=x'
		);
	} );
} );

describe( 'the DataViews view', () => {
	it( 'shows the query from the URL and gives it back', () => {
		const query = {
			search: 'wiki',
			orderby: 'name' as const,
			order: 'asc' as const,
		};
		const view = viewFromQuery( query );
		assert.deepEqual( view.sort, { field: 'name', direction: 'asc' } );
		assert.equal( view.search, 'wiki' );
		assert.equal( view.page, 1 );
		assert.deepEqual( queryFromView( view ), query );
	} );
	it( 'keeps the default order for a field it cannot sort by', () => {
		assert.deepEqual(
			queryFromView( {
				...viewFromQuery( DEFAULT_QUERY ),
				sort: { field: 'scopes', direction: 'asc' },
			} ),
			{ ...DEFAULT_QUERY, order: 'asc' }
		);
	} );
	it( 'pages the matching clients, clamping a page past the end', () => {
		const many = Array.from( { length: PER_PAGE + 3 }, ( _, index ) =>
			makeClient( { client_id: `id-${ 100 + index }` } )
		);
		const view = viewFromQuery( {
			...DEFAULT_QUERY,
			orderby: 'client_id',
			order: 'asc',
		} );
		const first = clientsPage( many, view );
		assert.equal( first.rows.length, PER_PAGE );
		assert.equal( first.matching, PER_PAGE + 3 );
		assert.equal( first.totalPages, 2 );
		const last = clientsPage( many, { ...view, page: 9 } );
		assert.deepEqual(
			last.rows.map( ( client ) => client.client_id ),
			[ 'id-120', 'id-121', 'id-122' ]
		);
		const searched = clientsPage( many, { ...view, search: 'id-101' } );
		assert.equal( searched.matching, 1 );
	} );
} );

describe( 'formatCreated', () => {
	it( 'formats an ISO date in the site date format', () => {
		assert.equal(
			formatCreated( '2025-03-01T12:00:00Z', 'UTC' ),
			'March 1, 2025'
		);
	} );
	it( 'shows an unparseable value as it came', () => {
		assert.equal( formatCreated( 'not a date' ), 'not a date' );
	} );
} );
