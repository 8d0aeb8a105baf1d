import { __, sprintf } from '@wordpress/i18n';

/**
 * "Signed in as Ada Lovelace (ada). Not you?": the consent screen and the device verification
 * page both say who would be granting access, with the way out.
 */
export function SignedInAs( {
	signedInAs,
	logoutUrl,
}: {
	signedInAs: string;
	logoutUrl: string;
} ) {
	return (
		<p className="keystone-oidc-consent__user">
			{ sprintf(
				/* translators: %s: the signed-in user's name and login. */
				__( 'Signed in as %s.', 'keystone-oidc' ),
				signedInAs
			) }{ ' ' }
			{ logoutUrl !== '' && (
				<a href={ logoutUrl }>{ __( 'Not you?', 'keystone-oidc' ) }</a>
			) }
		</p>
	);
}
