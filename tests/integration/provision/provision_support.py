# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared lab partner inventory plus the partner's sheet of three more phones and a provisioning server."""
from __future__ import annotations

from lab_migration import REPO, SOURCE_DOMAIN
from lab_migration import Migration as LabMigration

PARTNER_FILES = REPO / "extensions" / "molecule" / "provision_phones" / "partner-files"


class Migration(LabMigration):
    """The partner inventory in ``folder`` with the partner's extra phones (``extra-phones.csv``)."""

    def source_vars(self, data):
        return dict(data, ucaas_partner_files=[{"path": "extra-phones.csv", "kind": "devices"}], ucaas_partner_files_dir=str(PARTNER_FILES))

    def target_vars(self, data):
        return dict(data, ucaas_provisioning={"url": "https://ndp.lab-reseller.example/cfg/"})

    def phones(self, domain):
        return dict((phone["device-provisioning-mac-address"], phone) for phone in self.api("GET", "/domains/%s/phones?limit=1000" % domain))

    def release_old_phones(self):
        """What the partner does before the new domain takes the phones: remove them from the old domain."""
        for mac in sorted(self.phones(SOURCE_DOMAIN)):
            self.api("DELETE", "/domains/%s/phones" % SOURCE_DOMAIN, {"device-provisioning-mac-address": mac})
