/**
 * The WordPress REST API as a resource server, as an app calls it: real tokens from the code flow,
 * then plain HTTP to `/wp-json/...` with `Authorization: Bearer`.
 */
import type { BrowserContext } from '@playwright/test';
import { baseUrl, restUrl } from '../support/env';
import { signIn, type FlowOptions } from '../protocol/support/flow';
import {
	createClient,
	type ClientInput,
	type TestClient,
} from '../protocol/support/provider';

/** The REST root URL: the resource a token must be meant for. */
export function restRoot(): string {
	return restUrl( '/' );
}

/** RFC 9728 metadata of the REST API, at the path-suffixed location every challenge names. */
export function metadataUrl(): string {
	return `${ baseUrl() }/.well-known/oauth-protected-resource/wp-json`;
}

/**
 * A client with the given REST API ceiling, and an access token of it got through the real code
 * flow, consent screen included.
 */
export type RestTokenRequest = [
	restAccess: 'none' | 'read' | 'write',
	scope: string,
	options?: { client?: ClientInput; flow?: FlowOptions },
];

export async function restToken(
	context: BrowserContext,
	...[ restAccess, scope, options = {} ]: RestTokenRequest
): Promise< { app: TestClient; token: string; scope: string } > {
	const app = await createClient( {
		rest_access: restAccess,
		...options.client,
	} );
	const { tokens } = await signIn( context, app, {
		scope,
		...options.flow,
	} );
	return {
		app,
		token: tokens.access_token,
		scope: String( tokens.scope ?? '' ),
	};
}

export interface RestResponse {
	status: number;
	headers: Headers;
	json: Record< string, unknown >;
}

export interface RestCall {
	method?: string;
	bearer?: string;
	headers?: Record< string, string >;
	body?: unknown;
	clockOffset?: number;
}

export async function rest(
	route: string,
	call: RestCall = {}
): Promise< RestResponse > {
	const headers: Record< string, string > = { ...call.headers };
	if ( call.bearer !== undefined ) {
		headers.Authorization = `Bearer ${ call.bearer }`;
	}
	if ( call.body !== undefined ) {
		headers[ 'Content-Type' ] = 'application/json';
	}
	if ( call.clockOffset ) {
		headers[ 'X-Keystone-Test-Clock-Offset' ] = String( call.clockOffset );
	}
	const response = await fetch( restUrl( route ), {
		method: call.method ?? ( call.body === undefined ? 'GET' : 'POST' ),
		headers,
		body: call.body === undefined ? undefined : JSON.stringify( call.body ),
		redirect: 'manual',
	} );
	const text = await response.text();
	let json: Record< string, unknown > = {};
	try {
		json = JSON.parse( text ) as Record< string, unknown >;
	} catch {
		json = { unparsed: text };
	}
	return { status: response.status, headers: response.headers, json };
}
