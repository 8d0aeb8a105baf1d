import { Button, Flex, Modal } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import type { ReactNode } from 'react';

interface ConfirmModalProps {
	title: string;
	children: ReactNode;
	confirmLabel: string;
	onConfirm: () => void;
	onCancel: () => void;
	busy: boolean;
	destructive?: boolean;
}

/**
 * A confirmation for actions that cannot be undone. While the action runs the modal stays open,
 * both buttons are disabled, and it cannot be dismissed.
 */
export function ConfirmModal( {
	title,
	children,
	confirmLabel,
	onConfirm,
	onCancel,
	busy,
	destructive = false,
}: ConfirmModalProps ) {
	return (
		<Modal
			title={ title }
			onRequestClose={ busy ? () => undefined : onCancel }
			isDismissible={ ! busy }
			shouldCloseOnClickOutside={ ! busy }
			shouldCloseOnEsc={ ! busy }
			className="keystone-oidc-confirm"
			size="medium"
		>
			<div className="keystone-oidc-confirm__body">{ children }</div>
			<Flex justify="flex-end" gap={ 3 }>
				<Button
					variant="tertiary"
					onClick={ onCancel }
					disabled={ busy }
					__next40pxDefaultSize
				>
					{ __( 'Cancel', 'keystone-oidc' ) }
				</Button>
				<Button
					variant="primary"
					isDestructive={ destructive }
					onClick={ onConfirm }
					isBusy={ busy }
					disabled={ busy }
					accessibleWhenDisabled
					__next40pxDefaultSize
				>
					{ confirmLabel }
				</Button>
			</Flex>
		</Modal>
	);
}
