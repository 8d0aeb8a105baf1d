/**
 * The private keys are encrypted under the site's salts. When the salts change (a restored
 * wp-config.php, a node with other salts), the current key no longer decrypts. The provider must
 * not make a new key silently: signing answers 503 `temporarily_unavailable`, tokens already
 * issued keep verifying, the administrator sees a notice with the fix, and an explicit rotation
 * recovers. On a site of its own, whose wp-config.php the test rewrites.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { APIRequestContext, Browser } from '@playwright/test';
import { test, expect } from '../support/test';
import { startOwnSite, type RunningSite } from '../support/site';
import { admin } from '../support/env';
import { restSession, loginRequest } from '../support/wp';
import {
	authorizeWithoutBrowser,
	expectCodeRedirect,
	prepareAuthorization,
} from '../protocol/support/applications';
import { expectOAuthError, raw } from '../protocol/support/http';
import {
	kidOf,
	verifyAccessToken,
	verifyIdToken,
} from '../protocol/support/jwt';
import { createClient, type TestClient } from '../protocol/support/provider';

let site: RunningSite;

test.describe.configure( { mode: 'serial' } );

test.beforeAll( async () => {
	test.setTimeout( 180_000 );
	site = await startOwnSite( `key-salts-${ process.pid }`, [
		'--test-plugins',
	] );
} );

test.afterAll( async () => {
	await site?.stop();
} );

function changeAuthSalts(): void {
	const file = path.join( site.dir, 'wordpress', 'wp-config.php' );
	const before = readFileSync( file, 'utf8' );
	let changed = 0;
	const after = before.replace(
		/define\( '(AUTH_KEY|AUTH_SALT)', '[^']+' \);/g,
		( _match, name: string ) => {
			changed++;
			return `define( '${ name }', '${ randomBytes( 32 ).toString(
				'hex'
			) }' );`;
		}
	);
	expect( changed ).toBe( 2 );
	writeFileSync( file, after );
}

/**
 * PHP's built-in server keeps compiled files in OPcache and looks at their timestamps again only
 * every `opcache.revalidate_freq` seconds (2 by default): until then a worker still runs the
 * old wp-config.php.
 */
function opcacheRevalidated(): Promise< void > {
	return new Promise( ( resolve ) => setTimeout( resolve, 3_000 ) );
}

async function code(
	signedIn: APIRequestContext,
	testClient: TestClient
): Promise< Issued > {
	const prepared = await prepareAuthorization( testClient, 'openid' );
	const callback = expectCodeRedirect(
		await authorizeWithoutBrowser( signedIn, prepared ),
		testClient,
		prepared
	);
	return {
		code: callback.searchParams.get( 'code' ) as string,
		verifier: prepared.checks.pkceCodeVerifier as string,
		nonce: prepared.checks.expectedNonce as string,
	};
}

interface Issued {
	code: string;
	verifier: string;
	nonce: string;
}

/** The administrator's user id, the `sub` of every token this spec's sign-ins get. */
async function adminId(): Promise< number > {
	const session = await restSession();
	try {
		const me = await session.get( 'wp/v2/users/me' );
		expect( me.status(), await me.text() ).toBe( 200 );
		return ( ( await me.json() ) as { id: number } ).id;
	} finally {
		await session.dispose();
	}
}

/** Redeems the code and verifies both tokens with the shared verifier. */
async function redeemVerified( testClient: TestClient, issued: Issued ) {
	const redeemed = await redeem( testClient, issued );
	expect( redeemed.status, redeemed.text ).toBe( 200 );
	const accessToken = redeemed.json.access_token as string;
	const userId = await adminId();
	await verifyIdToken( redeemed.json.id_token as string, {
		clientId: testClient.client_id,
		userId,
		accessToken,
		nonce: issued.nonce,
	} );
	await verifyAccessToken( accessToken, {
		clientId: testClient.client_id,
		userId,
		scope: 'openid',
	} );
	return redeemed;
}

function redeem( testClient: TestClient, issued: Issued ) {
	return raw( 'token', {
		form: {
			grant_type: 'authorization_code',
			code: issued.code,
			redirect_uri: testClient.redirectUri,
			code_verifier: issued.verifier,
		},
		basic: {
			id: testClient.client_id,
			secret: testClient.client_secret as string,
		},
	} );
}

function refresh( testClient: TestClient, refreshToken: string ) {
	return raw( 'token', {
		form: { grant_type: 'refresh_token', refresh_token: refreshToken },
		basic: {
			id: testClient.client_id,
			secret: testClient.client_secret as string,
		},
	} );
}

async function publishedKids(): Promise< string[] > {
	const jwks = await raw( 'jwks' );
	expect( jwks.status ).toBe( 200 );
	return ( jwks.json.keys as { kid: string }[] )
		.map( ( key ) => key.kid )
		.sort();
}

async function keyNotice( signedIn: APIRequestContext ): Promise< boolean > {
	const page = await signedIn.get( '/wp-admin/index.php', {
		maxRedirects: 0,
	} );
	expect( page.status() ).toBe( 200 );
	return ( await page.text() ).includes( 'keystone-oidc-key-notice' );
}

const HEALTH_TEST = 'keystone_oidc_signing_keys';

/**
 * Opens Tools → Site Health in a browser (its direct tests are rendered by the page's script) and
 * answers the label our signing-key test shows under `status` (critical, recommended, good).
 * Waiting for our item under the expected status is what makes "absent from critical" mean
 * something: the test ran and landed elsewhere, not "the page had not rendered yet".
 */
async function siteHealthKeys(
	browser: Browser,
	signedIn: APIRequestContext,
	status: 'critical' | 'good'
): Promise< { label: string; criticalCount: number } > {
	const context = await browser.newContext( {
		storageState: await signedIn.storageState(),
	} );
	try {
		const page = await context.newPage();
		// WordPress's own asynchronous tests (background updates, WordPress.org reachability) fetch
		// WordPress.org, which an offline machine cannot reach, and core then logs a PHP warning for
		// that. They are not under test; ours is a direct test, rendered from the page itself.
		await page.route(
			( url ) =>
				decodeURIComponent( url.href ).includes(
					'/wp-site-health/v1/tests/'
				),
			( route ) => route.abort()
		);
		const response = await page.goto(
			`${ site.url }/wp-admin/site-health.php`
		);
		expect( response?.status() ).toBe( 200 );
		const item = page.locator(
			`#health-check-issues-${ status } .health-check-accordion-trigger[aria-controls="health-check-accordion-block-${ HEALTH_TEST }"] .title`
		);
		await expect( item ).toHaveCount( 1 );
		return {
			label: ( await item.textContent() ) ?? '',
			criticalCount: await page
				.locator(
					`#health-check-issues-critical [aria-controls="health-check-accordion-block-${ HEALTH_TEST }"]`
				)
				.count(),
		};
	} finally {
		await context.close();
	}
}

test( 'changed salts: 503 temporarily_unavailable and no silent rotation; a notice; an explicit rotation recovers', async ( {
	browser,
} ) => {
	const testClient = await createClient( { skip_consent: true } );
	let signedIn = await loginRequest( admin.username, admin.password );
	const first = await redeemVerified(
		testClient,
		await code( signedIn, testClient )
	);
	const oldKid = kidOf( first.json.id_token as string );
	const kidsBefore = await publishedKids();
	expect( kidsBefore ).toContain( oldKid );
	expect( await keyNotice( signedIn ) ).toBe( false );
	await signedIn.dispose();

	changeAuthSalts();
	await opcacheRevalidated();
	signedIn = await loginRequest( admin.username, admin.password );

	const refused = await redeem(
		testClient,
		await code( signedIn, testClient )
	);
	expectOAuthError( refused, 503, 'temporarily_unavailable' );
	expectOAuthError(
		await refresh( testClient, first.json.refresh_token as string ),
		503,
		'temporarily_unavailable'
	);
	expect( await publishedKids(), 'no key was made silently' ).toEqual(
		kidsBefore
	);
	const userinfo = await raw( 'userinfo', {
		bearer: first.json.access_token as string,
	} );
	expect( userinfo.status, 'tokens issued before still verify' ).toBe( 200 );
	expect( await keyNotice( signedIn ) ).toBe( true );
	expect(
		( await siteHealthKeys( browser, signedIn, 'critical' ) ).label
	).toBe(
		'Keystone OIDC cannot sign tokens: its current signing key does not decrypt.'
	);

	const session = await restSession();
	const rotated = await session.post( 'keystone-oidc/v1/keys/rotate' );
	expect( rotated.status(), await rotated.text() ).toBe( 200 );
	const newKid = ( ( await rotated.json() ) as { kid: string } ).kid;
	expect( newKid ).not.toBe( oldKid );
	await session.dispose();

	const recovered = await redeemVerified(
		testClient,
		await code( signedIn, testClient )
	);
	expect( kidOf( recovered.json.id_token as string ) ).toBe( newKid );
	const kidsAfter = await publishedKids();
	expect( kidsAfter ).toContain( oldKid );
	expect( kidsAfter ).toContain( newKid );
	const refreshed = await refresh(
		testClient,
		first.json.refresh_token as string
	);
	expect(
		refreshed.status,
		`the refresh refused with 503 was not used up: ${ refreshed.text }`
	).toBe( 200 );
	expect( await keyNotice( signedIn ) ).toBe( false );
	const healthy = await siteHealthKeys( browser, signedIn, 'good' );
	expect( healthy.label ).toBe( 'Keystone OIDC can sign tokens' );
	expect(
		healthy.criticalCount,
		'no critical Site Health item after the rotation'
	).toBe( 0 );
	await signedIn.dispose();
} );
