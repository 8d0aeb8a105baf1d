import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Notice,
	SelectControl,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

import { errorMessage } from '../../../api';
import {
	getNetworkSettings,
	saveNetworkSettings,
	type NetworkSettings,
} from '../../../api/network';
import { Loading } from '../../../components/Loading';
import { Notices, useNotices } from '../../../components/Notices';
import { PageHeader } from '../../../components/PageHeader';
import { useBusy } from '../../../components/useBusy';
import { useLoad } from '../../../components/useLoad';

/**
 * Network Admin → Settings → OpenID Connect: whether one site is the identity provider of every
 * user of the network, or each site serves only its own members (the default).
 */
export function NetworkScreen() {
	const { state, setData } = useLoad( getNetworkSettings );
	let body;
	if ( state.status === 'loading' ) {
		body = <Loading label={ __( 'Loading…', 'keystone-oidc' ) } />;
	} else if ( state.status === 'failed' ) {
		body = (
			<Notice status="error" isDismissible={ false }>
				{ errorMessage( state.error ) }
			</Notice>
		);
	} else {
		body = (
			<ProviderCard
				settings={ state.data }
				onSaved={ ( saved ) => setData( () => saved ) }
			/>
		);
	}
	return (
		<>
			<PageHeader title={ __( 'OpenID Connect', 'keystone-oidc' ) } />
			<Notices />
			{ body }
		</>
	);
}

function ProviderCard( {
	settings,
	onSaved,
}: {
	settings: NetworkSettings;
	onSaved: ( saved: NetworkSettings ) => void;
} ) {
	const [ choice, setChoice ] = useState(
		String( settings.identity_provider )
	);
	const { busy, run } = useBusy();
	const notices = useNotices();
	const save = () =>
		run( async () => {
			onSaved( await saveNetworkSettings( Number( choice ) ) );
			notices.show(
				'success',
				__( 'Network settings saved.', 'keystone-oidc' )
			);
		} );
	return (
		<Card>
			<CardHeader>
				<h2>{ __( 'Network identity provider', 'keystone-oidc' ) }</h2>
			</CardHeader>
			<CardBody>
				<SelectControl
					label={ __(
						'Who may sign in to a site’s applications',
						'keystone-oidc'
					) }
					help={ __(
						'By default each site is its own provider and only its members may sign in to its applications. The site chosen here lets every user of the network sign in to its applications; their roles on that site still decide which ones.',
						'keystone-oidc'
					) }
					value={ choice }
					options={ [
						{
							value: '0',
							label: __(
								'Each site: its own members only',
								'keystone-oidc'
							),
						},
						...settings.sites.map( ( site ) => ( {
							value: String( site.id ),
							label: `${ site.name } (${ site.url }): ${ __(
								'every network user',
								'keystone-oidc'
							) }`,
						} ) ),
					] }
					onChange={ setChoice }
					__nextHasNoMarginBottom
					__next40pxDefaultSize
				/>
				<p>
					<Button
						variant="primary"
						onClick={ save }
						disabled={ busy }
						__next40pxDefaultSize
					>
						{ __( 'Save', 'keystone-oidc' ) }
					</Button>
				</p>
			</CardBody>
		</Card>
	);
}
