import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import type { MouseEvent } from 'react';

import type { Client } from '../../../api/types';
import { ariaSort, formatCreated, writeListQuery, nextSort } from '../list';
import type { ListQuery, SortColumn } from '../types';

interface ClientsTableProps {
	clients: Client[];
	query: ListQuery;
	onQueryChange: ( query: ListQuery ) => void;
	editUrl: ( client: Client ) => string;
}

interface SortableHeaderProps {
	column: SortColumn;
	label: string;
	query: ListQuery;
	onQueryChange: ( query: ListQuery ) => void;
}

/**
 * A column header in the markup of WordPress list tables, so core's `sortable`/`sorted` styles
 * and sorting indicators apply.
 */
function SortableHeader( {
	column,
	label,
	query,
	onQueryChange,
}: SortableHeaderProps ) {
	const sorted = query.orderby === column;
	const next = nextSort( query, column );
	const onClick = ( event: MouseEvent< HTMLAnchorElement > ) => {
		event.preventDefault();
		onQueryChange( next );
	};
	return (
		<th
			scope="col"
			className={ `manage-column column-${ column }${
				column === 'name' ? ' column-primary' : ''
			} ${ sorted ? 'sorted' : 'sortable' } ${
				sorted ? query.order : 'desc'
			}` }
			aria-sort={ ariaSort( query, column ) }
		>
			<a
				href={ writeListQuery( window.location.search, next ) }
				onClick={ onClick }
			>
				<span>{ label }</span>
				<span className="sorting-indicators">
					<span
						className="sorting-indicator asc"
						aria-hidden="true"
					/>
					<span
						className="sorting-indicator desc"
						aria-hidden="true"
					/>
				</span>
				<span className="screen-reader-text">
					{ next.order === 'asc'
						? __( 'Sort ascending.', 'keystone-oidc' )
						: __( 'Sort descending.', 'keystone-oidc' ) }
				</span>
			</a>
		</th>
	);
}

export function ClientsTable( {
	clients,
	query,
	onQueryChange,
	editUrl,
}: ClientsTableProps ) {
	const headerProps = { query, onQueryChange };
	// On narrow screens WordPress list tables show only the primary column until a row is expanded.
	const [ expanded, setExpanded ] = useState< ReadonlySet< string > >(
		() => new Set()
	);
	const toggle = ( clientId: string ) =>
		setExpanded( ( previous ) => {
			const next = new Set( previous );
			if ( ! next.delete( clientId ) ) {
				next.add( clientId );
			}
			return next;
		} );
	return (
		<table className="wp-list-table widefat fixed striped table-view-list keystone-oidc-clients-table">
			<caption className="screen-reader-text">
				{ __( 'Registered OpenID Connect clients', 'keystone-oidc' ) }
			</caption>
			<thead>
				<tr>
					<SortableHeader
						column="name"
						label={ __( 'Name', 'keystone-oidc' ) }
						{ ...headerProps }
					/>
					<SortableHeader
						column="client_id"
						label={ __( 'Client ID', 'keystone-oidc' ) }
						{ ...headerProps }
					/>
					<th scope="col" className="manage-column column-scopes">
						{ __( 'Allowed Scopes', 'keystone-oidc' ) }
					</th>
					<SortableHeader
						column="type"
						label={ __( 'Type', 'keystone-oidc' ) }
						{ ...headerProps }
					/>
					<SortableHeader
						column="created"
						label={ __( 'Created', 'keystone-oidc' ) }
						{ ...headerProps }
					/>
				</tr>
			</thead>
			<tbody>
				{ clients.length === 0 && (
					<tr className="no-items">
						<td className="colspanchange" colSpan={ 5 }>
							{ sprintf(
								/* translators: %s: the search text. */
								__( 'No clients match “%s”.', 'keystone-oidc' ),
								query.search
							) }
						</td>
					</tr>
				) }
				{ clients.map( ( client ) => (
					<tr
						key={ client.client_id }
						className={
							expanded.has( client.client_id )
								? 'is-expanded'
								: undefined
						}
					>
						<td
							className="column-name column-primary"
							data-colname={ __( 'Name', 'keystone-oidc' ) }
						>
							<strong>
								<a
									className="row-title"
									href={ editUrl( client ) }
								>
									{ client.name }
								</a>
							</strong>
							<div className="row-actions visible">
								<span className="edit">
									<a
										href={ editUrl( client ) }
										aria-label={ sprintf(
											/* translators: %s: application name. */
											__( 'Edit “%s”', 'keystone-oidc' ),
											client.name
										) }
									>
										{ __( 'Edit', 'keystone-oidc' ) }
									</a>
								</span>
							</div>
							<button
								type="button"
								className="toggle-row"
								aria-expanded={ expanded.has(
									client.client_id
								) }
								onClick={ () => toggle( client.client_id ) }
							>
								<span className="screen-reader-text">
									{ __(
										'Show more details',
										'keystone-oidc'
									) }
								</span>
							</button>
						</td>
						<td
							className="column-client_id"
							data-colname={ __( 'Client ID', 'keystone-oidc' ) }
						>
							<code>{ client.client_id }</code>
						</td>
						<td
							className="column-scopes"
							data-colname={ __(
								'Allowed Scopes',
								'keystone-oidc'
							) }
						>
							<span className="keystone-oidc-scope-list">
								{ client.scopes.map( ( scope ) => (
									<span
										key={ scope }
										className="keystone-oidc-scope"
									>
										{ scope }
									</span>
								) ) }
							</span>
						</td>
						<td
							className="column-type"
							data-colname={ __( 'Type', 'keystone-oidc' ) }
						>
							{ client.type === 'public'
								? __( 'Public', 'keystone-oidc' )
								: __( 'Confidential', 'keystone-oidc' ) }
						</td>
						<td
							className="column-created"
							data-colname={ __( 'Created', 'keystone-oidc' ) }
						>
							<time dateTime={ client.created_at }>
								{ formatCreated( client.created_at ) }
							</time>
						</td>
					</tr>
				) ) }
			</tbody>
		</table>
	);
}
