/**
 * On a multisite network, the settings and client fields only a network administrator may change
 * (`Multisite\Network_Privileges`, passed as `window.keystoneOidc.network`). The screens disable
 * their controls for a site administrator and say why; the server refuses them either way.
 */
export interface NetworkRules {
	multisite: boolean;
	/** Whether the current user holds the network capability (always true on a single site). */
	privileged: boolean;
	settings: string[];
	clientFields: string[];
}

export const SINGLE_SITE: NetworkRules = {
	multisite: false,
	privileged: true,
	settings: [],
	clientFields: [],
};

function strings( value: unknown ): string[] {
	return Array.isArray( value )
		? value.filter( ( item ): item is string => typeof item === 'string' )
		: [];
}

export function readNetwork( value: unknown ): NetworkRules {
	if ( typeof value !== 'object' || value === null ) {
		return SINGLE_SITE;
	}
	const raw = value as Record< string, unknown >;
	return {
		multisite: raw.multisite === true,
		privileged: raw.privileged !== false,
		settings: strings( raw.settings ),
		clientFields: strings( raw.clientFields ),
	};
}

/**
 * Whether the current user may not change this `/settings` field or `ClientInput` field.
 */
export function isNetworkLocked(
	rules: NetworkRules,
	kind: 'settings' | 'clientFields',
	field: string
): boolean {
	return ! rules.privileged && rules[ kind ].includes( field );
}
