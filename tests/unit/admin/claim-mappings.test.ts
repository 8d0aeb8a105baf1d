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
import { phpRules } from '../shared/php-rules';

const rules = phpRules().claims;

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
	// Each rule's own cases are in tests/shared/rule-cases.json; here, what it adds to them.
	it( 'a claim name may be mapped once', () => {
		assert.equal( claimProblem( 'department', [], rules ), null );
		assert.equal(
			claimProblem( 'department', [ 'department' ], rules ),
			'claim_duplicate'
		);
	} );
	it( 'without rules from the config checks only what needs none', () => {
		assert.equal( claimProblem( 'sub', [], null ), null );
		assert.equal( claimProblem( '', [], null ), 'claim_required' );
		assert.equal( claimProblem( 'x', [ 'x' ], null ), 'claim_duplicate' );
		assert.equal( metaKeyProblem( 'user_pass', null ), null );
		assert.equal( metaKeyProblem( '', null ), 'meta_key_required' );
	} );
	it( 'validates rows by key; roles rows need no meta key; the scope must be offered', () => {
		const problems = validateRows(
			[
				row(),
				row( { key: 2, claim: 'department', metaKey: 'user_pass' } ),
				row( { key: 3, claim: 'r', source: 'roles', metaKey: '' } ),
				row( { key: 4, claim: 'x', scope: 'offline_access' } ),
			],
			SCOPES,
			rules
		);
		assert.deepEqual( problems, {
			2: { claim: 'claim_duplicate', meta_key: 'meta_key_credential' },
			4: { scope: 'scope_unsupported' },
		} );
		assert.equal( hasProblems( problems ), true );
		assert.equal(
			hasProblems( validateRows( [ row() ], SCOPES, rules ) ),
			false
		);
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
