import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import {
	CATEGORIES,
	ENDPOINTS,
	KB64,
	MB1,
	corpus,
	corpusFor,
	resolvePath,
	type CorpusContext,
	type EndpointSpec,
} from '../../e2e/robustness/corpus';

const context: CorpusContext = {
	client: {
		id: 'kc_unit',
		secret: 'unit-secret',
		redirectUri: 'http://127.0.0.1:65010/callback',
	},
	userCookie: 'wordpress_logged_in_abc=user',
	adminCookie: 'wordpress_logged_in_abc=admin',
	adminNonce: 'restnonce1',
	loggedInCookieName: 'wordpress_logged_in_abc',
	consent: { requestId: 'r'.repeat( 43 ), nonce: 'consentno1' },
};

function bodyText( body: string | Uint8Array | undefined ): string {
	return body === undefined ? '' : Buffer.from( body ).toString( 'latin1' );
}

describe( 'the bad-input corpus', () => {
	it( 'names every endpoint once, each with a path', () => {
		const names = ENDPOINTS.map( ( spec ) => spec.name );
		assert.equal( new Set( names ).size, names.length );
		for ( const spec of ENDPOINTS ) {
			assert.match( spec.path, /^\// );
		}
	} );

	it( 'covers the three discovery paths, authorize GET and POST, consent, token, userinfo, JWKS and the admin REST routes', () => {
		const paths = new Set( ENDPOINTS.map( ( spec ) => spec.path ) );
		for ( const path of [
			'/.well-known/openid-configuration',
			'/wenisch-tech/keystone-oidc/.well-known/openid-configuration',
			'/.well-known/oauth-authorization-server',
			'/wenisch-tech/keystone-oidc/oauth/authorize',
			'/wenisch-tech/keystone-oidc/oauth/token',
			'/wenisch-tech/keystone-oidc/oauth/userinfo',
			'/wenisch-tech/keystone-oidc/oauth/jwks',
			'/wp-json/keystone-oidc/v1/clients',
			'/wp-json/keystone-oidc/v1/settings',
			'/wp-json/keystone-oidc/v1/keys/rotate',
		] ) {
			assert.ok( paths.has( path ), path );
		}
		const names = ENDPOINTS.map( ( spec ) => spec.name );
		for ( const name of [
			'authorize',
			'authorize-post',
			'consent-decision',
		] ) {
			assert.ok( names.includes( name ), name );
		}
	} );

	for ( const spec of ENDPOINTS ) {
		describe( spec.name, () => {
			const requests = corpusFor( spec, context );

			it( 'has requests in every category', () => {
				for ( const category of CATEGORIES ) {
					assert.ok(
						requests.some(
							( request ) => request.category === category
						),
						`${ spec.name } has no ${ category } request`
					);
				}
			} );

			it( 'mutates every parameter it reads in every parameter category', () => {
				const perParameter = [
					'missing',
					'repeated',
					'array',
					'oversized',
					'invalid-utf8',
					'nul-byte',
					'injection',
				];
				for ( const name of spec.params ) {
					for ( const category of perParameter ) {
						assert.ok(
							requests.some(
								( request ) =>
									request.category === category &&
									request.label.startsWith( `${ name }: ` )
							),
							`${ spec.name }: ${ name } has no ${ category } request`
						);
					}
				}
			} );

			it( 'sends every method it does not serve among PUT, DELETE, PATCH, OPTIONS', () => {
				for ( const method of [
					'PUT',
					'DELETE',
					'PATCH',
					'OPTIONS',
				] ) {
					if ( ! spec.methods.includes( method ) ) {
						assert.ok(
							requests.some(
								( request ) =>
									request.category === 'method' &&
									request.method === method
							),
							method
						);
					}
				}
			} );

			it( 'sends a 64 KB value and a 1 MB body', () => {
				const sizes = requests
					.filter( ( request ) => request.category === 'oversized' )
					.map(
						( request ) =>
							request.target.length +
							bodyText( request.body ).length
					);
				assert.ok( sizes.some( ( size ) => size >= KB64 ) );
				assert.ok( sizes.some( ( size ) => size >= MB1 ) );
			} );

			it( 'forges the logged-in cookie, and the nonce where there is one', () => {
				const forged = requests.filter(
					( request ) => request.category === 'forgery'
				);
				assert.ok(
					forged.some(
						( request ) =>
							( request.headers.Cookie ?? '' ).startsWith(
								context.loggedInCookieName
							) && request.headers.Cookie !== context.userCookie
					)
				);
				if ( spec.nonce ) {
					const real =
						spec.nonce.in === 'header'
							? context.adminNonce
							: context.consent.nonce;
					const carried = forged.filter( ( request ) =>
						spec.nonce?.in === 'header'
							? request.headers[ spec.nonce.name ] !==
									undefined &&
							  request.headers[ spec.nonce.name ] !== real
							: bodyText( request.body ).includes(
									`${ spec.nonce?.name }=`
							  ) &&
							  ! bodyText( request.body ).includes(
									`${ spec.nonce?.name }=${ real }`
							  )
					);
					assert.ok(
						carried.length >= 3,
						`${ spec.name }: ${ carried.length } forged nonces`
					);
				}
			} );

			it( 'tries Basic without a colon, invalid base64, a huge header, Bearer junk and two schemes', () => {
				const headers = requests
					.filter(
						( request ) => request.category === 'authorization'
					)
					.map( ( request ) => request.headers.Authorization ?? '' );
				assert.ok(
					headers.includes(
						`Basic ${ Buffer.from( 'nocolon' ).toString(
							'base64'
						) }`
					)
				);
				assert.ok(
					headers.some( ( header ) =>
						/^Basic .*[!*$]/.test( header )
					)
				);
				assert.ok(
					headers.some( ( header ) => header.length >= KB64 )
				);
				assert.ok(
					headers.some( ( header ) =>
						/^Bearer .*junk/.test( header )
					)
				);
				assert.ok(
					headers.some( ( header ) =>
						/^Basic \S+, Bearer /.test( header )
					)
				);
			} );

			it( 'tries a trailing slash, doubled slashes and another case', () => {
				const path = resolvePath( spec, context );
				const routes = new Map(
					requests
						.filter( ( request ) => request.category === 'path' )
						.map( ( request ) => [
							request.target.split( '?' )[ 0 ],
							request.route,
						] )
				);
				assert.equal( routes.get( `${ path }/` ), 'endpoint' );
				assert.equal( routes.get( `/${ path }` ), 'either' );
				const other = [ ...routes.keys() ].find(
					( target ) =>
						target !== path &&
						target?.toLowerCase() === path.toLowerCase()
				);
				assert.ok( other, 'a case variant' );
				assert.equal(
					routes.get( other ),
					spec.surface === 'admin-rest' ? 'endpoint' : 'elsewhere'
				);
			} );

			it( 'never sends a real nonce to a route whose valid request changes something', () => {
				if (
					spec.name !== 'rest-keys-rotate' &&
					spec.name !== 'rest-tokens-revoke-all'
				) {
					return;
				}
				for ( const request of requests ) {
					assert.notEqual(
						request.headers[ 'X-WP-Nonce' ],
						context.adminNonce,
						request.label
					);
				}
			} );
		} );
	}

	it( 'marks an authorization request proven only with the registered client_id and redirect_uri, once each', () => {
		const authorize = ENDPOINTS.find(
			( spec ) => spec.name === 'authorize'
		) as EndpointSpec;
		const requests = corpusFor( authorize, context );
		const label = ( text: string ) =>
			requests.find( ( request ) => request.label === text );
		assert.equal( label( 'state: 64 KB' )?.proven, true );
		assert.equal( label( 'client_id: absent' )?.proven, false );
		assert.equal( label( 'client_id: twice, same value' )?.proven, false );
		assert.equal( label( 'redirect_uri: redirect_uri[]=' )?.proven, false );
		assert.equal( label( 'redirect_uri: %ff%fe' )?.proven, false );
		const consent = corpusFor(
			ENDPOINTS.find(
				( spec ) => spec.name === 'consent-decision'
			) as EndpointSpec,
			context
		);
		assert.ok( consent.every( ( request ) => ! request.proven ) );
	} );

	it( 'carries raw bytes the encoders would never write', () => {
		const all = corpus( context );
		assert.ok(
			all.some( ( request ) => request.target.includes( '%ff%fe' ) )
		);
		assert.ok(
			all.some( ( request ) => request.target.includes( '%00' ) )
		);
		assert.ok(
			all.some(
				( request ) =>
					request.body instanceof Uint8Array &&
					Buffer.from( request.body ).includes( 0xff )
			)
		);
	} );

	it( 'is the same for the same input', () => {
		assert.deepEqual( corpus( context ), corpus( context ) );
	} );
} );
