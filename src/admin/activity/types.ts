/** One entry of `GET /keystone-oidc/v1/activity`. */
export interface ActivityEntry {
	id: number;
	/** ISO 8601, UTC. */
	date: string;
	event: ActivityEvent;
	client_id: string;
	/** Null for no client, or one deleted since. */
	client_name: string | null;
	user_id: number;
	user_name: string | null;
	details: Record< string, unknown >;
}

export type ActivityEvent =
	| 'sign_in'
	| 'consent_given'
	| 'consent_revoked'
	| 'token_granted'
	| 'token_refreshed'
	| 'client_auth_failed'
	| 'refresh_token_reused'
	| 'keys_rotated'
	| 'client_created'
	| 'client_updated'
	| 'client_deleted'
	| 'client_secret_reset';

/** What the screen asks the server for: the REST API's own parameters. */
export interface ActivityQuery {
	page: number;
	perPage: number;
	clientId?: string;
	userId?: number;
	events: ActivityEvent[];
	/** `YYYY-MM-DD` in the site's time zone is not known here: the day starts at 00:00 UTC. */
	after?: string;
	before?: string;
}

export interface ActivityPage {
	entries: ActivityEntry[];
	total: number;
	totalPages: number;
}

export interface NamedOption< Value > {
	value: Value;
	label: string;
}
