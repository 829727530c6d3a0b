# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures that run playbooks/collect.yml on a one-host partner inventory built in a temporary folder."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[3]
EXAMPLE_HOST = REPO / "inventories" / "example" / "host_vars" / "northwind-dental"
COLLECT_PLAYBOOK = REPO / "playbooks" / "collect.yml"


class PartnerInventory:
    """A one-host partner inventory in ``folder`` with its state directory and vault password file."""

    def __init__(self, folder, host, host_vars):
        self.folder = Path(folder)
        self.host = host
        self.state = self.folder / "state"
        self.host_dir = self.state / host
        self.vault_password = self.folder / "test.vault-password"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.vault_password.write_text("collect-sources-test-only\n")
        inventory = self.folder / "inventory"
        (inventory / "group_vars" / "all").mkdir(parents=True)
        (inventory / "host_vars" / host).mkdir(parents=True)
        (inventory / "hosts.yml").write_text(yaml.safe_dump({"all": {"children": {"migrations": {"hosts": {host: None}}}}}))
        (inventory / "group_vars" / "all" / "main.yml").write_text(yaml.safe_dump(
            {"ansible_connection": "local", "ucaas_state_dir": str(self.state)}))
        for name in ("schedule.yml", "contacts.yml"):
            shutil.copy(EXAMPLE_HOST / name, inventory / "host_vars" / host / name)
        self.inventory = inventory
        self.write_vars(host_vars)

    def write_vars(self, host_vars):
        (self.inventory / "host_vars" / self.host / "source.yml").write_text(yaml.safe_dump(host_vars, sort_keys=True))


@pytest.fixture
def collect(run_playbook):
    """``collect(partner_inventory, *extra_args)``: run playbooks/collect.yml with the inventory's vault password file."""
    def run(partner, *extra):
        return run_playbook(COLLECT_PLAYBOOK, "-i", str(partner.inventory), "--vault-password-file", str(partner.vault_password),
                            *extra, env={"ANSIBLE_STDOUT_CALLBACK": "default", "ANSIBLE_FORCE_COLOR": "0",
                                         "ANSIBLE_RETRY_FILES_ENABLED": "0"})
    return run


@pytest.fixture
def partner_inventory(tmp_path):
    """``partner_inventory(host, host_vars, name="partner")``: a PartnerInventory in ``tmp_path/<name>``."""
    def make(host, host_vars, name="partner"):
        return PartnerInventory(tmp_path / name, host, host_vars)
    return make
