# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/collect.yml end to end on a FreePBX source (MariaDB fixture) and a plain Asterisk source.

The partner inventory has one migration host and one PBX host (local connection): the role
runs ``freepbx_collect`` delegated to the PBX and fetches its audio files from there.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.collect import collect

REPO = Path(__file__).resolve().parents[4]
PLAYBOOK = REPO / "playbooks" / "collect.yml"
EXAMPLE = REPO / "inventories" / "example"
HOST = "harborview"
PBX = "harborview-pbx"
VAULT_PASSWORD = "harborview-test-vault-only"
ARTIFACTS = ("inventory.json", "secrets.vault.yml", "problems.json", "findings.json", "scope.json", "sow_inputs.json",
             "sow_inputs.md", "inventory_export.xlsx", "inventory_export.html", "partner_requests.md", "timeline.md",
             "timeline.html", "cutover.ics", "inventory_export_csv/users.csv", "inventory_export_csv/dids.csv")
FREEPBX_COUNTS = dict(users=27, voicemail_boxes=26, virtual_mailboxes=3, devices=26, hunt_groups=4, queues=2, auto_attendants=2,
                      time_frames=2, time_routers=2, fax=1, dids=33, audio_assets=12)
ASTERISK_COUNTS = dict(users=4, voicemail_boxes=3, virtual_mailboxes=1, queues=1, audio_assets=1)
ASTERISK_TRUNK_PASSWORD = "Carrier-Trunk-Pass-77"   # in the fixture's pjsip.conf; a trunk is never collected


def partner_inventory(folder, source, state):
    """A partner inventory: the example's group_vars, migration host HOST and the PBX host (local connection)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(EXAMPLE / "group_vars", folder / "group_vars", dirs_exist_ok=True)
    (folder / "hosts.yml").write_text(yaml.safe_dump({"all": {
        "children": {"migrations": {"hosts": {HOST: None}}, "pbx": {"hosts": {PBX: None}}}}}))
    host_vars = folder / "host_vars" / HOST
    host_vars.mkdir(parents=True, exist_ok=True)
    for name in ("schedule.yml", "contacts.yml"):
        shutil.copy(EXAMPLE / "host_vars" / "northwind-dental" / name, host_vars / name)
    (host_vars / "source.yml").write_text(yaml.safe_dump({"ucaas_source": source, "ucaas_state_dir": str(state)}))
    (folder / "host_vars" / (PBX + ".yml")).write_text(yaml.safe_dump({
        "ansible_connection": "local", "ansible_python_interpreter": sys.executable}))
    return folder


def freepbx_source(pbx_tree, mariadb, **overrides):
    source = dict(
        platform="freepbx", pbx_host=PBX, customer="Harborview Logistics", default_region="US", time_zone="America/New_York",
        freepbx_conf=str(pbx_tree / "etc/freepbx.conf"), asterisk_etc=str(pbx_tree / "etc/asterisk"),
        astdb=str(pbx_tree / "var/lib/asterisk/astdb.sqlite3"), voicemail_spool=str(pbx_tree / "var/spool/asterisk/voicemail"),
        sounds_dir=str(pbx_tree / "var/lib/asterisk/sounds"), sound_languages=["en"], mysql_command=mariadb["client"],
        db_socket=mariadb["socket"], instance="pbx.harborview.example", ivr_extension_base=7500, year=2026)
    source.update(overrides)
    return source


def asterisk_source(root):
    return dict(
        platform="asterisk", pbx_host=PBX, customer="Riverside Print Shop", default_region="US", time_zone="America/New_York",
        asterisk_etc=str(root / "etc/asterisk"), astdb=str(root / "var/lib/asterisk/astdb.sqlite3"),
        voicemail_spool=str(root / "var/spool/asterisk/voicemail"), sounds_dir=str(root / "sounds"),
        inbound_contexts=["from-carrier"], instance="pbx.riverside.example", year=2026)


@pytest.fixture(name="vault_file")
def vault_file_fixture(tmp_path):
    path = tmp_path / "vault-password"
    path.write_text(VAULT_PASSWORD + "\n")
    return path


@pytest.fixture(name="collect_run")
def collect_run_fixture(run_playbook, vault_file, tmp_path):
    """``collect_run(inventory)`` runs playbooks/collect.yml on that inventory with the test's vault password."""
    def run(inventory):
        return run_playbook(PLAYBOOK, "-i", str(inventory), "--vault-password-file", str(vault_file), cwd=tmp_path)
    return run


def recap(output):
    match = re.search(r"^%s\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)" % re.escape(HOST), output, re.M)
    assert match, output
    return dict(zip(("ok", "changed", "unreachable", "failed"), map(int, match.groups())))


def snapshot(folder):
    return dict((str(path.relative_to(folder)), (path.read_bytes(), path.stat().st_mtime_ns))
                for path in sorted(folder.rglob("*")) if path.is_file())


def readable_texts(files):
    """Each artifact as text; the XLSX's XML parts are read out of the zip (secrets would sit there in clear)."""
    texts = {}
    for name, (content, dummy) in files.items():
        if name.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(content)) as book:
                texts[name] = "\n".join(book.read(part).decode("utf-8") for part in book.namelist() if part.endswith(".xml"))
        elif name.endswith(".wav") or name == "secrets.vault.yml":
            continue
        else:
            texts[name] = content.decode("utf-8")
    return texts


def assert_no_clear_secret(values, texts):
    for value in values:
        pattern = re.compile(r"(?<![\w])%s(?![\w])" % re.escape(value))
        for name, text in texts.items():
            assert not pattern.search(text), "%s holds a secret value in clear text" % name


def vault_view(path, vault_file):
    proc = subprocess.run([str(Path(sys.executable).with_name("ansible-vault")), "view", "--vault-password-file", str(vault_file),
                           str(path)], capture_output=True, text=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return yaml.safe_load(proc.stdout)


def assert_audio_fetched(host_dir, inventory):
    assets = inventory["audio_assets"]
    assert sorted(str(p.relative_to(host_dir)) for p in (host_dir / "audio").iterdir()) == sorted(a["file"] for a in assets)
    for asset in assets:
        assert hashlib.sha256((host_dir / asset["file"]).read_bytes()).hexdigest() == asset["sha256"], asset["file"]


def counts(inventory, names):
    return dict((name, len(inventory.get(name, []))) for name in names)


def test_freepbx_collects_every_artifact_and_a_second_run_changes_nothing(collect_run, vault_file, tmp_path, pbx_tree, mariadb):
    state = tmp_path / "state"
    inventory = partner_inventory(tmp_path / "inventory", freepbx_source(pbx_tree, mariadb), state)
    first = collect_run(inventory)
    assert first.returncode == 0, first.stdout + first.stderr
    assert recap(first.stdout)["changed"] > 0
    host_dir = state / HOST
    before = snapshot(host_dir)
    for name in ARTIFACTS:
        assert name in before, name

    saved = json.loads((host_dir / "inventory.json").read_text())
    assert counts(saved, FREEPBX_COUNTS) == FREEPBX_COUNTS
    assert saved["source"]["platform"] == "freepbx" and saved["source"]["instance"] == "pbx.harborview.example"
    attendants = dict((a["source_id"], a) for a in saved["auto_attendants"])
    assert attendants["aa-1"]["extension"] == "7501"    # ivr_extension_base reached the module
    holidays = dict((f["source_id"], f) for f in saved["time_frames"])["tf-2"]
    assert {"name": "Holidays", "start_date": "2026-12-24", "end_date": "2026-12-26", "recurrence": "yearly"} in holidays["dates"]
    assert_audio_fetched(host_dir, saved)

    module_options = dict(freepbx_source(pbx_tree, mariadb), mode="freepbx")
    for key in ("platform", "pbx_host"):
        del module_options[key]
    expected = collect(module_options)["secrets"]
    assert expected["vm_pin/201"] == "72019" and expected["sip_password/201"] == "Hv-sip-201-Qx7102"
    assert before["secrets.vault.yml"][0].startswith(b"$ANSIBLE_VAULT")
    assert vault_view(host_dir / "secrets.vault.yml", vault_file)["ucaas_secrets"] == expected
    secret_values = list(expected.values()) + [mariadb["password"]]
    assert_no_clear_secret(secret_values, readable_texts(before))
    assert_no_clear_secret(secret_values, {"stdout": first.stdout, "stderr": first.stderr})

    second = collect_run(inventory)
    assert second.returncode == 0, second.stdout + second.stderr
    assert recap(second.stdout)["changed"] == 0, second.stdout
    assert snapshot(host_dir) == before     # same bytes and mtimes: nothing was rewritten
    assert_no_clear_secret(secret_values, {"stdout": second.stdout, "stderr": second.stderr})


def test_freepbx_wrong_db_password_fails_naming_the_pbx_and_keeps_the_artifacts(collect_run, tmp_path, pbx_tree, mariadb):
    state = tmp_path / "state"
    inventory = partner_inventory(tmp_path / "inventory", freepbx_source(pbx_tree, mariadb), state)
    first = collect_run(inventory)
    assert first.returncode == 0, first.stdout + first.stderr
    before = snapshot(state / HOST)

    partner_inventory(inventory, freepbx_source(pbx_tree, mariadb, db_password="Wrong-Pass-123"), state)
    result = collect_run(inventory)
    assert result.returncode != 0
    assert recap(result.stdout)["failed"] == 1
    failures = [line for line in result.stdout.splitlines() if line.startswith("fatal:")]
    assert len(failures) == 1, result.stdout
    message = result.stdout[result.stdout.index("fatal:"):]
    assert "freepbx source of %s (PBX host %s):" % (HOST, PBX) in message
    assert "refused the log-in" in message and "as user 'freepbxuser'" in message
    for value in ("Wrong-Pass-123", mariadb["password"]):
        assert value not in result.stdout + result.stderr
    assert snapshot(state / HOST) == before


def test_plain_asterisk_collects_every_artifact_and_a_second_run_changes_nothing(collect_run, vault_file, tmp_path, plain_asterisk_tree):
    state = tmp_path / "state"
    inventory = partner_inventory(tmp_path / "inventory", asterisk_source(plain_asterisk_tree), state)
    first = collect_run(inventory)
    assert first.returncode == 0, first.stdout + first.stderr
    host_dir = state / HOST
    before = snapshot(host_dir)
    for name in ARTIFACTS:
        assert name in before, name

    saved = json.loads((host_dir / "inventory.json").read_text())
    assert saved["source"]["platform"] == "asterisk" and saved["source"]["instance"] == "pbx.riverside.example"
    assert counts(saved, ASTERISK_COUNTS) == ASTERISK_COUNTS
    dids = dict((d["source_id"], d["destination"]) for d in saved["dids"])
    assert dids["did-16105550143"] == {"type": "queue", "id": "q-500"}     # from the inbound context the source names
    assert_audio_fetched(host_dir, saved)
    secrets = vault_view(host_dir / "secrets.vault.yml", vault_file)["ucaas_secrets"]
    assert secrets["sip_password/301"] == "Plain-sip-301-secret;x" and secrets["vm_pin/390"] == "3900"
    secret_values = list(secrets.values()) + [ASTERISK_TRUNK_PASSWORD]
    assert_no_clear_secret(secret_values, readable_texts(before))
    assert_no_clear_secret(secret_values, {"stdout": first.stdout, "stderr": first.stderr})

    second = collect_run(inventory)
    assert second.returncode == 0, second.stdout + second.stderr
    assert recap(second.stdout)["changed"] == 0, second.stdout
    assert snapshot(host_dir) == before
