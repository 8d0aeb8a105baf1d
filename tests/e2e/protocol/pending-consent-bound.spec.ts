/**
 * Every consent screen shown stores the request it answers until the user decides. A signed-in
 * user reloading the authorization URL (or a script doing it for them) must not fill the options
 * table: at most 20 requests wait per user, and a new one drops the oldest.
 */
import type { APIRequestContext } from '@playwright/test';
import { test, expect } from './support/fixtures';
import {
	authorizeWithoutBrowser,
	expectConsentScreen,
	prepareAuthorization,
} from './support/applications';
import { asAdmin, createClient, type TestClient } from './support/provider';

const CAP = 20;

interface ShownConsent {
	action: string;
	requestId: string;
	nonce: string;
}

function decodeEntities( value: string ): string {
	return value.replace( /&#0?38;|&amp;/g, '&' );
}

async function showConsent(
	context: APIRequestContext,
	testClient: TestClient
): Promise< ShownConsent > {
	const prepared = await prepareAuthorization( testClient, 'openid profile' );
	const body = await expectConsentScreen(
		await authorizeWithoutBrowser( context, prepared )
	);
	const field = ( pattern: RegExp ): string => {
		const value = pattern.exec( body )?.[ 1 ];
		expect( value, pattern.source ).toBeTruthy();
		return decodeEntities( value as string );
	};
	return {
		action: field( /<form method="post" action="([^"]+)"/ ),
		requestId: field( /name="request_id" value="([^"]+)"/ ),
		nonce: field( /name="_wpnonce" value="([^"]+)"/ ),
	};
}

function decide( context: APIRequestContext, shown: ShownConsent ) {
	return context.post( shown.action, {
		form: {
			request_id: shown.requestId,
			_wpnonce: shown.nonce,
			decision: 'allow',
		},
		maxRedirects: 0,
	} );
}

async function pendingCount( userId: number ): Promise< number > {
	const response = await asAdmin( ( session ) =>
		session.get( `keystone-test/v1/pending-consents?user_id=${ userId }` )
	);
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( ( await response.json() ) as { count: number } ).count;
}

test( `at most ${ CAP } consent requests wait per user; a new one drops the oldest`, async ( {
	signedIn,
	user,
} ) => {
	const testClient = await createClient();
	const shown: ShownConsent[] = [];
	for ( let i = 0; i < CAP + 5; i++ ) {
		shown.push( await showConsent( signedIn.request, testClient ) );
	}
	expect( await pendingCount( user.id ) ).toBe( CAP );

	const dropped = await decide(
		signedIn.request,
		shown[ 0 ] as ShownConsent
	);
	expect( dropped.status() ).toBe( 400 );
	expect( dropped.headers().location ).toBeUndefined();
	expect( await dropped.text() ).toContain( '<code>invalid_request</code>' );

	const oldestKept = await decide(
		signedIn.request,
		shown[ 5 ] as ShownConsent
	);
	expect( [ 302, 303 ] ).toContain( oldestKept.status() );
	const location = new URL( oldestKept.headers().location ?? '' );
	expect( location.searchParams.get( 'error' ), location.href ).toBeNull();
	expect( location.searchParams.get( 'code' ) ).toBeTruthy();
	expect( await pendingCount( user.id ) ).toBe( CAP - 1 );
} );
