import { NoticeList } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { useMemo } from '@wordpress/element';
import { store as noticesStore } from '@wordpress/notices';

export type NoticeStatus = 'success' | 'error' | 'warning' | 'info';

export interface NoticesApi {
	show: ( status: NoticeStatus, message: string ) => void;
	clear: () => void;
}

/** The screens' own notices, apart from any other plugin's in the `core/notices` store. */
const CONTEXT = 'keystone-oidc';

/**
 * Notices through WordPress's `core/notices` store. A repeated message replaces its older copy
 * (the store replaces a notice of the same id) instead of stacking.
 */
export function useNotices( {
	scrollToTop = true,
}: {
	/** Off where the notices do not sit at the top of the page (the profile screen's section). */
	scrollToTop?: boolean;
} = {} ): NoticesApi {
	const { createNotice, removeAllNotices } = useDispatch( noticesStore );
	return useMemo(
		() => ( {
			show: ( status: NoticeStatus, message: string ) => {
				void createNotice( status, message, {
					id: `${ status }:${ message }`,
					context: CONTEXT,
					// The Notice component announces its own text.
					speak: false,
				} );
				if ( scrollToTop ) {
					// Notices sit at the top of the screen; bring them into view after an action further down.
					window.scrollTo( { top: 0, behavior: 'smooth' } );
				}
			},
			clear: () => {
				void removeAllNotices( 'default', CONTEXT );
			},
		} ),
		[ createNotice, removeAllNotices, scrollToTop ]
	);
}

/** The notices of the screen, newest first, as WordPress's own screens list them. */
export function Notices() {
	const notices = useSelect(
		( select ) => select( noticesStore ).getNotices( CONTEXT ),
		[]
	);
	const { removeNotice } = useDispatch( noticesStore );
	if ( notices.length === 0 ) {
		return null;
	}
	return (
		<NoticeList
			className="keystone-oidc-notices"
			notices={ [ ...notices ].reverse().map( ( notice ) => ( {
				id: notice.id,
				status: notice.status,
				content: notice.content,
				isDismissible: notice.isDismissible,
			} ) ) }
			onRemove={ ( id ) => void removeNotice( id, CONTEXT ) }
		/>
	);
}
