# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ns_callqueue against the lab; the lab's counters prove reads and writes."""
from __future__ import annotations

from collections import Counter

import pytest

from nslab.counters import request_delta, write_requests

from ansible_collections.ucaas.migration.plugins.module_utils.client.api import NsApiClient
from ansible_collections.ucaas.migration.plugins.modules import ns_callqueue, ns_user

nslab_seeds = pytest.importorskip("nslab.seeds")
nslab_callflow = pytest.importorskip("nslab.resources_callflow")

DOMAIN = "queues.example"
QUEUES = "GET /ns-api/v2/domains/{domain}/callqueues"
ONE_QUEUE = "GET /ns-api/v2/domains/{domain}/callqueues/{callqueue}"
CREATE = "POST /ns-api/v2/domains/{domain}/callqueues"
UPDATE = "PUT /ns-api/v2/domains/{domain}/callqueues/{callqueue}"
DELETE = "DELETE /ns-api/v2/domains/{domain}/callqueues/{callqueue}"
USERS = "GET /ns-api/v2/domains/{domain}/users"
ONE_USER = "GET /ns-api/v2/domains/{domain}/users/{user}"
CREATE_USER = "POST /ns-api/v2/domains/{domain}/users"
ORPHAN_QUEUE_USER = "4900"


def _seed():
    # Users 1000-1004, queues 2000-2004 (system users), auto attendants 3000-3001 (system users), and a queue user
    # whose queue was deleted earlier (the platform keeps it).
    seed = nslab_seeds.synthetic_domain(domain=DOMAIN, users=5, dids=0)
    seed["domains"][0]["users"].append({"user": ORPHAN_QUEUE_USER, "name-first-name": "Old", "name-last-name": "Queue",
                                        "service-code": "system-queue"})
    return seed


@pytest.fixture
def lab(ns_lab):
    ns_lab.load_seed(_seed())
    return ns_lab


def _desired(count=20, first=4000):
    return [{"callqueue": str(first + n), "description": "Queue %d" % n,
             "dispatch_type": ("Round-robin", "Ring All", "Linear Hunt", "Linear Cascade")[n % 4],
             "agent_dispatch_timeout_seconds": 15 + n % 3, "max_wait_timeout_minutes": n % 5, "max_callers": 10,
             "require_available_agents": bool(n % 2), "recording": "no"} for n in range(count)]


def _args(lab, **kwargs):
    return dict({"url": lab.url, "api_key": lab.admin_api_key, "domain": DOMAIN, "max_concurrency": 8,
                 "retry_backoff_base": 0.01, "retry_backoff_cap": 0.05}, **kwargs)


def _gather(run_module, lab, **kwargs):
    result = run_module(ns_callqueue.main, _args(lab, state="gathered", **kwargs))
    assert not result.get("failed"), result.get("msg")
    return dict((item["callqueue"], item) for item in result["gathered"])


def _lab_users(lab):
    with NsApiClient(lab.url, api_key=lab.admin_api_key) as client:
        return dict((user["user"], user) for user in client.list_kind("users", domain=DOMAIN))


def test_merged_creates_queues_with_their_system_users_then_rerun_reads_one_list(run_module, lab):
    before = lab.stats()
    result = run_module(ns_callqueue.main, _args(lab, config=_desired()))
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True and result["summary"]["created"] == 20
    assert result["results"][1] == {"key": "4001", "outcome": "created", "changes": {
        "description": {"before": None, "after": "Queue 1"}, "dispatch_type": {"before": None, "after": "Ring All"},
        "agent_dispatch_timeout_seconds": {"before": None, "after": 16}, "max_wait_timeout_minutes": {"before": None, "after": 1},
        "max_callers": {"before": None, "after": 10}, "require_available_agents": {"before": None, "after": True},
        "recording": {"before": None, "after": "no"}}}
    delta = request_delta(before, lab.stats())
    # The lab's queue create makes the system user, so the module only checks for it.
    assert write_requests(delta) == {CREATE: 20}
    assert delta[USERS] == 1 and delta[QUEUES] == 1
    users = _lab_users(lab)
    assert all(users[str(4000 + n)]["service-code"] == "system-queue" for n in range(20))
    current = _gather(run_module, lab)
    assert current["4002"] == {"callqueue": "4002", "description": "Queue 2", "dispatch_type": "Linear Hunt",
                               "agent_dispatch_timeout_seconds": 17, "max_wait_timeout_minutes": 2, "max_callers": 10,
                               "require_available_agents": False, "recording": "no"}

    before = lab.stats()
    again = run_module(ns_callqueue.main, _args(lab, config=_desired()))
    assert not again.get("failed"), again.get("msg")
    assert again["changed"] is False and again["summary"]["unchanged"] == 20
    assert request_delta(before, lab.stats()) == {QUEUES: 1}  # one paged list: no users list, no per-queue GET, no write


def test_creates_the_system_user_when_the_platform_does_not(run_module, lab, monkeypatch):
    # Whether the v2 queue create makes the system user is not documented: emulate a platform where it does not.
    monkeypatch.setattr(nslab_callflow, "ensure_system_user", lambda *args, **kwargs: None)
    before = lab.stats()
    result = run_module(ns_callqueue.main, _args(lab, config=_desired(count=3) + [
        {"callqueue": ORPHAN_QUEUE_USER, "description": "Back again"}]))
    assert not result.get("failed"), result.get("msg")
    assert write_requests(request_delta(before, lab.stats())) == {CREATE: 4, CREATE_USER: 3}
    users = _lab_users(lab)
    assert [(users[ext]["service-code"], users[ext]["name-first-name"], users[ext]["name-last-name"]) for ext in ("4000", "4002")] == [
        ("system-queue", "Queue 0", "4000"), ("system-queue", "Queue 2", "4002")]
    # System users stay out of ns_user's reach.
    gathered_users = run_module(ns_user.main, _args(lab, state="gathered", scope={"match": "4[0-9]{3}"}))
    assert gathered_users["gathered"] == []


def test_extension_taken_by_another_user_fails_that_item_in_check_mode_and_for_real(run_module, lab):
    config = [{"callqueue": "1000", "description": "On a user"}, {"callqueue": "3000", "description": "On an attendant"},
              {"callqueue": "4100", "description": "Free"}, {"callqueue": "2000", "description": "Existing queue"}]
    before = lab.stats()
    checked = run_module(ns_callqueue.main, _args(lab, config=config, _ansible_check_mode=True))
    assert checked["failed"] is True
    assert write_requests(request_delta(before, lab.stats())) == {}
    assert [entry["outcome"] for entry in checked["results"]] == ["failed", "failed", "created", "updated"]
    result = run_module(ns_callqueue.main, _args(lab, config=config))
    assert result["failed"] is True
    assert result["msg"].splitlines() == [
        "2 of 4 callqueue items failed:",
        "callqueue 1000: cannot create it: extension 1000 is already an ordinary user; free the extension or choose another one",
        "callqueue 3000: cannot create it: extension 3000 is already the system user of another object (service-code system-aa); "
        "free the extension or choose another one"]
    assert [entry["outcome"] for entry in result["results"]] == ["failed", "failed", "created", "updated"]
    assert sorted(_gather(run_module, lab)) == ["2000", "2001", "2002", "2003", "2004", "4100"]
    assert _lab_users(lab)["1000"].get("service-code", "") == ""


def test_check_mode_writes_nothing_and_reports_changes(run_module, lab):
    before = lab.stats()
    config = _desired(count=2) + [{"callqueue": "2000", "description": "Sales", "dispatch_type": "Ring All"}]
    result = run_module(ns_callqueue.main, _args(lab, config=config, _ansible_check_mode=True, _ansible_diff=True))
    assert not result.get("failed"), result.get("msg")
    assert [entry["outcome"] for entry in result["results"]] == ["created", "created", "updated"]
    assert result["results"][2]["changes"] == {"description": {"before": "Queue 0", "after": "Sales"},
                                               "dispatch_type": {"before": "Round-robin", "after": "Ring All"}}
    assert result["diff"][2]["before_header"] == "callqueue 2000"
    assert write_requests(request_delta(before, lab.stats())) == {}


def test_replaced_resets_to_the_documented_defaults(run_module, lab):
    merged = run_module(ns_callqueue.main, _args(lab, config=[{"callqueue": "2001", "max_callers": 5, "sim_ring_increment": 3,
                                                               "callback_max_hours": 2, "calculate_statistics": True}]))
    assert not merged.get("failed"), merged.get("msg")
    before = lab.stats()
    replaced = run_module(ns_callqueue.main, _args(lab, state="replaced", config=[{"callqueue": "2001", "description": "Support"}]))
    assert not replaced.get("failed"), replaced.get("msg")
    assert replaced["results"][0]["changes"] == {
        "description": {"before": "Queue 1", "after": "Support"}, "sim_ring_first_round": {"before": None, "after": 0},
        "sim_ring_increment": {"before": 3, "after": 1}, "max_wait_timeout_minutes": {"before": None, "after": 0},
        "max_callers": {"before": 5, "after": 0}, "max_expected_wait_seconds": {"before": None, "after": 0},
        "require_available_agents": {"before": None, "after": False}, "callback_max_hours": {"before": 2, "after": 0},
        "agent_auto_logout_after_missed": {"before": None, "after": False}, "recording": {"before": None, "after": "no"}}
    assert write_requests(request_delta(before, lab.stats())) == {UPDATE: 1}
    current = _gather(run_module, lab)["2001"]
    assert current["calculate_statistics"] is True and current["dispatch_type"] == "Round-robin"  # left alone
    again = run_module(ns_callqueue.main, _args(lab, state="replaced", config=[{"callqueue": "2001", "description": "Support"}]))
    assert again["changed"] is False


def test_overridden_with_scope_deletes_only_unlisted_queues_in_scope(run_module, lab):
    keep = [{"callqueue": "2000", "description": "Queue 0"}, {"callqueue": "2001", "description": "Queue 1"}]
    result = run_module(ns_callqueue.main, _args(lab, state="overridden", config=keep, scope={"match": "200[0-2]"}))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [
        ("2000", "updated"), ("2001", "updated"), ("2002", "deleted")]
    assert sorted(_gather(run_module, lab)) == ["2000", "2001", "2003", "2004"]
    # The deleted queue's system user stays (the platform keeps it); ns_user never touches it.
    assert _lab_users(lab)["2002"]["service-code"] == "system-queue"


def test_deleted_listed_by_scope_and_gathered(run_module, lab):
    before = lab.stats()
    result = run_module(ns_callqueue.main, _args(lab, state="deleted", config=[{"callqueue": "2003"}, {"callqueue": 4999}]))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [("2003", "deleted"), ("4999", "unchanged")]
    assert write_requests(request_delta(before, lab.stats())) == {DELETE: 1}
    refused = run_module(ns_callqueue.main, _args(lab, state="deleted", config=[]))
    assert refused["failed"] and "refusing" in refused["msg"]
    by_scope = run_module(ns_callqueue.main, _args(lab, state="deleted", config=[], scope={"keys": ["2004"]}))
    assert [(entry["key"], entry["outcome"]) for entry in by_scope["results"]] == [("2004", "deleted")]
    gathered = run_module(ns_callqueue.main, _args(lab, state="gathered"))["gathered"]
    assert gathered == [{"callqueue": "2000", "description": "Queue 0", "dispatch_type": "Round-robin"},
                        {"callqueue": "2001", "description": "Queue 1", "dispatch_type": "Round-robin"},
                        {"callqueue": "2002", "description": "Queue 2", "dispatch_type": "Round-robin"}]
    # What gathered returns is valid input: feeding it back changes nothing.
    again = run_module(ns_callqueue.main, _args(lab, config=gathered))
    assert again["changed"] is False, again


def test_bad_input_fails_before_any_request_naming_item_and_option(run_module, lab):
    before = lab.stats()
    config = [{"callqueue": "4000", "dispatch_type": "Random"}, {"callqueue": "40a1"}, {"callqueue": "4002", "callback_max_hours": 7},
              {"callqueue": "4003", "max_callers": -1}, {"callqueue": " 4000 "}, {"description": "No extension"}]
    result = run_module(ns_callqueue.main, _args(lab, config=config))
    assert result["failed"]
    assert result["problems"] == [
        "config[0].dispatch_type: 'Random' is not one of Round-robin, Tiered Round-robin, Ring All, Linear Cascade, Linear Hunt, Call Park",
        "config[1].callqueue: expected an extension (digits only), got '40a1'",
        "config[2].callback_max_hours: 7 is out of range (from 0 to 6)",
        "config[3].max_callers: -1 is out of range (at least 0)",
        "config[4].callqueue: '4000' is listed twice (also config[0])",
        "config[5].callqueue: missing; it identifies the callqueue"]
    assert lab.stats()["total"] == before["total"]


def test_faults_give_the_same_result_as_a_clean_run_without_duplicates(run_module, ns_lab_factory):
    clean = ns_lab_factory(strict=True)
    faulty = ns_lab_factory(strict=True)
    for lab in (clean, faulty):
        lab.load_seed(_seed())
    faulty.set_faults(rate_limit_percent=10, error_percent={503: 10}, retry_after=0.01, rng_seed=5)
    config = _desired(count=30) + [{"callqueue": "2000", "description": "Sales"}]
    results = [run_module(ns_callqueue.main, _args(lab, config=config)) for lab in (clean, faulty)]
    for result in results:
        assert not result.get("failed"), result.get("msg")
    assert results[0]["results"] == results[1]["results"]
    assert results[1]["api_stats"]["retries"] > 0
    assert faulty.stats()["faults_injected"]
    faulty.clear_faults()
    with NsApiClient(faulty.url, api_key=faulty.admin_api_key) as client:
        queues = [queue["callqueue"] for queue in client.list_kind("callqueues", domain=DOMAIN)]
        users = [user["user"] for user in client.list_kind("users", domain=DOMAIN)]
    assert not [queue for queue, count in Counter(queues).items() if count > 1] and len(queues) == 35
    assert not [user for user, count in Counter(users).items() if count > 1]
    assert _gather(run_module, clean) == _gather(run_module, faulty)
