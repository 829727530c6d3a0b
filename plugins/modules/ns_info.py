#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ns_info
short_description: Read the objects of a NetSapiens domain
version_added: 0.1.0
description:
  - Reads one domain of a NetSapiens ns-api v2 platform and returns its objects, grouped by kind.
  - Uses the domain-wide list endpoints where the API has them; answer rules and greetings, which the API only lists per
    user, are read for every user of the domain through a bounded pool of concurrent requests (O(max_concurrency)).
  - Lists are sorted by their identity fields so two reads of the same domain compare equal.
  - Write-only secrets of the objects (voicemail PINs, SIP and provisioning passwords) are masked.
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ucaas.migration.connection
attributes:
  check_mode:
    support: full
    description: The module never changes anything; it runs the same in check mode.
  diff_mode:
    support: none
    description: The module never changes anything, so it has no diff.
options:
  domain:
    description:
      - Name of the domain to read.
    type: str
    required: true
  gather:
    description:
      - Kinds of objects to read. Default is all of them.
      - V(callqueues) includes each queue's agents under C(agents).
      - V(answerrules) and V(greetings) cost one request per user of the domain.
    type: list
    elements: str
    choices: [domain, sites, users, devices, phonenumbers, callqueues, autoattendants, timeframes, answerrules, greetings, phones, smsnumbers]
'''

EXAMPLES = r'''
- name: Read everything in a domain
  ucaas.migration.ns_info:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    domain: acme.12345.service
  register: acme

- name: Connection options once per play, then only users and their answer rules
  module_defaults:
    group/ucaas.migration.nsapi:
      url: https://api.example.net
      api_key: "{{ vault_ns_api_key }}"
      max_concurrency: 8
  block:
    - name: Read users and answer rules
      ucaas.migration.ns_info:
        domain: acme.12345.service
        gather: [users, answerrules]
      register: acme_users

    - name: Show how many users the domain has
      ansible.builtin.debug:
        msg: "{{ acme_users.counts.users }} users in {{ acme_users.api_stats.calls }} API calls"
'''

RETURN = r'''
objects:
  description:
    - The objects read, one key per gathered kind. Every kind except V(domain) is a list sorted by its identity fields.
    - Call queues carry their agents under C(agents); answer rules and greetings carry the C(user) they belong to.
  returned: success
  type: dict
  contains:
    domain:
      description: The domain object.
      returned: when V(domain) is gathered
      type: dict
    sites:
      description: Sites of the domain.
      returned: when V(sites) is gathered
      type: list
      elements: dict
    users:
      description: Users of the domain, including the system users behind queues and auto attendants.
      returned: when V(users) is gathered
      type: list
      elements: dict
    devices:
      description: SIP devices of all users.
      returned: when V(devices) is gathered
      type: list
      elements: dict
    phonenumbers:
      description: Phone numbers (DIDs) of the domain with their routing.
      returned: when V(phonenumbers) is gathered
      type: list
      elements: dict
    callqueues:
      description: Call queues, each with an C(agents) list.
      returned: when V(callqueues) is gathered
      type: list
      elements: dict
    autoattendants:
      description: Auto attendant menus.
      returned: when V(autoattendants) is gathered
      type: list
      elements: dict
    timeframes:
      description: Domain-shared time frames.
      returned: when V(timeframes) is gathered
      type: list
      elements: dict
    answerrules:
      description: Answer rules of every user.
      returned: when V(answerrules) is gathered
      type: list
      elements: dict
    greetings:
      description: Greetings of every user.
      returned: when V(greetings) is gathered
      type: list
      elements: dict
    phones:
      description: Phone hardware (MAC addresses) provisioned in the domain.
      returned: when V(phones) is gathered
      type: list
      elements: dict
    smsnumbers:
      description: SMS numbers of the domain.
      returned: when V(smsnumbers) is gathered
      type: list
      elements: dict
counts:
  description: Number of objects per gathered kind (V(domain) excluded).
  returned: success
  type: dict
  sample: {"users": 1000, "devices": 1000, "callqueues": 4}
api_stats:
  description: Statistics of the API calls the module made.
  returned: always
  type: dict
  contains:
    calls:
      description: Number of HTTP requests sent.
      type: int
      returned: always
    by_endpoint:
      description: Requests per method and path template, for example C(GET /domains/{domain}/users).
      type: dict
      returned: always
    by_status:
      description: Requests per HTTP status (C(no_response) for connection failures).
      type: dict
      returned: always
    retries:
      description: Number of retried requests.
      type: int
      returned: always
    retry_reasons:
      description: Retries per reason (HTTP status, C(timeout), C(connection)).
      type: dict
      returned: always
    reauthentications:
      description: Number of times an expired token was renewed.
      type: int
      returned: always
    errors:
      description: Number of requests that ended in an error.
      type: int
      returned: always
    request_seconds:
      description: Time spent waiting for answers, summed over all requests.
      type: float
      returned: always
    wait_seconds:
      description: Time spent sleeping before retries.
      type: float
      returned: always
    elapsed_seconds:
      description: Wall time since the client was created.
      type: float
      returned: always
    max_concurrency:
      description: The concurrency bound in effect.
      type: int
      returned: always
  sample: {"calls": 1012, "retries": 3, "by_endpoint": {"GET /domains/{domain}/users": 2}}
'''

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsApiError
from ansible_collections.ucaas.migration.plugins.module_utils.client.gather import GATHER_CHOICES, gather_domain
from ansible_collections.ucaas.migration.plugins.module_utils.client.module import (
    client_from_module, connection_argument_spec, fail_from_error,
)
from ansible_collections.ucaas.migration.plugins.module_utils.client.transport import HAS_REQUESTS, REQUESTS_IMPORT_ERROR


def main():
    module = AnsibleModule(
        argument_spec=connection_argument_spec(
            domain=dict(type='str', required=True),
            gather=dict(type='list', elements='str', choices=list(GATHER_CHOICES)),
        ),
        supports_check_mode=True,
    )
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib('requests'), exception=REQUESTS_IMPORT_ERROR)

    client = client_from_module(module)
    try:
        objects = gather_domain(client, module.params['domain'], module.params['gather'])
    except NsApiError as exc:
        fail_from_error(module, exc, client=client)
    finally:
        client.close()
    counts = dict((kind, len(value)) for kind, value in objects.items() if isinstance(value, list))
    module.exit_json(changed=False, objects=objects, counts=counts, api_stats=client.api_stats())


if __name__ == '__main__':
    main()
