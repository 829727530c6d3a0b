#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ns_phone
short_description: Reconcile the phone hardware (MAC addresses) a NetSapiens domain provisions
version_added: 0.1.0
description:
  - Adds, updates and removes the MAC addresses (NDP phones) of one domain of a NetSapiens ns-api v2 platform, or returns
    the current ones (O(state=gathered)). The platform's provisioning server (NDP) builds each phone's configuration from it.
  - A phone is identified by its MAC (O(config[].mac)); the key is the MAC as the API stores it, 12 lower-case hex digits.
  - The phones of the domain are read with one list (C(GET /domains/{domain}/phones)). A MAC the domain does not hold yet is
    looked up platform-wide first (C(GET /phones/{mac}), or one C(GET /phones) list for many MACs); a MAC another domain holds
    fails its item and is never taken over (see O(check_other_domains)).
  - Lines naming devices of the domain are checked against one list of the domain's devices before anything is written; a line
    whose device does not exist fails its item (create the devices first with M(ucaas.migration.ns_device)).
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ucaas.migration.connection
  - ucaas.migration.resource_state
  - ucaas.migration.resource_state.domain
attributes:
  check_mode:
    support: full
    description: Nothing is written; RV(results) and C(changed) say what would happen (including the items that would fail).
  diff_mode:
    support: full
    description: One before/after per added, updated or removed phone.
options:
  config:
    description:
      - The desired phones.
      - With O(state=replaced) and O(state=overridden), options left out are reset. O(config[].notes) and O(config[].overrides)
        are cleared and O(config[].lines) emptied; O(config[].model), O(config[].server) and O(config[].transport) are left as
        they are.
    type: list
    elements: dict
    default: []
    suboptions:
      mac:
        description:
          - MAC address of the phone (12 hex digits; C(:), C(-) and C(.) separators and upper case are accepted and removed).
        type: str
      model:
        description:
          - Brand and model as the platform's provisioning names it (C(device-models-brand-and-model)), for example
            V(Yealink T54W). M(ucaas.migration.device_catalog) maps a source's model names to it. Required to add a phone.
        type: str
      server:
        description:
          - Registration core server / NDP server profile the phone is provisioned with
            (C(device-provisioning-registration-core-server)); the platform's default when never set.
        type: str
      transport:
        description:
          - SIP transport the phone is provisioned with.
        type: str
        choices: [udp, tcp, tls]
      notes:
        description:
          - Free text kept with the phone (for example its location or the source device id).
        type: str
      lines:
        description:
          - The phone's lines in order, line 1 first (at most 8, C(device-provisioning-sip-uri-1) .. C(-8)).
          - Each line is C(sip:<device>@<domain>), or only the device name (V(201), V(201a)), which the module completes
            with O(domain). An empty entry leaves that line unused.
        type: list
        elements: str
      overrides:
        description:
          - Per-MAC provisioning overrides (C(device-models-overrides-blob)), in the syntax of the platform's NDP, for example
            line keys and BLF, time zone or language. Compared with line endings unified and trailing blanks removed.
        type: str
  check_other_domains:
    description:
      - Look up MACs the domain does not hold across the platform before adding them. A MAC another domain holds fails its
        item with the owning domain in the message, in check mode too.
      - Needs an API key that may read the platform-wide phone list (reseller or higher). V(false) skips the look-up; the
        platform then refuses such a MAC when it is added (the item fails with the API's message).
    type: bool
    default: true
'''

EXAMPLES = r'''
- name: Phones of the customer with their lines
  ucaas.migration.ns_phone:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    domain: acme.12345.service
    config:
      - mac: "80:5E:C0:A1:02:01"
        model: Yealink T54W
        transport: tls
        lines: ["201", "202"]
        notes: "dev-201, reception"
      - mac: 0004f2a10204
        model: Polycom VVX 450
        lines: ["sip:204@acme.12345.service"]
        overrides: |
          feature.enhancedFeatureKeys.enabled="1"

- name: Make the domain's phones exactly the planned ones
  ucaas.migration.ns_phone:
    domain: acme.12345.service
    state: overridden
    config: "{{ planned_phones }}"

- name: Read the phones in the shape of config
  ucaas.migration.ns_phone:
    domain: acme.12345.service
    state: gathered
  register: acme_phones_now
'''

RETURN = r'''
results:
  description: One entry per listed phone, then one per removed unlisted phone.
  returned: unless O(state=gathered)
  type: list
  elements: dict
  contains:
    key:
      description: The MAC, 12 lower-case hex digits.
      type: str
      returned: always
      sample: 805ec0a10201
    outcome:
      description: What happened (in check mode, what would happen).
      type: str
      returned: always
      sample: created
    changes:
      description: Options that changed, each with C(before) and C(after).
      type: dict
      returned: when the phone was added or updated
    msg:
      description: Why the phone failed or was skipped (another domain holds the MAC, a line's device is missing, the API's message).
      type: str
      returned: when the outcome is failed or skipped
summary:
  description: Number of phones per outcome.
  returned: unless O(state=gathered)
  type: dict
  sample: {"created": 40, "updated": 0, "unchanged": 4, "deleted": 0, "failed": 0, "skipped": 0}
gathered:
  description: The phones of the domain (in O(scope)), in the shape of O(config), sorted by MAC.
  returned: when O(state=gathered)
  type: list
  elements: dict
api_stats:
  description: Statistics of the API calls (see M(ucaas.migration.ns_info)).
  returned: always
  type: dict
  sample: {"calls": 1, "by_endpoint": {"GET /domains/{domain}/phones": 1}}
'''

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_phones import bind_options, phone_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.module import run_resource_module


def main():
    run_resource_module(phone_spec(), extra_options=dict(check_other_domains=dict(type='bool', default=True)), configure=bind_options)


if __name__ == '__main__':
    main()
