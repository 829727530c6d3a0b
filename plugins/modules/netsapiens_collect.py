#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: netsapiens_collect
short_description: Collect the canonical migration inventory from a NetSapiens domain
version_added: 0.1.0
description:
  - Reads one domain of a NetSapiens ns-api v2 platform (the migration source) and returns it as a canonical
    C(inventory/v1) document; see C(docs/sources/netsapiens.md) for the field mapping.
  - Sites, users, voicemail boxes, virtual mailboxes, devices and phones (MAC), phone numbers, call queues with agents,
    auto attendants (per time frame, with sub-menus), time-of-day routers, time frames, answer rules and SMS numbers are
    mapped; whatever the canonical model cannot hold, or the API does not return, is listed in C(not_collected) with
    what the partner must provide.
  - Voicemail PINs are write-only in ns-api, so every box gets C(pin.is_set=false) and one C(not_collected) entry asks
    the partner for the PINs.
  - Greetings are downloaded into O(dest)/audio/ and registered as audio assets with their SHA-256. A file is written
    (atomically) only when its content differs from the file already there.
  - Read-only on the source.
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ucaas.migration.connection
attributes:
  check_mode:
    support: full
    description: In check mode nothing is written; C(changed) says whether audio files would be written.
  diff_mode:
    support: none
    description: The module returns the inventory; the files it writes are audio.
options:
  domain:
    description:
      - Name of the source domain to collect.
    type: str
    required: true
  dest:
    description:
      - The host's state directory. Greeting audio is written to O(dest)/audio/.
    type: path
    required: true
  customer:
    description:
      - Customer (end company) name recorded in C(source.customer). Default is the domain's description.
    type: str
  default_region:
    description:
      - ISO 3166-1 alpha-2 region for numbers without a country code.
    type: str
    default: US
  time_zone:
    description:
      - IANA time zone recorded in C(source.time_zone) and given to domain time frames. Default is the domain's C(time-zone).
    type: str
notes:
  - Tasks that register the result should use C(no_log) because RV(secrets) holds clear-text values when the source
    returns any.
'''

EXAMPLES = r'''
- name: Collect the source domain
  ucaas.migration.netsapiens_collect:
    url: https://old-platform.example.net
    api_key: "{{ vault_source_api_key }}"
    domain: acme.1234.service
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
    customer: Acme Dental Group
  register: collected
  no_log: true

- name: Show what could not be collected
  ansible.builtin.debug:
    msg: "{{ collected.inventory.not_collected | map(attribute='reason') | list }}"
'''

RETURN = r'''
inventory:
  description: The canonical inventory (C(inventory/v1)), collections sorted by source id.
  returned: success
  type: dict
secrets:
  description: Secret values read from the source, by secret reference (empty when the source returned none).
  returned: success
  type: dict
problems:
  description: Input problems of the collection (always empty for this source; kept for the adapter interface).
  returned: success
  type: list
  elements: dict
audio_files:
  description: Audio files of the inventory, relative to O(dest).
  returned: success
  type: list
  elements: str
  sample: [audio/ns-101-greeting-1.wav]
api_stats:
  description: Statistics of the API calls the module made (see M(ucaas.migration.ns_info)).
  returned: always
  type: dict
  sample: {"calls": 131, "retries": 0}
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.ucaas.migration.plugins.module_utils.client.module import client_from_module, connection_argument_spec
from ansible_collections.ucaas.migration.plugins.module_utils.client.transport import HAS_REQUESTS, REQUESTS_IMPORT_ERROR
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import HAS_PHONENUMBERS, PHONENUMBERS_IMPORT_ERROR
from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import SourceError
from ansible_collections.ucaas.migration.plugins.module_utils.sources.netsapiens.adapter import collect_netsapiens


def main():
    module = AnsibleModule(
        argument_spec=connection_argument_spec(
            domain=dict(type='str', required=True),
            dest=dict(type='path', required=True),
            customer=dict(type='str'),
            default_region=dict(type='str', default='US'),
            time_zone=dict(type='str'),
        ),
        supports_check_mode=True,
    )
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)
    if not HAS_PHONENUMBERS:
        module.fail_json(msg=missing_required_lib('phonenumbers'), exception=str(PHONENUMBERS_IMPORT_ERROR))
    params = module.params
    client = client_from_module(module)
    try:
        result = collect_netsapiens(client, params['domain'], params['dest'], customer=params['customer'],
                                    default_region=params['default_region'].upper(), time_zone=params['time_zone'],
                                    check_mode=module.check_mode)
    except SourceError as exc:
        module.fail_json(msg=client.redactor.text(str(exc)), api_stats=client.api_stats())
    except OSError as exc:
        module.fail_json(msg='Cannot write audio under %s: %s' % (params['dest'], exc), api_stats=client.api_stats())
    finally:
        client.close()
    module.exit_json(changed=result['changed'], inventory=result['inventory'], secrets=result['secrets'],
                     problems=result['problems'], audio_files=result['audio_files'], api_stats=client.api_stats())


if __name__ == '__main__':
    main()
