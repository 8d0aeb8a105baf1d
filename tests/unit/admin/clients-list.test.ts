import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import type { Client } from '../../../src/api/types';
import {
	ariaSort,
	DEFAULT_QUERY,
	formatCreated,
	matchesSearch,
	nextSort,
	readListQuery,
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
	it( 'flips the order of the sorted column and starts others in their natural order', () => {
		const byName = {
			...DEFAULT_QUERY,
			orderby: 'name' as const,
			order: 'asc' as const,
		};
		assert.equal( nextSort( byName, 'name' ).order, 'desc' );
		assert.deepEqual( nextSort( byName, 'created' ), {
			...byName,
			orderby: 'created',
			order: 'desc',
		} );
		assert.equal( nextSort( DEFAULT_QUERY, 'client_id' ).order, 'asc' );
	} );
	it( 'tells assistive technology which column is sorted', () => {
		assert.equal( ariaSort( DEFAULT_QUERY, 'created' ), 'descending' );
		assert.equal( ariaSort( DEFAULT_QUERY, 'name' ), 'none' );
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
