#!/usr/bin/python3
"""A server-side relying party on Flask and Authlib (Debian's python3-flask and python3-authlib).

It knows the provider only by its discovery URL, client ID and client secret, all from the
environment, and answers in JSON so the test can read what happened. With PRIVATE_KEY (a PEM) in
the environment instead of a secret, it authenticates with private_key_jwt (RFC 7523): Authlib's
PrivateKeyJWT signs an RS256 assertion for every request to the token endpoint.

    /              the signed-in user (ID token claims), or 401
    /login         starts the authorization code flow
    /callback      the redirect URI: redeems the code, validates the ID token
    /userinfo      calls the provider's userinfo endpoint with the access token
    /refresh       redeems the refresh token for new tokens, validates the new ID token

Tokens stay on the server (keyed by a random session ID in Flask's signed cookie), as a real
server-side app keeps them, so the cookie stays small. /callback and /refresh also answer with
the raw ID and access tokens they received, so that the test can check them with its own verifier.
"""
import os
import secrets

from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from authlib.jose.errors import JoseError
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from flask import Flask, jsonify, session, url_for

app = Flask(__name__)
app.secret_key = secrets.token_hex(32)
# The provider under test and this app share a host (loopback, other ports), and cookies do not
# tell ports apart: a name of its own keeps this session apart from any other app's.
app.config["SESSION_COOKIE_NAME"] = "interop_flask_session"

client_kwargs = {
    "scope": os.environ.get("SCOPE", "openid email profile"),
    "code_challenge_method": "S256",
}
authentication = {"client_secret": os.environ.get("CLIENT_SECRET", "")}
if os.environ.get("PRIVATE_KEY"):
    # Authlib takes the signing key where a secret would go.
    authentication = {
        "client_secret": os.environ["PRIVATE_KEY"],
        "client_auth_methods": [PrivateKeyJWT()],
    }
    client_kwargs["token_endpoint_auth_method"] = "private_key_jwt"

oauth = OAuth(app)
oauth.register(
    name="provider",
    client_id=os.environ["CLIENT_ID"],
    server_metadata_url=os.environ["DISCOVERY_URL"],
    client_kwargs=client_kwargs,
    **authentication,
)

tokens = {}


def current_token():
    return tokens.get(session.get("sid", ""))


def error_response(error, status=400):
    body = {"error": type(error).__name__, "description": str(error)}
    if isinstance(error, OAuthError):
        body = {"error": error.error, "description": error.description}
    return jsonify(body), status


@app.get("/")
def home():
    token = current_token()
    if not token:
        return jsonify({"signed_in": False}), 401
    return jsonify({"signed_in": True, "claims": token["userinfo"]})


@app.get("/login")
def login():
    return oauth.provider.authorize_redirect(url_for("callback", _external=True))


@app.get("/callback")
def callback():
    try:
        token = oauth.provider.authorize_access_token()
    except (OAuthError, JoseError) as error:
        return error_response(error)
    sid = secrets.token_hex(16)
    tokens[sid] = token
    session["sid"] = sid
    return jsonify(
        {"signed_in": True, "claims": token["userinfo"], "tokens": raw_tokens(token)}
    )


def raw_tokens(token):
    return {"id_token": token.get("id_token"), "access_token": token.get("access_token")}


@app.get("/userinfo")
def userinfo():
    token = current_token()
    if not token:
        return jsonify({"signed_in": False}), 401
    try:
        claims = oauth.provider.userinfo(token=token)
    except (OAuthError, JoseError) as error:
        return error_response(error, 502)
    return jsonify(dict(claims))


@app.get("/refresh")
def refresh():
    token = current_token()
    if not token:
        return jsonify({"signed_in": False}), 401
    try:
        fresh = oauth.provider.fetch_access_token(
            grant_type="refresh_token", refresh_token=token["refresh_token"]
        )
        claims = None
        if "id_token" in fresh:
            # Validates signature, iss, aud, exp and iat; a refreshed ID token carries no nonce.
            claims = oauth.provider.parse_id_token(fresh, nonce=None)
    except (OAuthError, JoseError) as error:
        return error_response(error, 502)
    fresh.setdefault("refresh_token", token["refresh_token"])
    fresh["userinfo"] = claims or token["userinfo"]
    tokens[session["sid"]] = fresh
    return jsonify(
        {
            "access_token_changed": fresh["access_token"] != token["access_token"],
            "refresh_token_changed": fresh["refresh_token"] != token["refresh_token"],
            "id_token_claims": dict(claims) if claims else None,
            "previous_id_token_claims": dict(token["userinfo"]),
            "previous_refresh_token": token["refresh_token"],
            "tokens": raw_tokens(fresh),
        }
    )


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ["PORT"]))
