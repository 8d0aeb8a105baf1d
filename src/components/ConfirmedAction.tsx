import { Button } from '@wordpress/components';
import { useState } from '@wordpress/element';
import type { ReactNode } from 'react';

import { ConfirmModal } from './ConfirmModal';
import { useNotices } from './Notices';
import { useBusy } from './useBusy';

interface ConfirmedActionProps< T > {
	/** The button's text, also the confirm button's. */
	label: string;
	/** The confirmation's title. */
	title: string;
	/** What the confirmation explains. */
	children: ReactNode;
	perform: () => Promise< T >;
	/** What the answer changes on the screen. */
	onDone?: ( answer: T ) => void;
	/** The success notice for the answer; none when absent. */
	success?: ( answer: T ) => string;
	destructive?: boolean;
	/** The button as WordPress styles a primary destructive action instead of a secondary one. */
	primary?: boolean;
	disabled?: boolean;
}

/**
 * A button whose action asks first: the confirmation stays open, and cannot be dismissed, while
 * the request runs; the outcome is a notice at the top of the screen.
 */
export function ConfirmedAction< T >( {
	label,
	title,
	children,
	perform,
	onDone,
	success,
	destructive = false,
	primary = false,
	disabled = false,
}: ConfirmedActionProps< T > ) {
	const [ confirming, setConfirming ] = useState( false );
	const { busy, run } = useBusy();
	const notices = useNotices();

	const confirm = () =>
		run( async () => {
			try {
				const answer = await perform();
				onDone?.( answer );
				if ( success ) {
					notices.show( 'success', success( answer ) );
				}
			} finally {
				setConfirming( false );
			}
		} );

	return (
		<>
			<Button
				variant={ primary ? 'primary' : 'secondary' }
				isDestructive={ primary && destructive }
				onClick={ () => setConfirming( true ) }
				disabled={ busy || disabled }
				__next40pxDefaultSize
			>
				{ label }
			</Button>
			{ confirming && (
				<ConfirmModal
					title={ title }
					confirmLabel={ label }
					onConfirm={ confirm }
					onCancel={ () => setConfirming( false ) }
					busy={ busy }
					destructive={ destructive }
				>
					{ children }
				</ConfirmModal>
			) }
		</>
	);
}
