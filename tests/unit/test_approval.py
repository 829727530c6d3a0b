# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Partner approval and the applied plan: records, idempotence, the check later phases run, the module."""
from __future__ import annotations

import json

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils import approval
from ansible_collections.ucaas.migration.plugins.modules import plan_approval

PLAN_A = "sha256:" + "a" * 64
PLAN_B = "sha256:" + "b" * 64
BY = "Dana Whitfield <dana.whitfield@keystone-voice.example>"


def write_plan(folder, fingerprint):
    (folder / "plan.json").write_text(json.dumps({"format": "ucaas.migration/plan-v1", "fingerprint": fingerprint}))


def test_approval_is_recorded_once_for_the_same_plan(tmp_path):
    changed, record, previous = approval.record_approval(str(tmp_path), PLAN_A, BY, "2026-12-02T15:20:00Z", note="KV-1182")
    assert changed and previous is None
    assert json.loads((tmp_path / "approval.json").read_text()) == {
        "approved_by": BY, "approved_at": "2026-12-02T15:20:00Z", "plan_fingerprint": PLAN_A, "note": "KV-1182"}
    changed, record, dummy = approval.record_approval(str(tmp_path), PLAN_A, BY, "2026-12-03T09:00:00Z", note="KV-1182")
    assert not changed and record["approved_at"] == "2026-12-02T15:20:00Z"
    changed, record, previous = approval.record_approval(str(tmp_path), PLAN_B, BY, "2026-12-03T09:00:00Z")
    assert changed and previous["plan_fingerprint"] == PLAN_A and record["plan_fingerprint"] == PLAN_B


def test_applied_keeps_the_first_run_of_a_plan(tmp_path):
    assert approval.record_applied(str(tmp_path), PLAN_A, "run-1", "2026-12-01T22:10:41Z")[0]
    changed, record, dummy = approval.record_applied(str(tmp_path), PLAN_A, "run-2", "2026-12-01T23:00:00Z")
    assert not changed and record["run_id"] == "run-1"
    assert approval.record_applied(str(tmp_path), PLAN_B, "run-3", "2026-12-02T10:00:00Z")[0]
    assert json.loads((tmp_path / "applied.json").read_text())["run_id"] == "run-3"


def test_check_mode_records_nothing(tmp_path):
    assert approval.record_approval(str(tmp_path), PLAN_A, BY, "t", check_mode=True)[0]
    assert approval.record_applied(str(tmp_path), PLAN_A, "run-1", "t", check_mode=True)[0]
    assert list(tmp_path.iterdir()) == []


def test_bad_input_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(approval.ApprovalError, match="plan_fingerprint: 'abc' is not a plan fingerprint"):
        approval.record_approval(str(tmp_path), "abc", BY, "t")
    with pytest.raises(approval.ApprovalError, match="approved_by: required"):
        approval.record_approval(str(tmp_path), PLAN_A, "  ", "t")
    with pytest.raises(approval.ApprovalError, match="run_id: required"):
        approval.record_applied(str(tmp_path), PLAN_A, "", "t")
    assert list(tmp_path.iterdir()) == []


def test_check_names_every_reason(tmp_path):
    with pytest.raises(approval.ApprovalError) as missing:
        approval.check(str(tmp_path))
    assert "no approval recorded" in str(missing.value) and "no applied plan recorded" in str(missing.value)
    approval.record_applied(str(tmp_path), PLAN_A, "run-1", "2026-12-01T22:10:41Z")
    approval.record_approval(str(tmp_path), PLAN_A, BY, "2026-12-02T15:20:00Z")
    assert approval.check(str(tmp_path))["approval"]["approved_by"] == BY
    approval.record_applied(str(tmp_path), PLAN_B, "run-2", "2026-12-03T22:00:00Z")
    expected = r"the plan applied \(sha256:b+, run run-2 at 2026-12-03T22:00:00Z\) is not the plan approved \(sha256:a+, by Dana Whitfield"
    with pytest.raises(approval.ApprovalError, match=expected):
        approval.check(str(tmp_path))
    with pytest.raises(approval.ApprovalError, match="the current plan"):
        approval.check(str(tmp_path), plan_fingerprint=PLAN_B, require_applied=False)
    assert approval.check(str(tmp_path), plan_fingerprint=PLAN_A, require_applied=False)


def test_a_damaged_record_is_a_clear_error(tmp_path):
    (tmp_path / "approval.json").write_text("{not json")
    with pytest.raises(approval.ApprovalError, match="approval.json: not valid JSON"):
        approval.status(str(tmp_path))


def test_plan_fingerprint_comes_from_plan_json(tmp_path):
    with pytest.raises(approval.ApprovalError, match="plan.json does not exist: run playbooks/recreate.yml first"):
        approval.plan_fingerprint_of(str(tmp_path / "plan.json"))
    write_plan(tmp_path, PLAN_A)
    assert approval.plan_fingerprint_of(str(tmp_path / "plan.json")) == PLAN_A


def test_module_states(run_module, tmp_path):
    dest = str(tmp_path)
    write_plan(tmp_path, PLAN_A)
    refused = run_module(plan_approval.main, {"dest": dest})
    assert refused["failed"] and "no approval recorded" in refused["msg"]
    assert run_module(plan_approval.main, {"dest": dest, "state": "approved"})["msg"] == "state is approved but all of the following are missing: approved_by"
    applied = run_module(plan_approval.main, {"dest": dest, "state": "applied", "run_id": "run-1"})
    assert applied["changed"] and applied["applied"]["plan_fingerprint"] == PLAN_A
    info = run_module(plan_approval.main, {"dest": dest, "state": "status"})
    assert not info.get("failed") and info["approval"] is None and len(info["problems"]) == 1
    checked = run_module(plan_approval.main, {"dest": dest, "state": "approved", "approved_by": BY, "_ansible_check_mode": True})
    assert checked["changed"] and checked["problems"] == [] and not (tmp_path / "approval.json").exists()
    approved = run_module(plan_approval.main, {"dest": dest, "state": "approved", "approved_by": BY, "note": "KV-1182"})
    assert approved["changed"] and approved["approval"]["note"] == "KV-1182"
    again = run_module(plan_approval.main, {"dest": dest, "state": "approved", "approved_by": BY, "note": "KV-1182"})
    assert not again["changed"]
    ok = run_module(plan_approval.main, {"dest": dest, "state": "check", "plan_path": str(tmp_path / "plan.json")})
    assert not ok.get("failed") and ok["problems"] == [] and ok["plan_fingerprint"] == PLAN_A
    stale = run_module(plan_approval.main, {"dest": dest, "state": "check", "plan_fingerprint": PLAN_B})
    assert stale["failed"] and "the current plan (%s) is not the plan approved" % PLAN_B in stale["msg"]
