/**
 * The database dies mid-load (SIGKILL, as a crash or an OOM kill would) and comes back. While it
 * is away every protocol answer is a clean 503: JSON `temporarily_unavailable` on the back channel,
 * an HTML page at the authorization endpoint; never a 500. No grant is left half-written, and
 * sign-ins work again once it is back.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
	Database,
	PATHS,
	Recorder,
	adminSession,
	authorize,
	bootSite,
	json,
	populate,
	redeem,
	sleep,
	unexpectedPhpErrors,
	writeFigures,
	type BenchSite,
	type Population,
	type Sample,
} from './support/harness';
import {
	grantInvariants,
	killDatabase,
	startDatabase,
	type DatabaseProcess,
} from './support/database';
import {
	assertCleanOutage,
	newTally,
	runClients,
	type SignInContext,
} from './support/signin';

const CLIENTS = 4;
const WARM_MS = 4_000;
/**
 * Workers caught mid-request keep retrying the connection for 5 s (WordPress's reconnect loop), so
 * answers come late in the first seconds; they must still be clean 503s.
 */
const DOWN_MS = 6_000;
/** Requests in flight when the database returns may still end in 503 until this is over. */
const SETTLE_MS = 3_000;
const AFTER_MS = 8_000;

let site: BenchSite;
let recorder: Recorder;
let population: Population;
let restarted: DatabaseProcess | null = null;

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	site = await bootSite( 'outage' );
	recorder = new Recorder( site.url, CLIENTS + 1 );
	population = await populate( recorder, site, CLIENTS );
} );

test.afterAll( async () => {
	recorder?.close();
	await restarted?.stop();
	await site?.stop();
} );

/** Every protocol endpoint once, as a client that holds a valid access token would call them. */
async function probe( accessToken: string ): Promise< void > {
	const rp = population.skipConsent;
	const calls: Array< [ string, () => Promise< Sample > ] > = [
		[
			'discovery',
			() =>
				recorder.send( 'discovery', {
					method: 'GET',
					path: PATHS.discovery,
				} ),
		],
		[
			'jwks',
			() => recorder.send( 'jwks', { method: 'GET', path: PATHS.jwks } ),
		],
		[
			'userinfo',
			() =>
				recorder.send( 'userinfo', {
					method: 'GET',
					path: PATHS.userinfo,
					headers: { Authorization: `Bearer ${ accessToken }` },
				} ),
		],
		[
			'token:authorization_code',
			() => redeem( recorder, rp, 'no-such-code' ),
		],
		[
			'authorize',
			() =>
				recorder.send( 'authorize', {
					method: 'GET',
					path: `${ PATHS.authorize }?client_id=${ rp.clientId }&response_type=code`,
				} ),
		],
	];
	for ( const [ , call ] of calls ) {
		await call();
	}
}

test( 'MariaDB killed mid-load: clean 503s while it is away, no 500, no half-written grant, sign-ins work again', async () => {
	test.setTimeout( 150_000 );
	const tally = newTally();
	let phase: 'before' | 'down' | 'back' = 'before';
	let killedAt = Infinity;
	let restartAt = Infinity;
	let backAt = Infinity;
	const violations: string[] = [];
	const duringOutage: Record< string, Record< string, number > > = {};
	recorder.observer = ( endpoint, sample, sentAt ) => {
		if ( sentAt >= killedAt && Date.now() < restartAt ) {
			const counts = ( duringOutage[ endpoint ] ??= {} );
			counts[ sample.status ] = ( counts[ sample.status ] ?? 0 ) + 1;
			try {
				assertCleanOutage( endpoint, sample );
			} catch ( failure ) {
				violations.push( String( failure ) );
			}
		}
		const late = sentAt >= backAt + SETTLE_MS;
		if ( sample.status >= 500 && ( sample.status !== 503 || late ) ) {
			violations.push( `${ endpoint } ${ sample.status } (${ phase })` );
		}
	};

	// A token to call userinfo with while the database is away.
	const rp = population.skipConsent;
	const firstUser = population.users[ 0 ];
	if ( ! firstUser ) {
		throw new Error( 'no user' );
	}
	const granted = await redeem(
		recorder,
		rp,
		await authorize( recorder, rp, firstUser, 0, false )
	);
	expect( granted.status ).toBe( 200 );
	const accessToken = String( json( granted ).access_token );

	const startedAt = Date.now();
	const stopAt = { at: Infinity };
	const contexts: SignInContext[] = population.users.map( ( user, c ) => ( {
		recorder,
		rp: c === CLIENTS - 1 ? population.withConsent : population.skipConsent,
		user,
		consent: c === CLIENTS - 1,
		issuer: population.issuer,
		jwks: population.jwks,
		tally,
		outageTolerated: () =>
			phase !== 'before' && Date.now() < backAt + SETTLE_MS,
		deadline: startedAt + 120_000,
	} ) );
	const load = runClients( contexts, () => Date.now() < stopAt.at, 2_000 );

	await sleep( WARM_MS );
	const signInsAtKill = tally.signIns;
	// The outage starts with the signal: a request already in flight may be answered 503 before
	// killDatabase() has seen the process gone (the server answers at once once its connection
	// breaks, without waiting out WordPress's reconnect loop).
	killedAt = Date.now();
	phase = 'down';
	await killDatabase( site );
	let probes = 0;
	while ( Date.now() < killedAt + DOWN_MS && probes < 200 ) {
		await probe( accessToken );
		probes++;
		await sleep( 100 );
	}
	restartAt = Date.now();
	restarted = await startDatabase( site );
	backAt = Date.now();
	phase = 'back';
	const signInsAtBack = tally.signIns;
	await sleep( SETTLE_MS + AFTER_MS );
	stopAt.at = Date.now();
	await load;
	const signInsAfter = tally.signIns - signInsAtBack;

	const db = new Database( site.socket );
	const invariants = await grantInvariants( db, [
		population.skipConsent.clientId,
		population.withConsent.clientId,
	] );
	writeFigures( 'outage', {
		clients: CLIENTS,
		downSeconds: ( restartAt - killedAt ) / 1000,
		restartSeconds: ( backAt - restartAt ) / 1000,
		signInsBeforeKill: signInsAtKill,
		signInsAfterRestart: signInsAfter,
		probes,
		answersWhileDown: duringOutage,
		...tally,
		database: invariants,
		requests: recorder.counts,
	} );

	expect( violations ).toEqual( [] );
	for ( const endpoint of [
		'discovery',
		'jwks',
		'userinfo',
		'token:authorization_code',
		'authorize',
	] ) {
		expect(
			duringOutage[ endpoint ]?.[ 503 ],
			`${ endpoint } answered 503 while down`
		).toBeGreaterThan( 0 );
	}
	expect( signInsAtKill ).toBeGreaterThan( 0 );
	expect(
		signInsAfter,
		'sign-ins after the database came back'
	).toBeGreaterThanOrEqual( CLIENTS );
	expect( invariants.broken ).toEqual( [] );
	expect( unexpectedPhpErrors( site ) ).toEqual( [] );

	const jwks = await recorder.send( 'jwks', {
		method: 'GET',
		path: PATHS.jwks,
	} );
	expect( jwks.status ).toBe( 200 );
} );

async function setPluginStatus(
	status: 'active' | 'inactive'
): Promise< void > {
	const admin = await adminSession( recorder );
	const answer = await recorder.send( 'rest:plugins', {
		method: 'POST',
		path: '/wp-json/wp/v2/plugins/keystone-oidc/keystone-oidc',
		headers: {
			'Content-Type': 'application/json',
			Cookie: admin.cookie,
			'X-WP-Nonce': admin.nonce,
		},
		body: JSON.stringify( { status } ),
	} );
	expect( answer.status, answer.body ).toBe( 200 );
}

test( "the database-error drop-in comes with activation, goes with deactivation, and never replaces a site's own", async () => {
	const dropin = path.join( site.dir, 'wordpress/wp-content/db-error.php' );
	expect( readFileSync( dropin, 'utf8' ) ).toContain(
		'Keystone OIDC database-error drop-in'
	);
	await setPluginStatus( 'inactive' );
	expect( existsSync( dropin ) ).toBe( false );
	await setPluginStatus( 'active' );
	expect( readFileSync( dropin, 'utf8' ) ).toContain(
		'Keystone OIDC database-error drop-in'
	);

	await setPluginStatus( 'inactive' );
	const own = "<?php\n// The site's own database error page.\n";
	writeFileSync( dropin, own );
	await setPluginStatus( 'active' );
	expect( readFileSync( dropin, 'utf8' ) ).toBe( own );
	await setPluginStatus( 'inactive' );
	expect( readFileSync( dropin, 'utf8' ) ).toBe( own );
} );
