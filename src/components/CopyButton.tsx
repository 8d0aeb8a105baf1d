import { Button } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { speak } from '@wordpress/a11y';

import { copyText } from './copy-text';

interface CopyButtonProps {
	text: string;
	/** What is copied ("Client ID"); the button is announced as "Copy Client ID". */
	label: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

export function CopyButton( { text, label }: CopyButtonProps ) {
	const [ state, setState ] = useState< CopyState >( 'idle' );

	useEffect( () => {
		if ( state === 'idle' ) {
			return undefined;
		}
		const timer = window.setTimeout( () => setState( 'idle' ), 2500 );
		return () => window.clearTimeout( timer );
	}, [ state ] );

	const onClick = async () => {
		const copied = await copyText( text );
		setState( copied ? 'copied' : 'failed' );
		speak(
			copied
				? __( 'Copied to the clipboard.', 'keystone-oidc' )
				: __(
						'Could not copy. Select the text and copy it by hand.',
						'keystone-oidc'
				  )
		);
	};

	let caption = __( 'Copy', 'keystone-oidc' );
	if ( state === 'copied' ) {
		caption = __( 'Copied!', 'keystone-oidc' );
	} else if ( state === 'failed' ) {
		caption = __( 'Copy failed', 'keystone-oidc' );
	}

	return (
		<Button
			variant="secondary"
			size="compact"
			className="keystone-oidc-copy-button"
			onClick={ onClick }
			label={ sprintf(
				/* translators: %s: what the button copies, e.g. "Client ID". */
				__( 'Copy %s', 'keystone-oidc' ),
				label
			) }
			showTooltip={ false }
		>
			{ caption }
		</Button>
	);
}
