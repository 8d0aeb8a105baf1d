import { Notice } from '@wordpress/components';
import { DataViews, type View } from '@wordpress/dataviews';
import { useEffect, useMemo, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { errorMessage, listClients } from '../../../api';
import { PageHeader } from '../../../components/PageHeader';
import { useLoad } from '../../../components/useLoad';
import { fetchActivity, fetchUserOptions } from '../api';
import {
	defaultView,
	queryFromView,
	searchFromQuery,
	type DateRange as Range,
} from '../query';
import type { ActivityEntry, ActivityPage, NamedOption } from '../types';
import { DateRange } from './DateRange';
import { activityFields } from './fields';

type PageState =
	| { status: 'loading'; last: ActivityPage | null }
	| { status: 'failed'; error: unknown }
	| { status: 'ready'; page: ActivityPage };

/**
 * The activity log: one page at a time from the server, which filters and counts.
 */
export function ActivityScreen() {
	const { state: clientsLoad } = useLoad( listClients );
	const { state: usersLoad } = useLoad( fetchUserOptions );
	const [ view, setView ] = useState< View >( defaultView );
	const [ dates, setDates ] = useState< Range >( { from: '', to: '' } );
	const [ state, setState ] = useState< PageState >( {
		status: 'loading',
		last: null,
	} );

	const query = useMemo(
		() => queryFromView( view, dates ),
		[ view, dates ]
	);
	// The query string identifies a request: an answer to an older one is dropped.
	const search = searchFromQuery( query );

	useEffect( () => {
		let current = true;
		setState( ( previous ) => ( {
			status: 'loading',
			last: previous.status === 'ready' ? previous.page : null,
		} ) );
		fetchActivity( query ).then(
			( page ) => current && setState( { status: 'ready', page } ),
			( error: unknown ) =>
				current && setState( { status: 'failed', error } )
		);
		return () => {
			current = false;
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- `search` is the query.
	}, [ search ] );

	const clients: NamedOption< string >[] = useMemo(
		() =>
			clientsLoad.status === 'ready'
				? clientsLoad.data.map( ( client ) => ( {
						value: client.client_id,
						label: client.name,
				  } ) )
				: [],
		[ clientsLoad ]
	);
	const users = useMemo(
		() => ( usersLoad.status === 'ready' ? usersLoad.data : [] ),
		[ usersLoad ]
	);
	const fields = useMemo(
		() => activityFields( clients, users ),
		[ clients, users ]
	);

	let shown: ActivityPage | null = null;
	if ( state.status === 'ready' ) {
		shown = state.page;
	} else if ( state.status === 'loading' ) {
		shown = state.last;
	}

	const changeDates = ( next: Range ) => {
		setDates( next );
		setView( { ...view, page: 1 } );
	};

	return (
		<div className="keystone-oidc-screen keystone-oidc-activity">
			<PageHeader title={ __( 'Activity', 'keystone-oidc' ) } />
			<p className="description">
				{ __(
					'Sign-ins, consents, tokens, failed client authentications, refresh token reuse, key rotations and changes to clients, newest first. Old entries are deleted after the retention set in Settings.',
					'keystone-oidc'
				) }
			</p>
			<DateRange value={ dates } onChange={ changeDates } />
			{ state.status === 'failed' && (
				<Notice status="error" isDismissible={ false }>
					{ errorMessage( state.error ) }
				</Notice>
			) }
			<div className="keystone-oidc-activity-list">
				<DataViews< ActivityEntry >
					view={ view }
					onChangeView={ setView }
					fields={ fields }
					data={ shown?.entries ?? [] }
					isLoading={ state.status === 'loading' && shown === null }
					getItemId={ ( entry ) => String( entry.id ) }
					paginationInfo={ {
						totalItems: shown?.total ?? 0,
						totalPages: shown?.totalPages ?? 0,
					} }
					defaultLayouts={ { table: {} } }
					search={ false }
				/>
			</div>
			{ shown !== null && (
				<p className="description" aria-live="polite">
					{ sprintf(
						/* translators: %d: number of entries. */
						__( '%d entries match.', 'keystone-oidc' ),
						shown.total
					) }
				</p>
			) }
		</div>
	);
}
