export interface ConsentScope {
	scope: string;
	description: string;
}

/**
 * The site the user signs in with (`Consent\Site_Identity`): the consent and device pages name it,
 * so the user can tell which account is asked for.
 */
export interface SiteIdentity {
	name: string;
	/** The site icon's URL, '' when the site has none. */
	icon: string;
}

/** What the consent page's PHP passes as `window.keystoneOidcConsent`. */
export interface ConsentConfig {
	site: SiteIdentity;
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
