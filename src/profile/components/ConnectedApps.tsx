import { Notice } from '@wordpress/components';
import { useEffect, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { Loading } from '../../components/Loading';
import { Notices, useNotices } from '../../components/Notices';
import { useBusy } from '../../components/useBusy';
import { useLoad } from '../../components/useLoad';
import { listApplications, revokeApplication } from '../api';
import {
	applicationsErrorMessage,
	revocationOutcome,
	withoutApplication,
} from '../applications';
import type { ConnectedApplication } from '../types';
import { ApplicationCard } from './ApplicationCard';
import { RevokeModal } from './RevokeModal';

/**
 * The applications the signed-in user allowed, each with a Revoke button that asks first.
 */
export function ConnectedApps() {
	const { state: load, setData } = useLoad( listApplications );
	const [ confirming, setConfirming ] =
		useState< ConnectedApplication | null >( null );
	const { busy, run } = useBusy();
	const notices = useNotices( { scrollToTop: false } );
	const [ outcomes, setOutcomes ] = useState( 0 );
	const outcomeRef = useRef< HTMLDivElement >( null );

	// The revoked card and its button are gone when the modal closes, so focus goes to the outcome
	// instead of falling back to the top of the page.
	useEffect( () => {
		if ( outcomes > 0 ) {
			outcomeRef.current?.focus();
		}
	}, [ outcomes ] );

	const forget = ( clientId: string ) =>
		setData( ( applications ) =>
			withoutApplication( applications, clientId )
		);

	const revoke = ( application: ConnectedApplication ) =>
		run( async () => {
			try {
				await revokeApplication( application.client_id );
				forget( application.client_id );
				notices.show(
					'success',
					sprintf(
						/* translators: %s: application name. */
						__(
							'%s can no longer sign you in or read your information.',
							'keystone-oidc'
						),
						application.name
					)
				);
			} catch ( error ) {
				if ( revocationOutcome( error ) === 'gone' ) {
					forget( application.client_id );
				}
				notices.show( 'error', applicationsErrorMessage( error ) );
			} finally {
				setConfirming( null );
				setOutcomes( ( count ) => count + 1 );
			}
		} );

	let body;
	if ( load.status === 'loading' ) {
		body = (
			<Loading
				label={ __(
					'Loading connected applications…',
					'keystone-oidc'
				) }
			/>
		);
	} else if ( load.status === 'failed' ) {
		body = (
			<Notice status="error" isDismissible={ false }>
				{ applicationsErrorMessage( load.error ) }
			</Notice>
		);
	} else if ( load.data.length === 0 ) {
		body = (
			<p className="keystone-oidc-profile__empty">
				{ __(
					'You have not allowed any application to sign you in with this site.',
					'keystone-oidc'
				) }
			</p>
		);
	} else {
		body = (
			<ul className="keystone-oidc-profile__list">
				{ load.data.map( ( application ) => (
					<li key={ application.client_id }>
						<ApplicationCard
							application={ application }
							disabled={ busy }
							onRevoke={ () => {
								notices.clear();
								setConfirming( application );
							} }
						/>
					</li>
				) ) }
			</ul>
		);
	}

	return (
		<div className="keystone-oidc-profile__body">
			<p className="description">
				{ __(
					'Applications you allowed to sign you in with your account on this site. Revoking one signs you out of it; it asks for your permission again the next time you sign in to it.',
					'keystone-oidc'
				) }
			</p>
			<div
				ref={ outcomeRef }
				tabIndex={ -1 }
				className="keystone-oidc-profile__notice"
			>
				<Notices />
			</div>
			{ body }
			{ confirming && (
				<RevokeModal
					application={ confirming }
					busy={ busy }
					onConfirm={ () => revoke( confirming ) }
					onCancel={ () => setConfirming( null ) }
				/>
			) }
		</div>
	);
}
