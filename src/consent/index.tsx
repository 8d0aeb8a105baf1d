import { createRoot } from '@wordpress/element';
import domReady from '@wordpress/dom-ready';

import { ConsentForm } from './components/ConsentForm';
import { readConsentConfig } from './config';
import './consent.scss';

declare global {
	interface Window {
		keystoneOidcConsent?: unknown;
	}
}

domReady( () => {
	const container = document.getElementById( 'keystone-oidc-consent' );
	const config = readConsentConfig( window.keystoneOidcConsent );
	// Without a complete configuration the server-rendered fallback form stays in place.
	if ( container && config ) {
		createRoot( container ).render( <ConsentForm config={ config } /> );
	}
} );
