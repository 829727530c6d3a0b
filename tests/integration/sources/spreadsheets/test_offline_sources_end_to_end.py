# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Two fictional customers collected end to end through the modules.

Copperline Studios (partner spreadsheets: users.xlsx, dids.xlsx, devices.csv, greetings.csv) and
Harbor Point Logistics (FreePBX Bulk Handler extensions.csv / dids.csv with upper-case headers,
extra module columns and trailing blank rows, plus a partner devices sheet merged on top).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path
from unittest.mock import patch

import pytest

from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.validate import validate_inventory
from ansible_collections.ucaas.migration.plugins.modules import inventory_merge, spreadsheet_collect

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPO = Path(__file__).resolve().parents[4]
COLLECTIONS = REPO / ".collections"
COPPERLINE = [{"path": "users.xlsx", "kind": "users"}, {"path": "dids.xlsx", "kind": "dids"},
              {"path": "devices.csv", "kind": "devices"}, {"path": "greetings.csv", "kind": "greetings"}]
HARBOR = [{"path": "extensions.csv", "kind": "freepbx_extensions"}, {"path": "dids.csv", "kind": "freepbx_dids"}]


class Done(Exception):
    pass


def _exit(self, **kwargs):
    kwargs.setdefault("changed", False)
    raise Done(kwargs)


def _fail(self, **kwargs):
    kwargs["failed"] = True
    raise Done(kwargs)


def run(module, args):
    with patch.multiple(basic.AnsibleModule, exit_json=_exit, fail_json=_fail):
        with patch_module_args(args):
            with pytest.raises(Done) as done:
                module.main()
    return done.value.args[0]


def test_copperline_partner_spreadsheets(tmp_path):
    args = {"files": COPPERLINE, "base_dir": str(FIXTURES / "copperline"), "dest": str(tmp_path), "customer": "Copperline Studios",
            "time_zone": "America/Chicago"}
    result = run(spreadsheet_collect, args)
    assert not result.get("failed"), result
    assert result["problems"] == [] and result["changed"] is True
    inventory = result["inventory"]
    assert len(inventory["users"]) >= 25 and len(inventory["dids"]) >= 30
    models = Counter((device["brand"], device["model"]) for device in inventory["devices"] if device["type"] == "desk_phone")
    assert sum(models.values()) >= 20 and len(models) == 3
    gaps = dict((entry["source_id"], entry) for entry in inventory["not_collected"])
    assert gaps["partner_templates:queues"]["reason"] == (
        "The partner spreadsheet templates hold DIDs, devices, users and greetings, not call queues and their agents.")
    assert "partner_templates:auto_attendants" in gaps and "destination:auto_attendant:700" in gaps
    assert validate_inventory(inventory, secrets=result["secrets"]).lines == []
    assert sorted(os.listdir(tmp_path / "audio")) == [name.split("/")[1] for name in result["audio_files"]]
    for secret in result["secrets"].values():
        assert '"%s"' % secret not in json.dumps(inventory)

    again = run(spreadsheet_collect, args)
    assert again["changed"] is False
    for data in (result, again):
        data["inventory"]["source"].pop("collected_at")
    assert json.dumps(again["inventory"]) == json.dumps(result["inventory"])


def test_harbor_point_bulk_handler_exports(tmp_path):
    result = run(spreadsheet_collect, {"files": HARBOR, "base_dir": str(FIXTURES / "harbor-point"), "platform": "freepbx",
                                       "customer": "Harbor Point Logistics", "time_zone": "America/New_York"})
    assert not result.get("failed"), result
    assert result["problems"] == [] and result["changed"] is False
    inventory = result["inventory"]
    assert len(inventory["users"]) >= 25 and len(inventory["dids"]) >= 30
    assert validate_inventory(inventory, secrets=result["secrets"]).lines == []
    assert "Sx00023757qz" not in json.dumps(inventory) and result["secrets"]["sip_password/1001"] == "Sx00023757qz"


def test_unreadable_file_fails_naming_it(tmp_path):
    (tmp_path / "users.xlsx").write_bytes(b"this is no workbook")
    result = run(spreadsheet_collect, {"files": [{"path": "users.xlsx", "kind": "users"}], "base_dir": str(tmp_path)})
    assert result["failed"] and result["msg"] == "users.xlsx: cannot read the workbook: File is not a zip file"


def test_merge_module_reports_conflicts():
    base = {"schema_version": "inventory/v1", "source": {"platform": "freepbx", "collected_at": "2026-11-25T18:00:00Z"},
            "users": [{"source_id": "u-201", "extension": "201", "first_name": "Alice", "last_name": "Moreno"}]}
    overlay = {"schema_version": "inventory/v1", "source": {"platform": "spreadsheet", "collected_at": "2026-11-25T18:00:00Z"},
               "users": [{"source_id": "u-201", "extension": "201", "first_name": "Alicia", "last_name": "Moreno"}]}
    result = run(inventory_merge, {"base": base, "overlays": [{"name": "sheet", "inventory": overlay}]})
    assert result["changed"] is False and result["inventory"]["users"][0]["first_name"] == "Alice"
    assert [(f["field"], f["base_value"], f["overlay_value"]) for f in result["findings"]] == [("first_name", "Alice", "Alicia")]


def test_collect_and_merge_through_ansible_playbook(tmp_path):
    assert (COLLECTIONS / "ansible_collections" / "ucaas" / "migration").exists()
    out_file = tmp_path / "merged.json"
    playbook = tmp_path / "collect.yml"
    playbook.write_text(textwrap.dedent("""\
        - name: Collect Harbor Point from Bulk Handler exports and the partner's devices sheet
          hosts: localhost
          gather_facts: false
          tasks:
            - name: Read the Bulk Handler exports
              ucaas.migration.spreadsheet_collect:
                files:
                  - {{path: extensions.csv, kind: freepbx_extensions}}
                  - {{path: dids.csv, kind: freepbx_dids}}
                base_dir: "{fixtures}"
                platform: freepbx
                customer: Harbor Point Logistics
              register: exports
              no_log: true

            - name: Read the partner's devices sheet
              ucaas.migration.spreadsheet_collect:
                files:
                  - {{path: devices.csv, kind: devices}}
                base_dir: "{fixtures}"
              register: partner
              no_log: true

            - name: Merge the partner files on top
              ucaas.migration.inventory_merge:
                base: "{{{{ exports.inventory }}}}"
                base_secrets: "{{{{ exports.secrets }}}}"
                overlays:
                  - name: partner-devices
                    inventory: "{{{{ partner.inventory }}}}"
                    secrets: "{{{{ partner.secrets }}}}"
              register: merged
              no_log: true

            - name: Validate the merged inventory
              ucaas.migration.inventory_validate:
                inventory: "{{{{ merged.inventory }}}}"
                secrets: "{{{{ merged.secrets }}}}"
              no_log: true

            - name: Save what the test checks (no secrets)
              ansible.builtin.copy:
                content: "{{{{ {{'inventory': merged.inventory, 'findings': merged.findings, 'resolved': merged.resolved}} | to_json }}}}"
                dest: "{out}"
                mode: "0600"
        """).format(fixtures=FIXTURES / "harbor-point", out=out_file))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(COLLECTIONS), ANSIBLE_NOCOLOR="1", ANSIBLE_LOCALHOST_WARNING="0",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="0")
    command = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", "localhost,", "-c", "local",
               "-e", "ansible_python_interpreter=%s" % sys.executable, str(playbook)]
    completed = subprocess.run(command, env=env, cwd=str(tmp_path), capture_output=True, text=True, timeout=300, check=False)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert "Sx00023757qz" not in output
    saved = json.loads(out_file.read_text())
    devices = dict((device["source_id"], device) for device in saved["inventory"]["devices"])
    assert devices["dev-1001"]["mac"] == "805ec0d41001" and devices["dev-1001"]["model"] == "T54W"
    gap = [entry for entry in saved["inventory"]["not_collected"] if entry["source_id"] == "bulk_handler:device_mac"][0]
    assert len(gap["related"]) == 20
    assert saved["findings"] == []
