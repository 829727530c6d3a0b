"""The client against the lab emulator: paging, every retry and auth path, clear errors, redaction."""
from __future__ import annotations

import logging
import socket

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.client.api import NsApiClient
from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import (
    NsApiError, NsAuthError, NsConnectionError, NsNotFoundError, NsPermissionError,
)
from ansible_collections.ucaas.migration.plugins.module_utils.client.gather import gather_domain

nslab_seeds = pytest.importorskip("nslab.seeds")

DOMAIN = "acme.example"
FAST = dict(backoff_base=0.01, backoff_cap=0.05, max_attempts=20, max_retry_after=0.05, confirm_timeout=10,
            confirm_interval=0.01)


def api_key_client(lab, **kwargs):
    options = dict(FAST, api_key=lab.admin_api_key)
    options.update(kwargs)
    return NsApiClient(lab.url, **options)


def oauth_client(lab, **kwargs):
    options = dict(FAST, **lab.oauth)
    options.update(kwargs)
    return NsApiClient(lab.url, **options)


@pytest.fixture
def big_lab(ns_lab):
    ns_lab.load_seed(nslab_seeds.synthetic_domain(domain=DOMAIN, users=1000))
    return ns_lab


@pytest.fixture
def small_lab(ns_lab):
    ns_lab.load_seed(nslab_seeds.synthetic_domain(domain=DOMAIN, users=25))
    return ns_lab


def test_paging_past_1000_users(big_lab):
    client = api_key_client(big_lab)
    for number in range(234):
        client.create("users", {"user": str(5000 + number), "name-first-name": "Extra", "name-last-name": str(number),
                                "email": "extra%d@acme.example" % number, "user-scope": "Basic User"},
                      domain=DOMAIN, confirm=False)
    users = client.list_kind("users", domain=DOMAIN)
    names = [user["user"] for user in users]
    assert len(names) == len(set(names)) >= 1234
    assert {str(5000 + n) for n in range(234)} <= set(names)
    assert client.api_stats()["by_endpoint"]["GET /domains/{domain}/users"] == len(names) // 1000 + 1


def test_full_read_is_identical_under_429_and_503(big_lab):
    clean = gather_domain(api_key_client(big_lab, max_concurrency=8), DOMAIN)
    assert len(clean["users"]) >= 1000

    big_lab.set_faults(rate_limit_percent=10, error_percent={503: 10}, retry_after=0.01, rng_seed=11)
    faulty_client = api_key_client(big_lab, max_concurrency=8)
    faulty = gather_domain(faulty_client, DOMAIN)
    stats = faulty_client.api_stats()
    assert faulty == clean
    assert stats["retry_reasons"].get("429", 0) > 0 and stats["retry_reasons"].get("503", 0) > 0
    assert big_lab.stats()["faults_injected"]


@pytest.mark.parametrize("faults,reason", [
    (dict(rate_limit_every=2, retry_after=0.01), "429"),
    (dict(error_percent={502: 40}, rng_seed=1), "502"),
    (dict(error_percent={503: 40}, rng_seed=2), "503"),
    (dict(error_percent={504: 40}, rng_seed=3), "504"),
    (dict(forbidden_percent=40, rng_seed=4), "403"),
    (dict(drop_percent=30, rng_seed=5), "connection"),
])
def test_every_retry_path_recovers(small_lab, faults, reason):
    expected = gather_domain(api_key_client(small_lab), DOMAIN, ["users", "devices", "answerrules"])
    small_lab.set_faults(**faults)
    client = api_key_client(small_lab, max_concurrency=4)
    assert gather_domain(client, DOMAIN, ["users", "devices", "answerrules"]) == expected
    assert client.api_stats()["retry_reasons"].get(reason, 0) > 0


def test_creates_under_dropped_connections_never_duplicate(small_lab):
    small_lab.set_faults(drop_percent=25, error_percent={502: 10, 504: 10}, rng_seed=9)
    client = api_key_client(small_lab, max_concurrency=4)
    wanted = [{"user": str(7000 + n), "name-first-name": "New", "name-last-name": "User%d" % n,
               "email": "new%d@acme.example" % n, "user-scope": "Basic User"} for n in range(40)]
    results = client.map(lambda body: client.create("users", body, domain=DOMAIN), wanted)
    assert [r.error for r in results if not r.ok] == []
    small_lab.clear_faults()
    users = [u["user"] for u in api_key_client(small_lab).list_kind("users", domain=DOMAIN)]
    for body in wanted:
        assert users.count(body["user"]) == 1
    assert client.api_stats()["retries"] > 0


def test_accepted_writes_are_confirmed_despite_visibility_delay(small_lab):
    small_lab.set_faults(visibility_delay_ms=150)
    client = api_key_client(small_lab)
    created = client.create("phonenumbers", {"phonenumber": "15555550100", "dial-rule-application": "available-number",
                                             "dial-rule-translation-destination-user": "[*]"}, domain=DOMAIN)
    assert created["phonenumber"] == "15555550100"
    assert client.delete("phonenumbers", {"phonenumber": "15555550100"}, domain=DOMAIN) is True
    assert client.find("phonenumbers", {"phonenumber": "15555550100"}, domain=DOMAIN) is None


def test_oauth_token_refresh_after_expiry(small_lab):
    client = oauth_client(small_lab)
    assert client.get("/domains/{domain}", domain=DOMAIN)
    small_lab.expire_tokens()
    assert client.get("/domains/{domain}", domain=DOMAIN)
    assert client.api_stats()["reauthentications"] == 1
    assert client.api_stats()["by_endpoint"].get("POST /tokens") == 2


def test_oauth_legacy_token_endpoint(small_lab):
    small_lab.set_faults(disable_v2_tokens=True)
    client = oauth_client(small_lab)
    assert client.get("/domains/{domain}", domain=DOMAIN)
    assert client.transport.auth.use_legacy_endpoint
    assert client.api_stats()["by_endpoint"].get("POST /ns-api/oauth2/token/") == 1


def test_read_only_key_write_is_permission_error(small_lab):
    client = NsApiClient(small_lab.url, api_key=small_lab.readonly_api_key, **FAST)
    assert client.list_kind("sites", domain=DOMAIN) is not None
    with pytest.raises(NsPermissionError) as err:
        client.create("sites", {"site": "Branch"}, domain=DOMAIN)
    assert err.value.status == 403 and small_lab.readonly_api_key not in str(err.value)


def _one_line(exc):
    text = str(exc)
    assert text and "\n" not in text and "Traceback" not in text
    return text


def test_wrong_url_is_one_clear_error(ns_lab):
    client = NsApiClient(ns_lab.url + "/not-the-api", api_key=ns_lab.admin_api_key, **FAST)
    with pytest.raises(NsNotFoundError) as err:
        client.get("/domains/{domain}", domain=DOMAIN)
    assert "/not-the-api/ns-api/v2/domains/" in _one_line(err.value)


def test_unreachable_host_is_one_clear_error():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    options = dict(FAST)
    options["max_attempts"] = 2
    client = NsApiClient("http://127.0.0.1:%d" % port, api_key="nss_unused-key-000000", **options)
    with pytest.raises(NsConnectionError) as err:
        client.get("/version")
    assert _one_line(err.value).startswith("Cannot reach ns-api at 127.0.0.1:%d" % port)


def test_bad_key_is_one_clear_error(ns_lab):
    client = NsApiClient(ns_lab.url, api_key="nss_" + "0" * 56, **FAST)
    with pytest.raises(NsAuthError) as err:
        client.get("/domains")
    text = _one_line(err.value)
    assert "Authentication failed at" in text and "API key" in text and "0" * 56 not in text


def test_expired_token_with_revoked_credentials_is_one_clear_error(small_lab):
    client = oauth_client(small_lab)
    client.get("/domains/{domain}", domain=DOMAIN)
    auth = client.transport.auth
    auth._password = "changed-password-elsewhere"  # pylint: disable=protected-access
    auth._refresh_token = "revoked-refresh-token-0000"  # pylint: disable=protected-access
    small_lab.expire_tokens()
    with pytest.raises(NsAuthError) as err:
        client.get("/domains/{domain}", domain=DOMAIN)
    text = _one_line(err.value)
    assert "OAuth2 password grant" in text and small_lab.oauth["client_id"] in text


def test_secrets_never_leak(small_lab, caplog):
    caplog.set_level(logging.DEBUG)
    secrets = {small_lab.admin_api_key, small_lab.readonly_api_key, small_lab.oauth["client_secret"],
               small_lab.oauth["password"], "nss_" + "9" * 56, "wrong-password-for-leak-test"}
    texts = []

    def attempt(fn):
        try:
            texts.append(repr(fn()))
        except NsApiError as exc:
            texts.append(str(exc))
            texts.append(repr(exc.to_dict()))

    small_lab.set_faults(rate_limit_percent=15, error_percent={502: 5, 503: 5, 504: 5}, forbidden_percent=5,
                         drop_percent=5, retry_after=0.01, rng_seed=3)
    oauth = oauth_client(small_lab)
    keyed = api_key_client(small_lab, max_concurrency=4)
    attempt(lambda: gather_domain(keyed, DOMAIN))
    attempt(lambda: gather_domain(oauth, DOMAIN, ["users", "answerrules"]))
    small_lab.expire_tokens()
    attempt(lambda: oauth.list_kind("users", domain=DOMAIN))
    secrets.update(t for t in (oauth.transport.auth._access_token, oauth.transport.auth._refresh_token) if t)  # pylint: disable=protected-access
    small_lab.clear_faults()
    attempt(lambda: NsApiClient(small_lab.url, api_key="nss_" + "9" * 56, **FAST).get("/domains"))
    attempt(lambda: NsApiClient(small_lab.url, **dict(FAST, **dict(small_lab.oauth, password="wrong-password-for-leak-test"))).get("/domains"))
    attempt(lambda: NsApiClient(small_lab.url, api_key=small_lab.readonly_api_key, **FAST).create(
        "sites", {"site": "Leak"}, domain=DOMAIN))
    attempt(keyed.api_stats)
    logged = [record.getMessage() for record in caplog.records]
    assert logged, "expected DEBUG log records"
    haystack = "\n".join(texts + logged)
    for secret in secrets:
        assert secret not in haystack


def test_read_timeout_is_retried_then_one_clear_error(small_lab):
    small_lab.set_faults(latency_ms=400)
    options = dict(FAST)
    options.update(timeout=0.1, max_attempts=2)
    client = api_key_client(small_lab, **options)
    with pytest.raises(NsConnectionError) as err:
        client.get("/domains/{domain}", domain=DOMAIN)
    assert "no answer within the read timeout, after 2 attempts" in _one_line(err.value)
    assert client.api_stats()["retry_reasons"] == {"timeout": 1}


def test_create_is_not_resent_while_its_outcome_is_unknown(small_lab):
    small_lab.set_faults(latency_ms=300)
    options = dict(FAST)
    options.update(timeout=0.1, max_attempts=3)
    client = api_key_client(small_lab, **options)
    body = {"user": "7999", "name-first-name": "Slow", "name-last-name": "Create", "email": "slow@acme.example",
            "user-scope": "Basic User"}
    # The POST times out client-side (the server still applies it); the re-read before a resend
    # times out as well, so the client gives up rather than risk a duplicate.
    with pytest.raises(NsConnectionError):
        client.create("users", body, domain=DOMAIN, confirm=False)
    small_lab.clear_faults()
    users = [u["user"] for u in api_key_client(small_lab).list_kind("users", domain=DOMAIN)]
    assert users.count("7999") == 1
    assert small_lab.stats()["requests"].get("POST /ns-api/v2/domains/{domain}/users") == 1
