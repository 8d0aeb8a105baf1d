/**
 * The provider under test as its relying parties see it: the issuer, the contract's endpoint
 * paths, and its clients, created and changed through the admin REST API.
 */
import { randomBytes } from 'node:crypto';
import { expect, type APIResponse } from '@playwright/test';
import { baseUrl } from '../../support/env';
import { restSession, type RestSession } from '../../support/wp';

export const BASE = 'wenisch-tech/keystone-oidc';

export const paths = {
	discovery: '/.well-known/openid-configuration',
	discoveryLocal: `/${ BASE }/.well-known/openid-configuration`,
	asMetadata: '/.well-known/oauth-authorization-server',
	authorize: `/${ BASE }/oauth/authorize`,
	token: `/${ BASE }/oauth/token`,
	userinfo: `/${ BASE }/oauth/userinfo`,
	jwks: `/${ BASE }/oauth/jwks`,
	revocation: `/${ BASE }/oauth/revoke`,
	introspection: `/${ BASE }/oauth/introspect`,
	endSession: `/${ BASE }/oauth/logout`,
	registration: `/${ BASE }/oauth/register`,
	deviceAuthorization: `/${ BASE }/oauth/device`,
	deviceVerification: `/${ BASE }/device`,
} as const;

export type EndpointName = keyof typeof paths;

/**
 * The issuer is the home URL with no trailing slash, byte for byte.
 */
export function issuer(): string {
	return baseUrl();
}

export function endpoint( name: EndpointName ): string {
	return `${ issuer() }${ paths[ name ] }`;
}

/**
 * A loopback redirect URI nothing listens on: the browser's request to it is intercepted, and
 * plain HTTP tests never follow redirects.
 */
export function callbackUri( label = 'callback' ): string {
	return `http://127.0.0.1:65010/${ label }`;
}

export interface ClientInput {
	name?: string;
	redirect_uris?: string[];
	scopes?: string[];
	type?: 'confidential' | 'public';
	[ field: string ]: unknown;
}

export interface TestClient {
	client_id: string;
	client_secret?: string;
	name: string;
	type: 'confidential' | 'public';
	redirect_uris: string[];
	scopes: string[];
	redirectUri: string;
}

const adminSessions = new Map< string, Promise< RestSession > >();

/**
 * One administrator REST session per worker and site, shared by every test it runs (some specs
 * switch to a site of their own).
 */
export function adminSession(): Promise< RestSession > {
	const site = baseUrl();
	let session = adminSessions.get( site );
	if ( ! session ) {
		session = restSession();
		adminSessions.set( site, session );
	}
	return session;
}

/**
 * Runs an admin REST call with the worker's administrator session (the run's one shared sign-in,
 * see support/wp.ts signInAdminOnce), once: a failure is the provider's, never retried away.
 */
export async function asAdmin(
	call: ( session: RestSession ) => Promise< APIResponse >
): Promise< APIResponse > {
	return call( await adminSession() );
}

export async function createClient(
	input: ClientInput = {}
): Promise< TestClient > {
	const body: ClientInput = {
		name: `Harness ${ randomBytes( 3 ).toString( 'hex' ) }`,
		redirect_uris: [ callbackUri() ],
		scopes: [ 'openid', 'profile', 'email' ],
		type: 'confidential',
		...input,
	};
	const response = await asAdmin( ( session ) =>
		session.post( 'keystone-oidc/v1/clients', body )
	);
	expect( response.status(), await response.text() ).toBe( 201 );
	const created = ( await response.json() ) as Omit<
		TestClient,
		'redirectUri'
	>;
	expect( typeof created.client_id ).toBe( 'string' );
	if ( body.type === 'public' ) {
		expect( created.client_secret ?? null ).toBeNull();
	} else {
		expect( typeof created.client_secret ).toBe( 'string' );
	}
	const redirectUri = body.redirect_uris?.[ 0 ];
	if ( ! redirectUri ) {
		throw new Error( 'a test client needs a redirect URI' );
	}
	return { ...created, redirectUri };
}

/**
 * Changes some fields of a client (PATCH), as an administrator would on its edit screen.
 */
export async function updateClient(
	clientId: string,
	changes: ClientInput
): Promise< void > {
	const response = await asAdmin( ( session ) =>
		session.patch(
			`keystone-oidc/v1/clients/${ encodeURIComponent( clientId ) }`,
			changes
		)
	);
	expect( response.status(), await response.text() ).toBe( 200 );
}

export async function deleteClient( clientId: string ): Promise< void > {
	const response = await asAdmin( ( session ) =>
		session.delete(
			`keystone-oidc/v1/clients/${ encodeURIComponent( clientId ) }`
		)
	);
	expect( response.status(), await response.text() ).toBe( 200 );
	expect( await response.json() ).toEqual( { deleted: true } );
}

export async function resetSecret( clientId: string ): Promise< string > {
	const response = await asAdmin( ( session ) =>
		session.post(
			`keystone-oidc/v1/clients/${ encodeURIComponent(
				clientId
			) }/secret`
		)
	);
	expect( response.status(), await response.text() ).toBe( 200 );
	const body = ( await response.json() ) as {
		client_id: string;
		client_secret: string;
	};
	expect( body.client_id ).toBe( clientId );
	expect( typeof body.client_secret ).toBe( 'string' );
	return body.client_secret;
}

export async function rotateKeys(): Promise< string > {
	const response = await asAdmin( ( session ) =>
		session.post( 'keystone-oidc/v1/keys/rotate' )
	);
	expect( response.status(), await response.text() ).toBe( 200 );
	const body = ( await response.json() ) as { kid: string };
	expect( typeof body.kid ).toBe( 'string' );
	return body.kid;
}

export interface Settings {
	issuer: string;
	discovery_url: string;
	endpoints: Record< string, string >;
	kid: string;
	version: string;
	pretty_permalinks: boolean;
}

export async function settings(): Promise< Settings > {
	const response = await asAdmin( ( session ) =>
		session.get( 'keystone-oidc/v1/settings' )
	);
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( await response.json() ) as Settings;
}
