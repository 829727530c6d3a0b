# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault injection: 429, 5xx, 403 without body, latency, drops, delayed visibility."""
from __future__ import annotations

import time

import pytest
import requests


def _statuses(api, count):
    return [api.get("/domains").status_code for dummy in range(count)]


def test_rate_limit_every_nth_with_retry_after(api, ns_lab):
    ns_lab.set_faults(rate_limit_every=3, retry_after=0.5)
    answers = [api.get("/domains") for dummy in range(6)]
    assert [a.status_code for a in answers] == [200, 200, 429, 200, 200, 429]
    assert answers[2].headers["Retry-After"] == "0.5"
    assert answers[2].json() == {"code": 429, "message": "Too Many Requests"}
    assert ns_lab.stats()["faults_injected"]["429"] == 2


def test_percent_faults_are_deterministic_with_a_seed(api, ns_lab):
    ns_lab.set_faults(error_percent={503: 30, 500: 10}, rng_seed=7)
    first = _statuses(api, 40)
    ns_lab.set_faults(rng_seed=7)
    assert _statuses(api, 40) == first
    assert 503 in first and 200 in first
    injected = ns_lab.stats()["faults_injected"]
    assert injected.get("503", 0) + injected.get("500", 0) == 2 * sum(1 for s in first if s >= 500)


def test_forbidden_throttle_has_no_json_body(api, ns_lab):
    ns_lab.set_faults(forbidden_percent=100)
    answer = api.get("/domains")
    assert answer.status_code == 403 and answer.content == b""
    ns_lab.clear_faults()
    assert api.get("/domains").status_code == 200


def test_dropped_connection(api, ns_lab):
    ns_lab.set_faults(drop_percent=100)
    with pytest.raises(requests.ConnectionError):
        requests.get(api.url("/domains"), headers=api.session.headers, timeout=10)
    assert ns_lab.stats()["faults_injected"]["drop"] == 1


def test_latency_is_added(api, ns_lab):
    ns_lab.set_faults(latency_ms=150)
    started = time.monotonic()
    api.get("/domains")
    assert time.monotonic() - started >= 0.1
    assert ns_lab.stats()["faults_injected"]["latency"] == 1


def test_visibility_delay_hides_accepted_writes_but_not_synchronous_ones(api, ns_lab):
    ns_lab.set_faults(visibility_delay_ms=400)
    user = {"user": "1000", "name-first-name": "Ada", "name-last-name": "Byron"}
    assert api.post("/domains/acme.lab/users", user).status_code == 202
    assert api.get("/domains/acme.lab/users/1000").status_code == 404
    assert api.post("/domains/acme.lab/users", user).status_code == 409  # the primary already has it
    deadline = time.monotonic() + 5
    while api.get("/domains/acme.lab/users/1000").status_code == 404:
        assert time.monotonic() < deadline, "write never became visible"
        time.sleep(0.05)
    synchronous = api.post("/domains/acme.lab/users", dict(user, user="1001", synchronous="yes"))
    assert synchronous.status_code == 200
    assert api.get("/domains/acme.lab/users/1001").status_code == 200


def test_faults_settable_over_http(ns_lab, make_api):
    answer = requests.put(ns_lab.url + "/_lab/faults", json={"error_percent": {"503": 100}}, timeout=10)
    assert answer.json()["error_percent"] == {"503": 100.0}
    assert make_api(ns_lab).get("/domains").status_code == 503
    assert requests.put(ns_lab.url + "/_lab/faults", json={"bogus": 1}, timeout=10).status_code == 400
    requests.delete(ns_lab.url + "/_lab/faults", timeout=10)
    assert make_api(ns_lab).get("/domains").status_code == 200
