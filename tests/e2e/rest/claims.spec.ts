/**
 * `/claims`: the administrator's claim mappings. Every input rule answers 400
 * `keystone_oidc_invalid_claim_map` naming the entry and field, and saves nothing; a valid list is
 * saved, announced in discovery and released under its scope only. Administrators only.
 */
import { request as playwrightRequest } from '@playwright/test';
import { test, expect } from '../support/test';
import { baseUrl } from '../support/env';
import { createUser, type RestSession } from '../support/wp';
import { signIn, signedInContext } from '../protocol/support/flow';
import { raw } from '../protocol/support/http';
import { createProfileUser } from '../protocol/support/fixtures';
import { createClient } from '../protocol/support/provider';
import {
	addMappings,
	readClaimMap,
	removeMappings,
	setUserMeta,
	uniqueClaimName,
	type ClaimMap,
	type ClaimMapping,
} from '../protocol/support/claims';
import { expectError, route, session } from './support';

interface Problem {
	index: number | null;
	field: string | null;
	message: string;
}

let admin: RestSession;

test.beforeAll( async () => {
	admin = await session();
} );

test.afterAll( async () => {
	await admin?.dispose();
} );

const valid: ClaimMapping = {
	claim: 'department',
	source: 'meta',
	meta_key: 'department',
	scope: 'profile',
};

/**
 * PUTs `body` and expects it refused with the one error code, each problem naming its entry and
 * field, and nothing saved.
 */
async function expectRefused(
	body: unknown,
	expected: Array< Pick< Problem, 'index' | 'field' > >
): Promise< Problem[] > {
	const before = await readClaimMap();
	const error = await expectError(
		await admin.put( route( 'claims' ), body ),
		400,
		'keystone_oidc_invalid_claim_map'
	);
	expect( typeof error.message ).toBe( 'string' );
	expect( error.message ).not.toBe( '' );
	const problems = ( error.data as unknown as { errors: Problem[] } ).errors;
	expect(
		problems.map( ( { index, field } ) => ( { index, field } ) )
	).toEqual( expected );
	for ( const problem of problems ) {
		expect( problem.message ).not.toBe( '' );
	}
	expect( ( await readClaimMap() ).mappings ).toEqual( before.mappings );
	return problems;
}

test( 'GET answers the mappings and the scopes a mapping may use, never cached', async () => {
	const response = await admin.get( route( 'claims' ) );
	expect( response.status(), await response.text() ).toBe( 200 );
	expect( response.headers()[ 'cache-control' ] ).toContain( 'no-store' );
	const body = ( await response.json() ) as ClaimMap;
	expect( Array.isArray( body.mappings ) ).toBe( true );
	expect( body.scopes ).toEqual(
		expect.arrayContaining( [ 'openid', 'profile', 'email', 'roles' ] )
	);
	// offline_access grants refresh tokens, not claims.
	expect( body.scopes ).not.toContain( 'offline_access' );
} );

test( 'a valid map is saved, announced in discovery and released only under its scope', async ( {
	browser,
} ) => {
	const department = uniqueClaimName( 'department' );
	const teams = uniqueClaimName( 'teams' );
	const wpRoles = uniqueClaimName( 'wp_roles' );
	const user = await createProfileUser();
	await setUserMeta( user.id, department, [ 'Research' ] );
	await setUserMeta( user.id, teams, [ 'engines', 'looms' ] );

	const saved = await addMappings( [
		{
			claim: department,
			source: 'meta',
			meta_key: department,
			scope: 'email',
		},
		{ claim: teams, source: 'meta', meta_key: teams, scope: 'email' },
		// A stray meta key on a roles mapping is dropped, not kept.
		{ claim: wpRoles, source: 'roles', meta_key: '', scope: 'roles' },
	] );
	try {
		expect( saved.mappings ).toEqual(
			expect.arrayContaining( [
				{
					claim: department,
					source: 'meta',
					meta_key: department,
					scope: 'email',
				},
				{ claim: wpRoles, source: 'roles', scope: 'roles' },
			] )
		);
		expect( ( await readClaimMap() ).mappings ).toEqual( saved.mappings );
		// Autoloaded: discovery announces the mapped names without a query of its own.
		const state = await admin.get( 'keystone-test/v1/state' );
		const { options } = ( await state.json() ) as {
			options: { option_name: string; autoload: string }[];
		};
		expect( [ 'yes', 'on' ] ).toContain(
			options.find(
				( option ) => option.option_name === 'keystone_oidc_claim_map'
			)?.autoload
		);
		const discovery = await raw( 'discovery' );
		expect( discovery.json.claims_supported ).toEqual(
			expect.arrayContaining( [ department, teams, wpRoles ] )
		);

		const testClient = await createClient( {
			scopes: [ 'openid', 'profile', 'email', 'roles' ],
		} );
		const context = await signedInContext( browser, user );
		const granted = await signIn( context, testClient, {
			scope: 'openid email roles',
		} );
		const withoutScope = await signIn( context, testClient, {
			scope: 'openid profile',
		} );
		await context.close();

		const withClaims = await raw( 'userinfo', {
			bearer: granted.tokens.access_token,
		} );
		for ( const claims of [
			withClaims.json,
			granted.tokens.claims() as Record< string, unknown >,
		] ) {
			expect( claims[ department ] ).toBe( 'Research' );
			expect( claims[ teams ] ).toEqual( [ 'engines', 'looms' ] );
			expect( claims[ wpRoles ] ).toEqual( [ 'subscriber' ] );
		}
		const withoutClaims = await raw( 'userinfo', {
			bearer: withoutScope.tokens.access_token,
		} );
		for ( const claims of [
			withoutClaims.json,
			withoutScope.tokens.claims() as Record< string, unknown >,
		] ) {
			expect( claims ).not.toHaveProperty( department );
			expect( claims ).not.toHaveProperty( teams );
			expect( claims ).not.toHaveProperty( wpRoles );
			expect( claims.name ).toBe( user.displayName );
		}
	} finally {
		await removeMappings( [ department, teams, wpRoles ] );
	}
	const after = await raw( 'discovery' );
	expect( after.json.claims_supported ).not.toContain( department );
} );

test.describe( 'the list → 400 keystone_oidc_invalid_claim_map', () => {
	test( 'no mappings field', async () => {
		await expectRefused( {}, [ { index: null, field: null } ] );
	} );

	test( 'mappings that are not a list', async () => {
		await expectRefused( { mappings: { first: valid } }, [
			{ index: null, field: null },
		] );
		await expectRefused( { mappings: 'department' }, [
			{ index: null, field: null },
		] );
	} );

	test( 'more than 50 mappings', async () => {
		const many = Array.from( { length: 51 }, ( _, index ) => ( {
			...valid,
			claim: `claim_${ index }`,
		} ) );
		await expectRefused( { mappings: many }, [
			{ index: null, field: null },
		] );
	} );

	test( 'an entry that is not an object', async () => {
		await expectRefused( { mappings: [ valid, 'department' ] }, [
			{ index: 1, field: null },
		] );
	} );

	test( 'every problem of every entry is named, and the valid entries are not saved either', async () => {
		const problems = await expectRefused(
			{
				mappings: [
					{ claim: 'ok_claim', source: 'roles', scope: 'roles' },
					{ claim: 'sub', source: 'nowhere', scope: 'address' },
					{ ...valid, meta_key: 'user_pass' },
				],
			},
			[
				{ index: 1, field: 'claim' },
				{ index: 1, field: 'source' },
				{ index: 1, field: 'scope' },
				{ index: 2, field: 'meta_key' },
			]
		);
		expect( problems[ 0 ]?.message ).toContain( 'sub' );
	} );
} );

test.describe( 'claim names → 400 keystone_oidc_invalid_claim_map', () => {
	for ( const claim of [
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
		test( `the protocol claim "${ claim }"`, async () => {
			await expectRefused( { mappings: [ { ...valid, claim } ] }, [
				{ index: 0, field: 'claim' },
			] );
		} );
	}

	for ( const [ label, claim ] of [
		[ 'missing', undefined ],
		[ 'empty', '' ],
		[ 'not a string', 42 ],
		[ 'a leading digit', '1st_claim' ],
		[ 'a space', 'first name' ],
		[ 'a slash', 'org/team' ],
		[ '65 characters', `a${ 'b'.repeat( 64 ) }` ],
	] as const ) {
		test( `a name that is ${ label }`, async () => {
			await expectRefused( { mappings: [ { ...valid, claim } ] }, [
				{ index: 0, field: 'claim' },
			] );
		} );
	}

	test( 'the same claim mapped twice', async () => {
		await expectRefused(
			{
				mappings: [
					valid,
					{ ...valid, meta_key: 'office', scope: 'email' },
				],
			},
			[ { index: 1, field: 'claim' } ]
		);
	} );
} );

test.describe( 'sources and meta keys → 400 keystone_oidc_invalid_claim_map', () => {
	test( 'an unknown source', async () => {
		await expectRefused(
			{ mappings: [ { ...valid, source: 'options' } ] },
			[ { index: 0, field: 'source' } ]
		);
	} );

	test( 'a user meta mapping without a meta key', async () => {
		const { meta_key: metaKey, ...withoutKey } = valid;
		expect( metaKey ).toBe( 'department' );
		await expectRefused( { mappings: [ withoutKey ] }, [
			{ index: 0, field: 'meta_key' },
		] );
		await expectRefused( { mappings: [ { ...valid, meta_key: '' } ] }, [
			{ index: 0, field: 'meta_key' },
		] );
	} );

	test( 'a roles mapping with a meta key', async () => {
		await expectRefused(
			{ mappings: [ { ...valid, source: 'roles', scope: 'roles' } ] },
			[ { index: 0, field: 'meta_key' } ]
		);
	} );

	for ( const metaKey of [
		'_protected',
		'_application_passwords',
		'user_pass',
		'session_tokens',
		'user_activation_key',
		'legacy_password',
		'github_access_token',
		'totp_secret',
		'api_key',
		'Monkey_Name',
		'two words',
	] ) {
		test( `the meta key "${ metaKey }"`, async () => {
			const problems = await expectRefused(
				{ mappings: [ { ...valid, meta_key: metaKey } ] },
				[ { index: 0, field: 'meta_key' } ]
			);
			expect( problems[ 0 ]?.message ).toBeTruthy();
		} );
	}
} );

test.describe( 'scopes → 400 keystone_oidc_invalid_claim_map', () => {
	for ( const [ label, scope ] of [
		[ 'missing', undefined ],
		[ 'not supported', 'address' ],
		[ 'offline_access, which releases no claims', 'offline_access' ],
	] as const ) {
		test( `a scope that is ${ label }`, async () => {
			await expectRefused( { mappings: [ { ...valid, scope } ] }, [
				{ index: 0, field: 'scope' },
			] );
		} );
	}
} );

test.describe( 'permissions', () => {
	test( 'a subscriber → 403 keystone_oidc_forbidden, and nothing changes', async () => {
		const user = await createUser( 'subscriber' );
		const subscriber = await session( user.username, user.password );
		const before = await readClaimMap();
		await expectError(
			await subscriber.get( route( 'claims' ) ),
			403,
			'keystone_oidc_forbidden'
		);
		await expectError(
			await subscriber.put( route( 'claims' ), { mappings: [] } ),
			403,
			'keystone_oidc_forbidden'
		);
		await subscriber.dispose();
		expect( ( await readClaimMap() ).mappings ).toEqual( before.mappings );
	} );

	test( 'no user → 401 keystone_oidc_forbidden', async () => {
		const anonymous = await playwrightRequest.newContext( {
			baseURL: baseUrl(),
		} );
		for ( const method of [ 'GET', 'PUT' ] as const ) {
			const response = await anonymous.fetch(
				`/wp-json/${ route( 'claims' ) }`,
				method === 'PUT'
					? { method, data: { mappings: [] } }
					: { method }
			);
			await expectError( response, 401, 'keystone_oidc_forbidden' );
		}
		await anonymous.dispose();
	} );
} );
