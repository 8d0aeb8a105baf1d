/**
 * Pure helpers of the editable settings card: the form's values from `/settings`, the body of
 * `PUT /settings`, the bounds the server enforces (`Settings\Lifetime_Rules` and the other setting
 * groups) so a mistake shows before saving, and a REST refusal turned into the field it names.
 */
import type { Settings, SettingsInput } from '../../api/types';

export type LifetimeKey = 'access' | 'id' | 'refresh' | 'code';

export const LIFETIME_KEYS: LifetimeKey[] = [
	'access',
	'id',
	'refresh',
	'code',
];

/** Seconds, as `Settings\Lifetime_Rules::RANGES`. */
export const LIFETIME_RANGES: Record< LifetimeKey, [ number, number ] > = {
	access: [ 60, 86400 ],
	id: [ 60, 86400 ],
	refresh: [ 3600, 31536000 ],
	code: [ 10, 600 ],
};

export const DEFAULT_LIFETIMES: Record< LifetimeKey, number > = {
	access: 3600,
	id: 3600,
	refresh: 2592000,
	code: 60,
};

export const CONSENT_DAYS_MAX = 3650;
export const ROTATION_DAYS: [ number, number ] = [ 7, 365 ];

/** The fields as typed: numbers stay text until saved, so a half-typed value is never lost. */
export interface EditableValues {
	lifetimes: Record< LifetimeKey, string >;
	defaultAllowedRoles: string[];
	trustEmail: boolean;
	consentRememberDays: string;
	keyRotationDays: string;
}

/** A field's key in errors: a lifetime by its key, the others by their REST name. */
export type EditableField =
	| `lifetimes.${ LifetimeKey }`
	| 'lifetimes'
	| 'default_allowed_roles'
	| 'trust_email'
	| 'consent_remember_days'
	| 'key_rotation_days';

export type EditableErrors = Partial< Record< EditableField, string > >;

export function valuesFromSettings( settings: Settings ): EditableValues {
	const lifetimes = { ...DEFAULT_LIFETIMES, ...settings.lifetimes };
	return {
		lifetimes: {
			access: String( lifetimes.access ),
			id: String( lifetimes.id ),
			refresh: String( lifetimes.refresh ),
			code: String( lifetimes.code ),
		},
		defaultAllowedRoles: settings.default_allowed_roles ?? [],
		trustEmail: settings.trust_email ?? false,
		consentRememberDays: String( settings.consent_remember_days ?? 0 ),
		keyRotationDays: String( settings.key_rotation_days ?? 0 ),
	};
}

/** A whole number as typed, or null. */
export function wholeNumber( text: string ): number | null {
	return /^\d{1,9}$/.test( text.trim() ) ? Number( text.trim() ) : null;
}

function within( text: string, min: number, max: number ): boolean {
	const value = wholeNumber( text );
	return value !== null && value >= min && value <= max;
}

/**
 * Which fields are out of bounds, each with the message to show (`messages` gives the text, so
 * this stays free of translation calls).
 */
export function validateEditable(
	values: EditableValues,
	messages: {
		lifetime: ( min: number, max: number ) => string;
		consentDays: ( max: number ) => string;
		rotationDays: ( min: number, max: number ) => string;
	}
): EditableErrors {
	const errors: EditableErrors = {};
	for ( const key of LIFETIME_KEYS ) {
		const [ min, max ] = LIFETIME_RANGES[ key ];
		if ( ! within( values.lifetimes[ key ], min, max ) ) {
			errors[ `lifetimes.${ key }` ] = messages.lifetime( min, max );
		}
	}
	if ( ! within( values.consentRememberDays, 0, CONSENT_DAYS_MAX ) ) {
		errors.consent_remember_days = messages.consentDays( CONSENT_DAYS_MAX );
	}
	const rotation = wholeNumber( values.keyRotationDays );
	if (
		rotation !== 0 &&
		! within(
			values.keyRotationDays,
			ROTATION_DAYS[ 0 ],
			ROTATION_DAYS[ 1 ]
		)
	) {
		errors.key_rotation_days = messages.rotationDays( ...ROTATION_DAYS );
	}
	return errors;
}

/** The body of `PUT /settings` (only called once `validateEditable` found nothing). */
export function inputFromValues( values: EditableValues ): SettingsInput {
	const lifetimes = {} as Record< LifetimeKey, number >;
	for ( const key of LIFETIME_KEYS ) {
		lifetimes[ key ] = Number( values.lifetimes[ key ].trim() );
	}
	return {
		lifetimes,
		default_allowed_roles: values.defaultAllowedRoles,
		trust_email: values.trustEmail,
		consent_remember_days: Number( values.consentRememberDays.trim() ),
		key_rotation_days: Number( values.keyRotationDays.trim() ),
	};
}

function isRecord( value: unknown ): value is Record< string, unknown > {
	return typeof value === 'object' && value !== null;
}

/**
 * The field a `keystone_oidc_invalid_<field>` refusal names (`data.field`, and `data.key` inside
 * `lifetimes`), with the server's message; null for any other failure.
 */
export function fieldOfError(
	error: unknown
): { field: EditableField; message: string } | null {
	if ( ! isRecord( error ) || typeof error.code !== 'string' ) {
		return null;
	}
	const match = /^keystone_oidc_invalid_(.+)$/.exec( error.code );
	const data = isRecord( error.data ) ? error.data : {};
	const field = typeof data.field === 'string' ? data.field : match?.[ 1 ];
	const message = typeof error.message === 'string' ? error.message : '';
	if ( field === 'lifetimes' ) {
		const key = data.key;
		return {
			field: LIFETIME_KEYS.includes( key as LifetimeKey )
				? `lifetimes.${ key as LifetimeKey }`
				: 'lifetimes',
			message,
		};
	}
	if (
		field === 'default_allowed_roles' ||
		field === 'trust_email' ||
		field === 'consent_remember_days' ||
		field === 'key_rotation_days'
	) {
		return { field, message };
	}
	return null;
}
