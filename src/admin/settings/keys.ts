import type { SigningKey } from '../../api/types';
import { siteDate } from '../../components/dates';

export type KeyStatus = 'current' | 'retired';

export interface KeyRow {
	kid: string;
	alg: string;
	status: KeyStatus;
	created: string;
	/** When a retired key leaves the JWKS; empty for a current key. */
	publishedUntil: string;
}

/** A unix time in the site's date and time format; empty when there is none. */
export function formatUnixDate(
	seconds: number | null,
	timezone?: string
): string {
	if ( seconds === null || ! Number.isFinite( seconds ) ) {
		return '';
	}
	return siteDate( new Date( seconds * 1000 ), 'datetime', timezone ) ?? '';
}

/** Current keys first (by algorithm), then retired ones, newest first. */
export function keyRows( keys: SigningKey[], timezone?: string ): KeyRow[] {
	return [ ...keys ]
		.sort( ( a, b ) => {
			const aRetired = a.retired_at === null ? 0 : 1;
			const bRetired = b.retired_at === null ? 0 : 1;
			return (
				aRetired - bRetired ||
				b.created_at - a.created_at ||
				a.alg.localeCompare( b.alg )
			);
		} )
		.map( ( key ) => ( {
			kid: key.kid,
			alg: key.alg,
			status: key.retired_at === null ? 'current' : 'retired',
			created: formatUnixDate( key.created_at, timezone ),
			publishedUntil: formatUnixDate( key.expires_at, timezone ),
		} ) );
}
