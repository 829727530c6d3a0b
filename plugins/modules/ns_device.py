#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ns_device
short_description: Reconcile the SIP devices of the users of a NetSapiens domain
version_added: 0.1.0
description:
  - Creates, updates and deletes the SIP devices (registrations, "phones") of the users of one domain of a NetSapiens
    ns-api v2 platform, or returns the current devices (O(state=gathered)).
  - A device belongs to a user (O(config[].user)) and is named by its SIP user part (O(config[].device)); its key and label
    is C(<user>/<device>), for example C(201/201wp). O(scope.keys) take the same spelling, O(scope.match) matches it.
  - The devices of the whole domain are read with one list (C(GET /domains/{domain}/devices)), never one read per user.
  - A device created with a O(config[].mac) also links the phone hardware (the API writes the MAC record with the device).
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ucaas.migration.connection
  - ucaas.migration.resource_state
  - ucaas.migration.resource_state.domain
attributes:
  check_mode:
    support: full
    description: Nothing is written; RV(results) and C(changed) say what would happen.
  diff_mode:
    support: full
    description: One before/after per created, updated or deleted device; the SIP password shows as C(********).
options:
  config:
    description:
      - The desired devices.
      - With O(state=replaced) and O(state=overridden), options left out are reset. O(config[].mac), O(config[].model) and
        O(config[].caller_id_number_emergency) are cleared; O(config[].line), O(config[].transport), O(config[].nat_traversal),
        O(config[].srtp) and O(config[].sip_password) are left as they are.
    type: list
    elements: dict
    default: []
    suboptions:
      user:
        description:
          - Extension of the user the device belongs to. The user must exist (see M(ucaas.migration.ns_user)).
        type: str
      device:
        description:
          - SIP user part of the device, for example V(201) or V(201wp) (the device registers as C(sip:<device>@<domain>)).
            Identifies the device together with O(config[].user).
        type: str
      mac:
        description:
          - MAC address of the phone (12 hex digits; C(:), C(-) and C(.) separators and upper case are accepted and removed).
        type: str
      model:
        description:
          - Phone model as the platform names it (C(device-models-model)), for example V(Yealink T54W).
        type: str
      line:
        description:
          - Line (account) of the phone the device is provisioned on.
        type: int
      transport:
        description:
          - SIP transport the phone is provisioned with.
        type: str
        choices: [udp, tcp, tls]
      caller_id_number_emergency:
        description:
          - Caller ID number for emergency calls from this device (overrides the user's). Spaces, dashes, dots, parentheses
            and a leading C(+) are removed.
        type: str
      sip_password:
        description:
          - SIP registration password. Write-only; never compared with what the API returns and never shown.
          - Sent when the device is created (the platform makes a random one when it is left out), and on update only with
            O(update_password=always).
        type: str
      nat_traversal:
        description:
          - NAT traversal mode of the registration.
        type: str
        choices: [automatic, none, never, fixed]
      srtp:
        description:
          - SRTP (encrypted media) for the device.
        type: str
        choices: ['yes', 'no', opportunistic]
  update_password:
    description:
      - V(on_create) sends O(config[].sip_password) only when the device is created.
      - V(always) sends it on every run for every listed device that has one, so those devices always report V(updated).
    type: str
    choices: [always, on_create]
    default: on_create
'''

EXAMPLES = r'''
- name: Desk phones and web phones of the users
  ucaas.migration.ns_device:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    domain: acme.12345.service
    config:
      - user: "201"
        device: "201"
        mac: "00:04:F2:AA:BB:01"
        model: Yealink T54W
        transport: tls
        sip_password: "{{ vault_sip_passwords['201'] }}"
      - user: "201"
        device: 201wp
  no_log: true

- name: Make the devices of users 2xx exactly as listed, deleting their other devices
  ucaas.migration.ns_device:
    domain: acme.12345.service
    state: overridden
    scope:
      match: "2[0-9]{2}/.*"
    config: "{{ acme_devices }}"

- name: Read the devices in the shape of config
  ucaas.migration.ns_device:
    domain: acme.12345.service
    state: gathered
  register: acme_devices_now
'''

RETURN = r'''
results:
  description: One entry per listed device, then one per deleted unlisted device.
  returned: unless O(state=gathered)
  type: list
  elements: dict
  contains:
    key:
      description: C(<user>/<device>).
      type: str
      returned: always
      sample: 201/201wp
    outcome:
      description: What happened (in check mode, what would happen).
      type: str
      returned: always
      sample: created
    changes:
      description: Options that changed, each with C(before) and C(after); the SIP password shows as C(********).
      type: dict
      returned: when the device was created or updated
    msg:
      description: Why the device failed or was skipped (the API's message for a failed request).
      type: str
      returned: when the outcome is failed or skipped
summary:
  description: Number of devices per outcome.
  returned: unless O(state=gathered)
  type: dict
  sample: {"created": 40, "updated": 0, "unchanged": 4, "deleted": 0, "failed": 0, "skipped": 0}
gathered:
  description: The devices of the domain (in O(scope)), in the shape of O(config), sorted by user and device. No SIP passwords.
  returned: when O(state=gathered)
  type: list
  elements: dict
api_stats:
  description: Statistics of the API calls (see M(ucaas.migration.ns_info)).
  returned: always
  type: dict
  sample: {"calls": 1, "by_endpoint": {"GET /domains/{domain}/devices": 1}}
'''

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_devices import device_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.module import run_resource_module


def main():
    run_resource_module(device_spec())


if __name__ == '__main__':
    main()
