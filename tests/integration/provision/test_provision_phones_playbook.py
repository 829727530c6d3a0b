# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""collect -> recreate -> provision_phones against the lab, run with ansible-playbook."""
from __future__ import annotations

import csv
import io
import json

from nslab.counters import request_delta, write_requests

from lab_migration import SOURCE_DOMAIN, TARGET_DOMAIN, recap

SHEET_FILES = ("provisioning_sheet.csv", "provisioning_sheet.xlsx", "provisioning_sheet.html")
ONSITE_FILES = ("onsite_schedule.json", "onsite_schedule.md", "onsite_schedule.html")


def sheet_rows(migration):
    return list(csv.DictReader(io.StringIO((migration.host_dir / "provisioning_sheet.csv").read_text())))


def test_blocked_while_the_old_domain_holds_the_macs_then_provisioned_and_a_rerun_changes_nothing(migration):
    lab = migration.lab
    for playbook in ("collect.yml", "recreate.yml"):
        result = migration.run(playbook)
        assert result.returncode == 0, playbook + result.stdout + result.stderr
    journal_before = len(migration.journal())

    # The old domain still holds the phones: a blocking finding per phone, nothing written.
    before = lab.stats()
    blocked = migration.run("provision_phones.yml")
    assert blocked.returncode != 0
    assert "phone(s) are provisioned in another domain; nothing was written to %s" % TARGET_DOMAIN in blocked.stdout
    assert "MAC 805ec0a10065 of dev-805ec0a10065 is provisioned in domain %s" % SOURCE_DOMAIN in blocked.stdout
    assert "ucaas_resolutions" in blocked.stdout
    assert write_requests(request_delta(before, lab.stats())) == {}
    assert len(migration.journal()) == journal_before
    assert not (migration.host_dir / "provisioning_sheet.csv").exists()

    migration.release_old_phones()

    # Check mode: no write to the platform, no file written.
    files = sorted(path.name for path in migration.host_dir.iterdir())
    before = lab.stats()
    preview = migration.run("provision_phones.yml", "--check")
    assert preview.returncode == 0, preview.stdout + preview.stderr
    assert write_requests(request_delta(before, lab.stats())) == {}
    assert sorted(path.name for path in migration.host_dir.iterdir()) == files
    assert "check mode, would provision in domain %s" % TARGET_DOMAIN in preview.stdout

    first = migration.run("provision_phones.yml")
    assert first.returncode == 0, first.stdout + first.stderr
    assert recap(first.stdout)["changed"] > 0
    phones = migration.phones(TARGET_DOMAIN)
    rows = sheet_rows(migration)
    provisioned = [row for row in rows if row["Status"] == "provisioned"]
    assert len(provisioned) == 31
    for row in provisioned:
        phone = phones[row["MAC"]]
        assert phone["device-models-brand-and-model"] == row["Model"]
        extension = row["Extensions (line: extension)"].split(": ")[1]
        assert phone["device-provisioning-sip-uri-1"].startswith("sip:%s" % extension)
    yealink = phones["805ec0a10065"]
    assert yealink["device-provisioning-sip-uri-1"] == "sip:101@%s" % TARGET_DOMAIN
    assert yealink["device-models-brand-and-model"] == "Yealink T54W"
    excluded = dict((row["Source id"], row) for row in rows if row["Status"] != "provisioned")
    assert excluded["dev-0004f2c00131"]["Status"] == "unsupported" and "End of life" in excluded["dev-0004f2c00131"]["Action or reason"]
    assert excluded["dev-805ec0c00132"]["Status"] == "unknown model"
    assert set(excluded) == {"dev-0004f2c00131", "dev-805ec0c00132"}
    paging = next(row for row in rows if row["MAC"] == "000fd3c00133")
    assert paging["Onsite needed"] == "yes" and paging["Redirect method"] == "manual entry"
    assert paging["Provisioning server"] == "https://ndp.lab-reseller.example/cfg/"

    onsite = json.loads((migration.host_dir / "onsite_schedule.json").read_text())
    assert onsite["summary"] == {"sites": 1, "onsite": 1, "special_access": 0}
    assert onsite["sites"][0]["onsite"][0]["mac"] == "000fd3c00133"
    window = onsite["window"]
    assert window["start"] <= onsite["sites"][0]["slot"]["start"] < onsite["sites"][0]["slot"]["end"] <= window["end"]
    for name in SHEET_FILES + ONSITE_FILES:
        assert (migration.host_dir / name).stat().st_size > 0, name

    journal = [entry for entry in migration.journal() if entry["phase"] == "provision_phones"]
    assert journal and {entry["kind"] for entry in journal} <= {"devices", "phones"}
    assert {entry["outcome"] for entry in journal} <= {"created", "updated"}
    assert len({entry["run_id"] for entry in journal}) == 1
    assert "805ec0a10065" in [entry["key"] for entry in journal]

    # A re-run reads and writes nothing new, reports no change, leaves every file as it was.
    artifacts = migration.artifacts()
    before = lab.stats()
    second = migration.run("provision_phones.yml")
    assert second.returncode == 0, second.stdout + second.stderr
    assert recap(second.stdout)["changed"] == 0, second.stdout
    assert write_requests(request_delta(before, lab.stats())) == {}
    assert migration.artifacts() == artifacts

    # recreate after provision_phones still finds its devices as planned
    before = lab.stats()
    again = migration.run("recreate.yml")
    assert again.returncode == 0 and recap(again.stdout)["changed"] == 0, again.stdout
    assert write_requests(request_delta(before, lab.stats())) == {}
