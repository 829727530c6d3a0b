# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""collect -> recreate -> approve -> cutover -> rollback on the lab (a NetSapiens source and the target), with ansible-playbook."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from nslab.counters import request_delta, write_requests

REPO = Path(__file__).resolve().parents[3]
HOST = "acme-dental-group"
TARGET_DOMAIN = "acme.lab-reseller.service"
ENV = {"ANSIBLE_STDOUT_CALLBACK": "default", "ANSIBLE_FORCE_COLOR": "0", "ANSIBLE_RETRY_FILES_ENABLED": "0"}
INSIDE = "2026-12-03T18:30:00-05:00"
OUTSIDE = "2026-12-03T21:15:00-05:00"
SCHEDULE = {
    "collected": "2026-11-20",
    "cutover": {"date": "2026-12-03", "window_start": "18:00", "window_end": "21:00", "time_zone": "America/New_York"},
    "port": {"requested_foc": "2026-12-10", "numbers": "all",
             "temporary": [{"number": "+12675550900", "for": "+12155550100"}, {"number": "+12675550903", "for": "+12155550103"},
                           {"number": "+12675550910", "for": "+12155550110"}]},
}


def recap(output):
    match = re.search(r"%s\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)" % HOST, output)
    assert match, output
    return dict(zip(("ok", "changed", "unreachable", "failed"), map(int, match.groups())))


class Partner:
    def __init__(self, folder, lab, run_playbook):
        self.folder = Path(folder)
        self.lab = lab
        self._run = run_playbook
        self.host_dir = self.folder / "state" / HOST
        inventory = self.folder / "inventory"
        (inventory / "host_vars" / HOST).mkdir(parents=True)
        (inventory / "hosts.yml").write_text(yaml.safe_dump({"all": {"children": {"migrations": {"hosts": {HOST: None}}}}}))
        connection = {"api_key": lab.admin_api_key}
        (inventory / "host_vars" / HOST / "main.yml").write_text(yaml.safe_dump({
            "ansible_connection": "local", "ucaas_state_dir": str(self.folder / "state"),
            "ucaas_source": dict(connection, platform="netsapiens", url=lab.url, domain="acmedental.lab", customer="Acme Dental Group",
                                 default_region="US", time_zone="America/New_York"),
            "ucaas_target": dict(connection, api_url=lab.url, reseller="lab-reseller", domain=TARGET_DOMAIN, description="Acme Dental Group"),
            "ucaas_schedule": SCHEDULE,
            "ucaas_contacts": {"customer": [{"role": "onsite", "name": "Liam Foster", "email": "liam@acmedental.example"}]},
        }))
        self.inventory = inventory
        self.vault_password = self.folder / "test.vault-password"
        self.vault_password.write_text("cutover-test-only\n")

    def run(self, playbook, *extra):
        path = playbook if Path(str(playbook)).is_absolute() else REPO / "playbooks" / playbook
        return self._run(path, "-i", str(self.inventory), "--vault-password-file", str(self.vault_password), *extra, env=ENV)

    def ok(self, playbook, *extra):
        result = self.run(playbook, *extra)
        assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
        return result

    def snapshot(self, name, perturb=False):
        path = self.folder / ("%s.json" % name)
        self.ok(REPO / "tests" / "integration" / "cutover" / "playbooks" / "snapshot.yml",
                "-e", json.dumps({"snapshot_file": str(path), "perturb": perturb}))
        data = json.loads(path.read_text())
        # the modules treat an absent string and an empty one alike: so does the comparison
        return dict((kind, sorted((dict((k, v) for k, v in item.items() if v not in ("", None)) for item in items),
                                  key=lambda item: json.dumps(item, sort_keys=True))) for kind, items in data.items())

    def journal(self):
        path = self.host_dir / "cutover_journal.jsonl"
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.fixture(name="partner")
def partner_fixture(tmp_path, ns_lab_factory, run_playbook):
    lab = ns_lab_factory(seed=str(REPO / "lab" / "seeds" / "acme-dental-group.json"), strict=True)
    partner = Partner(tmp_path, lab, run_playbook)
    partner.ok("collect.yml")
    partner.ok("recreate.yml")
    return partner


def test_cutover_rehearsal_window_rollback_and_reruns(partner):
    lab = partner.lab
    # before approval: the plan is written (check mode, --tags plan), the cutover itself refuses
    planned = partner.ok("cutover.yml", "--tags", "plan", "--check")
    assert (partner.host_dir / "cutover_plan.md").exists() and (partner.host_dir / "cutover_plan.html").exists()
    assert "temporary DIDs: 3" in planned.stdout
    refused = partner.run("cutover.yml", "-e", "ucaas_cutover_now=%s" % INSIDE)
    assert refused.returncode != 0 and "no approval recorded" in refused.stdout
    partner.ok("approve_plan.yml", "-e", json.dumps({"approval_by": "Dana Whitfield <dana@keystone-voice.example>"}))

    before = partner.snapshot("before", perturb=True)
    stats = lab.stats()
    outside = partner.run("cutover.yml", "-e", "ucaas_cutover_now=%s" % OUTSIDE)
    assert outside.returncode != 0 and "The cutover is outside its window" in outside.stdout
    assert write_requests(request_delta(stats, lab.stats())) == {} and partner.journal() == []

    first = partner.ok("cutover.yml", "-e", "ucaas_cutover_now=%s" % INSIDE)
    assert recap(first.stdout)["changed"] > 0
    journal = partner.journal()
    assert journal[0]["kind"] == "window" and journal[0]["outcome"] == "inside" and journal[0]["after"]["rehearsal"] is True
    writes = dict(((entry["system"], entry["kind"], entry["key"]), entry) for entry in journal if entry["outcome"] == "updated")
    assert writes[("target", "phonenumbers", "12675550903")]["before"]["destination_user"] == "101"
    assert writes[("target", "phonenumbers", "12675550903")]["after"] == {"application": "to-callqueue", "destination_user": "600"}
    assert writes[("target", "users", "101")]["before"] == {"caller_id_number": "12675550910", "caller_id_number_emergency": None}
    assert writes[("target", "users", "101")]["after"] == {"caller_id_number": "12155550110", "caller_id_number_emergency": "12675550910"}
    assert writes[("target", "domains", TARGET_DOMAIN)]["after"] == {"caller_id_number_emergency": "12675550900"}
    forwarded = writes[("source", "phonenumbers", "12155550100")]
    assert forwarded["before"]["application"] == "to-user" and forwarded["after"]["application"] == "to-connection-add-header-force-caller-id"
    assert forwarded["after"]["destination_user"] == "12675550900"
    assert {entry["key"] for entry in journal if entry["kind"] == "provisioning_push"}
    state = json.loads((partner.host_dir / "cutover_state.json").read_text())
    assert state["status"] == "cut_over" and state["emergency_number"] == "12675550900"
    assert {"kind": "users", "key": "101", "number": "12675550910"} in state["emergency_on_temporary"]

    files = dict((path.name, path.read_bytes()) for path in partner.host_dir.iterdir() if path.is_file())
    stats = lab.stats()
    again = partner.ok("cutover.yml", "-e", "ucaas_cutover_now=%s" % INSIDE)
    assert recap(again.stdout)["changed"] == 0, again.stdout
    assert write_requests(request_delta(stats, lab.stats())) == {}
    assert dict((path.name, path.read_bytes()) for path in partner.host_dir.iterdir() if path.is_file()) == files

    rolled = partner.ok("rollback_cutover.yml")
    assert recap(rolled.stdout)["changed"] > 0
    assert partner.snapshot("after") == before
    assert json.loads((partner.host_dir / "cutover_state.json").read_text())["status"] == "rolled_back"
    assert partner.journal()[-1]["kind"] == "rollback" and partner.journal()[-1]["outcome"] == "completed"
    stats = lab.stats()
    rolled_again = partner.ok("rollback_cutover.yml")
    assert recap(rolled_again.stdout)["changed"] == 0, rolled_again.stdout
    assert write_requests(request_delta(stats, lab.stats())) == {}

    reason = "partner asked for a late start (ticket KV-1190)"
    late = partner.ok("cutover.yml", "-e", json.dumps({"ucaas_cutover_now": OUTSIDE, "ucaas_cutover_override_reason": reason}))
    assert recap(late.stdout)["changed"] > 0
    windows = [entry for entry in partner.journal() if entry["kind"] == "window" and entry["outcome"] == "overridden"]
    assert len(windows) == 1 and windows[0]["after"]["reason"] == reason and windows[0]["msg"] == "reason: %s" % reason
