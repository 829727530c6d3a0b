# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/collect.yml end to end on a spreadsheet source, run with ansible-playbook."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[3]
SCENARIO = REPO / "extensions" / "molecule" / "collect"
VAULT_PASSWORD = REPO / "inventories" / "example" / "lab-only.vault-password"
ANSIBLE_PLAYBOOK = Path(sys.executable).with_name("ansible-playbook")
HOST = "harbor-optics"
SECRET_VALUES = ("7391", "5820", "9047", "6612")


@pytest.fixture(name="inventory")
def inventory_fixture(tmp_path):
    """A copy of the scenario's inventory with the example partner's group_vars."""
    folder = tmp_path / "inventory"
    shutil.copytree(SCENARIO / "inventory", folder)
    shutil.copytree(REPO / "inventories" / "example" / "group_vars", folder / "group_vars")
    return folder


def run_playbook(inventory, state, *extra, vault=True, check=False):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(REPO / ".collections"), ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
               ANSIBLE_STDOUT_CALLBACK="default", ANSIBLE_RETRY_FILES_ENABLED="0")
    command = [str(ANSIBLE_PLAYBOOK), "-i", str(inventory / "hosts.yml"), str(REPO / "playbooks" / "collect.yml"),
               "-e", "ucaas_state_dir=%s" % state, "-e", "collect_fixture_dir=%s" % (SCENARIO / "partner-files"),
               "-e", "ansible_python_interpreter=%s" % sys.executable]
    if vault:
        command += ["--vault-password-file", str(VAULT_PASSWORD)]
    if check:
        command += ["--check", "--diff"]
    command += list(extra)
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=600)


def recap(output):
    match = re.search(r"%s\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)" % HOST, output)
    assert match, output
    return dict(zip(("ok", "changed", "unreachable", "failed"), map(int, match.groups())))


def snapshot(folder):
    return dict((str(path.relative_to(folder)), (path.read_bytes(), path.stat().st_mtime_ns))
                for path in sorted(folder.rglob("*")) if path.is_file())


def test_collect_twice_second_run_changes_nothing(inventory, tmp_path):
    state = tmp_path / "state"
    first = run_playbook(inventory, state)
    assert first.returncode == 0, first.stdout + first.stderr
    assert recap(first.stdout)["changed"] > 0
    host_dir = state / HOST
    before = snapshot(host_dir)
    for name in ("inventory.json", "secrets.vault.yml", "problems.json", "findings.json", "scope.json", "sow_inputs.json",
                 "sow_inputs.md", "inventory_export.xlsx", "inventory_export.html", "partner_requests.md", "timeline.md",
                 "timeline.html", "cutover.ics", "inventory_export_csv/users.csv", "audio/audio-maya-unavailable.wav"):
        assert name in before, name

    second = run_playbook(inventory, state)
    assert second.returncode == 0, second.stdout + second.stderr
    assert recap(second.stdout)["changed"] == 0, second.stdout
    assert snapshot(host_dir) == before

    for name, (content, dummy) in before.items():
        if name.endswith((".xlsx", ".wav", "secrets.vault.yml")):
            continue
        text = content.decode("utf-8")
        for value in SECRET_VALUES:
            assert not re.search(r"\b%s\b" % value, text), "%s holds a secret value" % name
    assert before["secrets.vault.yml"][0].startswith(b"$ANSIBLE_VAULT;1.1;AES256")
    for value in SECRET_VALUES:
        assert value.encode() not in second.stdout.encode()


def test_check_mode_on_a_fresh_state_writes_nothing_and_diffs_no_secret(inventory, tmp_path):
    state = tmp_path / "state"
    result = run_playbook(inventory, state, check=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert recap(result.stdout)["changed"] > 0
    written = [p for p in (state / HOST).rglob("*") if p.is_file() and p.parent.name != "audio"] if state.exists() else []
    assert written == []
    for value in SECRET_VALUES:
        assert not re.search(r"\b%s\b" % value, result.stdout)


def test_missing_source_file_is_a_clear_error_and_earlier_artifacts_stay(inventory, tmp_path):
    state = tmp_path / "state"
    assert run_playbook(inventory, state).returncode == 0
    before = snapshot(state / HOST)
    source = inventory / "host_vars" / HOST / "source.yml"
    data = yaml.safe_load(source.read_text())
    data["ucaas_source"]["files"][0]["path"] = "users-2027.csv"
    source.write_text(yaml.safe_dump(data))
    result = run_playbook(inventory, state)
    assert result.returncode != 0
    assert "spreadsheet source of harbor-optics: file not found:" in result.stdout
    assert "users-2027.csv" in result.stdout
    assert snapshot(state / HOST) == before


def test_invalid_row_data_fails_validation_before_anything_is_written(inventory, tmp_path):
    state = tmp_path / "state"
    source = inventory / "host_vars" / HOST / "source.yml"
    data = yaml.safe_load(source.read_text())
    data["ucaas_scope_exclusions"] = [{"kind": "dids", "pattern": "+1*"}]
    source.write_text(yaml.safe_dump(data))
    result = run_playbook(inventory, state)
    assert result.returncode != 0
    assert "ucaas_scope_exclusions[0].reason: required" in result.stdout
    assert not (state / HOST / "scope.json").exists()


def test_no_vault_secret_loaded_is_a_clear_error(inventory, tmp_path):
    state = tmp_path / "state"
    result = run_playbook(inventory, state, vault=False)
    assert result.returncode != 0
    assert "6 secrets to save in" in result.stdout and "no vault secret is loaded" in result.stdout
    written = sorted(p.name for p in (state / HOST).iterdir() if p.is_file()) if (state / HOST).exists() else []
    assert written == []


def test_window_outside_the_rules_names_the_field(inventory, tmp_path):
    state = tmp_path / "state"
    schedule = inventory / "host_vars" / HOST / "schedule.yml"
    data = yaml.safe_load(schedule.read_text())
    data["ucaas_schedule"]["cutover"].update(date="2027-03-20", window_start="18:00", window_end="20:00", time_zone="America/New_York")
    schedule.write_text(yaml.safe_dump(data))
    result = run_playbook(inventory, state)
    assert result.returncode != 0
    assert "ucaas_schedule.cutover.date: 2027-03-20 is a Saturday" in result.stdout
    assert not (state / HOST / "cutover.ics").exists()
    data["ucaas_schedule"]["window_override_reason"] = "Practice closed on Saturdays; agreed by Maya Castillo"
    schedule.write_text(yaml.safe_dump(data))
    result = run_playbook(inventory, state)
    assert result.returncode == 0, result.stdout
    assert "overridden: Practice closed on Saturdays" in (state / HOST / "timeline.md").read_text()
