/**
 * Signing out as relying parties see it: the end-session URL, a WordPress session checked from
 * the cookies it had, and a back-channel logout receiver listening on loopback, as a client's
 * `backchannel_logout_uri` would.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	expect,
	request as playwrightRequest,
	type APIRequestContext,
	type BrowserContext,
} from '@playwright/test';
import { baseUrl, siteUrl } from '../../support/env';
import { asAdmin, endpoint } from './provider';

export function endSessionUrl( parameters: Record< string, string > ): string {
	const url = new URL( endpoint( 'endSession' ) );
	for ( const [ key, value ] of Object.entries( parameters ) ) {
		url.searchParams.set( key, value );
	}
	return url.href;
}

type StorageState = Awaited< ReturnType< BrowserContext[ 'storageState' ] > >;

/**
 * Whether the WordPress session behind these cookies still exists: wp-admin answers its page, or
 * sends the visitor to log in. Asked with a copy of the cookies taken before the sign-out, so a
 * session destroyed on the server is told apart from a browser that merely forgot its cookie.
 */
export async function hasWordPressSession(
	storageState: StorageState
): Promise< boolean > {
	const request = await playwrightRequest.newContext( {
		baseURL: baseUrl(),
		storageState,
	} );
	try {
		const response = await request.get(
			`${ siteUrl() }/wp-admin/profile.php`,
			{
				maxRedirects: 0,
			}
		);
		if ( response.status() === 200 ) {
			return true;
		}
		expect( response.status() ).toBe( 302 );
		expect( response.headers().location ).toContain( '/wp-login.php' );
		return false;
	} finally {
		await request.dispose();
	}
}

/**
 * The "Log Out" link WordPress itself shows a signed-in user (wp_logout_url(), with its nonce).
 */
export async function wordpressLogoutUrl(
	request: APIRequestContext
): Promise< string > {
	const profile = await request.get( `${ siteUrl() }/wp-admin/profile.php` );
	expect( profile.status() ).toBe( 200 );
	const match =
		/href=['"]([^'"]*wp-login\.php\?action=logout[^'"]*)['"]/.exec(
			await profile.text()
		);
	expect( match, 'the admin bar links to the logout' ).not.toBeNull();
	return new URL(
		( match?.[ 1 ] ?? '' ).replace( /&(?:amp|#038);/g, '&' ),
		siteUrl()
	).href;
}

/**
 * An administrator's "Log Out Everywhere" on the user's edit screen (the `destroy-sessions` AJAX
 * action, which calls `WP_Session_Tokens::destroy_all()`).
 */
export async function logOutEverywhere( userId: number ): Promise< void > {
	const destroyed = await asAdmin( async ( session ) => {
		const edit = await session.request.get(
			`/wp-admin/user-edit.php?user_id=${ userId }`
		);
		const nonce =
			/name="_wpnonce" value="([^"]+)"/.exec(
				await edit.text()
			)?.[ 1 ] ?? '';
		return session.request.post( '/wp-admin/admin-ajax.php', {
			form: {
				action: 'destroy-sessions',
				nonce,
				user_id: String( userId ),
			},
		} );
	} );
	expect( destroyed.status(), await destroyed.text() ).toBe( 200 );
	expect( ( await destroyed.json() ).success ).toBe( true );
}

export interface BackchannelDelivery {
	contentType: string;
	logoutToken: string | null;
}

export interface BackchannelReceiver {
	uri: string;
	deliveries: BackchannelDelivery[];
	/** Waits for the next delivery not yet taken. */
	next: () => Promise< BackchannelDelivery >;
	close: () => Promise< void >;
}

function readBody( message: IncomingMessage ): Promise< string > {
	return new Promise( ( resolve, reject ) => {
		const chunks: Buffer[] = [];
		message.on( 'data', ( chunk: Buffer ) => chunks.push( chunk ) );
		message.on( 'end', () =>
			resolve( Buffer.concat( chunks ).toString( 'utf8' ) )
		);
		message.on( 'error', reject );
	} );
}

/**
 * A client's back-channel logout endpoint listening on 127.0.0.1, and registered under that host,
 * the one internal host the test must-use plugin allows through
 * `keystone_oidc_allowed_internal_hosts`, unless `uriHost` names another (`localhost`: the same
 * listener, a host the site did not allow). With `hang`, it reads each request and never answers,
 * like a client that is down behind a proxy.
 */
export async function startBackchannelReceiver(
	options: { hang?: boolean; uriHost?: string } = {}
): Promise< BackchannelReceiver > {
	const deliveries: BackchannelDelivery[] = [];
	let taken = 0;
	const server: Server = createServer( ( message, response ) => {
		readBody( message ).then(
			( body ) => {
				deliveries.push( {
					contentType: message.headers[ 'content-type' ] ?? '',
					logoutToken: new URLSearchParams( body ).get(
						'logout_token'
					),
				} );
				if ( ! options.hang ) {
					response.writeHead( 200, { 'Cache-Control': 'no-store' } );
					response.end();
				}
			},
			() => response.destroy()
		);
	} );
	await new Promise< void >( ( resolve ) =>
		server.listen( 0, '127.0.0.1', resolve )
	);
	const { port } = server.address() as AddressInfo;
	return {
		uri: `http://${
			options.uriHost ?? '127.0.0.1'
		}:${ port }/backchannel-logout`,
		deliveries,
		next: async () => {
			await expect
				.poll( () => deliveries.length, {
					message: 'a logout token was delivered',
				} )
				.toBeGreaterThan( taken );
			return deliveries[ taken++ ] as BackchannelDelivery;
		},
		close: () =>
			new Promise< void >( ( resolve ) => {
				server.closeAllConnections();
				server.close( () => resolve() );
			} ),
	};
}
