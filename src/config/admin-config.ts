/**
 * The configuration PHP passes once to every admin screen as `window.keystoneOidc`
 * (`Admin\Assets::admin_config()`). Read defensively: a missing field gets a safe default.
 */
import { readNetwork, type NetworkRules } from './network';
import { readRules, type SharedRules } from './rules';

export interface RoleOption {
	slug: string;
	name: string;
}

export interface AdminConfig {
	restNamespace: string;
	version: string;
	issuer: string;
	discoveryUrl: string;
	/** `…/wp-admin/admin.php`. */
	adminUrl: string;
	permalinkSettingsUrl: string;
	prettyPermalinks: boolean;
	scopes: string[];
	/** Scope → what it lets an application see (`Rules\Scope_Descriptions`). */
	scopeDescriptions: Record< string, string >;
	roles: RoleOption[];
	/** `Settings.default_allowed_roles`: the allowed roles the Add Client form starts with. */
	defaultAllowedRoles: string[];
	/** Null when missing: the screens then leave every rule to the server. */
	rules: SharedRules | null;
	network: NetworkRules;
}

export const DEFAULT_SCOPES = [
	'openid',
	'profile',
	'email',
	'offline_access',
	'roles',
];

function isRecord( value: unknown ): value is Record< string, unknown > {
	return typeof value === 'object' && value !== null;
}

function stringOr( value: unknown, fallback: string ): string {
	return typeof value === 'string' ? value : fallback;
}

function readScopes( value: unknown ): string[] {
	if ( ! Array.isArray( value ) ) {
		return DEFAULT_SCOPES;
	}
	const scopes = value.filter(
		( scope ): scope is string => typeof scope === 'string' && scope !== ''
	);
	return [ 'openid', ...scopes.filter( ( scope ) => scope !== 'openid' ) ];
}

function readDescriptions( value: unknown ): Record< string, string > {
	if ( ! isRecord( value ) || Array.isArray( value ) ) {
		return {};
	}
	return Object.fromEntries(
		Object.entries( value ).filter(
			( entry ): entry is [ string, string ] =>
				typeof entry[ 1 ] === 'string'
		)
	);
}

function readRoles( value: unknown ): RoleOption[] {
	if ( ! Array.isArray( value ) ) {
		return [];
	}
	return value.flatMap( ( role ): RoleOption[] =>
		isRecord( role ) && typeof role.slug === 'string'
			? [ { slug: role.slug, name: stringOr( role.name, role.slug ) } ]
			: []
	);
}

export function readAdminConfig( raw: unknown ): AdminConfig {
	const config = isRecord( raw ) ? raw : {};
	const adminUrl = stringOr( config.adminUrl, 'admin.php' );
	return {
		restNamespace: stringOr( config.restNamespace, 'keystone-oidc/v1' ),
		version: stringOr( config.version, '' ),
		issuer: stringOr( config.issuer, '' ),
		discoveryUrl: stringOr( config.discoveryUrl, '' ),
		adminUrl,
		permalinkSettingsUrl: stringOr(
			config.permalinkSettingsUrl,
			adminUrl.replace( /admin\.php$/, 'options-permalink.php' )
		),
		prettyPermalinks: config.prettyPermalinks !== false,
		scopes: readScopes( config.scopes ),
		scopeDescriptions: readDescriptions( config.scopeDescriptions ),
		roles: readRoles( config.roles ),
		defaultAllowedRoles: Array.isArray( config.defaultAllowedRoles )
			? config.defaultAllowedRoles.filter(
					( role ): role is string => typeof role === 'string'
			  )
			: [],
		rules: readRules( config.rules ),
		network: readNetwork( config.network ),
	};
}

/**
 * A link to one of the plugin's admin pages, e.g. `adminPageUrl( base, 'keystone-oidc-new',
 * { client_id: 'abc' } )`.
 */
export function adminPageUrl(
	adminUrl: string,
	page: string,
	params: Record< string, string > = {}
): string {
	const query = new URLSearchParams( { page, ...params } );
	return `${ adminUrl }?${ query.toString() }`;
}

export const PAGES = {
	clients: 'keystone-oidc',
	edit: 'keystone-oidc-new',
	settings: 'keystone-oidc-settings',
	claims: 'keystone-oidc-claims',
} as const;
