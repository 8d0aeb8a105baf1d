import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import type { Client } from '../../../src/api/types';
import {
	chosenGrantTypes,
	emptyForm,
	formFromClient,
	formToInput,
	hasErrors,
	isDirty,
	readEditMode,
	toggleInList,
	validateForm,
	withOpenid,
} from '../../../src/admin/edit/form';
import { phpRules } from '../shared/php-rules';

const rules = phpRules();

const client: Client = {
	client_id: 'c-1',
	created_at: '2025-01-02T03:04:05+00:00',
	name: 'Nextcloud',
	redirect_uris: [ 'https://cloud.example/cb', 'https://cloud.example/cb2' ],
	scopes: [ 'profile', 'openid' ],
	type: 'confidential',
	backchannel_logout_uri: 'https://cloud.example/backchannel-logout',
	allowed_roles: [ 'editor' ],
	skip_consent: true,
	skip_consent_offline_access: true,
	refresh_tokens: false,
	id_token_signed_response_alg: 'ES256',
};

describe( 'client form values', () => {
	it( 'round-trips a client through the form to the same input', () => {
		const input = formToInput( formFromClient( client ) );
		assert.deepEqual( input, {
			name: 'Nextcloud',
			redirect_uris: [
				'https://cloud.example/cb',
				'https://cloud.example/cb2',
			],
			scopes: [ 'openid', 'profile' ],
			type: 'confidential',
			post_logout_redirect_uris: [],
			backchannel_logout_uri: 'https://cloud.example/backchannel-logout',
			audiences: [],
			allowed_roles: [ 'editor' ],
			skip_consent: true,
			skip_consent_offline_access: true,
			refresh_tokens: false,
			id_token_signed_response_alg: 'ES256',
			grant_types: [ 'authorization_code' ],
			token_endpoint_auth_method: 'client_secret_basic',
			jwks: null,
			jwks_uri: '',
			rest_access: 'none',
		} );
	} );

	it( 'fills the contract defaults for fields a client does not carry', () => {
		const values = formFromClient( {
			client_id: 'c-2',
			created_at: '',
			name: 'Bare',
			redirect_uris: [ 'https://bare.example/cb' ],
			scopes: [ 'openid' ],
			type: 'public',
		} );
		assert.equal( values.refreshTokens, true );
		assert.equal( values.skipConsent, false );
		assert.equal( values.skipConsentOfflineAccess, false );
		assert.equal( values.idTokenAlg, 'RS256' );
		assert.deepEqual( values.allowedRoles, [] );
		assert.equal( values.backchannelLogoutUri, '' );
		assert.equal( formToInput( values ).backchannel_logout_uri, '' );
	} );

	it( 'clears skip_consent_offline_access with skip_consent', () => {
		const values = {
			...formFromClient( client ),
			skipConsent: false,
		};
		assert.equal(
			formToInput( values ).skip_consent_offline_access,
			false
		);
	} );

	it( 'always sends openid, first, even when unchecked', () => {
		const values = { ...emptyForm(), scopes: [ 'email' ] };
		assert.deepEqual( formToInput( values ).scopes, [ 'openid', 'email' ] );
		assert.deepEqual( withOpenid( [ 'openid', 'openid', 'email' ] ), [
			'openid',
			'email',
		] );
	} );

	it( 'toggles list entries without duplicates', () => {
		assert.deepEqual( toggleInList( [ 'a' ], 'b', true ), [ 'a', 'b' ] );
		assert.deepEqual( toggleInList( [ 'a', 'b' ], 'b', true ), [
			'a',
			'b',
		] );
		assert.deepEqual( toggleInList( [ 'a', 'b' ], 'a', false ), [ 'b' ] );
	} );
} );

describe( 'grant types', () => {
	const service = {
		...emptyForm(),
		name: 'Nightly job',
		grantTypes: [ 'client_credentials' as const ],
		refreshTokens: false,
	};

	it( 'sends the checked grants with refresh_token from the toggle', () => {
		assert.deepEqual(
			formToInput( {
				...emptyForm(),
				grantTypes: [ 'authorization_code', 'client_credentials' ],
			} ).grant_types,
			[ 'authorization_code', 'client_credentials', 'refresh_token' ]
		);
		assert.deepEqual( formToInput( service ).grant_types, [
			'client_credentials',
		] );
	} );

	it( 'never sends client_credentials for a public client', () => {
		assert.deepEqual(
			chosenGrantTypes( {
				...service,
				type: 'public',
				grantTypes: [ 'authorization_code', 'client_credentials' ],
			} ),
			[ 'authorization_code' ]
		);
	} );

	it( 'reads the grants of a client without refresh_token, which is the toggle', () => {
		const values = formFromClient( {
			...client,
			grant_types: [ 'client_credentials', 'refresh_token' ],
		} );
		assert.deepEqual( values.grantTypes, [ 'client_credentials' ] );
	} );

	it( 'makes redirect URIs optional without the authorization code grant', () => {
		const errors = validateForm( service, rules );
		assert.deepEqual( errors.redirectUris, [] );
		assert.equal( errors.grantTypes, null );
		assert.equal( hasErrors( errors ), false );
	} );

	it( 'still checks redirect URIs that are given without the code grant', () => {
		const errors = validateForm(
			{ ...service, redirectUris: 'javascript:alert(1)' },
			rules
		);
		assert.equal( Array.isArray( errors.redirectUris ), true );
		assert.equal( hasErrors( errors ), true );
	} );

	it( 'requires at least one grant', () => {
		const none = { ...service, grantTypes: [] };
		assert.equal( validateForm( none, rules ).grantTypes, 'required' );
		assert.equal( hasErrors( validateForm( none, rules ) ), true );
		// A public client's only grant, client_credentials, does not count.
		assert.equal(
			validateForm( { ...service, type: 'public' }, rules ).grantTypes,
			'required'
		);
	} );
} );

describe( 'validateForm', () => {
	it( 'requires a name and at least one redirect URI', () => {
		const errors = validateForm( emptyForm(), rules );
		assert.equal( errors.name, 'required' );
		assert.equal( errors.redirectUris, 'required' );
		assert.equal( hasErrors( errors ), true );
	} );

	it( 'refuses a name over 200 characters, counting characters not bytes', () => {
		const base = { ...emptyForm(), redirectUris: 'https://a.example/cb' };
		assert.equal(
			validateForm( { ...base, name: 'é'.repeat( 200 ) }, rules ).name,
			null
		);
		assert.equal(
			validateForm( { ...base, name: 'x'.repeat( 201 ) }, rules ).name,
			'too_long'
		);
		assert.equal(
			validateForm( { ...base, name: '   ' }, rules ).name,
			'required'
		);
	} );

	it( 'applies the redirect URI rules to post-logout URIs and the absolute-URI rule to audiences', () => {
		const errors = validateForm(
			{
				...emptyForm(),
				name: 'App',
				redirectUris: 'http://app.example/cb',
				postLogoutRedirectUris: 'http://app.example/bye',
				audiences: 'http://api.example/\nrelative',
			},
			rules
		);
		assert.deepEqual( errors.redirectUris, [
			{
				line: 1,
				uri: 'http://app.example/cb',
				problem: 'http_not_loopback',
			},
		] );
		assert.deepEqual( errors.postLogoutRedirectUris, [
			{
				line: 1,
				uri: 'http://app.example/bye',
				problem: 'http_not_loopback',
			},
		] );
		assert.deepEqual( errors.audiences, [
			{ line: 2, uri: 'relative', problem: 'not_absolute' },
		] );
	} );

	it( 'checks the back-channel logout URI: optional, a web URI, https unless loopback', () => {
		const base = {
			...emptyForm(),
			name: 'App',
			redirectUris: 'https://app.example/cb',
		};
		const problem = ( backchannelLogoutUri: string ) =>
			validateForm( { ...base, backchannelLogoutUri }, rules )
				.backchannelLogoutUri;
		assert.equal( problem( '' ), null );
		assert.equal( problem( '   ' ), null );
		assert.equal( problem( 'https://app.example/logout' ), null );
		assert.equal( problem( 'http://127.0.0.1:8080/logout' ), null );
		assert.equal(
			problem( 'http://app.example/logout' ),
			'http_not_loopback'
		);
		assert.equal( problem( 'ftp://app.example/logout' ), 'not_web' );
		assert.equal( problem( 'com.example.app:/logout' ), 'not_web' );
		assert.equal( problem( '/logout' ), 'not_web' );
		assert.equal( problem( 'https://app.example/logout#x' ), 'fragment' );
		assert.equal(
			hasErrors(
				validateForm(
					{ ...base, backchannelLogoutUri: 'ftp://x' },
					rules
				)
			),
			true
		);
		assert.equal(
			formToInput( {
				...base,
				backchannelLogoutUri: ' https://app.example/logout ',
			} ).backchannel_logout_uri,
			'https://app.example/logout'
		);
	} );

	it( 'without rules from the config checks only what needs none, and leaves the rest to the server', () => {
		const errors = validateForm(
			{
				...emptyForm(),
				name: 'x'.repeat( 201 ),
				redirectUris: 'http://app.example/cb\nhttp://app.example/cb',
				backchannelLogoutUri: 'ftp://x',
				audiences: 'relative',
			},
			null
		);
		assert.equal( errors.name, null );
		assert.deepEqual( errors.redirectUris, [
			{ line: 2, uri: 'http://app.example/cb', problem: 'duplicate' },
		] );
		assert.equal( errors.backchannelLogoutUri, null );
		assert.deepEqual( errors.audiences, [] );
		assert.equal( validateForm( emptyForm(), null ).name, 'required' );
	} );

	it( 'passes a complete, valid form', () => {
		const errors = validateForm(
			{
				...emptyForm(),
				name: 'App',
				redirectUris:
					'https://app.example/cb\nhttp://localhost:3000/cb',
			},
			rules
		);
		assert.equal( hasErrors( errors ), false );
	} );
} );

describe( 'isDirty', () => {
	it( 'ignores changes that send the same input', () => {
		const saved = formFromClient( client );
		assert.equal(
			isDirty( saved, {
				...saved,
				redirectUris: `  ${ saved.redirectUris }\n\n`,
				scopes: [ ...saved.scopes ].reverse(),
			} ),
			false
		);
	} );
	it( 'notices a real change', () => {
		const saved = formFromClient( client );
		assert.equal(
			isDirty( saved, { ...saved, skipConsent: false } ),
			true
		);
		assert.equal( isDirty( saved, { ...saved, name: 'Other' } ), true );
	} );
} );

describe( 'readEditMode', () => {
	it( 'is edit with a client_id, add without', () => {
		assert.deepEqual(
			readEditMode( '?page=keystone-oidc-new&client_id=a%2Fb' ),
			{
				kind: 'edit',
				clientId: 'a/b',
			}
		);
		assert.deepEqual( readEditMode( '?page=keystone-oidc-new' ), {
			kind: 'add',
		} );
		assert.deepEqual(
			readEditMode( '?page=keystone-oidc-new&client_id=' ),
			{ kind: 'add' }
		);
	} );
} );
