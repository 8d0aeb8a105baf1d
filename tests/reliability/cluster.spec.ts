/**
 * Two web servers (each its own nginx and php-fpm) sharing one database and one wp-config.php, as
 * behind a load balancer: whatever one server issues, the other honours, and a key rotation made
 * through one is what the other publishes and signs with on its very next request. Nothing may be
 * cached per server that makes them disagree.
 */
import { expect, test } from '@playwright/test';
import { startFrontEnd } from '../bench/lib/site';
import {
	PATHS,
	Recorder,
	adminSession,
	authorize,
	authorizeGet,
	bootSite,
	codeFrom,
	consentDecision,
	fetchJwks,
	json,
	populate,
	redeem,
	refresh,
	rotateKeys,
	unexpectedPhpErrors,
	userinfo,
	verifyTokens,
	writeFigures,
	WORKERS,
	type BenchSite,
	type Population,
	type Sample,
	type Session,
	type SignedInUser,
} from './support/harness';

let siteA: BenchSite;
let siteB: BenchSite;
let a: Recorder;
let b: Recorder;
let population: Population;
let admin: Session;
let user: SignedInUser;
let nonce = 0;
const figures: Record< string, unknown > = {};

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	siteA = await bootSite( 'cluster' );
	siteB = await startFrontEnd( 'reliability-cluster-b', siteA, WORKERS );
	a = new Recorder( siteA.url, 4 );
	b = new Recorder( siteB.url, 4 );
	population = await populate( a, siteA, 1 );
	admin = await adminSession( a );
	user = population.users[ 0 ] as SignedInUser;
} );

test.afterAll( async () => {
	figures.serverA = a?.counts;
	figures.serverB = b?.counts;
	writeFigures( 'cluster', figures );
	a?.close();
	b?.close();
	await siteB?.stop();
	await siteA?.stop();
} );

function tokensOf( sample: Sample ): Record< string, unknown > {
	expect( sample.status, sample.body ).toBe( 200 );
	return json( sample );
}

async function crossSignIn( front: Recorder, back: Recorder ): Promise< void > {
	const rp = population.skipConsent;
	const i = ++nonce;
	const code = await authorize( front, rp, user, i, false );
	const first = tokensOf( await redeem( back, rp, code ) );
	const jwks = await fetchJwks( front );
	const { sub } = await verifyTokens(
		jwks,
		population.issuer,
		rp.clientId,
		user.id,
		first,
		`n${ i }`
	);
	const second = tokensOf(
		await refresh( front, rp, String( first.refresh_token ) )
	);
	await verifyTokens(
		await fetchJwks( back ),
		population.issuer,
		rp.clientId,
		user.id,
		second,
		undefined
	);
	for ( const server of [ front, back ] ) {
		const claims = await userinfo( server, String( second.access_token ) );
		expect( claims.status ).toBe( 200 );
		expect( json( claims ).sub ).toBe( sub );
	}
	const third = tokensOf(
		await refresh( back, rp, String( second.refresh_token ) )
	);
	expect( third.refresh_token ).not.toBe( second.refresh_token );
	const replay = await refresh( front, rp, String( first.refresh_token ) );
	expect( replay.status ).toBe( 400 );
	expect( json( replay ).error ).toBe( 'invalid_grant' );
	expect( typeof json( replay ).error_description ).toBe( 'string' );
}

test( 'a code issued by one server is redeemed and refreshed at the other, both ways', async () => {
	await crossSignIn( a, b );
	await crossSignIn( b, a );
} );

test( 'the consent page shown by one server is answered at the other', async () => {
	const rp = population.withConsent;
	const i = ++nonce;
	const page = await authorizeGet( a, rp, user, i );
	expect( page.status ).toBe( 200 );
	const code = codeFrom( await consentDecision( b, user, page.body ) );
	const tokens = tokensOf( await redeem( a, rp, code ) );
	await verifyTokens(
		await fetchJwks( b ),
		population.issuer,
		rp.clientId,
		user.id,
		tokens,
		`n${ i }`
	);
} );

test( 'both servers publish the same discovery document and key set', async () => {
	for ( const path of [ PATHS.discovery, PATHS.jwks ] ) {
		const fromA = await a.send( 'public', { method: 'GET', path } );
		const fromB = await b.send( 'public', { method: 'GET', path } );
		expect( fromB.status ).toBe( 200 );
		expect( fromB.body ).toBe( fromA.body );
		expect( fromB.headers.etag ).toBe( fromA.headers.etag );
	}
} );

async function rotateThrough(
	rotating: Recorder,
	other: Recorder
): Promise< void > {
	const rp = population.skipConsent;
	// A token signed before the rotation, to check it still verifies after.
	const i = ++nonce;
	const before = tokensOf(
		await redeem( other, rp, await authorize( other, rp, user, i, false ) )
	);
	const oldJwks = await other.send( 'jwks', {
		method: 'GET',
		path: PATHS.jwks,
	} );
	const oldEtag = String( oldJwks.headers.etag );

	const kid = await rotateKeys( rotating, admin );

	const revalidated = await other.send( 'jwks', {
		method: 'GET',
		path: PATHS.jwks,
		headers: { 'If-None-Match': oldEtag },
	} );
	expect( revalidated.status, 'the old ETag no longer matches' ).toBe( 200 );
	expect( revalidated.headers.etag ).not.toBe( oldEtag );
	expect( String( revalidated.headers[ 'cache-control' ] ) ).toMatch(
		/max-age=\d+/
	);
	const published = json( revalidated ).keys as Array< { kid: string } >;
	expect( published.map( ( key ) => key.kid ) ).toContain( kid );
	expect( published[ 0 ]?.kid, 'the new key is listed first' ).toBe( kid );

	const discoveryHere = await rotating.send( 'discovery', {
		method: 'GET',
		path: PATHS.discovery,
	} );
	const discoveryThere = await other.send( 'discovery', {
		method: 'GET',
		path: PATHS.discovery,
	} );
	expect( discoveryThere.body ).toBe( discoveryHere.body );
	expect( discoveryThere.headers.etag ).toBe( discoveryHere.headers.etag );

	const j = ++nonce;
	const after = tokensOf(
		await redeem( other, rp, await authorize( other, rp, user, j, false ) )
	);
	const jwks = await fetchJwks( other );
	const signed = await verifyTokens(
		jwks,
		population.issuer,
		rp.clientId,
		user.id,
		after,
		`n${ j }`
	);
	expect( signed.kid, 'the other server signs with the new key' ).toBe( kid );
	const old = await verifyTokens(
		jwks,
		population.issuer,
		rp.clientId,
		user.id,
		before,
		`n${ i }`
	);
	expect( old.kid ).not.toBe( kid );
	const claims = await userinfo( rotating, String( after.access_token ) );
	expect( claims.status ).toBe( 200 );
	figures[ `rotation${ Object.keys( figures ).length }` ] = {
		kid,
		previousKid: old.kid,
	};
}

test( 'a key rotation through one server is published and used by the other at once', async () => {
	await rotateThrough( a, b );
	await rotateThrough( b, a );
	expect( unexpectedPhpErrors( siteA ) ).toEqual( [] );
	expect( unexpectedPhpErrors( siteB ) ).toEqual( [] );
} );
