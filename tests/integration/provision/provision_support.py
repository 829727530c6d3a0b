# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A one-host partner inventory whose source and target are the same lab, plus the partner's sheet of three more phones."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import requests
import yaml

REPO = Path(__file__).resolve().parents[3]
ACME_SEED = REPO / "lab" / "seeds" / "acme-dental-group.json"
EXAMPLE_HOST = REPO / "inventories" / "example" / "host_vars" / "northwind-dental"
PARTNER_FILES = REPO / "extensions" / "molecule" / "provision_phones" / "partner-files"
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
        self.vault_password.write_text("provision-test-only\n")
        (self.inventory / "group_vars" / "all").mkdir(parents=True)
        (self.inventory / "host_vars" / HOST).mkdir(parents=True)
        (self.inventory / "hosts.yml").write_text(yaml.safe_dump({"all": {"children": {"migrations": {"hosts": {HOST: None}}}}}))
        (self.inventory / "group_vars" / "all" / "main.yml").write_text(yaml.safe_dump(
            {"ansible_connection": "local", "ucaas_state_dir": str(self.state)}))
        for name in ("schedule.yml", "contacts.yml"):
            shutil.copy(EXAMPLE_HOST / name, self.inventory / "host_vars" / HOST / name)
        connection = {"api_key": lab.admin_api_key}
        self.write_vars("source", {"ucaas_source": dict(connection, platform="netsapiens", url=lab.url, domain=SOURCE_DOMAIN,
                                                        customer="Acme Dental Group", default_region="US", time_zone="America/New_York"),
                                   "ucaas_partner_files": [{"path": "extra-phones.csv", "kind": "devices"}],
                                   "ucaas_partner_files_dir": str(PARTNER_FILES)})
        self.write_vars("target", {"ucaas_target": dict(connection, api_url=lab.url, reseller="lab-reseller", domain=TARGET_DOMAIN,
                                                        description="Acme Dental Group"),
                                   "ucaas_provisioning": {"url": "https://ndp.lab-reseller.example/cfg/"}})

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

    def phones(self, domain):
        return dict((phone["device-provisioning-mac-address"], phone) for phone in self.api("GET", "/domains/%s/phones?limit=1000" % domain))

    def release_old_phones(self):
        """What the partner does before the new domain takes the phones: remove them from the old domain."""
        for mac in sorted(self.phones(SOURCE_DOMAIN)):
            self.api("DELETE", "/domains/%s/phones" % SOURCE_DOMAIN, {"device-provisioning-mac-address": mac})

    def journal(self):
        path = self.host_dir / "journal.jsonl"
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []

    def artifacts(self):
        return dict((path.name, path.read_bytes()) for path in self.host_dir.iterdir() if path.is_file())


def recap(output):
    match = re.search(r"%s\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)" % HOST, output)
    assert match, output
    return dict(zip(("ok", "changed", "unreachable", "failed"), map(int, match.groups())))
