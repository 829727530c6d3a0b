#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: cutover_preflight
short_description: Refuse a cutover whose target is not ready, and work out the changes it makes
version_added: 1.0.0
description:
  - Runs on the controller and talks to no platform; it judges the lists the resource modules gathered.
  - Fails, one line per problem, when a planned object (C(plan.json) C(resources), compared by key per kind; once finalize_port has
    finished a number, its original instead of its temporary DID, from C(port_state.json) beside the plan) is missing on the target,
    when a temporary DID is not allocated in the domain or not routed (disabled, an available number, or a destination the domain does
    not have), when no temporary DID can hold emergency caller ID, or when an original to forward through the source's API is not in
    the source domain.
  - Returns the C(config) items of each cutover step, holding only the options the cutover sets, so items already in that state are
    reported unchanged by the resource modules.
  - The approval and the window are checked by their own tasks (M(ucaas.migration.plan_approval), M(ucaas.migration.cutover_window)).
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Only judges; the same in check mode.
  diff_mode:
    support: none
  platform:
    platforms: posix
options:
  cutover:
    description: The C(cutover) returned by M(ucaas.migration.cutover_plan).
    type: dict
    required: true
  plan_path:
    description: The host's C(plan.json); C(port_state.json) is read from the same folder.
    type: path
    required: true
  gathered:
    description: Per kind of C(plan.json) C(resources), the C(gathered) list of the target domain from the kind's resource module.
    type: dict
    required: true
  source_gathered:
    description: The C(gathered) phone numbers of the NetSapiens source domain (when originals are forwarded through its API).
    type: list
    elements: dict
"""

EXAMPLES = r"""
- name: Refuse unless the target holds the plan and the temporary DIDs are routed
  ucaas.migration.cutover_preflight:
    cutover: "{{ cutover_worked_out.cutover }}"
    plan_path: "{{ ucaas_state_dir }}/{{ inventory_hostname }}/plan.json"
    gathered: "{{ cutover_gathered }}"
    source_gathered: "{{ cutover_source_numbers.gathered }}"
  register: cutover_ready
"""

RETURN = r"""
problems:
  description: Why the cutover must not start, one line each (empty when it may).
  returned: always
  type: list
  elements: str
missing:
  description: Per kind, the keys of planned objects the target does not hold.
  returned: always
  type: dict
changes:
  description:
    - Config items per step for the target, C(phonenumbers) (temporary DID routing), C(domains) (default and emergency caller ID),
      C(users) (outbound and emergency caller ID), C(sites) and C(devices) (emergency caller ID off ported numbers).
  returned: always
  type: dict
emergency_on_temporary:
  description: C([{kind, key, number}]) of the objects whose emergency caller ID is a temporary DID once the changes are applied.
  returned: always
  type: list
  elements: dict
state:
  description:
    - The content of C(cutover_state.json) after the cutover - C(format) (C(ucaas.migration/cutover-state-v1)), C(status)
      (C(cut_over)), C(domain), C(plan_fingerprint), C(source), C(numbers) C([{original, temporary, label, destination, forwarding}]),
      C(without_temporary), C(emergency_number), C(emergency_on_temporary), C(phones) C([{mac, model, devices, push}]).
  returned: always
  type: dict
source_changes:
  description: Config items for M(ucaas.migration.ns_phonenumber) on the source domain (each original forwarded to its temporary DID).
  returned: always
  type: list
  elements: dict
"""

import json
import os

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactError, read_bytes
from ansible_collections.ucaas.migration.plugins.module_utils.cutover.preflight import (
    changes, check, cutover_state, emergency_holders, missing_objects, source_changes,
)
from ansible_collections.ucaas.migration.plugins.module_utils.stage import StageError, load_stage, staged_resources


def main():
    module = AnsibleModule(
        argument_spec=dict(
            cutover=dict(type="dict", required=True),
            plan_path=dict(type="path", required=True),
            gathered=dict(type="dict", required=True),
            source_gathered=dict(type="list", elements="dict"),
        ),
        supports_check_mode=True,
    )
    params = module.params
    try:
        content = read_bytes(params["plan_path"])
    except ArtifactError as exc:
        module.fail_json(msg=str(exc))
    if content is None:
        module.fail_json(msg="%s does not exist: run playbooks/recreate.yml first" % params["plan_path"])
    try:
        plan = json.loads(content.decode("utf-8"))
    except ValueError as exc:
        module.fail_json(msg="%s: not valid JSON (%s)" % (params["plan_path"], exc))
    model = params["cutover"]
    gathered = dict((kind, items or []) for kind, items in params["gathered"].items())
    try:
        # after finalize_port, a finished number's original replaces its temporary DID among the planned objects
        stage = load_stage(os.path.dirname(params["plan_path"]))
    except StageError as exc:
        module.fail_json(msg=str(exc))
    plan = dict(plan, resources=staged_resources(plan, None, stage["port"]))
    problems = check(model, plan, gathered, params["source_gathered"])
    target_changes = changes(model, gathered)
    holders = emergency_holders(model, gathered, target_changes)
    state = cutover_state(model, holders)
    if model.get("finished") and (stage["cutover"] or {}).get("status") == state["status"]:
        # finalize_port has moved finished numbers on: the record of the cutover as it was made stays as it is
        state = stage["cutover"]
    result = dict(changed=False, problems=problems, missing=missing_objects(plan, gathered), changes=target_changes,
                  emergency_on_temporary=holders, state=state,
                  source_changes=source_changes(model) if model["source"]["api_forwarding"] else [])
    if problems:
        module.fail_json(msg="The cutover cannot start: %s" % "; ".join(problems), problems=problems,
                         missing=result["missing"])
    module.exit_json(**result)


if __name__ == "__main__":
    main()
