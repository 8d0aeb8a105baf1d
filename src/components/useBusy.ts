import { useCallback, useState } from '@wordpress/element';

import { errorMessage } from '../api/messages';
import { useNotices } from './Notices';

/**
 * Runs one request at a time for a save or a confirmed action: `busy` while it runs, and a
 * failure becomes an error notice unless `onError` handles it.
 */
export function useBusy(): {
	busy: boolean;
	run: (
		task: () => Promise< void >,
		onError?: ( error: unknown ) => void
	) => Promise< void >;
} {
	const [ busy, setBusy ] = useState( false );
	const notices = useNotices();
	const run = useCallback(
		async (
			task: () => Promise< void >,
			onError?: ( error: unknown ) => void
		) => {
			setBusy( true );
			try {
				await task();
			} catch ( error ) {
				if ( onError ) {
					onError( error );
				} else {
					notices.show( 'error', errorMessage( error ) );
				}
			} finally {
				setBusy( false );
			}
		},
		[ notices ]
	);
	return { busy, run };
}
