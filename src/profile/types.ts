/**
 * Shapes of the current user's `/me/applications` REST routes.
 */

export interface ScopeDescription {
	scope: string;
	description: string;
}

/** One application the user allowed to sign them in. */
export interface ConnectedApplication {
	client_id: string;
	name: string;
	scopes: string[];
	scope_descriptions: ScopeDescription[];
	/** ISO 8601, UTC: when the user first allowed it. */
	created_at: string;
	/** ISO 8601, UTC: when the user last allowed more scopes. */
	updated_at: string;
}

export interface ApplicationRevoked {
	revoked: boolean;
}
