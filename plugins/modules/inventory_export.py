#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: inventory_export
short_description: Write the inventory export the partner receives (XLSX, CSV, HTML) and the list of requests
version_added: 1.0.0
description:
  - Renders a canonical migration inventory for the partner, showing what was collected and what was not.
  - C(inventory_export.xlsx) holds a Summary sheet, one sheet per kind of object that has objects and a C(Not collected) sheet.
  - C(inventory_export_csv/<kind>.csv) holds the same tables as CSV files, one per kind.
  - C(inventory_export.html) is one self-contained page (inline CSS, no external assets) with the counts, every kind as a table
    and what was not collected with the reason and what to provide.
  - C(partner_requests.md) lists everything the migration still misses, as a checklist for the partner.
  - No secret value is written anywhere; secret columns say C(set) or C(not set).
  - Files are written atomically and only when their content changes; the same inventory always gives the same bytes.
author:
  - ucaas.migration contributors (@ucaas-migration)
requirements:
  - openpyxl
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Reports which files would change and writes nothing.
  diff_mode:
    support: full
    details: Shows the text artifacts before and after; the workbook is shown by size only.
  platform:
    platforms: posix
options:
  inventory:
    description:
      - The canonical inventory (as saved by M(ucaas.migration.inventory_save)).
    type: dict
    required: true
  dest:
    description:
      - Directory the files are written into (the host's state directory); created when missing.
    type: path
    required: true
  title:
    description:
      - Title of the workbook, the page and the request list.
      - Defaults to C(Inventory export - <customer>).
    type: str
  formats:
    description:
      - Which artifacts to write.
    type: list
    elements: str
    choices: [xlsx, csv, html, requests]
    default: [xlsx, csv, html, requests]
"""

EXAMPLES = r"""
- name: Write the inventory export next to the inventory
  ucaas.migration.inventory_export:
    inventory: "{{ saved.inventory }}"
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"

- name: Only the HTML page
  ucaas.migration.inventory_export:
    inventory: "{{ saved.inventory }}"
    dest: /tmp/preview
    formats: [html]
"""

RETURN = r"""
files:
  description: Every artifact, in the order written, with whether it changed.
  returned: always
  type: list
  elements: dict
  contains:
    file:
      description: Path relative to O(dest).
      type: str
      sample: inventory_export.xlsx
    path:
      description: Absolute path.
      type: str
    changed:
      description: Whether the file was (or would be) written.
      type: bool
    removed:
      description: Present and true for a CSV file of a kind the inventory no longer has, which was removed.
      type: bool
  sample:
    - file: inventory_export.xlsx
      path: /srv/ucaas/northwind-dental/inventory_export.xlsx
      changed: false
counts:
  description: Number of objects per kind.
  returned: always
  type: dict
  sample:
    users: 12
    not_collected: 4
requests:
  description: Number of open requests to the partner (lines of C(partner_requests.md)).
  returned: always
  type: int
  sample: 10
"""

import os
import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactError, ArtifactSet
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.model import Inventory, InventoryModelError
from ansible_collections.ucaas.migration.plugins.module_utils.reports import export, partner_requests

REQUESTS_NAME = "partner_requests.md"


def _remove_stale_csv(dest, current, check_mode):
    """CSV files of kinds the inventory no longer has are removed, so the folder matches the workbook."""
    folder = os.path.join(dest, export.CSV_DIR)
    if not os.path.isdir(folder):
        return []
    removed = []
    for name in sorted(os.listdir(folder)):
        relative = "%s/%s" % (export.CSV_DIR, name)
        if name.endswith(".csv") and relative not in current:
            if not check_mode:
                os.unlink(os.path.join(folder, name))
            removed.append(dict(file=relative, path=os.path.join(folder, name), changed=True, removed=True))
    return removed


def main():
    module = AnsibleModule(
        argument_spec=dict(
            inventory=dict(type="dict", required=True),
            dest=dict(type="path", required=True),
            title=dict(type="str"),
            formats=dict(type="list", elements="str", choices=["xlsx", "csv", "html", "requests"], default=["xlsx", "csv", "html", "requests"]),
        ),
        supports_check_mode=True,
    )
    formats = module.params["formats"]
    if "xlsx" in formats and not export.HAS_OPENPYXL:
        module.fail_json(msg=missing_required_lib("openpyxl"), exception="".join(traceback.format_exception_only(
            type(export.OPENPYXL_IMPORT_ERROR), export.OPENPYXL_IMPORT_ERROR)))
    try:
        inventory = Inventory.from_dict(module.params["inventory"])
    except (InventoryModelError, TypeError, ValueError) as exc:
        module.fail_json(msg="inventory: not a canonical inventory: %s" % exc)
    data = inventory.to_dict()
    customer = (data.get("source") or {}).get("customer")
    title = module.params["title"] or ("Inventory export - %s" % customer if customer else "Inventory export")

    artifacts = ArtifactSet(module.params["dest"])
    if "xlsx" in formats:
        artifacts.add(export.XLSX_NAME, export.render_xlsx(data, title=title), binary=True)
    if "csv" in formats:
        for name, text in sorted(export.render_csv_files(data).items()):
            artifacts.add(name, text)
    if "html" in formats:
        artifacts.add(export.HTML_NAME, export.render_html(data, title=title))
    if "requests" in formats:
        artifacts.add(REQUESTS_NAME, partner_requests.render_markdown(data))
    diff = artifacts.diff() if module._diff else None
    try:
        files = artifacts.commit(check_mode=module.check_mode)
        if "csv" in formats:
            files += _remove_stale_csv(module.params["dest"], set(item["file"] for item in files), module.check_mode)
    except (ArtifactError, OSError) as exc:
        module.fail_json(msg=str(exc))
    result = dict(changed=any(item["changed"] for item in files), files=files, counts=inventory.counts(),
                  requests=len(partner_requests.requests(data)))
    if diff:
        result["diff"] = diff
    module.exit_json(**result)


if __name__ == "__main__":
    main()
