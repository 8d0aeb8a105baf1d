/** What `Test_Sign_In\Test_Callback` hands the result screen (`window.keystoneOidcTestSignIn`). */
export interface TestedClient {
	client_id: string;
	name: string;
}

export interface IssuedTokens {
	id_token: string;
	access_token: string;
	token_type: string;
	expires_in: number;
	scope: string;
	/** Whether the client received a refresh token (never shown: it is opaque). */
	refresh_token: boolean;
}

export type UserinfoAnswer =
	| { claims: Record< string, unknown > }
	| { error: string; error_description: string };

export interface TestSignInSuccess {
	status: 'success';
	client: TestedClient;
	/** The nonce the test sent: the ID token must carry it back. */
	nonce: string;
	tokens: IssuedTokens;
	userinfo: UserinfoAnswer;
	/** Whether the grant's tokens were revoked before the page was written. */
	revoked: boolean;
}

export interface TestSignInFailure {
	status: 'error';
	client: TestedClient | null;
	error: string;
	error_description: string;
}

export type TestSignInResult = TestSignInSuccess | TestSignInFailure;

/** One decoded JWT: only its public parts (header and payload), never a verification. */
export interface DecodedJwt {
	header: Record< string, unknown >;
	claims: Record< string, unknown >;
}
