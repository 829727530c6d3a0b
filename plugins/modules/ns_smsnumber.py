#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ns_smsnumber
short_description: Reconcile the SMS numbers of a NetSapiens domain
version_added: 0.1.0
description:
  - Creates, updates and deletes the SMS numbers of one domain of a NetSapiens ns-api v2 platform from a list of desired
    numbers, or returns the current numbers (O(state=gathered)).
  - Numbers are matched on their E.164 form (O(config[].number)), normalised like M(ucaas.migration.ns_phonenumber) does.
    Only the options listed below are compared and written.
  - The API has no read of a single SMS number, so every write is confirmed from the domain's list of SMS numbers.
  - Numbers on the platform that are not valid phone numbers are never matched by a listed number, but O(state=overridden)
    and O(state=deleted) with a O(scope) may delete them.
  - 10DLC brand and campaign registration is not part of ns-api and not done here.
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ucaas.migration.connection
  - ucaas.migration.resource_state
  - ucaas.migration.resource_state.domain
requirements:
  - phonenumbers
attributes:
  check_mode:
    support: full
    description: Nothing is written; RV(results) and C(changed) say what would happen.
  diff_mode:
    support: full
    description: One before/after per created, updated or deleted number.
options:
  config:
    description:
      - The desired SMS numbers.
      - With O(state=replaced) and O(state=overridden), options left out are reset. O(config[].destination) is cleared;
        O(config[].application) and O(config[].carrier) are left as they are.
    type: list
    elements: dict
    default: []
    suboptions:
      number:
        description:
          - The SMS number; identifies it. Checked and normalised to E.164 with the C(phonenumbers) library, then sent
            and returned as digits without C(+) (V(12125550100)), the form ns-api uses.
          - A number without a leading C(+) is read as a North American (US) number; give other countries' numbers with C(+).
          - An invalid number fails the task before anything is read or written.
        type: str
      application:
        description:
          - Who receives the messages (C(application)). V(user) a user, V(callqueue) a call queue (SMS queueing),
            V(available) nobody (the number is parked in the domain). Required to create a number.
          - Sent with every update of the number, because the API requires it there.
        type: str
        choices: [user, callqueue, available]
      destination:
        description:
          - Extension of the user or call queue that receives the messages (C(dest)); leave it out or empty with
            O(config[].application=available).
          - Sent with every update of the number that has one.
        type: str
      carrier:
        description:
          - Messaging carrier the number sends and receives through (C(carrier)), spelled as the platform's carrier
            definitions spell it. Useful during a port.
        type: str
'''

EXAMPLES = r'''
- name: SMS numbers after the port (one task for the whole list)
  ucaas.migration.ns_smsnumber:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    domain: acme.12345.service
    config:
      - number: "+1 (212) 555-0100"
        application: user
        destination: "201"
      - number: "2125550101"
        application: callqueue
        destination: "2000"
        carrier: bandwidth

- name: Make the 1212555xxxx SMS numbers exactly as listed, deleting the others of that block
  ucaas.migration.ns_smsnumber:
    domain: acme.12345.service
    state: overridden
    scope:
      match: "1212555[0-9]{4}"
    config: "{{ acme_sms_numbers }}"

- name: Read the SMS numbers in the shape of config
  ucaas.migration.ns_smsnumber:
    domain: acme.12345.service
    state: gathered
  register: acme_sms_now
'''

RETURN = r'''
results:
  description: One entry per listed number, then one per deleted unlisted number.
  returned: unless O(state=gathered)
  type: list
  elements: dict
  contains:
    key:
      description: The number, E.164 digits without C(+).
      type: str
      returned: always
      sample: "12125550100"
    outcome:
      description: What happened (in check mode, what would happen).
      type: str
      returned: always
      sample: created
    changes:
      description: Options that changed, each with C(before) and C(after).
      type: dict
      returned: when the number was created or updated
    msg:
      description: Why the number failed or was skipped (the API's message for a failed request).
      type: str
      returned: when the outcome is failed or skipped
summary:
  description: Number of SMS numbers per outcome.
  returned: unless O(state=gathered)
  type: dict
  sample: {"created": 12, "updated": 0, "unchanged": 0, "deleted": 0, "failed": 0, "skipped": 0}
gathered:
  description: The SMS numbers of the domain (in O(scope)), in the shape of O(config), sorted by number.
  returned: when O(state=gathered)
  type: list
  elements: dict
api_stats:
  description: Statistics of the API calls (see M(ucaas.migration.ns_info)).
  returned: always
  type: dict
  sample: {"calls": 1, "by_endpoint": {"GET /domains/{domain}/smsnumbers": 1}}
'''

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds import smsnumber_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.module import run_resource_module


def main():
    run_resource_module(smsnumber_spec())


if __name__ == '__main__':
    main()
