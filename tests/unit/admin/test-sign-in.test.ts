import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UnsecuredJWT } from 'jose';

import {
	claimValue,
	decodeToken,
	explainClaim,
	isTimeClaim,
	readResult,
} from '../../../src/admin/test-sign-in/result';

describe( 'Test sign-in result', () => {
	it( 'reads a success as Test_Callback writes it', () => {
		const result = readResult( {
			status: 'success',
			client: { client_id: 'rp', name: 'Grafana' },
			nonce: 'n-1',
			tokens: {
				id_token: 'a.b.c',
				access_token: 'd.e.f',
				token_type: 'Bearer',
				expires_in: 3600,
				scope: 'openid email',
				refresh_token: true,
			},
			userinfo: { claims: { sub: '1' } },
			revoked: true,
		} );
		assert.equal( result.status, 'success' );
		assert.ok( result.status === 'success' );
		assert.deepEqual( result.userinfo, { claims: { sub: '1' } } );
		assert.equal( result.tokens.refresh_token, true );
		assert.equal( result.revoked, true );
	} );

	it( 'reads an error, and anything unreadable as an error', () => {
		assert.deepEqual(
			readResult( {
				status: 'error',
				client: { client_id: 'rp', name: 'Grafana' },
				error: 'access_denied',
				error_description: 'not allowed',
			} ),
			{
				status: 'error',
				client: { client_id: 'rp', name: 'Grafana' },
				error: 'access_denied',
				error_description: 'not allowed',
			}
		);
		const garbage = readResult( 'garbage' );
		assert.equal( garbage.status, 'error' );
		assert.ok( garbage.status === 'error' );
		assert.equal( garbage.error, 'test_session_invalid' );
		assert.equal( garbage.client, null );
	} );

	it( 'decodes a JWT’s header and claims, and nothing from an opaque token', () => {
		const jwt = new UnsecuredJWT( {
			sub: '1',
			roles: [ 'editor' ],
		} ).encode();
		const decoded = decodeToken( jwt );
		assert.deepEqual( decoded?.claims, { sub: '1', roles: [ 'editor' ] } );
		assert.equal( decoded?.header.alg, 'none' );
		assert.equal( decodeToken( 'opaque-token' ), null );
	} );

	it( 'explains known claims and names the rest as mapped', () => {
		assert.match( explainClaim( 'sub' ), /Subject/ );
		assert.match( explainClaim( 'team_x' ), /mapped claim/ );
		assert.equal( isTimeClaim( 'exp', 1800000000 ), true );
		assert.equal( isTimeClaim( 'sub', 1800000000 ), false );
		assert.equal( claimValue( [ 'a' ] ), '["a"]' );
		assert.equal( claimValue( 'a' ), 'a' );
	} );
} );
