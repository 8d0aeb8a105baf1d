/**
 * The input rules PHP enforces, as it passes them to the admin screens (`window.keystoneOidc.rules`,
 * built by `Rules\Shared_Rules::for_screens()` from the constants of `Checks\Redirect_Uri`,
 * `Checks\Resource_Indicator`, `Checks\Mapped_Claim`, `Clients\Client_Input` and
 * `Tokens\Claim_Map`). The screens evaluate these, never copies of them; the server stays the
 * authority. Patterns are written to read alike in PCRE and JavaScript.
 */

export interface RedirectUriPatterns {
	controlCharacter: RegExp;
	nonAscii: RegExp;
	/** Groups: scheme, the rest. */
	absolute: RegExp;
	userinfo: RegExp;
	/** Applied to what follows `scheme:`; group 1 is the host. */
	authority: RegExp;
	/** Groups: the last three octets. */
	loopbackIpv4: RegExp;
	wildcardHost: RegExp;
	web: RegExp;
}

export interface RedirectUriRules {
	/** In UTF-8 bytes, as PHP counts. */
	maxLength: number;
	forbiddenSchemes: string[];
	loopbackNames: string[];
	patterns: RedirectUriPatterns;
}

export interface AudienceRules {
	maxLength: number;
	pattern: RegExp;
}

export interface ClaimRules {
	nameMaxLength: number;
	namePattern: RegExp;
	reserved: string[];
	metaKeyMaxLength: number;
	metaKeyPattern: RegExp;
	credentialKeys: string[];
	credentialWords: string[];
	maxMappings: number;
}

export interface SharedRules {
	redirectUri: RedirectUriRules;
	audience: AudienceRules;
	clientName: { maxLength: number };
	claims: ClaimRules;
}

const PATTERN_NAMES: Array< keyof RedirectUriPatterns > = [
	'controlCharacter',
	'nonAscii',
	'absolute',
	'userinfo',
	'authority',
	'loopbackIpv4',
	'wildcardHost',
	'web',
];

/** Thrown inside the reader only: any malformed part means the screen has no rules at all. */
class Malformed extends Error {}

function record( value: unknown ): Record< string, unknown > {
	if ( typeof value !== 'object' || value === null ) {
		throw new Malformed();
	}
	return value as Record< string, unknown >;
}

function count( value: unknown ): number {
	if ( typeof value !== 'number' || ! Number.isInteger( value ) ) {
		throw new Malformed();
	}
	return value;
}

function words( value: unknown ): string[] {
	if (
		! Array.isArray( value ) ||
		! value.every( ( entry ) => typeof entry === 'string' )
	) {
		throw new Malformed();
	}
	return value as string[];
}

function pattern( value: unknown ): RegExp {
	if ( typeof value !== 'string' ) {
		throw new Malformed();
	}
	try {
		return new RegExp( value );
	} catch {
		throw new Malformed();
	}
}

function readRedirectUri( raw: unknown ): RedirectUriRules {
	const rules = record( raw );
	const patterns = record( rules.patterns );
	return {
		maxLength: count( rules.maxLength ),
		forbiddenSchemes: words( rules.forbiddenSchemes ),
		loopbackNames: words( rules.loopbackNames ),
		patterns: Object.fromEntries(
			PATTERN_NAMES.map( ( name ) => [
				name,
				pattern( patterns[ name ] ),
			] )
		) as unknown as RedirectUriPatterns,
	};
}

function readClaims( raw: unknown ): ClaimRules {
	const rules = record( raw );
	return {
		nameMaxLength: count( rules.nameMaxLength ),
		namePattern: pattern( rules.namePattern ),
		reserved: words( rules.reserved ),
		metaKeyMaxLength: count( rules.metaKeyMaxLength ),
		metaKeyPattern: pattern( rules.metaKeyPattern ),
		credentialKeys: words( rules.credentialKeys ),
		credentialWords: words( rules.credentialWords ),
		maxMappings: count( rules.maxMappings ),
	};
}

/**
 * The rules as PHP passed them, or null when they are missing or malformed: then the screens
 * check only what needs no rule (required fields, duplicates) and leave the rest to the server.
 */
export function readRules( raw: unknown ): SharedRules | null {
	try {
		const rules = record( raw );
		const audience = record( rules.audience );
		return {
			redirectUri: readRedirectUri( rules.redirectUri ),
			audience: {
				maxLength: count( audience.maxLength ),
				pattern: pattern( audience.pattern ),
			},
			clientName: {
				maxLength: count( record( rules.clientName ).maxLength ),
			},
			claims: readClaims( rules.claims ),
		};
	} catch ( error ) {
		if ( error instanceof Malformed ) {
			return null;
		}
		throw error;
	}
}

/** PHP measures strings in bytes; so must the screens, or a long non-ASCII value passes here. */
export function byteLength( value: string ): number {
	return new TextEncoder().encode( value ).length;
}
