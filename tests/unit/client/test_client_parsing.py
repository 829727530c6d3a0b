"""Pure parts of the client: URL normalization, retry hints, backoff, redaction, stats, paging, pool."""
from __future__ import annotations

import random
import threading
import time
from email.utils import formatdate

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.client.concurrency import bounded_map, raise_first_error
from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsApiError, NsConfigError
from ansible_collections.ucaas.migration.plugins.module_utils.client.paging import iterate_pages
from ansible_collections.ucaas.migration.plugins.module_utils.client.redaction import MASK, Redactor, mask_secret_fields
from ansible_collections.ucaas.migration.plugins.module_utils.client.retry import (
    RetryPolicy, is_throttle, parse_ratelimit, parse_retry_after, server_wait_hint,
)
from ansible_collections.ucaas.migration.plugins.module_utils.client.stats import CallStats
from ansible_collections.ucaas.migration.plugins.module_utils.client.urls import expand_path, normalize_base_url


@pytest.mark.parametrize("given", [
    "https://pbx.example.net",
    "https://pbx.example.net/",
    "https://pbx.example.net//",
    "https://pbx.example.net/ns-api",
    "https://pbx.example.net/ns-api/",
    "https://pbx.example.net/ns-api/v2",
    "https://pbx.example.net/ns-api/v2/",
    "  https://pbx.example.net/ns-api/v2/  ",
    "pbx.example.net",
])
def test_base_url_normalization(given):
    assert normalize_base_url(given) == ("https://pbx.example.net", "https://pbx.example.net/ns-api/v2")


def test_base_url_keeps_port_and_prefix():
    assert normalize_base_url("http://127.0.0.1:8080/proxy/ns-api/v2/") == (
        "http://127.0.0.1:8080/proxy", "http://127.0.0.1:8080/proxy/ns-api/v2")


@pytest.mark.parametrize("bad", ["", "   ", None, "ftp://host", "https://", "https://user:pw@host"])
def test_base_url_rejects_bad_values(bad):
    with pytest.raises(NsConfigError) as err:
        normalize_base_url(bad)
    assert "pw" not in str(err.value)


def test_expand_path_quotes_values_and_keeps_tilde():
    assert expand_path("/domains/{domain}/users/{user}", {"domain": "a b/c", "user": "~"}) == "/domains/a%20b%2Fc/users/~"
    assert expand_path("/domains/{domain}/callqueues/{callqueue}/agents/{callqueue-agent-id}",
                       {"domain": "d", "callqueue": "7000", "callqueue-agent-id": "101@d"}) == \
        "/domains/d/callqueues/7000/agents/101@d"
    with pytest.raises(NsConfigError, match=r"\{user\}"):
        expand_path("/domains/{domain}/users/{user}", {"domain": "d"})


def test_retry_after_seconds_and_http_date():
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(" 0 ") == 0.0
    assert parse_retry_after("1.5") == 1.5
    now = time.time()
    hint = parse_retry_after(formatdate(now + 30, usegmt=True), now=now)
    assert 28 <= hint <= 31
    assert parse_retry_after(formatdate(now - 30, usegmt=True), now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert parse_retry_after("") is None


def test_ratelimit_structured_header_waits_for_exhausted_policy():
    header = '"subscriber_minute";r=0;t=31, "subscriber_hour";r=1799;t=331, "client_minute";r=0;t=12'
    assert parse_ratelimit({"RateLimit": header}) == 31.0
    # None exhausted: the longest reset is the safe wait.
    assert parse_ratelimit({"ratelimit": '"a";r=5;t=3, "b";r=2;t=9'}) == 9.0


def test_ratelimit_reset_delta_and_epoch():
    assert parse_ratelimit({"RateLimit-Reset": "4"}) == 4.0
    now = 1_700_000_000.0
    assert parse_ratelimit({"X-RateLimit-Reset": str(int(now + 20))}, now=now) == 20.0
    assert parse_ratelimit({"RateLimit-Reset": "junk"}) is None
    assert parse_ratelimit({}) is None


def test_retry_after_wins_over_ratelimit():
    assert server_wait_hint({"Retry-After": "2", "RateLimit-Reset": "9"}) == 2.0
    assert server_wait_hint({"RateLimit-Reset": "9"}) == 9.0
    assert server_wait_hint({"Content-Type": "application/json"}) is None


@pytest.mark.parametrize("status,body,ctype,expected", [
    (429, "", "", True),
    (429, '{"code":429}', "application/json", True),
    (403, "", "", True),
    (403, "<html>blocked</html>", "text/html", True),
    (403, '{"code":403,"message":"read only"}', "application/json", False),
    (403, '{"code":403}', "text/plain", False),
    (503, "", "", False),
    (401, "", "", False),
])
def test_throttle_detection(status, body, ctype, expected):
    assert is_throttle(status, body, ctype) is expected


def test_backoff_grows_and_is_capped_with_jitter():
    policy = RetryPolicy(backoff_base=1.0, backoff_cap=8.0, rng=random.Random(1))
    for attempt, ceiling in ((1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (5, 8.0), (9, 8.0)):
        for _round in range(20):
            delay = policy.backoff(attempt)
            assert ceiling / 2 <= delay <= ceiling
    fixed = RetryPolicy(backoff_base=0.5, backoff_cap=30, jitter=False)
    assert [fixed.backoff(n) for n in (1, 2, 3)] == [0.5, 1.0, 2.0]


def test_delay_honours_server_hint_up_to_cap():
    policy = RetryPolicy(backoff_base=10, backoff_cap=10, max_retry_after=5, jitter=False)
    assert policy.delay(1, server_hint=0.25) == 0.25
    assert policy.delay(1, server_hint=60) == 5
    assert policy.delay(1) == 10
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)


def test_redactor_masks_values_and_secret_keys():
    redactor = Redactor(["nsr_supersecretkey", None, "", "ab"])
    redactor.add(b"tok-123456")
    text = redactor.text("Bearer nsr_supersecretkey failed; token tok-123456; ab stays")
    assert "nsr_supersecretkey" not in text and "tok-123456" not in text
    assert text.count(MASK) == 2 and "ab stays" in text
    data = redactor.data({"password": "x1", "nested": [{"note": "key nsr_supersecretkey"}],
                          "device-sip-registration-password": "sip", "voicemail-login-pin": "1234",
                          "user": "101", "empty_password": ""})
    assert data["password"] == MASK and data["device-sip-registration-password"] == MASK
    assert data["voicemail-login-pin"] == MASK and data["user"] == "101"
    assert data["nested"][0]["note"] == "key " + MASK
    assert data["empty_password"] == ""
    assert mask_secret_fields({"client_secret": "s", "refresh_token": "r"}) == {"client_secret": MASK, "refresh_token": MASK}


def test_redactor_masks_longest_secret_first():
    redactor = Redactor(["abcd", "abcdefgh"])
    assert redactor.text("abcdefgh") == MASK


def test_stats_counts_by_template_and_status():
    ticks = iter([0.0, 10.0])
    stats = CallStats(clock=lambda: next(ticks))
    stats.record_call("get", "/domains/{domain}/users", 200, 0.25)
    stats.record_call("GET", "/domains/{domain}/users", 429, 0.25)
    stats.record_call("POST", "/domains/{domain}/users", None, 1.0)
    stats.record_retry("429", 0.5)
    stats.record_reauth()
    snapshot = stats.as_dict()
    assert snapshot["calls"] == 3
    assert snapshot["by_endpoint"] == {"GET /domains/{domain}/users": 2, "POST /domains/{domain}/users": 1}
    assert snapshot["by_status"] == {"200": 1, "429": 1, "no_response": 1}
    assert snapshot["retries"] == 1 and snapshot["retry_reasons"] == {"429": 1}
    assert snapshot["reauthentications"] == 1
    assert snapshot["request_seconds"] == 1.5 and snapshot["wait_seconds"] == 0.5
    assert snapshot["elapsed_seconds"] == 10.0


def test_stats_thread_safe():
    stats = CallStats()

    def hammer():
        for _round in range(1000):
            stats.record_call("GET", "/x", 200, 0.0)
    threads = [threading.Thread(target=hammer) for _thread in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert stats.as_dict()["calls"] == 8000


def test_paging_until_short_page():
    data = list(range(2500))
    calls = []

    def fetch(start, limit):
        calls.append((start, limit))
        return data[start:start + limit]
    assert list(iterate_pages(fetch, limit=1000)) == data
    assert calls == [(0, 1000), (1000, 1000), (2000, 1000)]


def test_paging_exact_multiple_needs_empty_page_and_limit_is_clamped():
    data = list(range(2000))
    calls = []

    def fetch(start, limit):
        calls.append((start, limit))
        return data[start:start + limit]
    assert list(iterate_pages(fetch, limit=5000)) == data
    assert calls == [(0, 1000), (1000, 1000), (2000, 1000)]


def test_paging_detects_server_ignoring_start():
    with pytest.raises(NsApiError, match="same page"):
        list(iterate_pages(lambda start, limit: [1, 2], limit=2))


def test_paging_accepts_server_ignoring_paging_altogether():
    calls = []

    def fetch(start, limit):
        calls.append(start)
        return list(range(5))
    assert list(iterate_pages(fetch, limit=3)) == [0, 1, 2, 3, 4]
    assert calls == [0]


def test_bounded_map_preserves_order_and_isolates_errors():
    active, peak, lock = [0], [0], threading.Lock()

    def work(n):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.002)
        with lock:
            active[0] -= 1
        if n % 7 == 3:
            raise ValueError("bad %d" % n)
        return n * n
    results = bounded_map(work, range(40), max_workers=3)
    assert [r.item for r in results] == list(range(40))
    assert [r.value for r in results if r.ok] == [n * n for n in range(40) if n % 7 != 3]
    assert [str(r.error) for r in results if not r.ok] == ["bad %d" % n for n in range(40) if n % 7 == 3]
    assert 1 <= peak[0] <= 3
    with pytest.raises(ValueError, match="bad 3"):
        raise_first_error(results)
    assert bounded_map(work, [], max_workers=8) == []
    assert [r.value for r in bounded_map(lambda n: n + 1, [1, 2], max_workers=1)] == [2, 3]
