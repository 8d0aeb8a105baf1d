import { Button, Card, CardBody, Notice } from '@wordpress/components';
import { DataViews, type View } from '@wordpress/dataviews';
import { useCallback, useEffect, useMemo, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { errorMessage, listClients, listRegistrations } from '../../../api';
import type { Client } from '../../../api/types';
import { CopyableField } from '../../../components/CopyableField';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { useLoad } from '../../../components/useLoad';
import {
	adminPageUrl,
	PAGES,
	type AdminConfig,
} from '../../../config/admin-config';
import {
	clientsPage,
	DELETED_PARAM,
	queryFromView,
	readListQuery,
	viewFromQuery,
	withoutDeletedNotice,
	writeListQuery,
} from '../list';
import { clientFields } from './fields';
import '../clients.scss';

export function ClientsScreen( { config }: { config: AdminConfig } ) {
	const { state: load } = useLoad( listClients );
	const { state: registrationsLoad } = useLoad( listRegistrations );
	const [ view, setView ] = useState< View >( () =>
		viewFromQuery( readListQuery( window.location.search ) )
	);
	const [ deleted ] = useState( () =>
		new URLSearchParams( window.location.search ).get( DELETED_PARAM )
	);
	const [ showDeleted, setShowDeleted ] = useState( deleted !== null );

	useEffect( () => {
		if ( deleted !== null ) {
			window.history.replaceState(
				null,
				'',
				withoutDeletedNotice( window.location.search )
			);
		}
	}, [ deleted ] );

	// Search and sort live in the URL (`s`, `orderby`, `order`) like WordPress list tables, so a
	// reload or a shared link shows the same list.
	const changeView = ( next: View ) => {
		setView( next );
		window.history.replaceState(
			null,
			'',
			writeListQuery( window.location.search, queryFromView( next ) )
		);
	};

	const page = useMemo(
		() =>
			load.status === 'ready'
				? clientsPage( load.data, view )
				: { rows: [], matching: 0, totalPages: 1 },
		[ load, view ]
	);

	const addUrl = adminPageUrl( config.adminUrl, PAGES.edit );
	const editUrl = useCallback(
		( client: Client ) =>
			adminPageUrl( config.adminUrl, PAGES.edit, {
				client_id: client.client_id,
			} ),
		[ config.adminUrl ]
	);

	const registrations = useMemo(
		() =>
			new Map(
				registrationsLoad.status === 'ready'
					? registrationsLoad.data.map( ( row ) => [
							row.client_id,
							row,
					  ] )
					: []
			),
		[ registrationsLoad ]
	);
	const fields = useMemo(
		() => clientFields( editUrl, registrations ),
		[ editUrl, registrations ]
	);

	let body;
	if ( load.status === 'loading' ) {
		body = <Loading label={ __( 'Loading clients…', 'keystone-oidc' ) } />;
	} else if ( load.status === 'failed' ) {
		body = (
			<Notice status="error" isDismissible={ false }>
				{ errorMessage( load.error ) }
			</Notice>
		);
	} else if ( load.data.length === 0 ) {
		body = (
			<Card>
				<CardBody className="keystone-oidc-empty">
					<h2>{ __( 'No clients yet', 'keystone-oidc' ) }</h2>
					<p>
						{ __(
							'A client is an application whose users sign in with their WordPress account. Register one to get its Client ID and Secret.',
							'keystone-oidc'
						) }
					</p>
					<Button
						variant="primary"
						href={ addUrl }
						__next40pxDefaultSize
					>
						{ __( 'Add your first client', 'keystone-oidc' ) }
					</Button>
				</CardBody>
			</Card>
		);
	} else {
		body = (
			<>
				<div className="keystone-oidc-clients-list">
					<DataViews< Client >
						view={ view }
						onChangeView={ changeView }
						fields={ fields }
						data={ page.rows }
						getItemId={ ( client ) => client.client_id }
						paginationInfo={ {
							totalItems: page.matching,
							totalPages: page.totalPages,
						} }
						defaultLayouts={ { table: {} } }
						searchLabel={ __( 'Search clients', 'keystone-oidc' ) }
					/>
				</div>
				<p className="description" aria-live="polite">
					{ sprintf(
						/* translators: 1: clients shown, 2: all clients. */
						__( 'Showing %1$d of %2$d clients.', 'keystone-oidc' ),
						page.matching,
						load.data.length
					) }
				</p>
			</>
		);
	}

	return (
		<div className="keystone-oidc-screen keystone-oidc-clients">
			<PageHeader
				title={ __( 'Clients', 'keystone-oidc' ) }
				actions={
					<a className="page-title-action" href={ addUrl }>
						{ __( 'Add Client', 'keystone-oidc' ) }
					</a>
				}
			/>
			{ showDeleted && deleted !== null && (
				<div className="keystone-oidc-notices">
					<Notice
						status="success"
						onRemove={ () => setShowDeleted( false ) }
					>
						{ sprintf(
							/* translators: %s: application name. */
							__(
								'Client “%s” deleted, and all its tokens revoked.',
								'keystone-oidc'
							),
							deleted
						) }
					</Notice>
				</div>
			) }
			<Card>
				<CardBody>
					<CopyableField
						label={ __( 'Discovery URL', 'keystone-oidc' ) }
						value={ config.discoveryUrl }
						help={ __(
							'Give this URL to applications: OpenID Connect libraries find every endpoint and key from it.',
							'keystone-oidc'
						) }
					/>
				</CardBody>
			</Card>
			{ body }
		</div>
	);
}
