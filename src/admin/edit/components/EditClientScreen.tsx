import { Button, Notice } from '@wordpress/components';
import { flushSync, useMemo, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import {
	createClient,
	errorMessage,
	getClient,
	toApiError,
	updateClient,
} from '../../../api';
import type {
	Client,
	CreatedClient as CreatedClientData,
} from '../../../api/types';
import {
	adminPageUrl,
	PAGES,
	type AdminConfig,
} from '../../../config/admin-config';
import { Loading } from '../../../components/Loading';
import { Notices, useNotices } from '../../../components/Notices';
import { PageHeader } from '../../../components/PageHeader';
import { useBeforeUnload } from '../../../components/useBeforeUnload';
import { useBusy } from '../../../components/useBusy';
import { useLoad } from '../../../components/useLoad';
import {
	emptyForm,
	formFromClient,
	formToInput,
	hasErrors,
	isDirty,
	validateForm,
} from '../form';
import type { ClientFormValues, EditMode } from '../types';
import { DELETED_PARAM } from '../../clients/list';
import { ClientForm } from './ClientForm';
import { withoutRestScopes } from './RestAccessField';
import { CreatedClient } from './CreatedClient';
import { CredentialsCard } from './CredentialsCard';
import { DangerZone } from './DangerZone';
import {
	DefinedInCodeNotice,
	isDefinedInCode,
} from '../../../components/DefinedInCode';
import { TestSignIn } from './TestSignIn';

interface EditClientScreenProps {
	mode: EditMode;
	config: AdminConfig;
}

export function EditClientScreen( { mode, config }: EditClientScreenProps ) {
	const notices = useNotices();
	const [ client, setClient ] = useState< Client | null >( null );
	const [ saved, setSaved ] = useState< ClientFormValues >( () =>
		emptyForm( config.defaultAllowedRoles )
	);
	const [ values, setValues ] = useState< ClientFormValues >( () =>
		emptyForm( config.defaultAllowedRoles )
	);
	const [ submitted, setSubmitted ] = useState( false );
	const { busy: saving, run } = useBusy();
	const [ created, setCreated ] = useState< CreatedClientData | null >(
		null
	);
	const [ newSecret, setNewSecret ] = useState< string | null >( null );
	// Set once the client is deleted: unsaved edits of a deleted client are nothing to protect.
	const [ leaving, setLeaving ] = useState( false );

	const listUrl = adminPageUrl( config.adminUrl, PAGES.clients );
	// Declared in wp-config.php or a filter: shown, never changed, here.
	const readOnly = client !== null && isDefinedInCode( client );

	/** The client as the server answered it: shown, and the form's saved and current values. */
	const showClient = ( answer: Client ) => {
		setClient( answer );
		setSaved( formFromClient( answer ) );
		setValues( formFromClient( answer ) );
	};

	const { state: load } = useLoad( async () => {
		if ( mode.kind === 'edit' ) {
			showClient( await getClient( mode.clientId ) );
		}
	} );

	const errors = useMemo(
		() => validateForm( values, config.rules ),
		[ values, config.rules ]
	);
	const dirty = created === null && isDirty( saved, values );
	useBeforeUnload( dirty && ! saving && ! leaving );

	const submit = async () => {
		setSubmitted( true );
		if ( hasErrors( errors ) ) {
			notices.show(
				'error',
				__(
					'Some fields need attention. Fix them and try again.',
					'keystone-oidc'
				)
			);
			return;
		}
		await run( async () => {
			if ( mode.kind === 'add' ) {
				const answer = await createClient( formToInput( values ) );
				setSaved( values );
				setCreated( answer );
				notices.clear();
				notices.show(
					'success',
					__( 'Client created.', 'keystone-oidc' )
				);
				return;
			}
			const answer = await updateClient(
				mode.clientId,
				formToInput( values )
			);
			showClient( answer );
			if ( typeof answer.client_secret === 'string' ) {
				setNewSecret( answer.client_secret );
				notices.show(
					'success',
					__(
						'Client updated. It is confidential now: copy its new secret below.',
						'keystone-oidc'
					)
				);
			} else {
				notices.show(
					'success',
					__( 'Client updated.', 'keystone-oidc' )
				);
			}
		} );
	};

	let title = __( 'Edit Client', 'keystone-oidc' );
	if ( mode.kind === 'add' ) {
		title = __( 'Add Client', 'keystone-oidc' );
	} else if ( readOnly ) {
		title = __( 'View Client', 'keystone-oidc' );
	}

	let body;
	// Adding loads nothing: the empty form shows at once.
	if ( load.status === 'loading' && mode.kind === 'edit' ) {
		body = <Loading label={ __( 'Loading client…', 'keystone-oidc' ) } />;
	} else if ( load.status === 'failed' ) {
		body = (
			<Notice status="error" isDismissible={ false }>
				{ errorMessage( load.error ) }{ ' ' }
				{ toApiError( load.error ).code ===
					'keystone_oidc_client_not_found' && (
					<a href={ listUrl }>
						{ __( 'Back to Clients', 'keystone-oidc' ) }
					</a>
				) }
			</Notice>
		);
	} else if ( created !== null ) {
		body = (
			<CreatedClient
				client={ created }
				discoveryUrl={ config.discoveryUrl }
				editUrl={ adminPageUrl( config.adminUrl, PAGES.edit, {
					client_id: created.client_id,
				} ) }
				listUrl={ listUrl }
			/>
		);
	} else {
		body = (
			<>
				{ client !== null && (
					<CredentialsCard
						client={ client }
						discoveryUrl={ config.discoveryUrl }
						newSecret={ newSecret }
						onNewSecret={ setNewSecret }
					/>
				) }
				<DefinedInCodeNotice client={ client } />
				<fieldset
					disabled={ readOnly }
					className="keystone-oidc-client-fieldset"
				>
					<ClientForm
						mode={ mode.kind }
						values={ values }
						onChange={ setValues }
						errors={ errors }
						showRequired={ submitted }
						scopes={ withoutRestScopes( config.scopes ) }
						roles={ config.roles }
						saving={ saving }
						dirty={ dirty }
						onSubmit={ submit }
					/>
				</fieldset>
				<TestSignIn client={ client } dirty={ dirty } />
				{ client !== null && ! readOnly && (
					<DangerZone
						client={ client }
						onDeleted={ () => {
							// Drop the unsaved-changes guard before the navigation starts.
							flushSync( () => setLeaving( true ) );
							window.location.assign(
								adminPageUrl( config.adminUrl, PAGES.clients, {
									[ DELETED_PARAM ]: client.name,
								} )
							);
						} }
					/>
				) }
			</>
		);
	}

	return (
		<div className="keystone-oidc-screen keystone-oidc-edit">
			<PageHeader
				title={ title }
				actions={
					mode.kind === 'edit' ? (
						<a
							className="page-title-action"
							href={ adminPageUrl( config.adminUrl, PAGES.edit ) }
						>
							{ __( 'Add Client', 'keystone-oidc' ) }
						</a>
					) : undefined
				}
			/>
			{ client !== null && (
				<p className="keystone-oidc-subtitle">
					{ sprintf(
						/* translators: %s: application name. */
						__( 'Application: %s', 'keystone-oidc' ),
						client.name
					) }
				</p>
			) }
			<Notices />
			{ body }
			{ created === null &&
				( load.status === 'ready' || mode.kind === 'add' ) && (
					<p>
						<Button variant="link" href={ listUrl }>
							{ __( '← Back to Clients', 'keystone-oidc' ) }
						</Button>
					</p>
				) }
		</div>
	);
}
