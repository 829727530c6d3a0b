# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""API keys, OAuth2 password/refresh grants, legacy token fallback, ~ paths."""
from __future__ import annotations

import requests


def _password_grant(lab):
    return dict(lab.oauth, grant_type="password")


def test_api_key_reads_and_bad_key_is_401(api, ns_lab, make_api):
    assert api.get("/domains/acme.lab").status_code == 200
    bad = make_api(ns_lab, key="nss_" + "0" * 56).get("/domains/acme.lab")
    assert bad.status_code == 401
    assert bad.json() == {"code": 401, "message": "Authentication Required"}
    assert make_api(ns_lab, key=False).get("/domains").status_code == 401


def test_readonly_key_reads_but_writes_get_403(api, ns_lab, make_api):
    readonly = make_api(ns_lab, key=ns_lab.readonly_api_key)
    assert readonly.get("/domains/acme.lab/users").status_code == 200
    answer = readonly.post("/domains/acme.lab/users", {"user": "1000", "name-first-name": "A", "name-last-name": "B"})
    assert answer.status_code == 403
    assert answer.json()["code"] == 403
    assert api.get("/domains/acme.lab/users/count").json() == {"total": 0}


def test_password_grant_token_works_and_refresh_after_expiry(api, ns_lab, make_api):
    token = requests.post(api.url("/tokens"), json=_password_grant(ns_lab), timeout=10).json()
    assert token["token_type"] == "Bearer" and token["expires_in"] == 3600
    assert token["domain"] == "acme.lab"
    with_token = make_api(ns_lab, key=token["access_token"])
    assert with_token.get("/domains/acme.lab").status_code == 200
    ns_lab.expire_tokens()
    assert with_token.get("/domains/acme.lab").status_code == 401
    refresh = {"grant_type": "refresh_token", "client_id": ns_lab.oauth["client_id"],
               "client_secret": ns_lab.oauth["client_secret"], "refresh_token": token["refresh_token"]}
    renewed = requests.post(api.url("/tokens"), json=refresh, timeout=10)
    assert renewed.status_code == 200
    assert make_api(ns_lab, key=renewed.json()["access_token"]).get("/domains/acme.lab").status_code == 200


def test_password_grant_rejects_wrong_password(ns_lab):
    body = dict(_password_grant(ns_lab), password="wrong")
    answer = requests.post(ns_lab.api_url + "/tokens", json=body, timeout=10)
    assert answer.status_code == 401
    assert answer.json()["code"] == 401


def test_v2_tokens_disabled_answers_404_and_legacy_endpoint_works(ns_lab, make_api):
    ns_lab.set_faults(disable_v2_tokens=True)
    v2 = requests.post(ns_lab.api_url + "/tokens", json=_password_grant(ns_lab), timeout=10)
    assert v2.status_code == 404
    legacy = requests.post(ns_lab.url + "/ns-api/oauth2/token/", data=_password_grant(ns_lab), timeout=10)
    assert legacy.status_code == 200
    body = legacy.json()
    assert set(body) == {"access_token", "expires_in", "scope", "token_type", "refresh_token", "domain", "apiversion"}
    assert make_api(ns_lab, key=body["access_token"]).get("/domains").status_code == 200


def test_tilde_resolves_to_own_domain_and_user(api, ns_lab, make_api):
    api.post("/domains/acme.lab/users", {"user": "1000", "name-first-name": "Ada", "name-last-name": "Byron", "synchronous": "yes"})
    assert api.get("/domains/~").json()["domain"] == "acme.lab"
    token = requests.post(api.url("/tokens"), json=_password_grant(ns_lab), timeout=10).json()
    mine = make_api(ns_lab, key=token["access_token"]).get("/domains/~/users/~")
    assert mine.status_code == 200 and mine.json()["user"] == "1000"
    rules = api.get("/domains/~/users/~/answerrules")
    assert [r["time-frame"] for r in rules.json()] == ["*"]
    assert api.get("/apikeys/~").json()["readonly"] == "no"
