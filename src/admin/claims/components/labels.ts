import { __, sprintf } from '@wordpress/i18n';

import { adminConfig } from '../../../config';
import type { MappingProblem } from '../types';

/**
 * The limits quoted below are the server's, from the screen config: a problem that names one was
 * found by those very rules, so they are there whenever it is shown.
 */
function rules() {
	return adminConfig().rules?.claims;
}

export function problemText( problem: MappingProblem ): string {
	switch ( problem ) {
		case 'claim_required':
			return __( 'Enter a claim name.', 'keystone-oidc' );
		case 'claim_pattern':
			return sprintf(
				/* translators: %d: the largest length of a claim name. */
				__(
					'Start with a letter or an underscore; use at most %d letters, digits and the characters _ . : -',
					'keystone-oidc'
				),
				rules()?.nameMaxLength ?? 0
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
			return sprintf(
				/* translators: %d: the largest length of a meta key. */
				__(
					'Use at most %d printable characters, without spaces.',
					'keystone-oidc'
				),
				rules()?.metaKeyMaxLength ?? 0
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
		maxMappings()
	);
}

/** How many mappings the server stores; without rules the screen sets no limit of its own. */
export function maxMappings(): number {
	return rules()?.maxMappings ?? Infinity;
}
