#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ns_answerrule
short_description: Reconcile the answer rules of the users of a NetSapiens domain
version_added: 0.1.0
description:
  - Creates, updates, reorders and deletes the answer rules (answering and forwarding per time frame) of the users of one
    domain of a NetSapiens ns-api v2 platform, or returns the current ones (O(state=gathered)).
  - A rule belongs to a user (O(config[].user)) and is named by its time frame (O(config[].time_frame), V(*) for the
    default rule); its key and label is C(<user>/<time_frame>), for example C(201/*). O(scope.keys) take the same spelling,
    O(scope.match) matches it.
  - The rules are read with one list per user named in O(config) (every user for O(state=overridden), O(state=gathered) and
    a scoped O(state=deleted) without items).
  - The default rule V(*) is required by the platform, so it is never deleted. O(state=overridden) leaves a user's V(*) alone
    when it is not listed, and O(state=deleted) refuses to list it.
  - Each feature is a mapping with the keys C(enabled) (bool, required) and C(parameters) (list of strings). Parameters use
    the API's alias grammar, for example V(user_201), V(vmail_201), V(queue_300), V(18005551234) or V(<OwnDevices>).
  - A feature the platform leaves out of a rule counts as off with no parameters, and so does a feature given without
    C(parameters) (the parameters of a feature are compared as a whole list, in order).
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ucaas.migration.connection
  - ucaas.migration.resource_state
  - ucaas.migration.resource_state.domain
attributes:
  check_mode:
    support: full
    description: Nothing is written (not even a reorder); RV(results) and C(changed) say what would happen.
  diff_mode:
    support: full
    description: One before/after per created, updated, reordered or deleted rule.
options:
  config:
    description:
      - The desired answer rules.
      - With O(state=replaced) and O(state=overridden), options left out are reset. O(config[].enabled) becomes V(true); every
        feature left out is turned off with no parameters (for V(*) that includes O(config[].simultaneous_ring), so list
        it); O(config[].order) is left as it is.
    type: list
    elements: dict
    default: []
    suboptions:
      user:
        description:
          - Extension of the user the rule belongs to. The user must exist.
        type: str
      time_frame:
        description:
          - Name of the time frame the rule applies in (a domain or user time frame, see M(ucaas.migration.ns_timeframe)),
            or V(*) for the default rule. Identifies the rule together with O(config[].user).
        type: str
      enabled:
        description:
          - Whether the rule is active in its time frame. A new rule is enabled when not given.
        type: bool
      order:
        description:
          - Priority among the user's rules, lower first. The rules given an order are sorted into the positions they hold
            (a new rule starts at the bottom, above V(*)); rules without one keep their positions; V(*) is always last and
            takes no order.
          - Applied after the other writes with one reorder request per user, only when the order read differs.
          - The value read back (RV(gathered), C(before)) is the rule's position, 1 for the first rule.
        type: int
      simultaneous_ring:
        description:
          - Ring several targets at once, for example C(enabled=true) with the parameters C(<OwnDevices>) and
            C(18005551234;delay=15).
        type: dict
      forward_always:
        description:
          - Forward every call, for example C(enabled=true) with the parameter C(vmail_201) (the user's voicemail).
        type: dict
      forward_on_busy:
        description:
          - Forward when the user is busy (C({enabled, parameters})).
        type: dict
      forward_no_answer:
        description:
          - Forward when the call is not answered in time (C({enabled, parameters})).
        type: dict
      forward_when_unregistered:
        description:
          - Forward when no device of the user is registered (C({enabled, parameters})).
        type: dict
      forward_on_active:
        description:
          - Forward when the user is already on a call (C({enabled, parameters})).
        type: dict
      forward_on_dnd:
        description:
          - Forward when do not disturb is on (C({enabled, parameters})).
        type: dict
      do_not_disturb:
        description:
          - Do not ring the user (C({enabled}); the API takes no parameters).
        type: dict
      call_screening:
        description:
          - Ask callers to record their name (C({enabled}); the API takes no parameters).
        type: dict
'''

EXAMPLES = r'''
- name: Ring the desk phone and the cell, forward to voicemail after hours
  ucaas.migration.ns_answerrule:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    domain: acme.12345.service
    config:
      - user: "201"
        time_frame: After Hours
        order: 1
        forward_always: {enabled: true, parameters: [vmail_201]}
      - user: "201"
        time_frame: "*"
        simultaneous_ring: {enabled: true, parameters: ["<OwnDevices>", "15551230201;delay=10"]}
        forward_no_answer: {enabled: true, parameters: [vmail_201]}

- name: Make the rules of users 2xx exactly as listed (their default rules are kept)
  ucaas.migration.ns_answerrule:
    domain: acme.12345.service
    state: overridden
    scope:
      match: "2[0-9]{2}/.*"
    config: "{{ acme_answer_rules }}"

- name: Read the answer rules of user 201
  ucaas.migration.ns_answerrule:
    domain: acme.12345.service
    state: gathered
    scope:
      match: "201/.*"
  register: rules_201
'''

RETURN = r'''
results:
  description: One entry per listed rule, then one per deleted unlisted rule.
  returned: unless O(state=gathered)
  type: list
  elements: dict
  contains:
    key:
      description: The rule as C(<user>/<time_frame>).
      type: str
      returned: always
      sample: 201/After Hours
    outcome:
      description: What happened (in check mode, what would happen). A rule only moved by a reorder is V(updated).
      type: str
      returned: always
      sample: updated
    changes:
      description: Options that changed, each with C(before) and C(after).
      type: dict
      returned: when the rule was created or updated
    msg:
      description: Why the rule failed or was skipped (the API's message for a failed request).
      type: str
      returned: when the outcome is failed or skipped
summary:
  description: Number of rules per outcome.
  returned: unless O(state=gathered)
  type: dict
  sample: {"created": 12, "updated": 3, "unchanged": 40, "deleted": 0, "failed": 0, "skipped": 0}
gathered:
  description:
    - The rules (in O(scope)) in the shape of O(config), sorted by user and time frame, every feature included; O(config[].order)
      is the rule's position (left out for V(*)).
  returned: when O(state=gathered)
  type: list
  elements: dict
api_stats:
  description: Statistics of the API calls (see M(ucaas.migration.ns_info)).
  returned: always
  type: dict
  sample: {"calls": 2, "by_endpoint": {"GET /domains/{domain}/users/{user}/answerrules": 2}}
'''

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_user_media import answerrule_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.module import run_resource_module


def main():
    spec = answerrule_spec()
    run_resource_module(spec, configure=spec.hooks.configure)


if __name__ == '__main__':
    main()
