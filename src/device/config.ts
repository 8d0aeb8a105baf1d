import { readConsentScopes, readSiteIdentity } from '../consent/config';
import type { DeviceConfig, DeviceError, DeviceStep } from './types';

const STEPS: readonly DeviceStep[] = [
	'enter',
	'confirm',
	'approved',
	'denied',
	'not_allowed',
];
const ERRORS: readonly DeviceError[] = [
	'',
	'unknown_code',
	'rate_limited',
	'expired_form',
];

function isRecord( value: unknown ): value is Record< string, unknown > {
	return typeof value === 'object' && value !== null;
}

function oneOf< T extends string >(
	allowed: readonly T[],
	value: unknown
): T | null {
	return allowed.find( ( entry ) => entry === value ) ?? null;
}

/**
 * Validates the page's configuration. Null when the step or what a form post needs is missing:
 * the page then keeps its plain HTML form, which works without this script.
 */
export function readDeviceConfig( raw: unknown ): DeviceConfig | null {
	if ( ! isRecord( raw ) ) {
		return null;
	}
	const step = oneOf( STEPS, raw.step );
	const text = ( value: unknown ) =>
		typeof value === 'string' ? value : '';
	if (
		step === null ||
		text( raw.formAction ) === '' ||
		text( raw.nonce ) === ''
	) {
		return null;
	}
	return {
		site: readSiteIdentity( raw.site ),
		step,
		error: oneOf( ERRORS, raw.error ) ?? '',
		userCode: text( raw.userCode ),
		clientName: text( raw.clientName ),
		scopes: readConsentScopes( raw.scopes ),
		signedInAs: text( raw.signedInAs ),
		formAction: text( raw.formAction ),
		nonce: text( raw.nonce ),
		logoutUrl: text( raw.logoutUrl ),
	};
}
