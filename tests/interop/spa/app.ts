/**
 * A single-page relying party built on oidc-client-ts: a public client (PKCE, no secret) that knows
 * the provider only by its discovery URL and its client ID, both read from `/config.json`.
 *
 * It renders what it knows as JSON in `#state` so the test can read it, and offers what a person
 * does: sign in, sign out, and (without noticing) have the access token renewed with the refresh
 * token, or be signed in silently in a hidden iframe (`prompt=none`) when the tab knows no user.
 */
import { ErrorResponse, Log, UserManager, type User } from 'oidc-client-ts';

interface SpaConfig {
	discoveryUrl: string;
	clientId: string;
	scope: string;
}

interface SpaState {
	ready: boolean;
	signedIn: boolean;
	profile: Record< string, unknown > | null;
	accessToken: string | null;
	refreshToken: string | null;
	idToken: string | null;
	scope: string | null;
	expiresAt: number | null;
	/** Users loaded after the first one: each is a renewal. */
	renewals: number;
	errors: string[];
	signedOut: boolean;
}

const RENEW_LEAD_KEY = 'interop.renewLead';

const state: SpaState = {
	ready: false,
	signedIn: false,
	profile: null,
	accessToken: null,
	refreshToken: null,
	idToken: null,
	scope: null,
	expiresAt: null,
	renewals: 0,
	errors: [],
	signedOut: false,
};

function render(): void {
	const output = document.getElementById( 'state' );
	if ( output ) {
		output.textContent = JSON.stringify( state, null, 2 );
	}
}

function show( user: User | null ): void {
	state.signedIn = !! user && ! user.expired;
	state.profile = user ? { ...user.profile } : null;
	state.accessToken = user?.access_token ?? null;
	state.refreshToken = user?.refresh_token ?? null;
	state.idToken = user?.id_token ?? null;
	state.scope = user?.scope ?? null;
	state.expiresAt = user?.expires_at ?? null;
	render();
}

/**
 * Keeps the OAuth error code first when the provider sent one, so the test can match on it.
 */
function fail( error: unknown ): void {
	if ( error instanceof ErrorResponse && error.error ) {
		state.errors.push( `${ error.error }: ${ error.message }` );
	} else {
		state.errors.push(
			error instanceof Error ? error.message : String( error )
		);
	}
	render();
}

/**
 * How long before expiry the access token is renewed. A test shortens the wait by asking for a lead
 * close to the token's whole lifetime (`?renew_lead=`); it is kept for the rest of the tab's life so
 * it survives the redirects of a sign-in.
 */
function renewLead( params: URLSearchParams ): number {
	const asked = params.get( 'renew_lead' );
	if ( asked ) {
		window.sessionStorage.setItem( RENEW_LEAD_KEY, asked );
	}
	return Number( window.sessionStorage.getItem( RENEW_LEAD_KEY ) ?? 60 );
}

async function main(): Promise< void > {
	Log.setLogger( console );
	Log.setLevel( Log.WARN );
	const config = ( await (
		await fetch( '/config.json' )
	).json() ) as SpaConfig;
	const origin = window.location.origin;
	const params = new URLSearchParams( window.location.search );
	const manager = new UserManager( {
		authority: config.discoveryUrl.replace(
			/\/\.well-known\/openid-configuration$/,
			''
		),
		metadataUrl: config.discoveryUrl,
		client_id: config.clientId,
		redirect_uri: `${ origin }/callback`,
		silent_redirect_uri: `${ origin }/silent`,
		silentRequestTimeoutInSeconds: 15,
		post_logout_redirect_uri: `${ origin }/?signed_out=1`,
		response_type: 'code',
		scope: config.scope,
		loadUserInfo: true,
		automaticSilentRenew: true,
		accessTokenExpiringNotificationTimeInSeconds: renewLead( params ),
		revokeTokensOnSignout: true,
	} );

	if ( window.location.pathname === '/silent' ) {
		// Inside the hidden iframe: hand the authorization response to the app's window.
		await manager.signinSilentCallback();
		return;
	}

	let loaded = 0;
	manager.events.addUserLoaded( ( user ) => {
		loaded += 1;
		state.renewals = Math.max( 0, loaded - 1 );
		show( user );
	} );
	manager.events.addUserUnloaded( () => show( null ) );
	manager.events.addSilentRenewError( fail );

	document.getElementById( 'sign-in' )?.addEventListener( 'click', () => {
		manager.signinRedirect().catch( fail );
	} );
	document
		.getElementById( 'silent-sign-in' )
		?.addEventListener( 'click', () => {
			( async () => {
				await manager.removeUser();
				await manager.signinSilent();
			} )().catch( fail );
		} );
	document.getElementById( 'sign-out' )?.addEventListener( 'click', () => {
		( async () => {
			const metadata = await manager.metadataService.getMetadata();
			if ( metadata.end_session_endpoint ) {
				await manager.signoutRedirect();
				return;
			}
			// No end-session endpoint: forget the user here (revoking its tokens where the
			// provider has a revocation endpoint) — all an RP can do without one.
			if ( metadata.revocation_endpoint ) {
				await manager.revokeTokens();
			}
			await manager.removeUser();
			state.signedOut = true;
			render();
		} )().catch( fail );
	} );

	if ( window.location.pathname === '/callback' ) {
		try {
			await manager.signinRedirectCallback();
		} catch ( error ) {
			fail( error );
		}
		window.history.replaceState( null, '', '/' );
	}
	state.signedOut = params.has( 'signed_out' );
	const user = await manager.getUser();
	if ( user ) {
		loaded = Math.max( loaded, 1 );
	}
	show( user );
	state.ready = true;
	render();
}

main().catch( fail );
