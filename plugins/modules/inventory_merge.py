#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: inventory_merge
short_description: Merge partner-provided inventories on top of a collected inventory
version_added: 1.0.0
description:
  - Merges overlays (typically the result of M(ucaas.migration.spreadsheet_collect) on the partner's files) in order on top
    of a base inventory, so partner files fill what the source platform did not expose.
  - An overlay object is the same as a base object with the same source id, else with the same natural key (extension for
    users, E.164 number for DIDs, MAC address for devices, ...). Unmatched overlay objects are added.
  - Overlay values fill fields the base lacks and answer base C(not_collected) entries (the entries they resolve are removed).
  - Where both hold a different value for a field, the base value is kept (O(prefer=overlay) flips that) and a conflict
    finding is returned; nothing is overwritten silently. Findings never show secret values.
  - Runs on the controller, never writes anything. Secrets are passed in and returned; run the task with C(no_log).
  - See C(docs/sources/spreadsheets.md) in the collection for the precedence rules.
author:
  - ucaas.migration contributors (@ucaas-migration)
requirements:
  - phonenumbers
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: The module only computes; check mode behaves exactly like a normal run.
  diff_mode:
    support: none
  platform:
    platforms: posix
options:
  base:
    description: The collected inventory.
    type: dict
    required: true
  base_secrets:
    description:
      - The secrets of the base inventory (reference -> value).
      - Returned merged in RV(secrets), so the option cannot be masked; protect the task with C(no_log).
    type: dict
    default: {}
  overlays:
    description: Inventories merged on top of O(base), in order.
    type: list
    elements: dict
    default: []
    suboptions:
      name:
        description: Name of the overlay, used in findings (for example the partner file set).
        type: str
        required: true
      inventory:
        description: The overlay inventory.
        type: dict
        required: true
      secrets:
        description: The overlay's secrets (reference -> value).
        type: dict
        default: {}
  prefer:
    description: Which value a conflict keeps; a finding is returned either way.
    type: str
    default: base
    choices: [base, overlay]
"""

EXAMPLES = r"""
- name: Fill the collected inventory from the partner's spreadsheets
  ucaas.migration.inventory_merge:
    base: "{{ collected.inventory }}"
    base_secrets: "{{ collected.secrets }}"
    overlays:
      - name: partner-files
        inventory: "{{ partner.inventory }}"
        secrets: "{{ partner.secrets }}"
  register: merged
  no_log: true

- name: Show the conflicts (they hold no secret values)
  ansible.builtin.debug:
    var: merged.findings
"""

RETURN = r"""
inventory:
  description: The merged inventory in canonical order.
  returned: success
  type: dict
secrets:
  description: The merged secrets (reference -> value); for the vault only.
  returned: success
  type: dict
findings:
  description: One conflict per object field where base and overlay differ.
  returned: success
  type: list
  elements: dict
  contains:
    kind:
      description: C(merge_conflict).
      type: str
    severity:
      description: C(warning).
      type: str
    object:
      description: The object, as C({type, id}) with its base source id.
      type: dict
    collection:
      description: The inventory collection of the object.
      type: str
    field:
      description: The field (dotted for nested fields, e.g. C(caller_id.number)).
      type: str
    base_value:
      description: The base value (a secret shows only its reference).
      type: raw
    overlay_value:
      description: The overlay value (a secret shows only its reference).
      type: raw
    overlay:
      description: The overlay name.
      type: str
    resolution:
      description: What was kept and how to change it.
      type: str
    fingerprint:
      description: sha256 of kind, object and field; stable across runs.
      type: str
  sample:
    - kind: merge_conflict
      severity: warning
      object: {type: user, id: u-201}
      collection: users
      field: email
      base_value: alice@example.com
      overlay_value: a.moreno@example.com
      overlay: partner-files
      resolution: Kept the collected value; correct the partner file, or re-run with prefer overlay.
      fingerprint: 5f0c...
resolved:
  description: Base C(not_collected) entries the overlays answered (removed, or narrowed to fewer related objects).
  returned: success
  type: list
  elements: dict
  sample:
    - {source_id: "devices:211", kind: device_mac, how: every related object now has it}
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.model import InventoryModelError
from ansible_collections.ucaas.migration.plugins.module_utils.sources.merge import PREFER_CHOICES, MergeError, merge_inventories


def main():
    module = AnsibleModule(
        argument_spec=dict(
            base=dict(type="dict", required=True),
            base_secrets=dict(type="dict", default={}, no_log=False),
            overlays=dict(type="list", elements="dict", default=[], options=dict(
                name=dict(type="str", required=True),
                inventory=dict(type="dict", required=True),
                secrets=dict(type="dict", default={}, no_log=False),
            )),
            prefer=dict(type="str", default="base", choices=list(PREFER_CHOICES)),
        ),
        supports_check_mode=True,
    )
    try:
        result = merge_inventories(module.params["base"], module.params["base_secrets"], module.params["overlays"],
                                   prefer=module.params["prefer"])
    except (MergeError, InventoryModelError) as exc:
        module.fail_json(msg="cannot merge: %s" % exc)
    module.exit_json(changed=False, **result)


if __name__ == "__main__":
    main()
