#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: phone_provisioning_plan
short_description: Work out which phones to provision, with which lines, devices and per-MAC overrides
version_added: 0.1.0
description:
  - Offline. Combines the saved inventory, the plan of M(ucaas.migration.migration_plan) and the device mapping of
    M(ucaas.migration.device_catalog) into what the provision_phones phase writes, for one migration host.
  - Device names come from the plan (C(resources.devices) and C(mapping)), so the devices each phone's lines need are exactly the
    ones the recreate phase creates; running either phase first gives the same devices.
  - A phone is provisioned when the catalog supports it, its MAC is valid and unique in the inventory, every line has a planned
    device (lines 1 to 8) and no other domain holds its MAC. Every other phone gets an entry with its status and reason; bad
    phones never stop the others.
  - A MAC another domain holds (O(elsewhere), from M(ucaas.migration.ns_phone_owner)) is a blocking finding with a stable
    fingerprint. A decision recorded for it in O(resolutions) leaves the phone out of the run (status V(excluded)).
  - The source's phone settings the platform can express (line keys and BLF, time zone, language, DTMF mode) become the phone's
    per-MAC overrides for Yealink and Poly phones; the settings that cannot be carried are listed per phone.
author:
  - ucaas.migration contributors (@ucaas-migration)
attributes:
  check_mode:
    support: full
    description: The module only computes; it runs the same in check mode.
  diff_mode:
    support: none
    description: The module changes nothing.
options:
  inventory_path:
    description: The canonical inventory the collect phase saved (C(<state dir>/<host>/inventory.json)).
    type: path
    required: true
  plan_path:
    description: The plan of the recreate phase (C(<state dir>/<host>/plan.json)).
    type: path
    required: true
  mapped:
    description:
      - The registered result of M(ucaas.migration.device_catalog) for the inventory's devices (its C(devices) and C(problems)
        are used).
    type: dict
    required: true
  elsewhere:
    description: MACs other domains hold, as M(ucaas.migration.ns_phone_owner) returns them (its C(elsewhere)).
    type: dict
    default: {}
  resolutions:
    description: Decisions on blocking findings, finding fingerprint to C(decision), C(note) and C(by) (the inventory's C(ucaas_resolutions)).
    type: dict
    default: {}
  server:
    description: Registration core server (NDP server profile) every phone is provisioned with; the platform's default when omitted.
    type: str
  provisioning_url:
    description: The provisioning URL phones fetch their configuration from, shown on the sheet and in the special-access tasks.
    type: str
  carry_overrides:
    description: Turn the source's phone settings into per-MAC overrides. V(false) leaves the overrides out (nothing is listed as not carried).
    type: bool
    default: true
'''

EXAMPLES = r'''
- name: Work out the phones to provision
  ucaas.migration.phone_provisioning_plan:
    inventory_path: "{{ ucaas_state_dir }}/{{ inventory_hostname }}/inventory.json"
    plan_path: "{{ ucaas_state_dir }}/{{ inventory_hostname }}/plan.json"
    mapped: "{{ phone_map }}"
    elsewhere: "{{ phone_owners.elsewhere }}"
    resolutions: "{{ ucaas_resolutions | default({}) }}"
    provisioning_url: https://ndp.example.net/cfg/
  register: phone_plan
'''

RETURN = r'''
domain:
  description: The target domain of the plan.
  returned: always
  type: str
  sample: acme.12345.service
devices:
  description: The C(config) of M(ucaas.migration.ns_device) - the plan's device items of the lines of the phones to provision.
  returned: always
  type: list
  elements: dict
  sample: [{"user": "201", "device": "201", "line": 1, "mac": "805ec0a10201", "model": "Yealink T54W"}]
phones:
  description: The C(config) of M(ucaas.migration.ns_phone), sorted by MAC.
  returned: always
  type: list
  elements: dict
  sample: [{"mac": "805ec0a10201", "model": "Yealink T54W", "transport": "tls", "lines": ["201", "202b"], "notes": "dev-201 Phone 201"}]
entries:
  description:
    - One per hardware device of the inventory, sorted by source id, with C(status) (V(to_provision), V(unsupported),
      V(unknown), V(excluded), V(blocked)), C(reason), C(problems), C(lines) (C(line), C(extension), C(device)), the provisioning
      path (C(redirect), C(redirect_service), C(onsite), C(special_access), C(action)), C(overrides), C(carried) and C(not_carried).
  returned: always
  type: list
  elements: dict
problems:
  description: One per problem, with C(source_id), C(field) and C(message) (device_catalog's plus the lines without a planned device).
  returned: always
  type: list
  elements: dict
problem_lines:
  description: The RV(problems) as one line each, C(<source id> <field>) then the message.
  returned: always
  type: list
  elements: str
  sample: ["dev-ata-2 model: 'Acme X1' is not in the device catalog"]
findings:
  description: The findings of the run (C(mac_elsewhere), blocking), each with C(fingerprint) and C(resolution).
  returned: always
  type: list
  elements: dict
blocking:
  description:
    - The blocking findings without a recorded decision, each with C(fix) (one line saying how to resolve it); nothing may be
      written while there are any.
  returned: always
  type: list
  elements: dict
summary:
  description: Phones per status, and how many to provision need someone onsite or special access.
  returned: always
  type: dict
  sample: {"to_provision": 40, "unsupported": 2, "unknown": 1, "excluded": 1, "blocked": 0, "onsite": 2, "special_access": 0}
'''

import json

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucaas.migration.plugins.module_utils.devices.provisioning import ProvisioningInputError, plan_phones


def _read_json(module, path, name):
    try:
        with open(path, 'r') as handle:
            return json.load(handle)
    except (IOError, OSError) as exc:
        module.fail_json(msg='%s: cannot read %s: %s' % (name, path, exc))
    except ValueError as exc:
        module.fail_json(msg='%s: %s is not JSON: %s' % (name, path, exc))


def main():
    module = AnsibleModule(
        argument_spec=dict(
            inventory_path=dict(type='path', required=True),
            plan_path=dict(type='path', required=True),
            mapped=dict(type='dict', required=True),
            elsewhere=dict(type='dict', default={}),
            resolutions=dict(type='dict', default={}),
            server=dict(type='str'),
            provisioning_url=dict(type='str'),
            carry_overrides=dict(type='bool', default=True),
        ),
        supports_check_mode=True,
    )
    params = module.params
    inventory = _read_json(module, params['inventory_path'], 'inventory_path')
    plan = _read_json(module, params['plan_path'], 'plan_path')
    try:
        result = plan_phones(inventory, plan, params['mapped'], elsewhere=params['elsewhere'], resolutions=params['resolutions'],
                             server=params['server'], provisioning_url=params['provisioning_url'], carry_overrides=params['carry_overrides'])
    except ProvisioningInputError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(changed=False, **result)


if __name__ == '__main__':
    main()
