# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Units of verify: read-back through the module specs, criteria, accepted differences, cutover time, report rendering."""
from __future__ import annotations

import json

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.verify import acceptance, callflows, devices, readback, report, report_render

DOMAIN = "acme.example.service"
PLAN = {"domain": DOMAIN, "fingerprint": "sha256:" + "a" * 64, "resources": {
    "users": [{"user": "201", "first_name": "Ann", "last_name": "Lee", "caller_id_number": "12155550110", "voicemail_enabled": True,
               "voicemail_pin": {"secret_ref": "vm_pin/201", "is_set": True}}],
    "phonenumbers": [{"number": "+1 215 555 0900", "application": "to-user", "destination_user": "201", "enabled": True}],
    "agents": [{"callqueue": "600", "agent": "201", "order": 1}],
    "devices": [{"user": "201", "device": "201", "mac": "80:5e:c0:a1:00:65", "model": "Yealink T54W", "line": 1}],
}}
USER = {"user": "201", "name-first-name": "Ann", "name-last-name": "Lee", "caller-id-number": "12155550110", "voicemail-enabled": "yes",
        "voicemail-login-pin": "********"}
NUMBER = {"phonenumber": "12155550900", "dial-rule-application": "to-user", "dial-rule-translation-destination-user": "201", "enabled": "yes"}
QUEUE = {"callqueue": "600", "agents": [{"callqueue-agent-id": "201@%s" % DOMAIN, "callqueue-agent-dispatch-order-ordinal": 1}]}


def _gathered(**changes):
    data = {"domain": {"domain": DOMAIN}, "users": [dict(USER)], "phonenumbers": [dict(NUMBER)], "callqueues": [json.loads(json.dumps(QUEUE))],
            "devices": [{"user": "201", "device": "201", "device-provisioning-mac-address": "805ec0a10065", "device-models-model": "Yealink T54W",
                         "device-provisioning-line": 1}]}
    data.update(changes)
    return data


def _by_id(checks):
    return dict((item["id"], item) for item in checks)


def test_readback_passes_when_the_target_holds_the_plan_and_never_shows_the_pin():
    journal = [{"kind": "users", "key": "201", "outcome": "created", "after": {"voicemail_pin": "********"}}]
    checks, problems = readback.readback_checks(PLAN, _gathered(), journal_entries=journal)
    assert problems == []
    assert set(item["status"] for item in checks) == {"pass"}, [item["message"] for item in checks if item["status"] != "pass"]
    pin = _by_id(checks)["voicemail_pin:users/201"]
    assert "cannot be read back" in pin["message"]
    assert "secret_ref" not in json.dumps(checks)


def test_readback_names_each_difference_missing_and_unplanned_object():
    user = dict(USER, **{"caller-id-number": "12155550199"})
    queue = {"callqueue": "600", "agents": [{"callqueue-agent-id": "202@%s" % DOMAIN}]}
    number = dict(NUMBER, **{"dial-rule-translation-destination-user": "202"})
    checks, dummy = readback.readback_checks(PLAN, _gathered(users=[user], callqueues=[queue], phonenumbers=[number]))
    found = _by_id(checks)
    assert found["caller_id:users/201"]["status"] == "fail"
    assert found["caller_id:users/201"]["differences"] == [{"option": "caller_id_number", "planned": "12155550110", "actual": "12155550199"}]
    assert found["users:users/201"]["status"] == "pass"
    assert "destination_user is 202 on the target, planned 201" in found["did_routing:phonenumbers/12155550900"]["message"]
    assert found["queues:agents/600/201@%s" % DOMAIN]["message"] == "agents 600/201@%s is missing on the target" % DOMAIN
    assert any("not in the plan" in item["message"] for item in checks if item["kind"] == "agents")
    assert found["voicemail_pin:users/201"]["status"] == "warn"


def test_a_plan_item_the_module_refuses_is_a_problem_naming_it():
    plan = {"domain": DOMAIN, "resources": {"phonenumbers": [{"number": "not a number", "destination_user": "201"}]}}
    dummy, problems = readback.readback_checks(plan, _gathered())
    assert problems and problems[0].startswith("plan.json resources.phonenumbers config[0].number:")


def test_provisioning_and_registration_say_what_the_platform_reports():
    skipped = devices.provisioning_checks(PLAN, _gathered())
    assert [item["status"] for item in skipped] == ["skip"] and "provision_phones has not run" in skipped[0]["message"]
    sheet = devices.sheet_statuses("MAC,Status,Action or reason\n805ec0a10065,provisioned,\n")
    assert devices.provisioning_checks(PLAN, _gathered(), sheet)[0]["status"] == "fail"
    phones = [{"device-provisioning-mac-address": "805ec0a10065", "device-provisioning-last-retrieved-datetime": "2026-12-03 19:02:11"}]
    assert "config fetched at 2026-12-03 19:02:11" in devices.provisioning_checks(PLAN, _gathered(phones=phones), sheet)[0]["message"]
    assert devices.registration_checks(PLAN, _gathered())[0]["status"] == "skip"
    unregistered = _gathered(devices=[{"user": "201", "device": "201", "device-sip-registration-state": "unregistered"}])
    assert devices.registration_checks(PLAN, unregistered)[0]["status"] == "warn"
    assert devices.registration_checks(PLAN, unregistered, require_registration=True)[0]["status"] == "fail"


def test_criteria_errors_name_the_criterion_and_field():
    with pytest.raises(acceptance.CriteriaError) as error:
        acceptance.check_criteria([{"id": "a", "number": "+12155550100", "at": "lunchtime", "expect": {"kind": "queue", "agent": 3}},
                                   {"id": "a", "expect": {}}])
    text = str(error.value)
    assert "ucaas_acceptance_criteria[0].at: 'lunchtime' is not one of" in text
    assert "ucaas_acceptance_criteria[0].expect.agent: unknown field" in text
    assert "ucaas_acceptance_criteria[1].id: 'a' is used twice" in text
    assert "ucaas_acceptance_criteria[1].number: missing" in text


def test_outcome_problems():
    outcome = {"kind": "queue", "id": "601", "dispatch": "ring_all", "agents": ["101", "102"]}
    assert acceptance.outcome_problems({"kind": "queue", "id": "601", "agents_min": 2, "dispatch": "Ring All"}, outcome) == []
    assert acceptance.outcome_problems({"kind": "queue", "agents_min": 3, "agents": ["103"]}, outcome) == [
        "agents 103 missing", "rings 2 agents, expected at least 3"]
    assert acceptance.outcome_problems({"kind": "voicemail"}, outcome) == ["ends in queue, expected voicemail"]


def test_accepted_differences_are_checked():
    with pytest.raises(callflows.DifferenceError, match=r"accepted_differences\[0\].reason: missing"):
        callflows.check_accepted_differences([{"match": "x"}])
    with pytest.raises(callflows.DifferenceError, match=r"accepted_differences\[0\].match: not a valid regular expression"):
        callflows.check_accepted_differences([{"match": "(", "reason": "r"}])


def test_number_map_prefers_the_original_once_ported():
    inventory = {"dids": [{"source_id": "d1", "number": "+12155550100"}, {"source_id": "d2", "number": "+12155550101"}]}
    plan = {"mapping": [{"source": {"collection": "dids", "source_id": "d1"}, "targets": [{"kind": "phonenumbers", "key": "12155550900"}]}]}
    mapped, pending = callflows.number_map(inventory, plan)
    assert mapped == {"+12155550100": "+12155550900"} and list(pending) == ["+12155550101"]
    mapped, dummy = callflows.number_map(inventory, plan, {"numbers": [{"number": "+12155550100", "stage": "finalized"}]})
    assert mapped["+12155550100"] == "+12155550100"


def test_cutover_time_and_change_window():
    entries = [{"at": "2026-12-03T23:40:00Z", "phase": "cutover", "kind": "users", "outcome": "updated", "run_id": "r1"},
               {"at": "2026-12-03T23:45:00Z", "phase": "cutover", "kind": "phonenumbers", "outcome": "updated", "run_id": "r1"}]
    summary = report.cutover_summary(None, entries)
    assert summary["at"] == "2026-12-03T23:45:00Z" and summary["runs"] == ["r1"]
    window = report.change_window(summary, 48, "America/New_York")
    assert window["closes_at"] == "2026-12-05T23:45:00Z" and "Saturday 2026-12-05 18:45 EST" in window["text"]
    assert report.cutover_summary({"completed_at": "2026-12-04T01:00:00Z"}, entries)["at"] == "2026-12-04T01:00:00Z"
    rolled = entries + [{"at": "2026-12-04T00:10:00Z", "phase": "rollback", "kind": "rollback", "outcome": "completed"}]
    assert report.cutover_summary(None, rolled)["recorded"] is False
    assert report.change_window(report.cutover_summary(None, []), 48, "UTC")["text"] == "cutover not recorded yet"


def test_report_renders_self_contained_and_deterministic():
    document = {
        "title": "Post-migration report - Acme", "domain": DOMAIN, "plan_fingerprint": "sha256:x", "passed": False,
        "verification": {"checks": {"pass": 3, "fail": 1}, "call_flows": {"calls": 2, "match": 1, "mismatch": 1}, "criteria": {}},
        "migrated": [{"kind": "users", "planned": 1, "verified_checks": 3}], "not_migrated": [],
        "not_migrated_categories": [{"title": "Call recordings", "reason": "Call recordings are not migrated."}],
        "gaps": {"findings": [], "checks": [{"status": "fail", "topic": "caller_id", "message": "user 201 <caller> ID differs"}],
                 "call_flow_differences": [{"message": "m", "source": {"path": ["a", "b"]}, "target": {"path": ["a", "c"]}}],
                 "accepted_differences": [], "failed_criteria": []},
        "numbers": [{"original": "+12155550100", "label": "Main", "temporary": "+12155550900", "ported": "awaiting port",
                     "answers_on_target": "+12155550900", "sms": "", "call_flow": "2 calls"}],
        "port_state": "finalize_port has not run yet", "criteria": [],
        "cutover": {"at": None, "source": None, "runs": [], "entries": 0, "rolled_back_at": None, "by_kind": {}},
        "change_window": {"text": "cutover not recorded yet"},
        "call_flows": [{"number": "+12155550100", "label": "Main", "target_number": "+12155550900",
                        "diagram": [{"label": "thu in 'Business Hours'", "keys": ["1"], "target": "queue 600", "source": "queue 600",
                                     "status": "match"}]}],
    }
    files = report_render.render_all(document)
    assert sorted(files) == sorted(report_render.NAMES.values())
    page = files["post_migration_report.html"].decode()
    assert "<svg" in page and "<script" not in page and "&lt;caller&gt;" in page and "<link" not in page
    assert "a -&gt; c" in page
    assert "| m | a -> b | a -> c |" in files["post_migration_report.md"].decode()
    assert report_render.render_all(document) == files
