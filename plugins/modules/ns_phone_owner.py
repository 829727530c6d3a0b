#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ns_phone_owner
short_description: Find which of a list of MACs other domains of a NetSapiens platform already provision
version_added: 0.1.0
description:
  - Read-only. A MAC belongs to one domain platform-wide; a migration must never take over a phone another domain provisions.
    This module looks the O(macs) up across the platform and returns the ones provisioned in a domain other than O(domain), so a
    playbook can stop with a blocking finding before anything is written.
  - Reads one C(GET /phones/{mac}) per MAC for up to O(single_read_limit) MACs, else one paged C(GET /phones) (the
    platform-wide list). Needs an API key that may read the platform's phones (reseller or higher).
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ucaas.migration.connection
attributes:
  check_mode:
    support: full
    description: The module only reads; it runs the same in check mode.
  diff_mode:
    support: none
    description: The module changes nothing.
options:
  domain:
    description:
      - The migration's domain. MACs it holds itself are not reported.
    type: str
    required: true
  macs:
    description:
      - The MACs to look up (12 hex digits; C(:), C(-) and C(.) separators and upper case are accepted). Entries that are not
        a MAC are returned in RV(invalid) and not looked up.
    type: list
    elements: str
    required: true
  single_read_limit:
    description:
      - Up to this many MACs are read one by one; above it the platform-wide list is read once.
    type: int
    default: 25
'''

EXAMPLES = r'''
- name: Which of the customer's phones another domain holds
  ucaas.migration.ns_phone_owner:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    domain: acme.12345.service
    macs: "{{ phone_map.devices | selectattr('provisionable') | map(attribute='mac') | list }}"
  register: phone_owners

- name: Stop when any is held elsewhere
  ansible.builtin.assert:
    that: phone_owners.elsewhere | length == 0
    fail_msg: "{{ phone_owners.elsewhere }}"
'''

RETURN = r'''
elsewhere:
  description: Per normalised MAC that another domain holds, that domain, its reseller and the phone's model.
  returned: always
  type: dict
  sample: {"0004f2a10204": {"domain": "other.12345.service", "reseller": "12345", "model": "Polycom VVX 450"}}
invalid:
  description: The entries of O(macs) that are not MACs, as given.
  returned: always
  type: list
  elements: str
  sample: ["80:5E:C0:ZZ"]
checked:
  description: How many distinct valid MACs were looked up.
  returned: always
  type: int
  sample: 44
api_stats:
  description: Statistics of the API calls (see M(ucaas.migration.ns_info)).
  returned: always
  type: dict
  sample: {"calls": 1, "by_endpoint": {"GET /phones": 1}}
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsApiError
from ansible_collections.ucaas.migration.plugins.module_utils.client.module import (
    client_from_module, connection_argument_spec, fail_from_error,
)
from ansible_collections.ucaas.migration.plugins.module_utils.client.transport import HAS_REQUESTS, REQUESTS_IMPORT_ERROR
from ansible_collections.ucaas.migration.plugins.module_utils.devices.ownership import phones_elsewhere
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import NormalizationError, normalize_mac


def main():
    module = AnsibleModule(
        argument_spec=connection_argument_spec(
            domain=dict(type='str', required=True),
            macs=dict(type='list', elements='str', required=True),
            single_read_limit=dict(type='int', default=25),
        ),
        supports_check_mode=True,
    )
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
    if module.params['single_read_limit'] < 0:
        module.fail_json(msg='single_read_limit: must not be negative')
    macs, invalid = set(), []
    for value in module.params['macs']:
        try:
            macs.add(normalize_mac(str(value)))
        except NormalizationError:
            invalid.append(value)
    client = client_from_module(module)
    try:
        elsewhere = phones_elsewhere(client, module.params['domain'], sorted(macs), module.params['single_read_limit'])
    except NsApiError as exc:
        fail_from_error(module, exc, client=client)
    finally:
        client.close()
    module.exit_json(changed=False, elsewhere=elsewhere, invalid=invalid, checked=len(macs), api_stats=client.api_stats())


if __name__ == '__main__':
    main()
