export interface EndpointRow {
	/** The key as the REST API sent it. */
	key: string;
	/** The key without an `_endpoint` / `_uri` suffix, used to pick a translated label. */
	name: string;
	url: string;
}
