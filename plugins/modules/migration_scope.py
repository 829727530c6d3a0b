#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: migration_scope
short_description: Classify every inventory item for the SOW and write the SOW inputs
version_added: 1.0.0
description:
  - Classifies every object of a canonical migration inventory, and every C(not_collected) entry, as C(migrate),
    C(not_migrate) (with the reason) or C(needs_partner_input).
  - >-
    The process's fixed not-migrated categories (call recordings, call history and CDRs, stored voicemail messages, fax history,
    SMS history, settings made locally on devices, portal-only contacts, wallpapers and device assets) are always listed; a category
    migrates only when the partner supplies the files (O(partner_exports)).
  - Per-partner exclusions (O(exclusions)) take an object out of scope with a reason.
  - >-
    Writes C(scope.json) (every item and its classification), C(sow_inputs.json) and C(sow_inputs.md) (counts of what migrates,
    what does not and why, what needs partner input, and the partner-responsibilities checklist with each item's status derived
    from the inventory and the schedule).
  - Files are written atomically and only when their content changes.
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Reports which files would change and writes nothing.
  diff_mode:
    support: full
  platform:
    platforms: posix
options:
  inventory:
    description: The canonical inventory.
    type: dict
    required: true
  dest:
    description: Directory the files are written into (the host's state directory); created when missing.
    type: path
    required: true
  exclusions:
    description:
      - Per-partner exclusions (C(ucaas_scope_exclusions)); the first matching exclusion wins.
      - Each has C(kind) (an inventory collection such as C(devices)), C(reason), and either C(source_id) or C(pattern)
        (shell-style, matched against the source id, extension, number, name and MAC); neither means every object of that kind.
    type: list
    elements: dict
    default: []
  partner_exports:
    description:
      - Not-migrated categories the partner supplies files for (C(ucaas_partner_exports)).
      - Each has C(category) (call_recordings, call_history, voicemail_messages, fax_history, sms_history, device_local_settings,
        portal_contacts, device_assets), optionally C(location) and C(note).
    type: list
    elements: dict
    default: []
  source_platform:
    description:
      - The collect source (C(ucaas_source.platform)); C(spreadsheet) and C(freepbx_csv) mark the credentials item not applicable.
      - Defaults to the inventory's C(source.platform).
    type: str
  schedule:
    description:
      - The host's C(ucaas_schedule); C(partner_review_by), C(partner_approved_on) and C(port.numbers) feed the checklist.
    type: dict
    default: {}
  partner:
    description: Name of the white-label partner, for the SOW heading.
    type: str
"""

EXAMPLES = r"""
- name: Classify the inventory and write the SOW inputs
  ucaas.migration.migration_scope:
    inventory: "{{ saved.inventory }}"
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
    exclusions:
      - kind: devices
        pattern: dev-ata-*
        reason: The fax ATA is replaced by fax-to-email.
    partner_exports:
      - category: call_recordings
        location: sftp://partner.example/northwind/recordings/
    source_platform: "{{ ucaas_source.platform }}"
    schedule: "{{ ucaas_schedule | default({}) }}"
    partner: "{{ ucaas_partner.name }}"
"""

RETURN = r"""
counts:
  description: Per kind, how many items migrate, do not, or need partner input; C(total) over all kinds.
  returned: success
  type: dict
  sample:
    users:
      migrate: 11
      not_migrate: 0
      needs_partner_input: 1
    total:
      migrate: 64
      not_migrate: 2
      needs_partner_input: 6
partner_responsibilities:
  description: The checklist, one item per partner responsibility of the process.
  returned: success
  type: list
  elements: dict
  contains:
    key:
      description: C(credentials), C(did_list), C(device_inventory), C(greeting_exports), C(porting_information) or C(approval).
      type: str
    title:
      description: What the partner is responsible for.
      type: str
    status:
      description: C(done), C(open) or C(not_applicable).
      type: str
    detail:
      description: Why the item has its status.
      type: str
scope_warnings:
  description: Exclusions that matched nothing; each is also emitted as an Ansible warning.
  returned: success
  type: list
  elements: str
files:
  description: The artifacts with whether each changed.
  returned: success
  type: list
  elements: dict
  sample:
    - file: scope.json
      path: /srv/ucaas/northwind-dental/scope.json
      changed: false
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactError, ArtifactSet, json_bytes
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.model import InventoryModelError
from ansible_collections.ucaas.migration.plugins.module_utils.reports import scope as scope_rules
from ansible_collections.ucaas.migration.plugins.module_utils.reports import sow
from ansible_collections.ucaas.migration.plugins.module_utils.reports.tables import canonical

SCOPE_NAME = "scope.json"
SOW_JSON_NAME = "sow_inputs.json"
SOW_MARKDOWN_NAME = "sow_inputs.md"


def main():
    module = AnsibleModule(
        argument_spec=dict(
            inventory=dict(type="dict", required=True),
            dest=dict(type="path", required=True),
            exclusions=dict(type="list", elements="dict", default=[]),
            partner_exports=dict(type="list", elements="dict", default=[]),
            source_platform=dict(type="str"),
            schedule=dict(type="dict", default={}),
            partner=dict(type="str"),
        ),
        supports_check_mode=True,
    )
    params = module.params
    try:
        data = canonical(params["inventory"])
        scope = scope_rules.classify(data, exclusions=params["exclusions"], partner_exports=params["partner_exports"])
        inputs = sow.sow_inputs(data, scope, source_platform=params["source_platform"], schedule=params["schedule"],
                                partner=params["partner"])
    except scope_rules.ScopeError as exc:
        module.fail_json(msg=str(exc))
    except (InventoryModelError, TypeError, ValueError) as exc:
        module.fail_json(msg="inventory: not a canonical inventory: %s" % exc)

    artifacts = ArtifactSet(params["dest"])
    artifacts.add(SCOPE_NAME, json_bytes(dict(schema="scope/v1", customer=inputs["customer"], counts=inputs["counts"], **scope)))
    artifacts.add(SOW_JSON_NAME, json_bytes(inputs))
    artifacts.add(SOW_MARKDOWN_NAME, sow.render_markdown(inputs))
    diff = artifacts.diff() if module._diff else None
    try:
        files = artifacts.commit(check_mode=module.check_mode)
    except ArtifactError as exc:
        module.fail_json(msg=str(exc))
    result = dict(changed=any(item["changed"] for item in files), files=files, counts=inputs["counts"],
                  partner_responsibilities=inputs["partner_responsibilities"], scope_warnings=inputs["warnings"])
    if diff:
        result["diff"] = diff
    for warning in inputs["warnings"]:
        module.warn(warning)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
