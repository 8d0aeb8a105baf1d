/**
 * Every endpoint against the generated corpus of malformed requests (`corpus.ts`). For each
 * request: no 5xx; back-channel errors are RFC-shaped JSON from the endpoint's allowed codes with
 * `Cache-Control: no-store`; the authorization endpoint redirects only for a proven client and
 * redirect URI and otherwise shows an HTML 400 page; nothing unescaped comes back in HTML. For
 * each endpoint: nothing in the PHP error log (the suite's `test` checks it) and nothing in the
 * plugin's tables or options changed. On a site of its own, so that no other spec writes while
 * the database is compared.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '../support/test';
import { repoRoot, startOwnSite, type RunningSite } from '../support/site';
import {
	createUser,
	loginRequest,
	restSession,
	type RestSession,
} from '../support/wp';
import { createClient } from '../protocol/support/provider';
import {
	CATEGORIES,
	ENDPOINTS,
	REFLECTION_MARKERS,
	corpusFor,
	resolvePath,
	type Category,
	type CorpusContext,
	type CorpusRequest,
	type EndpointSpec,
} from './corpus';

const CONCURRENCY = 4;

interface Answer {
	status: number;
	headers: Headers;
	text: string;
}

interface Fingerprint {
	tables: Record< string, { rows: number; checksum: string } >;
	options: Record< string, string >;
}

let site: RunningSite;
let admin: RestSession;
let context: CorpusContext;
type Counts = Record< string, { total: number } & Record< Category, number > >;
const counts: Counts = {};
/** The suite run: a worker restarted after a failure adds its counts to the same file. */
const RUN = `${ process.env.WP_BASE_URL ?? '' } ${
	process.env.KEYSTONE_SITE_DIR ?? ''
}`;

function earlierCounts( file: string ): Counts {
	if ( ! existsSync( file ) ) {
		return {};
	}
	const earlier = JSON.parse( readFileSync( file, 'utf8' ) ) as {
		run?: string;
		endpoints?: Counts;
	};
	return earlier.run === RUN ? earlier.endpoints ?? {} : {};
}

async function cookieHeader(
	request: Awaited< ReturnType< typeof loginRequest > >
): Promise< string > {
	const { cookies } = await request.storageState();
	return cookies
		.map( ( cookie ) => `${ cookie.name }=${ cookie.value }` )
		.join( '; ' );
}

/**
 * Opens the consent page as the subscriber and reads the pending request's ID and form nonce.
 */
async function pendingConsent(
	cookie: string,
	client: { id: string; redirectUri: string }
): Promise< { requestId: string; nonce: string } > {
	const url = new URL(
		`${ site.url }/wenisch-tech/keystone-oidc/oauth/authorize`
	);
	url.search = new URLSearchParams( {
		client_id: client.id,
		redirect_uri: client.redirectUri,
		response_type: 'code',
		scope: 'openid',
		state: 'bad-input',
	} ).toString();
	const response = await fetch( url, {
		headers: { Cookie: cookie },
		redirect: 'manual',
	} );
	const html = await response.text();
	expect( response.status, html ).toBe( 200 );
	const requestId = /name="request_id" value="([^"]+)"/.exec( html )?.[ 1 ];
	const nonce = /name="_wpnonce" value="([^"]+)"/.exec( html )?.[ 1 ];
	expect( requestId, 'the consent form carries a request ID' ).toBeTruthy();
	expect( nonce, 'the consent form carries a nonce' ).toBeTruthy();
	return { requestId: requestId as string, nonce: nonce as string };
}

async function fingerprint(): Promise< Fingerprint > {
	const response = await admin.get( 'keystone-test/v1/fingerprint' );
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( await response.json() ) as Fingerprint;
}

test.beforeAll( async () => {
	test.setTimeout( 180_000 );
	site = await startOwnSite( `bad-input-${ process.pid }`, [
		'--test-plugins',
	] );
	admin = await restSession();
	const client = await createClient();
	const subscriber = await createUser( 'subscriber' );
	const userRequest = await loginRequest(
		subscriber.username,
		subscriber.password
	);
	const userCookie = await cookieHeader( userRequest );
	await userRequest.dispose();
	const adminCookie = await cookieHeader( admin.request );
	const loggedInCookieName = /(wordpress_logged_in_[0-9a-f]+)=/.exec(
		adminCookie
	)?.[ 1 ];
	expect( loggedInCookieName, adminCookie ).toBeTruthy();
	const clientRef = {
		id: client.client_id,
		secret: client.client_secret as string,
		redirectUri: client.redirectUri,
	};
	context = {
		client: clientRef,
		userCookie,
		adminCookie,
		adminNonce: admin.nonce,
		loggedInCookieName: loggedInCookieName as string,
		consent: await pendingConsent( userCookie, clientRef ),
	};
} );

test.afterAll( async () => {
	await admin?.dispose();
	await site?.stop();
	const file = path.join( repoRoot, 'artifacts/bad-input/counts.json' );
	const endpoints = { ...earlierCounts( file ), ...counts };
	const total = Object.values( endpoints ).reduce(
		( sum, entry ) => sum + entry.total,
		0
	);
	mkdirSync( path.dirname( file ), { recursive: true } );
	writeFileSync(
		file,
		`${ JSON.stringify( { run: RUN, total, endpoints }, null, 2 ) }\n`
	);
	// eslint-disable-next-line no-console
	console.log(
		`bad-input corpus: ${ total } requests\n${ Object.entries( endpoints )
			.map(
				( [ name, entry ] ) =>
					`  ${ name.padEnd( 24 ) } ${ String( entry.total ).padStart(
						4
					) }`
			)
			.join( '\n' ) }\n  written to ${ path.relative( repoRoot, file ) }`
	);
} );

async function send( request: CorpusRequest ): Promise< Answer > {
	try {
		const response = await fetch( `${ site.url }${ request.target }`, {
			method: request.method,
			headers: request.headers,
			// A Buffer, never a string: fetch would add a text/plain content type of its own.
			...( request.body === undefined
				? {}
				: { body: Buffer.from( request.body ) } ),
			redirect: 'manual',
			signal: AbortSignal.timeout( 30_000 ),
		} );
		return {
			status: response.status,
			headers: response.headers,
			text: await response.text(),
		};
	} catch ( failure ) {
		return { status: 0, headers: new Headers(), text: String( failure ) };
	}
}

async function inPool< T >(
	items: readonly T[],
	run: ( item: T ) => Promise< void >
): Promise< void > {
	let next = 0;
	const worker = async (): Promise< void > => {
		while ( next < items.length ) {
			const item = items[ next++ ] as T;
			await run( item );
		}
	};
	await Promise.all( Array.from( { length: CONCURRENCY }, worker ) );
}

function json( answer: Answer ): Record< string, unknown > | null {
	try {
		const value: unknown = JSON.parse( answer.text );
		return value && typeof value === 'object'
			? ( value as Record< string, unknown > )
			: null;
	} catch {
		return null;
	}
}

/** RFC-shaped JSON error: allowed code, a description, `no-store`. */
function oauthErrorProblems( spec: EndpointSpec, answer: Answer ): string[] {
	const problems: string[] = [];
	const body = json( answer );
	if (
		! ( answer.headers.get( 'content-type' ) ?? '' ).startsWith(
			'application/json'
		)
	) {
		problems.push(
			`content type ${ answer.headers.get( 'content-type' ) }`
		);
	}
	if ( ! body || typeof body.error !== 'string' ) {
		problems.push( 'no JSON error' );
	} else if ( ! ( spec.errors ?? [] ).includes( body.error ) ) {
		problems.push(
			`error ${ body.error } is not one this endpoint may answer`
		);
	}
	if ( typeof body?.error_description !== 'string' ) {
		problems.push( 'no error_description' );
	}
	if (
		! ( answer.headers.get( 'cache-control' ) ?? '' ).includes( 'no-store' )
	) {
		problems.push( 'no Cache-Control: no-store' );
	}
	if ( answer.status === 401 && ! answer.headers.get( 'www-authenticate' ) ) {
		problems.push( '401 without WWW-Authenticate' );
	}
	if ( answer.status === 405 && ! answer.headers.get( 'allow' ) ) {
		problems.push( '405 without Allow' );
	}
	return problems;
}

function preflightProblems( answer: Answer ): string[] {
	return answer.status === 204 &&
		answer.headers.get( 'access-control-allow-methods' )
		? []
		: [ `OPTIONS answered ${ answer.status }, not a 204 preflight` ];
}

function backChannelProblems(
	spec: EndpointSpec,
	request: CorpusRequest,
	answer: Answer
): string[] {
	if ( answer.headers.get( 'location' ) ) {
		return [ 'redirects' ];
	}
	if ( request.method === 'OPTIONS' ) {
		return preflightProblems( answer );
	}
	if ( spec.surface === 'document' && answer.status === 200 ) {
		return json( answer ) ? [] : [ 'a 200 that is not JSON' ];
	}
	if ( answer.status < 400 ) {
		return [ `accepted with ${ answer.status }` ];
	}
	return oauthErrorProblems( spec, answer );
}

function authorizeProblems(
	spec: EndpointSpec,
	request: CorpusRequest,
	answer: Answer
): string[] {
	if ( request.method === 'OPTIONS' ) {
		return preflightProblems( answer );
	}
	const location = answer.headers.get( 'location' );
	if ( answer.status === 405 ) {
		return location
			? [ 'a 405 that redirects' ]
			: oauthErrorProblems(
					{ ...spec, errors: [ 'invalid_request' ] },
					answer
			  );
	}
	if ( location ) {
		if ( ! request.proven ) {
			return [
				`redirects to ${ location.slice(
					0,
					120
				) } before client_id and redirect_uri are proven`,
			];
		}
		if ( location.startsWith( `${ site.url }/wp-login.php` ) ) {
			return [];
		}
		if ( ! location.startsWith( `${ context.client.redirectUri }?` ) ) {
			return [ `redirects elsewhere: ${ location.slice( 0, 120 ) }` ];
		}
		const back = new URL( location ).searchParams;
		return back.get( 'error' ) && back.get( 'iss' ) === site.url
			? []
			: [
					`a redirect without error and iss: ${ location.slice(
						0,
						120
					) }`,
			  ];
	}
	const problems: string[] = [];
	if ( answer.status !== 400 ) {
		problems.push( `status ${ answer.status }, not the 400 error page` );
	}
	if (
		! ( answer.headers.get( 'content-type' ) ?? '' ).startsWith(
			'text/html'
		)
	) {
		problems.push(
			`content type ${ answer.headers.get( 'content-type' ) }, not HTML`
		);
	}
	return problems;
}

function adminRestProblems( request: CorpusRequest, answer: Answer ): string[] {
	const body = json( answer );
	if (
		! ( answer.headers.get( 'content-type' ) ?? '' ).startsWith(
			'application/json'
		) ||
		! body
	) {
		return [ `not JSON (${ answer.headers.get( 'content-type' ) })` ];
	}
	if ( answer.status < 400 ) {
		return [ 'GET', 'OPTIONS' ].includes( request.method )
			? []
			: [ `a ${ request.method } accepted with ${ answer.status }` ];
	}
	const data = body.data as { status?: unknown } | undefined;
	return typeof body.code === 'string' &&
		typeof body.message === 'string' &&
		data?.status === answer.status
		? []
		: [ `not a WordPress REST error: ${ answer.text.slice( 0, 200 ) }` ];
}

/**
 * A path that is not the endpoint's: a 404, or WordPress's redirect to the endpoint's own path.
 */
function elsewhereProblems(
	spec: EndpointSpec,
	request: CorpusRequest,
	answer: Answer
): string[] {
	const location = answer.headers.get( 'location' );
	if ( answer.status === 404 && ! location ) {
		return [];
	}
	const canonical = resolvePath( spec, context );
	if (
		request.route === 'either' &&
		answer.status === 301 &&
		location &&
		new URL( location, site.url ).pathname === canonical
	) {
		return [];
	}
	return [
		`status ${ answer.status }${
			location ? ` to ${ location.slice( 0, 100 ) }` : ''
		} for a path that is not the endpoint's`,
	];
}

function problemsOf(
	spec: EndpointSpec,
	request: CorpusRequest,
	answer: Answer
): string[] {
	if ( answer.status === 0 ) {
		return [ `no answer: ${ answer.text }` ];
	}
	const problems: string[] = [];
	if ( answer.status >= 500 ) {
		problems.push( `status ${ answer.status }` );
	}
	if ( ( answer.headers.get( 'content-type' ) ?? '' ).includes( 'html' ) ) {
		for ( const marker of REFLECTION_MARKERS ) {
			if ( answer.text.includes( marker ) ) {
				problems.push( `HTML reflects ${ marker } unescaped` );
			}
		}
	}
	if ( request.route !== 'endpoint' ) {
		const elsewhere = elsewhereProblems( spec, request, answer );
		if ( request.route === 'elsewhere' || elsewhere.length === 0 ) {
			return [ ...problems, ...elsewhere ];
		}
	}
	switch ( spec.surface ) {
		case 'document':
		case 'back-channel':
			return [
				...problems,
				...backChannelProblems( spec, request, answer ),
			];
		case 'authorize':
			return [
				...problems,
				...authorizeProblems( spec, request, answer ),
			];
		case 'admin-rest':
			return [ ...problems, ...adminRestProblems( request, answer ) ];
	}
}

function count( spec: EndpointSpec, requests: CorpusRequest[] ): void {
	const entry = { total: requests.length } as { total: number } & Record<
		Category,
		number
	>;
	for ( const category of CATEGORIES ) {
		entry[ category ] = requests.filter(
			( request ) => request.category === category
		).length;
	}
	counts[ spec.name ] = entry;
	test.info().annotations.push( {
		type: 'requests',
		description: `${ requests.length } (${ CATEGORIES.map(
			( category ) => `${ category } ${ entry[ category ] }`
		).join( ', ' ) })`,
	} );
}

for ( const spec of ENDPOINTS ) {
	test( `${ spec.name } (${ spec.path }): no 5xx, the surface's error shape, nothing logged, nothing stored`, async () => {
		const requests = corpusFor( spec, context );
		count( spec, requests );
		const before = await fingerprint();
		const problems: string[] = [];
		await inPool( requests, async ( request ) => {
			const answer = await send( request );
			for ( const problem of problemsOf( spec, request, answer ) ) {
				problems.push(
					`${ request.method } ${ request.target.slice( 0, 100 ) } [${
						request.category
					}: ${ request.label }]: ${ problem }`
				);
			}
		} );
		const after = await fingerprint();
		expect( problems ).toEqual( [] );
		expect(
			after,
			'a refused request changed what the plugin stores'
		).toEqual( before );
	} );
}
