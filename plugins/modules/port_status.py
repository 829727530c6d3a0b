#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: port_status
short_description: Decide the next finalize_port writes from the port orders, the plan and the target
version_added: 1.0.0
description:
  - Reads which numbers have ported from a port status provider (the port orders kept in the inventory), the host's
    C(inventory.json) and C(plan.json), and the target objects a run gathered, and returns per ported number where it stands
    and the writes still needed, in the order they must be made.
  - "The steps: RV(steps.originals) (the original DID routed like its temporary DID, for M(ucaas.migration.ns_phonenumber)),
    RV(steps.emergency) (domains, sites, users and devices whose emergency caller ID is the temporary DID), RV(steps.temporaries)
    (temporary DIDs to delete or to return as C(available-number)) and RV(steps.smsnumbers) (for M(ucaas.migration.ns_smsnumber))."
  - Each step is computed as if the steps before it had been written, so the result is a full preview. A temporary DID is only
    removed once its original routes calls and nothing uses it as emergency caller ID; write one step, gather the target again
    and call this module again before the next step, so every step rests on a confirmed read.
  - SMS numbers are only created for numbers that have ported, are routed on the target and have a 10DLC campaign reference;
    every other SMS number is reported in RV(sms) with the reason it is refused.
  - Writes nothing to the platform. With O(record=true) it writes C(<dest>/port_state.json), atomically and only when its content
    changes.
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: With O(record=true), reports whether C(port_state.json) would change and writes nothing.
  diff_mode:
    support: none
  platform:
    platforms: posix
requirements:
  - phonenumbers
options:
  dest:
    description: The host's state directory, holding C(inventory.json) and C(plan.json) of the earlier phases.
    type: path
    required: true
  port:
    description:
      - The port schedule, C(ucaas_schedule.port) (C(numbers), C(temporary) C([{number, for}])), as recreate planned it.
    type: dict
    default: {}
  provider:
    description:
      - Where the port status comes from. V(inventory) reads O(orders).
    type: str
    choices: [inventory]
    default: inventory
  orders:
    description:
      - The port orders (C(ucaas_port_orders)) for O(provider=inventory)
        C([{id, carrier, account, status, foc_date, completed_at, note, numbers}]).
      - C(status) is one of V(draft), V(submitted), V(foc), V(completed), V(rejected), V(cancelled); only V(completed) counts as
        ported. C(numbers) are E.164 numbers, or C({number, status, foc_date, completed_at}) when one number's status differs
        from its order's (a partial port).
    type: list
    elements: dict
    default: []
  sms:
    description:
      - The SMS settings, C(ucaas_sms) C({carrier, numbers}); C(numbers) are C({number, campaign, user | queue, carrier}).
      - Ported numbers of the inventory's C(sms_numbers) are considered too; settings win field by field.
    type: dict
    default: {}
  after_port:
    description: What happens to a temporary DID once its original routes calls. V(delete) removes it, V(available) keeps it in
      the domain as C(available-number).
    type: str
    choices: [delete, available]
    default: delete
  target:
    description:
      - The target's current objects, as the resource modules return them with O(ucaas.migration.ns_phonenumber#module:state=gathered)
        C({phonenumbers, smsnumbers, domains, sites, users, devices}); a kind left out counts as empty.
    type: dict
    default: {}
  default_region:
    description: Region of numbers written without a country code.
    type: str
    default: US
  record:
    description: Write C(<dest>/port_state.json) with where each number stands on O(target).
    type: bool
    default: false
  run_id:
    description: The run's id, kept in C(port_state.json) for the numbers this run finalized.
    type: str
    default: ""
"""

EXAMPLES = r"""
- name: Decide the next writes
  ucaas.migration.port_status:
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
    port: "{{ ucaas_schedule.port }}"
    orders: "{{ ucaas_port_orders | default([]) }}"
    sms: "{{ ucaas_sms | default({}) }}"
    target:
      phonenumbers: "{{ gathered_numbers.gathered }}"
      users: "{{ gathered_users.gathered }}"
  register: port

- name: Create the originals of the numbers that ported
  ucaas.migration.ns_phonenumber:
    domain: "{{ port.domain }}"
    config: "{{ port.steps.originals }}"
  when: port.steps.originals | length > 0
"""

RETURN = r"""
domain:
  description: The target domain (from C(plan.json)).
  returned: always
  type: str
  sample: acme.lab-reseller.service
numbers:
  description:
    - One entry per ported DID of the inventory, sorted by number.
    - C(stage) where it stands on O(target) (V(finalized), V(in_progress), V(waiting) for the carrier, V(not_ported) when its order
      was rejected or cancelled, V(not_ordered) when no order lists it); C(stage_after) where it stands once RV(steps) are written.
  returned: always
  type: list
  elements: dict
  sample:
    - number: "+12155550110"
      temporary: "+14125550181"
      label: Direct Maria Alvarez
      order: PO-1
      carrier: Old Telco
      port_status: completed
      foc_date: "2026-12-10"
      completed_at: "2026-12-10T15:04:00Z"
      stage: in_progress
      stage_after: finalized
      original_on_target: false
      temporary_on_target: routed
steps:
  description: The writes still needed, each as the resource module's C(config).
  returned: always
  type: dict
  contains:
    originals:
      description: Phone numbers to create or re-route (M(ucaas.migration.ns_phonenumber), O(ucaas.migration.ns_phonenumber#module:state=merged)).
      type: list
      elements: dict
    emergency:
      description: Per kind (C(domains), C(sites), C(users), C(devices)), items setting C(caller_id_number_emergency) to the original.
      type: dict
    temporaries:
      description: C(delete) (items for O(ucaas.migration.ns_phonenumber#module:state=deleted)) and C(available) (items to merge).
      type: dict
    smsnumbers:
      description: SMS numbers to create or update (M(ucaas.migration.ns_smsnumber)).
      type: list
      elements: dict
sms:
  description: Every SMS number considered, with C(state) V(active), V(to_create), V(to_update) or V(refused) and the C(reason).
  returned: always
  type: list
  elements: dict
  sample:
    - number: "+12155550100"
      state: refused
      reason: "+12155550100 has not ported yet (order PO-1 at foc, FOC 2026-12-10); its SMS number is created after the port"
summary:
  description: Numbers per stage, C(writes) (how many items RV(steps) hold) and SMS numbers per state.
  returned: always
  type: dict
  sample: {stages: {finalized: 2, in_progress: 0, waiting: 3, not_ported: 0, not_ordered: 0}, writes: 0, sms: {active: 1, refused: 2}}
path:
  description: The port state file.
  returned: always
  type: str
port_state:
  description: The document written (or, in check mode, that would be written) to C(port_state.json).
  returned: when O(record=true)
  type: dict
"""

import datetime
import json
import os

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactError, read_bytes
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import MissingLibraryError
from ansible_collections.ucaas.migration.plugins.module_utils.porting.finalize import Finalize, FinalizeError, ported_numbers
from ansible_collections.ucaas.migration.plugins.module_utils.porting.orders import PortOrderError, port_status_provider
from ansible_collections.ucaas.migration.plugins.module_utils.porting.sms import SmsSettingsError, sms_entries
from ansible_collections.ucaas.migration.plugins.module_utils.porting.state import PORT_STATE_NAME, record_port_state


def _load(dest, name, phase):
    path = os.path.join(dest, name)
    content = read_bytes(path)
    if content is None:
        raise FinalizeError("%s: missing; run %s first" % (path, phase))
    try:
        return json.loads(content.decode("utf-8"))
    except ValueError as exc:
        raise FinalizeError("%s: not JSON (%s)" % (path, exc))


def main():
    module = AnsibleModule(
        argument_spec=dict(
            dest=dict(type="path", required=True),
            port=dict(type="dict", default={}),
            provider=dict(type="str", choices=["inventory"], default="inventory"),
            orders=dict(type="list", elements="dict", default=[]),
            sms=dict(type="dict", default={}),
            after_port=dict(type="str", choices=["delete", "available"], default="delete"),
            target=dict(type="dict", default={}),
            default_region=dict(type="str", default="US"),
            record=dict(type="bool", default=False),
            run_id=dict(type="str", default=""),
        ),
        supports_check_mode=True,
    )
    params = module.params
    path = os.path.join(params["dest"], PORT_STATE_NAME)
    try:
        inventory = _load(params["dest"], "inventory.json", "collect")
        plan = _load(params["dest"], "plan.json", "recreate")
        provider = port_status_provider(params["provider"], orders=params["orders"], default_region=params["default_region"])
        numbers = ported_numbers(inventory, params["port"], provider.statuses(), params["default_region"])
        sms = sms_entries(inventory, plan.get("mapping"), params["sms"], set(entry.original for entry in numbers), params["default_region"])
        result = Finalize(numbers, plan, after_port=params["after_port"], sms=sms).run(params["target"])
        changed = False
        if params["record"]:
            at = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            changed, result["port_state"] = record_port_state(path, result, params["after_port"], at, params["run_id"] or None,
                                                              check_mode=module.check_mode)
    except (FinalizeError, PortOrderError, SmsSettingsError, ArtifactError) as exc:
        module.fail_json(msg=str(exc), path=path)
    except MissingLibraryError as exc:
        module.fail_json(msg="cannot check phone numbers: %s" % exc, path=path)
    module.exit_json(changed=changed, path=path, **result)


if __name__ == "__main__":
    main()
