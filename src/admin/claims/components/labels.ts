import { __, sprintf } from '@wordpress/i18n';

import { MAX_MAPPINGS } from '../mappings';
import type { MappingProblem } from '../types';

export function problemText( problem: MappingProblem ): string {
	switch ( problem ) {
		case 'claim_required':
			return __( 'Enter a claim name.', 'keystone-oidc' );
		case 'claim_pattern':
			return __(
				'Start with a letter or an underscore; use at most 64 letters, digits and the characters _ . : -',
				'keystone-oidc'
			);
		case 'claim_reserved':
			return __(
				'This claim is set by the provider itself and cannot be mapped.',
				'keystone-oidc'
			);
		case 'claim_duplicate':
			return __( 'This claim is already mapped above.', 'keystone-oidc' );
		case 'meta_key_required':
			return __( 'Enter the user meta key to read.', 'keystone-oidc' );
		case 'meta_key_shape':
			return __(
				'Use at most 255 printable characters, without spaces.',
				'keystone-oidc'
			);
		case 'meta_key_protected':
			return __(
				'Keys starting with an underscore are protected: plugins keep their internal data there.',
				'keystone-oidc'
			);
		case 'meta_key_credential':
			return __(
				'This key looks like it holds a password, token, secret or key, which must never leave the site in a token.',
				'keystone-oidc'
			);
		case 'scope_unsupported':
			return __( 'Choose a scope.', 'keystone-oidc' );
	}
}

export function tooManyText(): string {
	return sprintf(
		/* translators: %d: the largest number of claim mappings. */
		__( 'At most %d claims can be mapped.', 'keystone-oidc' ),
		MAX_MAPPINGS
	);
}
