#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: device_catalog
short_description: Map the inventory's devices onto the supported-device catalog
version_added: 0.1.0
description:
  - Offline. For each device of a canonical inventory (O(devices)), finds its model in the supported-device catalog and says
    what it becomes on the target platform - the brand-and-model name to provision, how many SIP accounts (lines) it has, the
    transport, and how the phone reaches the new provisioning server (vendor redirect service, DHCP option, manual entry or an
    onsite factory reset) - or why it is not supported.
  - The catalog ships with the collection. A provider changes it with O(catalog_files) and O(catalog) (same format, merged over
    the shipped catalog by model C(id), brands by name); see the collection's docs/devices.md.
  - Brand and model texts are matched with case and punctuation ignored (C(Yealink SIP-T54W), C(yealink t54w) and C(T54W) with
    brand C(Yealink) are the same phone). A text that is no catalog spelling is reported with close catalog names as hints,
    never guessed.
  - Bad MACs, unknown models, lines beyond the model's accounts and lines pointing at users missing from O(users) become
    RV(problems) naming the device's source id and field; they do not stop the other devices.
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
  devices:
    description:
      - The C(devices) of a canonical inventory (C(source_id), C(type), C(mac), C(brand), C(model), C(lines), ...).
    type: list
    elements: dict
    required: true
  users:
    description:
      - The C(users) of the inventory. When given, every line's C(user_id) is resolved to the user's extension and a line
        pointing at a missing user is a problem.
    type: list
    elements: dict
  defaults:
    description:
      - Settings for every device of this run, over the catalog and under O(overrides). Keys C(transport) (udp, tcp, tls),
        C(redirect) (vendor_redirect, dhcp_option, manual, onsite_factory_reset), C(redirect_service), C(onsite) (bool),
        C(special_access) (bool), C(action) (text for the provisioning sheet).
    type: dict
    default: {}
  overrides:
    description:
      - Per device, keyed by source id or MAC (any spelling). The keys of O(defaults) plus C(model) (a model text to match
        instead of the inventory's), C(catalog_id) (a catalog model id), C(status) (V(unsupported) with C(reason) excludes the
        device), C(reason) and C(notes).
    type: dict
    default: {}
  catalog:
    description:
      - A provider layer of the catalog, merged over the shipped catalog and O(catalog_files). Same format as the catalog
        (C(format), C(defaults), C(brands), C(models)).
    type: dict
    default: {}
  catalog_files:
    description:
      - Paths of catalog layers on the controller (C(.json), or YAML), merged over the shipped catalog in order.
    type: list
    elements: path
    default: []
'''

EXAMPLES = r'''
- name: Map the customer's phones
  ucaas.migration.device_catalog:
    devices: "{{ (lookup('file', ucaas_state_dir ~ '/' ~ inventory_hostname ~ '/inventory.json') | from_json).devices }}"
    users: "{{ (lookup('file', ucaas_state_dir ~ '/' ~ inventory_hostname ~ '/inventory.json') | from_json).users }}"
    catalog_files: "{{ [playbook_dir ~ '/files/provider-device-catalog.yml'] }}"
    defaults:
      redirect: dhcp_option
    overrides:
      dev-ata-1: {status: unsupported, reason: "Fax moves to the platform's fax service"}
      "80:5E:C0:A1:02:10": {redirect: onsite_factory_reset, notes: "Locked to the previous provider"}
  register: phone_map
  delegate_to: localhost

- name: Stop on devices nobody has decided about
  ansible.builtin.assert:
    that: phone_map.unknown | length == 0
    fail_msg: "{{ phone_map.problems | map(attribute='message') | list }}"
'''

RETURN = r'''
devices:
  description:
    - One entry per device, sorted by source id. C(status) is V(supported), V(unsupported), V(unknown) (no catalog match) or
      V(no_hardware) (softphones). Supported devices carry C(target_model), C(line_capacity), C(transport), C(redirect),
      C(redirect_service), C(onsite), C(special_access), C(action) and C(notes); all carry C(mac) (normalised or null), C(lines)
      (C(line), C(user_id), C(shared), C(extension) when O(users) is given), C(provisionable) and, when not supported, C(reason).
  returned: always
  type: list
  elements: dict
  sample: [{"source_id": "dev-201", "status": "supported", "catalog_id": "yealink-t54w", "target_model": "Yealink T54W",
            "line_capacity": 16, "transport": "tls", "redirect": "vendor_redirect", "redirect_service": "Yealink RPS (YMCS)",
            "onsite": false, "special_access": false, "mac": "805ec0a10201", "provisionable": true}]
unsupported:
  description: The devices excluded as unsupported, with the reason (for the partner).
  returned: always
  type: list
  elements: dict
unknown:
  description: The devices whose brand and model the catalog does not know, with close catalog names as C(suggestions).
  returned: always
  type: list
  elements: dict
problems:
  description: One entry per problem, with C(source_id), C(field) and C(message), sorted.
  returned: always
  type: list
  elements: dict
summary:
  description: Devices per status, plus how many are provisionable, need someone onsite and need special access.
  returned: always
  type: dict
  sample: {"supported": 11, "unsupported": 0, "unknown": 0, "no_hardware": 1, "provisionable": 11, "onsite": 0, "special_access": 0}
catalog:
  description: What the catalog in use holds after the provider layers.
  returned: always
  type: dict
  sample: {"format": "ucaas.migration/device-catalog-v1", "models": 270, "supported": 168, "unsupported": 102, "layers": 1}
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucaas.migration.plugins.module_utils.devices.catalog import CatalogError, load_catalog
from ansible_collections.ucaas.migration.plugins.module_utils.devices.mapping import MappingInputError, map_devices


def main():
    module = AnsibleModule(
        argument_spec=dict(
            devices=dict(type='list', elements='dict', required=True),
            users=dict(type='list', elements='dict'),
            defaults=dict(type='dict', default={}),
            overrides=dict(type='dict', default={}),
            catalog=dict(type='dict', default={}),
            catalog_files=dict(type='list', elements='path', default=[]),
        ),
        supports_check_mode=True,
    )
    params = module.params
    try:
        catalog = load_catalog(layers=[params['catalog']], files=params['catalog_files'])
        mapped = map_devices(catalog, params['devices'], users=params['users'], defaults=params['defaults'], overrides=params['overrides'])
    except (CatalogError, MappingInputError) as exc:
        module.fail_json(msg=str(exc), problems=exc.problems)
    except (IOError, OSError) as exc:
        module.fail_json(msg='Cannot read a catalog file: %s' % exc)
    statuses = [entry['status'] for entry in catalog.models]
    about = {'format': catalog.data.get('format'), 'models': len(statuses), 'supported': statuses.count('supported'),
             'unsupported': statuses.count('unsupported'), 'layers': len(params['catalog_files']) + (1 if params['catalog'] else 0)}
    module.exit_json(changed=False, catalog=about, **mapped)


if __name__ == '__main__':
    main()
