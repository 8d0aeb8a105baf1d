/**
 * One simulated relying party signing one user in, completely: authorize (consent form or
 * skip_consent), redeem the code, userinfo, refresh twice, or refresh once and then present the
 * used refresh token again (reuse must revoke the whole family). Every answer is checked as it
 * comes; a 503 is accepted only while the scenario says the database may be away, and then only
 * in its clean form.
 */
import type { JSONWebKeySet } from 'jose';
import {
	authorizeGet,
	codeFrom,
	consentDecision,
	json,
	redeem,
	refresh,
	sleep,
	userinfo,
	verifyTokens,
	type Recorder,
	type RegisteredClient,
	type Sample,
	type SignedInUser,
} from './harness';

export interface Tally {
	signIns: number;
	codesIssued: number;
	codesRedeemed: number;
	refreshes: number;
	replayChecks: number;
	tokensVerified: number;
	/** Clean 503 answers, by endpoint. */
	outageAnswers: Record< string, number >;
	/** Sign-ins started again because a step's outcome was unknown after a 503. */
	restartedAfterOutage: number;
}

export function newTally(): Tally {
	return {
		signIns: 0,
		codesIssued: 0,
		codesRedeemed: 0,
		refreshes: 0,
		replayChecks: 0,
		tokensVerified: 0,
		outageAnswers: {},
		restartedAfterOutage: 0,
	};
}

export interface SignInContext {
	recorder: Recorder;
	rp: RegisteredClient;
	user: SignedInUser;
	consent: boolean;
	issuer: string;
	jwks: JSONWebKeySet;
	tally: Tally;
	/** Whether a 503 may come now (the database is, or just was, down). */
	outageTolerated: () => boolean;
	/** No step retries past this moment. */
	deadline: number;
}

class Restart extends Error {}

const RETRY_PAUSE_MS = 200;

/** A 503 in the one form the endpoints promise while the database is away. */
export function assertCleanOutage( endpoint: string, sample: Sample ): void {
	const type = String( sample.headers[ 'content-type' ] ?? '' );
	const cache = String( sample.headers[ 'cache-control' ] ?? '' );
	const problems: string[] = [];
	if ( sample.status !== 503 ) {
		problems.push( `status ${ sample.status }` );
	}
	if ( ! cache.includes( 'no-store' ) ) {
		problems.push( `Cache-Control ${ cache }` );
	}
	// The drop-in answers before any plugin loads; it must still forbid MIME sniffing.
	if ( sample.headers[ 'x-content-type-options' ] !== 'nosniff' ) {
		problems.push( 'no X-Content-Type-Options: nosniff' );
	}
	if ( endpoint.startsWith( 'authorize' ) ) {
		if ( ! type.startsWith( 'text/html' ) ) {
			problems.push( `Content-Type ${ type }` );
		}
	} else {
		const body = type.startsWith( 'application/json' )
			? json( sample )
			: {};
		if ( body.error !== 'temporarily_unavailable' ) {
			problems.push( `error ${ String( body.error ) } (${ type })` );
		}
		if ( typeof body.error_description !== 'string' ) {
			problems.push( 'no error_description' );
		}
		if ( ! sample.headers[ 'retry-after' ] ) {
			problems.push( 'no Retry-After' );
		}
	}
	if ( problems.length > 0 ) {
		throw new Error(
			`${ endpoint }: not a clean 503 (${ problems.join(
				', '
			) }): ${ sample.body.slice( 0, 200 ) }`
		);
	}
}

export function assertError(
	what: string,
	sample: Sample,
	status: number,
	error: string
): void {
	const body = String( sample.headers[ 'content-type' ] ).startsWith(
		'application/json'
	)
		? json( sample )
		: {};
	if (
		sample.status !== status ||
		body.error !== error ||
		typeof body.error_description !== 'string'
	) {
		throw new Error(
			`${ what }: expected ${ status } ${ error }, got ${
				sample.status
			} ${ sample.body.slice( 0, 200 ) }`
		);
	}
}

/**
 * Sends until the answer is not a tolerated 503; tells whether one was seen (the request may then
 * have taken effect without its answer arriving).
 */
async function attempt(
	ctx: SignInContext,
	endpoint: string,
	send: () => Promise< Sample >
): Promise< { sample: Sample; afterOutage: boolean } > {
	let afterOutage = false;
	for (;;) {
		const sample = await send();
		if ( sample.status !== 503 || ! ctx.outageTolerated() ) {
			return { sample, afterOutage };
		}
		assertCleanOutage( endpoint, sample );
		ctx.tally.outageAnswers[ endpoint ] =
			( ctx.tally.outageAnswers[ endpoint ] ?? 0 ) + 1;
		afterOutage = true;
		if ( Date.now() > ctx.deadline ) {
			throw new Error( `${ endpoint }: still 503 at the deadline` );
		}
		await sleep( RETRY_PAUSE_MS );
	}
}

interface TokenSet {
	access: string;
	refresh: string;
	sub: string;
}

/**
 * A grant (code or refresh token) whose answer is tokens. After a 503 its outcome is unknown: the
 * grant may have been committed just before the answer was lost. Presenting it again is then
 * refused, and the sign-in starts over.
 */
async function grant(
	ctx: SignInContext,
	endpoint: string,
	send: () => Promise< Sample >,
	nonce: string | undefined
): Promise< TokenSet > {
	const { sample, afterOutage } = await attempt( ctx, endpoint, send );
	if ( sample.status === 400 && afterOutage ) {
		assertError( endpoint, sample, 400, 'invalid_grant' );
		throw new Restart();
	}
	if ( sample.status !== 200 ) {
		throw new Error(
			`${ endpoint }: ${ sample.status } ${ sample.body.slice( 0, 200 ) }`
		);
	}
	const body = json( sample );
	const { sub } = await verifyTokens(
		ctx.jwks,
		ctx.issuer,
		ctx.rp.clientId,
		ctx.user.id,
		body,
		nonce
	);
	ctx.tally.tokensVerified += 2;
	if ( typeof body.refresh_token !== 'string' ) {
		throw new Error( `${ endpoint }: no refresh token` );
	}
	return {
		access: String( body.access_token ),
		refresh: body.refresh_token,
		sub,
	};
}

async function expectUserinfo(
	ctx: SignInContext,
	accessToken: string,
	sub: string
): Promise< void > {
	const { sample } = await attempt( ctx, 'userinfo', () =>
		userinfo( ctx.recorder, accessToken )
	);
	if ( sample.status !== 200 ) {
		throw new Error(
			`userinfo: ${ sample.status } ${ sample.body.slice( 0, 200 ) }`
		);
	}
	const claims = json( sample );
	if ( claims.sub !== sub ) {
		throw new Error(
			`userinfo names ${ String( claims.sub ) }, not ${ sub }`
		);
	}
}

async function expectRefused(
	ctx: SignInContext,
	refreshToken: string,
	what: string
): Promise< void > {
	const { sample } = await attempt( ctx, 'token:refresh_token', () =>
		refresh( ctx.recorder, ctx.rp, refreshToken )
	);
	assertError( what, sample, 400, 'invalid_grant' );
}

/**
 * The authorization request, and the consent form when the client asks for one. A consent POST
 * lost to an outage may have used up its pending request, so the front channel starts over.
 */
async function authorizeStep(
	ctx: SignInContext,
	i: number
): Promise< string > {
	for (;;) {
		const { sample: page } = await attempt( ctx, 'authorize', () =>
			authorizeGet( ctx.recorder, ctx.rp, ctx.user, i, ctx.consent )
		);
		if ( ! ctx.consent ) {
			return codeFrom( page );
		}
		if ( page.status !== 200 ) {
			throw new Error(
				`no consent page: ${ page.status } ${ page.body.slice(
					0,
					200
				) }`
			);
		}
		const { sample: decision, afterOutage } = await attempt(
			ctx,
			'authorize:consent',
			() => consentDecision( ctx.recorder, ctx.user, page.body )
		);
		if ( ! afterOutage || decision.status === 303 ) {
			return codeFrom( decision );
		}
	}
}

async function run(
	ctx: SignInContext,
	i: number,
	replay: boolean
): Promise< void > {
	const code = await authorizeStep( ctx, i );
	ctx.tally.codesIssued++;
	const first = await grant(
		ctx,
		'token:authorization_code',
		() => redeem( ctx.recorder, ctx.rp, code ),
		`n${ i }`
	);
	ctx.tally.codesRedeemed++;
	await expectUserinfo( ctx, first.access, first.sub );
	const second = await grant(
		ctx,
		'token:refresh_token',
		() => refresh( ctx.recorder, ctx.rp, first.refresh ),
		undefined
	);
	ctx.tally.refreshes++;
	await expectUserinfo( ctx, second.access, first.sub );
	if ( replay ) {
		await expectRefused( ctx, first.refresh, 'a used refresh token' );
		await expectRefused( ctx, second.refresh, 'the family after reuse' );
		const { sample } = await attempt( ctx, 'userinfo', () =>
			userinfo( ctx.recorder, second.access )
		);
		assertError(
			'an access token of a revoked family',
			sample,
			401,
			'invalid_token'
		);
		ctx.tally.replayChecks++;
		return;
	}
	const third = await grant(
		ctx,
		'token:refresh_token',
		() => refresh( ctx.recorder, ctx.rp, second.refresh ),
		undefined
	);
	ctx.tally.refreshes++;
	await expectUserinfo( ctx, third.access, first.sub );
}

/**
 * One complete sign-in; resolves false when a step's outcome was lost to an outage and the
 * sign-in was abandoned (it is then started over by the caller).
 */
export async function signIn(
	ctx: SignInContext,
	i: number,
	replay: boolean
): Promise< boolean > {
	try {
		await run( ctx, i, replay );
		ctx.tally.signIns++;
		return true;
	} catch ( failure ) {
		if ( failure instanceof Restart ) {
			ctx.tally.restartedAfterOutage++;
			return false;
		}
		throw failure;
	}
}

/**
 * Simulated clients, each signing its user in again and again until `running()` says stop or
 * `maxPerClient` sign-ins are done; every other sign-in ends with a refresh-token replay. The first
 * failure stops them all and is thrown.
 */
export async function runClients(
	contexts: SignInContext[],
	running: () => boolean,
	maxPerClient: number
): Promise< void > {
	let failure: unknown = null;
	await Promise.all(
		contexts.map( async ( ctx, c ) => {
			for (
				let n = 0;
				n < maxPerClient && failure === null && running();
				n++
			) {
				try {
					await signIn( ctx, ( c + 1 ) * 1_000_000 + n, n % 2 === 1 );
				} catch ( error ) {
					failure ??= error;
				}
			}
		} )
	);
	if ( failure !== null ) {
		throw failure;
	}
}
