#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: cutover_rollback
short_description: Work out how to undo the cutover from its journal, or record that it was undone
version_added: 1.0.0
description:
  - Runs on the controller and talks to no platform.
  - With O(state=plan), reads C(<dest>/cutover_journal.jsonl) and returns the restores, newest first - per system (target or
    source), domain and kind, the C(config) items holding the values the objects had before the cutover's writes since the last
    completed rollback (per object and option the oldest prior value wins). Objects the cutover created are to be deleted.
  - With O(state=completed), appends the completion line (C(kind=rollback), C(outcome=completed)) when something was pending, so
    a later rollback has nothing left to restore.
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: With O(state=completed) returns the line it would append and writes nothing.
  diff_mode:
    support: none
  platform:
    platforms: posix
options:
  dest:
    description: The host's state directory.
    type: path
    required: true
  state:
    description: V(plan) returns the restores; V(completed) records that they were applied.
    type: str
    choices: [plan, completed]
    default: plan
  run_id:
    description: The rollback run's id (recorded with O(state=completed)).
    type: str
"""

EXAMPLES = r"""
- name: Work out the restores
  ucaas.migration.cutover_rollback:
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
  register: rollback_planned

- name: Record the rollback once every restore was applied
  ucaas.migration.cutover_rollback:
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
    state: completed
    run_id: "{{ rollback_run }}"
"""

RETURN = r"""
restores:
  description: C([{system, domain, kind, state (merged|deleted), config, runs}]) in the order to apply.
  returned: always
  type: list
  elements: dict
pending:
  description: How many objects the restores hold.
  returned: always
  type: int
problems:
  description: Torn journal lines that were skipped (line numbers).
  returned: always
  type: list
  elements: str
"""

import datetime
import os

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucaas.migration.plugins.module_utils.cutover.replay import JOURNAL_NAME, completion_entry, restore_plan
from ansible_collections.ucaas.migration.plugins.module_utils.journal import JournalError, append_entries, read_journal


def main():
    module = AnsibleModule(
        argument_spec=dict(
            dest=dict(type="path", required=True),
            state=dict(type="str", default="plan", choices=["plan", "completed"]),
            run_id=dict(type="str"),
        ),
        required_if=[("state", "completed", ("run_id",))],
        supports_check_mode=True,
    )
    params = module.params
    path = os.path.join(params["dest"], JOURNAL_NAME)
    changed = False
    try:
        entries, problems = read_journal(path)
        restores = restore_plan(entries)
        if params["state"] == "completed" and restores:
            at = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            if not module.check_mode:
                append_entries(path, [completion_entry(restores, params["run_id"], at)])
            changed = True
    except JournalError as exc:
        module.fail_json(msg=str(exc), path=path)
    module.exit_json(changed=changed, restores=restores, pending=sum(len(group["config"]) for group in restores), problems=problems)


if __name__ == "__main__":
    main()
