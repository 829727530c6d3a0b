# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A one-host partner inventory (source and target on the same lab) whose port brings five numbers, each with a temporary DID."""
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
HOST = "acme-dental-group"
TARGET_DOMAIN = "acme.lab-reseller.service"
SOURCE_DOMAIN = "acmedental.lab"
ENV = {"ANSIBLE_STDOUT_CALLBACK": "default", "ANSIBLE_FORCE_COLOR": "0", "ANSIBLE_RETRY_FILES_ENABLED": "0"}
# original -> temporary DID: the main number (auto attendant 700), the appointments queue 600 and three direct lines
PORTED = {"+12155550100": "+14125550180", "+12155550103": "+14125550181", "+12155550110": "+14125550182",
          "+12155550111": "+14125550183", "+12155550115": "+14125550184"}
FAX_FINDING = "de5f2353bed0361479caf8b2395f8eacbb524ba10fc4493cb73933f0cbfaf0ed"
SMS = {"carrier": "Keystone Messaging",
       "numbers": [{"number": "+12155550100", "campaign": "CKV10DL", "user": "101"},
                   {"number": "+12155550103", "campaign": "CKV10DL", "queue": "600"},
                   {"number": "+12155550115", "campaign": "CKV10DL", "user": "106"}]}


def digits(number):
    return number.lstrip("+")


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
        self.vault_password.write_text("finalize-test-only\n")
        (self.inventory / "group_vars" / "all").mkdir(parents=True)
        (self.inventory / "host_vars" / HOST).mkdir(parents=True)
        (self.inventory / "hosts.yml").write_text(yaml.safe_dump({"all": {"children": {"migrations": {"hosts": {HOST: None}}}}}))
        (self.inventory / "group_vars" / "all" / "main.yml").write_text(yaml.safe_dump(
            {"ansible_connection": "local", "ucaas_state_dir": str(self.state)}))
        shutil.copy(EXAMPLE_HOST / "contacts.yml", self.inventory / "host_vars" / HOST / "contacts.yml")
        schedule = yaml.safe_load((EXAMPLE_HOST / "schedule.yml").read_text())
        schedule["ucaas_schedule"]["port"] = {"requested_foc": "2026-12-10", "numbers": sorted(PORTED),
                                              "temporary": [{"number": temp, "for": original} for original, temp in sorted(PORTED.items())]}
        self.write_vars("schedule", schedule)
        connection = {"api_key": lab.admin_api_key}
        self.write_vars("source", {"ucaas_source": dict(connection, platform="netsapiens", url=lab.url, domain=SOURCE_DOMAIN,
                                                        customer="Acme Dental Group", default_region="US", time_zone="America/New_York")})
        self.write_vars("target", {"ucaas_target": dict(connection, api_url=lab.url, reseller="lab-reseller", domain=TARGET_DOMAIN,
                                                        description="Acme Dental Group")})
        self.write_vars("sms", {"ucaas_sms": SMS})
        # the fax DID (to a SIP trunk the canonical model cannot express) is not ported, so recreate plans it: left unrouted
        self.write_vars("resolutions", {"ucaas_resolutions": {FAX_FINDING: {"decision": "accept", "note": "fax line later", "by": "test"}}})

    def write_vars(self, name, data):
        (self.inventory / "host_vars" / HOST / ("%s.yml" % name)).write_text(yaml.safe_dump(data, sort_keys=True))

    def port_orders(self, completed):
        """The port-orders file: one order at FOC, the ``completed`` numbers of it ported."""
        numbers = [{"number": number, "status": "completed", "completed_at": "2026-12-10T15:04:00Z"} if number in completed else number
                   for number in sorted(PORTED)]
        self.write_vars("port_orders", {"ucaas_port_orders": [
            {"id": "KV-PORT-1182", "carrier": "Old Telco", "account": "88120-4", "status": "foc", "foc_date": "2026-12-10",
             "numbers": numbers}]})

    def run(self, playbook, *extra):
        return self._run(REPO / "playbooks" / playbook, "-i", str(self.inventory), "--vault-password-file", str(self.vault_password),
                         *extra, env=ENV)

    def api(self, method, path, body=None):
        response = requests.request(method, self.lab.api_url + path, json=body, timeout=30,
                                    headers={"Authorization": "Bearer %s" % self.lab.admin_api_key})
        response.raise_for_status()
        return response.json() if response.content else None

    def release(self, numbers):
        """The old platform lets ``numbers`` go (the lab is both platforms and holds a number in one domain at a time)."""
        sms = set(item["number"] for item in self.api("GET", "/domains/%s/smsnumbers?limit=1000" % SOURCE_DOMAIN))
        for number in numbers:
            self.api("DELETE", "/domains/%s/phonenumbers/%s" % (SOURCE_DOMAIN, digits(number)))
            if digits(number) in sms:
                self.api("DELETE", "/domains/%s/smsnumbers/%s" % (SOURCE_DOMAIN, digits(number)))

    def source_numbers(self):
        return sorted("+" + item["phonenumber"] for item in self.api("GET", "/domains/%s/phonenumbers?limit=1000" % SOURCE_DOMAIN))

    def numbers(self):
        return dict((item["phonenumber"], item) for item in self.api("GET", "/domains/%s/phonenumbers?limit=1000" % TARGET_DOMAIN))

    def sms_numbers(self):
        return dict((item["number"], item) for item in self.api("GET", "/domains/%s/smsnumbers?limit=1000" % TARGET_DOMAIN))

    def journal(self):
        path = self.host_dir / "journal.jsonl"
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []

    def artifacts(self):
        return dict((path.name, path.read_bytes()) for path in self.host_dir.iterdir() if path.is_file())

    def port_state(self):
        return json.loads((self.host_dir / "port_state.json").read_text())


def recap(output):
    match = re.search(r"%s\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)" % HOST, output)
    assert match, output
    return dict(zip(("ok", "changed", "unreachable", "failed"), map(int, match.groups())))
