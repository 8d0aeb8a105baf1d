import { __, sprintf } from '@wordpress/i18n';

import type { NameProblem, UriLineError, UriProblem } from '../types';

export function uriProblemText( problem: UriProblem ): string {
	switch ( problem ) {
		case 'too_long':
			return __( 'is longer than 2000 characters', 'keystone-oidc' );
		case 'non_ascii':
			return __(
				'contains non-ASCII characters; percent-encode them',
				'keystone-oidc'
			);
		case 'no_host':
			return __( 'must name a host after //', 'keystone-oidc' );
		case 'not_absolute':
			return __(
				'must be an absolute URI with a scheme, like https://app.example/callback',
				'keystone-oidc'
			);
		case 'fragment':
			return __( 'must not contain a fragment (#…)', 'keystone-oidc' );
		case 'http_not_loopback':
			return __(
				'must use https; http is only allowed for localhost, 127.0.0.1 and [::1]',
				'keystone-oidc'
			);
		case 'userinfo':
			return __(
				'must not contain a user name or password before the host (user@)',
				'keystone-oidc'
			);
		case 'wildcard':
			return __(
				'must be exact; wildcards (*) in the host are not allowed',
				'keystone-oidc'
			);
		case 'whitespace':
			return __( 'must not contain spaces', 'keystone-oidc' );
		case 'dangerous_scheme':
			return __(
				'uses a scheme that is never allowed (javascript:, data:, vbscript:, file:)',
				'keystone-oidc'
			);
		case 'not_web':
			return __( 'must be an https URI', 'keystone-oidc' );
		case 'duplicate':
			return __( 'is listed twice', 'keystone-oidc' );
	}
}

export function uriLineErrorText( error: UriLineError ): string {
	return sprintf(
		/* translators: 1: line number, 2: the URI as typed, 3: what is wrong with it. */
		__( 'Line %1$d (%2$s) %3$s.', 'keystone-oidc' ),
		error.line,
		error.uri,
		uriProblemText( error.problem )
	);
}

export function nameProblemText( problem: NameProblem ): string {
	return problem === 'required'
		? __( 'Enter the name of the application.', 'keystone-oidc' )
		: __( 'The name can be at most 200 characters long.', 'keystone-oidc' );
}

/** Plain-language meaning of the scopes the plugin ships; other scopes are shown as they are. */
export function scopeDescription( scope: string ): string | null {
	switch ( scope ) {
		case 'openid':
			return __(
				'Sign in with the WordPress account (always included)',
				'keystone-oidc'
			);
		case 'profile':
			return __(
				'Name, nickname, website and profile picture',
				'keystone-oidc'
			);
		case 'email':
			return __(
				'Email address and whether it is verified',
				'keystone-oidc'
			);
		case 'offline_access':
			return __(
				'Stay signed in: the application may receive refresh tokens',
				'keystone-oidc'
			);
		case 'roles':
			return __(
				'WordPress roles, as the “roles” and “groups” claims (e.g. administrator)',
				'keystone-oidc'
			);
		default:
			return null;
	}
}
