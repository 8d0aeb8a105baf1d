import { Notice } from '@wordpress/components';
import { useCallback, useMemo, useReducer } from '@wordpress/element';

import {
	noticesReducer,
	type NoticeStatus,
	type ScreenNotice,
} from './notices';

export interface NoticesApi {
	notices: ScreenNotice[];
	show: ( status: NoticeStatus, message: string ) => void;
	remove: ( id: number ) => void;
	clear: () => void;
}

export function useNotices(): NoticesApi {
	const [ notices, dispatch ] = useReducer( noticesReducer, [] );
	const show = useCallback( ( status: NoticeStatus, message: string ) => {
		dispatch( { type: 'add', status, message } );
		// Notices sit at the top of the screen; bring them into view after an action further down.
		window.scrollTo( { top: 0, behavior: 'smooth' } );
	}, [] );
	const remove = useCallback(
		( id: number ) => dispatch( { type: 'remove', id } ),
		[]
	);
	const clear = useCallback( () => dispatch( { type: 'clear' } ), [] );
	return useMemo(
		() => ( { notices, show, remove, clear } ),
		[ notices, show, remove, clear ]
	);
}

export function Notices( { api }: { api: NoticesApi } ) {
	if ( api.notices.length === 0 ) {
		return null;
	}
	return (
		<div className="keystone-oidc-notices">
			{ api.notices.map( ( notice ) => (
				<Notice
					key={ notice.id }
					status={ notice.status }
					onRemove={ () => api.remove( notice.id ) }
				>
					{ notice.message }
				</Notice>
			) ) }
		</div>
	);
}
