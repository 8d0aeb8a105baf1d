/**
 * Dates as the site shows them: WordPress's `wp-date` script is given the site's date and time
 * formats, time zone and language (Settings → General), and `dateI18n` applies them.
 */
import { dateI18n, getSettings } from '@wordpress/date';

/**
 * `value` (an ISO 8601 string, or a `Date`) in the site's date format, or its date and time
 * format; null when there is no readable time. `timezone` overrides the site's (tests, mostly).
 */
export function siteDate(
	value: string | Date,
	kind: 'date' | 'datetime' = 'date',
	timezone?: string
): string | null {
	const time = value instanceof Date ? value.getTime() : Date.parse( value );
	if ( Number.isNaN( time ) ) {
		return null;
	}
	return dateI18n(
		getSettings().formats[ kind ],
		new Date( time ),
		timezone
	);
}
