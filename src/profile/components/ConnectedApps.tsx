import { Notice } from '@wordpress/components';
import { useEffect, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { Loading } from '../../components/Loading';
import { listApplications, revokeApplication } from '../api';
import {
	applicationsErrorMessage,
	revocationOutcome,
	withoutApplication,
} from '../applications';
import type { ConnectedApplication } from '../types';
import { ApplicationCard } from './ApplicationCard';
import { RevokeModal } from './RevokeModal';

type LoadState =
	| { status: 'loading' }
	| { status: 'failed'; message: string }
	| { status: 'ready'; applications: ConnectedApplication[] };

interface Outcome {
	status: 'success' | 'error';
	message: string;
}

/**
 * The applications the signed-in user allowed, each with a Revoke button that asks first.
 */
export function ConnectedApps( { locale }: { locale: string } ) {
	const [ load, setLoad ] = useState< LoadState >( { status: 'loading' } );
	const [ confirming, setConfirming ] =
		useState< ConnectedApplication | null >( null );
	const [ busy, setBusy ] = useState( false );
	const [ outcome, setOutcome ] = useState< Outcome | null >( null );
	const outcomeRef = useRef< HTMLDivElement >( null );

	// The revoked card and its button are gone when the modal closes, so focus goes to the outcome
	// instead of falling back to the top of the page.
	useEffect( () => {
		if ( outcome ) {
			outcomeRef.current?.focus();
		}
	}, [ outcome ] );

	useEffect( () => {
		let current = true;
		listApplications()
			.then( ( applications ) => {
				if ( current ) {
					setLoad( { status: 'ready', applications } );
				}
			} )
			.catch( ( error: unknown ) => {
				if ( current ) {
					setLoad( {
						status: 'failed',
						message: applicationsErrorMessage( error ),
					} );
				}
			} );
		return () => {
			current = false;
		};
	}, [] );

	const forget = ( clientId: string ) =>
		setLoad( ( state ) =>
			state.status === 'ready'
				? {
						status: 'ready',
						applications: withoutApplication(
							state.applications,
							clientId
						),
				  }
				: state
		);

	const revoke = async ( application: ConnectedApplication ) => {
		setBusy( true );
		try {
			await revokeApplication( application.client_id );
			forget( application.client_id );
			setOutcome( {
				status: 'success',
				message: sprintf(
					/* translators: %s: application name. */
					__(
						'%s can no longer sign you in or read your information.',
						'keystone-oidc'
					),
					application.name
				),
			} );
		} catch ( error ) {
			if ( revocationOutcome( error ) === 'gone' ) {
				forget( application.client_id );
			}
			setOutcome( {
				status: 'error',
				message: applicationsErrorMessage( error ),
			} );
		} finally {
			setBusy( false );
			setConfirming( null );
		}
	};

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
				{ load.message }
			</Notice>
		);
	} else if ( load.applications.length === 0 ) {
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
				{ load.applications.map( ( application ) => (
					<li key={ application.client_id }>
						<ApplicationCard
							application={ application }
							locale={ locale }
							disabled={ busy }
							onRevoke={ () => {
								setOutcome( null );
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
			{ outcome && (
				<div
					ref={ outcomeRef }
					tabIndex={ -1 }
					className="keystone-oidc-profile__notice"
				>
					<Notice
						status={ outcome.status }
						onRemove={ () => setOutcome( null ) }
					>
						{ outcome.message }
					</Notice>
				</div>
			) }
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
