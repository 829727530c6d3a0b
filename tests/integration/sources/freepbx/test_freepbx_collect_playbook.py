# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ucaas.migration.freepbx_collect run by ansible-playbook (local connection) against the MariaDB fixture."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.validate import validate_inventory

REPO = Path(__file__).resolve().parents[4]
PLAYBOOK = """
- hosts: pbx
  gather_facts: false
  tasks:
    - name: Collect
      ucaas.migration.freepbx_collect: "{{ collect_args }}"
      register: collected
    - name: Save the result for the test
      ansible.builtin.copy:
        content: "{{ collected | to_json }}"
        dest: "{{ result_file }}"
        mode: "0600"
      delegate_to: localhost
"""


def _run(tmp_path, args):
    (tmp_path / "play.yml").write_text(PLAYBOOK)
    (tmp_path / "hosts.yml").write_text(yaml.safe_dump({"all": {"hosts": {"pbx": {
        "ansible_connection": "local", "ansible_python_interpreter": sys.executable}}}}))
    extra = dict(collect_args=args, result_file=str(tmp_path / "result.json"))
    (tmp_path / "extra.json").write_text(json.dumps(extra))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(REPO / ".collections"), ANSIBLE_NOCOLOR="1", ANSIBLE_STDOUT_CALLBACK="default",
               ANSIBLE_LOCAL_TEMP=str(tmp_path / "tmp"), ANSIBLE_HOME=str(tmp_path / "home"))
    proc = subprocess.run([str(Path(sys.executable).with_name("ansible-playbook")), "-i", str(tmp_path / "hosts.yml"),
                           str(tmp_path / "play.yml"), "-e", "@" + str(tmp_path / "extra.json"), "-v"],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    return proc


def test_playbook_collects_and_keeps_secrets_apart(tmp_path, freepbx_options):
    args = freepbx_options()
    proc = _run(tmp_path, args)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads((tmp_path / "result.json").read_text())
    assert result["changed"] is False and result["mode"] == "freepbx"
    checked = validate_inventory(result["inventory"], default_region="US", secrets=result["secrets"])
    assert checked.ok, "\n".join(checked.lines)
    assert len(result["inventory"]["users"]) == 27
    # The -v output shows the whole result: secrets appear only inside its "secrets" mapping.
    inventory_text = json.dumps(result["inventory"]) + json.dumps(result["audio_files"])
    for value in result["secrets"].values():
        assert value not in inventory_text
    assert proc.stdout.count("Hv-sip-201-Qx7102") <= 1


def test_playbook_wrong_password_fails_with_one_clear_message(tmp_path, freepbx_options):
    proc = _run(tmp_path, freepbx_options(db_password="Wrong-Pass-123"))
    assert proc.returncode != 0
    assert "refused the log-in" in proc.stdout and "as user 'freepbxuser'" in proc.stdout
    assert "Wrong-Pass-123" not in proc.stdout + proc.stderr
