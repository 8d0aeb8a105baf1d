#!/usr/bin/python3
"""CGI page behind mod_auth_openidc: echoes what the relying party passed on about the user."""
import json
import os

claims = {
    name[len("OIDC_CLAIM_"):]: value
    for name, value in os.environ.items()
    if name.startswith("OIDC_CLAIM_")
}
body = json.dumps(
    {"remote_user": os.environ.get("REMOTE_USER"), "claims": claims},
    sort_keys=True,
)
print("Content-Type: application/json")
print("Cache-Control: no-store")
print()
print(body)
