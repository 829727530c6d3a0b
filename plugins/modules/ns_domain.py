#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ns_domain
short_description: Reconcile the customer domains of a NetSapiens platform
version_added: 0.1.0
description:
  - Creates, updates and deletes customer domains of a NetSapiens ns-api v2 platform, or returns the current ones
    (O(state=gathered)). Domains are not inside a domain, so this module has no O(ignore:domain) option.
  - Domains are matched on their name (O(config[].domain)) without regard to case; a new domain is created with the name as
    spelled. The platform adds the domain's default user and a dial plan named like the domain when it creates one.
  - All domains the API key can see are read with one list (C(GET /domains)).
  - With O(reseller), only the domains of that reseller are the module's; domains of other resellers are never changed or
    deleted (listing one fails that item) and are left out of RV(gathered).
  - Deleting a domain deletes everything in it (users, devices, queues, menus, numbers). So O(state=overridden), and
    O(state=deleted) with an empty O(config), are refused unless both O(reseller) and O(scope) are given.
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ucaas.migration.connection
  - ucaas.migration.resource_state
attributes:
  check_mode:
    support: full
    description: Nothing is written; RV(results) and C(changed) say what would happen.
  diff_mode:
    support: full
    description: One before/after per created, updated or deleted domain.
options:
  reseller:
    description:
      - Reseller (territory) whose domains the module manages; others are left alone and not gathered.
      - New domains get this reseller when their item has no O(config[].reseller); an item naming another reseller fails the
        task before any request.
      - Required (with O(scope)) for O(state=overridden) and for O(state=deleted) with an empty O(config).
    type: str
  config:
    description:
      - The desired domains.
      - With O(state=replaced) and O(state=overridden), options left out are reset. O(config[].caller_id_name),
        O(config[].caller_id_number), O(config[].caller_id_number_emergency) and O(config[].email_sender) are cleared;
        O(config[].voicemail_transcription) becomes V(no). The other options are left as they are.
    type: list
    elements: dict
    default: []
    suboptions:
      domain:
        description:
          - Name of the domain, for example V(acme.12345.service); identifies it.
        type: str
      reseller:
        description:
          - Reseller the domain belongs to. Required to create a domain (unless the module option O(reseller) is given).
        type: str
      description:
        description:
          - Description of the domain (usually the customer's name). Required to create a domain.
        type: str
      time_zone:
        description:
          - Default time zone, for example V(America/New_York).
        type: str
      area_code:
        description:
          - Default area code for 7-digit dialling.
        type: int
      dial_plan:
        description:
          - Dial plan of the domain. The platform creates one named like the domain when this is left out.
        type: str
      dial_policy:
        description:
          - Dial permission policy, for example V(US and Canada).
        type: str
      caller_id_name:
        description:
          - Default outbound caller ID name.
        type: str
      caller_id_number:
        description:
          - Default outbound caller ID number. Spaces, dashes, dots, parentheses and a leading C(+) are removed.
        type: str
      caller_id_number_emergency:
        description:
          - Default caller ID number for emergency calls, normalised like O(config[].caller_id_number).
        type: str
      email_sender:
        description:
          - Address the platform's e-mails (voicemail alerts and so on) are sent from (C(email-send-from-address)).
        type: str
      voicemail_enabled:
        description:
          - Voicemail enabled for the domain.
        type: bool
      voicemail_transcription:
        description:
          - Voicemail transcription engine, or V(no).
        type: str
        choices: ['no', Deepgram, Google, Mutare, Voicebase]
      max_users:
        description:
          - Most users the domain may have (C(limits-max-users)).
        type: int
      max_callqueues:
        description:
          - Most call queues the domain may have (C(limits-max-call-queues)).
        type: int
      max_autoattendants:
        description:
          - Most auto attendants the domain may have (C(limits-max-auto-attendants)).
        type: int
'''

EXAMPLES = r'''
- name: The customer's domain
  ucaas.migration.ns_domain:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    reseller: keystone-voice
    config:
      - domain: acmedental.keystone-voice.service
        description: Acme Dental
        time_zone: America/New_York
        area_code: 212
        caller_id_number: "+1 212 555 0100"
        max_users: 60

- name: Make the trial domains of the reseller exactly these, deleting its other trial domains
  ucaas.migration.ns_domain:
    reseller: keystone-voice
    state: overridden
    scope:
      match: "trial-.*"
    config:
      - domain: trial-acme.keystone-voice.service
        description: Acme trial

- name: Read the reseller's domains in the shape of config
  ucaas.migration.ns_domain:
    reseller: keystone-voice
    state: gathered
  register: reseller_domains
'''

RETURN = r'''
results:
  description: One entry per listed domain, then one per deleted unlisted domain.
  returned: unless O(state=gathered)
  type: list
  elements: dict
  contains:
    key:
      description: Name of the domain.
      type: str
      returned: always
    outcome:
      description: What happened (in check mode, what would happen).
      type: str
      returned: always
      sample: created
    changes:
      description: Options that changed, each with C(before) and C(after).
      type: dict
      returned: when the domain was created or updated
    msg:
      description: Why the domain failed or was skipped (the API's message for a failed request).
      type: str
      returned: when the outcome is failed or skipped
summary:
  description: Number of domains per outcome.
  returned: unless O(state=gathered)
  type: dict
  sample: {"created": 1, "updated": 0, "unchanged": 0, "deleted": 0, "failed": 0, "skipped": 0}
gathered:
  description: The domains (of O(reseller), in O(scope)), in the shape of O(config), sorted by name.
  returned: when O(state=gathered)
  type: list
  elements: dict
api_stats:
  description: Statistics of the API calls (see M(ucaas.migration.ns_info)).
  returned: always
  type: dict
  sample: {"calls": 1, "by_endpoint": {"GET /domains": 1}}
'''

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_domains import (
    DOMAIN_EXTRA_OPTIONS, configure_domain_spec, domain_spec,
)
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.module import run_resource_module


def main():
    run_resource_module(domain_spec(), extra_options=DOMAIN_EXTRA_OPTIONS, configure=configure_domain_spec)


if __name__ == '__main__':
    main()
