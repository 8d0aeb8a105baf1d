import { Button } from '@wordpress/components';
import { useCopyToClipboard } from '@wordpress/compose';
import { useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { speak } from '@wordpress/a11y';

interface CopyButtonProps {
	text: string;
	/** What is copied ("Client ID"); the button is announced as "Copy Client ID". */
	label: string;
}

/** How long the button says "Copied!" before it offers to copy again. */
const COPIED_FOR_MS = 2500;

export function CopyButton( { text, label }: CopyButtonProps ) {
	const [ copied, setCopied ] = useState( false );
	const ref = useCopyToClipboard< HTMLButtonElement >( text, () => {
		setCopied( true );
		speak( __( 'Copied to the clipboard.', 'keystone-oidc' ) );
	} );

	useEffect( () => {
		if ( ! copied ) {
			return undefined;
		}
		const timer = window.setTimeout(
			() => setCopied( false ),
			COPIED_FOR_MS
		);
		return () => window.clearTimeout( timer );
	}, [ copied ] );

	return (
		<Button
			ref={ ref }
			variant="secondary"
			size="compact"
			className="keystone-oidc-copy-button"
			label={ sprintf(
				/* translators: %s: what the button copies, e.g. "Client ID". */
				__( 'Copy %s', 'keystone-oidc' ),
				label
			) }
			showTooltip={ false }
		>
			{ copied
				? __( 'Copied!', 'keystone-oidc' )
				: __( 'Copy', 'keystone-oidc' ) }
		</Button>
	);
}
