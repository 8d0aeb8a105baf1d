/**
 * Pure helpers of the dynamic registration card.
 */
import type { RegistrationPolicy, RestAccess } from '../../api/types';
import { siteDate } from '../../components/dates';

const POLICIES: RegistrationPolicy[] = [ 'off', 'loopback', 'token' ];
const REST_ACCESS: RestAccess[] = [ 'none', 'read', 'write' ];

export function isRegistrationPolicy(
	value: unknown
): value is RegistrationPolicy {
	return POLICIES.includes( value as RegistrationPolicy );
}

export function isRestAccess( value: unknown ): value is RestAccess {
	return REST_ACCESS.includes( value as RestAccess );
}

/** The idle days as typed, or null when they are not a whole number from 0 to 3650. */
export function parseIdleDays( text: string ): number | null {
	if ( ! /^\d{1,4}$/.test( text.trim() ) ) {
		return null;
	}
	const days = Number( text.trim() );
	return days <= 3650 ? days : null;
}

/** A unix time in the site's date and time format; null when there is none. */
export function unixDate( seconds: number | null ): string | null {
	return seconds === null
		? null
		: siteDate( new Date( seconds * 1000 ), 'datetime' );
}
