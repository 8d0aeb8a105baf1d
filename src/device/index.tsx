import { createRoot } from '@wordpress/element';
import domReady from '@wordpress/dom-ready';

import { DevicePage } from './components/DevicePage';
import { readDeviceConfig } from './config';
// The same standalone card as the consent screen.
import '../consent/consent.scss';
import './device.scss';

declare global {
	interface Window {
		keystoneOidcDevice?: unknown;
	}
}

domReady( () => {
	const container = document.getElementById( 'keystone-oidc-device' );
	const config = readDeviceConfig( window.keystoneOidcDevice );
	// Without a complete configuration the server-rendered form stays in place.
	if ( container && config ) {
		createRoot( container ).render( <DevicePage config={ config } /> );
	}
} );
