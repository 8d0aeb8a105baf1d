import { Notice } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { CopyableField } from '../../../components/CopyableField';

interface SecretRevealProps {
	clientId?: string;
	secret: string;
}

/**
 * The one moment a client secret is readable: the server keeps only its hash.
 */
export function SecretReveal( { clientId, secret }: SecretRevealProps ) {
	return (
		<div className="keystone-oidc-secret-reveal">
			<Notice status="warning" isDismissible={ false }>
				<strong>
					{ __(
						'Copy the client secret now. It will not be shown again.',
						'keystone-oidc'
					) }
				</strong>{ ' ' }
				{ __(
					'The site stores only a hash of it. If it is lost, reset the secret and update the application.',
					'keystone-oidc'
				) }
			</Notice>
			{ clientId !== undefined && (
				<CopyableField
					label={ __( 'Client ID', 'keystone-oidc' ) }
					value={ clientId }
				/>
			) }
			<CopyableField
				label={ __( 'Client Secret', 'keystone-oidc' ) }
				value={ secret }
				secret
			/>
		</div>
	);
}
