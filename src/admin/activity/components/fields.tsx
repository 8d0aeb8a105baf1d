import type { Field } from '@wordpress/dataviews';
import { __, sprintf } from '@wordpress/i18n';

import { siteDate } from '../../../components/dates';
import { describeDetails, eventLabels } from '../query';
import type { ActivityEntry, NamedOption } from '../types';

/**
 * The columns of the activity table. The server sorts (newest first) and filters: event, client
 * and user are DataViews filters whose choices come from the server's lists.
 */
export function activityFields(
	clients: NamedOption< string >[],
	users: NamedOption< number >[]
): Field< ActivityEntry >[] {
	const labels = eventLabels();
	return [
		{
			id: 'date',
			label: __( 'Date', 'keystone-oidc' ),
			enableHiding: false,
			enableSorting: false,
			getValue: ( { item } ) => item.date,
			render: ( { item } ) => (
				<time dateTime={ item.date }>
					{ siteDate( item.date, 'datetime' ) ?? item.date }
				</time>
			),
		},
		{
			id: 'event',
			label: __( 'Event', 'keystone-oidc' ),
			enableHiding: false,
			enableSorting: false,
			elements: Object.entries( labels ).map( ( [ value, label ] ) => ( {
				value,
				label,
			} ) ),
			filterBy: { operators: [ 'isAny' ], isPrimary: true },
			getValue: ( { item } ) => item.event,
			render: ( { item } ) => labels[ item.event ] ?? item.event,
		},
		{
			id: 'client',
			label: __( 'Client', 'keystone-oidc' ),
			enableSorting: false,
			elements: clients,
			filterBy: { operators: [ 'is' ], isPrimary: true },
			getValue: ( { item } ) => item.client_id,
			render: ( { item } ) => {
				if ( item.client_id === '' ) {
					return '—';
				}
				return (
					<>
						{ item.client_name ??
							__(
								'(unknown or deleted client)',
								'keystone-oidc'
							) }{ ' ' }
						<code>{ item.client_id }</code>
					</>
				);
			},
		},
		{
			id: 'user',
			label: __( 'User', 'keystone-oidc' ),
			enableSorting: false,
			elements: users,
			filterBy: { operators: [ 'is' ], isPrimary: true },
			getValue: ( { item } ) => item.user_id,
			render: ( { item } ) => {
				if ( item.user_id === 0 ) {
					return '—';
				}
				return (
					item.user_name ??
					sprintf(
						/* translators: %d: a user ID. */
						__( 'Deleted user #%d', 'keystone-oidc' ),
						item.user_id
					)
				);
			},
		},
		{
			id: 'details',
			label: __( 'Details', 'keystone-oidc' ),
			enableSorting: false,
			getValue: ( { item } ) => describeDetails( item.details ),
			render: ( { item } ) => (
				<span className="keystone-oidc-activity-details">
					{ describeDetails( item.details ) }
				</span>
			),
		},
	];
}
