import {
	Button,
	Card,
	CardBody,
	Notice,
	SearchControl,
} from '@wordpress/components';
import { useEffect, useMemo, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { errorMessage, listClients } from '../../../api';
import type { Client } from '../../../api/types';
import { CopyableField } from '../../../components/CopyableField';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import {
	adminPageUrl,
	PAGES,
	type AdminConfig,
} from '../../../config/admin-config';
import {
	DELETED_PARAM,
	readListQuery,
	visibleClients,
	withoutDeletedNotice,
	writeListQuery,
} from '../list';
import type { ListQuery } from '../types';
import { ClientsTable } from './ClientsTable';

type LoadState =
	| { status: 'loading' }
	| { status: 'failed'; message: string }
	| { status: 'ready'; clients: Client[] };

export function ClientsScreen( { config }: { config: AdminConfig } ) {
	const [ load, setLoad ] = useState< LoadState >( { status: 'loading' } );
	const [ query, setQuery ] = useState< ListQuery >( () =>
		readListQuery( window.location.search )
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

	useEffect( () => {
		let current = true;
		listClients()
			.then( ( clients ) => {
				if ( current ) {
					setLoad( { status: 'ready', clients } );
				}
			} )
			.catch( ( error: unknown ) => {
				if ( current ) {
					setLoad( {
						status: 'failed',
						message: errorMessage( error ),
					} );
				}
			} );
		return () => {
			current = false;
		};
	}, [] );

	const changeQuery = ( next: ListQuery ) => {
		setQuery( next );
		window.history.replaceState(
			null,
			'',
			writeListQuery( window.location.search, next )
		);
	};

	const rows = useMemo(
		() =>
			load.status === 'ready'
				? visibleClients( load.clients, query )
				: [],
		[ load, query ]
	);

	const addUrl = adminPageUrl( config.adminUrl, PAGES.edit );
	const editUrl = ( client: Client ) =>
		adminPageUrl( config.adminUrl, PAGES.edit, {
			client_id: client.client_id,
		} );

	let body;
	if ( load.status === 'loading' ) {
		body = <Loading label={ __( 'Loading clients…', 'keystone-oidc' ) } />;
	} else if ( load.status === 'failed' ) {
		body = (
			<Notice status="error" isDismissible={ false }>
				{ load.message }
			</Notice>
		);
	} else if ( load.clients.length === 0 ) {
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
				<div className="keystone-oidc-search" role="search">
					<SearchControl
						__nextHasNoMarginBottom
						label={ __( 'Search clients', 'keystone-oidc' ) }
						placeholder={ __( 'Search clients', 'keystone-oidc' ) }
						value={ query.search }
						onChange={ ( search ) =>
							changeQuery( { ...query, search } )
						}
					/>
				</div>
				<ClientsTable
					clients={ rows }
					query={ query }
					onQueryChange={ changeQuery }
					editUrl={ editUrl }
				/>
				<p className="description" aria-live="polite">
					{ sprintf(
						/* translators: 1: clients shown, 2: all clients. */
						__( 'Showing %1$d of %2$d clients.', 'keystone-oidc' ),
						rows.length,
						load.clients.length
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
