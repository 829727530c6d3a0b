# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ns_phonenumber against the lab; the lab's counters prove reads and writes."""
from __future__ import annotations

import textwrap

import pytest

from nslab.counters import request_delta, write_requests

from ansible_collections.ucaas.migration.plugins.modules import ns_phonenumber

nslab_seeds = pytest.importorskip("nslab.seeds")

DOMAIN = "did.example"
NUMBERS = "GET /ns-api/v2/domains/{domain}/phonenumbers"
ONE_NUMBER = "GET /ns-api/v2/domains/{domain}/phonenumbers/{phonenumber}"
CREATE = "POST /ns-api/v2/domains/{domain}/phonenumbers"
UPDATE = "PUT /ns-api/v2/domains/{domain}/phonenumbers/{phonenumber}"
DELETE = "DELETE /ns-api/v2/domains/{domain}/phonenumbers/{phonenumber}"
# Not a valid number (area code 555): seeded to prove such numbers neither break the run nor match an item.
INVALID_ON_PLATFORM = "15550000000"


def _seed():
    seed = nslab_seeds.synthetic_domain(domain=DOMAIN, users=5, dids=0)
    seed["domains"][0]["phonenumbers"] = [
        {"phonenumber": "1212555%04d" % n, "dial-rule-application": "to-user", "dial-rule-translation-destination-user": "1000",
         "dial-rule-translation-destination-host": DOMAIN, "dial-rule-description": "Seeded %d" % n} for n in range(100, 105)
    ] + [{"phonenumber": INVALID_ON_PLATFORM, "dial-rule-application": "to-user", "dial-rule-translation-destination-user": "1001"}]
    return seed


@pytest.fixture
def lab(ns_lab):
    ns_lab.load_seed(_seed())
    return ns_lab


def _desired(count=40, first=2000):
    # Spelled the way partners write them; the module compares E.164 forms.
    return [{"number": "+1 (212) 555-%04d" % (first + n), "application": "to-user" if n % 2 else "to-callqueue",
             "destination_user": str(1000 + n % 5), "destination_host": DOMAIN, "description": "DID %d" % n,
             "caller_name_prefix": "Main [*]"} for n in range(count)]


def _args(lab, **kwargs):
    return dict({"url": lab.url, "api_key": lab.admin_api_key, "domain": DOMAIN, "max_concurrency": 8,
                 "retry_backoff_base": 0.01, "retry_backoff_cap": 0.05}, **kwargs)


def _gather(run_module, lab, **kwargs):
    result = run_module(ns_phonenumber.main, _args(lab, state="gathered", **kwargs))
    assert not result.get("failed"), result.get("msg")
    return dict((item["number"], item) for item in result["gathered"])


def test_merged_creates_all_then_rerun_is_unchanged_with_one_list_read(run_module, lab):
    before = lab.stats()
    result = run_module(ns_phonenumber.main, _args(lab, config=_desired()))
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True and result["summary"]["created"] == 40
    assert result["results"][0]["key"] == "12125552000"
    assert write_requests(request_delta(before, lab.stats())) == {CREATE: 40}
    current = _gather(run_module, lab)
    assert current["12125552001"] == {"number": "12125552001", "enabled": True, "application": "to-user", "destination_user": "1001",
                                      "destination_host": DOMAIN, "caller_name_prefix": "Main [*]", "description": "DID 1"}

    before = lab.stats()
    again = run_module(ns_phonenumber.main, _args(lab, config=_desired()))
    assert not again.get("failed"), again.get("msg")
    assert again["changed"] is False and again["summary"]["unchanged"] == 40
    assert request_delta(before, lab.stats()) == {NUMBERS: 1}  # one paged list, no per-number GET, no write


def test_check_mode_writes_nothing_and_reports_changes(run_module, lab):
    before = lab.stats()
    config = _desired(count=3) + [{"number": "2125550100", "description": "Changed"}]
    result = run_module(ns_phonenumber.main, _args(lab, config=config, _ansible_check_mode=True, _ansible_diff=True))
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True
    assert [entry["outcome"] for entry in result["results"]] == ["created"] * 3 + ["updated"]
    assert result["results"][3]["changes"] == {"description": {"before": "Seeded 100", "after": "Changed"}}
    assert result["diff"][3]["before_header"] == "phonenumber 12125550100"
    assert write_requests(request_delta(before, lab.stats())) == {}


def test_update_carries_the_destination_user_and_replaced_resets_omitted_fields(run_module, lab):
    before = lab.stats()
    merged = run_module(ns_phonenumber.main, _args(lab, config=[{"number": "+12125550100", "enabled": False}]))
    assert not merged.get("failed"), merged.get("msg")
    assert merged["results"][0]["changes"] == {"enabled": {"before": True, "after": False}}
    assert write_requests(request_delta(before, lab.stats())) == {UPDATE: 1}

    replaced = run_module(ns_phonenumber.main, _args(lab, state="replaced", config=[
        {"number": "12125550100", "destination_user": "2000", "application": "to-callqueue"}]))
    assert not replaced.get("failed"), replaced.get("msg")
    assert replaced["results"][0]["changes"] == {
        "enabled": {"before": False, "after": True}, "application": {"before": "to-user", "after": "to-callqueue"},
        "destination_user": {"before": "1000", "after": "2000"}, "description": {"before": "Seeded 100", "after": ""}}
    current = _gather(run_module, lab)
    assert current["12125550100"]["description"] == "" and current["12125550100"]["destination_host"] == DOMAIN
    assert current["12125550101"]["description"] == "Seeded 101"
    again = run_module(ns_phonenumber.main, _args(lab, state="replaced", config=[
        {"number": "12125550100", "destination_user": "2000", "application": "to-callqueue"}]))
    assert again["changed"] is False


def test_overridden_with_scope_deletes_only_unlisted_numbers_in_scope(run_module, lab):
    keep = [{"number": "12125550100", "destination_user": "1000"}, {"number": "+1 212 555 0101", "destination_user": "1000"}]
    result = run_module(ns_phonenumber.main, _args(lab, state="overridden", config=keep, scope={"match": "1212555010[0-3]"}))
    assert not result.get("failed"), result.get("msg")
    assert sorted(entry["key"] for entry in result["results"] if entry["outcome"] == "deleted") == ["12125550102", "12125550103"]
    assert sorted(_gather(run_module, lab)) == ["12125550100", "12125550101", "12125550104", INVALID_ON_PLATFORM]


def test_deleted_listed_and_by_scope(run_module, lab):
    before = lab.stats()
    result = run_module(ns_phonenumber.main, _args(lab, state="deleted", config=[{"number": "(212) 555-0103"}, {"number": "+12125559999"}]))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [("12125550103", "deleted"), ("12125559999", "unchanged")]
    assert write_requests(request_delta(before, lab.stats())) == {DELETE: 1}
    refused = run_module(ns_phonenumber.main, _args(lab, state="deleted", config=[]))
    assert refused["failed"] and "refusing" in refused["msg"]
    # scope.keys are checked like config numbers; a number the module would refuse is reached with scope.match.
    bad_key = run_module(ns_phonenumber.main, _args(lab, state="deleted", config=[], scope={"keys": [INVALID_ON_PLATFORM]}))
    assert bad_key["failed"] and bad_key["problems"][0].startswith("scope.keys[0]: '15550000000' is not a valid")
    by_scope = run_module(ns_phonenumber.main, _args(lab, state="deleted", config=[], scope={"match": "1555[0-9]+"}))
    assert [(entry["key"], entry["outcome"]) for entry in by_scope["results"]] == [(INVALID_ON_PLATFORM, "deleted")]
    assert sorted(_gather(run_module, lab)) == ["12125550100", "12125550101", "12125550102", "12125550104"]


def test_invalid_number_fails_before_any_request_naming_item_and_field(run_module, lab):
    before = lab.stats()
    config = [{"number": "+12125550100", "destination_user": "1000"}, {"number": "555-0199", "destination_user": "1000"},
              {"number": "2125550100"}, {"number": "12125550150", "application": "to-nowhere"}]
    result = run_module(ns_phonenumber.main, _args(lab, config=config))
    assert result["failed"]
    problems = result["problems"]
    assert problems[0].startswith("config[1].number: '555-0199' is not a valid phone number")
    assert problems[1] == "config[2].number: '12125550100' is listed twice (also config[0])"
    assert problems[2].startswith("config[3].application: 'to-nowhere' is not one of available-number")
    assert len(problems) == 3
    assert lab.stats()["total"] == before["total"]


def test_missing_destination_fails_that_item_only(run_module, lab):
    result = run_module(ns_phonenumber.main, _args(lab, config=[{"number": "2125552100", "description": "No route"},
                                                                {"number": "2125552101", "destination_user": "1000"}]))
    assert result["failed"] is True
    assert result["msg"].splitlines() == [
        "1 of 2 phonenumber items failed:",
        "phonenumber 12125552100: cannot create it: missing destination_user (required to create a phonenumber)"]
    assert [entry["outcome"] for entry in result["results"]] == ["failed", "created"]


def test_through_ansible_playbook(run_playbook, run_module, lab, tmp_path):
    playbook = tmp_path / "dids.yml"
    playbook.write_text(textwrap.dedent("""\
        - hosts: localhost
          gather_facts: false
          module_defaults:
            ucaas.migration.ns_phonenumber: {url: "%(url)s", api_key: "%(key)s", domain: "%(domain)s"}
          tasks:
            - name: Numbers
              ucaas.migration.ns_phonenumber:
                config: &dids
                  - {number: "+1 212 555 3001", application: to-user, destination_user: "1000", description: Main}
                  - {number: "2125553002", application: to-voicemail, destination_user: "1001"}
              register: first
            - name: Numbers again
              ucaas.migration.ns_phonenumber:
                config: *dids
              register: second
            - name: Check idempotence
              ansible.builtin.assert:
                that:
                  - first is changed
                  - first.summary.created == 2
                  - second is not changed
                  - second.summary.unchanged == 2
                  - first.results | map(attribute='key') | list == ['12125553001', '12125553002']
        """) % {"url": lab.url, "key": lab.admin_api_key, "domain": DOMAIN})
    completed = run_playbook(playbook, "-i", "localhost,", "-c", "local", "--diff")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    current = _gather(run_module, lab, scope={"match": "121255530[0-9]{2}"})
    assert [(item["number"], item["application"], item.get("description")) for item in current.values()] == [
        ("12125553001", "to-user", "Main"), ("12125553002", "to-voicemail", None)]


def test_every_update_body_carries_the_destination_user():
    # The vendor spec requires dial-rule-translation-destination-user in update bodies; the lab does not enforce it.
    from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds import phonenumber_spec
    from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.plan import plan, validate_config
    spec = phonenumber_spec()
    current = [{"phonenumber": "12125550100", "enabled": "yes", "dial-rule-translation-destination-user": "1000"}]
    desired = validate_config(spec, [{"number": "+1 212 555 0100", "description": "Main"}], "merged")
    (action,) = plan(spec, "merged", desired, current)
    assert action.op == "update" and action.label == "12125550100"
    assert action.body == {"dial-rule-description": "Main", "dial-rule-translation-destination-user": "1000"}
    (unchanged,) = plan(spec, "merged", validate_config(spec, [{"number": "2125550100", "enabled": True}], "merged"), current)
    assert unchanged.op == "unchanged" and unchanged.body is None
