import { Button } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { FormEvent } from 'react';

import type { ConsentDecision } from '../types';

/**
 * Allow and Deny as a real form post, as in the forms without script they replace: the clicked
 * button sends `decision=allow|deny` with the hidden fields (the request and the nonce). A second
 * click while the first is on its way sends nothing.
 */
export function DecisionForm( {
	action,
	hidden,
}: {
	action: string;
	hidden: Record< string, string >;
} ) {
	const [ sending, setSending ] = useState< ConsentDecision | null >( null );

	const onSubmit = ( event: FormEvent< HTMLFormElement > ) => {
		const submitter = ( event.nativeEvent as SubmitEvent ).submitter;
		if ( sending !== null ) {
			event.preventDefault();
			return;
		}
		const decision = submitter?.getAttribute( 'value' );
		setSending( decision === 'deny' ? 'deny' : 'allow' );
	};

	return (
		<form method="post" action={ action } onSubmit={ onSubmit }>
			{ Object.entries( hidden ).map( ( [ name, value ] ) => (
				<input
					key={ name }
					type="hidden"
					name={ name }
					value={ value }
				/>
			) ) }
			<div className="keystone-oidc-consent__actions">
				<Button
					type="submit"
					name="decision"
					value="allow"
					variant="primary"
					__next40pxDefaultSize
					className="keystone-oidc-consent__button"
					isBusy={ sending === 'allow' }
					aria-disabled={ sending !== null }
				>
					{ sending === 'allow'
						? __( 'Allowing…', 'keystone-oidc' )
						: __( 'Allow', 'keystone-oidc' ) }
				</Button>
				<Button
					type="submit"
					name="decision"
					value="deny"
					variant="secondary"
					__next40pxDefaultSize
					className="keystone-oidc-consent__button"
					isBusy={ sending === 'deny' }
					aria-disabled={ sending !== null }
				>
					{ sending === 'deny'
						? __( 'Denying…', 'keystone-oidc' )
						: __( 'Deny', 'keystone-oidc' ) }
				</Button>
			</div>
		</form>
	);
}
