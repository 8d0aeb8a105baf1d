/**
 * Bearer access tokens on the WordPress REST API: accepted only when meant for it (its root URL in
 * `aud`), limited by `wordpress:read` / `wordpress:write` and the user's own capabilities; every
 * refused token is a 401 `invalid_token` with an RFC 6750 challenge naming the RFC 9728 metadata,
 * never a fallback to the cookie session. Requests without a Bearer header are WordPress's own.
 */
import { decodeJwt } from 'jose';
import { test, expect } from '../protocol/support/fixtures';
import { signedInContext, signedInRequest } from '../protocol/support/flow';
import { raw, credentials } from '../protocol/support/http';
import {
	authorizeWithoutBrowser,
	expectErrorRedirect,
	prepareAuthorization,
} from '../protocol/support/applications';
import { createClient, updateClient } from '../protocol/support/provider';
import type { Browser } from '@playwright/test';
import { createUser, restSession, type WpUser } from '../support/wp';
import {
	metadataUrl,
	rest,
	restToken,
	type RestTokenRequest,
	restRoot,
	type RestResponse,
} from './support';

const GRAFANA = 'https://grafana.example.test/api';

function expectInvalidToken( response: RestResponse ): void {
	expect( response.status, JSON.stringify( response.json ) ).toBe( 401 );
	expect( response.json.code ).toBe( 'invalid_token' );
	const challenge = response.headers.get( 'www-authenticate' ) ?? '';
	expect( challenge ).toMatch( /^Bearer / );
	expect( challenge ).toContain( 'error="invalid_token"' );
	expect( challenge ).toContain( `resource_metadata="${ metadataUrl() }"` );
}

/** A token of a new client for a new editor, who may create posts. */
async function editorToken(
	browser: Browser,
	...request: RestTokenRequest
): Promise< { editor: WpUser; token: string } > {
	const editor = await createUser( 'editor' );
	const context = await signedInContext( browser, editor );
	const { token } = await restToken( context, ...request );
	await context.close();
	return { editor, token };
}

function audienceOf( token: string ): string[] {
	const { aud } = decodeJwt( token );
	return Array.isArray( aud ) ? aud : [ String( aud ) ];
}

test( 'a read token reads as its user, and its scope names the REST API as audience', async ( {
	signedIn,
	user,
} ) => {
	const { app, token, scope } = await restToken(
		signedIn,
		'read',
		'openid wordpress:read'
	);
	expect( scope.split( ' ' ) ).toContain( 'wordpress:read' );
	expect( audienceOf( token ) ).toEqual( [ app.client_id, restRoot() ] );

	const me = await rest( 'wp/v2/users/me', { bearer: token } );
	expect( me.status, JSON.stringify( me.json ) ).toBe( 200 );
	expect( me.json.id ).toBe( user.id );
	// context=edit only reads: a read token may use it, within the user's capabilities.
	const editView = await rest( 'wp/v2/users/me?context=edit', {
		bearer: token,
	} );
	expect( editView.status ).toBe( 200 );
	expect( editView.json.email ).toBe( user.email );
} );

test( 'a read token that tries to write is 403 insufficient_scope with the challenge', async ( {
	browser,
} ) => {
	const { token } = await editorToken(
		browser,
		'read',
		'openid wordpress:read'
	);

	const response = await rest( 'wp/v2/posts', {
		bearer: token,
		body: { title: 'Not allowed', status: 'draft' },
	} );
	expect( response.status, JSON.stringify( response.json ) ).toBe( 403 );
	expect( response.json.code ).toBe( 'insufficient_scope' );
	const challenge = response.headers.get( 'www-authenticate' ) ?? '';
	expect( challenge ).toMatch( /^Bearer / );
	expect( challenge ).toContain( 'error="insufficient_scope"' );
	expect( challenge ).toContain( 'scope="wordpress:write"' );
	expect( challenge ).toContain( `resource_metadata="${ metadataUrl() }"` );
	// The method override is the method that counts.
	const overridden = await rest( 'wp/v2/posts?_method=POST', {
		bearer: token,
		method: 'GET',
	} );
	expect( overridden.status ).toBe( 403 );
	expect( overridden.json.code ).toBe( 'insufficient_scope' );
} );

test( 'a write token asked for with resource=<REST root> creates a draft as the editor', async ( {
	browser,
} ) => {
	const { editor, token } = await editorToken(
		browser,
		'write',
		'openid wordpress:write',
		{ flow: { resources: [ restRoot() ] } }
	);
	expect( audienceOf( token ) ).toEqual( [ restRoot() ] );

	const created = await rest( 'wp/v2/posts', {
		bearer: token,
		body: { title: 'Written with a token', status: 'draft' },
	} );
	expect( created.status, JSON.stringify( created.json ) ).toBe( 201 );
	expect( created.json.author ).toBe( editor.id );
	expect( created.json.status ).toBe( 'draft' );
} );

test( "a write token cannot do more than its user: WordPress's own 403", async ( {
	signedIn,
} ) => {
	const { token } = await restToken(
		signedIn,
		'write',
		'openid wordpress:write'
	);
	const response = await rest( 'wp/v2/posts', {
		bearer: token,
		body: { title: 'A subscriber may not', status: 'draft' },
	} );
	expect( response.status ).toBe( 403 );
	expect( response.json.code ).toBe( 'rest_cannot_create' );
} );

test( 'a token minted for another audience is never accepted', async ( {
	signedIn,
} ) => {
	const { token, scope } = await restToken(
		signedIn,
		'write',
		'openid wordpress:write',
		{
			client: { audiences: [ GRAFANA ] },
			flow: {
				resources: [ GRAFANA ],
			},
		}
	);
	expect( scope.split( ' ' ) ).toContain( 'wordpress:write' );
	expect( audienceOf( token ) ).toEqual( [ GRAFANA ] );
	expectInvalidToken( await rest( 'wp/v2/users/me', { bearer: token } ) );
} );

test( 'a token for the client alone (no wordpress:* scope, no resource) is refused', async ( {
	signedIn,
} ) => {
	const { app, token } = await restToken(
		signedIn,
		'read',
		'openid profile'
	);
	expect( audienceOf( token ) ).toEqual( [ app.client_id ] );
	expectInvalidToken( await rest( 'wp/v2/users/me', { bearer: token } ) );
} );

test( 'revoked, expired and garbage tokens are 401 invalid_token', async ( {
	signedIn,
} ) => {
	const { app, token } = await restToken(
		signedIn,
		'read',
		'openid wordpress:read'
	);
	// Past its lifetime (an hour) by the provider's clock, for this request only.
	expectInvalidToken(
		await rest( 'wp/v2/users/me', { bearer: token, clockOffset: 7200 } )
	);
	expectInvalidToken( await rest( 'wp/v2/users/me', { bearer: 'garbage' } ) );
	expectInvalidToken( await rest( 'wp/v2/users/me', { bearer: '' } ) );

	const revoked = await raw( 'revocation', {
		form: { token },
		basic: credentials( app ),
	} );
	expect( revoked.status ).toBe( 200 );
	expectInvalidToken( await rest( 'wp/v2/users/me', { bearer: token } ) );
	// Not even a public route answers a refused token: the app must know its token is bad.
	expectInvalidToken( await rest( 'wp/v2/posts', { bearer: token } ) );
} );

test( 'the client ceiling acts on tokens already issued', async ( {
	signedIn,
} ) => {
	const { app, token } = await restToken(
		signedIn,
		'write',
		'openid wordpress:write'
	);
	expect( ( await rest( 'wp/v2/users/me', { bearer: token } ) ).status ).toBe(
		200
	);
	await updateClient( app.client_id, { rest_access: 'read' } );
	const response = await rest( 'wp/v2/users/me', {
		bearer: token,
		method: 'POST',
		body: { description: 'no longer allowed' },
	} );
	expect( response.status ).toBe( 403 );
	expect( response.json.code ).toBe( 'insufficient_scope' );
} );

test( "a client whose ceiling is 'none' is granted no wordpress:* scope and no REST resource", async ( {
	signedIn,
	user,
} ) => {
	const { app, token, scope } = await restToken(
		signedIn,
		'none',
		'openid wordpress:read wordpress:write'
	);
	expect( scope ).toBe( 'openid' );
	expectInvalidToken( await rest( 'wp/v2/users/me', { bearer: token } ) );

	const session = await signedInRequest( user );
	const prepared = await prepareAuthorization( app, 'openid wordpress:read', {
		resource: restRoot(),
	} );
	expectErrorRedirect(
		await authorizeWithoutBrowser( session, prepared ),
		app,
		prepared,
		'invalid_target'
	);
	await session.dispose();
} );

test( 'a read client asking for wordpress:write gets wordpress:read only', async ( {
	signedIn,
} ) => {
	const { scope } = await restToken(
		signedIn,
		'read',
		'openid wordpress:write wordpress:read'
	);
	expect( scope.split( ' ' ).sort() ).toEqual( [
		'openid',
		'wordpress:read',
	] );
} );

test( 'an access token in the query string is not accepted', async ( {
	signedIn,
} ) => {
	const { token } = await restToken(
		signedIn,
		'read',
		'openid wordpress:read'
	);
	const response = await rest(
		`wp/v2/users/me?access_token=${ encodeURIComponent( token ) }`
	);
	expect( response.status ).toBe( 401 );
	expect( response.json.code ).toBe( 'rest_not_logged_in' );
	// Every 401 names the metadata, without an error code when no token was sent (RFC 6750 §3.1).
	expect( response.headers.get( 'www-authenticate' ) ).toBe(
		`Bearer resource_metadata="${ metadataUrl() }"`
	);
} );

test( 'cookie requests are unchanged, and a bad token beside a cookie is still refused', async ( {
	user,
} ) => {
	const session = await restSession( user.username, user.password );
	const me = await session.get( 'wp/v2/users/me' );
	expect( me.status() ).toBe( 200 );
	expect( ( ( await me.json() ) as { id: number } ).id ).toBe( user.id );
	// Without the nonce, WordPress treats the cookie as no one.
	const withoutNonce = await session.request.get(
		new URL(
			'wp-json/wp/v2/users/me',
			restRoot().replace( /wp-json\/$/, '' )
		).href
	);
	expect( withoutNonce.status() ).toBe( 401 );
	expect( ( ( await withoutNonce.json() ) as { code: string } ).code ).toBe(
		'rest_not_logged_in'
	);
	const withBadToken = await session.request.get(
		`${ restRoot() }wp/v2/users/me`,
		{
			headers: {
				'X-WP-Nonce': session.nonce,
				Authorization: 'Bearer not-a-token',
			},
		}
	);
	expect( withBadToken.status() ).toBe( 401 );
	expect( ( ( await withBadToken.json() ) as { code: string } ).code ).toBe(
		'invalid_token'
	);
	await session.dispose();
} );

test( 'the consent screen says in plain words what the REST scopes allow', async ( {
	signedIn,
} ) => {
	const app = await createClient( { rest_access: 'write' } );
	const prepared = await prepareAuthorization(
		app,
		'openid wordpress:read wordpress:write'
	);
	const page = await signedIn.newPage();
	await page.goto( prepared.url.href );
	await expect(
		page.getByText(
			/Read and change this site as you, through its REST API/
		)
	).toBeVisible();
	await expect(
		page.getByText( /Read this site.s content and settings as you/ )
	).toBeVisible();
	await page.close();
} );
