#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ns_site
short_description: Reconcile the sites of a NetSapiens domain
version_added: 0.1.0
description:
  - Creates and updates the sites of one domain of a NetSapiens ns-api v2 platform from a list of desired sites, or returns
    the current sites (O(state=gathered)).
  - Sites are matched on their name (O(config[].site)) without regard to case; an existing site keeps its spelling.
  - The API has no operation to delete a site, so O(state=overridden) and O(state=deleted) are refused before anything is read.
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
    description: One before/after per created or updated site.
options:
  config:
    description:
      - The desired sites.
      - With O(state=replaced), string options left out are cleared; O(config[].time_zone) and O(config[].area_code) are left as they are.
    type: list
    elements: dict
    default: []
    suboptions:
      site:
        description:
          - Name of the site; identifies it.
        type: str
      caller_id_name:
        description:
          - Default outbound caller ID name of the site's users.
        type: str
      caller_id_number:
        description:
          - Default outbound caller ID number. Spaces, dashes, dots, parentheses and a leading C(+) are removed.
        type: str
      caller_id_number_emergency:
        description:
          - Default caller ID number for emergency calls, normalised like O(config[].caller_id_number).
        type: str
      email:
        description:
          - Contact e-mail address(es) of the site, separated by C(;).
        type: str
      time_zone:
        description:
          - Time zone of the site, for example V(America/Denver).
        type: str
      area_code:
        description:
          - Default area code for 7-digit dialling.
        type: int
      dial_plan:
        description:
          - Dial plan of the site.
        type: str
      dial_policy:
        description:
          - Dial permission policy of the site.
        type: str
      emergency_address_id:
        description:
          - Id of the site's emergency (E911) address.
        type: str
'''

EXAMPLES = r'''
- name: Sites before users
  ucaas.migration.ns_site:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    domain: acme.12345.service
    config:
      - site: HQ
        time_zone: America/New_York
        caller_id_number: "15551230000"
      - site: Warehouse
        time_zone: America/Denver

- name: Read the sites in the shape of config
  ucaas.migration.ns_site:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    domain: acme.12345.service
    state: gathered
  register: acme_sites
'''

RETURN = r'''
results:
  description: One entry per listed site.
  returned: unless O(state=gathered)
  type: list
  elements: dict
  contains:
    key:
      description: Name of the site.
      type: str
      returned: always
    outcome:
      description: created, updated, unchanged or failed (in check mode, what would happen).
      type: str
      returned: always
      sample: created
    changes:
      description: Options that changed, each with C(before) and C(after).
      type: dict
      returned: when the site was created or updated
    msg:
      description: Why the site failed (the API's message for a failed request).
      type: str
      returned: when the outcome is failed
summary:
  description: Number of sites per outcome.
  returned: unless O(state=gathered)
  type: dict
  sample: {"created": 2, "updated": 0, "unchanged": 1, "deleted": 0, "failed": 0, "skipped": 0}
gathered:
  description: The sites of the domain (in O(scope)), in the shape of O(config), sorted by name.
  returned: when O(state=gathered)
  type: list
  elements: dict
api_stats:
  description: Statistics of the API calls (see M(ucaas.migration.ns_info)).
  returned: always
  type: dict
  sample: {"calls": 1, "by_endpoint": {"GET /domains/{domain}/sites": 1}}
'''

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds import site_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.module import run_resource_module


def main():
    run_resource_module(site_spec())


if __name__ == '__main__':
    main()
