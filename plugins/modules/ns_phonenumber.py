#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ns_phonenumber
short_description: Reconcile the phone numbers (DIDs) of a NetSapiens domain
version_added: 0.1.0
description:
  - Creates, updates and deletes the phone numbers (DIDs, dial rules under the hood) of one domain of a NetSapiens ns-api v2
    platform from a list of desired numbers, or returns the current numbers (O(state=gathered)).
  - Numbers are matched on their E.164 form (O(config[].number)). Only the options listed below are compared and written.
  - Numbers on the platform that are not valid phone numbers are never matched by a listed number, but O(state=overridden)
    and O(state=deleted) with a O(scope) may delete them.
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
      - The desired phone numbers.
      - With O(state=replaced) and O(state=overridden), options left out are reset. O(config[].parameter) and
        O(config[].description) are cleared; O(config[].enabled) becomes V(true); O(config[].caller_name_prefix) becomes
        V([*]) (the caller's name unchanged). O(config[].application), O(config[].destination_user) and
        O(config[].destination_host) are left as they are.
    type: list
    elements: dict
    default: []
    suboptions:
      number:
        description:
          - The phone number; identifies it. Checked and normalised to E.164 with the C(phonenumbers) library, then sent
            and returned as digits without C(+) (V(12125550100)), the form ns-api uses.
          - A number without a leading C(+) is read as a North American (US) number; give other countries' numbers with C(+).
          - An invalid number fails the task before anything is read or written.
        type: str
      enabled:
        description:
          - Number enabled.
        type: bool
      application:
        description:
          - What a call to the number does (C(dial-rule-application)). V(to-user) reaches a user, an auto attendant or a
            time-of-day router (they are users); V(to-callqueue) a call queue; V(to-voicemail) a user's mailbox;
            V(to-connection) and its variants an external number through a connection; V(available-number) parks the number.
        type: str
        choices: [available-number, hangup, spam-screening, to-callqueue, to-callqueue-announce-count-callers-ahead,
                  to-callqueue-announce-expected-wait-time, to-connection, to-connection-add-header,
                  to-connection-add-header-force-caller-id, to-connection-add-header-no-timeout, to-connection-block-caller-id,
                  to-connection-no-timeout, to-connection-or-user-no-failover, to-single-device, to-single-device-add-header,
                  to-single-device-add-header-allow-voicemail, to-single-device-add-header-allow-voicemail-residential, to-user,
                  to-user-add-header, to-user-answer-and-fake-ringback, to-user-notify-of-recording, to-user-residential,
                  to-user-residential-add-header, to-voicemail, to-voicemail-residential, toggle-timeframe]
      destination_user:
        description:
          - Destination of O(config[].application) (C(dial-rule-translation-destination-user)) - a user, queue or auto
            attendant extension, or an external number; V([*]) keeps the dialled number. Required to create a number.
          - Sent with every update of the number, because the API requires it there.
        type: str
      destination_host:
        description:
          - Domain of the destination (C(dial-rule-translation-destination-host)), or the connection for external numbers.
        type: str
      parameter:
        description:
          - Parameter of the application (C(dial-rule-parameter)), for example a SIP header to add.
        type: str
      caller_name_prefix:
        description:
          - Inbound caller ID name as presented (C(dial-rule-translation-source-name)); V([*]) stands for the caller's name,
            so V(Sales [*]) prefixes it.
        type: str
      description:
        description:
          - Label of the number (C(dial-rule-description)).
        type: str
'''

EXAMPLES = r'''
- name: Route the customer's DIDs (one task for the whole list)
  ucaas.migration.ns_phonenumber:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    domain: acme.12345.service
    config:
      - number: "+1 (212) 555-0100"
        application: to-user
        destination_user: "201"
        destination_host: acme.12345.service
        description: Main line
      - number: "2125550101"
        application: to-callqueue
        destination_user: "2000"
        caller_name_prefix: "Sales [*]"

- name: Make the 1212555xxxx numbers exactly as listed, deleting the others of that block
  ucaas.migration.ns_phonenumber:
    domain: acme.12345.service
    state: overridden
    scope:
      match: "1212555[0-9]{4}"
    config: "{{ acme_dids }}"

- name: Read the numbers in the shape of config
  ucaas.migration.ns_phonenumber:
    domain: acme.12345.service
    state: gathered
  register: acme_dids_now
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
  description: Number of phone numbers per outcome.
  returned: unless O(state=gathered)
  type: dict
  sample: {"created": 40, "updated": 0, "unchanged": 0, "deleted": 0, "failed": 0, "skipped": 0}
gathered:
  description: The phone numbers of the domain (in O(scope)), in the shape of O(config), sorted by number.
  returned: when O(state=gathered)
  type: list
  elements: dict
api_stats:
  description: Statistics of the API calls (see M(ucaas.migration.ns_info)).
  returned: always
  type: dict
  sample: {"calls": 1, "by_endpoint": {"GET /domains/{domain}/phonenumbers": 1}}
'''

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds import phonenumber_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.module import run_resource_module


def main():
    run_resource_module(phonenumber_spec())


if __name__ == '__main__':
    main()
