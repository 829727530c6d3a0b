# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/collect.yml then playbooks/recreate.yml against the lab, run with ansible-playbook."""
from __future__ import annotations

import json

import pytest
from nslab.counters import request_delta, write_requests

from lab_migration import HOST, REPO, TARGET_DOMAIN, recap

pytestmark = pytest.mark.skipif(not (REPO / "plugins" / "modules" / "migration_plan.py").exists(),
                                reason="recreate translates with ucaas.migration.migration_plan, which is not in this tree")

LIST_SUFFIXES = ("/domains", "/sites", "/users", "/devices", "/agents", "/callqueues", "/autoattendants", "/timeframes",
                 "/answerrules", "/greetings", "/phonenumbers", "/smsnumbers")


def collected(migration):
    result = migration.run("collect.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    return migration


def test_recreate_twice_second_run_changes_nothing_and_reads_only_lists(migration):
    collected(migration)
    lab = migration.lab
    before = lab.stats()
    first = migration.run("recreate.yml")
    assert first.returncode == 0, first.stdout + first.stderr
    assert recap(first.stdout)["changed"] > 0
    assert write_requests(request_delta(before, lab.stats()))
    plan = json.loads((migration.host_dir / "plan.json").read_text())
    assert plan["domain"] == TARGET_DOMAIN and plan["fingerprint"].startswith("sha256:")
    assert "objects per kind: domains=1" in first.stdout
    assert "domains: 1 created" in first.stdout

    journal = migration.journal()
    # updates too: a user's default answer rule (*) exists as soon as the user does
    assert journal and {entry["outcome"] for entry in journal} <= {"created", "updated"}
    assert len({entry["run_id"] for entry in journal}) == 1
    assert [entry["kind"] for entry in journal][0] == "domains"
    kinds_in_order = [entry["kind"] for entry in journal]
    assert kinds_in_order.index("domains") < kinds_in_order.index("users")
    applied = json.loads((migration.host_dir / "applied.json").read_text())
    assert applied["plan_fingerprint"] == plan["fingerprint"] and applied["run_id"] == journal[0]["run_id"]
    artifacts = dict((path.name, path.read_bytes()) for path in migration.host_dir.iterdir() if path.is_file())

    before = lab.stats()
    second = migration.run("recreate.yml")
    assert second.returncode == 0, second.stdout + second.stderr
    assert recap(second.stdout)["changed"] == 0, second.stdout
    delta = request_delta(before, lab.stats())
    assert write_requests(delta) == {}
    single_reads = sorted(key for key in delta if not key.endswith(LIST_SUFFIXES) and not key.endswith("/version"))
    assert single_reads == [], single_reads
    assert dict((path.name, path.read_bytes()) for path in migration.host_dir.iterdir() if path.is_file()) == artifacts


def test_check_mode_writes_nothing_before_and_after_the_apply(migration):
    collected(migration)
    lab = migration.lab
    files = sorted(path.name for path in migration.host_dir.iterdir())
    before = lab.stats()
    preview = migration.run("recreate.yml", "--check", "--diff")
    assert preview.returncode == 0, preview.stdout + preview.stderr
    assert write_requests(request_delta(before, lab.stats())) == {}
    assert sorted(path.name for path in migration.host_dir.iterdir()) == files
    assert "check mode, would apply to domain %s" % TARGET_DOMAIN in preview.stdout
    assert "users: " in preview.stdout and "to create (the domain does not exist yet)" in preview.stdout

    assert migration.run("recreate.yml").returncode == 0
    journal_lines = len(migration.journal())
    before = lab.stats()
    again = migration.run("recreate.yml", "--check", "--diff")
    assert again.returncode == 0, again.stdout + again.stderr
    assert recap(again.stdout)["changed"] == 0, again.stdout
    assert write_requests(request_delta(before, lab.stats())) == {}
    assert len(migration.journal()) == journal_lines


def test_approval_of_the_applied_plan(migration):
    collected(migration)
    assert migration.run("recreate.yml").returncode == 0
    refused = migration.run("approve_plan.yml")
    assert refused.returncode != 0 and "set approval_by to the partner contact" in refused.stdout
    approved = migration.run("approve_plan.yml", "-e", json.dumps({"approval_by": "Dana Whitfield <dana@keystone-voice.example>"}))
    assert approved.returncode == 0, approved.stdout + approved.stderr
    record = json.loads((migration.host_dir / "approval.json").read_text())
    assert record["plan_fingerprint"] == json.loads((migration.host_dir / "plan.json").read_text())["fingerprint"]
    assert HOST in approved.stdout
