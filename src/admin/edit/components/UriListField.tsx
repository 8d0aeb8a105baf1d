import { TextareaControl } from '@wordpress/components';

import type { UriLineError } from '../types';
import { uriLineErrorText } from './messages';

interface UriListFieldProps {
	label: string;
	help: string;
	value: string;
	onChange: ( value: string ) => void;
	errors: UriLineError[];
	/** An extra message for the whole field, e.g. "enter at least one". */
	fieldError?: string | null;
	placeholder?: string;
	required?: boolean;
}

/**
 * A one-URI-per-line textarea that lists what is wrong with each line as the admin types.
 */
export function UriListField( {
	label,
	help,
	value,
	onChange,
	errors,
	fieldError = null,
	placeholder,
	required = false,
}: UriListFieldProps ) {
	const invalid = errors.length > 0 || fieldError !== null;
	return (
		<div className="keystone-oidc-field">
			<TextareaControl
				__nextHasNoMarginBottom
				label={ label }
				value={ value }
				onChange={ onChange }
				rows={ 3 }
				placeholder={ placeholder }
				required={ required }
				aria-invalid={ invalid }
				spellCheck={ false }
				autoCapitalize="off"
				autoComplete="off"
				help={
					<>
						{ help }
						<ul
							className="keystone-oidc-field-errors"
							aria-live="polite"
						>
							{ fieldError !== null && <li>{ fieldError }</li> }
							{ errors.map( ( error ) => (
								<li
									key={ `${ error.line }-${ error.problem }` }
								>
									{ uriLineErrorText( error ) }
								</li>
							) ) }
						</ul>
					</>
				}
			/>
		</div>
	);
}
