import { __, sprintf } from '@wordpress/i18n';

import { ConfirmModal } from '../../components/ConfirmModal';
import type { ConnectedApplication } from '../types';

interface RevokeModalProps {
	application: ConnectedApplication;
	busy: boolean;
	onConfirm: () => void;
	onCancel: () => void;
}

export function RevokeModal( {
	application,
	busy,
	onConfirm,
	onCancel,
}: RevokeModalProps ) {
	return (
		<ConfirmModal
			title={ sprintf(
				/* translators: %s: application name. */
				__( 'Revoke access for %s?', 'keystone-oidc' ),
				application.name
			) }
			confirmLabel={ __( 'Revoke Access', 'keystone-oidc' ) }
			onConfirm={ onConfirm }
			onCancel={ onCancel }
			busy={ busy }
			destructive
		>
			<p>
				{ sprintf(
					/* translators: %s: application name. */
					__(
						'%s is signed out of your account at once and can no longer read your information.',
						'keystone-oidc'
					),
					application.name
				) }
			</p>
			<p>
				{ __(
					'You stay signed in to this site. If you sign in to the application again, it asks for your permission again.',
					'keystone-oidc'
				) }
			</p>
		</ConfirmModal>
	);
}
