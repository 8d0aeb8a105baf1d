/**
 * Turns whatever `apiFetch` rejected with into one shape. It rejects with the REST error body
 * (`{code, message, data}`), with `{code: 'fetch_error'}` when the network failed, or with
 * `{code: 'invalid_json'}` when the answer was not JSON. Screens branch on `code`, never on text.
 */

export interface ApiError {
	code: string;
	/** The server's own (already translated) message, when it sent one. */
	message: string;
	status: number | null;
	/** Per-parameter messages of a `rest_invalid_param` error. */
	params: Record< string, string >;
}

function isRecord( value: unknown ): value is Record< string, unknown > {
	return typeof value === 'object' && value !== null;
}

export function toApiError( error: unknown ): ApiError {
	if ( ! isRecord( error ) ) {
		return { code: 'unknown_error', message: '', status: null, params: {} };
	}
	const code =
		typeof error.code === 'string' && error.code !== ''
			? error.code
			: 'unknown_error';
	const message = typeof error.message === 'string' ? error.message : '';
	let status: number | null = null;
	const params: Record< string, string > = {};
	if ( isRecord( error.data ) ) {
		if ( typeof error.data.status === 'number' ) {
			status = error.data.status;
		}
		if ( isRecord( error.data.params ) ) {
			for ( const [ name, text ] of Object.entries(
				error.data.params
			) ) {
				if ( typeof text === 'string' ) {
					params[ name ] = text;
				}
			}
		}
	}
	return { code, message, status, params };
}
