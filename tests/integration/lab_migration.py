# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared by the phase playbook tests: a one-host partner inventory whose source and target are the same lab.

The host ``acme-dental-group`` migrates the lab's ``acmedental.lab`` (seeded with Acme Dental Group)
to ``acme.lab-reseller.service``; its state goes to ``<folder>/state``. A suite that needs more
(partner files, a port, SMS) extends :class:`Migration` and adds its variables files.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import requests
import yaml

REPO = Path(__file__).resolve().parents[2]
ACME_SEED = REPO / "lab" / "seeds" / "acme-dental-group.json"
EXAMPLE_HOST = REPO / "inventories" / "example" / "host_vars" / "northwind-dental"
HOST = "acme-dental-group"
SOURCE_DOMAIN = "acmedental.lab"
TARGET_DOMAIN = "acme.lab-reseller.service"
ENV = {"ANSIBLE_STDOUT_CALLBACK": "default", "ANSIBLE_FORCE_COLOR": "0", "ANSIBLE_RETRY_FILES_ENABLED": "0"}


class Migration:
    """The partner inventory in ``folder``: host ``acme-dental-group``, state in ``folder/state``."""

    def __init__(self, folder, lab, run_playbook):
        self.folder = Path(folder)
        self.lab = lab
        self._run = run_playbook
        self.state = self.folder / "state"
        self.host_dir = self.state / HOST
        self.inventory = self.folder / "inventory"
        self.vault_password = self.folder / "test.vault-password"
        self.vault_password.parent.mkdir(parents=True, exist_ok=True)
        self.vault_password.write_text("lab-test-only\n")
        (self.inventory / "group_vars" / "all").mkdir(parents=True)
        (self.inventory / "host_vars" / HOST).mkdir(parents=True)
        (self.inventory / "hosts.yml").write_text(yaml.safe_dump({"all": {"children": {"migrations": {"hosts": {HOST: None}}}}}))
        (self.inventory / "group_vars" / "all" / "main.yml").write_text(yaml.safe_dump(
            {"ansible_connection": "local", "ucaas_state_dir": str(self.state)}))
        self.write_vars("contacts", yaml.safe_load((EXAMPLE_HOST / "contacts.yml").read_text()))
        self.write_vars("schedule", self.schedule(yaml.safe_load((EXAMPLE_HOST / "schedule.yml").read_text())))
        connection = {"api_key": lab.admin_api_key}
        self.write_vars("source", self.source_vars({"ucaas_source": dict(
            connection, platform="netsapiens", url=lab.url, domain=SOURCE_DOMAIN, customer="Acme Dental Group", default_region="US",
            time_zone="America/New_York")}))
        self.write_vars("target", self.target_vars({"ucaas_target": dict(
            connection, api_url=lab.url, reseller="lab-reseller", domain=TARGET_DOMAIN, description="Acme Dental Group")}))

    # -- what a suite may change -----------------------------------------------------------------
    def schedule(self, data):
        """The host's ``schedule.yml`` content (the example partner's dates)."""
        return data

    def source_vars(self, data):
        return data

    def target_vars(self, data):
        return data

    # -- running and reading ---------------------------------------------------------------------
    def write_vars(self, name, data):
        (self.inventory / "host_vars" / HOST / ("%s.yml" % name)).write_text(yaml.safe_dump(data, sort_keys=True))

    def run(self, playbook, *extra):
        return self._run(REPO / "playbooks" / playbook, "-i", str(self.inventory), "--vault-password-file", str(self.vault_password),
                         *extra, env=ENV)

    def api(self, method, path, body=None):
        response = requests.request(method, self.lab.api_url + path, json=body, timeout=30,
                                    headers={"Authorization": "Bearer %s" % self.lab.admin_api_key})
        response.raise_for_status()
        return response.json() if response.content else None

    def journal(self):
        path = self.host_dir / "journal.jsonl"
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []

    def artifacts(self):
        return dict((path.name, path.read_bytes()) for path in self.host_dir.iterdir() if path.is_file())


def recap(output):
    match = re.search(r"%s\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)" % HOST, output)
    assert match, output
    return dict(zip(("ok", "changed", "unreachable", "failed"), map(int, match.groups())))
