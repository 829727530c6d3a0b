#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: spreadsheet_collect
short_description: Collect an inventory from FreePBX Bulk Handler exports and partner spreadsheets
version_added: 1.0.0
description:
  - Reads offline files into a canonical migration inventory (schema C(inventory/v1)) - FreePBX Bulk Handler CSV exports
    (extensions, DIDs) and the partner templates shipped in the collection (users, DIDs, devices, greetings manifest),
    as CSV or XLSX.
  - Columns are found by header name (any case, spacing or order); blank rows are skipped.
  - A bad row (bad MAC address, bad number, missing extension, a key already on an earlier row) is reported in
    RV(problems) with its file, row (header = row 1) and column, and skipped; the rest is collected.
    A file that cannot be read fails the task naming the file, before anything is written.
  - SIP passwords, voicemail PINs and port PINs are returned in RV(secrets), never in the inventory; register the result
    with C(no_log) and save the secrets to the vault.
  - Audio files of the greetings manifest are copied into C(<dest>/audio/) atomically, only when the copy differs (sha256),
    and registered as audio assets.
  - See C(docs/sources/spreadsheets.md) in the collection for the templates and the mapping.
author:
  - ucaas.migration contributors (@ucaas-migration)
requirements:
  - phonenumbers
  - openpyxl (for XLSX files)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: In check mode no audio file is copied; C(changed) tells whether one would be.
  diff_mode:
    support: none
  platform:
    platforms: posix
options:
  files:
    description: The files to read.
    type: list
    elements: dict
    required: true
    suboptions:
      path:
        description: Path of the file (C(.csv) or C(.xlsx)); relative paths are under O(base_dir).
        type: path
        required: true
      kind:
        description:
          - What the file holds. C(freepbx_extensions) and C(freepbx_dids) are Bulk Handler exports; the others are the
            partner templates.
        type: str
        required: true
        choices: [dids, devices, users, greetings, freepbx_extensions, freepbx_dids]
  base_dir:
    description:
      - The folder the partner files were delivered in; relative file paths and the audio paths of the greetings manifest
        are read under it, and problems name files relative to it.
      - Defaults to the current directory.
    type: path
  dest:
    description:
      - The host's state directory; provided audio is copied into C(<dest>/audio/).
      - Required when a greetings manifest is listed.
    type: path
  platform:
    description: The C(source.platform) of the inventory (C(freepbx) for Bulk Handler exports).
    type: str
    default: spreadsheet
    choices: [netsapiens, freepbx, asterisk, 3cx, ringcentral, broadworks, grandstream_ucm, yeastar, spreadsheet, other]
  customer:
    description: The customer (end company) name.
    type: str
  default_region:
    description: Region (ISO 3166-1 alpha-2) for numbers written without a country code.
    type: str
    default: US
  time_zone:
    description: The customer's IANA time zone.
    type: str
"""

EXAMPLES = r"""
- name: Collect a FreePBX customer from its Bulk Handler exports
  ucaas.migration.spreadsheet_collect:
    files:
      - {path: extensions.csv, kind: freepbx_extensions}
      - {path: dids.csv, kind: freepbx_dids}
    base_dir: "{{ ucaas_partner_files_dir }}"
    platform: freepbx
    customer: Harbor Point Logistics
  register: collected
  no_log: true

- name: Collect the partner's spreadsheets
  ucaas.migration.spreadsheet_collect:
    files:
      - {path: users.xlsx, kind: users}
      - {path: dids.xlsx, kind: dids}
      - {path: devices.csv, kind: devices}
      - {path: greetings.csv, kind: greetings}
    base_dir: "{{ ucaas_partner_files_dir }}"
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
    customer: Copperline Studios
    default_region: US
    time_zone: America/Chicago
  register: partner
  no_log: true
"""

RETURN = r"""
inventory:
  description: The inventory of what the files hold (secret fields are references into RV(secrets)).
  returned: success
  type: dict
  sample:
    schema_version: inventory/v1
    source: {platform: spreadsheet, collected_at: "2026-11-25T18:00:00Z"}
    users: [{source_id: u-201, extension: "201", first_name: Alice, last_name: Moreno}]
secrets:
  description: Secret values by reference (C(vm_pin/201), C(sip_password/201), C(port_pin/12155550100)); for the vault only.
  returned: success
  type: dict
problems:
  description: Rows (or columns) that were skipped or partly read.
  returned: success
  type: list
  elements: dict
  contains:
    file:
      description: The file, relative to O(base_dir) when inside it.
      type: str
    row:
      description: Row number as the sheet shows it (header = row 1).
      type: int
    column:
      description: The column (normalized header name).
      type: str
    message:
      description: What is wrong and what was done (row skipped, value ignored).
      type: str
problem_lines:
  description: The problems as one line each.
  returned: success
  type: list
  elements: str
  sample:
    - "devices.csv row 7, column mac: '80:5e:c0' is not a MAC address (12 hex digits); row skipped"
audio_files:
  description: Audio artifacts of the greetings manifest, relative to O(dest).
  returned: success
  type: list
  elements: str
  sample: [audio/greetings-201-unavailable.wav]
"""

import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import SOURCE_PLATFORMS
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import HAS_PHONENUMBERS, PHONENUMBERS_IMPORT_ERROR
from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import SourceError, format_row_problem
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.collect import KINDS, collect_files
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.tables import HAS_OPENPYXL, OPENPYXL_IMPORT_ERROR


def main():
    module = AnsibleModule(
        argument_spec=dict(
            files=dict(type="list", elements="dict", required=True, options=dict(
                path=dict(type="path", required=True),
                kind=dict(type="str", required=True, choices=list(KINDS)),
            )),
            base_dir=dict(type="path"),
            dest=dict(type="path"),
            platform=dict(type="str", default="spreadsheet", choices=list(SOURCE_PLATFORMS)),
            customer=dict(type="str"),
            default_region=dict(type="str", default="US"),
            time_zone=dict(type="str"),
        ),
        supports_check_mode=True,
    )
    if not HAS_PHONENUMBERS:
        module.fail_json(msg=missing_required_lib("phonenumbers"), exception="".join(traceback.format_exception_only(
            type(PHONENUMBERS_IMPORT_ERROR), PHONENUMBERS_IMPORT_ERROR)))
    if not HAS_OPENPYXL and any(item["path"].lower().endswith((".xlsx", ".xlsm")) for item in module.params["files"]):
        module.fail_json(msg=missing_required_lib("openpyxl"), exception="".join(traceback.format_exception_only(
            type(OPENPYXL_IMPORT_ERROR), OPENPYXL_IMPORT_ERROR)))
    params = module.params
    try:
        result = collect_files(params["files"], base_dir=params["base_dir"], dest=params["dest"], platform=params["platform"],
                               customer=params["customer"], default_region=params["default_region"].upper(),
                               time_zone=params["time_zone"], check_mode=module.check_mode)
    except SourceError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(changed=result["changed"], inventory=result["inventory"], secrets=result["secrets"],
                     problems=result["problems"], problem_lines=[format_row_problem(item) for item in result["problems"]],
                     audio_files=result["audio_files"])


if __name__ == "__main__":
    main()
