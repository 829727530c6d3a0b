# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ns_answerrule against the lab: features as {enabled, parameters}, order applied with one reorder, * never deleted."""
from __future__ import annotations

import pytest

from nslab.counters import request_delta, write_requests

from ansible_collections.ucaas.migration.plugins.module_utils.client.api import NsApiClient
from ansible_collections.ucaas.migration.plugins.modules import ns_answerrule, ns_timeframe

nslab_seeds = pytest.importorskip("nslab.seeds")

DOMAIN = "rules.example"
LIST = "GET /ns-api/v2/domains/{domain}/users/{user}/answerrules"
CREATE = "POST /ns-api/v2/domains/{domain}/users/{user}/answerrules"
UPDATE = "PUT /ns-api/v2/domains/{domain}/users/{user}/answerrules/{timeframe}"
REORDER = "PUT /ns-api/v2/domains/{domain}/users/{user}/answerrules/reorder"
DELETE = "DELETE /ns-api/v2/domains/{domain}/users/{user}/answerrules/{timeframe}"
FRAMES = ("Business Hours", "Holidays", "Lunch", "Vacation")


def _args(lab, **kwargs):
    return dict({"url": lab.url, "api_key": lab.admin_api_key, "domain": DOMAIN, "max_concurrency": 4,
                 "retry_backoff_base": 0.01, "retry_backoff_cap": 0.05}, **kwargs)


def _prepare(lab, run_module):
    lab.load_seed(nslab_seeds.synthetic_domain(domain=DOMAIN, users=5, dids=0))
    result = run_module(ns_timeframe.main, _args(lab, config=[{"name": "Lunch", "type": "always"}, {"name": "Vacation", "type": "always"}]))
    assert not result.get("failed"), result.get("msg")


@pytest.fixture
def lab(ns_lab, run_module):
    _prepare(ns_lab, run_module)
    return ns_lab


def _config():
    return [
        {"user": "1000", "time_frame": "Holidays", "order": 2, "forward_always": {"enabled": True, "parameters": ["vmail_1000"]}},
        {"user": "1000", "time_frame": "Business Hours", "order": 1,
         "simultaneous_ring": {"enabled": True, "parameters": ["<OwnDevices>", 15551230100]}},
        {"user": "1000", "time_frame": "*", "forward_no_answer": {"enabled": "yes", "parameters": ["vmail_1000"]}},
        {"user": "1001", "time_frame": "Vacation", "enabled": False, "do_not_disturb": {"enabled": True}},
    ]


def _rules(lab, user):
    with NsApiClient(lab.url, api_key=lab.admin_api_key) as client:
        rules = client.list("/domains/{domain}/users/{user}/answerrules", path_params={"domain": DOMAIN, "user": user})
    return [rule["time-frame"] for rule in sorted(rules, key=lambda rule: rule.get("order", 99))], rules


def test_create_order_and_rerun_without_writes(run_module, lab):
    before = lab.stats()
    result = run_module(ns_answerrule.main, _args(lab, config=_config()))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [
        ("1000/Holidays", "created"), ("1000/Business Hours", "created"), ("1000/*", "updated"), ("1001/Vacation", "created")]
    writes = write_requests(request_delta(before, lab.stats()))
    # Holidays is created first (above *), Business Hours below it: one reorder puts them in order.
    assert writes == {CREATE: 3, UPDATE: 1, REORDER: 1}
    order, rules = _rules(lab, "1000")
    assert order == ["Business Hours", "Holidays", "*"]
    by_frame = dict((rule["time-frame"], rule) for rule in rules)
    assert by_frame["Business Hours"]["simultaneous-ring"] == {"enabled": "yes", "parameters": ["<OwnDevices>", "15551230100"]}
    assert by_frame["*"]["forward-no-answer"] == {"enabled": "yes", "parameters": ["vmail_1000"]}
    assert by_frame["*"]["simultaneous-ring"] == {"enabled": "yes", "parameters": ["<OwnDevices>"]}  # merged: left alone

    before = lab.stats()
    again = run_module(ns_answerrule.main, _args(lab, config=_config()))
    assert not again.get("failed"), again.get("msg")
    assert again["changed"] is False and again["summary"]["unchanged"] == 4
    assert request_delta(before, lab.stats()) == {LIST: 2}  # one list per user, nothing else


def test_order_change_reorders_once_and_check_mode_writes_nothing(run_module, lab):
    run_module(ns_answerrule.main, _args(lab, config=_config()))
    swapped = [{"user": "1000", "time_frame": "Holidays", "order": 1}, {"user": "1000", "time_frame": "Business Hours", "order": 5}]
    before = lab.stats()
    checked = run_module(ns_answerrule.main, _args(lab, config=swapped, _ansible_check_mode=True))
    assert checked["changed"] is True
    assert checked["results"][0]["changes"] == {"order": {"before": 2, "after": 1}}
    assert checked["results"][1]["changes"] == {"order": {"before": 1, "after": 5}}
    assert write_requests(request_delta(before, lab.stats())) == {}

    before = lab.stats()
    result = run_module(ns_answerrule.main, _args(lab, config=swapped, _ansible_diff=True))
    assert not result.get("failed"), result.get("msg")
    assert [entry["outcome"] for entry in result["results"]] == ["updated", "updated"]
    assert write_requests(request_delta(before, lab.stats())) == {REORDER: 1}
    assert _rules(lab, "1000")[0] == ["Holidays", "Business Hours", "*"]
    assert result["diff"][0]["before"]["order"] == 2 and result["diff"][0]["after"]["order"] == 1
    again = run_module(ns_answerrule.main, _args(lab, config=swapped))
    assert again["changed"] is False


def test_defaults_the_platform_fills_in_are_not_changes(run_module, lab):
    # The default rule of a new user carries do-not-disturb without parameters and no call-screening parameters.
    config = [{"user": "1002", "time_frame": "*", "simultaneous_ring": {"enabled": True, "parameters": ["<OwnDevices>"]},
               "do_not_disturb": {"enabled": False}, "forward_always": {"enabled": False}, "call_screening": {"enabled": False, "parameters": []}}]
    result = run_module(ns_answerrule.main, _args(lab, state="replaced", config=config))
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is False, result["results"]


def test_replaced_resets_features_and_overridden_keeps_the_default_rule(run_module, lab):
    run_module(ns_answerrule.main, _args(lab, config=_config()))
    replaced = run_module(ns_answerrule.main, _args(lab, state="replaced", config=[
        {"user": "1000", "time_frame": "Holidays", "forward_on_busy": {"enabled": True, "parameters": ["user_1001"]}}]))
    assert not replaced.get("failed"), replaced.get("msg")
    assert replaced["results"][0]["changes"] == {
        "forward_always": {"before": {"enabled": True, "parameters": ["vmail_1000"]}, "after": {"enabled": False, "parameters": []}},
        "forward_on_busy": {"before": {"enabled": False, "parameters": []}, "after": {"enabled": True, "parameters": ["user_1001"]}}}

    overridden = run_module(ns_answerrule.main, _args(lab, state="overridden", scope={"match": "1000/.*"}, config=[
        {"user": "1000", "time_frame": "Business Hours", "simultaneous_ring": {"enabled": True, "parameters": ["<OwnDevices>", "15551230100"]}}]))
    assert not overridden.get("failed"), overridden.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in overridden["results"]] == [
        ("1000/Business Hours", "unchanged"), ("1000/Holidays", "deleted")]
    assert _rules(lab, "1000")[0] == ["Business Hours", "*"]
    assert _rules(lab, "1001")[0] == ["Vacation", "*"]  # outside the scope


def test_deleted_gathered_and_input_errors(run_module, lab):
    run_module(ns_answerrule.main, _args(lab, config=_config()))
    gathered = run_module(ns_answerrule.main, _args(lab, state="gathered", scope={"match": "1000/.*"}))
    items = gathered["gathered"]
    assert [(item["time_frame"], item.get("order")) for item in items] == [("*", None), ("Business Hours", 1), ("Holidays", 2)]
    assert items[2]["forward_always"] == {"enabled": True, "parameters": ["vmail_1000"]}
    fed_back = run_module(ns_answerrule.main, _args(lab, state="replaced", config=items))
    assert fed_back["changed"] is False, fed_back["results"]

    before = lab.stats()
    refused = run_module(ns_answerrule.main, _args(lab, state="deleted", config=[{"user": "1000", "time_frame": "*"}]))
    assert refused["problems"] == ["config[0].time_frame: the default rule * cannot be deleted (the platform requires it)"]
    bad = run_module(ns_answerrule.main, _args(lab, config=[
        {"user": "1000", "time_frame": "*", "order": 3},
        {"user": "1000", "time_frame": "Lunch", "do_not_disturb": {"enabled": True, "parameters": ["x"]}},
        {"user": "1000", "time_frame": "Vacation", "forward_always": {"parameters": ["vmail_1000"], "delay": 5}},
        {"user": "1000", "time_frame": "Holidays", "order": -1}]))
    assert bad["problems"] == ["config[3].order: expected an order of 0 or more, got -1"]
    bad = run_module(ns_answerrule.main, _args(lab, config=[
        {"user": "1000", "time_frame": "*", "order": 3},
        {"user": "1000", "time_frame": "Lunch", "do_not_disturb": {"enabled": True, "parameters": ["x"]}},
        {"user": "1000", "time_frame": "Vacation", "forward_always": {"parameters": ["vmail_1000"], "delay": 5}}]))
    assert bad["problems"] == [
        "config[0].order: the default rule * is always last; leave order out",
        "config[1].do_not_disturb.parameters: the API takes no parameters for do-not-disturb",
        "config[2].forward_always.delay: unknown key (known: enabled, parameters)",
        "config[2].forward_always.enabled: missing; say whether the feature is on"]
    assert lab.stats()["total"] == before["total"]

    deleted = run_module(ns_answerrule.main, _args(lab, state="deleted", config=[{"user": "1000", "time_frame": "Holidays"}]))
    assert [(entry["key"], entry["outcome"]) for entry in deleted["results"]] == [("1000/Holidays", "deleted")]
    by_scope = run_module(ns_answerrule.main, _args(lab, state="deleted", scope={"match": "1001/.*"}))
    assert [(entry["key"], entry["outcome"]) for entry in by_scope["results"]] == [("1001/Vacation", "deleted")]
    assert _rules(lab, "1001")[0] == ["*"]


def test_unknown_time_frame_fails_that_item_only(run_module, lab):
    result = run_module(ns_answerrule.main, _args(lab, config=[
        {"user": "1000", "time_frame": "Nowhere", "forward_always": {"enabled": True, "parameters": ["vmail_1000"]}},
        {"user": "1000", "time_frame": "Lunch", "order": 1, "forward_always": {"enabled": True, "parameters": ["vmail_1000"]}}]))
    assert result["failed"] is True
    assert [entry["outcome"] for entry in result["results"]] == ["failed", "created"]
    assert result["msg"].startswith("1 of 2 answer rule items failed:\nanswer rule 1000/Nowhere: ")
    assert _rules(lab, "1000")[0] == ["Lunch", "*"]


def test_faults_give_the_same_result_as_a_clean_run_without_duplicates(run_module, ns_lab_factory):
    clean = ns_lab_factory(strict=True)
    faulty = ns_lab_factory(strict=True)
    for one in (clean, faulty):
        _prepare(one, run_module)
    faulty.set_faults(rate_limit_percent=15, error_percent={503: 15}, retry_after=0.01, rng_seed=5)
    config = []
    for n in range(5):
        user = str(1000 + n)
        config += [{"user": user, "time_frame": frame, "order": 4 - position, "forward_always": {"enabled": True, "parameters": ["vmail_%s" % user]}}
                   for position, frame in enumerate(FRAMES)]
        config.append({"user": user, "time_frame": "*", "forward_no_answer": {"enabled": True, "parameters": ["vmail_%s" % user]}})
    results = [run_module(ns_answerrule.main, _args(one, config=config)) for one in (clean, faulty)]
    for result in results:
        assert not result.get("failed"), result.get("msg")
    assert results[0]["results"] == results[1]["results"]
    assert results[1]["api_stats"]["retries"] > 0
    faulty.clear_faults()
    for user in ("1000", "1004"):
        assert _rules(faulty, user)[0] == _rules(clean, user)[0] == list(reversed(FRAMES)) + ["*"]
    again = run_module(ns_answerrule.main, _args(faulty, config=config))
    assert again["changed"] is False
