import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getSettings, setSettings } from '@wordpress/date';

import {
	applicationsErrorMessage,
	formatAllowedDate,
	readApplications,
	revocationOutcome,
	withoutApplication,
} from '../../../src/profile/applications';

const wiki = {
	client_id: 'c1',
	name: 'Team Wiki',
	scopes: [ 'openid', 'email' ],
	scope_descriptions: [
		{ scope: 'openid', description: 'Know who you are' },
		{ scope: 'email', description: 'Your email address' },
	],
	created_at: '2026-12-01T10:00:00Z',
	updated_at: '2026-12-01T11:00:00Z',
};

describe( 'readApplications', () => {
	it( 'keeps a complete answer as it is', () => {
		assert.deepEqual( readApplications( [ wiki ] ), [ wiki ] );
	} );

	it( 'answers an empty list for anything that is not a list', () => {
		for ( const raw of [ null, undefined, {}, 'x', 1 ] ) {
			assert.deepEqual( readApplications( raw ), [] );
		}
	} );

	it( 'drops entries without a client_id and fills missing fields', () => {
		const [ only, ...rest ] = readApplications( [
			{ name: 'no id' },
			{ client_id: '' },
			'c2',
			{ client_id: 'c3', scopes: [ 'openid', 7, '' ] },
		] );
		assert.deepEqual( rest, [] );
		assert.deepEqual( only, {
			client_id: 'c3',
			name: 'c3',
			scopes: [ 'openid' ],
			scope_descriptions: [ { scope: 'openid', description: 'openid' } ],
			created_at: '',
			updated_at: '',
		} );
	} );

	it( 'shows a scope the server did not describe by its name, and never drops one', () => {
		const [ application ] = readApplications( [
			{
				...wiki,
				scope_descriptions: [
					{ scope: 'openid', description: '' },
					{ description: 'nameless' },
				],
			},
		] );
		assert.deepEqual( application?.scope_descriptions, [
			{ scope: 'openid', description: 'openid' },
			{ scope: 'email', description: 'email' },
		] );
	} );

	it( 'keeps the name as text, markup included (escaping is React’s job)', () => {
		const [ application ] = readApplications( [
			{ ...wiki, name: '<img src=x onerror=alert(1)>' },
		] );
		assert.equal( application?.name, '<img src=x onerror=alert(1)>' );
	} );
} );

describe( 'withoutApplication', () => {
	it( 'removes only the revoked application', () => {
		const other = { ...wiki, client_id: 'c2' };
		assert.deepEqual( withoutApplication( [ wiki, other ], 'c1' ), [
			other,
		] );
		assert.deepEqual( withoutApplication( [ wiki ], 'missing' ), [ wiki ] );
	} );
} );

describe( 'formatAllowedDate', () => {
	// Without `wp.date.setSettings` from WordPress, @wordpress/date has WordPress's default
	// date format, F j, Y.
	it( 'formats the day in the site date format and the given time zone', () => {
		assert.equal(
			formatAllowedDate( '2026-12-01T10:00:00Z', 'UTC' ),
			'December 1, 2026'
		);
		assert.equal(
			formatAllowedDate( '2026-12-01T23:30:00Z', 'Asia/Tokyo' ),
			'December 2, 2026'
		);
	} );

	it( 'answers null for a missing or unreadable time', () => {
		assert.equal( formatAllowedDate( '' ), null );
		assert.equal( formatAllowedDate( 'yesterday-ish' ), null );
	} );

	it( 'follows the date format the site sets', () => {
		const before = getSettings();
		setSettings( {
			...before,
			formats: { ...before.formats, date: 'Y-m-d' },
		} );
		try {
			assert.equal(
				formatAllowedDate( '2026-12-01T10:00:00Z', 'UTC' ),
				'2026-12-01'
			);
		} finally {
			setSettings( before );
		}
	} );
} );

describe( 'revocationOutcome', () => {
	it( 'treats keystone_oidc_not_found as already gone, anything else as a failure', () => {
		assert.equal(
			revocationOutcome( {
				code: 'keystone_oidc_not_found',
				data: { status: 404 },
			} ),
			'gone'
		);
		assert.equal(
			revocationOutcome( { code: 'fetch_error', message: '' } ),
			'failed'
		);
		assert.equal( revocationOutcome( null ), 'failed' );
	} );
} );

describe( 'applicationsErrorMessage', () => {
	it( 'branches on the code, not on the server’s text', () => {
		assert.equal(
			applicationsErrorMessage( {
				code: 'keystone_oidc_not_logged_in',
				message: 'server text',
			} ),
			'You are no longer signed in. Reload the page and sign in again.'
		);
		assert.equal(
			applicationsErrorMessage( {
				code: 'keystone_oidc_not_found',
				message: 'server text',
			} ),
			'This application was no longer allowed to sign you in.'
		);
	} );

	it( 'leaves other codes to the shared messages', () => {
		assert.equal(
			applicationsErrorMessage( { code: 'fetch_error' } ),
			'The site could not be reached. Check your connection and try again.'
		);
	} );
} );
