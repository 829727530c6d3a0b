#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ns_user
short_description: Reconcile the users (extensions) of a NetSapiens domain
version_added: 0.1.0
description:
  - Creates, updates and deletes the users of one domain of a NetSapiens ns-api v2 platform from a list of desired users,
    or returns the current users (O(state=gathered)).
  - Users are matched on their extension (O(config[].user)). Only the options listed below are compared and written.
  - System users (C(service-code) C(system-*), behind call queues, auto attendants and virtual mailboxes) are never changed
    or deleted; listing one fails that item.
  - A O(config[].site) must name an existing site of the domain (checked with one list read, before any write).
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
    description: One before/after per created, updated or deleted user; the voicemail PIN shows as C(********).
options:
  config:
    description:
      - The desired users.
      - With O(state=replaced) and O(state=overridden), options left out are reset. Strings are cleared;
        O(config[].user_scope) becomes V(Basic User); O(config[].directory_listed), O(config[].directory_dial_by_name) and
        O(config[].voicemail_enabled) become V(true); O(config[].voicemail_user_control) becomes V(false);
        O(config[].voicemail_transcription) and O(config[].voicemail_email_alert) become V(no).
        O(config[].time_zone) and O(config[].voicemail_pin) are left as they are.
    type: list
    elements: dict
    default: []
    suboptions:
      user:
        description:
          - Extension of the user; identifies it.
        type: str
      first_name:
        description:
          - First name. Required to create a user.
        type: str
      last_name:
        description:
          - Last name. Required to create a user.
        type: str
      email:
        description:
          - E-mail address; several are separated by C(;). Compared without regard to case.
        type: str
      department:
        description:
          - Department.
        type: str
      site:
        description:
          - Site of the user; must exist in the domain (see M(ucaas.migration.ns_site)).
        type: str
      user_scope:
        description:
          - Portal permission scope. A new user gets V(Basic User) when not given.
        type: str
        choices: [Advanced User, Basic User, Call Center Agent, Call Center Supervisor, NDP, No Portal, Office Manager, Reseller,
                  Simple User, Site Manager, Super User]
      time_zone:
        description:
          - Time zone of the user, for example V(America/New_York).
        type: str
      caller_id_name:
        description:
          - Outbound caller ID name.
        type: str
      caller_id_number:
        description:
          - Outbound caller ID number. Spaces, dashes, dots, parentheses and a leading C(+) are removed; V([*]) style patterns
            are kept as given.
        type: str
      caller_id_number_emergency:
        description:
          - Caller ID number for emergency calls, normalised like O(config[].caller_id_number).
        type: str
      directory_listed:
        description:
          - Show the user in the company directory.
        type: bool
      directory_dial_by_name:
        description:
          - Announce the user in dial-by-name.
        type: bool
      voicemail_enabled:
        description:
          - Voicemail box enabled.
        type: bool
      voicemail_transcription:
        description:
          - Voicemail transcription engine, or V(no).
        type: str
        choices: ['no', Deepgram, Google, Mutare, Voicebase]
      voicemail_email_alert:
        description:
          - What the new-voicemail e-mail carries (V(no) for none, V(attnew) attaches the message, and so on).
        type: str
        choices: ['no', 'yes', attnew, attsave, atttrash, brief, briefattnew, briefattsave, briefatttrash]
      voicemail_user_control:
        description:
          - Let the caller control the mailbox menu options.
        type: bool
      voicemail_pin:
        description:
          - Voicemail PIN (digits). Write-only; the API never returns it, so it is never compared.
          - Sent when the user is created, and on update only with O(update_password=always).
        type: str
  update_password:
    description:
      - V(on_create) sends O(config[].voicemail_pin) only when the user is created.
      - V(always) sends it on every run for every listed user that has one, so those users always report V(updated).
    type: str
    choices: [always, on_create]
    default: on_create
'''

EXAMPLES = r'''
- name: Create or update users (one task for the whole list)
  ucaas.migration.ns_user:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    domain: acme.12345.service
    config:
      - user: "201"
        first_name: Ada
        last_name: Byron
        email: ada@acme.example
        site: HQ
        caller_id_number: "+1 (555) 123-0201"
        voicemail_pin: "{{ vault_vm_pins['201'] }}"
      - user: "202"
        first_name: Alan
        last_name: Turing
        voicemail_enabled: false
  no_log: true

- name: Make users 2xx exactly as listed, deleting other 2xx users
  ucaas.migration.ns_user:
    domain: acme.12345.service
    state: overridden
    scope:
      match: "2[0-9]{2}"
    config: "{{ acme_users }}"

- name: Read the users in the shape of config
  ucaas.migration.ns_user:
    domain: acme.12345.service
    state: gathered
  register: acme_current
'''

RETURN = r'''
results:
  description: One entry per listed user, then one per deleted unlisted user.
  returned: unless O(state=gathered)
  type: list
  elements: dict
  contains:
    key:
      description: Extension of the user.
      type: str
      returned: always
    outcome:
      description: What happened (in check mode, what would happen).
      type: str
      returned: always
      sample: created
    changes:
      description: Options that changed, each with C(before) and C(after); the PIN shows as C(********).
      type: dict
      returned: when the user was created or updated
    msg:
      description: Why the user failed or was skipped (the API's message for a failed request).
      type: str
      returned: when the outcome is failed or skipped
summary:
  description: Number of users per outcome.
  returned: unless O(state=gathered)
  type: dict
  sample: {"created": 198, "updated": 0, "unchanged": 0, "deleted": 0, "failed": 2, "skipped": 0}
gathered:
  description: The users of the domain (in O(scope)), in the shape of O(config), sorted by extension. System users are left out.
  returned: when O(state=gathered)
  type: list
  elements: dict
api_stats:
  description: Statistics of the API calls (see M(ucaas.migration.ns_info)).
  returned: always
  type: dict
  sample: {"calls": 1, "by_endpoint": {"GET /domains/{domain}/users": 1}}
'''

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds import user_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.module import run_resource_module


def main():
    run_resource_module(user_spec())


if __name__ == '__main__':
    main()
