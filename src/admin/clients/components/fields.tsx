import type { Field } from '@wordpress/dataviews';
import { __, sprintf } from '@wordpress/i18n';

import type { Client, Registration } from '../../../api/types';
import { formatCreated } from '../list';
import { DynamicClientNote } from './DynamicClientNote';
import {
	CodeClientNote,
	isDefinedInCode,
} from '../../../components/DefinedInCode';

/**
 * The columns of the clients table. Sorting and search are the list's own (`visibleClients`),
 * so every column stays shown and only the scopes cannot be sorted.
 */
export function clientFields(
	editUrl: ( client: Client ) => string,
	registrations: ReadonlyMap< string, Registration > = new Map()
): Field< Client >[] {
	return [
		{
			id: 'name',
			label: __( 'Name', 'keystone-oidc' ),
			enableHiding: false,
			getValue: ( { item } ) => item.name,
			render: ( { item } ) => (
				<div className="keystone-oidc-client-name">
					<strong>
						<a className="row-title" href={ editUrl( item ) }>
							{ item.name }
						</a>
					</strong>
					<DynamicClientNote
						client={ item }
						registration={ registrations.get( item.client_id ) }
					/>
					<CodeClientNote client={ item } />
					<div className="row-actions visible">
						<span className="edit">
							<a
								href={ editUrl( item ) }
								aria-label={
									isDefinedInCode( item )
										? sprintf(
												/* translators: %s: application name. */
												__(
													'View “%s”',
													'keystone-oidc'
												),
												item.name
										  )
										: sprintf(
												/* translators: %s: application name. */
												__(
													'Edit “%s”',
													'keystone-oidc'
												),
												item.name
										  )
								}
							>
								{ isDefinedInCode( item )
									? __( 'View', 'keystone-oidc' )
									: __( 'Edit', 'keystone-oidc' ) }
							</a>
						</span>
					</div>
				</div>
			),
		},
		{
			id: 'client_id',
			label: __( 'Client ID', 'keystone-oidc' ),
			enableHiding: false,
			getValue: ( { item } ) => item.client_id,
			render: ( { item } ) => <code>{ item.client_id }</code>,
		},
		{
			id: 'scopes',
			label: __( 'Allowed Scopes', 'keystone-oidc' ),
			enableHiding: false,
			enableSorting: false,
			getValue: ( { item } ) => item.scopes.join( ' ' ),
			render: ( { item } ) => (
				<span className="keystone-oidc-scope-list">
					{ item.scopes.map( ( scope ) => (
						<span key={ scope } className="keystone-oidc-scope">
							{ scope }
						</span>
					) ) }
				</span>
			),
		},
		{
			id: 'type',
			label: __( 'Type', 'keystone-oidc' ),
			enableHiding: false,
			getValue: ( { item } ) => item.type,
			render: ( { item } ) =>
				item.type === 'public'
					? __( 'Public', 'keystone-oidc' )
					: __( 'Confidential', 'keystone-oidc' ),
		},
		{
			id: 'created',
			label: __( 'Created', 'keystone-oidc' ),
			enableHiding: false,
			getValue: ( { item } ) => item.created_at,
			render: ( { item } ) =>
				isDefinedInCode( item ) ? (
					__( 'Defined in code', 'keystone-oidc' )
				) : (
					<time dateTime={ item.created_at }>
						{ formatCreated( item.created_at ) }
					</time>
				),
		},
	];
}
