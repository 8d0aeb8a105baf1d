import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
	readConsentConfig,
	readSiteIdentity,
} from '../../../src/consent/config';

const complete = {
	site: { name: 'Example Site', icon: 'https://id.example/icon-64.png' },
	clientName: '<script>alert(1)</script>',
	signedInAs: 'Ada Lovelace (ada)',
	scopes: [
		{ scope: 'openid', description: 'Sign you in' },
		{ scope: 'email' },
		{ description: 'no scope name' },
		'profile',
	],
	formAction: 'https://id.example/wenisch-tech/keystone-oidc/oauth/authorize',
	requestId: 'req-1',
	nonce: 'n-1',
	logoutUrl: 'https://id.example/wp-login.php?action=logout',
};

describe( 'readConsentConfig', () => {
	it( 'keeps values as given (escaping is React’s job) and drops malformed scopes', () => {
		const config = readConsentConfig( complete );
		assert.ok( config );
		assert.equal( config.clientName, '<script>alert(1)</script>' );
		assert.equal( config.signedInAs, 'Ada Lovelace (ada)' );
		assert.deepEqual( config.scopes, [
			{ scope: 'openid', description: 'Sign you in' },
			{ scope: 'email', description: 'email' },
		] );
	} );
	for ( const key of [ 'clientName', 'formAction', 'requestId', 'nonce' ] ) {
		it( `is null without ${ key }, so the HTML fallback form stays`, () => {
			assert.equal(
				readConsentConfig( { ...complete, [ key ]: '' } ),
				null
			);
			assert.equal(
				readConsentConfig( { ...complete, [ key ]: 3 } ),
				null
			);
		} );
	}
	it( 'is null for no configuration at all', () => {
		assert.equal( readConsentConfig( undefined ), null );
		assert.equal( readConsentConfig( 'x' ), null );
	} );
} );

describe( 'readSiteIdentity', () => {
	it( 'keeps the site’s name and icon as given', () => {
		assert.deepEqual( readConsentConfig( complete )?.site, {
			name: 'Example Site',
			icon: 'https://id.example/icon-64.png',
		} );
	} );
	it( 'reads a missing or malformed site as one without name or icon, so the page leaves it out', () => {
		assert.deepEqual( readSiteIdentity( undefined ), {
			name: '',
			icon: '',
		} );
		assert.deepEqual( readSiteIdentity( { name: 3, icon: null } ), {
			name: '',
			icon: '',
		} );
	} );
} );
