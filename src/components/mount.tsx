import { createRoot } from '@wordpress/element';
import domReady from '@wordpress/dom-ready';
import type { ReactElement } from 'react';

import './admin.scss';

/**
 * Mounts an admin screen into the `#keystone-oidc-app` element `Admin\Menu::render()` prints.
 */
export function mountAdminScreen( screen: ReactElement ): void {
	domReady( () => {
		const container = document.getElementById( 'keystone-oidc-app' );
		if ( container ) {
			createRoot( container ).render( screen );
		}
	} );
}
