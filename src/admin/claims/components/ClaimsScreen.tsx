import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Notice,
	Spinner,
} from '@wordpress/components';
import { useMemo, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { FormEvent } from 'react';

import {
	errorMessage,
	getClaimMap,
	saveClaimMap,
	toApiError,
} from '../../../api';
import { adminConfig } from '../../../config';
import type { ClaimMap } from '../../../api/types';
import { Loading } from '../../../components/Loading';
import { Notices, useNotices } from '../../../components/Notices';
import { PageHeader } from '../../../components/PageHeader';
import { useBeforeUnload } from '../../../components/useBeforeUnload';
import { useBusy } from '../../../components/useBusy';
import { useLoad } from '../../../components/useLoad';
import {
	addRow,
	hasProblems,
	removeRow,
	rowsFromMappings,
	sameMappings,
	serverProblems,
	toMappings,
	updateRow,
	validateRows,
} from '../mappings';
import type { MappingField, MappingRow, ServerProblems } from '../types';
import { maxMappings, problemText, tooManyText } from './labels';
import { MappingFields } from './MappingFields';

const NO_SERVER_PROBLEMS: ServerProblems = { rows: {}, list: [] };

export function ClaimsScreen() {
	const notices = useNotices();
	const [ scopes, setScopes ] = useState< string[] >( [] );
	const [ saved, setSaved ] = useState< MappingRow[] >( [] );
	const [ rows, setRows ] = useState< MappingRow[] >( [] );
	const [ submitted, setSubmitted ] = useState( false );
	const { busy: saving, run } = useBusy();
	const [ rejected, setRejected ] =
		useState< ServerProblems >( NO_SERVER_PROBLEMS );

	/** The mappings as the server holds them: the saved rows and the form's. */
	const showMap = ( map: ClaimMap ) => {
		const stored = rowsFromMappings( map.mappings );
		setScopes( map.scopes );
		setSaved( stored );
		setRows( stored );
	};

	const { state: load } = useLoad( async () =>
		showMap( await getClaimMap() )
	);

	const problems = useMemo(
		() => validateRows( rows, scopes, adminConfig().rules?.claims ?? null ),
		[ rows, scopes ]
	);
	const dirty = ! sameMappings( saved, rows );
	useBeforeUnload( dirty && ! saving );

	const change = ( next: MappingRow[] ) => {
		setRows( next );
		// The server judged the rows as they were; once edited its verdict no longer applies.
		setRejected( NO_SERVER_PROBLEMS );
	};

	const errorsOf = (
		row: MappingRow
	): Partial< Record< MappingField, string > > => {
		const errors: Partial< Record< MappingField, string > > = {
			...rejected.rows[ row.key ],
		};
		if ( submitted ) {
			for ( const [ field, problem ] of Object.entries(
				problems[ row.key ] ?? {}
			) ) {
				errors[ field as MappingField ] = problemText( problem );
			}
		}
		return errors;
	};

	const submit = async ( event: FormEvent< HTMLFormElement > ) => {
		event.preventDefault();
		const form = event.currentTarget;
		setSubmitted( true );
		if ( hasProblems( problems ) ) {
			notices.show(
				'error',
				__(
					'Some mappings need attention. Fix them and try again.',
					'keystone-oidc'
				)
			);
			window.requestAnimationFrame(
				() =>
					form
						.querySelector< HTMLElement >( '[aria-invalid="true"]' )
						?.focus()
			);
			return;
		}
		await run(
			async () => {
				showMap( await saveClaimMap( toMappings( rows ) ) );
				setRejected( NO_SERVER_PROBLEMS );
				setSubmitted( false );
				notices.show(
					'success',
					__( 'Claim mappings saved.', 'keystone-oidc' )
				);
			},
			( error ) => {
				if (
					toApiError( error ).code !==
					'keystone_oidc_invalid_claim_map'
				) {
					notices.show( 'error', errorMessage( error ) );
					return;
				}
				const found = serverProblems( error, rows );
				setRejected( found );
				notices.show(
					'error',
					[
						__(
							'Some claim mappings are not valid. Fix the marked fields and save again.',
							'keystone-oidc'
						),
						...found.list,
					].join( ' ' )
				);
			}
		);
	};

	let body;
	if ( load.status === 'loading' ) {
		body = (
			<Loading
				label={ __( 'Loading claim mappings…', 'keystone-oidc' ) }
			/>
		);
	} else if ( load.status === 'failed' ) {
		body = (
			<Notice status="error" isDismissible={ false }>
				{ errorMessage( load.error ) }
			</Notice>
		);
	} else {
		body = (
			<>
				<Card>
					<CardHeader>
						<h2>{ __( 'Roles and Groups', 'keystone-oidc' ) }</h2>
					</CardHeader>
					<CardBody>
						<p>
							{ __(
								'An application allowed the “roles” scope that asks for it receives two claims: “roles”, the user’s WordPress role slugs (such as administrator), and “groups”, the same slugs, for applications that grant access by group (Grafana, GitLab, oauth2-proxy, Apache mod_auth_openidc…).',
								'keystone-oidc'
							) }
						</p>
						<p className="description">
							{ __(
								'Allow the scope for each application on its client screen.',
								'keystone-oidc'
							) }
						</p>
					</CardBody>
				</Card>

				<form onSubmit={ submit } noValidate>
					<Card>
						<CardHeader>
							<h2>{ __( 'Claim Mappings', 'keystone-oidc' ) }</h2>
						</CardHeader>
						<CardBody>
							<p>
								{ __(
									'Add claims to the ID token and UserInfo from a user meta field or the user’s roles. Each mapped claim is released only to applications granted the scope you choose.',
									'keystone-oidc'
								) }
							</p>
							<p className="description">
								{ __(
									'Protected meta keys (starting with an underscore) and keys that look like they hold a password, token, secret or key cannot be mapped.',
									'keystone-oidc'
								) }
							</p>
							{ rows.length === 0 ? (
								<p className="keystone-oidc-mappings-empty">
									{ __(
										'No claims are mapped yet.',
										'keystone-oidc'
									) }
								</p>
							) : (
								<div className="keystone-oidc-mappings">
									{ rows.map( ( row, index ) => (
										<MappingFields
											key={ row.key }
											row={ row }
											position={ index + 1 }
											scopes={ scopes }
											errors={ errorsOf( row ) }
											disabled={ saving }
											onChange={ ( fields ) =>
												change(
													updateRow(
														rows,
														row.key,
														fields
													)
												)
											}
											onRemove={ () =>
												change(
													removeRow( rows, row.key )
												)
											}
										/>
									) ) }
								</div>
							) }
							<Button
								variant="secondary"
								onClick={ () =>
									change( addRow( rows, scopes ) )
								}
								disabled={
									saving || rows.length >= maxMappings()
								}
								accessibleWhenDisabled
								__next40pxDefaultSize
							>
								{ __( 'Add Mapping', 'keystone-oidc' ) }
							</Button>
							{ rows.length >= maxMappings() && (
								<p className="description">{ tooManyText() }</p>
							) }
						</CardBody>
					</Card>

					<div className="keystone-oidc-form-actions">
						<Button
							variant="primary"
							type="submit"
							isBusy={ saving }
							disabled={ saving || ! dirty }
							accessibleWhenDisabled
							__next40pxDefaultSize
						>
							{ __( 'Save Changes', 'keystone-oidc' ) }
						</Button>
						{ saving && <Spinner /> }
						{ dirty && ! saving && (
							<span className="description">
								{ __(
									'You have unsaved changes.',
									'keystone-oidc'
								) }
							</span>
						) }
					</div>
				</form>
			</>
		);
	}

	return (
		<div className="keystone-oidc-screen keystone-oidc-claims">
			<PageHeader title={ __( 'Claims', 'keystone-oidc' ) } />
			<Notices />
			{ body }
		</div>
	);
}
