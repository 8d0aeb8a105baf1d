import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { toApiError } from '../../../src/api/errors';

describe( 'toApiError', () => {
	it( 'reads a WordPress REST error body', () => {
		assert.deepEqual(
			toApiError( {
				code: 'keystone_oidc_invalid_redirect_uri',
				message: 'Invalid redirect URI "x": why',
				data: { status: 400 },
			} ),
			{
				code: 'keystone_oidc_invalid_redirect_uri',
				message: 'Invalid redirect URI "x": why',
				status: 400,
				params: {},
			}
		);
	} );
	it( 'collects the per-parameter messages of rest_invalid_param', () => {
		const error = toApiError( {
			code: 'rest_invalid_param',
			message: 'Invalid parameter(s): type',
			data: {
				status: 400,
				params: { type: 'type is not one of …', bad: 7 },
			},
		} );
		assert.deepEqual( error.params, { type: 'type is not one of …' } );
	} );
	it( 'keeps api-fetch’s own network and parse failures apart', () => {
		assert.equal(
			toApiError( { code: 'fetch_error', message: 'offline' } ).code,
			'fetch_error'
		);
		assert.equal( toApiError( { code: 'invalid_json' } ).status, null );
	} );
	it( 'turns anything else into unknown_error without throwing', () => {
		for ( const value of [
			null,
			undefined,
			'boom',
			42,
			new Error( 'x' ),
			{ code: '' },
		] ) {
			assert.equal( toApiError( value ).code, 'unknown_error' );
		}
	} );
} );
