import { Notice } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { adminConfig, isNetworkLocked } from '../config';

interface NetworkLockNoticeProps {
	kind: 'settings' | 'clientFields';
	/** The fields this part of the screen shows; the notice appears when any is locked. */
	fields: string[];
}

/**
 * Tells a site administrator of a multisite network why some controls are disabled: only a
 * network administrator may change them (`Multisite\Network_Privileges`).
 */
export function NetworkLockNotice( { kind, fields }: NetworkLockNoticeProps ) {
	const rules = adminConfig().network;
	if ( ! fields.some( ( field ) => isNetworkLocked( rules, kind, field ) ) ) {
		return null;
	}
	return (
		<Notice
			status="info"
			isDismissible={ false }
			className="keystone-oidc-network-lock"
		>
			{ __(
				'On this network, only a network administrator can change these settings.',
				'keystone-oidc'
			) }
		</Notice>
	);
}

/**
 * Whether the current user may not change this field (see `NetworkLockNotice`).
 */
export function networkLocked(
	kind: 'settings' | 'clientFields',
	field: string
): boolean {
	return isNetworkLocked( adminConfig().network, kind, field );
}
