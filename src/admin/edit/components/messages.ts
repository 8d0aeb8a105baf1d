import { __, sprintf } from '@wordpress/i18n';

import { adminConfig } from '../../../config';
import type { NameProblem, UriLineError, UriProblem } from '../types';

/**
 * The limits and lists quoted below are the server's, from the screen config: a problem that
 * names one was found by those very rules, so they are there whenever it is shown.
 */
function rules() {
	return adminConfig().rules;
}

export function uriProblemText( problem: UriProblem ): string {
	switch ( problem ) {
		case 'empty':
			return __( 'is empty', 'keystone-oidc' );
		case 'too_long':
			return sprintf(
				/* translators: %d: the largest length of a URI. */
				__( 'is longer than %d characters', 'keystone-oidc' ),
				rules()?.redirectUri.maxLength ?? 0
			);
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
			return sprintf(
				/* translators: %s: the schemes that are never allowed, like "javascript:, data:". */
				__(
					'uses a scheme that is never allowed (%s)',
					'keystone-oidc'
				),
				( rules()?.redirectUri.forbiddenSchemes ?? [] )
					.map( ( scheme ) => `${ scheme }:` )
					.join( ', ' )
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
		: sprintf(
				/* translators: %d: the largest length of a client name. */
				__(
					'The name can be at most %d characters long.',
					'keystone-oidc'
				),
				rules()?.clientName.maxLength ?? 0
		  );
}

/**
 * What a scope lets an application see, in the words users are asked in
 * (`Rules\Scope_Descriptions`); null for a custom scope nobody described, which PHP shows by name.
 */
export function scopeDescription( scope: string ): string | null {
	const description = adminConfig().scopeDescriptions[ scope ];
	return description === undefined || description === scope
		? null
		: description;
}
