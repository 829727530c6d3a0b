# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ns_callqueue_agent against the lab; the lab's counters prove reads and writes."""
from __future__ import annotations

from collections import Counter

import pytest

from nslab.counters import request_delta, write_requests

from ansible_collections.ucaas.migration.plugins.module_utils.client.api import NsApiClient
from ansible_collections.ucaas.migration.plugins.modules import ns_callqueue_agent

nslab_seeds = pytest.importorskip("nslab.seeds")

DOMAIN = "agents.example"
DOMAIN_AGENTS = "GET /ns-api/v2/domains/{domain}/agents"
QUEUE_AGENTS = "GET /ns-api/v2/domains/{domain}/callqueues/{callqueue}/agents"
ONE_AGENT = "GET /ns-api/v2/domains/{domain}/callqueues/{callqueue}/agents/{callqueue-agent-id}"
CREATE = "POST /ns-api/v2/domains/{domain}/callqueues/{callqueue}/agents"
UPDATE = "PUT /ns-api/v2/domains/{domain}/callqueues/{callqueue}/agents/{callqueue-agent-id}"
DELETE = "DELETE /ns-api/v2/domains/{domain}/callqueues/{callqueue}/agents/{callqueue-agent-id}"
FOREIGN = "1001@other.example"


def _seed():
    # Users 1000-1004 (devices 1000a-1004a); queues 2000-2004 with two user agents each:
    # 2000: 1000 1001, 2001: 1002 1003, 2002: 1004 1000, 2003: 1001 1002, 2004: 1003 1004.
    # Queue 2000 also has a device agent and an agent of another domain.
    seed = nslab_seeds.synthetic_domain(domain=DOMAIN, users=5, dids=0, agents_per_queue=2)
    queue = seed["domains"][0]["callqueues"][0]
    queue["agents"][0]["callqueue-agent-wrap-up-allowance-seconds"] = 15
    queue["agents"] += [{"callqueue-agent-id": "sip:1004a@%s" % DOMAIN, "auto-answer-enabled": "yes"},
                        {"callqueue-agent-id": FOREIGN}]
    return seed


@pytest.fixture
def lab(ns_lab):
    ns_lab.load_seed(_seed())
    return ns_lab


def _missing_agents():
    """The three users that are not yet agents of each queue, spelled short: 15 items."""
    seeded = {2000: (0, 1), 2001: (2, 3), 2002: (4, 0), 2003: (1, 2), 2004: (3, 4)}
    return [{"callqueue": str(queue), "agent": str(1000 + user), "order": user + 1, "wrap_up_seconds": 10 * user,
             "availability": "manual" if user % 2 else "automatic"}
            for queue, present in sorted(seeded.items()) for user in range(5) if user not in present]


def _args(lab, **kwargs):
    return dict({"url": lab.url, "api_key": lab.admin_api_key, "domain": DOMAIN, "max_concurrency": 8,
                 "retry_backoff_base": 0.01, "retry_backoff_cap": 0.05}, **kwargs)


def _gather(run_module, lab, **kwargs):
    result = run_module(ns_callqueue_agent.main, _args(lab, state="gathered", **kwargs))
    assert not result.get("failed"), result.get("msg")
    return dict(("%s/%s" % (item["callqueue"], item["agent"]), item) for item in result["gathered"])


def test_merged_adds_agents_with_full_ids_then_rerun_reads_the_domain_list_only(run_module, lab):
    before = lab.stats()
    config = _missing_agents() + [{"callqueue": "2001", "agent": "sip:1000a", "auto_answer": True}]
    result = run_module(ns_callqueue_agent.main, _args(lab, config=config))
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True and result["summary"]["created"] == 16
    assert result["results"][0] == {"key": "2000/1002@" + DOMAIN, "outcome": "created", "changes": {
        "order": {"before": None, "after": 3}, "wrap_up_seconds": {"before": None, "after": 20},
        "availability": {"before": None, "after": "automatic"}}}
    assert result["results"][-1]["key"] == "2001/sip:1000a@" + DOMAIN
    delta = request_delta(before, lab.stats())
    assert write_requests(delta) == {CREATE: 16}
    assert delta[DOMAIN_AGENTS] == 1 and QUEUE_AGENTS not in delta
    current = _gather(run_module, lab)
    assert current["2000/1002@%s" % DOMAIN] == {"callqueue": "2000", "agent": "1002@%s" % DOMAIN, "order": 3, "wrap_up_seconds": 20,
                                                "availability": "automatic"}
    assert current["2001/sip:1000a@%s" % DOMAIN]["auto_answer"] is True

    # The same agents, some spelled with their full id: nothing to do, one list read.
    again_config = [dict(item, agent="%s@%s" % (item["agent"], DOMAIN.upper())) if n % 2 else item for n, item in enumerate(config)]
    before = lab.stats()
    again = run_module(ns_callqueue_agent.main, _args(lab, config=again_config))
    assert not again.get("failed"), again.get("msg")
    assert again["changed"] is False and again["summary"]["unchanged"] == 16
    assert request_delta(before, lab.stats()) == {DOMAIN_AGENTS: 1}


def test_check_mode_writes_nothing_and_reports_changes(run_module, lab):
    before = lab.stats()
    config = [{"callqueue": "2000", "agent": "1000", "wrap_up_seconds": 30}, {"callqueue": "2000", "agent": "sip:1004a@" + DOMAIN},
              {"callqueue": "2000", "agent": "1001"}, {"callqueue": "2001", "agent": "1004", "priority": 2}]
    result = run_module(ns_callqueue_agent.main, _args(lab, config=config, _ansible_check_mode=True, _ansible_diff=True))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [
        ("2000/1000@" + DOMAIN, "updated"), ("2000/sip:1004a@" + DOMAIN, "unchanged"), ("2000/1001@" + DOMAIN, "unchanged"),
        ("2001/1004@" + DOMAIN, "created")]
    assert result["results"][0]["changes"] == {"wrap_up_seconds": {"before": 15, "after": 30}}
    assert result["diff"][0]["before_header"] == "agent 2000/1000@%s" % DOMAIN
    assert write_requests(request_delta(before, lab.stats())) == {}


def test_replaced_resets_documented_defaults_and_leaves_availability(run_module, lab):
    before = lab.stats()
    replaced = run_module(ns_callqueue_agent.main, _args(lab, state="replaced", config=[
        {"callqueue": "2000", "agent": "1000", "order": 1}, {"callqueue": "2000", "agent": "sip:1004a", "max_active_calls": 2}]))
    assert not replaced.get("failed"), replaced.get("msg")
    assert [entry["changes"] for entry in replaced["results"]] == [
        {"order": {"before": None, "after": 1}, "wrap_up_seconds": {"before": 15, "after": 0},
         "auto_answer": {"before": None, "after": False}, "answer_confirmation": {"before": None, "after": False}},
        {"max_active_calls": {"before": None, "after": 2}, "wrap_up_seconds": {"before": None, "after": 0},
         "auto_answer": {"before": True, "after": False}, "answer_confirmation": {"before": None, "after": False}}]
    assert write_requests(request_delta(before, lab.stats())) == {UPDATE: 2}
    current = _gather(run_module, lab)
    assert current["2000/1000@%s" % DOMAIN]["availability"] == "automatic"
    again = run_module(ns_callqueue_agent.main, _args(lab, state="replaced", config=[
        {"callqueue": "2000", "agent": "1000", "order": 1}, {"callqueue": "2000", "agent": "sip:1004a", "max_active_calls": 2}]))
    assert again["changed"] is False


def test_agent_of_another_domain_never_matches_a_local_one(run_module, lab):
    result = run_module(ns_callqueue_agent.main, _args(lab, config=[{"callqueue": "2000", "agent": "1001", "priority": 1}]))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [("2000/1001@" + DOMAIN, "updated")]
    current = _gather(run_module, lab)
    assert current["2000/1001@%s" % DOMAIN]["priority"] == 1 and "priority" not in current["2000/" + FOREIGN]


def test_overridden_with_scope_removes_only_unlisted_agents_of_that_queue(run_module, lab):
    before = lab.stats()
    result = run_module(ns_callqueue_agent.main, _args(lab, state="overridden", scope={"match": "2000/.*"}, config=[
        {"callqueue": "2000", "agent": "1000", "wrap_up_seconds": 15}, {"callqueue": "2000", "agent": "1003"}]))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [
        ("2000/1000@" + DOMAIN, "updated"), ("2000/1003@" + DOMAIN, "created"), ("2000/1001@" + DOMAIN, "deleted"),
        ("2000/" + FOREIGN, "deleted"), ("2000/sip:1004a@" + DOMAIN, "deleted")]
    # overridden is replaced for the listed agents: the documented defaults are set where the platform had none.
    assert result["results"][0]["changes"] == {"auto_answer": {"before": None, "after": False},
                                               "answer_confirmation": {"before": None, "after": False}}
    delta = request_delta(before, lab.stats())
    assert write_requests(delta) == {CREATE: 1, UPDATE: 1, DELETE: 3}
    assert delta[DOMAIN_AGENTS] == 1 and QUEUE_AGENTS not in delta
    assert sorted(key for key in _gather(run_module, lab) if key.startswith("2000/")) == [
        "2000/1000@%s" % DOMAIN, "2000/1003@%s" % DOMAIN]
    assert len(_gather(run_module, lab)) == 10


def test_deleted_listed_by_scope_and_gathered(run_module, lab):
    before = lab.stats()
    result = run_module(ns_callqueue_agent.main, _args(lab, state="deleted", config=[
        {"callqueue": "2001", "agent": "1002"}, {"callqueue": "2001", "agent": "1004"}, {"callqueue": "2999", "agent": "1000"}]))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [
        ("2001/1002@" + DOMAIN, "deleted"), ("2001/1004@" + DOMAIN, "unchanged"), ("2999/1000@" + DOMAIN, "unchanged")]
    assert write_requests(request_delta(before, lab.stats())) == {DELETE: 1}
    refused = run_module(ns_callqueue_agent.main, _args(lab, state="deleted", config=[]))
    assert refused["failed"] and "refusing" in refused["msg"]
    by_keys = run_module(ns_callqueue_agent.main, _args(lab, state="deleted", config=[], scope={"keys": ["2002/1004", "2003/1001@" + DOMAIN]}))
    assert sorted((entry["key"], entry["outcome"]) for entry in by_keys["results"]) == [
        ("2002/1004@%s" % DOMAIN, "deleted"), ("2003/1001@%s" % DOMAIN, "deleted")]
    gathered = run_module(ns_callqueue_agent.main, _args(lab, state="gathered", scope={"match": "200[01]/.*"}))["gathered"]
    assert [(item["callqueue"], item["agent"]) for item in gathered] == [
        ("2000", "1000@%s" % DOMAIN), ("2000", "1001@%s" % DOMAIN), ("2000", FOREIGN), ("2000", "sip:1004a@%s" % DOMAIN),
        ("2001", "1003@%s" % DOMAIN)]
    # Gathered items of this domain are valid input: feeding them back changes nothing.
    local = [item for item in gathered if item["agent"] != FOREIGN]
    again = run_module(ns_callqueue_agent.main, _args(lab, config=local))
    assert again["changed"] is False, again


def test_bad_input_fails_before_any_request_naming_item_and_option(run_module, lab):
    before = lab.stats()
    config = [{"callqueue": "2000", "agent": "1000", "availability": "away"}, {"callqueue": "2000", "agent": "1000@" + DOMAIN},
              {"agent": "1001"}, {"callqueue": "2001", "agent": "sip:@" + DOMAIN}, {"callqueue": "2001", "agent": "1002", "order": -1},
              {"callqueue": "2001", "agent": "1003@elsewhere.example"}]
    result = run_module(ns_callqueue_agent.main, _args(lab, config=config))
    assert result["failed"]
    assert result["problems"] == [
        "config[0].availability: 'away' is not one of automatic, manual, disabled, offnet-automatic",
        "config[1].agent: '2000/1000@%s' is listed twice (also config[0])" % DOMAIN,
        "config[2].callqueue: missing; it names the callqueue the agent belongs to",
        "config[3].agent: expected an extension (201), user@domain or sip:device@domain, got 'sip:@%s'" % DOMAIN,
        "config[4].order: -1 is out of range (at least 0)"]
    # An agent of another domain is refused before any request too (checked once the items are valid).
    foreign = run_module(ns_callqueue_agent.main, _args(lab, config=[config[5]], scope={"keys": ["2000/1000@elsewhere.example"]}))
    assert foreign["failed"]
    assert foreign["problems"] == [
        "config[0].agent: '1003@elsewhere.example' is in domain elsewhere.example, not %s; only agents of the module's domain "
        "are managed" % DOMAIN,
        "scope.keys[0]: '2000/1000@elsewhere.example' is in domain elsewhere.example, not %s; use scope.match for agents of "
        "other domains" % DOMAIN]
    assert lab.stats()["total"] == before["total"]


def test_missing_queue_fails_that_item_only(run_module, lab):
    result = run_module(ns_callqueue_agent.main, _args(lab, config=[{"callqueue": "2999", "agent": "1000"},
                                                                    {"callqueue": "2004", "agent": "1000"}]))
    assert result["failed"] is True
    assert [entry["outcome"] for entry in result["results"]] == ["failed", "created"]
    assert "404" in result["results"][0]["msg"] and "2999" in result["results"][0]["msg"]


def test_faults_give_the_same_result_as_a_clean_run_without_duplicates(run_module, ns_lab_factory):
    clean = ns_lab_factory(strict=True)
    faulty = ns_lab_factory(strict=True)
    for lab in (clean, faulty):
        lab.load_seed(_seed())
    faulty.set_faults(rate_limit_percent=10, error_percent={503: 10}, retry_after=0.01, rng_seed=3)
    config = _missing_agents() + [{"callqueue": "2000", "agent": "1000", "wrap_up_seconds": 5}]
    results = [run_module(ns_callqueue_agent.main, _args(lab, config=config)) for lab in (clean, faulty)]
    for result in results:
        assert not result.get("failed"), result.get("msg")
    assert results[0]["results"] == results[1]["results"]
    assert results[1]["api_stats"]["retries"] > 0
    assert faulty.stats()["faults_injected"]
    faulty.clear_faults()
    with NsApiClient(faulty.url, api_key=faulty.admin_api_key) as client:
        agents = [(agent["callqueue"], agent["callqueue-agent-id"])
                  for agent in client.list_kind("agents", domain=DOMAIN, domain_wide=True)]
    assert not [agent for agent, count in Counter(agents).items() if count > 1] and len(agents) == 27
    assert _gather(run_module, clean) == _gather(run_module, faulty)
