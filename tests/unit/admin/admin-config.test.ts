import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
	adminPageUrl,
	DEFAULT_SCOPES,
	readAdminConfig,
} from '../../../src/config/admin-config';
import { rawPhpRules } from '../shared/php-rules';

describe( 'readAdminConfig', () => {
	it( 'reads what Admin\\Assets::admin_config() passes', () => {
		const config = readAdminConfig( {
			restNamespace: 'keystone-oidc/v1',
			version: '1.2.3',
			issuer: 'https://id.example',
			discoveryUrl: 'https://id.example/.well-known/openid-configuration',
			adminUrl: 'https://id.example/wp-admin/admin.php',
			permalinkSettingsUrl:
				'https://id.example/wp-admin/options-permalink.php',
			prettyPermalinks: false,
			scopes: [ 'profile', 'openid', 'email', 7 ],
			roles: [
				{ slug: 'editor', name: 'Editor' },
				{ slug: 'x' },
				{ name: 'no slug' },
			],
		} );
		assert.equal( config.prettyPermalinks, false );
		assert.deepEqual( config.scopes, [ 'openid', 'profile', 'email' ] );
		assert.deepEqual( config.roles, [
			{ slug: 'editor', name: 'Editor' },
			{ slug: 'x', name: 'x' },
		] );
	} );
	it( 'falls back to safe defaults when the object is missing', () => {
		const config = readAdminConfig( undefined );
		assert.deepEqual( config.scopes, DEFAULT_SCOPES );
		assert.equal( config.adminUrl, 'admin.php' );
		assert.equal( config.permalinkSettingsUrl, 'options-permalink.php' );
		assert.deepEqual( config.roles, [] );
		assert.deepEqual( config.scopeDescriptions, {} );
		assert.equal( config.rules, null );
	} );
	it( 'keeps only scope descriptions that are text', () => {
		const config = readAdminConfig( {
			scopeDescriptions: { email: 'Your email address', roles: 7 },
		} );
		assert.deepEqual( config.scopeDescriptions, {
			email: 'Your email address',
		} );
	} );
	it( 'reads the rules PHP emits into patterns, and none at all when any part is malformed', () => {
		const raw = rawPhpRules() as {
			redirectUri: { patterns: Record< string, unknown > };
		};
		const rules = readAdminConfig( { rules: raw } ).rules;
		assert.equal( rules?.redirectUri.patterns.web.test( 'HTTPS:' ), true );
		const broken = structuredClone( raw );
		broken.redirectUri.patterns.absolute = '(';
		assert.equal( readAdminConfig( { rules: broken } ).rules, null );
		const partial = structuredClone( raw );
		delete partial.redirectUri.patterns.web;
		assert.equal( readAdminConfig( { rules: partial } ).rules, null );
	} );
} );

describe( 'adminPageUrl', () => {
	it( 'encodes the page and parameters', () => {
		assert.equal(
			adminPageUrl( '/wp-admin/admin.php', 'keystone-oidc-new', {
				client_id: 'a&b c',
			} ),
			'/wp-admin/admin.php?page=keystone-oidc-new&client_id=a%26b+c'
		);
	} );
} );
