#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: ns_callqueue_agent
short_description: Reconcile the agents of the call queues of a NetSapiens domain
version_added: 0.1.0
description:
  - Adds, updates and removes the agents of the call queues of one domain of a NetSapiens ns-api v2 platform, or returns
    the current agents (O(state=gathered)).
  - An agent belongs to a queue (O(config[].callqueue)) and is named by O(config[].agent). Results name it
    C(<callqueue>/<full agent id>), for example C(300/201@acme.12345.service). O(scope.keys) take C(<callqueue>/<agent>) in
    either spelling (C(300/201) or C(300/201@acme.12345.service)); O(scope.match) matches the full spelling.
  - The agents of the whole domain are read with one list (C(GET /domains/{domain}/agents)), never one read per queue.
  - The queue must exist (see M(ucaas.migration.ns_callqueue)); adding an agent to a missing queue fails that item with
    the API's message.
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
    description: One before/after per added, updated or removed agent.
options:
  config:
    description:
      - The desired agents.
      - With O(state=replaced) and O(state=overridden), options left out are reset to the defaults the vendor documents.
        O(config[].wrap_up_seconds) becomes V(0); O(config[].auto_answer) and O(config[].answer_confirmation) become
        V(false). O(config[].availability), O(config[].order), O(config[].priority) and O(config[].max_active_calls) are
        left as they are.
    type: list
    elements: dict
    default: []
    suboptions:
      callqueue:
        description:
          - Extension of the queue the agent belongs to. Identifies the agent together with O(config[].agent).
        type: str
      agent:
        description:
          - The agent. An extension such as V(201) is the user agent C(201@<domain>); V(sip:201wp) (or
            V(sip:201wp@<domain>)) is the device agent of the SIP device C(201wp). A full id C(user@domain) is accepted too.
          - Compared without the domain, so V(201) and V(201@acme.12345.service) are the same agent. An agent of another
            domain fails the task before anything is read; the platform's agents of other domains are only reached with
            O(scope.match).
        type: str
      availability:
        description:
          - Status of the agent in the queue (C(callqueue-agent-availability-type)). V(automatic) logged in, V(manual)
            logged in by the agent, V(disabled) logged out, V(offnet-automatic) logged in for an off-net destination.
          - Agents change it themselves when they log in and out; give it only to set a starting status.
        type: str
        choices: [automatic, manual, disabled, offnet-automatic]
      order:
        description:
          - Position of the agent for V(Linear Hunt)/V(Linear Cascade) queues (C(callqueue-agent-dispatch-order-ordinal)).
        type: int
      priority:
        description:
          - Priority of this queue for the agent against the agent's other queues (C(callqueue-agent-dispatch-queue-priority-ordinal)).
        type: int
      wrap_up_seconds:
        description:
          - Seconds the agent is held after a call before the next one (C(callqueue-agent-wrap-up-allowance-seconds)).
        type: int
      max_active_calls:
        description:
          - Most calls the agent is given at a time (C(limits-max-active-calls-total)); at least 1.
        type: int
      auto_answer:
        description:
          - Queue calls are answered automatically on the agent's phone (C(auto-answer-enabled)).
        type: bool
      answer_confirmation:
        description:
          - The agent confirms a queue call with a key press before it connects (C(callqueue-agent-answer-confirmation-enabled)).
        type: bool
'''

EXAMPLES = r'''
- name: Agents of the customer's queues (one task for every queue)
  ucaas.migration.ns_callqueue_agent:
    url: https://api.example.net
    api_key: "{{ vault_ns_api_key }}"
    domain: acme.12345.service
    config:
      - {callqueue: "300", agent: "201", order: 1}
      - {callqueue: "300", agent: "202", order: 2, wrap_up_seconds: 30}
      - {callqueue: "301", agent: "sip:201wp", auto_answer: true}

- name: Make queue 300's agents exactly as listed, removing the others of that queue
  ucaas.migration.ns_callqueue_agent:
    domain: acme.12345.service
    state: overridden
    scope:
      match: "300/.*"
    config:
      - {callqueue: "300", agent: "201"}

- name: Read the agents in the shape of config
  ucaas.migration.ns_callqueue_agent:
    domain: acme.12345.service
    state: gathered
  register: acme_agents_now
'''

RETURN = r'''
results:
  description: One entry per listed agent, then one per removed unlisted agent.
  returned: unless O(state=gathered)
  type: list
  elements: dict
  contains:
    key:
      description: C(<callqueue>/<agent>) with the full agent id.
      type: str
      returned: always
      sample: "300/201@acme.12345.service"
    outcome:
      description: What happened (in check mode, what would happen).
      type: str
      returned: always
      sample: created
    changes:
      description: Options that changed, each with C(before) and C(after).
      type: dict
      returned: when the agent was added or updated
    msg:
      description: Why the agent failed or was skipped (the API's message for a failed request).
      type: str
      returned: when the outcome is failed or skipped
summary:
  description: Number of agents per outcome.
  returned: unless O(state=gathered)
  type: dict
  sample: {"created": 12, "updated": 0, "unchanged": 3, "deleted": 0, "failed": 0, "skipped": 0}
gathered:
  description: The agents of the domain's queues (in O(scope)), in the shape of O(config) with full agent ids, sorted by queue
    and agent.
  returned: when O(state=gathered)
  type: list
  elements: dict
api_stats:
  description: Statistics of the API calls (see M(ucaas.migration.ns_info)).
  returned: always
  type: dict
  sample: {"calls": 1, "by_endpoint": {"GET /domains/{domain}/agents": 1}}
'''

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_callcenter import agent_spec, agent_spec_for
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.module import run_resource_module


def main():
    # Agents are compared without their domain; the spec is bound to the module's domain once it is known.
    run_resource_module(agent_spec(), configure=agent_spec_for)


if __name__ == '__main__':
    main()
