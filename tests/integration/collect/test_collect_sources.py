# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/collect.yml end to end on each source kind, run with ansible-playbook.

* NetSapiens: Acme Dental Group (lab/seeds/acme-dental-group.json) on a strict lab emulator;
  a second run changes nothing; a wrong API key or an unreachable source fails naming the source
  and leaves the earlier artifacts alone.
* NetSapiens plus partner files (devices, users, DIDs) merged on top: findings, answered gaps,
  row problems.
* FreePBX Bulk Handler CSV exports (Harbor Point Logistics), also with a bad row.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import socket
import zipfile
from collections import Counter
from pathlib import Path

import yaml
from ansible.parsing.vault import VaultLib, VaultSecret

REPO = Path(__file__).resolve().parents[3]
ACME_SEED = REPO / "lab" / "seeds" / "acme-dental-group.json"
HARBOR_POINT = REPO / "tests" / "integration" / "sources" / "spreadsheets" / "fixtures" / "harbor-point"
ACME_HOST = "acme-dental-group"
HARBOR_HOST = "harbor-point-logistics"
# What docs/phases/collect.md lists for every host; secrets.vault.yml only exists once secrets were collected.
ARTIFACTS = ("inventory.json", "problems.json", "findings.json", "scope.json", "sow_inputs.json", "sow_inputs.md",
             "inventory_export.xlsx", "inventory_export_csv/users.csv", "inventory_export_csv/dids.csv",
             "inventory_export.html", "partner_requests.md", "timeline.md", "timeline.html", "cutover.ics")
HARBOR_FILES = [{"path": "extensions.csv", "kind": "freepbx_extensions"}, {"path": "dids.csv", "kind": "freepbx_dids"}]
PARTNER_PINS = ("4821", "7304")


def recap(host, output):
    """The PLAY RECAP counters of ``host``."""
    match = re.search(r"%s\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)" % re.escape(host), output)
    assert match, output
    return dict(zip(("ok", "changed", "unreachable", "failed"), map(int, match.groups())))


def snapshot(folder):
    """Bytes and mtime of every file under ``folder``, by relative path."""
    return dict((str(path.relative_to(folder)), (path.read_bytes(), path.stat().st_mtime_ns))
                for path in sorted(Path(folder).rglob("*")) if path.is_file())


def readable_texts(folder):
    """(name, text) of every artifact a person reads: text files and the XML of workbooks (not audio, not the vault)."""
    for path in sorted(Path(folder).rglob("*")):
        if not path.is_file() or path.parent.name == "audio" or path.name == "secrets.vault.yml":
            continue
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as workbook:
                for member in workbook.namelist():
                    yield "%s:%s" % (path.name, member), workbook.read(member).decode("utf-8", "replace")
        else:
            yield str(path.relative_to(folder)), path.read_bytes().decode("utf-8", "replace")


def assert_nowhere(values, folder, *outputs):
    for value in values:
        pattern = re.compile(r"(?<![0-9A-Za-z])%s(?![0-9A-Za-z])" % re.escape(value))
        for name, text in readable_texts(folder):
            assert not pattern.search(text), "%s holds a secret value" % name
        for output in outputs:
            assert not pattern.search(output), "the run's output holds a secret value"


def vaulted_secrets(partner):
    vault = VaultLib([("default", VaultSecret(partner.vault_password.read_bytes().strip()))])
    return yaml.safe_load(vault.decrypt((partner.host_dir / "secrets.vault.yml").read_bytes()))["ucaas_secrets"]


def load(partner, name):
    return json.loads((partner.host_dir / name).read_text())


def netsapiens_source(lab, api_key=None, url=None):
    return {"ucaas_source": {"platform": "netsapiens", "url": url or lab.url, "api_key": api_key or lab.admin_api_key,
                             "domain": "acmedental.lab", "customer": "Acme Dental Group", "default_region": "US",
                             "time_zone": "America/New_York"}}


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_netsapiens_source_end_to_end(ns_lab_factory, partner_inventory, collect):
    lab = ns_lab_factory(seed=str(ACME_SEED), strict=True)
    partner = partner_inventory(ACME_HOST, netsapiens_source(lab))
    first = collect(partner)
    assert first.returncode == 0, first.stdout + first.stderr
    assert recap(ACME_HOST, first.stdout)["changed"] > 0
    before = snapshot(partner.host_dir)
    for name in ARTIFACTS:
        assert name in before, name
    # ns-api never returns PINs or SIP passwords: nothing to vault, so no vault file
    assert "secrets.vault.yml" not in before

    inventory = load(partner, "inventory.json")
    assert inventory["source"]["platform"] == "netsapiens" and inventory["source"]["customer"] == "Acme Dental Group"
    counts = dict((name, len(value)) for name, value in inventory.items() if isinstance(value, list))
    assert (counts["users"], counts["dids"], counts["queues"], counts["auto_attendants"], counts["virtual_mailboxes"]) == (44, 50, 3, 2, 2)
    phones = Counter((device["brand"], device["model"]) for device in inventory["devices"] if device["type"] != "softphone")
    assert sum(phones.values()) == 30 and len(phones) == 3
    sub_menus = [option["destination"] for attendant in inventory["auto_attendants"] for menu in attendant["menus"]
                 for option in menu.get("options") or [] if option["destination"]["type"] == "auto_attendant_menu"]
    assert sub_menus, "no auto attendant menu leads to a sub-menu"
    kinds = Counter(frame["kind"] for frame in inventory["time_frames"])
    assert kinds["holidays"] >= 1 and kinds["days_of_week"] >= 1
    assert all(frame["holidays"] for frame in inventory["time_frames"] if frame["kind"] == "holidays")

    # every greeting the domain holds is in audio/, with the sha256 the inventory records
    assert len(inventory["audio_assets"]) == 13
    audio_files = sorted(name for name in before if name.startswith("audio/"))
    assert audio_files == sorted(asset["file"] for asset in inventory["audio_assets"])
    for asset in inventory["audio_assets"]:
        assert hashlib.sha256(before[asset["file"]][0]).hexdigest() == asset["sha256"], asset["file"]

    assert_nowhere([lab.admin_api_key], partner.host_dir, first.stdout, first.stderr)

    second = collect(partner)
    assert second.returncode == 0, second.stdout + second.stderr
    assert recap(ACME_HOST, second.stdout)["changed"] == 0, second.stdout
    assert snapshot(partner.host_dir) == before

    # wrong credentials: one message naming the source; nothing written
    partner.write_vars(netsapiens_source(lab, api_key="nss_" + "0" * 56))
    wrong_key = collect(partner)
    assert wrong_key.returncode != 0
    fatal = [line for line in wrong_key.stdout.splitlines() if line.startswith("fatal:")]
    assert len(fatal) == 1, wrong_key.stdout
    assert "netsapiens source of %s (%s, domain acmedental.lab): Authentication failed" % (ACME_HOST, lab.url) in fatal[0]
    assert lab.admin_api_key not in wrong_key.stdout + wrong_key.stderr
    assert snapshot(partner.host_dir) == before

    # unreachable source: the same, after the client's retries
    url = "http://127.0.0.1:%d" % closed_port()
    partner.write_vars(netsapiens_source(lab, url=url))
    unreachable = collect(partner)
    assert unreachable.returncode != 0
    assert "netsapiens source of %s (%s, domain acmedental.lab): Cannot reach ns-api" % (ACME_HOST, url) in unreachable.stdout
    assert snapshot(partner.host_dir) == before


def test_partner_files_merged_over_the_netsapiens_source(ns_lab_factory, partner_inventory, collect, tmp_path):
    lab = ns_lab_factory(seed=str(ACME_SEED), strict=True)
    files = tmp_path / "partner-files"
    files.mkdir()
    # serial numbers and locations for two phones, and a row with a MAC one digit short
    (files / "devices.csv").write_text("MAC,Brand,Model,Serial,Location,Line 1\n"
                                       "00:04:F2:A1:00:6C,Polycom,VVX 450,PLY-450-0001,Hillcrest reception,108\n"
                                       "80:5E:C0:A1:00:65,Yealink,T54W,YEA-T54W-0101,Main Street front desk,101\n"
                                       "00:04:F2:A1:00,Polycom,VVX 450,PLY-450-0099,Storage room,\n")
    # voicemail PINs the API never returns, and an e-mail address that contradicts the source
    (files / "users.csv").write_text("extension,first_name,last_name,email,voicemail_pin\n"
                                     "101,Maria,Alvarez,m.alvarez@acme-dental-old.example,%s\n"
                                     "102,Jonah,Becker,,%s\n" % PARTNER_PINS)
    # where the number the source sends to a SIP connection (fax gateway) should go
    (files / "dids.csv").write_text("number,destination_type,destination\n+12155550106,external,+12155550199\n")
    host_vars = dict(netsapiens_source(lab), ucaas_partner_files_dir=str(files),
                     ucaas_partner_files=[{"path": "devices.csv", "kind": "devices"}, {"path": "users.csv", "kind": "users"},
                                          {"path": "dids.csv", "kind": "dids"}])
    partner = partner_inventory(ACME_HOST, host_vars)
    result = collect(partner)
    assert result.returncode == 0, result.stdout + result.stderr
    inventory = load(partner, "inventory.json")

    devices = dict((device["source_id"], device) for device in inventory["devices"])
    assert (devices["dev-0004f2a1006c"]["serial"], devices["dev-0004f2a1006c"]["location"]) == ("PLY-450-0001", "Hillcrest reception")
    assert (devices["dev-805ec0a10065"]["serial"], devices["dev-805ec0a10065"]["location"]) == ("YEA-T54W-0101", "Main Street front desk")
    assert len(inventory["devices"]) == 44 and len(inventory["users"]) == 44

    # the conflict is a finding; the collected value stays
    users = dict((user["source_id"], user) for user in inventory["users"])
    assert users["u-101"]["email"] == "maria.alvarez@acmedental.example"
    findings = load(partner, "findings.json")
    assert [(f["kind"], f["object"], f["field"], f["base_value"], f["overlay_value"]) for f in findings] == [
        ("merge_conflict", {"type": "user", "id": "u-101"}, "email", "maria.alvarez@acmedental.example",
         "m.alvarez@acme-dental-old.example")]
    assert "user u-101, email: the source has" in result.stdout

    # the gaps the files answer are gone: the fax number's destination, the PINs of boxes 101 and 102
    gaps = dict((entry["source_id"], entry) for entry in inventory["not_collected"])
    assert "routing-to-connection-fax-gateway" not in gaps
    dids = dict((did["number"], did) for did in inventory["dids"])
    assert dids["+12155550106"]["destination"] == {"type": "external", "id": "+12155550199"}
    unknown_pins = set(related["id"] for related in gaps["voicemail-pins"]["related"])
    assert {"vm-101", "vm-102"}.isdisjoint(unknown_pins) and {"vm-103", "vmb-801"} <= unknown_pins
    boxes = dict((box["source_id"], box) for box in inventory["voicemail_boxes"])
    assert boxes["vm-101"]["pin"] == {"secret_ref": "vm_pin/101", "is_set": True}
    assert not any(entry["source_id"].startswith("partner_templates:") for entry in inventory["not_collected"])

    # the short MAC is reported with file, row and column, the rest of the sheet was merged
    assert load(partner, "problems.json") == [{"file": "devices.csv", "row": 4, "column": "mac",
                                               "message": "'00:04:F2:A1:00' is not a MAC address (12 hex digits); row skipped"}]
    assert "devices.csv row 4, column mac: '00:04:F2:A1:00' is not a MAC address" in result.stdout

    secrets = vaulted_secrets(partner)
    assert (secrets["vm_pin/101"], secrets["vm_pin/102"]) == PARTNER_PINS
    assert_nowhere(PARTNER_PINS + (lab.admin_api_key,), partner.host_dir, result.stdout, result.stderr)


def test_freepbx_bulk_handler_exports_end_to_end(partner_inventory, collect):
    host_vars = {"ucaas_source": {"platform": "freepbx_csv", "base_dir": str(HARBOR_POINT), "files": HARBOR_FILES,
                                  "customer": "Harbor Point Logistics", "default_region": "US", "time_zone": "America/New_York"}}
    partner = partner_inventory(HARBOR_HOST, host_vars)
    first = collect(partner)
    assert first.returncode == 0, first.stdout + first.stderr
    before = snapshot(partner.host_dir)
    for name in ARTIFACTS + ("secrets.vault.yml",):
        assert name in before, name
    inventory = load(partner, "inventory.json")
    assert inventory["source"]["platform"] == "freepbx"
    assert len(inventory["users"]) >= 25 and len(inventory["dids"]) >= 30
    assert load(partner, "problems.json") == [] and "skipped input rows: 0;" in first.stdout
    secrets = vaulted_secrets(partner)
    assert secrets["sip_password/1001"] == "Sx00023757qz"
    assert_nowhere(["Sx00023757qz", "Sx00031676qz"], partner.host_dir, first.stdout, first.stderr)

    second = collect(partner)
    assert second.returncode == 0, second.stdout + second.stderr
    assert recap(HARBOR_HOST, second.stdout)["changed"] == 0, second.stdout
    assert snapshot(partner.host_dir) == before


def test_freepbx_bulk_handler_export_with_a_bad_row(partner_inventory, collect, tmp_path):
    exports = tmp_path / "exports"
    shutil.copytree(HARBOR_POINT, exports)
    rows = (exports / "dids.csv").read_text().split("\n")
    assert rows[4].startswith(",6175550103,")
    rows[4] = rows[4].replace(",6175550103,", ",61755103,", 1)  # row 5 as the partner sees it (header = row 1)
    (exports / "dids.csv").write_text("\n".join(rows))
    host_vars = {"ucaas_source": {"platform": "freepbx_csv", "base_dir": str(exports), "files": HARBOR_FILES,
                                  "customer": "Harbor Point Logistics"}}
    partner = partner_inventory(HARBOR_HOST, host_vars)
    result = collect(partner)
    assert result.returncode == 0, result.stdout + result.stderr

    problem = {"file": "dids.csv", "row": 5, "column": "extension",
               "message": "'61755103' is not a valid phone number (read as a national number of region US); row skipped"}
    assert load(partner, "problems.json") == [problem]
    assert "dids.csv row 5, column extension: '61755103' is not a valid phone number" in result.stdout
    inventory = load(partner, "inventory.json")
    numbers = set(did["number"] for did in inventory["dids"])
    assert "+16175550103" not in numbers and {"+16175550100", "+16175550104"} <= numbers
    assert len(inventory["users"]) >= 25 and len(inventory["dids"]) >= 29
