import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
	endpointName,
	endpointRows,
	humanize,
} from '../../../src/admin/settings/endpoints';
import { keyRows } from '../../../src/admin/settings/keys';

describe( 'endpointRows', () => {
	it( 'orders endpoints the way a sign-in uses them and drops empty URLs', () => {
		const rows = endpointRows( {
			jwks: 'https://id.example/jwks',
			token: 'https://id.example/token',
			'as-metadata':
				'https://id.example/.well-known/oauth-authorization-server',
			discovery: 'https://id.example/.well-known/openid-configuration',
			authorize: 'https://id.example/authorize',
			userinfo: '',
		} );
		assert.deepEqual(
			rows.map( ( row ) => row.key ),
			[ 'discovery', 'as-metadata', 'authorize', 'token', 'jwks' ]
		);
	} );
	it( 'names endpoints without their _endpoint or _uri suffix', () => {
		assert.equal( endpointName( 'token_endpoint' ), 'token' );
		assert.equal( endpointName( 'jwks_uri' ), 'jwks' );
		assert.equal( endpointName( 'discovery-local' ), 'discovery_local' );
	} );
	it( 'humanizes unknown names', () => {
		assert.equal(
			humanize( 'pushed_authorization' ),
			'Pushed authorization'
		);
	} );
} );

describe( 'keyRows', () => {
	it( 'lists current keys first, then retired ones newest first', () => {
		const rows = keyRows(
			[
				{
					kid: 'old',
					alg: 'RS256',
					created_at: 100,
					retired_at: 200,
					expires_at: 4000,
				},
				{
					kid: 'ec',
					alg: 'ES256',
					created_at: 200,
					retired_at: null,
					expires_at: null,
				},
				{
					kid: 'rsa',
					alg: 'RS256',
					created_at: 200,
					retired_at: null,
					expires_at: null,
				},
				{
					kid: 'older',
					alg: 'RS256',
					created_at: 50,
					retired_at: 100,
					expires_at: 3000,
				},
			],
			'UTC'
		);
		assert.deepEqual(
			rows.map( ( row ) => [ row.kid, row.status ] ),
			[
				[ 'ec', 'current' ],
				[ 'rsa', 'current' ],
				[ 'old', 'retired' ],
				[ 'older', 'retired' ],
			]
		);
		assert.equal( rows[ 0 ]!.publishedUntil, '' );
		assert.notEqual( rows[ 2 ]!.publishedUntil, '' );
	} );
} );
