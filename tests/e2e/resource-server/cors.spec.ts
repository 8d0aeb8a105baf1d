/**
 * CORS for bearer-authenticated REST calls: the origins of the token client's redirect URIs, echoed
 * exactly with `Vary: Origin`; any other origin gets no `Access-Control-Allow-Origin`. The
 * preflight carries no token and is answered as WordPress answers it.
 */
import { test, expect } from '../protocol/support/fixtures';
import { restUrl } from '../support/env';
import { rest, restToken } from './support';

const APP_ORIGIN = 'https://spa.example.test';

test( 'the client’s redirect-URI origin may read the answer; another origin may not', async ( {
	signedIn,
} ) => {
	const { token } = await restToken(
		signedIn,
		'read',
		'openid wordpress:read',
		{
			client: {
				redirect_uris: [
					'http://127.0.0.1:65010/callback',
					`${ APP_ORIGIN }/callback`,
				],
			},
		}
	);

	const allowed = await rest( 'wp/v2/users/me', {
		bearer: token,
		headers: { Origin: APP_ORIGIN },
	} );
	expect( allowed.status ).toBe( 200 );
	expect( allowed.headers.get( 'access-control-allow-origin' ) ).toBe(
		APP_ORIGIN
	);
	expect( allowed.headers.get( 'vary' ) ?? '' ).toMatch( /Origin/ );
	expect(
		allowed.headers.get( 'access-control-expose-headers' ) ?? ''
	).toContain( 'WWW-Authenticate' );

	const loopback = await rest( 'wp/v2/users/me', {
		bearer: token,
		headers: { Origin: 'http://127.0.0.1:65010' },
	} );
	expect( loopback.headers.get( 'access-control-allow-origin' ) ).toBe(
		'http://127.0.0.1:65010'
	);

	const denied = await rest( 'wp/v2/users/me', {
		bearer: token,
		headers: { Origin: 'https://evil.example.test' },
	} );
	expect( denied.status ).toBe( 200 );
	expect( denied.headers.get( 'access-control-allow-origin' ) ).toBeNull();
	expect(
		denied.headers.get( 'access-control-allow-credentials' )
	).toBeNull();

	const preflight = await fetch( restUrl( 'wp/v2/users/me' ), {
		method: 'OPTIONS',
		headers: {
			Origin: APP_ORIGIN,
			'Access-Control-Request-Method': 'GET',
			'Access-Control-Request-Headers': 'authorization',
		},
	} );
	expect( preflight.status ).toBe( 200 );
	expect( preflight.headers.get( 'access-control-allow-origin' ) ).toBe(
		APP_ORIGIN
	);
	expect(
		preflight.headers.get( 'access-control-allow-headers' ) ?? ''
	).toMatch( /Authorization/ );
} );
