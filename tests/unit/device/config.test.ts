import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { readDeviceConfig } from '../../../src/device/config';

const confirm = {
	step: 'confirm',
	error: '',
	userCode: 'BCDF-GHJK',
	clientName: 'My CLI',
	scopes: [ { scope: 'openid', description: 'Know who you are' }, 'x' ],
	signedInAs: 'Ada Lovelace (ada)',
	formAction: 'https://id.example/wenisch-tech/keystone-oidc/device',
	nonce: 'n-1',
	logoutUrl: 'https://id.example/wp-login.php?action=logout',
};

describe( 'readDeviceConfig', () => {
	it( 'reads a complete step and drops malformed scopes', () => {
		const config = readDeviceConfig( confirm );
		assert.ok( config );
		assert.equal( config.step, 'confirm' );
		assert.equal( config.userCode, 'BCDF-GHJK' );
		assert.deepEqual( config.scopes, [
			{ scope: 'openid', description: 'Know who you are' },
		] );
	} );

	it( 'keeps the form without script when the step or what a post needs is missing', () => {
		assert.equal( readDeviceConfig( { ...confirm, step: 'other' } ), null );
		assert.equal( readDeviceConfig( { ...confirm, nonce: '' } ), null );
		assert.equal( readDeviceConfig( { ...confirm, formAction: 1 } ), null );
		assert.equal( readDeviceConfig( null ), null );
	} );

	it( 'treats an unknown error as none', () => {
		assert.equal(
			readDeviceConfig( { ...confirm, step: 'enter', error: 'boom' } )
				?.error,
			''
		);
		assert.equal(
			readDeviceConfig( {
				...confirm,
				step: 'enter',
				error: 'rate_limited',
			} )?.error,
			'rate_limited'
		);
	} );
} );
