import { createRoot } from '@wordpress/element';
import domReady from '@wordpress/dom-ready';

import { ConnectedApps } from './components/ConnectedApps';
import '../components/admin.scss';
import './profile.scss';

domReady( () => {
	const container = document.getElementById( 'keystone-oidc-connected-apps' );
	if ( container ) {
		createRoot( container ).render( <ConnectedApps /> );
	}
} );
