/**
 * Dynamic client registration as a client sees it (RFC 7591/7592) and as the administrator sets it
 * up (`/settings`, `/registration-tokens`).
 */
import { expect } from '../support/test';
import { raw, type RawResponse } from '../protocol/support/http';
import { asAdmin } from '../protocol/support/provider';

export type Policy = 'off' | 'loopback' | 'token';

export interface Registered {
	client_id: string;
	client_secret?: string;
	client_id_issued_at: number;
	client_secret_expires_at?: number;
	registration_access_token: string;
	registration_client_uri: string;
	client_name: string;
	redirect_uris: string[];
	grant_types: string[];
	response_types: string[];
	token_endpoint_auth_method: string;
	scope: string;
}

export const LOOPBACK_REDIRECT = 'http://127.0.0.1:65010/callback';

/** What an MCP client or native app sends: public, code flow with refresh, loopback redirect. */
export function nativeMetadata(
	extra: Record< string, unknown > = {}
): Record< string, unknown > {
	return {
		client_name: 'Native test app',
		redirect_uris: [ LOOPBACK_REDIRECT ],
		grant_types: [ 'authorization_code', 'refresh_token' ],
		response_types: [ 'code' ],
		token_endpoint_auth_method: 'none',
		scope: 'openid profile',
		...extra,
	};
}

export async function setPolicy(
	policy: Policy,
	more: Record< string, unknown > = {}
): Promise< void > {
	const response = await asAdmin( ( session ) =>
		session.put( 'keystone-oidc/v1/settings', {
			dynamic_registration: policy,
			...more,
		} )
	);
	expect( response.status(), await response.text() ).toBe( 200 );
}

export function register(
	metadata: unknown,
	options: { bearer?: string; contentType?: string; body?: string } = {}
): Promise< RawResponse > {
	return raw( 'registration', {
		method: 'POST',
		headers: {
			'Content-Type': options.contentType ?? 'application/json',
		},
		body: options.body ?? JSON.stringify( metadata ),
		bearer: options.bearer,
	} );
}

export async function registerOk(
	metadata: unknown,
	bearer?: string
): Promise< Registered > {
	const response = await register( metadata, { bearer } );
	expect( response.status, response.text ).toBe( 201 );
	expect( response.headers.get( 'cache-control' ) ).toContain( 'no-store' );
	return response.json as unknown as Registered;
}

/** An RFC 7592 request to the registration's own URI with its registration access token. */
export async function manage(
	registered: Pick<
		Registered,
		'registration_client_uri' | 'registration_access_token'
	>,
	method: 'GET' | 'PUT' | 'DELETE',
	body?: unknown,
	token = registered.registration_access_token
): Promise< RawResponse > {
	const response = await fetch( registered.registration_client_uri, {
		method,
		headers: {
			Authorization: `Bearer ${ token }`,
			...( body === undefined
				? {}
				: { 'Content-Type': 'application/json' } ),
		},
		body: body === undefined ? undefined : JSON.stringify( body ),
	} );
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		text,
		json: ( ( response.headers.get( 'content-type' ) ?? '' ).includes(
			'json'
		)
			? JSON.parse( text )
			: {} ) as Record< string, unknown >,
	};
}

export async function createInitialToken(): Promise< {
	id: string;
	token: string;
} > {
	const response = await asAdmin( ( session ) =>
		session.post( 'keystone-oidc/v1/registration-tokens' )
	);
	expect( response.status(), await response.text() ).toBe( 201 );
	return ( await response.json() ) as { id: string; token: string };
}

export async function revokeInitialToken( id: string ): Promise< void > {
	const response = await asAdmin( ( session ) =>
		session.delete( `keystone-oidc/v1/registration-tokens/${ id }` )
	);
	expect( response.status(), await response.text() ).toBe( 200 );
}
