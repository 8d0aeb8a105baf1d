/**
 * One code, one refresh token, many simultaneous requests, against four php-fpm workers that
 * really run them at once: exactly one wins, every other one is `invalid_grant`, and the replay
 * revokes the whole family, the winner's tokens included (RFC 6749 §4.1.2, RFC 9700 §4.14).
 */
import { expect, test } from '@playwright/test';
import {
	Database,
	Recorder,
	adminSession,
	authorize,
	bootSite,
	burst,
	createUser,
	json,
	newClient,
	redeem,
	refresh,
	unexpectedPhpErrors,
	userinfo,
	userSession,
	writeFigures,
	type BenchSite,
	type RegisteredClient,
	type Sample,
	type Session,
} from './support/harness';
import { assertError } from './support/signin';
import { grantInvariants } from './support/database';

const PARALLEL = 24;

let site: BenchSite;
let recorder: Recorder;
let rp: RegisteredClient;
let user: Session;
let db: Database;
const figures: Record< string, unknown > = { parallel: PARALLEL };

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	site = await bootSite( 'concurrency' );
	recorder = new Recorder( site.url, 4 );
	db = new Database( site.socket );
	const admin = await adminSession( recorder );
	const account = await createUser( recorder, admin, 'racer' );
	user = await userSession( recorder, account );
	rp = await newClient( recorder, admin, 'Concurrency', true );
} );

test.afterAll( async () => {
	writeFigures( 'concurrency', figures );
	recorder?.close();
	await site?.stop();
} );

function outcomes( samples: Sample[] ): Record< string, number > {
	const seen: Record< string, number > = {};
	for ( const sample of samples ) {
		const key =
			sample.status === 200
				? '200'
				: `${ sample.status } ${ String( json( sample ).error ) }`;
		seen[ key ] = ( seen[ key ] ?? 0 ) + 1;
	}
	return seen;
}

function onlyWinner( samples: Sample[] ): Record< string, unknown > {
	const winners = samples.filter( ( sample ) => sample.status === 200 );
	expect( winners, JSON.stringify( outcomes( samples ) ) ).toHaveLength( 1 );
	for ( const sample of samples ) {
		if ( sample.status !== 200 ) {
			assertError( 'a losing request', sample, 400, 'invalid_grant' );
		}
	}
	return json( winners[ 0 ] as Sample );
}

async function familyRevoked(
	tokens: Record< string, unknown >
): Promise< void > {
	assertError(
		"the winner's refresh token",
		await refresh( recorder, rp, String( tokens.refresh_token ) ),
		400,
		'invalid_grant'
	);
	assertError(
		"the winner's access token",
		await userinfo( recorder, String( tokens.access_token ) ),
		401,
		'invalid_token'
	);
}

test( `${ PARALLEL } parallel redemptions of one code: one 200, the rest invalid_grant, the family revoked`, async () => {
	const code = await authorize( recorder, rp, user, 1, false );
	const samples = await burst( recorder, PARALLEL, ( parallel ) =>
		redeem( parallel, rp, code )
	);
	figures.code = outcomes( samples );
	const tokens = onlyWinner( samples );
	await familyRevoked( tokens );

	const rows = await db.query(
		`SELECT used_at IS NOT NULL AS used, revoked_at IS NOT NULL AS revoked,
			(SELECT COUNT(*) FROM wp_oidc_tokens t WHERE t.grant_id = c.grant_id) AS tokens,
			(SELECT COUNT(*) FROM wp_oidc_tokens t WHERE t.grant_id = c.grant_id AND t.revoked_at IS NULL) AS live
		FROM wp_oidc_auth_codes c WHERE c.client_id = '${ rp.clientId }'`
	);
	expect( rows ).toEqual( [
		{ used: '1', revoked: '1', tokens: '2', live: '0' },
	] );
} );

test( `${ PARALLEL } parallel refreshes of one token: one success, the rest invalid_grant, reuse revokes the family`, async () => {
	const code = await authorize( recorder, rp, user, 2, false );
	const first = await redeem( recorder, rp, code );
	expect( first.status ).toBe( 200 );
	const refreshToken = String( json( first ).refresh_token );
	const samples = await burst( recorder, PARALLEL, ( parallel ) =>
		refresh( parallel, rp, refreshToken )
	);
	figures.refresh = outcomes( samples );
	const tokens = onlyWinner( samples );
	await familyRevoked( tokens );

	const invariants = await grantInvariants( db, [ rp.clientId ] );
	expect( invariants.broken ).toEqual( [] );
	const live = await db.scalar(
		`SELECT COUNT(*) FROM wp_oidc_tokens WHERE client_id = '${ rp.clientId }' AND revoked_at IS NULL`
	);
	expect( live, 'no token of either family is left alive' ).toBe( '0' );
} );

test( `${ PARALLEL } different codes redeemed in parallel all succeed`, async () => {
	const codes: string[] = [];
	for ( let i = 0; i < PARALLEL; i++ ) {
		codes.push( await authorize( recorder, rp, user, 100 + i, false ) );
	}
	const samples = await burst( recorder, PARALLEL, ( parallel, i ) =>
		redeem( parallel, rp, codes[ i ] as string )
	);
	figures.distinctCodes = outcomes( samples );
	expect( outcomes( samples ) ).toEqual( { '200': PARALLEL } );
	const refreshTokens = samples.map( ( sample ) =>
		String( json( sample ).refresh_token )
	);
	const refreshed = await burst( recorder, PARALLEL, ( parallel, i ) =>
		refresh( parallel, rp, refreshTokens[ i ] as string )
	);
	figures.distinctRefreshes = outcomes( refreshed );
	expect( outcomes( refreshed ) ).toEqual( { '200': PARALLEL } );

	const invariants = await grantInvariants( db, [ rp.clientId ] );
	expect( invariants.broken ).toEqual( [] );
	expect( invariants.grants ).toBe( PARALLEL + 2 );
	expect( unexpectedPhpErrors( site ) ).toEqual( [] );
	figures.requests = recorder.counts;
} );
