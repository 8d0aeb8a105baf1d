/**
 * Raw back-channel HTTP, for what a certified relying-party library will not send on purpose:
 * wrong secrets, replays, expired codes, odd methods. Redirects are never followed.
 */
import { expect } from '@playwright/test';
import { endpoint, type EndpointName, type TestClient } from './provider';

export interface RawResponse {
	status: number;
	headers: Headers;
	text: string;
	json: Record< string, unknown >;
}

export interface RawOptions {
	method?: string;
	headers?: Record< string, string >;
	/** Form fields, sent as application/x-www-form-urlencoded (repeated keys allowed). */
	form?: Record< string, string > | Array< [ string, string ] >;
	/** A body sent as it is, under the Content-Type given in `headers`. */
	body?: string;
	/** Client credentials sent with HTTP Basic, form-encoded first as RFC 6749 §2.3.1 asks. */
	basic?: { id: string; secret: string };
	bearer?: string;
	/** Seconds the provider's clock runs ahead for this request only. */
	clockOffset?: number;
	query?: Record< string, string >;
	/** Appended to the endpoint's path, e.g. "/" to try the trailing-slash form. */
	suffix?: string;
}

/**
 * A confidential client's credentials for `RawOptions.basic`, its own secret unless told otherwise.
 */
export function credentials(
	testClient: TestClient,
	secret = testClient.client_secret as string
): { id: string; secret: string } {
	return { id: testClient.client_id, secret };
}

export function basicAuthorization( id: string, secret: string ): string {
	const encode = ( value: string ): string =>
		new URLSearchParams( { v: value } ).toString().slice( 2 );
	return `Basic ${ Buffer.from(
		`${ encode( id ) }:${ encode( secret ) }`
	).toString( 'base64' ) }`;
}

export async function raw(
	name: EndpointName,
	options: RawOptions = {}
): Promise< RawResponse > {
	const url = new URL( endpoint( name ) + ( options.suffix ?? '' ) );
	for ( const [ key, value ] of Object.entries( options.query ?? {} ) ) {
		url.searchParams.append( key, value );
	}
	const headers: Record< string, string > = { ...options.headers };
	let body = options.body;
	if ( options.form ) {
		body = new URLSearchParams( options.form ).toString();
		headers[ 'Content-Type' ] = 'application/x-www-form-urlencoded';
	}
	if ( options.basic ) {
		headers.Authorization = basicAuthorization(
			options.basic.id,
			options.basic.secret
		);
	}
	if ( options.bearer ) {
		headers.Authorization = `Bearer ${ options.bearer }`;
	}
	if ( options.clockOffset ) {
		headers[ 'X-Keystone-Test-Clock-Offset' ] = String(
			options.clockOffset
		);
	}
	const response = await fetch( url, {
		method: options.method ?? ( body === undefined ? 'GET' : 'POST' ),
		headers,
		body,
		redirect: 'manual',
	} );
	const text = await response.text();
	let json: Record< string, unknown > = {};
	if ( ( response.headers.get( 'content-type' ) ?? '' ).includes( 'json' ) ) {
		json = JSON.parse( text ) as Record< string, unknown >;
	}
	return { status: response.status, headers: response.headers, text, json };
}

/**
 * Asserts a back-channel error as the contract shapes it: the status, JSON
 * `{error, error_description}` with the exact code, and `Cache-Control: no-store`.
 */
export function expectOAuthError(
	response: RawResponse,
	status: number,
	error: string
): void {
	expect( response.status, response.text ).toBe( status );
	expect( response.headers.get( 'content-type' ) ).toMatch(
		/^application\/json/
	);
	expect( response.json.error, response.text ).toBe( error );
	expect( typeof response.json.error_description ).toBe( 'string' );
	expect( response.headers.get( 'cache-control' ) ).toContain( 'no-store' );
}

/**
 * A 401 with a `WWW-Authenticate` challenge carrying the error code. With no scheme named (a client
 * that sent its secret in the body, or nothing), any challenge will do.
 */
export function expectChallenge(
	response: RawResponse,
	error: string,
	scheme?: 'Basic' | 'Bearer'
): void {
	expectOAuthError( response, 401, error );
	const challenge = response.headers.get( 'www-authenticate' ) ?? '';
	expect( challenge, 'WWW-Authenticate' ).not.toBe( '' );
	if ( scheme ) {
		expect( challenge ).toMatch( new RegExp( `^${ scheme }\\b`, 'i' ) );
	}
	if ( scheme === 'Bearer' ) {
		expect( challenge ).toContain( `error="${ error }"` );
	}
}
