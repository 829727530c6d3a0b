# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/verify.yml on the lab after collect and recreate: it passes, a re-run writes nothing, check mode writes
nothing, and after deliberate breakage it fails naming each difference with both call paths.

One lab and one collect + recreate serve the module (they take about a minute and a half); the breakage test runs last.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lab_migration import ACME_SEED, HOST, REPO, TARGET_DOMAIN, Migration, recap
from nslab.server import LabServer

from ansible_collections.ucaas.migration.plugins.module_utils.client.api import NsApiClient

TEMPORARY = dict(("+121555501%02d" % n, "+121555509%02d" % n) for n in (0, 1, 2, 3, 4, 5, 10, 11))
REPORTS = ("post_migration_report.html", "post_migration_report.md", "post_migration_report.json")
CRITERIA = [
    {"id": "main-option-1", "description": "Option 1 of the main menu reaches the Appointments queue", "number": "+12155550101",
     "at": "business_hours", "keys": ["1"], "expect": {"kind": "queue", "id": "600", "agents_min": 4}},
    {"id": "billing-rings-four", "description": "The Billing queue rings four agents", "number": "+12155550104",
     "at": "business_hours", "expect": {"kind": "queue", "id": "601", "agents_min": 4}},
]


def _runner(playbook, *args, env=None):
    environment = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(REPO / ".collections"), ANSIBLE_NOCOLOR="1")
    environment.update(env or {})
    command = [str(Path(sys.executable).parent / "ansible-playbook"), "-e", "ansible_python_interpreter=%s" % sys.executable,
               *args, str(playbook)]
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=900, check=False)


@pytest.fixture(scope="module")
def migration(tmp_path_factory):
    lab = LabServer(strict=True).start()
    lab.load_seed(str(ACME_SEED))
    partner = Migration(tmp_path_factory.mktemp("verify") / "partner", lab, _runner)
    schedule = yaml.safe_load((partner.inventory / "host_vars" / HOST / "schedule.yml").read_text())
    schedule["ucaas_schedule"]["port"]["temporary"] = [{"number": temp, "for": orig} for orig, temp in sorted(TEMPORARY.items())]
    partner.write_vars("schedule", schedule)
    partner.write_vars("verify", {"ucaas_acceptance_criteria": CRITERIA})
    for playbook in ("collect.yml", "recreate.yml"):
        result = partner.run(playbook)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr
    yield partner
    lab.stop()


def _files(host_dir):
    return dict((path.name, path.read_bytes()) for path in host_dir.iterdir() if path.is_file())


def test_verify_passes_after_recreate_then_changes_nothing(migration):
    first = migration.run("verify.yml")
    assert first.returncode == 0, first.stdout[-6000:] + first.stderr
    assert "verification passed" in first.stdout
    assert "acceptance criteria: 2 passed, 0 failed" in first.stdout
    assert "change window: cutover not recorded yet" in first.stdout
    results = json.loads((migration.host_dir / "verify_results.json").read_text())
    assert results["passed"] and results["domain"] == TARGET_DOMAIN
    assert results["summary"]["call_flows"]["mismatch"] == 0 and results["summary"]["call_flows"]["match"] > 500
    # only the plan's documented approximations are accepted; none needs the partner's acceptance
    accepted = [item for item in results["call_flows"]["differences"] if item["status"] == "accepted"]
    assert all(item["reason"].startswith("planned: ") for item in accepted), accepted[:3]
    assert results["number_map"]["+12155550100"] == "+12155550900"
    for name in REPORTS:
        assert (migration.host_dir / name).stat().st_size > 0
    page = (migration.host_dir / "post_migration_report.html").read_text()
    assert "<svg" in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "<script" not in page
    assert (migration.host_dir / "acceptance_criteria.seed.yml").read_text().startswith("---\n")
    before = _files(migration.host_dir)

    again = migration.run("verify.yml")
    assert again.returncode == 0, again.stdout[-4000:]
    assert recap(again.stdout)["changed"] == 0, again.stdout
    assert _files(migration.host_dir) == before

    preview = migration.run("verify.yml", "--check")
    assert preview.returncode == 0, preview.stdout[-4000:]
    assert _files(migration.host_dir) == before


def _break_the_lab(lab):
    client = NsApiClient(url=lab.url, api_key=lab.admin_api_key)
    domain = {"domain": TARGET_DOMAIN}
    try:
        # the temporary DID of the Billing line now goes to extension 102
        client.request("PUT", "/domains/{domain}/phonenumbers/{phonenumber}", path_params=dict(domain, phonenumber="12155550904"),
                       json_body={"dial-rule-application": "to-user", "dial-rule-translation-destination-user": "102"})
        # option 4 of the main menu in business hours is removed
        menu = next(item for item in client.list_kind("autoattendants", domain=TARGET_DOMAIN, domain_wide=True)
                    if item["user"] == "500" and item["time-frame"] == "Business Hours")
        client.request("PUT", "/domains/{domain}/users/{user}/autoattendants/{prompt}",
                       path_params=dict(domain, user="500", prompt=menu["starting-prompt"]),
                       json_body={"attendant-name": menu["attendant-name"], "auto-attendant": {"option-4": {"remove": "yes"}}})
        # user 103's caller ID
        client.request("PUT", "/domains/{domain}/users/{user}", path_params=dict(domain, user="103"),
                       json_body={"caller-id-number": "12155550199"})
        # agent 104 leaves the Appointments queue
        client.request("DELETE", "/domains/{domain}/callqueues/{callqueue}/agents/{agent}",
                       path_params=dict(domain, callqueue="600", agent="104@%s" % TARGET_DOMAIN))
        # the holiday time frame is removed
        holidays = next(item for item in client.list_kind("timeframes", domain=TARGET_DOMAIN) if item["timeframe-name"] == "Holidays")
        client.request("DELETE", "/domains/{domain}/timeframes/{id}", path_params=dict(domain, id=holidays["timeframe-id"]))
    finally:
        client.close()


def test_breakage_fails_and_names_each_difference_with_both_paths(migration):
    _break_the_lab(migration.lab)
    result = migration.run("verify.yml")
    assert result.returncode != 0
    out = result.stdout
    assert "verification failed" in out
    assert "phonenumbers 12155550904 differs: application is to-user on the target, planned to-callqueue" in out
    assert "destination_user is 102 on the target, planned 601" in out
    assert "autoattendants 500/Business Hours differs: menu is" in out
    assert "user 103 caller ID differs: caller_id_number is 12155550199 on the target, planned 12155550112" in out
    assert "agents 600/104@%s is missing on the target" % TARGET_DOMAIN in out
    assert "timeframes Holidays is missing on the target" in out
    assert "acceptance criterion billing-rings-four: +12155550104" in out and "ends in ring, expected queue" in out
    assert "acceptance criterion main-option-1: +12155550101" in out and "rings 3 agents, expected at least 4" in out
    results = json.loads((migration.host_dir / "verify_results.json").read_text())
    assert not results["passed"]
    differences = [item for item in results["call_flows"]["differences"] if item["status"] == "mismatch"]
    numbers = set(item["number"] for item in differences)
    assert {"+12155550104", "+12155550100", "+12155550101", "attendant 500"} <= numbers, numbers
    for item in differences:
        assert item["source"]["path"] and item["target"]["path"]
    holiday = [item for item in differences if "Holidays" in item["scenario"]["label"]]
    assert holiday, "removing the holiday frame changes the holiday calls"
    assert "| source path: DID +121555501" in out and "| target path: DID +121555509" in out
    report = json.loads((migration.host_dir / "post_migration_report.json").read_text())
    assert report["passed"] is False and report["gaps"]["call_flow_differences"]
    assert "phonenumbers 12155550904 differs" in (migration.host_dir / "post_migration_report.md").read_text()
