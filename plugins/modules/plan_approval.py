#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: plan_approval
short_description: Record the partner's approval of a migration plan and the plan applied; refuse when they differ
version_added: 1.0.0
description:
  - Keeps two records in the host's state directory O(dest).
    C(approval.json) C({approved_by, approved_at, plan_fingerprint, note}) says who approved which plan and when.
    C(applied.json) C({plan_fingerprint, applied_at, run_id}) says which plan the target domain was configured from.
  - O(state=approved) records an approval (needs O(approved_by)). Recording the same plan, approver and note again changes nothing.
  - O(state=applied) records the plan a recreate run applied without failures. The record of the same plan is kept as it is.
  - O(state=check) fails, listing every reason, when no approval is recorded, when no applied plan is recorded, when the plan
    applied differs from the plan approved, or when O(plan_fingerprint) is given and differs from the plan approved.
    Later phases (cutover) run it before they change anything.
  - O(state=status) returns both records and the same reasons, without failing.
  - The plan fingerprint is O(plan_fingerprint), else the C(fingerprint) of O(plan_path) (default C(<dest>/plan.json)).
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: O(state=approved) and O(state=applied) report whether the record would change and write nothing.
  diff_mode:
    support: full
  platform:
    platforms: posix
options:
  dest:
    description: The host's state directory (C(<ucaas_state_dir>/<inventory_hostname>)).
    type: path
    required: true
  state:
    description: What to do (see the description).
    type: str
    choices: [approved, applied, check, status]
    default: check
  plan_fingerprint:
    description:
      - The plan's fingerprint, C(sha256:<64 hex digits>).
      - For O(state=approved) and O(state=applied), defaults to the fingerprint of O(plan_path).
      - For O(state=check) and O(state=status), when given (or O(plan_path) is given and exists), the plan approved must also be
        this plan.
    type: str
  plan_path:
    description: The plan file whose fingerprint is used when O(plan_fingerprint) is not given. Defaults to C(<dest>/plan.json).
    type: path
  approved_by:
    description: Who approved (name and e-mail of the partner contact). Required with O(state=approved).
    type: str
  note:
    description: Free text kept with the approval (a ticket number, conditions of the approval).
    type: str
    default: ""
  run_id:
    description: The recreate run that applied the plan. Required with O(state=applied).
    type: str
  require_applied:
    description: With O(state=check), also require an applied plan equal to the plan approved.
    type: bool
    default: true
"""

EXAMPLES = r"""
- name: Record the partner's approval of the plan in plan.json
  ucaas.migration.plan_approval:
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
    state: approved
    approved_by: Dana Whitfield <dana.whitfield@keystone-voice.example>
    note: Reviewed in the partner portal, ticket KV-1182

- name: Refuse to cut over unless the plan applied is the plan approved
  ucaas.migration.plan_approval:
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
    state: check
"""

RETURN = r"""
approval:
  description: The approval record (after the change with O(state=approved)); null when none is recorded.
  returned: always
  type: dict
  sample:
    approved_by: Dana Whitfield <dana.whitfield@keystone-voice.example>
    approved_at: "2026-12-02T15:20:00Z"
    plan_fingerprint: sha256:3f5a0c0e4d9b8a7f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918070
    note: ticket KV-1182
applied:
  description: The applied record (after the change with O(state=applied)); null when none is recorded.
  returned: always
  type: dict
  sample:
    plan_fingerprint: sha256:3f5a0c0e4d9b8a7f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918070
    applied_at: "2026-12-01T22:10:41Z"
    run_id: 20261201T220955Z-5e2f01aa
plan_fingerprint:
  description: The plan fingerprint the module worked with (given or read from O(plan_path)); null when neither was available.
  returned: always
  type: str
problems:
  description: Why a later phase must not proceed; empty when the plan applied is the plan approved.
  returned: always
  type: list
  elements: str
"""

import datetime
import os

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucaas.migration.plugins.module_utils import approval


def _now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _fingerprint(params, required):
    if params["plan_fingerprint"]:
        return approval.check_fingerprint(params["plan_fingerprint"])
    plan_path = params["plan_path"] or os.path.join(params["dest"], approval.PLAN_NAME)
    if not required and not os.path.exists(plan_path):
        return None
    return approval.plan_fingerprint_of(plan_path)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            dest=dict(type="path", required=True),
            state=dict(type="str", default="check", choices=["approved", "applied", "check", "status"]),
            plan_fingerprint=dict(type="str"),
            plan_path=dict(type="path"),
            approved_by=dict(type="str"),
            note=dict(type="str", default=""),
            run_id=dict(type="str"),
            require_applied=dict(type="bool", default=True),
        ),
        required_if=[("state", "approved", ["approved_by"]), ("state", "applied", ["run_id"])],
        supports_check_mode=True,
    )
    params = module.params
    dest = params["dest"]
    state = params["state"]
    changed = False
    diff = None
    try:
        if state in ("approved", "applied"):
            fingerprint = _fingerprint(params, required=True)
            if state == "approved":
                changed, record, previous = approval.record_approval(dest, fingerprint, params["approved_by"], _now(), note=params["note"],
                                                                     check_mode=module.check_mode)
                name = approval.APPROVAL_NAME
            else:
                changed, record, previous = approval.record_applied(dest, fingerprint, params["run_id"], _now(), check_mode=module.check_mode)
                name = approval.APPLIED_NAME
            if changed:
                diff = dict(before=previous or {}, after=record, before_header=os.path.join(dest, name), after_header=os.path.join(dest, name))
            records = approval.status(dest)
            if module.check_mode:
                records["approval" if state == "approved" else "applied"] = record
            found = approval.problems(records, dest)
        else:
            # check/status compare with the current plan only when the caller names it
            fingerprint = None
            if params["plan_fingerprint"] or params["plan_path"]:
                fingerprint = _fingerprint(params, required=False)
            records = approval.status(dest)
            found = approval.problems(records, dest, plan_fingerprint=fingerprint, require_applied=params["require_applied"])
    except approval.ApprovalError as exc:
        module.fail_json(msg=str(exc))
    result = dict(changed=changed, approval=records["approval"], applied=records["applied"], plan_fingerprint=fingerprint, problems=found)
    if diff and module._diff:
        result["diff"] = diff
    if state == "check" and found:
        module.fail_json(msg="refusing to proceed for %s:\n%s" % (dest, "\n".join(found)), **result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
