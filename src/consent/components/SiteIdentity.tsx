import { __, sprintf } from '@wordpress/i18n';

import type { SiteIdentity as Site } from '../types';

/**
 * "Your account on Example Site", with the site icon: the consent screen and the device
 * verification page both name the site whose account is asked for, not only the application
 * (words and markup as `Consent\Site_Identity::html()` prints them without script).
 */
export function SiteIdentity( { site }: { site: Site } ) {
	if ( site.name === '' ) {
		return null;
	}
	return (
		<p className="keystone-oidc-consent__site">
			{ site.icon !== '' && (
				// Decorative: the text beside it names the site.
				<img
					className="keystone-oidc-consent__site-icon"
					src={ site.icon }
					alt=""
					width={ 32 }
					height={ 32 }
				/>
			) }
			<span>
				{ sprintf(
					/* translators: %s: the site's title. */
					__( 'Your account on %s', 'keystone-oidc' ),
					site.name
				) }
			</span>
		</p>
	);
}
