/**
 * The settings an administrator changes (issue 14), as `/settings` returns them, for the specs of
 * the REST API and of the Settings screen.
 */
import { expect } from '../support/test';
import type { RestSession } from '../support/wp';
import { route } from './support';

export interface EditableSettings {
	lifetimes: { access: number; id: number; refresh: number; code: number };
	default_allowed_roles: string[];
	trust_email: boolean;
	consent_remember_days: number;
	key_rotation_days: number;
	kid: string;
}

export const DEFAULTS = {
	lifetimes: { access: 3600, id: 3600, refresh: 2592000, code: 60 },
	default_allowed_roles: [],
	trust_email: false,
	consent_remember_days: 0,
	key_rotation_days: 0,
};

export async function readSettings(
	admin: RestSession
): Promise< EditableSettings > {
	const response = await admin.get( route( 'settings' ) );
	expect( response.status(), await response.text() ).toBe( 200 );
	return ( await response.json() ) as EditableSettings;
}

/** Only the editable fields, to compare with `DEFAULTS`. */
export function editable( all: EditableSettings ) {
	return {
		lifetimes: all.lifetimes,
		default_allowed_roles: all.default_allowed_roles,
		trust_email: all.trust_email,
		consent_remember_days: all.consent_remember_days,
		key_rotation_days: all.key_rotation_days,
	};
}
