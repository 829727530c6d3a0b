"""Client behaviour against a scripted HTTP server: retries, throttling, auth, recovery, errors."""
from __future__ import annotations

import logging
import socket

import pytest
from client_stub_server import Reply, StubServer

from ansible_collections.ucaas.migration.plugins.module_utils.client.api import NsApiClient
from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import (
    NsAuthError, NsConfigError, NsConflictError, NsConnectionError, NsNotFoundError, NsPermissionError, NsServerError,
    NsThrottledError, NsWriteNotConfirmedError,
)

API_KEY = "nsr_" + "k" * 56
CLIENT_SECRET = "client-secret-value-42"
PASSWORD = "user-password-value-42"
ACCESS_1, ACCESS_2, REFRESH_1 = "access-token-one-1111", "access-token-two-2222", "refresh-token-one-3333"


@pytest.fixture
def stub():
    server = StubServer()
    yield server
    server.stop()


def make_client(url, sleeps=None, **kwargs):
    sleeps = [] if sleeps is None else sleeps
    options = dict(api_key=API_KEY, max_attempts=5, backoff_base=0.01, backoff_cap=0.02, confirm_timeout=2,
                   confirm_interval=0.01, sleep=sleeps.append)
    options.update(kwargs)
    return NsApiClient(url, **options)


def oauth_client(url, sleeps=None, **kwargs):
    return make_client(url, sleeps, api_key=None, client_id="cid", client_secret=CLIENT_SECRET,
                       username="admin@acme", password=PASSWORD, **kwargs)


def test_api_key_bearer_and_base_url_normalization(stub):
    stub.sequence(Reply(200, {"domain": "acme"}))
    client = make_client(stub.url + "/ns-api/v2/")
    assert client.get("/domains/{domain}", domain="acme") == {"domain": "acme"}
    request = stub.requests[0]
    assert request["path"] == "/ns-api/v2/domains/acme"
    assert request["headers"]["Authorization"] == "Bearer " + API_KEY
    assert client.api_stats()["by_endpoint"] == {"GET /domains/{domain}": 1}


@pytest.mark.parametrize("headers,expected_wait", [
    ({"Retry-After": "0.05"}, 0.05),
    ({"RateLimit": '"client_minute";r=0;t=0.04'}, 0.04),
    ({"RateLimit-Reset": "0.03"}, 0.03),
])
def test_429_honours_server_hint(stub, headers, expected_wait):
    stub.sequence(Reply(429, {"code": 429, "message": "Too Many Requests"}, headers=headers), Reply(200, []))
    sleeps = []
    client = make_client(stub.url, sleeps)
    assert client.get("/domains/{domain}/sites", domain="d") == []
    assert sleeps == [expected_wait]
    stats = client.api_stats()
    assert stats["retries"] == 1 and stats["retry_reasons"] == {"429": 1}
    assert stats["calls"] == 2


@pytest.mark.parametrize("status", [502, 503, 504])
def test_5xx_retried_with_backoff(stub, status):
    stub.sequence(Reply(status, {"code": status, "message": "down"}), Reply(status, None), Reply(200, {"ok": "yes"}))
    sleeps = []
    client = make_client(stub.url, sleeps)
    assert client.get("/version") == {"ok": "yes"}
    assert len(sleeps) == 2 and all(0 < s <= 0.02 for s in sleeps)
    assert client.api_stats()["retry_reasons"] == {str(status): 2}


def test_500_is_not_retried(stub):
    stub.sequence(Reply(500, {"code": 500, "message": "boom"}))
    client = make_client(stub.url)
    with pytest.raises(NsServerError, match=r"GET /ns-api/v2/version -> 500: boom"):
        client.get("/version")
    assert len(stub.requests) == 1


def test_403_without_body_is_throttling_with_json_is_permission(stub):
    stub.sequence(Reply(403, None), Reply(403, raw=b"<html>blocked</html>", headers={"Content-Type": "text/html"}),
                  Reply(200, []))
    client = make_client(stub.url)
    assert client.get("/domains") == []
    assert client.api_stats()["retry_reasons"] == {"403": 2}
    stub.sequence(Reply(403, {"code": 403, "message": "read-only key"}))
    with pytest.raises(NsPermissionError, match="read-only key") as err:
        client.get("/domains")
    assert err.value.status == 403 and err.value.method == "GET"


def test_retries_are_bounded_by_attempts(stub):
    stub.sequence(Reply(429, None, headers={"Retry-After": "0"}))
    client = make_client(stub.url, max_attempts=3)
    with pytest.raises(NsThrottledError, match=r"still throttled .* after 3 attempts"):
        client.get("/domains")
    assert len(stub.requests) == 3


def test_retries_are_bounded_by_total_time(stub):
    stub.sequence(Reply(503, None, headers={"Retry-After": "50"}))
    sleeps = []
    client = make_client(stub.url, sleeps, max_retry_seconds=10, max_attempts=10)
    with pytest.raises(NsServerError, match="after 1 attempt"):
        client.get("/domains")
    assert sleeps == [] and len(stub.requests) == 1


def test_dropped_connection_on_get_is_retried(stub):
    stub.sequence(Reply(drop=True), Reply(200, [{"site": "HQ"}]))
    client = make_client(stub.url)
    assert client.get("/domains/{domain}/sites", domain="d") == [{"site": "HQ"}]
    assert client.api_stats()["retry_reasons"] == {"connection": 1}


def test_create_after_dropped_connection_rereads_instead_of_duplicating(stub):
    posts = []

    def fn(request):
        if request["method"] == "POST":
            posts.append(request)
            return Reply(drop=True)  # applied, but the answer never arrives
        return Reply(200, {"user": "101", "name-first-name": "Ann", "domain": "d"})
    stub.script(fn)
    client = make_client(stub.url)
    created = client.create("users", {"user": "101", "name-first-name": "Ann"}, domain="d")
    assert created["user"] == "101"
    assert len(posts) == 1
    assert posts[0]["json"]["synchronous"] == "yes"


def test_create_retry_sends_again_when_reread_finds_nothing(stub):
    state = {"posts": 0}

    def fn(request):
        if request["method"] == "POST":
            state["posts"] += 1
            if state["posts"] == 1:
                return Reply(504, None)
            return Reply(200, {"callqueue": "7000", "domain": "d"})
        if state["posts"] < 2:
            return Reply(404, {"code": 404, "message": "Record not found"})
        return Reply(200, {"callqueue": "7000", "domain": "d"})
    stub.script(fn)
    client = make_client(stub.url)
    assert client.create("callqueues", {"callqueue": "7000"}, domain="d")["callqueue"] == "7000"
    methods = [r["method"] for r in stub.requests]
    assert methods == ["POST", "GET", "POST", "GET"]


def test_accepted_update_is_polled_until_visible(stub):
    reads = {"n": 0}

    def fn(request):
        if request["method"] == "PUT":
            return Reply(202, {"code": 202, "message": "Accepted"})
        reads["n"] += 1
        name = "Old" if reads["n"] < 3 else "New"
        return Reply(200, {"user": "101", "name-first-name": name, "voicemail-login-pin": "9999"})
    stub.script(fn)
    client = make_client(stub.url)
    updated = client.update("users", {"user": "101", "name-first-name": "New", "voicemail-login-pin": "1234"}, domain="d")
    assert updated["name-first-name"] == "New"
    assert reads["n"] == 3


def test_accepted_write_not_visible_gives_bounded_error(stub):
    stub.script(lambda r: Reply(202, {"code": 202, "message": "Accepted"}) if r["method"] == "POST"
                else Reply(404, {"code": 404, "message": "Record not found"}))
    client = make_client(stub.url, confirm_timeout=0.05)
    with pytest.raises(NsWriteNotConfirmedError, match=r"phonenumbers \(phonenumber=15551230000\)"):
        client.create("phonenumbers", {"phonenumber": "15551230000"}, domain="d")


def test_delete_confirms_absence_and_reports_already_absent(stub):
    gets = {"n": 0}

    def fn(request):
        if request["method"] == "DELETE":
            return Reply(202, {"code": 202, "message": "Accepted"})
        gets["n"] += 1
        return Reply(200, {"phonenumber": "1"}) if gets["n"] == 1 else Reply(404, {"code": 404, "message": "gone"})
    stub.script(fn)
    client = make_client(stub.url)
    assert client.delete("phonenumbers", {"phonenumber": "1"}, domain="d") is True
    stub.sequence(Reply(404, {"code": 404, "message": "Record not found"}))
    assert client.delete("phonenumbers", {"phonenumber": "1"}, domain="d") is False


def test_phone_delete_sends_mac_in_body(stub):
    stub.script(lambda r: Reply(202, {"code": 202, "message": "Accepted"}) if r["method"] == "DELETE"
                else Reply(404, {"code": 404, "message": "Record not found"}))
    client = make_client(stub.url)
    client.delete("phones", {"device-provisioning-mac-address": "000011223344", "notes": "x"}, domain="d")
    assert stub.requests[0]["path"] == "/ns-api/v2/domains/d/phones"
    assert stub.requests[0]["json"] == {"device-provisioning-mac-address": "000011223344"}


def test_smsnumber_found_by_listing(stub):
    stub.sequence(Reply(200, [{"number": "15550001111", "dest": "101"}, {"number": "15550002222", "dest": "102"}]))
    client = make_client(stub.url)
    assert client.find("smsnumbers", {"number": "15550002222"}, domain="d")["dest"] == "102"
    assert client.find("smsnumbers", {"number": "15559999999"}, domain="d") is None


def test_list_pages_with_start_and_limit(stub):
    users = [{"user": str(1000 + n)} for n in range(2345)]

    def fn(request):
        from urllib.parse import parse_qs, urlsplit
        query = parse_qs(urlsplit(request["path"]).query)
        start, limit = int(query["start"][0]), int(query["limit"][0])
        return Reply(200, users[start:start + limit])
    stub.script(fn)
    client = make_client(stub.url)
    assert client.list_kind("users", domain="d") == users
    assert client.api_stats()["by_endpoint"] == {"GET /domains/{domain}/users": 3}


def test_bad_api_key_gives_one_clear_error(stub, caplog):
    caplog.set_level(logging.DEBUG)
    stub.sequence(Reply(401, {"code": 401, "message": "Authentication Required"}))
    client = make_client(stub.url)
    with pytest.raises(NsAuthError) as err:
        client.get("/domains/{domain}", domain="acme")
    text = str(err.value)
    assert "127.0.0.1" in text and "API key" in text and "Authentication Required" in text
    assert "\n" not in text and API_KEY not in text
    assert len(stub.requests) == 1
    assert all(API_KEY not in record.getMessage() for record in caplog.records)


def test_oauth_password_grant_then_refresh_on_401(stub):
    def fn(request):
        path = request["path"]
        if path == "/ns-api/v2/tokens":
            grant = request["json"]["grant_type"]
            if grant == "password":
                return Reply(200, {"access_token": ACCESS_1, "refresh_token": REFRESH_1, "expires_in": 3600})
            assert request["json"]["refresh_token"] == REFRESH_1
            return Reply(200, {"access_token": ACCESS_2, "refresh_token": REFRESH_1, "expires_in": 3600})
        if request["headers"]["Authorization"] == "Bearer " + ACCESS_1:
            return Reply(401, {"code": 401, "message": "token expired"})
        return Reply(200, {"domain": "acme"})
    stub.script(fn)
    client = oauth_client(stub.url)
    assert client.get("/domains/{domain}", domain="acme") == {"domain": "acme"}
    grants = [r["json"]["grant_type"] for r in stub.requests if r["path"].endswith("/tokens")]
    assert grants == ["password", "refresh_token"]
    assert client.api_stats()["reauthentications"] == 1


def test_oauth_expired_refresh_falls_back_to_password_grant(stub):
    issued = []

    def fn(request):
        if request["path"] == "/ns-api/v2/tokens":
            if request["json"]["grant_type"] == "refresh_token":
                return Reply(400, {"code": 400, "message": "invalid refresh token"})
            token = "access-token-%04d" % len(issued)
            issued.append(token)
            return Reply(200, {"access_token": token, "refresh_token": REFRESH_1, "expires_in": 3600})
        if request["headers"]["Authorization"] == "Bearer " + issued[0]:
            return Reply(401, {"code": 401, "message": "expired"})
        return Reply(200, [])
    stub.script(fn)
    client = oauth_client(stub.url)
    assert client.get("/domains") == []
    assert len(issued) == 2


def test_oauth_401_after_refresh_is_a_clear_error(stub):
    def fn(request):
        if request["path"] == "/ns-api/v2/tokens":
            return Reply(200, {"access_token": ACCESS_1, "expires_in": 3600})
        return Reply(401, {"code": 401, "message": "Authentication Required"})
    stub.script(fn)
    client = oauth_client(stub.url)
    with pytest.raises(NsAuthError) as err:
        client.get("/domains")
    text = str(err.value)
    assert "OAuth2 password grant" in text and "127.0.0.1" in text
    for secret in (CLIENT_SECRET, PASSWORD, ACCESS_1):
        assert secret not in text


def test_oauth_bad_credentials(stub):
    stub.script(lambda r: Reply(401, {"code": 401, "message": "Invalid username or password " + PASSWORD}))
    client = oauth_client(stub.url)
    with pytest.raises(NsAuthError) as err:
        client.get("/domains")
    assert "Authentication failed at 127.0.0.1" in str(err.value)
    assert PASSWORD not in str(err.value) and PASSWORD not in str(err.value.to_dict())


def test_oauth_falls_back_to_legacy_token_endpoint(stub):
    def fn(request):
        if request["path"] == "/ns-api/v2/tokens":
            return Reply(404, {"code": 404, "message": "No Route Found [92]"})
        if request["path"] == "/ns-api/oauth2/token/":
            assert "grant_type=password" in request["body"]
            assert request["headers"]["Content-Type"].startswith("application/x-www-form-urlencoded")
            return Reply(200, {"access_token": ACCESS_1, "expires_in": 3600, "token_type": "Bearer"})
        assert request["headers"]["Authorization"] == "Bearer " + ACCESS_1
        return Reply(200, [])
    stub.script(fn)
    client = oauth_client(stub.url)
    assert client.get("/domains") == []
    assert client.transport.auth.use_legacy_endpoint


def test_token_proactively_renewed_before_expiry(stub):
    tokens = []

    def fn(request):
        if request["path"] == "/ns-api/v2/tokens":
            tokens.append(request["json"]["grant_type"])
            return Reply(200, {"access_token": "access-token-%d" % len(tokens), "expires_in": 10})
        return Reply(200, [])
    stub.script(fn)
    client = oauth_client(stub.url)
    client.get("/domains")
    client.get("/domains")
    # 10 s lifetime is inside the renewal margin: every call asks for a fresh token.
    assert tokens == ["password", "password"]


def test_missing_credentials_and_partial_oauth_are_config_errors():
    with pytest.raises(NsConfigError, match="No credentials"):
        NsApiClient("https://pbx.example.net")
    with pytest.raises(NsConfigError, match="client_secret, password"):
        NsApiClient("https://pbx.example.net", client_id="c", username="u")


def test_unreachable_host_is_one_clear_error():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    client = make_client("http://127.0.0.1:%d" % port, max_attempts=2)
    with pytest.raises(NsConnectionError) as err:
        client.get("/version")
    text = str(err.value)
    assert text.startswith("Cannot reach ns-api at 127.0.0.1:%d" % port)
    assert "refused" in text.lower() and "after 2 attempts" in text and "\n" not in text


def test_wrong_url_html_404_says_so(stub):
    stub.sequence(Reply(404, raw=b"<html><body>Not Found</body></html>", headers={"Content-Type": "text/html"}))
    client = make_client(stub.url)
    with pytest.raises(NsNotFoundError, match="not an ns-api JSON answer; check the url option"):
        client.get("/domains")


def test_create_conflict_after_ambiguous_attempt_is_our_own_object(stub):
    state = {"posts": 0, "gets": 0}

    def fn(request):
        if request["method"] == "POST":
            state["posts"] += 1
            if state["posts"] == 1:
                return Reply(drop=True)
            return Reply(409, {"code": 409, "message": "User already exists"})
        state["gets"] += 1
        if state["gets"] == 1:  # the re-check races the replication of the first attempt
            return Reply(404, {"code": 404, "message": "Record not found"})
        return Reply(200, {"user": "101", "domain": "d"})
    stub.script(fn)
    client = make_client(stub.url)
    assert client.create("users", {"user": "101"}, domain="d")["user"] == "101"
    assert state["posts"] == 2


def test_create_conflict_without_retry_is_an_error(stub):
    stub.sequence(Reply(409, {"code": 409, "message": "User already exists"}))
    client = make_client(stub.url)
    with pytest.raises(NsConflictError, match="409: User already exists"):
        client.create("users", {"user": "101"}, domain="d")


def test_tls_options_reach_the_session(tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("not used")
    assert NsApiClient("https://pbx.example.net", api_key=API_KEY).transport.session.verify is True
    assert NsApiClient("https://pbx.example.net", api_key=API_KEY, validate_certs=False).transport.session.verify is False
    assert NsApiClient("https://pbx.example.net", api_key=API_KEY, ca_path=str(bundle)).transport.session.verify == str(bundle)


def test_tls_failure_is_one_clear_error(stub):
    client = make_client(stub.url.replace("http://", "https://"), max_attempts=2)
    with pytest.raises(NsConnectionError) as err:
        client.get("/version")
    assert "TLS error" in str(err.value) and "\n" not in str(err.value)
