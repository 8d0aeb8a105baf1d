/**
 * Every admin REST route needs `manage_options`: 401 keystone_oidc_forbidden without a user,
 * 403 for a signed-in user without the capability, whether by cookie or application password.
 */
import {
	request as playwrightRequest,
	type APIResponse,
} from '@playwright/test';
import { test, expect } from '../support/test';
import { baseUrl } from '../support/env';
import { createUser, type RestSession } from '../support/wp';
import {
	createClient,
	expectError,
	route,
	session,
	type Client,
} from './support';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let admin: RestSession;
let subscriber: RestSession;
let subscriberLogin: { username: string; password: string };
let clientId: string;

test.beforeAll( async () => {
	admin = await session();
	clientId = ( await createClient( admin, { name: 'Guarded' } ) ).client_id;
	const user = await createUser( 'subscriber' );
	subscriberLogin = user;
	subscriber = await session( user.username, user.password );
} );

test.afterAll( async () => {
	await admin?.dispose();
	await subscriber?.dispose();
} );

function routes(): [ Method, string ][] {
	return [
		[ 'GET', 'clients' ],
		[ 'POST', 'clients' ],
		[ 'GET', `clients/${ clientId }` ],
		[ 'PUT', `clients/${ clientId }` ],
		[ 'PATCH', `clients/${ clientId }` ],
		[ 'DELETE', `clients/${ clientId }` ],
		[ 'POST', `clients/${ clientId }/secret` ],
		[ 'GET', 'clients/no-such-client' ],
		[ 'GET', 'settings' ],
		[ 'POST', 'keys/rotate' ],
		[ 'POST', 'tokens/revoke-all' ],
	];
}

const body = {
	name: 'Takeover',
	redirect_uris: [ 'https://attacker.example.test/cb' ],
};

async function send(
	who: RestSession,
	method: Method,
	path: string
): Promise< APIResponse > {
	switch ( method ) {
		case 'GET':
			return who.get( route( path ) );
		case 'POST':
			return who.post( route( path ), body );
		case 'PUT':
			return who.put( route( path ), body );
		case 'PATCH':
			return who.patch( route( path ), body );
		case 'DELETE':
			return who.delete( route( path ) );
	}
}

async function expectUnchanged(): Promise< void > {
	const response = await admin.get( route( `clients/${ clientId }` ) );
	expect( response.status() ).toBe( 200 );
	expect( ( ( await response.json() ) as Client ).name ).toBe( 'Guarded' );
}

test( 'an anonymous request gets 401 keystone_oidc_forbidden on every route', async () => {
	const anonymous = await playwrightRequest.newContext( {
		baseURL: baseUrl(),
	} );
	for ( const [ method, path ] of routes() ) {
		const response = await anonymous.fetch( `/wp-json/${ route( path ) }`, {
			method,
			data: method === 'GET' || method === 'DELETE' ? undefined : body,
		} );
		await test.step( `${ method } ${ path }`, async () => {
			await expectError( response, 401, 'keystone_oidc_forbidden' );
		} );
	}
	await anonymous.dispose();
	await expectUnchanged();
} );

test( 'a subscriber gets 403 keystone_oidc_forbidden on every route', async () => {
	for ( const [ method, path ] of routes() ) {
		await test.step( `${ method } ${ path }`, async () => {
			await expectError(
				await send( subscriber, method, path ),
				403,
				'keystone_oidc_forbidden'
			);
		} );
	}
	await expectUnchanged();
} );

test( 'an editor gets 403 keystone_oidc_forbidden', async () => {
	const user = await createUser( 'editor' );
	const editor = await session( user.username, user.password );
	for ( const [ method, path ] of routes() ) {
		await test.step( `${ method } ${ path }`, async () => {
			await expectError(
				await send( editor, method, path ),
				403,
				'keystone_oidc_forbidden'
			);
		} );
	}
	await editor.dispose();
	await expectUnchanged();
} );

test( 'an administrator cookie without the REST nonce counts as anonymous (CSRF)', async () => {
	for ( const [ method, path ] of routes() ) {
		const response = await admin.request.fetch(
			`/wp-json/${ route( path ) }`,
			{
				method,
				data:
					method === 'GET' || method === 'DELETE' ? undefined : body,
			}
		);
		await test.step( `${ method } ${ path }`, async () => {
			await expectError( response, 401, 'keystone_oidc_forbidden' );
		} );
	}
	await expectUnchanged();
} );

async function applicationPassword( who: RestSession ): Promise< string > {
	const response = await who.post( 'wp/v2/users/me/application-passwords', {
		name: `rest-spec-${ Date.now() }`,
	} );
	expect( response.status(), await response.text() ).toBe( 201 );
	return ( ( await response.json() ) as { password: string } ).password;
}

test( 'application passwords: an administrator may, a subscriber may not', async () => {
	const adminPassword = await applicationPassword( admin );
	const subscriberPassword = await applicationPassword( subscriber );
	const basic = ( username: string, password: string ): string =>
		'Basic ' +
		Buffer.from( `${ username }:${ password }` ).toString( 'base64' );
	const context = await playwrightRequest.newContext( {
		baseURL: baseUrl(),
	} );

	const allowed = await context.get( `/wp-json/${ route( 'clients' ) }`, {
		headers: { Authorization: basic( 'admin', adminPassword ) },
	} );
	expect( allowed.status(), await allowed.text() ).toBe( 200 );
	const created = await context.post( `/wp-json/${ route( 'clients' ) }`, {
		headers: { Authorization: basic( 'admin', adminPassword ) },
		data: {
			name: 'Made with an application password',
			redirect_uris: [ 'https://rp.example.test/cb' ],
		},
	} );
	expect( created.status(), await created.text() ).toBe( 201 );

	for ( const [ method, path ] of routes() ) {
		const response = await context.fetch( `/wp-json/${ route( path ) }`, {
			method,
			headers: {
				Authorization: basic(
					subscriberLogin.username,
					subscriberPassword
				),
			},
			data: method === 'GET' || method === 'DELETE' ? undefined : body,
		} );
		await test.step( `${ method } ${ path }`, async () => {
			await expectError( response, 403, 'keystone_oidc_forbidden' );
		} );
	}
	await context.dispose();
	await expectUnchanged();
} );
