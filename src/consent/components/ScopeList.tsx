import { __ } from '@wordpress/i18n';

import type { ConsentScope } from '../types';

/** What the application will be able to do, in `Rules\Scope_Descriptions`' words. */
export function ScopeList( {
	scopes,
	headingId,
}: {
	scopes: ConsentScope[];
	headingId: string;
} ) {
	if ( scopes.length === 0 ) {
		return null;
	}
	return (
		<section aria-labelledby={ headingId }>
			<h2 id={ headingId } className="keystone-oidc-consent__subtitle">
				{ __( 'It will be able to:', 'keystone-oidc' ) }
			</h2>
			<ul className="keystone-oidc-consent__scopes">
				{ scopes.map( ( scope ) => (
					<li key={ scope.scope }>{ scope.description }</li>
				) ) }
			</ul>
		</section>
	);
}
