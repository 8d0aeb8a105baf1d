/**
 * Shapes and small helpers shared by the admin REST API specs.
 */
import type { APIResponse } from '@playwright/test';
import { expect } from '../support/test';
import { restSession, type RestSession } from '../support/wp';

export interface Client {
	client_id: string;
	name: string;
	type: 'confidential' | 'public';
	redirect_uris: string[];
	scopes: string[];
	post_logout_redirect_uris: string[];
	backchannel_logout_uri: string;
	audiences: string[];
	allowed_roles: string[];
	skip_consent: boolean;
	refresh_tokens: boolean;
	id_token_signed_response_alg: 'RS256' | 'ES256';
	grant_types: string[];
	token_endpoint_auth_method: string;
	jwks: { keys: Array< Record< string, unknown > > } | null;
	jwks_uri: string;
	rest_access: 'none' | 'read' | 'write';
	source: 'admin' | 'code' | 'dynamic';
	created_at: string;
	updated_at: string;
}

export type CreatedClient = Client & { client_secret: string | null };

export interface SigningKey {
	kid: string;
	alg: string;
	created_at: number;
	retired_at: number | null;
	expires_at: number | null;
}

export interface Settings {
	issuer: string;
	discovery_url: string;
	endpoints: Record< string, string >;
	kid: string;
	version: string;
	pretty_permalinks: boolean;
	keys: SigningKey[];
	scopes_supported: string[];
	roles: { slug: string; name: string }[];
}

export interface RestError {
	code: string;
	message: string;
	data: { status: number };
}

export const NAMESPACE = 'keystone-oidc/v1';

export function route( path: string ): string {
	return `${ NAMESPACE }/${ path.replace( /^\//, '' ) }`;
}

export async function expectError(
	response: APIResponse,
	status: number,
	code: string
): Promise< RestError > {
	const text = await response.text();
	expect( response.status(), text ).toBe( status );
	const body = JSON.parse( text ) as RestError;
	expect( body.code, text ).toBe( code );
	expect( body.data.status ).toBe( status );
	return body;
}

export async function createClient(
	admin: RestSession,
	input: Record< string, unknown > = {}
): Promise< CreatedClient > {
	const response = await admin.post( route( 'clients' ), {
		name: 'Test client',
		redirect_uris: [ 'https://rp.example.test/callback' ],
		...input,
	} );
	expect( response.status(), await response.text() ).toBe( 201 );
	return ( await response.json() ) as CreatedClient;
}

/**
 * A REST session, checked to be signed in. The administrator's is the run's one shared sign-in
 * (support/wp.ts, signInAdminOnce), so parallel workers never race a login of the same user.
 */
export async function session(
	username?: string,
	password?: string
): Promise< RestSession > {
	const signedIn = await restSession( username, password );
	const check = await signedIn.get( 'wp/v2/users/me' );
	expect( check.status(), await check.text() ).toBe( 200 );
	return signedIn;
}
