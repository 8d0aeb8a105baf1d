/**
 * Pure helpers of the Test sign-in result screen: reading what PHP passed, decoding the tokens'
 * public parts with jose, and the words that explain each claim.
 */
import { __ } from '@wordpress/i18n';
import { decodeJwt, decodeProtectedHeader } from 'jose';

import type {
	DecodedJwt,
	TestSignInResult,
	TestedClient,
	UserinfoAnswer,
} from './types';

function isRecord( value: unknown ): value is Record< string, unknown > {
	return (
		typeof value === 'object' && value !== null && ! Array.isArray( value )
	);
}

function text( value: unknown ): string {
	return typeof value === 'string' ? value : '';
}

function readClient( value: unknown ): TestedClient | null {
	return isRecord( value ) && typeof value.client_id === 'string'
		? { client_id: value.client_id, name: text( value.name ) }
		: null;
}

function readUserinfo( value: unknown ): UserinfoAnswer {
	if ( isRecord( value ) && isRecord( value.claims ) ) {
		return { claims: value.claims };
	}
	const answer = isRecord( value ) ? value : {};
	return {
		error: text( answer.error ) || 'server_error',
		error_description: text( answer.error_description ),
	};
}

/**
 * The result as PHP wrote it; anything unreadable is an error the screen can show.
 */
export function readResult( raw: unknown ): TestSignInResult {
	const result = isRecord( raw ) ? raw : {};
	const client = readClient( result.client );
	if (
		result.status === 'success' &&
		client !== null &&
		isRecord( result.tokens )
	) {
		const tokens = result.tokens;
		return {
			status: 'success',
			client,
			nonce: text( result.nonce ),
			tokens: {
				id_token: text( tokens.id_token ),
				access_token: text( tokens.access_token ),
				token_type: text( tokens.token_type ),
				expires_in:
					typeof tokens.expires_in === 'number'
						? tokens.expires_in
						: 0,
				scope: text( tokens.scope ),
				refresh_token: tokens.refresh_token === true,
			},
			userinfo: readUserinfo( result.userinfo ),
			revoked: result.revoked === true,
		};
	}
	return {
		status: 'error',
		client,
		error: text( result.error ) || 'test_session_invalid',
		error_description: text( result.error_description ),
	};
}

/**
 * The header and claims of a JWT, or null when the token is not one (an opaque token).
 */
export function decodeToken( token: string ): DecodedJwt | null {
	try {
		return {
			header: decodeProtectedHeader( token ) as Record< string, unknown >,
			claims: decodeJwt( token ) as Record< string, unknown >,
		};
	} catch {
		return null;
	}
}

const TIME_CLAIMS = [ 'exp', 'iat', 'nbf', 'auth_time', 'updated_at' ];

/** Whether a claim's value is a unix time, shown also as a date. */
export function isTimeClaim( name: string, value: unknown ): value is number {
	return TIME_CLAIMS.includes( name ) && typeof value === 'number';
}

/** A claim's value as text: strings as they are, anything else as JSON. */
export function claimValue( value: unknown ): string {
	return typeof value === 'string' ? value : JSON.stringify( value );
}

/**
 * What a claim (or header parameter) tells the application. Unknown names are the
 * administrator's mapped claims or a filter's.
 */
export function explainClaim( name: string ): string {
	const meanings: Record< string, string > = {
		sub: __(
			'Subject: the user’s stable identifier on this site (the WordPress user ID). Applications should link accounts by issuer and subject, not by email.',
			'keystone-oidc'
		),
		iss: __(
			'Issuer: who issued the token. Must equal the issuer in the discovery document the application was configured with.',
			'keystone-oidc'
		),
		aud: __(
			'Audience: who the token is for. In an ID token, the client ID; in an access token, the resources (APIs) that accept it.',
			'keystone-oidc'
		),
		exp: __(
			'Expires: after this time the token must not be accepted.',
			'keystone-oidc'
		),
		iat: __( 'Issued at: when the token was made.', 'keystone-oidc' ),
		nbf: __(
			'Not before: the token is not valid before this time.',
			'keystone-oidc'
		),
		auth_time: __(
			'When the user last signed in to WordPress (entered their password).',
			'keystone-oidc'
		),
		nonce: __(
			'The value the application sent in its request, returned so it can tell the ID token belongs to that request.',
			'keystone-oidc'
		),
		azp: __(
			'Authorized party: the client the token was issued to.',
			'keystone-oidc'
		),
		at_hash: __(
			'Hash of the access token, so the application can check the two belong together.',
			'keystone-oidc'
		),
		sid: __(
			'Session ID of the WordPress sign-in, used by logout to tell which session ended.',
			'keystone-oidc'
		),
		jti: __(
			'Unique ID of this token, used to revoke it.',
			'keystone-oidc'
		),
		client_id: __(
			'The client the access token was issued to.',
			'keystone-oidc'
		),
		scope: __(
			'The scopes granted: what the token lets the application see or do.',
			'keystone-oidc'
		),
		email: __( 'The user’s email address (scope email).', 'keystone-oidc' ),
		email_verified: __(
			'Whether this site asserts that the address belongs to the user (scope email).',
			'keystone-oidc'
		),
		name: __( 'The user’s display name (scope profile).', 'keystone-oidc' ),
		given_name: __( 'First name (scope profile).', 'keystone-oidc' ),
		family_name: __( 'Last name (scope profile).', 'keystone-oidc' ),
		nickname: __( 'Nickname (scope profile).', 'keystone-oidc' ),
		preferred_username: __(
			'The WordPress username (scope profile). Many applications use it as the login name.',
			'keystone-oidc'
		),
		profile: __(
			'The user’s author page (scope profile).',
			'keystone-oidc'
		),
		picture: __(
			'The user’s avatar image (scope profile).',
			'keystone-oidc'
		),
		website: __( 'The user’s website (scope profile).', 'keystone-oidc' ),
		locale: __( 'The user’s language (scope profile).', 'keystone-oidc' ),
		updated_at: __(
			'When the profile last changed (scope profile).',
			'keystone-oidc'
		),
		roles: __(
			'The user’s WordPress roles (scope roles). Applications such as Grafana or Nextcloud map them to their own roles or groups.',
			'keystone-oidc'
		),
		groups: __(
			'The same roles under the name many applications read group membership from (scope roles).',
			'keystone-oidc'
		),
		alg: __(
			'Signature algorithm; the application verifies it with the key from the JWKS.',
			'keystone-oidc'
		),
		kid: __(
			'ID of the signing key in the published JWKS.',
			'keystone-oidc'
		),
		typ: __(
			'Token type: JWT for ID tokens, at+jwt for access tokens (RFC 9068).',
			'keystone-oidc'
		),
	};
	return (
		meanings[ name ] ??
		__(
			'A mapped claim (Claims screen) or one added by a filter.',
			'keystone-oidc'
		)
	);
}
