import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
	addRow,
	claimProblem,
	defaultScope,
	hasProblems,
	metaKeyProblem,
	removeRow,
	rowsFromMappings,
	sameMappings,
	serverProblems,
	sourceOf,
	toMappings,
	updateRow,
	validateRows,
} from '../../../src/admin/claims/mappings';
import type { MappingRow } from '../../../src/admin/claims/types';

const SCOPES = [ 'openid', 'profile', 'email', 'roles' ];

function row( fields: Partial< MappingRow > = {} ): MappingRow {
	return {
		key: 1,
		claim: 'department',
		source: 'meta',
		metaKey: 'department',
		scope: 'profile',
		...fields,
	};
}

describe( 'rows and mappings', () => {
	it( 'turns stored mappings into keyed rows and back, a meta key only for user meta', () => {
		const rows = rowsFromMappings( [
			{
				claim: 'department',
				source: 'meta',
				meta_key: 'dept',
				scope: 'profile',
			},
			{ claim: 'wp_roles', source: 'roles', scope: 'roles' },
		] );
		assert.deepEqual(
			rows.map( ( { key, metaKey } ) => [ key, metaKey ] ),
			[
				[ 1, 'dept' ],
				[ 2, '' ],
			]
		);
		assert.deepEqual( toMappings( rows ), [
			{
				claim: 'department',
				source: 'meta',
				meta_key: 'dept',
				scope: 'profile',
			},
			{ claim: 'wp_roles', source: 'roles', scope: 'roles' },
		] );
	} );
	it( 'trims names and keys, and drops a meta key left behind by switching to roles', () => {
		assert.deepEqual(
			toMappings( [
				row( { claim: ' team ', metaKey: ' team_name ' } ),
				row( { key: 2, claim: 'r', source: 'roles', metaKey: 'x' } ),
			] ),
			[
				{
					claim: 'team',
					source: 'meta',
					meta_key: 'team_name',
					scope: 'profile',
				},
				{ claim: 'r', source: 'roles', scope: 'profile' },
			]
		);
	} );
	it( 'adds an empty user-meta row under profile with a fresh key, removes and updates by key', () => {
		const added = addRow( [ row( { key: 4 } ) ], SCOPES );
		assert.deepEqual( added[ 1 ], {
			key: 5,
			claim: '',
			source: 'meta',
			metaKey: '',
			scope: 'profile',
		} );
		assert.deepEqual(
			updateRow( added, 5, { claim: 'office' } ).map(
				( item ) => item.claim
			),
			[ 'department', 'office' ]
		);
		assert.deepEqual(
			removeRow( added, 4 ).map( ( item ) => item.key ),
			[ 5 ]
		);
	} );
	it( 'picks profile, else the first scope that is not openid', () => {
		assert.equal( defaultScope( SCOPES ), 'profile' );
		assert.equal( defaultScope( [ 'openid', 'roles' ] ), 'roles' );
		assert.equal( defaultScope( [ 'openid' ] ), 'openid' );
		assert.equal( defaultScope( [] ), '' );
	} );
	it( 'compares what would be saved, not row keys or stray whitespace', () => {
		assert.equal(
			sameMappings(
				[ row() ],
				[ row( { key: 9, claim: 'department ' } ) ]
			),
			true
		);
		assert.equal(
			sameMappings( [ row() ], [ row( { scope: 'email' } ) ] ),
			false
		);
		assert.equal( sameMappings( [ row() ], [] ), false );
	} );
	it( 'reads only the two sources', () => {
		assert.equal( sourceOf( 'roles' ), 'roles' );
		assert.equal( sourceOf( 'meta' ), 'meta' );
		assert.equal( sourceOf( 'anything' ), 'meta' );
	} );
} );

describe( 'the rules the server applies', () => {
	it( 'claim names: required, pattern, protocol claims, no duplicates', () => {
		assert.equal( claimProblem( 'department', [] ), null );
		assert.equal( claimProblem( 'org.example:team-1', [] ), null );
		assert.equal( claimProblem( '', [] ), 'claim_required' );
		assert.equal( claimProblem( '1st', [] ), 'claim_pattern' );
		assert.equal( claimProblem( 'first name', [] ), 'claim_pattern' );
		assert.equal( claimProblem( 'a'.repeat( 65 ), [] ), 'claim_pattern' );
		for ( const reserved of [
			'sub',
			'iss',
			'aud',
			'exp',
			'iat',
			'auth_time',
			'nonce',
			'azp',
			'at_hash',
			'sid',
			'jti',
			'scope',
			'client_id',
			'email_verified',
			'SUB',
		] ) {
			assert.equal(
				claimProblem( reserved, [] ),
				'claim_reserved',
				reserved
			);
		}
		assert.equal(
			claimProblem( 'department', [ 'department' ] ),
			'claim_duplicate'
		);
	} );
	it( 'meta keys: never protected ones, never credentials', () => {
		assert.equal( metaKeyProblem( 'department' ), null );
		assert.equal( metaKeyProblem( '' ), 'meta_key_required' );
		assert.equal( metaKeyProblem( 'two words' ), 'meta_key_shape' );
		assert.equal( metaKeyProblem( 'a'.repeat( 256 ) ), 'meta_key_shape' );
		assert.equal(
			metaKeyProblem( '_application_passwords' ),
			'meta_key_protected'
		);
		for ( const credential of [
			'user_pass',
			'session_tokens',
			'user_activation_key',
			'legacy_Password',
			'github_token',
			'totp_secret',
			'api_key',
		] ) {
			assert.equal(
				metaKeyProblem( credential ),
				'meta_key_credential',
				credential
			);
		}
	} );
	it( 'validates rows by key; roles rows need no meta key; the scope must be offered', () => {
		const problems = validateRows(
			[
				row(),
				row( { key: 2, claim: 'department', metaKey: 'user_pass' } ),
				row( { key: 3, claim: 'r', source: 'roles', metaKey: '' } ),
				row( { key: 4, claim: 'x', scope: 'offline_access' } ),
			],
			SCOPES
		);
		assert.deepEqual( problems, {
			2: { claim: 'claim_duplicate', meta_key: 'meta_key_credential' },
			4: { scope: 'scope_unsupported' },
		} );
		assert.equal( hasProblems( problems ), true );
		assert.equal( hasProblems( validateRows( [ row() ], SCOPES ) ), false );
	} );
} );

describe( 'serverProblems', () => {
	const rows = [ row( { key: 7 } ), row( { key: 9, claim: 'x' } ) ];
	it( 'puts each entry problem on its row and field, and list problems apart', () => {
		assert.deepEqual(
			serverProblems(
				{
					code: 'keystone_oidc_invalid_claim_map',
					message: 'Mapping 2: …',
					data: {
						status: 400,
						errors: [
							{ index: 1, field: 'claim', message: 'bad name' },
							{ index: 1, field: 'scope', message: 'bad scope' },
							{ index: null, field: null, message: 'too many' },
							{
								index: 5,
								field: 'claim',
								message: 'no such row',
							},
							{ index: 0, field: 'other', message: 'odd field' },
							'not an object',
						],
					},
				},
				rows
			),
			{
				rows: { 9: { claim: 'bad name', scope: 'bad scope' } },
				list: [ 'too many', 'no such row', 'odd field' ],
			}
		);
	} );
	it( 'ignores every other error', () => {
		for ( const error of [
			{ code: 'rest_forbidden', data: { errors: [] } },
			{ code: 'keystone_oidc_invalid_claim_map' },
			null,
			'text',
		] ) {
			assert.deepEqual( serverProblems( error, rows ), {
				rows: {},
				list: [],
			} );
		}
	} );
} );
