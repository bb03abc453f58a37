"""Drives the reference server through the community Python SDK (pan-scm-sdk).

Run by src/interop/pythonSdk.test.ts against `serve --tls --oauth`, in a venv
made for it. The SDK has no MFA-server resource, so this uses its `Scm`
client's generic get/post/put/delete: the SDK fetches a token with OAuth2
client credentials (form fields) at the token URL, checks the JWT's RS256
signature against <token URL's folder>/connect/jwk_uri (audience = client id)
before every call, and refreshes the token once that check says it expired.

Configuration comes from the environment (never printed): SCM_API_BASE
(https://host:port), SCM_AUTH_URL, SCM_CLIENT_ID, SCM_CLIENT_SECRET,
SCM_TSG_ID, and SCM_RO_CLIENT_ID / SCM_RO_CLIENT_SECRET for a read-only
client. TLS is verified against the server's certificate through
REQUESTS_CA_BUNDLE (requests) and SSL_CERT_FILE (the key set fetch).

Prints one JSON object per step ({"step": ..., ...}) and exits 0 when every
step answered as expected, 1 at the first that did not.
"""

import json
import os
import sys
import time

from scm.client import Scm
from scm.exceptions import APIError, ObjectNotPresentError, UnauthorizedError

BASE = "/config/identity/v1/mfa-servers"
FOLDER = "Shared"


def say(step, **fields):
    print(json.dumps({"step": step, **fields}), flush=True)


def fail(step, why):
    say(step, ok=False, why=why)
    sys.exit(1)


def expect(step, cond, why, **fields):
    if not cond:
        fail(step, why)
    say(step, ok=True, **fields)


def client(id_var, secret_var):
    return Scm(
        client_id=os.environ[id_var],
        client_secret=os.environ[secret_var],
        tsg_id=os.environ["SCM_TSG_ID"],
        api_base_url=os.environ["SCM_API_BASE"],
        token_url=os.environ["SCM_AUTH_URL"],
        verify_ssl=True,
    )


def body(name, timeout):
    return {
        "name": name,
        "mfa_cert_profile": "cert-profile-1",
        "folder": FOLDER,
        "mfa_vendor_type": {
            "duo_security_v2": {
                "duo_api_host": "api-0123abcd.duosecurity.com",
                "duo_baseuri": "/auth/v2",
                "duo_timeout": timeout,
                "duo_integration_key": "DIXXXXXXXXXXXXXXXXXX",
                "duo_secret_key": "sdk-test-secret-value-0123456789",
            }
        },
    }


def main():
    scm = client("SCM_CLIENT_ID", "SCM_CLIENT_SECRET")
    claims = scm.oauth_client.decode_token()  # the SDK's own signature and audience check
    expect("token", claims.get("aud") == os.environ["SCM_CLIENT_ID"] and "exp" in claims, "token claims", scope=claims.get("scope"))

    page = scm.get(BASE, params={"folder": FOLDER, "limit": 200, "offset": 0, "position": "pre"})
    expect("list-empty", page.get("total") == 0 and page.get("data") == [], f"unexpected page {page}")

    created = scm.post(BASE, json=body("sdk-mfa-1", 30))
    oid = created.get("id")
    expect("create", isinstance(oid, str) and created.get("name") == "sdk-mfa-1", f"unexpected create answer {sorted(created)}")

    got = scm.get(f"{BASE}/{oid}")
    expect("get", got.get("id") == oid and got["mfa_vendor_type"]["duo_security_v2"]["duo_timeout"] == 30, "get answered another object")

    updated = scm.put(f"{BASE}/{oid}", json=body("sdk-mfa-1", 45))
    expect("update", updated.get("id") == oid and updated["mfa_vendor_type"]["duo_security_v2"]["duo_timeout"] == 45, "update not applied")

    page = scm.get(BASE, params={"folder": FOLDER, "name": "sdk-mfa-1", "position": "pre"})
    expect("list-one", page.get("total") == 1 and [o.get("id") for o in page.get("data", [])] == [oid], "list does not show the object")

    ro = client("SCM_RO_CLIENT_ID", "SCM_RO_CLIENT_SECRET")
    try:
        ro.post(BASE, json=body("sdk-mfa-ro", 30))
        fail("read-only-write", "a read-only client could create")
    except UnauthorizedError as e:
        expect("read-only-write", e.http_status_code == 403, f"status {e.http_status_code}", error=type(e).__name__)
    page = ro.get(BASE, params={"folder": FOLDER, "position": "pre"})
    expect("read-only-list", page.get("total") == 1, "a read-only client cannot list")

    deleted = scm.delete(f"{BASE}/{oid}")
    expect("delete", deleted is None or deleted.get("id") == oid, "delete answered another object")
    try:
        scm.get(f"{BASE}/{oid}")
        fail("get-deleted", "the deleted object is still there")
    except ObjectNotPresentError as e:
        expect("get-deleted", e.http_status_code == 404, f"status {e.http_status_code}", error=type(e).__name__)

    if os.environ.get("SCM_WAIT_FOR_EXPIRY") == "1":
        # The SDK checks the token before each call and fetches a new one once it has expired.
        before = scm.session.token["access_token"]
        try:
            exp = scm.oauth_client.decode_token()["exp"]  # the token now held (the SDK may have renewed it already)
        except Exception:  # already expired
            exp = time.time()
        time.sleep(max(0.0, exp - time.time()) + 1.1)
        page = scm.get(BASE, params={"folder": FOLDER, "position": "pre"})
        after = scm.session.token["access_token"]
        expect("refresh", after != before and page.get("total") == 0, "the SDK did not fetch a new token")

    say("done", ok=True)


if __name__ == "__main__":
    try:
        main()
    except APIError as e:
        fail("error", f"{type(e).__name__} {getattr(e, 'http_status_code', None)} {getattr(e, 'error_code', None)} {e.message}")
