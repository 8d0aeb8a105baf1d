/**
 * A persistent object cache: Redis on a unix socket with the Redis Object Cache drop-in (copied
 * from ../shared/fixtures at run time). The subset runs as on any host, and what the e2e suite
 * relies on stays true with the cache: keys, clients, consent and revocation are never stale.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { restSession } from '../e2e/support/wp';
import {
	APPLICATIONS,
	applicationRoute,
	expectConsentScreen,
	prepareAuthorization,
} from '../e2e/protocol/support/applications';
import { expectChallenge, raw } from '../e2e/protocol/support/http';
import { fetchJwks, kidOf } from '../e2e/protocol/support/jwt';
import {
	deleteClient,
	resetSecret,
	rotateKeys,
	updateClient,
} from '../e2e/protocol/support/provider';
import {
	expect,
	hostClient,
	protocolSubset,
	redirectUri,
	expectTokensRevoked,
	refreshWith,
	signedInSession,
	test,
	useHost,
	verifiedTokensFor,
} from './support/subset';

test.describe( 'nginx + php-fpm with a Redis object cache', () => {
	const state = useHost( 'redis', {
		args: [ '--host', 'nginx', '--redis' ],
	} );

	protocolSubset( state );

	test( 'WordPress keeps its objects in Redis', async () => {
		const { site } = state();
		const socket = path.join( site.dir, 'run/redis.sock' );
		const keys = execFileSync( 'redis-cli', [ '-s', socket, '--scan' ] )
			.toString()
			.split( '\n' )
			.filter( Boolean );
		expect( keys.some( ( key ) => key.includes( ':options:' ) ) ).toBe(
			true
		);
	} );

	test( 'a rotated key is published and signs at once', async () => {
		const { site } = state();
		const kid = await rotateKeys();
		expect( ( await fetchJwks() ).map( ( key ) => key.kid ) ).toContain(
			kid
		);
		const testClient = await hostClient( site );
		const tokens = await verifiedTokensFor( state(), testClient );
		expect( kidOf( tokens.id_token as string ) ).toBe( kid );
	} );

	test( 'client changes apply at once: a removed redirect URI, a reset secret, a deleted client', async () => {
		const { site } = state();
		const testClient = await hostClient( site );
		const { session, tokens } = await signedInSession(
			state(),
			testClient
		);

		await updateClient( testClient.client_id, {
			redirect_uris: [ redirectUri( site, 'moved' ) ],
		} );
		const prepared = await prepareAuthorization(
			testClient,
			'openid profile email'
		);
		const refused = await session.get( prepared.url.href, {
			maxRedirects: 0,
		} );
		expect( refused.status() ).toBe( 400 );
		expect( refused.headers().location ).toBeUndefined();
		await session.dispose();

		const oldSecret = testClient.client_secret as string;
		await resetSecret( testClient.client_id );
		expectChallenge(
			await refreshWith(
				testClient,
				tokens.refresh_token as string,
				oldSecret
			),
			'invalid_client',
			'Basic'
		);

		await deleteClient( testClient.client_id );
		expectChallenge(
			await raw( 'userinfo', { bearer: tokens.access_token } ),
			'invalid_token',
			'Bearer'
		);
	} );

	test( 'a withdrawn consent is asked again at once; revoked tokens stay revoked', async () => {
		const { site, user } = state();
		const testClient = await hostClient( site );
		const { session, tokens } = await signedInSession(
			state(),
			testClient
		);
		// Remembered: the next request comes straight back with a code.
		const again = await prepareAuthorization(
			testClient,
			'openid profile email'
		);
		const remembered = await session.get( again.url.href, {
			maxRedirects: 0,
		} );
		expect( remembered.status() ).toBe( 302 );

		const account = await restSession( user.username, user.password );
		const listed = await account.get( APPLICATIONS );
		expect( listed.status(), await listed.text() ).toBe( 200 );
		const revoked = await account.delete(
			applicationRoute( testClient.client_id )
		);
		expect( revoked.status(), await revoked.text() ).toBe( 200 );
		await account.dispose();

		const asked = await session.get(
			( await prepareAuthorization( testClient, 'openid profile email' ) )
				.url.href,
			{ maxRedirects: 0 }
		);
		await expectConsentScreen( asked );
		await session.dispose();
		await expectTokensRevoked( testClient, tokens );
	} );
} );
