export interface ConsentScope {
	scope: string;
	description: string;
}

/** What the consent page's PHP passes as `window.keystoneOidcConsent`. */
export interface ConsentConfig {
	clientName: string;
	/** "Ada Lovelace (ada)": worded once, by `Consent\Consent_Page::signed_in_as()`. */
	signedInAs: string;
	scopes: ConsentScope[];
	formAction: string;
	requestId: string;
	nonce: string;
	logoutUrl: string;
}

export type ConsentDecision = 'allow' | 'deny';
