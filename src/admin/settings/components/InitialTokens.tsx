import { Button, Notice } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import {
	createRegistrationToken,
	errorMessage,
	listRegistrationTokens,
	revokeRegistrationToken,
} from '../../../api';
import type { CreatedRegistrationToken } from '../../../api/types';
import { ConfirmedAction } from '../../../components/ConfirmedAction';
import { CopyableField } from '../../../components/CopyableField';
import { Loading } from '../../../components/Loading';
import { useBusy } from '../../../components/useBusy';
import { useLoad } from '../../../components/useLoad';
import { unixDate } from '../registration';

/**
 * The RFC 7591 initial access tokens: a new one is shown once, here, with a copy button; the list
 * shows when each was made and last used, and each can be revoked.
 */
export function InitialTokens() {
	const { state: load, reload } = useLoad( listRegistrationTokens );
	const [ created, setCreated ] = useState< CreatedRegistrationToken >();
	const { busy, run } = useBusy();

	const create = () =>
		run( async () => {
			setCreated( await createRegistrationToken() );
			reload();
		} );

	let list;
	if ( load.status === 'loading' ) {
		list = (
			<Loading
				label={ __(
					'Loading initial access tokens…',
					'keystone-oidc'
				) }
			/>
		);
	} else if ( load.status === 'failed' ) {
		list = (
			<Notice status="error" isDismissible={ false }>
				{ errorMessage( load.error ) }
			</Notice>
		);
	} else if ( load.data.length === 0 ) {
		list = (
			<p>{ __( 'No initial access tokens yet.', 'keystone-oidc' ) }</p>
		);
	} else {
		list = (
			<table className="widefat striped keystone-oidc-registration-tokens">
				<thead>
					<tr>
						<th scope="col">
							{ __( 'Token ID', 'keystone-oidc' ) }
						</th>
						<th scope="col">
							{ __( 'Created', 'keystone-oidc' ) }
						</th>
						<th scope="col">
							{ __( 'Last Used', 'keystone-oidc' ) }
						</th>
						<th scope="col">
							<span className="screen-reader-text">
								{ __( 'Actions', 'keystone-oidc' ) }
							</span>
						</th>
					</tr>
				</thead>
				<tbody>
					{ load.data.map( ( token ) => (
						<tr key={ token.id }>
							<td>
								<code>{ token.id }</code>
							</td>
							<td>{ unixDate( token.created_at ) }</td>
							<td>
								{ unixDate( token.last_used_at ) ??
									__( 'Never', 'keystone-oidc' ) }
							</td>
							<td>
								<ConfirmedAction
									label={ __( 'Revoke', 'keystone-oidc' ) }
									title={ sprintf(
										/* translators: %s: the token's id. */
										__(
											'Revoke the initial access token %s?',
											'keystone-oidc'
										),
										token.id
									) }
									perform={ () =>
										revokeRegistrationToken( token.id )
									}
									onDone={ () => {
										if ( created?.id === token.id ) {
											setCreated( undefined );
										}
										reload();
									} }
									success={ () =>
										__(
											'Initial access token revoked.',
											'keystone-oidc'
										)
									}
									destructive
								>
									<p>
										{ __(
											'Nobody can register a client with it any more. Clients already registered with it stay.',
											'keystone-oidc'
										) }
									</p>
								</ConfirmedAction>
							</td>
						</tr>
					) ) }
				</tbody>
			</table>
		);
	}

	return (
		<div className="keystone-oidc-initial-tokens">
			<h3>{ __( 'Initial Access Tokens', 'keystone-oidc' ) }</h3>
			<p className="description">
				{ __(
					'With the token policy, a client registers by sending one of these as a Bearer token to the registration endpoint.',
					'keystone-oidc'
				) }
			</p>
			{ created && (
				<Notice status="warning" isDismissible={ false }>
					<CopyableField
						label={ __(
							'New initial access token',
							'keystone-oidc'
						) }
						value={ created.token }
						secret
						help={ __(
							'Copy it now: it is shown only once.',
							'keystone-oidc'
						) }
					/>
				</Notice>
			) }
			{ list }
			<p>
				<Button
					variant="secondary"
					onClick={ create }
					disabled={ busy }
					__next40pxDefaultSize
				>
					{ __( 'Create Initial Access Token', 'keystone-oidc' ) }
				</Button>
			</p>
		</div>
	);
}
