import type { ConsentScope, SiteIdentity } from '../consent/types';

/** The verification page's steps (`Device\Verification_Page`). */
export type DeviceStep =
	| 'enter'
	| 'confirm'
	| 'approved'
	| 'denied'
	| 'not_allowed';

/** Why the last code entry failed ('' when it did not). */
export type DeviceError = '' | 'unknown_code' | 'rate_limited' | 'expired_form';

/** What the verification page's PHP passes as `window.keystoneOidcDevice`. */
export interface DeviceConfig {
	site: SiteIdentity;
	step: DeviceStep;
	error: DeviceError;
	/** As typed (enter) or as XXXX-XXXX (confirm). */
	userCode: string;
	clientName: string;
	scopes: ConsentScope[];
	/** Worded once, by `Consent\Consent_Page::signed_in_as()`. */
	signedInAs: string;
	formAction: string;
	nonce: string;
	logoutUrl: string;
}
