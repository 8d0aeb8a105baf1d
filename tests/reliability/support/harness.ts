/**
 * What every reliability scenario needs: its own production-like site (nginx + php-fpm with four
 * workers + MariaDB, `bin/bench-site.sh`), users with their own cookie jars, clients registered
 * through the admin REST API, every request counted by endpoint and status, and every token
 * verified with `jose` against the published JWKS. Loopback only; the benchmark's request
 * builders (`tests/bench/lib`) are reused as they are.
 */
import {
	accessSync,
	constants,
	existsSync,
	mkdirSync,
	readFileSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { Database } from '../../bench/lib/db';
import {
	LoadClient,
	type RequestSpec,
	type Sample,
} from '../../bench/lib/http';
import {
	PATHS,
	REDIRECT_URI,
	SCOPE,
	authorizeRequest,
	codeGrantRequest,
	login,
	refreshGrantRequest,
	registerClient,
	userinfoRequest,
	type RegisteredClient,
	type Session,
} from '../../bench/lib/oidc';
import { repoRoot, startBenchSite, type BenchSite } from '../../bench/lib/site';
import {
	kidOf,
	verifyAccessToken,
	verifyIdToken,
} from '../../shared/token-verifier';

export const WORKERS = 4;
export const ARTIFACTS = path.join( repoRoot, 'artifacts/reliability' );
export const ADMIN = { username: 'admin', password: 'password' };

export { Database, LoadClient, PATHS, REDIRECT_URI, type BenchSite };
export type { RegisteredClient, Sample, Session };

export function bootSite( scenario: string ): Promise< BenchSite > {
	return startBenchSite( `reliability-${ scenario }`, WORKERS, false );
}

/** Every answer of one scenario, by endpoint and status; 5xx answers kept for the report. */
export class Recorder {
	readonly counts: Record< string, Record< string, number > >;

	readonly serverErrors: string[];

	readonly http: LoadClient;

	/**
	 * A recorder on its own connections; with `countInto`, its figures add to that recorder's.
	 */
	constructor(
		readonly baseUrl: string,
		concurrency: number,
		countInto?: Recorder
	) {
		this.http = new LoadClient( baseUrl, concurrency );
		this.counts = countInto?.counts ?? {};
		this.serverErrors = countInto?.serverErrors ?? [];
	}

	/** Sees every answer with the time its request was sent (the outage scenario's windows). */
	observer:
		| ( ( endpoint: string, sample: Sample, sentAt: number ) => void )
		| null = null;

	async send( endpoint: string, spec: RequestSpec ): Promise< Sample > {
		let sample: Sample;
		const sentAt = Date.now();
		try {
			sample = await this.http.request( spec );
		} catch ( failure ) {
			this.count( endpoint, 'network_error' );
			throw failure;
		}
		this.count( endpoint, String( sample.status ) );
		this.observer?.( endpoint, sample, sentAt );
		if ( sample.status >= 500 ) {
			this.serverErrors.push(
				`${ endpoint } ${ sample.status } ${ sample.body.slice(
					0,
					160
				) }`
			);
		}
		return sample;
	}

	total( endpoint: string, status?: string ): number {
		const byStatus = this.counts[ endpoint ] ?? {};
		if ( status !== undefined ) {
			return byStatus[ status ] ?? 0;
		}
		return Object.values( byStatus ).reduce( ( a, b ) => a + b, 0 );
	}

	close(): void {
		this.http.close();
	}

	private count( endpoint: string, status: string ): void {
		const byStatus = ( this.counts[ endpoint ] ??= {} );
		byStatus[ status ] = ( byStatus[ status ] ?? 0 ) + 1;
	}
}

export function json( sample: Sample ): Record< string, unknown > {
	try {
		return JSON.parse( sample.body ) as Record< string, unknown >;
	} catch {
		throw new Error(
			`not JSON (${ sample.status }): ${ sample.body.slice( 0, 200 ) }`
		);
	}
}

/** A subscriber's cookie jar, and the user id every token of theirs must name (`sub`). */
export interface SignedInUser extends Session {
	id: number;
}

export async function userSession(
	recorder: Recorder,
	account: { username: string; password: string; id: number }
): Promise< SignedInUser > {
	return {
		...( await login( recorder.http, account.username, account.password ) ),
		id: account.id,
	};
}

export function adminSession( recorder: Recorder ): Promise< Session > {
	return login( recorder.http, ADMIN.username, ADMIN.password );
}

export async function createUser(
	recorder: Recorder,
	admin: Session,
	username: string
): Promise< { username: string; password: string; id: number } > {
	const password = `${ username }-password-1`;
	const answer = await recorder.http.request( {
		method: 'POST',
		path: '/wp-json/wp/v2/users',
		headers: {
			'Content-Type': 'application/json',
			Cookie: admin.cookie,
			'X-WP-Nonce': admin.nonce,
		},
		body: JSON.stringify( {
			username,
			password,
			email: `${ username }@example.test`,
			roles: [ 'subscriber' ],
		} ),
	} );
	if ( answer.status !== 201 ) {
		throw new Error( `user ${ username } not created: ${ answer.body }` );
	}
	return { username, password, id: Number( json( answer ).id ) };
}

export function newClient(
	recorder: Recorder,
	admin: Session,
	name: string,
	skipConsent: boolean
): Promise< RegisteredClient > {
	return registerClient( recorder.http, admin, {
		name,
		skip_consent: skipConsent,
		skip_consent_offline_access: skipConsent,
	} );
}

export async function rotateKeys(
	recorder: Recorder,
	admin: Session
): Promise< string > {
	const answer = await recorder.send( 'rest:keys/rotate', {
		method: 'POST',
		path: '/wp-json/keystone-oidc/v1/keys/rotate',
		headers: { Cookie: admin.cookie, 'X-WP-Nonce': admin.nonce },
	} );
	if ( answer.status !== 200 ) {
		throw new Error(
			`rotation failed: ${ answer.status } ${ answer.body }`
		);
	}
	return String( json( answer ).kid );
}

export async function fetchJwks(
	recorder: Recorder
): Promise< JSONWebKeySet > {
	const answer = await recorder.send( 'jwks', {
		method: 'GET',
		path: PATHS.jwks,
	} );
	if ( answer.status !== 200 ) {
		throw new Error( `JWKS: ${ answer.status } ${ answer.body }` );
	}
	return json( answer ) as unknown as JSONWebKeySet;
}

/**
 * The ID token and the access token of one grant, by the shared verifier against a key set the
 * scenario fetched itself (so that the JWKS requests it counts are its own): signature, typ,
 * issuer, exact audience, lifetimes, the user, the scopes every reliability sign-in asks for,
 * at_hash, sid, and the nonce the authorization request sent (none after a refresh).
 */
export async function verifyTokens(
	jwks: JSONWebKeySet,
	issuer: string,
	clientId: string,
	userId: number,
	tokens: { id_token?: unknown; access_token?: unknown },
	nonce: string | undefined
): Promise< { sub: string; kid: string } > {
	const provider = { issuer, jwks };
	const idToken = String( tokens.id_token );
	const accessToken = String( tokens.access_token );
	await verifyIdToken( idToken, provider, {
		clientId,
		sub: userId,
		accessToken,
		nonce: nonce ?? null,
	} );
	await verifyAccessToken( accessToken, provider, {
		clientId,
		sub: userId,
		scope: SCOPE,
	} );
	return { sub: String( userId ), kid: kidOf( idToken ) };
}

/** The code in an authorization response (302 after GET, 303 after the consent POST). */
export function codeFrom( sample: Sample ): string {
	const location = sample.headers.location;
	if (
		( sample.status !== 302 && sample.status !== 303 ) ||
		typeof location !== 'string'
	) {
		throw new Error(
			`authorize did not redirect: ${
				sample.status
			} ${ sample.body.slice( 0, 200 ) }`
		);
	}
	const code = new URL( location, 'http://127.0.0.1' ).searchParams.get(
		'code'
	);
	if ( ! code ) {
		throw new Error( `authorize redirected without a code: ${ location }` );
	}
	return code;
}

function hidden( html: string, name: string ): string {
	const match = new RegExp( `name="${ name }" value="([^"]+)"` ).exec( html );
	if ( ! match?.[ 1 ] ) {
		throw new Error(
			`the consent form has no ${ name }: ${ html.slice( 0, 200 ) }`
		);
	}
	return match[ 1 ];
}

/** The consent page's own form, posted back as the browser would: "allow". */
export function consentDecision(
	recorder: Recorder,
	user: Session,
	page: string
): Promise< Sample > {
	return recorder.send( 'authorize:consent', {
		method: 'POST',
		path: PATHS.authorize,
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			Cookie: user.cookie,
		},
		body: new URLSearchParams( {
			request_id: hidden( page, 'request_id' ),
			_wpnonce: hidden( page, '_wpnonce' ),
			decision: 'allow',
		} ).toString(),
	} );
}

/**
 * The authorization request. With `consent`, `prompt=consent`: the user allowed this client on an
 * earlier sign-in, and remembered consent would otherwise skip the form this sign-in must post.
 */
export function authorizeGet(
	recorder: Recorder,
	rp: RegisteredClient,
	user: Session,
	i: number,
	consent = false
): Promise< Sample > {
	return recorder.send(
		'authorize',
		authorizeRequest( rp, user, i, consent ? { prompt: 'consent' } : {} )
	);
}

/**
 * The front channel of one sign-in as a browser runs it: the authorization request with the
 * user's cookies, and, for a client that asks for consent, the consent form's real POST (the
 * page's no-script form: request id and CSRF nonce from the page).
 */
export async function authorize(
	recorder: Recorder,
	rp: RegisteredClient,
	user: Session,
	i: number,
	consent: boolean
): Promise< string > {
	const first = await authorizeGet( recorder, rp, user, i, consent );
	if ( ! consent ) {
		return codeFrom( first );
	}
	if ( first.status !== 200 ) {
		throw new Error(
			`no consent page: ${ first.status } ${ first.body.slice( 0, 200 ) }`
		);
	}
	return codeFrom( await consentDecision( recorder, user, first.body ) );
}

export function redeem(
	recorder: Recorder,
	rp: RegisteredClient,
	code: string
): Promise< Sample > {
	return recorder.send(
		'token:authorization_code',
		codeGrantRequest( rp, code )
	);
}

export function refresh(
	recorder: Recorder,
	rp: RegisteredClient,
	token: string
): Promise< Sample > {
	return recorder.send(
		'token:refresh_token',
		refreshGrantRequest( rp, token )
	);
}

export function userinfo(
	recorder: Recorder,
	accessToken: string
): Promise< Sample > {
	return recorder.send( 'userinfo', userinfoRequest( accessToken ) );
}

export interface Population {
	users: SignedInUser[];
	skipConsent: RegisteredClient;
	withConsent: RegisteredClient;
	issuer: string;
	jwks: JSONWebKeySet;
}

/**
 * A subscriber per simulated client, each with its own cookie jar, and two clients: one trusted
 * (skip_consent) and one that shows the consent page.
 */
export async function populate(
	recorder: Recorder,
	site: BenchSite,
	count: number
): Promise< Population > {
	const admin = await adminSession( recorder );
	const users: SignedInUser[] = [];
	for ( let i = 0; i < count; i++ ) {
		const account = await createUser( recorder, admin, `user${ i }` );
		users.push( await userSession( recorder, account ) );
	}
	return {
		users,
		skipConsent: await newClient( recorder, admin, 'Trusted', true ),
		withConsent: await newClient( recorder, admin, 'Asks consent', false ),
		issuer: site.url,
		jwks: await fetchJwks( recorder ),
	};
}

/** `count` requests at once, each on its own connection, counted into `recorder`. */
export async function burst(
	recorder: Recorder,
	count: number,
	send: ( parallel: Recorder, i: number ) => Promise< Sample >
): Promise< Sample[] > {
	const parallel = new Recorder( recorder.baseUrl, count, recorder );
	try {
		return await Promise.all(
			Array.from( { length: count }, ( _, i ) => send( parallel, i ) )
		);
	} finally {
		parallel.close();
	}
}

/** Lines of the site's PHP error log that are neither expected outage notes nor empty. */
export function unexpectedPhpErrors( site: BenchSite ): string[] {
	// A log never written is empty; a site folder that cannot be read fails the test (never "no errors").
	accessSync( site.dir, constants.R_OK );
	const file = path.join( site.dir, 'php-error.log' );
	const log = existsSync( file ) ? readFileSync( file, 'utf8' ) : '';
	return log
		.split( '\n' )
		.filter( ( line ) =>
			/PHP (Fatal|Warning|Notice|Parse|Deprecated)/.test( line )
		);
}

/** One scenario's figures, merged into `summary.json` by the global teardown. */
export function writeFigures(
	scenario: string,
	figures: Record< string, unknown >
): void {
	mkdirSync( path.join( ARTIFACTS, 'scenarios' ), { recursive: true } );
	writeFileSync(
		path.join( ARTIFACTS, 'scenarios', `${ scenario }.json` ),
		JSON.stringify( figures, null, 2 ) + '\n'
	);
}

export function sleep( ms: number ): Promise< void > {
	return new Promise( ( resolve ) => setTimeout( resolve, ms ) );
}
