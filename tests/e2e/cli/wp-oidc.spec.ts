/**
 * `wp oidc …` run by the real WP-CLI against the suite's site, each effect checked where relying
 * parties and the admin REST API see it: a client created on the command line signs a user in, a
 * secret reset there stops the old one at once, revoked tokens are inactive at introspection, a
 * rotation changes the kid while older tokens still verify. Every failure exits 1 with the REST
 * API's error code.
 */
import { createHash, randomBytes } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import { parse as parseYaml } from 'yaml';
import { baseUrl } from '../support/env';
import { test, expect } from '../protocol/support/fixtures';
import { signIn } from '../protocol/support/flow';
import { raw, type RawResponse } from '../protocol/support/http';
import { fetchJwks, verifyIdToken } from '../protocol/support/jwt';
import {
	asAdmin,
	callbackUri,
	createClient,
	endpoint,
	type TestClient,
} from '../protocol/support/provider';
import { expectCliError, wp, wpJson, wpOk } from './support';

interface CliClient {
	client_id: string;
	client_secret?: string | null;
	name: string;
	type: 'confidential' | 'public';
	redirect_uris: string[];
	scopes: string[];
	[ field: string ]: unknown;
}

interface ConfigDocument {
	version: number;
	clients: Array< Record< string, unknown > >;
	claim_mappings: unknown[];
}

interface ImportReport {
	dry_run: boolean;
	clients: Array< {
		client_id: string;
		action: 'create' | 'update' | 'unchanged';
		secret: string;
		client_secret: string | null;
	} >;
	claim_mappings: string;
}

// Each command boots WordPress in a PHP process of its own: seconds each on a busy machine.
test.describe.configure( { mode: 'serial', timeout: 180_000 } );

function label(): string {
	return randomBytes( 4 ).toString( 'hex' );
}

/** A confidential client made by `wp oidc client create --format=json`. */
function cliClient( extra: string[] = [] ): TestClient {
	const created = wpJson< CliClient >( [
		'oidc',
		'client',
		'create',
		`--name=CLI ${ label() }`,
		`--redirect-uri=${ callbackUri( 'cli' ) }`,
		...extra,
	] );
	return {
		...created,
		client_secret: created.client_secret ?? undefined,
		redirectUri: created.redirect_uris[ 0 ] as string,
	};
}

async function restClient( clientId: string ): Promise< number > {
	const response = await asAdmin( ( session ) =>
		session.get(
			`keystone-oidc/v1/clients/${ encodeURIComponent( clientId ) }`
		)
	);
	return response.status();
}

function introspect(
	clientId: string,
	secret: string,
	token: string
): Promise< RawResponse > {
	return raw( 'introspection', {
		form: { token },
		basic: { id: clientId, secret },
	} );
}

async function expectActive(
	testClient: TestClient,
	token: string,
	active: boolean
): Promise< void > {
	const response = await introspect(
		testClient.client_id,
		testClient.client_secret as string,
		token
	);
	expect( response.status, response.text ).toBe( 200 );
	expect( response.json.active ).toBe( active );
}

test( 'client create: the Client plus its secret as JSON, listed by the REST API, and it signs a user in', async ( {
	signedIn,
	user,
} ) => {
	const created = wpJson< CliClient >( [
		'oidc',
		'client',
		'create',
		`--name=CLI app ${ label() }`,
		`--redirect-uri=${ callbackUri( 'cli' ) }`,
		`--redirect-uri=${ callbackUri( 'cli-second' ) }`,
		'--scopes=openid,profile,email',
		'--allowed-roles=subscriber,administrator',
	] );
	expect( typeof created.client_secret ).toBe( 'string' );
	expect( created.redirect_uris ).toEqual( [
		callbackUri( 'cli' ),
		callbackUri( 'cli-second' ),
	] );
	expect( created.allowed_roles ).toEqual( [
		'subscriber',
		'administrator',
	] );
	expect( created.source ).toBe( 'admin' );

	const response = await asAdmin( ( session ) =>
		session.get( `keystone-oidc/v1/clients/${ created.client_id }` )
	);
	expect( response.status() ).toBe( 200 );
	const { client_secret: secret, ...client } = created;
	expect( await response.json() ).toEqual( client );

	const testClient: TestClient = {
		...created,
		client_secret: secret as string,
		redirectUri: callbackUri( 'cli-second' ),
	};
	const { flow, tokens } = await signIn( signedIn, testClient, {
		redirectUri: callbackUri( 'cli-second' ),
	} );
	await verifyIdToken( tokens.id_token as string, {
		clientId: created.client_id,
		userId: user.id,
		nonce: flow.nonce,
		accessToken: tokens.access_token,
	} );

	// The human form prints the secret once, with the client_id.
	const human = wpOk( [
		'oidc',
		'client',
		'create',
		`--name=CLI human ${ label() }`,
		`--redirect-uri=${ callbackUri( 'cli' ) }`,
	] );
	expect( human ).toMatch( /^Success: Created client "CLI human/m );
	expect( human ).toMatch( /^client_id: [0-9a-f]{32}$/m );
	expect( human ).toMatch( /^client_secret: [A-Za-z0-9_-]{43}$/m );

	const publicClient = wpJson< CliClient >( [
		'oidc',
		'client',
		'create',
		`--name=CLI public ${ label() }`,
		'--type=public',
		`--redirect-uri=${ callbackUri( 'cli' ) }`,
	] );
	expect( publicClient.type ).toBe( 'public' );
	expect( publicClient.client_secret ).toBeNull();
	expect( publicClient.token_endpoint_auth_method ).toBe( 'none' );
} );

/**
 * The CLI's list and the REST API's list agree on every client both saw: other specs create and
 * delete clients on the shared site between the two reads. The spec's own client is in both.
 */
function expectSameClients(
	cli: CliClient[],
	rest: CliClient[],
	own: string
): void {
	const inCli = new Set( cli.map( ( entry ) => entry.client_id ) );
	const inRest = new Set( rest.map( ( entry ) => entry.client_id ) );
	const both = ( entry: CliClient ) =>
		inCli.has( entry.client_id ) && inRest.has( entry.client_id );
	expect( cli.filter( both ) ).toEqual( rest.filter( both ) );
	expect( [ ...inCli ].filter( ( id ) => inRest.has( id ) ) ).toContain(
		own
	);
}

test( 'client list, get and update print JSON, CSV and YAML that parse to the REST API’s clients', async () => {
	const testClient = cliClient();
	const listed = wpJson< CliClient[] >( [ 'oidc', 'client', 'list' ] );
	const rest = ( await (
		await asAdmin( ( session ) =>
			session.get( 'keystone-oidc/v1/clients' )
		)
	).json() ) as CliClient[];
	expectSameClients( listed, rest, testClient.client_id );

	const yaml = parseYaml(
		wpOk( [ 'oidc', 'client', 'list', '--format=yaml' ] )
	) as CliClient[];
	expectSameClients( yaml, rest, testClient.client_id );

	const csv = wpOk( [
		'oidc',
		'client',
		'list',
		'--fields=client_id,name,type',
		'--format=csv',
	] )
		.trim()
		.split( '\n' );
	expect( csv[ 0 ] ).toBe( 'client_id,name,type' );
	expect( csv ).toContain(
		`${ testClient.client_id },"${ testClient.name }",confidential`
	);

	const got = wpJson< CliClient >( [
		'oidc',
		'client',
		'get',
		testClient.client_id,
	] );
	expect( got ).toEqual(
		rest.find( ( client ) => client.client_id === testClient.client_id )
	);
	expect(
		wpJson< Record< string, unknown > >( [
			'oidc',
			'client',
			'get',
			testClient.client_id,
			'--fields=client_id,scopes',
		] )
	).toEqual( { client_id: testClient.client_id, scopes: got.scopes } );

	const updated = wpJson< CliClient >( [
		'oidc',
		'client',
		'update',
		testClient.client_id,
		'--skip-consent',
		'--rest-access=read',
		`--redirect-uri=${ callbackUri( 'one' ) }`,
		`--redirect-uri=${ callbackUri( 'two' ) }`,
	] );
	expect( updated.skip_consent ).toBe( true );
	expect( updated.rest_access ).toBe( 'read' );
	expect( updated.redirect_uris ).toEqual( [
		callbackUri( 'one' ),
		callbackUri( 'two' ),
	] );
	expect( updated.name ).toBe( testClient.name );
	expect( updated.client_secret ).toBeUndefined();
	const after = ( await (
		await asAdmin( ( session ) =>
			session.get( `keystone-oidc/v1/clients/${ testClient.client_id }` )
		)
	).json() ) as CliClient;
	expect( after ).toEqual( updated );
} );

test( 'client reset-secret prints {client_id, client_secret}; the old secret stops working at once', async ( {
	signedIn,
} ) => {
	const testClient = cliClient();
	const { tokens } = await signIn( signedIn, testClient );
	await expectActive( testClient, tokens.access_token, true );

	const answer = wpJson< Record< string, string > >( [
		'oidc',
		'client',
		'reset-secret',
		testClient.client_id,
		'--yes',
	] );
	expect( Object.keys( answer ).sort() ).toEqual( [
		'client_id',
		'client_secret',
	] );
	expect( answer.client_id ).toBe( testClient.client_id );
	expect( answer.client_secret ).not.toBe( testClient.client_secret );

	const old = await introspect(
		testClient.client_id,
		testClient.client_secret as string,
		tokens.access_token
	);
	expect( old.status, old.text ).toBe( 401 );
	expect( old.json.error ).toBe( 'invalid_client' );
	await expectActive(
		{ ...testClient, client_secret: answer.client_secret },
		tokens.access_token,
		true
	);

	const human = wpOk(
		[ 'oidc', 'client', 'reset-secret', testClient.client_id ],
		'y\n'
	);
	expect( human ).toMatch( /\[y\/n\] Success: New secret for client/ );
	expect( human ).toMatch( /^client_secret: [A-Za-z0-9_-]{43}$/m );
} );

test( 'tokens revoke --user and --client make the tokens inactive at introspection; --all revokes the rest', async ( {
	signedIn,
	user,
} ) => {
	const testClient = cliClient();
	const first = await signIn( signedIn, testClient );
	await expectActive( testClient, first.tokens.access_token, true );

	const byUser = wpOk( [
		'oidc',
		'tokens',
		'revoke',
		`--user=${ user.id }`,
		'--yes',
	] );
	expect( byUser ).toMatch(
		new RegExp(
			`^Success: Revoked [1-9]\\d* tokens of user ${ user.id }\\.`
		)
	);
	await expectActive( testClient, first.tokens.access_token, false );
	await expectActive(
		testClient,
		first.tokens.refresh_token as string,
		false
	);

	const second = await signIn( signedIn, testClient );
	await expectActive( testClient, second.tokens.access_token, true );
	expect(
		wpOk( [
			'oidc',
			'tokens',
			'revoke',
			`--client=${ testClient.client_id }`,
			'--yes',
		] )
	).toMatch( /^Success: Revoked [1-9]\d* tokens of client / );
	await expectActive( testClient, second.tokens.access_token, false );

	const third = await signIn( signedIn, testClient );
	expect( wpOk( [ 'oidc', 'tokens', 'revoke', '--all', '--yes' ] ) ).toMatch(
		/^Success: Revoked [1-9]\d* tokens\./
	);
	await expectActive( testClient, third.tokens.access_token, false );
} );

test( 'keys rotate changes the kid in the JWKS while tokens signed before still verify', async ( {
	signedIn,
	user,
} ) => {
	const testClient = cliClient();
	const before = await signIn( signedIn, testClient );
	const oldKid = decodeProtectedHeader( before.tokens.id_token as string )
		.kid as string;

	const { kid } = wpJson< { kid: string } >( [
		'oidc',
		'keys',
		'rotate',
		'--yes',
	] );
	expect( kid ).not.toBe( oldKid );
	const kids = ( await fetchJwks() ).map( ( key ) => key.kid );
	expect( kids ).toEqual( expect.arrayContaining( [ oldKid, kid ] ) );

	await verifyIdToken( before.tokens.id_token as string, {
		clientId: testClient.client_id,
		userId: user.id,
		nonce: before.flow.nonce,
		accessToken: before.tokens.access_token,
	} );
	await expectActive( testClient, before.tokens.access_token, true );

	const after = await signIn( signedIn, testClient );
	expect( decodeProtectedHeader( after.tokens.id_token as string ).kid ).toBe(
		kid
	);

	const listed = wpJson<
		Array< { kid: string; alg: string; status: string; age_days: number } >
	>( [ 'oidc', 'keys', 'list' ] );
	expect( listed ).toContainEqual(
		expect.objectContaining( { kid, alg: 'RS256', status: 'current' } )
	);
	expect( listed ).toContainEqual(
		expect.objectContaining( { kid: oldKid, status: 'retired' } )
	);
	const csv = wpOk( [
		'oidc',
		'keys',
		'list',
		'--fields=kid,status',
		'--format=csv',
	] );
	expect( csv.split( '\n' ) ).toContain( `${ kid },current` );
} );

test( 'config export never holds a secret; import creates clients from a secret_hash or a new secret, and a dry run changes nothing', async ( {
	signedIn,
} ) => {
	const exported = cliClient();
	const json = wpOk( [ 'oidc', 'config', 'export' ] );
	expect( json ).not.toMatch( /"(client_secret|secret_hash)"\s*:/ );
	expect( json ).not.toContain( exported.client_secret as string );
	const document = JSON.parse( json ) as ConfigDocument;
	expect( document.version ).toBe( 1 );
	expect( document.clients ).toContainEqual(
		expect.objectContaining( {
			client_id: exported.client_id,
			name: exported.name,
		} )
	);
	const yaml = wpOk( [ 'oidc', 'config', 'export', '--format=yaml' ] );
	// Other spec files share the site and may add or remove clients between the two exports:
	// compare the clients both exports hold.
	const fromYaml = parseYaml( yaml ) as ConfigDocument;
	const inJson = new Set(
		document.clients.map( ( client ) => client.client_id )
	);
	const inBoth = ( doc: ConfigDocument ) => ( {
		...doc,
		clients: doc.clients.filter(
			( client ) =>
				inJson.has( client.client_id ) &&
				fromYaml.clients.some(
					( other ) => other.client_id === client.client_id
				)
		),
	} );
	expect( inBoth( fromYaml ) ).toEqual( inBoth( document ) );
	expect( inBoth( fromYaml ).clients ).toContainEqual(
		expect.objectContaining( { client_id: exported.client_id } )
	);

	// The export read back changes nothing.
	const unchanged = wpJson< ImportReport >(
		[ 'oidc', 'config', 'import', '-' ],
		yaml
	);
	expect(
		unchanged.clients.every( ( client ) => client.action === 'unchanged' )
	).toBe( true );
	expect( unchanged.claim_mappings ).toBe( 'unchanged' );

	const secret = randomBytes( 32 ).toString( 'base64url' );
	const hashed = `cli-import-${ label() }`;
	const fresh = `cli-import-${ label() }`;
	const incoming = JSON.stringify( {
		version: 1,
		clients: [
			{
				client_id: hashed,
				name: 'Imported with its hash',
				redirect_uris: [ callbackUri( 'cli' ) ],
				secret_hash: createHash( 'sha256' )
					.update( secret )
					.digest( 'hex' ),
			},
			{
				client_id: fresh,
				name: 'Imported with a new secret',
				redirect_uris: [ callbackUri( 'cli' ) ],
			},
		],
	} );

	const dry = wpJson< ImportReport >(
		[ 'oidc', 'config', 'import', '-', '--dry-run' ],
		incoming
	);
	expect( dry.dry_run ).toBe( true );
	expect( dry.clients ).toEqual( [
		{
			client_id: hashed,
			name: 'Imported with its hash',
			action: 'create',
			secret: 'from hash',
			client_secret: null,
		},
		{
			client_id: fresh,
			name: 'Imported with a new secret',
			action: 'create',
			secret: 'new',
			client_secret: null,
		},
	] );
	expect( await restClient( hashed ) ).toBe( 404 );
	expect( await restClient( fresh ) ).toBe( 404 );

	const done = wpJson< ImportReport >(
		[ 'oidc', 'config', 'import', '-' ],
		incoming
	);
	expect( done.dry_run ).toBe( false );
	expect( done.clients.map( ( client ) => client.action ) ).toEqual( [
		'create',
		'create',
	] );
	expect( done.clients[ 0 ]?.client_secret ).toBeNull();
	const freshSecret = done.clients[ 1 ]?.client_secret;
	expect( typeof freshSecret ).toBe( 'string' );
	expect( await restClient( hashed ) ).toBe( 200 );

	for ( const [ clientId, clientSecret ] of [
		[ hashed, secret ],
		[ fresh, freshSecret as string ],
	] as const ) {
		const imported: TestClient = {
			client_id: clientId,
			client_secret: clientSecret,
			name: clientId,
			type: 'confidential',
			redirect_uris: [ callbackUri( 'cli' ) ],
			scopes: [ 'openid', 'profile', 'email' ],
			redirectUri: callbackUri( 'cli' ),
		};
		const { tokens } = await signIn( signedIn, imported );
		await expectActive( imported, tokens.access_token, true );
	}

	const again = wpJson< ImportReport >(
		[ 'oidc', 'config', 'import', '-' ],
		incoming
	);
	expect( again.clients.map( ( client ) => client.secret ) ).toEqual( [
		'from hash',
		'kept',
	] );
	expect( again.clients.map( ( client ) => client.action ) ).toEqual( [
		'unchanged',
		'unchanged',
	] );
} );

test( 'status names the issuer, endpoints, keys, counts and problems; cleanup reports what it removed', async () => {
	cliClient();
	const status = wpJson< {
		issuer: string;
		discovery_url: string;
		endpoints: Record< string, string >;
		keys: Array< { kid: string; status: string; age_days: number } >;
		counts: Record< string, number >;
		problems: Array< { severity: string; code: string; message: string } >;
	} >( [ 'oidc', 'status' ] );
	expect( status.issuer ).toBe( baseUrl() );
	expect( status.discovery_url ).toBe(
		`${ baseUrl() }/.well-known/openid-configuration`
	);
	expect( status.endpoints.token ).toBe( endpoint( 'token' ) );
	expect( status.endpoints.jwks ).toBe( endpoint( 'jwks' ) );
	expect(
		status.keys.filter( ( key ) => key.status === 'current' )
	).toHaveLength( 2 );
	expect( status.counts.clients ).toBeGreaterThanOrEqual( 1 );
	expect( typeof status.counts.access_tokens ).toBe( 'number' );
	// The test site is served over plain http.
	expect( status.problems ).toContainEqual(
		expect.objectContaining( {
			severity: 'recommended',
			code: 'issuer_not_https',
		} )
	);
	expect(
		status.problems.filter( ( problem ) => problem.severity === 'critical' )
	).toEqual( [] );

	const human = wp( [ 'oidc', 'status' ] );
	expect( human.status ).toBe( 0 );
	expect( human.stdout ).toContain( `Issuer:     ${ baseUrl() } (home)` );
	expect( human.stderr ).toContain( '(issuer_not_https)' );

	const removed = wpJson< Record< string, number > >( [ 'oidc', 'cleanup' ] );
	expect( Object.keys( removed ).sort() ).toEqual( [
		'activity',
		'assertion_jtis',
		'codes',
		'device_codes',
		'dynamic_clients',
		'keys',
		'tokens',
	] );
	expect( wpOk( [ 'oidc', 'cleanup' ] ) ).toMatch(
		/^Success: Removed \d+ codes, \d+ tokens, \d+ signing keys, \d+ device codes, \d+ idle dynamic clients, \d+ client assertion ids and \d+ activity log entries\.$/m
	);
} );

test( 'client failures exit 1 with the REST API’s code and message', async () => {
	const unknown = `no-such-${ label() }`;
	for ( const args of [
		[ 'get', unknown ],
		[ 'update', unknown, '--name=X' ],
		[ 'delete', unknown, '--yes' ],
		[ 'reset-secret', unknown, '--yes' ],
	] ) {
		expectCliError(
			wp( [ 'oidc', 'client', ...args ] ),
			'keystone_oidc_client_not_found',
			'No client has this client_id.'
		);
	}
	expectCliError(
		wp( [ 'oidc', 'tokens', 'revoke', `--client=${ unknown }`, '--yes' ] ),
		'keystone_oidc_client_not_found'
	);

	expectCliError(
		wp( [
			'oidc',
			'client',
			'create',
			'--name=Bad redirect',
			'--redirect-uri=http://app.example.com/callback',
		] ),
		'keystone_oidc_invalid_redirect_uri',
		/Invalid redirect URI "http:\/\/app\.example\.com\/callback"/
	);
	expectCliError(
		wp( [ 'oidc', 'client', 'create', '--name=No redirect' ] ),
		'keystone_oidc_invalid_redirect_uri',
		'At least one redirect URI is required.'
	);
	expectCliError(
		wp( [
			'oidc',
			'client',
			'create',
			'--name=Bad scope',
			`--redirect-uri=${ callbackUri( 'cli' ) }`,
			'--scopes=openid,wordpress:everything',
		] ),
		'keystone_oidc_invalid_scope'
	);
	const missingName = wp( [
		'oidc',
		'client',
		'create',
		`--redirect-uri=${ callbackUri( 'cli' ) }`,
	] );
	expect( missingName.status ).toBe( 1 );
	expect( missingName.stderr ).toContain( 'missing --name parameter' );

	const publicClient = createClient( { type: 'public' } );
	expectCliError(
		wp( [
			'oidc',
			'client',
			'reset-secret',
			( await publicClient ).client_id,
			'--yes',
		] ),
		'keystone_oidc_public_client',
		'A public client has no secret.'
	);
} );

test( 'destructive commands ask: with nobody to answer (a script) they refuse, and "n" cancels', async () => {
	const kept = cliClient();
	const noAnswer = wp( [ 'oidc', 'client', 'delete', kept.client_id ] );
	expectCliError( noAnswer, 'keystone_oidc_confirmation_required' );
	expect( noAnswer.stdout ).toContain( '[y/n]' );
	expectCliError(
		wp( [ 'oidc', 'client', 'delete', kept.client_id ], 'n\n' ),
		'keystone_oidc_cancelled',
		'Cancelled: nothing was changed.'
	);
	expect( await restClient( kept.client_id ) ).toBe( 200 );
	const jwks = ( await fetchJwks() ).map( ( key ) => key.kid );
	for ( const args of [
		[ 'client', 'reset-secret', kept.client_id ],
		[ 'keys', 'rotate' ],
		[ 'tokens', 'revoke', '--all' ],
	] ) {
		expectCliError(
			wp( [ 'oidc', ...args ] ),
			'keystone_oidc_confirmation_required'
		);
	}
	expect( ( await fetchJwks() ).map( ( key ) => key.kid ) ).toEqual( jwks );
	expectCliError(
		wp( [ 'oidc', 'tokens', 'revoke', '--yes' ] ),
		'keystone_oidc_invalid_arguments'
	);
	expectCliError(
		wp( [ 'oidc', 'tokens', 'revoke', '--all', '--client=x', '--yes' ] ),
		'keystone_oidc_invalid_arguments'
	);
	expect(
		wpOk( [ 'oidc', 'client', 'delete', kept.client_id ], 'y\n' )
	).toContain( `Success: Deleted client ${ kept.client_id }.` );
	expect( await restClient( kept.client_id ) ).toBe( 404 );
} );

test( 'an import is checked whole before anything is written: malformed, plaintext secrets, bad hashes, invalid clients', async () => {
	const importing = `cli-refused-${ label() }`;
	expectCliError(
		wp( [ 'oidc', 'config', 'import', '-' ], '{"clients": [' ),
		'keystone_oidc_invalid_config',
		/The configuration is not valid JSON/
	);
	/** Imports one valid client, then `second` (standard input, JSON). */
	const importWith = ( second: Record< string, unknown > ) =>
		wp(
			[ 'oidc', 'config', 'import', '-' ],
			JSON.stringify( {
				clients: [
					{
						client_id: importing,
						name: 'Valid',
						redirect_uris: [ callbackUri( 'cli' ) ],
					},
					{
						client_id: `${ importing }-2`,
						name: 'Second',
						redirect_uris: [ callbackUri( 'cli' ) ],
						...second,
					},
				],
			} )
		);
	expectCliError(
		importWith( { client_secret: 'hunter2' } ),
		'keystone_oidc_plaintext_secret',
		/clients\[1\]: a plaintext client_secret is never imported/
	);
	expectCliError(
		importWith( { secret_hash: 'not-a-sha256' } ),
		'keystone_oidc_invalid_secret_hash',
		/clients\[1\]: A secret_hash must be/
	);
	expectCliError(
		importWith( { client_id: 'has space' } ),
		'keystone_oidc_invalid_client_id'
	);
	expectCliError(
		importWith( { redirect_uris: [ 'http://app.example.com/callback' ] } ),
		'keystone_oidc_invalid_redirect_uri',
		/clients\[1\] \(cli-refused-[0-9a-f]+-2\): Invalid redirect URI/
	);
	expectCliError(
		wp(
			[ 'oidc', 'config', 'import', '-' ],
			'clients:\n  - client_id: x\n    name: X\n    colour: blue\n'
		),
		'keystone_oidc_invalid_config',
		/unknown field "colour"/
	);
	expectCliError(
		wp( [ 'oidc', 'config', 'import', '/nonexistent/oidc.json' ] ),
		'keystone_oidc_invalid_config'
	);
	expect( await restClient( importing ) ).toBe( 404 );
} );
