/**
 * Sends the authorization response on to the application (OAuth 2.0 Form Post Response Mode). A
 * file of its own, so the page's Content-Security-Policy allows no inline script; without
 * JavaScript the page's Continue button does the same.
 */
document.getElementById( 'keystone-oidc-form-post' ).submit();
