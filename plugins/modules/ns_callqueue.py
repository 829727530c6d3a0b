#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ns_callqueue
short_description: Reconcile the call queues of a NetSapiens domain
version_added: 0.1.0
description:
  - Creates, updates and deletes the call queues (ACD) of one domain of a NetSapiens ns-api v2 platform from a list of
    desired queues, or returns the current queues (O(state=gathered)).
  - Queues are matched on their extension (O(config[].callqueue)). Only the options listed below are compared and written.
    Agents are managed by M(ucaas.migration.ns_callqueue_agent).
  - A queue is backed by a system user on the same extension (service code C(system-queue)), which M(ucaas.migration.ns_user)
    never changes or deletes. After creating a queue the module reads that user and creates it when the platform did not.
    A queue whose extension already belongs to another user (an ordinary user, an auto attendant) is not created; that
    item fails. Runs that create queues list the domain's users once for this check; other runs read only the queue list.
  - Deleting a queue leaves its system user, its agent entries and the phone numbers routed to it (the platform keeps
    them); creating the queue again reuses the system user.
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ucaas.migration.connection
  - ucaas.migration.resource_state
  - ucaas.migration.resource_state.domain
attributes:
  check_mode:
    support: full
    description: Nothing is written; RV(results) and C(changed) say what would happen, including creates that would fail
      because the extension is taken.
  diff_mode:
    support: full
    description: One before/after per created, updated or deleted queue.
options:
  config:
    description:
      - The desired call queues.
      - With O(state=replaced) and O(state=overridden), options left out are reset to the defaults the vendor documents.
        O(config[].description) is cleared; O(config[].sim_ring_first_round), O(config[].max_wait_timeout_minutes),
        O(config[].max_callers), O(config[].max_expected_wait_seconds) and O(config[].callback_max_hours) become V(0);
        O(config[].sim_ring_increment) becomes V(1); O(config[].require_available_agents) and
        O(config[].agent_auto_logout_after_missed) become V(false); O(config[].recording) becomes V(no).
        O(config[].dispatch_type), O(config[].agent_dispatch_timeout_seconds), O(config[].force_full_intro_playback) and
        O(config[].calculate_statistics) are left as they are.
    type: list
    elements: dict
    default: []
    suboptions:
      callqueue:
        description:
          - Extension of the queue (digits); identifies it.
        type: str
      description:
        description:
          - Name of the queue as users see it (C(description)). Also the first name of a system user the module creates.
        type: str
      dispatch_type:
        description:
          - How calls are offered to agents (C(callqueue-dispatch-type)). V(Round-robin) the longest idle agent first,
            V(Tiered Round-robin) round robin by agent priority, V(Ring All) every available agent at once,
            V(Linear Cascade) agents in order, adding more each round, V(Linear Hunt) one agent at a time in order,
            V(Call Park) no dispatch (calls wait to be picked up). The platform uses V(Round-robin) when a new queue does
            not say.
        type: str
        choices: [Round-robin, Tiered Round-robin, Ring All, Linear Cascade, Linear Hunt, Call Park]
      agent_dispatch_timeout_seconds:
        description:
          - Seconds an agent is rung before the queue tries again (C(callqueue-agent-dispatch-timeout-seconds)); at least 1.
        type: int
      sim_ring_first_round:
        description:
          - Agents rung at once in the first round of V(Ring All)/V(Linear Cascade) style dispatch (C(callqueue-sim-ring-1st-round)).
        type: int
      sim_ring_increment:
        description:
          - Agents added to each following round (C(callqueue-sim-ring-increment)).
        type: int
      max_wait_timeout_minutes:
        description:
          - Longest wait in the queue before the caller is sent on (C(callqueue-max-wait-timeout-minutes)); V(0) is unlimited.
        type: int
      max_callers:
        description:
          - Callers waiting before new callers follow the queue's busy forward (C(callqueue-max-current-callers-to-accept-new-callers));
            V(0) is unlimited.
        type: int
      max_expected_wait_seconds:
        description:
          - Expected wait above which new callers follow the queue's busy forward
            (C(callqueue-max-current-wait-to-accept-new-callers-seconds)); V(0) is unlimited.
        type: int
      require_available_agents:
        description:
          - New callers are accepted only while an agent is available (C(callqueue-require-available-agents-to-accept-new-callers)).
        type: bool
      callback_max_hours:
        description:
          - Callers may ask for a callback, which is kept for up to this many hours (C(callqueue-max-callback-queueing-hours));
            V(0) turns callbacks off. At most 6.
        type: int
      agent_auto_logout_after_missed:
        description:
          - Log an agent out of the queue after a missed call (C(callqueue-agent-auto-logout-after-missed)).
        type: bool
      force_full_intro_playback:
        description:
          - Play the whole introduction greeting before dispatching (C(callqueue-force-full-intro-playback)).
        type: bool
      calculate_statistics:
        description:
          - Keep queue statistics (C(callqueue-calculate-statistics)).
        type: bool
      recording:
        description:
          - Call recording of the queue's calls (C(recording-configuration)).
        type: str
        choices: ['no', 'yes', yes-with-transcription, yes-with-transcription-and-sentiment]
'''

EXAMPLES = r'''
- name: Call queues of the customer (one task for the whole list)
  ucaas.migration.ns_callqueue:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    domain: acme.12345.service
    config:
      - callqueue: "300"
        description: Sales
        dispatch_type: Ring All
        agent_dispatch_timeout_seconds: 20
        max_wait_timeout_minutes: 10
      - callqueue: "301"
        description: Support
        dispatch_type: Linear Hunt
        require_available_agents: true

- name: Make the 3xx queues exactly as listed, deleting the others of that range
  ucaas.migration.ns_callqueue:
    domain: acme.12345.service
    state: overridden
    scope:
      match: "3[0-9]{2}"
    config: "{{ acme_queues }}"

- name: Read the queues in the shape of config
  ucaas.migration.ns_callqueue:
    domain: acme.12345.service
    state: gathered
  register: acme_queues_now
'''

RETURN = r'''
results:
  description: One entry per listed queue, then one per deleted unlisted queue.
  returned: unless O(state=gathered)
  type: list
  elements: dict
  contains:
    key:
      description: Extension of the queue.
      type: str
      returned: always
      sample: "300"
    outcome:
      description: What happened (in check mode, what would happen).
      type: str
      returned: always
      sample: created
    changes:
      description: Options that changed, each with C(before) and C(after).
      type: dict
      returned: when the queue was created or updated
    msg:
      description: Why the queue failed or was skipped (the API's message for a failed request).
      type: str
      returned: when the outcome is failed or skipped
summary:
  description: Number of queues per outcome.
  returned: unless O(state=gathered)
  type: dict
  sample: {"created": 4, "updated": 1, "unchanged": 0, "deleted": 0, "failed": 0, "skipped": 0}
gathered:
  description: The call queues of the domain (in O(scope)), in the shape of O(config), sorted by extension.
  returned: when O(state=gathered)
  type: list
  elements: dict
api_stats:
  description: Statistics of the API calls (see M(ucaas.migration.ns_info)).
  returned: always
  type: dict
  sample: {"calls": 1, "by_endpoint": {"GET /domains/{domain}/callqueues": 1}}
'''

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_callcenter import callqueue_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.module import run_resource_module


def main():
    run_resource_module(callqueue_spec())


if __name__ == '__main__':
    main()
