#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: inventory_validate
short_description: Validate and normalize a canonical migration inventory
version_added: 0.1.0
description:
  - Checks a canonical migration inventory (schema C(inventory/v1)) before any phase writes anything.
  - >-
    Three passes, all reported at once. B(Schema) - required fields, types, enumerations, unknown fields.
    B(Normalization) - phone numbers to E.164, MAC addresses to 12 lower-case hex digits, extensions, time zones, dates.
    B(Integrity) - every reference resolves; no duplicate source id, extension, MAC address or number; rules the schema
    cannot express (one default auto attendant menu, time ranges that end after they start, ...).
  - Secret fields (voicemail PINs, SIP passwords, port PINs) must be references into the vaulted C(ucaas_secrets)
    mapping; a clear-text value is a problem and is never echoed.
  - >-
    Each problem is one line naming the JSON path, the source id of the object and what is wrong, for example
    "$.devices[3].mac (source id 'dev-17'): '00:11:22:33:44' is not a MAC address (12 hex digits)".
  - The module fails when there is any problem, listing every one. It never writes anything.
  - See C(docs/inventory.md) in the collection for the inventory format.
author:
  - ucaas.migration contributors (@ucaas-migration)
requirements:
  - jsonschema
  - phonenumbers
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: The module only reads; check mode behaves exactly like a normal run.
  diff_mode:
    support: none
  platform:
    platforms: posix
options:
  inventory:
    description:
      - The inventory as data.
      - Exactly one of O(inventory) and O(path) is required.
    type: dict
  path:
    description:
      - Path of a JSON file holding the inventory, on the host the module runs on
        (migration hosts run on the controller with a local connection).
      - Exactly one of O(inventory) and O(path) is required.
    type: path
  default_region:
    description:
      - Region (ISO 3166-1 alpha-2) for phone numbers written without a country code.
      - The inventory's own C(source.default_region) takes precedence.
    type: str
    default: US
  secrets:
    description:
      - The C(ucaas_secrets) mapping of the host (from its vault file).
      - When given, every secret reference marked C(is_set) must resolve in it.
      - Values are never returned or logged.
    type: dict
"""

EXAMPLES = r"""
- name: Validate the inventory collected for this migration
  ucaas.migration.inventory_validate:
    path: "{{ ucaas_state_dir }}/{{ inventory_hostname }}/inventory.json"
    default_region: US
    secrets: "{{ ucaas_secrets | default(omit) }}"
  register: validated

- name: Use the normalized inventory
  ansible.builtin.debug:
    msg: "{{ validated.counts.users }} users, {{ validated.counts.dids }} numbers"

- name: Validate data built in the play, without failing the play
  ucaas.migration.inventory_validate:
    inventory: "{{ candidate_inventory }}"
  register: candidate
  failed_when: false

- name: Show what is wrong
  ansible.builtin.debug:
    var: candidate.problems
"""

RETURN = r"""
inventory:
  description:
    - The normalized inventory in canonical order (collections sorted by source id).
    - Holds secret references only, never secret values.
  returned: success
  type: dict
  sample:
    schema_version: inventory/v1
    source:
      platform: freepbx
      collected_at: "2026-11-20T15:04:05Z"
    users:
      - source_id: u-201
        extension: "201"
        first_name: Alice
        last_name: Moreno
counts:
  description: Number of objects per collection.
  returned: success
  type: dict
  sample:
    users: 12
    dids: 7
schema_version:
  description: Schema version the inventory was validated against.
  returned: always
  type: str
  sample: inventory/v1
problems:
  description: One line per problem; empty when the inventory is valid.
  returned: always
  type: list
  elements: str
  sample:
    - "$.devices[3].mac (source id 'dev-17'): '00:11:22:33:44' is not a MAC address (12 hex digits)"
problem_details:
  description: The problems as data.
  returned: always
  type: list
  elements: dict
  contains:
    path:
      description: JSON path of the offending value.
      type: str
      sample: "$.devices[3].mac"
    source_id:
      description: Source id of the object the value belongs to, if known.
      type: str
      sample: dev-17
    code:
      description: Kind of problem, for programs (for example C(normalize.mac), C(reference.dangling), C(duplicate.extension)).
      type: str
      sample: normalize.mac
    message:
      description: What is wrong.
      type: str
      sample: "'00:11:22:33:44' is not a MAC address (12 hex digits)"
    line:
      description: The whole problem line.
      type: str
"""

import json
import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import SCHEMA_VERSION
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.model import Inventory
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import (
    HAS_PHONENUMBERS,
    PHONENUMBERS_IMPORT_ERROR,
)
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.validate import (
    HAS_JSONSCHEMA,
    JSONSCHEMA_IMPORT_ERROR,
    validate_inventory,
)


def _load(path):
    """Read the inventory file; returns (data, error line)."""
    try:
        with open(path, "rb") as handle:
            return json.loads(handle.read().decode("utf-8")), None
    except (IOError, OSError) as exc:
        return None, "%s: cannot read the inventory: %s" % (path, exc.strerror or exc)
    except UnicodeDecodeError as exc:
        return None, "%s: not UTF-8 text: %s" % (path, exc)
    except ValueError as exc:
        return None, "%s: not valid JSON: %s" % (path, exc)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            inventory=dict(type="dict"),
            path=dict(type="path"),
            default_region=dict(type="str", default="US"),
            secrets=dict(type="dict", no_log=True),
        ),
        mutually_exclusive=[("inventory", "path")],
        required_one_of=[("inventory", "path")],
        supports_check_mode=True,
    )
    if not HAS_JSONSCHEMA:
        module.fail_json(msg=missing_required_lib("jsonschema"), exception="".join(traceback.format_exception_only(
            type(JSONSCHEMA_IMPORT_ERROR), JSONSCHEMA_IMPORT_ERROR)))
    if not HAS_PHONENUMBERS:
        module.fail_json(msg=missing_required_lib("phonenumbers"), exception="".join(traceback.format_exception_only(
            type(PHONENUMBERS_IMPORT_ERROR), PHONENUMBERS_IMPORT_ERROR)))

    data = module.params["inventory"]
    if module.params["path"] is not None:
        data, error = _load(module.params["path"])
        if error:
            module.fail_json(msg=error, problems=[error], problem_details=[], schema_version=SCHEMA_VERSION)

    result = validate_inventory(data, default_region=module.params["default_region"], secrets=module.params["secrets"])
    details = [problem.to_dict() for problem in result.problems]
    if not result.ok:
        count = len(result.problems)
        module.fail_json(
            msg="The inventory has %d problem%s; nothing was written:\n%s" % (count, "" if count == 1 else "s", "\n".join(result.lines)),
            problems=result.lines,
            problem_details=details,
            schema_version=SCHEMA_VERSION,
        )
    module.exit_json(
        changed=False,
        inventory=result.inventory,
        counts=Inventory.from_dict(result.inventory).counts(),
        problems=[],
        problem_details=[],
        schema_version=SCHEMA_VERSION,
    )


if __name__ == "__main__":
    main()
