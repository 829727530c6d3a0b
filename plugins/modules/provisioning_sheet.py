#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: provisioning_sheet
short_description: Write the provisioning sheet of a migration's phones (CSV, XLSX, HTML)
version_added: 0.1.0
description:
  - Offline. Writes C(provisioning_sheet.csv), C(provisioning_sheet.xlsx) and C(provisioning_sheet.html) into O(dest), one row
    per phone with its MAC, model, the extension of each line, the provisioning server, how the phone reaches it (redirect
    method), whether someone must be onsite or the network changed, and its status.
  - The status of a phone to provision is V(provisioned) when M(ucaas.migration.ns_phone) created, updated or found it as
    planned (O(phone_results)), else the item's outcome with the platform's message; unsupported, unknown, excluded and
    blocked phones carry their reason. The workbook has a sheet of the phones not provisioned (for the partner) and of the
    settings the platform does not carry.
  - Files are written atomically and only when their content changes; the same input gives the same bytes.
author:
  - ucaas.migration contributors (@ucaas-migration)
attributes:
  check_mode:
    support: full
    description: Nothing is written; RV(files) says which files would change.
  diff_mode:
    support: none
    description: The sheet includes a binary workbook; RV(files) says what changed.
requirements:
  - openpyxl
options:
  dest:
    description: The host's state directory.
    type: path
    required: true
  entries:
    description: The C(entries) of M(ucaas.migration.phone_provisioning_plan).
    type: list
    elements: dict
    required: true
  phone_results:
    description: The C(results) of the M(ucaas.migration.ns_phone) run that provisioned the phones (empty before it ran).
    type: list
    elements: dict
    default: []
  title:
    description: Title of the HTML page and the workbook; defaults to C(Provisioning sheet - <customer>).
    type: str
  customer:
    description: The customer's name, for the default title.
    type: str
  domain:
    description: The target domain, shown on the HTML page.
    type: str
  collected_at:
    description: When the inventory was collected (C(source.collected_at)); the workbook's dates, so they stay the same on re-runs.
    type: str
"""

EXAMPLES = r"""
- name: Write the provisioning sheet
  ucaas.migration.provisioning_sheet:
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
    entries: "{{ phone_plan.entries }}"
    phone_results: "{{ phones_applied.results | default([]) }}"
    customer: Acme Dental Group
    domain: "{{ phone_plan.domain }}"
"""

RETURN = r"""
files:
  description: The three files, with whether each changed (in check mode, would change).
  returned: always
  type: list
  elements: dict
  sample: [{"file": "provisioning_sheet.csv", "path": "/srv/ucaas/acme/provisioning_sheet.csv", "changed": false}]
rows:
  description: The sheet's rows (column name to value), sorted by MAC.
  returned: always
  type: list
  elements: dict
statuses:
  description: Phones per status on the sheet.
  returned: always
  type: dict
  sample: {"provisioned": 40, "unsupported": 2, "unknown model": 1}
"""

import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactError, ArtifactSet
from ansible_collections.ucaas.migration.plugins.module_utils.reports import export
from ansible_collections.ucaas.migration.plugins.module_utils.reports.provisioning import CSV_NAME, HTML_NAME, XLSX_NAME, render_sheet


def main():
    module = AnsibleModule(
        argument_spec=dict(
            dest=dict(type="path", required=True),
            entries=dict(type="list", elements="dict", required=True),
            phone_results=dict(type="list", elements="dict", default=[]),
            title=dict(type="str"),
            customer=dict(type="str"),
            domain=dict(type="str"),
            collected_at=dict(type="str"),
        ),
        supports_check_mode=True,
    )
    if not export.HAS_OPENPYXL:
        module.fail_json(msg=missing_required_lib("openpyxl"), exception="".join(traceback.format_exception_only(
            type(export.OPENPYXL_IMPORT_ERROR), export.OPENPYXL_IMPORT_ERROR)))
    params = module.params
    for index, entry in enumerate(params["entries"]):
        if not entry.get("source_id") or not entry.get("status"):
            module.fail_json(msg="entries[%d]: source_id and status are required (use phone_provisioning_plan's entries)" % index)
    customer = params["customer"]
    title = params["title"] or ("Provisioning sheet - %s" % customer if customer else "Provisioning sheet")
    files, rows = render_sheet(params["entries"], params["phone_results"], title=title, domain=params["domain"],
                               collected_at=params["collected_at"])
    artifacts = ArtifactSet(params["dest"])
    for name in (CSV_NAME, XLSX_NAME, HTML_NAME):
        artifacts.add(name, files[name], binary=name == XLSX_NAME)
    try:
        written = artifacts.commit(check_mode=module.check_mode)
    except ArtifactError as exc:
        module.fail_json(msg=str(exc))
    statuses = {}
    for row in rows:
        statuses[row["Status"]] = statuses.get(row["Status"], 0) + 1
    module.exit_json(changed=any(item["changed"] for item in written), files=written, rows=rows, statuses=statuses)


if __name__ == "__main__":
    main()
