/**
 * Sustained load: six simulated relying parties (two through the real consent form) sign their
 * users in over and over for `RELIABILITY_SECONDS` (45 by default) against four php-fpm workers.
 * No 5xx, every token verifies with `jose`, every refresh chain holds, and the database has
 * exactly the grants the clients saw: none lost, none twice.
 */
import { expect, test } from '@playwright/test';
import {
	Database,
	Recorder,
	bootSite,
	populate,
	unexpectedPhpErrors,
	writeFigures,
	type BenchSite,
	type Population,
} from './support/harness';
import { grantInvariants } from './support/database';
import { newTally, runClients, type SignInContext } from './support/signin';

const CLIENTS = 6;
const SECONDS = Math.min(
	600,
	Math.max( 5, Number( process.env.RELIABILITY_SECONDS ?? 45 ) || 45 )
);
const MAX_SIGN_INS_PER_CLIENT = 5_000;

let site: BenchSite;
let recorder: Recorder;
let population: Population;

test.beforeAll( async () => {
	site = await bootSite( 'load' );
	recorder = new Recorder( site.url, CLIENTS );
	population = await populate( recorder, site, CLIENTS );
} );

test.afterAll( async () => {
	recorder?.close();
	await site?.stop();
} );

test( `${ CLIENTS } clients sign in for ${ SECONDS } s: no 5xx, every token verifies, every grant accounted for`, async () => {
	test.setTimeout( ( SECONDS + 120 ) * 1000 );
	const tally = newTally();
	const startedAt = Date.now();
	const endAt = startedAt + SECONDS * 1000;
	const contexts: SignInContext[] = population.users.map( ( user, c ) => {
		const consent = c % 3 === 2;
		return {
			recorder,
			rp: consent ? population.withConsent : population.skipConsent,
			user,
			consent,
			issuer: population.issuer,
			jwks: population.jwks,
			tally,
			outageTolerated: () => false,
			deadline: endAt + 30_000,
		};
	} );
	await runClients(
		contexts,
		() => Date.now() < endAt,
		MAX_SIGN_INS_PER_CLIENT
	);
	const seconds = ( Date.now() - startedAt ) / 1000;

	const db = new Database( site.socket );
	const clientIds = [
		population.skipConsent.clientId,
		population.withConsent.clientId,
	];
	const invariants = await grantInvariants( db, clientIds );
	const ids = clientIds.map( ( id ) => `'${ id }'` ).join( ',' );
	const [ tokens ] = await db.query(
		`SELECT SUM(type = 'access') AS access,
			SUM(type = 'refresh' AND used_at IS NULL AND revoked_at IS NULL) AS live_refresh,
			COUNT(DISTINCT IF(revoked_at IS NOT NULL, grant_id, NULL)) AS revoked_families
		FROM wp_oidc_tokens WHERE client_id IN (${ ids })`
	);
	writeFigures( 'load', {
		clients: CLIENTS,
		seconds,
		signInsPerSecond: Number( ( tally.signIns / seconds ).toFixed( 2 ) ),
		...tally,
		database: {
			...invariants,
			accessTokens: Number( tokens?.access ),
			liveRefreshTokens: Number( tokens?.live_refresh ),
			revokedFamilies: Number( tokens?.revoked_families ),
		},
		requests: recorder.counts,
	} );

	expect( recorder.serverErrors ).toEqual( [] );
	expect( tally.signIns ).toBeGreaterThan( CLIENTS );
	expect( tally.codesRedeemed ).toBe( tally.codesIssued );
	expect( invariants.broken ).toEqual( [] );
	expect( invariants.codes, 'one code row per code issued' ).toBe(
		tally.codesIssued
	);
	expect( invariants.unusedCodes ).toBe( 0 );
	expect( invariants.grants ).toBe( tally.codesRedeemed );
	expect( Number( tokens?.access ) ).toBe(
		tally.codesRedeemed + tally.refreshes
	);
	expect(
		Number( tokens?.live_refresh ),
		'one live refresh token per unreplayed chain'
	).toBe( tally.signIns - tally.replayChecks );
	expect( Number( tokens?.revoked_families ) ).toBe( tally.replayChecks );
	expect( unexpectedPhpErrors( site ) ).toEqual( [] );
} );
