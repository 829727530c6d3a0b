# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/approve_plan.yml and the approval role's check entry point, on a state directory written by hand."""
from __future__ import annotations

import json

import pytest
import yaml

from lab_migration import ENV, HOST, REPO, recap

PLAN_A = "sha256:" + "a" * 64
PLAN_B = "sha256:" + "b" * 64
BY = "Dana Whitfield <dana.whitfield@keystone-voice.example>"


@pytest.fixture(name="partner")
def partner_fixture(tmp_path, run_playbook):
    inventory = tmp_path / "inventory"
    inventory.mkdir()
    (inventory / "hosts.yml").write_text(yaml.safe_dump({"all": {"children": {"migrations": {"hosts": {HOST: None}}}}}))
    (inventory / "group_vars").mkdir()
    (inventory / "group_vars" / "all.yml").write_text(yaml.safe_dump({"ansible_connection": "local", "ucaas_state_dir": str(tmp_path / "state")}))
    host_dir = tmp_path / "state" / HOST
    host_dir.mkdir(parents=True)
    check_playbook = tmp_path / "cutover_guard.yml"
    check_playbook.write_text(yaml.safe_dump([{
        "name": "A later phase", "hosts": "migrations", "gather_facts": False,
        "tasks": [{"name": "Refuse unless the plan applied is the plan approved",
                   "ansible.builtin.include_role": {"name": "ucaas.migration.approval", "tasks_from": "check"}}]}]))

    def run(playbook, *extra):
        return run_playbook(playbook, "-i", str(inventory), *extra, env=ENV)

    def write(name, data):
        (host_dir / name).write_text(json.dumps(data))
    return {"run": run, "write": write, "host_dir": host_dir, "check": check_playbook}


def test_approve_records_once_and_the_check_passes(partner):
    partner["write"]("plan.json", {"fingerprint": PLAN_A})
    partner["write"]("applied.json", {"plan_fingerprint": PLAN_A, "applied_at": "2026-12-01T22:10:41Z", "run_id": "run-1"})
    first = partner["run"](REPO / "playbooks" / "approve_plan.yml", "-e", json.dumps({"approval_by": BY, "approval_note": "KV-1182"}))
    assert first.returncode == 0, first.stdout + first.stderr
    assert recap(first.stdout)["changed"] == 1
    record = json.loads((partner["host_dir"] / "approval.json").read_text())
    assert record["plan_fingerprint"] == PLAN_A and record["approved_by"] == BY and record["note"] == "KV-1182"
    again = partner["run"](REPO / "playbooks" / "approve_plan.yml", "-e", json.dumps({"approval_by": BY, "approval_note": "KV-1182"}))
    assert again.returncode == 0 and recap(again.stdout)["changed"] == 0
    guard = partner["run"](partner["check"])
    assert guard.returncode == 0, guard.stdout + guard.stderr


def test_approving_a_plan_the_domain_was_not_configured_from_is_refused(partner):
    partner["write"]("plan.json", {"fingerprint": PLAN_B})
    partner["write"]("applied.json", {"plan_fingerprint": PLAN_A, "applied_at": "2026-12-01T22:10:41Z", "run_id": "run-1"})
    result = partner["run"](REPO / "playbooks" / "approve_plan.yml", "-e", json.dumps({"approval_by": BY}))
    assert result.returncode != 0
    assert "plan.json is %s but the domain was configured from %s" % (PLAN_B, PLAN_A) in result.stdout
    assert not (partner["host_dir"] / "approval.json").exists()


def test_the_check_refuses_when_the_applied_plan_changed_after_approval(partner):
    partner["write"]("plan.json", {"fingerprint": PLAN_B})
    partner["write"]("applied.json", {"plan_fingerprint": PLAN_B, "applied_at": "2026-12-04T20:00:00Z", "run_id": "run-2"})
    partner["write"]("approval.json", {"plan_fingerprint": PLAN_A, "approved_by": BY, "approved_at": "2026-12-02T15:20:00Z", "note": ""})
    guard = partner["run"](partner["check"])
    assert guard.returncode != 0
    assert "the plan applied (%s, run run-2 at 2026-12-04T20:00:00Z) is not the plan approved (%s" % (PLAN_B, PLAN_A) in guard.stdout


def test_the_check_refuses_without_an_approval(partner):
    guard = partner["run"](partner["check"])
    assert guard.returncode != 0
    assert "no approval recorded" in guard.stdout and "no applied plan recorded" in guard.stdout
