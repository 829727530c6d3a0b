# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ns_smsnumber against the lab; the lab's counters prove reads and writes."""
from __future__ import annotations

from collections import Counter

import pytest

from nslab.counters import request_delta, write_requests

from ansible_collections.ucaas.migration.plugins.module_utils.client.api import NsApiClient
from ansible_collections.ucaas.migration.plugins.modules import ns_smsnumber

nslab_seeds = pytest.importorskip("nslab.seeds")

DOMAIN = "sms.example"
SMS_NUMBERS = "GET /ns-api/v2/domains/{domain}/smsnumbers"
CREATE = "POST /ns-api/v2/domains/{domain}/smsnumbers"
UPDATE = "PUT /ns-api/v2/domains/{domain}/smsnumbers/{smsnumber}"
DELETE = "DELETE /ns-api/v2/domains/{domain}/smsnumbers/{smsnumber}"
# Not a valid number (area code 555): seeded to prove such numbers neither break the run nor match an item.
INVALID_ON_PLATFORM = "15550000000"


def _seed():
    seed = nslab_seeds.synthetic_domain(domain=DOMAIN, users=5, dids=0)
    seed["domains"][0]["smsnumbers"] = [
        {"number": "1212555%04d" % n, "application": "user", "dest": "1000", "carrier": "seeded"} for n in range(100, 105)
    ] + [{"number": INVALID_ON_PLATFORM, "application": "available"}]
    return seed


@pytest.fixture
def lab(ns_lab):
    ns_lab.load_seed(_seed())
    return ns_lab


def _desired(count=30, first=2000):
    # Spelled the way partners write them; the module compares E.164 forms.
    return [{"number": "+1 (212) 555-%04d" % (first + n), "application": "user" if n % 3 else "callqueue",
             "destination": "2000" if n % 3 == 0 else str(1000 + n % 5), "carrier": "carrier-%d" % (n % 2)} for n in range(count)]


def _args(lab, **kwargs):
    return dict({"url": lab.url, "api_key": lab.admin_api_key, "domain": DOMAIN, "max_concurrency": 8,
                 "retry_backoff_base": 0.01, "retry_backoff_cap": 0.05}, **kwargs)


def _gather(run_module, lab, **kwargs):
    result = run_module(ns_smsnumber.main, _args(lab, state="gathered", **kwargs))
    assert not result.get("failed"), result.get("msg")
    return dict((item["number"], item) for item in result["gathered"])


def test_merged_creates_all_then_rerun_is_unchanged_with_one_list_read(run_module, lab):
    before = lab.stats()
    result = run_module(ns_smsnumber.main, _args(lab, config=_desired()))
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True and result["summary"]["created"] == 30
    assert result["results"][0] == {"key": "12125552000", "outcome": "created", "changes": {
        "application": {"before": None, "after": "callqueue"}, "destination": {"before": None, "after": "2000"},
        "carrier": {"before": None, "after": "carrier-0"}}}
    delta = request_delta(before, lab.stats())
    assert write_requests(delta) == {CREATE: 30}
    assert set(delta) == {CREATE, SMS_NUMBERS}  # no single-object read exists: creates are confirmed from the list
    current = _gather(run_module, lab)
    assert current["12125552001"] == {"number": "12125552001", "application": "user", "destination": "1001", "carrier": "carrier-1"}

    before = lab.stats()
    again = run_module(ns_smsnumber.main, _args(lab, config=_desired()))
    assert not again.get("failed"), again.get("msg")
    assert again["changed"] is False and again["summary"]["unchanged"] == 30
    assert request_delta(before, lab.stats()) == {SMS_NUMBERS: 1}  # one paged list, no write


def test_check_mode_writes_nothing_and_reports_changes(run_module, lab):
    before = lab.stats()
    config = _desired(count=2) + [{"number": "2125550100", "destination": "1004"}]
    result = run_module(ns_smsnumber.main, _args(lab, config=config, _ansible_check_mode=True, _ansible_diff=True))
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True
    assert [entry["outcome"] for entry in result["results"]] == ["created", "created", "updated"]
    assert result["results"][2]["changes"] == {"destination": {"before": "1000", "after": "1004"}}
    assert result["diff"][2]["before_header"] == "smsnumber 12125550100"
    assert write_requests(request_delta(before, lab.stats())) == {}


def test_update_carries_the_application_and_replaced_clears_the_destination(run_module, lab):
    before = lab.stats()
    merged = run_module(ns_smsnumber.main, _args(lab, config=[{"number": "+12125550100", "destination": "1003"}]))
    assert not merged.get("failed"), merged.get("msg")
    assert merged["results"][0]["changes"] == {"destination": {"before": "1000", "after": "1003"}}
    assert write_requests(request_delta(before, lab.stats())) == {UPDATE: 1}
    replaced = run_module(ns_smsnumber.main, _args(lab, state="replaced", config=[{"number": "12125550100", "application": "available"}]))
    assert not replaced.get("failed"), replaced.get("msg")
    assert replaced["results"][0]["changes"] == {"application": {"before": "user", "after": "available"},
                                                 "destination": {"before": "1003", "after": ""}}
    current = _gather(run_module, lab)
    assert current["12125550100"] == {"number": "12125550100", "application": "available", "destination": "", "carrier": "seeded"}
    again = run_module(ns_smsnumber.main, _args(lab, state="replaced", config=[{"number": "12125550100", "application": "available"}]))
    assert again["changed"] is False


def test_every_update_body_carries_the_application():
    # The vendor spec requires ``application`` in update bodies; the lab does not enforce it.
    from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds import smsnumber_spec
    from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.plan import plan, validate_config
    spec = smsnumber_spec()
    current = [{"number": "12125550100", "application": "user", "dest": "1000"}]
    (action,) = plan(spec, "merged", validate_config(spec, [{"number": "+1 212 555 0100", "destination": "1001"}], "merged"), current)
    assert action.op == "update" and action.label == "12125550100"
    assert action.body == {"application": "user", "dest": "1001"}
    (carrier,) = plan(spec, "merged", validate_config(spec, [{"number": "2125550100", "carrier": "x"}], "merged"), current)
    assert carrier.body == {"carrier": "x", "application": "user", "dest": "1000"}


def test_overridden_with_scope_deletes_only_unlisted_numbers_in_scope(run_module, lab):
    keep = [{"number": "12125550100", "application": "user", "destination": "1000"},
            {"number": "+1 212 555 0101", "application": "user", "destination": "1000"}]
    result = run_module(ns_smsnumber.main, _args(lab, state="overridden", config=keep, scope={"match": "1212555010[0-3]"}))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [
        ("12125550100", "unchanged"), ("12125550101", "unchanged"), ("12125550102", "deleted"), ("12125550103", "deleted")]
    # The carrier is left alone by overridden (it is the porting carrier, not part of the plan).
    assert _gather(run_module, lab)["12125550100"]["carrier"] == "seeded"
    assert sorted(_gather(run_module, lab)) == ["12125550100", "12125550101", "12125550104", INVALID_ON_PLATFORM]


def test_deleted_listed_by_scope_and_gathered(run_module, lab):
    before = lab.stats()
    result = run_module(ns_smsnumber.main, _args(lab, state="deleted", config=[{"number": "(212) 555-0103"}, {"number": "+12125559999"}]))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [("12125550103", "deleted"), ("12125559999", "unchanged")]
    assert write_requests(request_delta(before, lab.stats())) == {DELETE: 1}
    refused = run_module(ns_smsnumber.main, _args(lab, state="deleted", config=[]))
    assert refused["failed"] and "refusing" in refused["msg"]
    by_scope = run_module(ns_smsnumber.main, _args(lab, state="deleted", config=[], scope={"match": "1555[0-9]+"}))
    assert [(entry["key"], entry["outcome"]) for entry in by_scope["results"]] == [(INVALID_ON_PLATFORM, "deleted")]
    gathered = run_module(ns_smsnumber.main, _args(lab, state="gathered", scope={"keys": ["+1 212 555 0104", "2125550100"]}))["gathered"]
    assert gathered == [{"number": "12125550100", "application": "user", "destination": "1000", "carrier": "seeded"},
                        {"number": "12125550104", "application": "user", "destination": "1000", "carrier": "seeded"}]
    # What gathered returns is valid input: feeding it back changes nothing.
    again = run_module(ns_smsnumber.main, _args(lab, config=gathered))
    assert again["changed"] is False, again


def test_bad_input_fails_before_any_request_naming_item_and_option(run_module, lab):
    before = lab.stats()
    config = [{"number": "+12125550100", "application": "user"}, {"number": "555-0199", "application": "user"},
              {"number": "2125550100"}, {"number": "12125550150", "application": "fax"}, {"application": "user"}]
    result = run_module(ns_smsnumber.main, _args(lab, config=config))
    assert result["failed"]
    problems = result["problems"]
    assert problems[0].startswith("config[1].number: '555-0199' is not a valid phone number")
    assert problems[1] == "config[2].number: '12125550100' is listed twice (also config[0])"
    assert problems[2] == "config[3].application: 'fax' is not one of user, callqueue, available"
    assert problems[3] == "config[4].number: missing; it identifies the smsnumber"
    assert len(problems) == 4
    assert lab.stats()["total"] == before["total"]


def test_missing_application_fails_that_item_only(run_module, lab):
    config = [{"number": "2125552100", "destination": "1000"}, {"number": "2125552101", "application": "user", "destination": "1000"}]
    result = run_module(ns_smsnumber.main, _args(lab, config=config))
    assert result["failed"] is True
    assert result["msg"].splitlines() == [
        "1 of 2 smsnumber items failed:",
        "smsnumber 12125552100: cannot create it: missing application (required to create a smsnumber)"]
    assert [entry["outcome"] for entry in result["results"]] == ["failed", "created"]


def _lab_numbers(lab):
    with NsApiClient(lab.url, api_key=lab.admin_api_key) as client:
        return [item["number"] for item in client.list_kind("smsnumbers", domain=DOMAIN)]


def test_faults_give_the_same_result_as_a_clean_run_without_duplicates(run_module, ns_lab_factory):
    clean = ns_lab_factory(strict=True)
    faulty = ns_lab_factory(strict=True)
    for lab in (clean, faulty):
        lab.load_seed(_seed())
    faulty.set_faults(rate_limit_percent=10, error_percent={503: 10}, retry_after=0.01, rng_seed=11)
    config = _desired(count=30) + [{"number": "2125550100", "destination": "1002"}, {"number": "2125550101", "carrier": "moved"}]
    results = [run_module(ns_smsnumber.main, _args(lab, config=config)) for lab in (clean, faulty)]
    for result in results:
        assert not result.get("failed"), result.get("msg")
    assert results[0]["results"] == results[1]["results"]
    assert results[1]["api_stats"]["retries"] > 0
    assert faulty.stats()["faults_injected"]
    faulty.clear_faults()
    numbers = _lab_numbers(faulty)
    assert not [number for number, count in Counter(numbers).items() if count > 1]
    assert len(numbers) == 36
    assert _gather(run_module, clean) == _gather(run_module, faulty)
