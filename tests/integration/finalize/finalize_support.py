# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared lab partner inventory whose port brings five numbers, each with a temporary DID, and SMS after the port."""
from __future__ import annotations

import json

from lab_migration import SOURCE_DOMAIN, TARGET_DOMAIN
from lab_migration import Migration as LabMigration

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


class Migration(LabMigration):
    """The partner inventory in ``folder`` with the port of :data:`PORTED`, SMS settings and the fax line's resolution."""

    def __init__(self, folder, lab, run_playbook):
        super().__init__(folder, lab, run_playbook)
        self.write_vars("sms", {"ucaas_sms": SMS})
        # the fax DID (to a SIP trunk the canonical model cannot express) is not ported, so recreate plans it: left unrouted
        self.write_vars("resolutions", {"ucaas_resolutions": {FAX_FINDING: {"decision": "accept", "note": "fax line later", "by": "test"}}})

    def schedule(self, data):
        data["ucaas_schedule"]["port"] = {"requested_foc": "2026-12-10", "numbers": sorted(PORTED),
                                          "temporary": [{"number": temp, "for": original} for original, temp in sorted(PORTED.items())]}
        return data

    def port_orders(self, completed):
        """The port-orders file: one order at FOC, the ``completed`` numbers of it ported."""
        numbers = [{"number": number, "status": "completed", "completed_at": "2026-12-10T15:04:00Z"} if number in completed else number
                   for number in sorted(PORTED)]
        self.write_vars("port_orders", {"ucaas_port_orders": [
            {"id": "KV-PORT-1182", "carrier": "Old Telco", "account": "88120-4", "status": "foc", "foc_date": "2026-12-10",
             "numbers": numbers}]})

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

    def port_state(self):
        return json.loads((self.host_dir / "port_state.json").read_text())
