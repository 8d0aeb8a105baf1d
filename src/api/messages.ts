import { __, sprintf } from '@wordpress/i18n';

import { toApiError } from './errors';

/**
 * Validation errors: the server's (translated) message names the offending value, so it is shown
 * when present; the text here is the fallback.
 */
function validationMessage( code: string ): string | null {
	switch ( code ) {
		case 'keystone_oidc_invalid_redirect_uri':
			return __(
				'One of the redirect URIs is not allowed. Each must be an absolute URI without a fragment; http is only allowed for localhost and loopback addresses.',
				'keystone-oidc'
			);
		case 'keystone_oidc_invalid_name':
			return __(
				'The application name must be between 1 and 200 characters.',
				'keystone-oidc'
			);
		case 'keystone_oidc_invalid_scope':
			return __(
				'One of the scopes is not supported by this provider.',
				'keystone-oidc'
			);
		case 'keystone_oidc_invalid_type':
			return __(
				'The client type must be confidential or public.',
				'keystone-oidc'
			);
		case 'keystone_oidc_invalid_field':
			return __(
				'One of the advanced settings is not valid.',
				'keystone-oidc'
			);
		case 'keystone_oidc_invalid_claim_map':
			return __(
				'Some claim mappings are not valid. Fix the marked fields and save again.',
				'keystone-oidc'
			);
		default:
			return null;
	}
}

/**
 * Errors whose meaning for the admin does not depend on details: always this text.
 */
function fixedMessage( code: string ): string | null {
	switch ( code ) {
		case 'keystone_oidc_client_not_found':
			return __(
				'This client no longer exists. It may have been deleted in another window.',
				'keystone-oidc'
			);
		case 'keystone_oidc_public_client':
			return __(
				'Public clients have no secret to reset.',
				'keystone-oidc'
			);
		case 'keystone_oidc_storage_error':
			return __(
				'The change could not be saved in the database. Check the PHP error log and try again.',
				'keystone-oidc'
			);
		case 'keystone_oidc_forbidden':
		case 'rest_forbidden':
			return __(
				'You are not allowed to manage the OIDC provider. Ask an administrator.',
				'keystone-oidc'
			);
		case 'rest_cookie_invalid_nonce':
			return __(
				'Your session has expired. Reload the page and try again.',
				'keystone-oidc'
			);
		case 'rest_no_route':
			return __(
				'The OIDC Provider REST API is not available. Check that the plugin is active and up to date.',
				'keystone-oidc'
			);
		case 'fetch_error':
			return __(
				'The site could not be reached. Check your connection and try again.',
				'keystone-oidc'
			);
		case 'invalid_json':
			return __(
				'The site sent an unexpected answer. Check the PHP error log.',
				'keystone-oidc'
			);
		default:
			return null;
	}
}

/**
 * Readable, translated text for a failed REST call. Branches on the error code only; never shows
 * a raw JSON body.
 */
export function errorMessage( error: unknown ): string {
	const apiError = toApiError( error );
	const fixed = fixedMessage( apiError.code );
	if ( fixed !== null ) {
		return fixed;
	}
	const validation = validationMessage( apiError.code );
	if ( validation !== null ) {
		return apiError.message !== '' ? apiError.message : validation;
	}
	const details = Object.values( apiError.params );
	if ( apiError.code === 'rest_invalid_param' && details.length > 0 ) {
		return details.join( ' ' );
	}
	if ( apiError.message !== '' ) {
		return apiError.message;
	}
	return sprintf(
		/* translators: %s: an error code such as keystone_oidc_server_error. */
		__( 'Something went wrong (%s). Please try again.', 'keystone-oidc' ),
		apiError.code
	);
}
