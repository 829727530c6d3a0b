#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ns_timeframe
short_description: Reconcile the shared time frames of a NetSapiens domain
version_added: 0.1.0
description:
  - Creates, updates and deletes the domain-shared time frames (business hours, holidays) of one domain of a NetSapiens
    ns-api v2 platform (the v44.1+ recurring model), or returns the current ones (O(state=gathered)).
  - Time frames are matched on their name (O(config[].name)). User-level time frames are not handled here.
  - Entries use the API's own field names, for example C(timeframe-weekly-monday-begin-time-1). Fields the platform fills in
    (C(timeframe-id), C(timeframe-parent-id), C(ordinal-order), C(timeframe-recurrence-rrule), ...) are ignored when comparing.
  - An update sends the whole list of entries that changed (the API's "replace all" form) and, when O(config[].type)
    changes, the new type (the API's "convert" form; the API cannot convert a V(custom) time frame to another type).
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
    description: One before/after per created, updated or deleted time frame.
options:
  config:
    description:
      - The desired time frames.
      - With O(state=replaced) and O(state=overridden), entry lists left out are emptied; O(config[].type) is left as it is.
    type: list
    elements: dict
    default: []
    suboptions:
      name:
        description:
          - Name of the time frame (C(timeframe-name)); identifies it. Answer rules and auto attendants refer to it by this name.
        type: str
      type:
        description:
          - Kind of time frame. Required to create one.
        type: str
        choices: [always, days-of-week, specific-dates, holiday, custom]
      days_of_week:
        description:
          - C(timeframe-days-of-week-array) entries (one entry with the weekly begin/end times and recurrence fields).
        type: list
        elements: dict
      specific_dates:
        description:
          - C(timeframe-specific-dates-array) entries (begin/end date and time, recurrence type).
        type: list
        elements: dict
      holidays:
        description:
          - C(timeframe-holiday-array) entries (holiday name or uuid, begin date, country, observance options).
        type: list
        elements: dict
'''

EXAMPLES = r'''
- name: Business hours and holidays of the domain
  ucaas.migration.ns_timeframe:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    domain: acme.12345.service
    config:
      - name: Business Hours
        type: days-of-week
        days_of_week:
          - timeframe-weekly-monday-begin-time-1: "0800"
            timeframe-weekly-monday-end-time-1: "1700"
            timeframe-weekly-friday-begin-time-1: "0800"
            timeframe-weekly-friday-end-time-1: "1600"
            timeframe-recurrence-type: weekly
      - name: Christmas
        type: specific-dates
        specific_dates:
          - timeframe-specific-dates-begin-date: "20261225"
            timeframe-specific-dates-begin-time: "0000"
            timeframe-specific-dates-end-date: "20261225"
            timeframe-specific-dates-end-time: "2359"
            timeframe-recurrence-type: doesNotRecur

- name: Remove migration-made time frames that are no longer wanted
  ucaas.migration.ns_timeframe:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    domain: acme.12345.service
    state: overridden
    scope:
      match: "MIG .*"
    config: "{{ acme_timeframes }}"
'''

RETURN = r'''
results:
  description: One entry per listed time frame, then one per deleted unlisted time frame.
  returned: unless O(state=gathered)
  type: list
  elements: dict
  contains:
    key:
      description: Name of the time frame.
      type: str
      returned: always
    outcome:
      description: created, updated, unchanged, deleted, failed or skipped (in check mode, what would happen).
      type: str
      returned: always
      sample: updated
    changes:
      description: Options that changed, each with C(before) and C(after).
      type: dict
      returned: when the time frame was created or updated
    msg:
      description: Why the time frame failed or was skipped (the API's message for a failed request).
      type: str
      returned: when the outcome is failed or skipped
summary:
  description: Number of time frames per outcome.
  returned: unless O(state=gathered)
  type: dict
  sample: {"created": 1, "updated": 1, "unchanged": 0, "deleted": 0, "failed": 0, "skipped": 0}
gathered:
  description: The time frames of the domain (in O(scope)), in the shape of O(config), sorted by name.
  returned: when O(state=gathered)
  type: list
  elements: dict
api_stats:
  description: Statistics of the API calls (see M(ucaas.migration.ns_info)).
  returned: always
  type: dict
  sample: {"calls": 1, "by_endpoint": {"GET /domains/{domain}/timeframes": 1}}
'''

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds import timeframe_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.module import run_resource_module


def main():
    run_resource_module(timeframe_spec())


if __name__ == '__main__':
    main()
