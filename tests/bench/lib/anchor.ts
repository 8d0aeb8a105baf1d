/**
 * Keystone OIDC 2.3.1, the release this plugin replaces, as the anchor of the benchmark: the same
 * harness measures it on a second site (same bin/bench-site.sh, same server setup) on the
 * scenarios it has. What 2.3.1 needs differs from this plugin in two ways, both taken from its
 * public behaviour: a client is created through its PHP API (it has no REST API; the benchmark's
 * must-use plugin exposes that call on the bench site only), and every authorization shows a
 * consent form whose POST (with WordPress's `oidc_authorize` nonce) redirects with the code.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LoadClient, RequestSpec } from './http';
import {
	authorizeRequest,
	BenchError,
	codeFrom,
	type RegisteredClient,
	type Session,
} from './oidc';

const run = promisify( execFile );

/** The scopes 2.3.1 grants (it knows no offline_access; it issues refresh tokens regardless). */
export const ANCHOR_SCOPE = 'openid profile email';

/** Unpacks the release archive and returns its plugin folder, or null when the archive is missing. */
export async function unpackAnchor( zip: string ): Promise< string | null > {
	if ( ! existsSync( zip ) ) {
		return null;
	}
	const dir = mkdtempSync( path.join( os.tmpdir(), 'keystone-anchor-' ) );
	await run( 'unzip', [ '-q', zip, '-d', dir ] );
	const plugin = path.join( dir, 'keystone-oidc' );
	return existsSync( path.join( plugin, 'keystone-oidc.php' ) )
		? plugin
		: null;
}

export async function registerAnchorClient(
	client: LoadClient
): Promise< RegisteredClient > {
	const answer = await client.request( {
		method: 'POST',
		path: '/wp-json/keystone-bench/v1/anchor-client',
	} );
	if ( answer.status !== 200 ) {
		throw new BenchError(
			`2.3.1 client set-up failed: ${
				answer.status
			} ${ answer.body.slice( 0, 200 ) }`
		);
	}
	const body = JSON.parse( answer.body ) as {
		client_id?: string;
		client_secret?: string;
	};
	if ( ! body.client_id || ! body.client_secret ) {
		throw new BenchError( '2.3.1 returned no client secret' );
	}
	return {
		clientId: body.client_id,
		clientSecret: body.client_secret,
		basic: Buffer.from(
			`${ encodeURIComponent( body.client_id ) }:${ encodeURIComponent(
				body.client_secret
			) }`
		).toString( 'base64' ),
	};
}

/**
 * Mints `n` codes from 2.3.1: one GET of the consent page for its form nonce (valid for hours),
 * then one POST per code.
 */
export async function anchorCodes(
	client: LoadClient,
	rp: RegisteredClient,
	session: Session,
	offset: number,
	n: number
): Promise< string[] > {
	const first = authorizeRequest( rp, session, offset, {
		scope: ANCHOR_SCOPE,
	} );
	const page = await client.request( first );
	const nonce = /name="_wpnonce" value="([^"]+)"/.exec( page.body )?.[ 1 ];
	if ( ! nonce ) {
		throw new BenchError(
			`2.3.1 showed no consent form: ${ page.status } ${ page.body.slice(
				0,
				200
			) }`
		);
	}
	const batch = await client.batch(
		n,
		( i ): RequestSpec => {
			const spec = authorizeRequest( rp, session, offset + i, {
				scope: ANCHOR_SCOPE,
			} );
			const query = new URL( spec.path, 'http://127.0.0.1' ).searchParams;
			return {
				...spec,
				method: 'POST',
				headers: {
					...( spec.headers ?? {} ),
					'Content-Type': 'application/x-www-form-urlencoded',
				},
				body: new URLSearchParams( {
					_wpnonce: nonce,
					authorize: 'allow',
					state: query.get( 'state' ) ?? '',
					nonce: query.get( 'nonce' ) ?? '',
					code_challenge: query.get( 'code_challenge' ) ?? '',
					code_challenge_method:
						query.get( 'code_challenge_method' ) ?? '',
				} ).toString(),
			};
		},
		true
	);
	return batch.samples.map( codeFrom );
}
