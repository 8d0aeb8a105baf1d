import {
	Button,
	Card,
	CardBody,
	CardHeader,
	RadioControl,
	SelectControl,
	TextControl,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { saveSettings } from '../../../api';
import type {
	RegistrationPolicy,
	RestAccess,
	Settings,
} from '../../../api/types';
import { useBusy } from '../../../components/useBusy';
import { useNotices } from '../../../components/Notices';
import {
	isRegistrationPolicy,
	isRestAccess,
	parseIdleDays,
} from '../registration';
import { InitialTokens } from './InitialTokens';
import {
	NetworkLockNotice,
	networkLocked,
} from '../../../components/NetworkLockNotice';

interface RegistrationCardProps {
	settings: Settings;
	onSaved: ( settings: Settings ) => void;
}

/**
 * Dynamic client registration (RFC 7591): who may register a client by itself (MCP clients and
 * native apps do), how long an unused one lives, how far it may use the REST API, and the initial
 * access tokens the `token` policy asks for.
 */
export function RegistrationCard( {
	settings,
	onSaved,
}: RegistrationCardProps ) {
	const [ policy, setPolicy ] = useState< RegistrationPolicy >(
		settings.dynamic_registration ?? 'off'
	);
	const [ idleDays, setIdleDays ] = useState(
		String( settings.dynamic_client_idle_days ?? 90 )
	);
	const [ restAccess, setRestAccess ] = useState< RestAccess >(
		settings.dynamic_rest_access ?? 'none'
	);
	const { busy, run } = useBusy();
	const notices = useNotices();
	const days = parseIdleDays( idleDays );

	const save = () =>
		run( async () => {
			const saved = await saveSettings( {
				dynamic_registration: policy,
				dynamic_client_idle_days: days ?? 0,
				dynamic_rest_access: restAccess,
			} );
			onSaved( saved );
			notices.show(
				'success',
				__( 'Dynamic registration settings saved.', 'keystone-oidc' )
			);
		} );

	return (
		<Card className="keystone-oidc-registration">
			<CardHeader>
				<h2>
					{ __( 'Dynamic Client Registration', 'keystone-oidc' ) }
				</h2>
			</CardHeader>
			<CardBody>
				<NetworkLockNotice
					kind="settings"
					fields={ [ 'dynamic_registration', 'dynamic_rest_access' ] }
				/>
				<RadioControl
					disabled={ networkLocked(
						'settings',
						'dynamic_registration'
					) }
					label={ __(
						'Who may register a client by itself',
						'keystone-oidc'
					) }
					selected={ policy }
					options={ [
						{
							value: 'off',
							label: __(
								'Nobody: only administrators add clients',
								'keystone-oidc'
							),
						},
						{
							value: 'loopback',
							label: __(
								'Anyone, for native and loopback apps only (MCP clients): public clients with PKCE whose redirect URIs are on http://127.0.0.1, http://[::1], http://localhost or an app’s own scheme',
								'keystone-oidc'
							),
						},
						{
							value: 'token',
							label: __(
								'Whoever holds an initial access token created below',
								'keystone-oidc'
							),
						},
					] }
					onChange={ ( value ) => {
						if ( isRegistrationPolicy( value ) ) {
							setPolicy( value );
						}
					} }
				/>
				<TextControl
					label={ __(
						'Delete dynamically registered clients unused for (days)',
						'keystone-oidc'
					) }
					help={
						days === null
							? __(
									'A whole number of days from 0 to 3650.',
									'keystone-oidc'
							  )
							: __(
									'0 keeps them until an administrator deletes them.',
									'keystone-oidc'
							  )
					}
					value={ idleDays }
					onChange={ setIdleDays }
					inputMode="numeric"
					__nextHasNoMarginBottom
					__next40pxDefaultSize
				/>
				<SelectControl
					label={ __(
						'REST API access of dynamically registered clients',
						'keystone-oidc'
					) }
					help={ __(
						'The most their tokens may do with the WordPress REST API, never more than the signed-in user may. MCP clients need write access to call tools.',
						'keystone-oidc'
					) }
					disabled={ networkLocked(
						'settings',
						'dynamic_rest_access'
					) }
					value={ restAccess }
					options={ [
						{ value: 'none', label: __( 'None', 'keystone-oidc' ) },
						{
							value: 'read',
							label: __( 'Read', 'keystone-oidc' ),
						},
						{
							value: 'write',
							label: __( 'Read and write', 'keystone-oidc' ),
						},
					] }
					onChange={ ( value: string ) => {
						if ( isRestAccess( value ) ) {
							setRestAccess( value );
						}
					} }
					__nextHasNoMarginBottom
					__next40pxDefaultSize
				/>
				<p>
					<Button
						variant="primary"
						onClick={ save }
						disabled={ busy || days === null }
						__next40pxDefaultSize
					>
						{ __( 'Save Registration Settings', 'keystone-oidc' ) }
					</Button>
				</p>
				<InitialTokens />
			</CardBody>
		</Card>
	);
}
