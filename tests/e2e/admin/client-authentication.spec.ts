/**
 * The Client Authentication part of the client screen: an admin switches a confidential client
 * to private_key_jwt, pastes its public keys, and sees which key ids the site knows; a jwks_uri
 * that cannot be fetched is named. Public clients have no such part. The REST route behind it,
 * `GET /clients/{client_id}/keys`, answers the public members only.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import * as jose from 'jose';
import type { Browser } from '@playwright/test';
import { test, expect } from '../support/test';
import { adminSession, createClient } from '../protocol/support/provider';
import {
	expectAccessible,
	screenshot,
	screenUrl,
	signedInBrowser,
	uniqueName,
	watchConsole,
} from './support';

async function publicJwk( alg: 'ES256' | 'PS256' ): Promise< jose.JWK > {
	const { publicKey } = await jose.generateKeyPair( alg, {
		extractable: true,
	} );
	return {
		...( await jose.exportJWK( publicKey ) ),
		kid: `${ alg }-${ randomBytes( 3 ).toString( 'hex' ) }`,
		alg,
	};
}

/** The client's edit screen, signed in as an administrator, with its console watched. */
async function openClientScreen( browser: Browser, clientId: string ) {
	const context = await signedInBrowser( browser );
	const page = await context.newPage();
	const consoleErrors = watchConsole( page );
	await page.goto(
		screenUrl( 'keystone-oidc-new', { client_id: clientId } )
	);
	return {
		context,
		page,
		consoleErrors,
		app: page.locator( '#keystone-oidc-app' ),
	};
}

/** A loopback port nothing listens on: the site's fetch of it fails at once. */
async function closedPort(): Promise< number > {
	const server = createServer();
	await new Promise< void >( ( resolve ) =>
		server.listen( 0, '127.0.0.1', resolve )
	);
	const { port } = server.address() as { port: number };
	await new Promise( ( resolve ) => server.close( resolve ) );
	return port;
}

test( 'switch a client to private_key_jwt, paste its keys, and see the kids the site knows', async ( {
	browser,
} ) => {
	const created = await createClient( { name: uniqueName( 'Key client' ) } );
	const keys = [ await publicJwk( 'ES256' ), await publicJwk( 'PS256' ) ];
	const { context, page, consoleErrors, app } = await openClientScreen(
		browser,
		created.client_id
	);
	const method = app.getByLabel( 'Method', { exact: true } );
	await expect( method ).toHaveValue( 'client_secret_basic' );
	await expect( app.getByLabel( 'Public Keys (JWK Set)' ) ).toHaveCount( 0 );

	await method.selectOption( 'private_key_jwt' );
	await app
		.getByLabel( 'Public Keys (JWK Set)' )
		.fill( JSON.stringify( { keys } ) );
	const known = app.getByRole( 'group', { name: 'Keys this site knows' } );
	await expect( known ).toContainText( 'None yet' );
	await app.getByRole( 'button', { name: 'Save Changes' } ).click();
	await expect( app.getByText( 'Client updated.' ) ).toBeVisible();

	const session = await adminSession();
	const stored = await session.get(
		`keystone-oidc/v1/clients/${ created.client_id }`
	);
	const client = ( await stored.json() ) as {
		token_endpoint_auth_method: string;
		jwks: { keys: jose.JWK[] };
	};
	expect( client.token_endpoint_auth_method ).toBe( 'private_key_jwt' );
	expect( client.jwks.keys.map( ( key ) => key.kid ) ).toEqual(
		keys.map( ( key ) => key.kid )
	);

	await known.getByRole( 'button', { name: 'Check Again' } ).click();
	for ( const key of keys ) {
		await expect( known ).toContainText(
			`${ key.kid } — ${ key.alg }, ${ key.kty }`
		);
	}
	await expectAccessible( page );
	await screenshot( page, 'admin-client-authentication' );

	const answer = await session.get(
		`keystone-oidc/v1/clients/${ created.client_id }/keys`
	);
	expect( answer.status() ).toBe( 200 );
	expect( answer.headers()[ 'cache-control' ] ).toContain( 'no-store' );
	expect( await answer.json() ).toEqual( {
		source: 'jwks',
		fetched_at: null,
		keys: keys.map( ( key ) => ( {
			kty: key.kty,
			kid: key.kid,
			alg: key.alg,
			...( key.crv ? { crv: key.crv } : {} ),
		} ) ),
	} );
	expect( consoleErrors ).toEqual( [] );
	await context.close();
} );

test( 'a jwks_uri that cannot be fetched is named, on the screen and by the REST route', async ( {
	browser,
} ) => {
	const port = await closedPort();
	const created = await createClient( {
		name: uniqueName( 'URI client' ),
		token_endpoint_auth_method: 'private_key_jwt',
		jwks_uri: `http://127.0.0.1:${ port }/jwks`,
	} );
	const session = await adminSession();
	const answer = await session.get(
		`keystone-oidc/v1/clients/${ created.client_id }/keys`
	);
	expect( answer.status() ).toBe( 502 );
	const error = ( await answer.json() ) as { code: string; message: string };
	expect( error.code ).toBe( 'keystone_oidc_jwks_unavailable' );
	expect( error.message ).toContain( 'The jwks_uri could not be fetched' );

	const { context, consoleErrors, app } = await openClientScreen(
		browser,
		created.client_id
	);
	await expect( app.getByLabel( 'Method', { exact: true } ) ).toHaveValue(
		'private_key_jwt'
	);
	await expect( app.getByLabel( 'JWKS URI' ) ).toHaveValue(
		`http://127.0.0.1:${ port }/jwks`
	);
	await expect(
		app
			.getByRole( 'group', { name: 'Keys this site knows' } )
			.getByRole( 'alert' )
	).toContainText( 'The jwks_uri could not be fetched' );
	// The browser reports the route's 502 itself; nothing else may fail.
	expect(
		consoleErrors.filter( ( text ) => ! text.includes( '502' ) )
	).toEqual( [] );
	await context.close();
} );

test( 'a public client has no client authentication to choose', async ( {
	browser,
} ) => {
	const created = await createClient( {
		name: uniqueName( 'Public' ),
		type: 'public',
	} );
	const { context, app } = await openClientScreen(
		browser,
		created.client_id
	);
	await expect( app.getByLabel( 'Application Name' ) ).toHaveValue(
		created.name
	);
	await expect( app.getByText( 'Client Authentication' ) ).toHaveCount( 0 );
	await context.close();
} );

test( 'the keys route answers 404 for an unknown client', async () => {
	const session = await adminSession();
	const answer = await session.get( 'keystone-oidc/v1/clients/nobody/keys' );
	expect( answer.status() ).toBe( 404 );
	expect( ( ( await answer.json() ) as { code: string } ).code ).toBe(
		'keystone_oidc_client_not_found'
	);
} );
