#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: cutover_journal
short_description: Append the cutover's changes and events to the host's cutover journal
version_added: 1.0.0
description:
  - Appends to C(<dest>/cutover_journal.jsonl) one line per item a resource module created, updated, deleted or failed to write
    (from its registered C(results)), each with the prior values of the options changed, and the system written to (C(target) or
    C(source)). M(ucaas.migration.cutover_rollback) replays these lines in reverse.
  - O(events) (for example the manual provisioning push of a phone) are appended once; an event already journaled since the last
    completed rollback is not repeated, so a re-run writes nothing.
  - O(window) (the record of M(ucaas.migration.cutover_window)) is journaled once per run, before the run's first line; a run
    outside its window (overridden, with its reason) is journaled even when it writes nothing else.
  - Lines are appended in one synced write; see M(ucaas.migration.migration_journal) for the line format.
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Returns the lines it would append and writes nothing.
  diff_mode:
    support: none
  platform:
    platforms: posix
options:
  dest:
    description: The host's state directory.
    type: path
    required: true
  run_id:
    description: Identifies the run; every line of one playbook run carries the same id.
    type: str
    required: true
  phase:
    description: V(cutover) for the cutover's writes, V(rollback) for the restoring writes.
    type: str
    choices: [cutover, rollback]
    default: cutover
  system:
    description: Where the resource module wrote.
    type: str
    choices: [target, source]
    default: target
  domain:
    description: The domain the items belong to.
    type: str
  kind:
    description: The kind of the items (as in C(plan.json) C(resources)), for example V(phonenumbers). Required with O(results).
    type: str
  results:
    description: The resource module's registered C(results).
    type: list
    elements: dict
    default: []
  task_failed:
    description: Whether the resource module's task failed.
    type: bool
    default: false
  task_msg:
    description: The failed task's C(msg), journaled when it failed without per-item results.
    type: str
    default: ""
  events:
    description: Events C({kind, key, outcome, msg, system, domain, after}) to journal once.
    type: list
    elements: dict
    default: []
  window:
    description: The C(record) returned by M(ucaas.migration.cutover_window).
    type: dict
"""

EXAMPLES = r"""
- name: Journal the temporary DID routing
  ucaas.migration.cutover_journal:
    dest: "{{ cutover_dest }}"
    run_id: "{{ cutover_run }}"
    system: target
    domain: "{{ cutover_domain }}"
    kind: phonenumbers
    results: "{{ cutover_applied.results | default([]) }}"
    task_failed: "{{ cutover_applied.failed | default(false) }}"
    window: "{{ cutover_window_check.record }}"
"""

RETURN = r"""
path:
  description: The cutover journal.
  returned: always
  type: str
  sample: /srv/ucaas/acme-dental-group/cutover_journal.jsonl
appended:
  description: How many lines were appended (in check mode, would be).
  returned: always
  type: int
entries:
  description: The lines appended.
  returned: always
  type: list
  elements: dict
"""

import datetime
import os

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucaas.migration.plugins.module_utils.cutover.replay import JOURNAL_NAME, new_events, with_window, write_entries
from ansible_collections.ucaas.migration.plugins.module_utils.journal import JournalError, append_entries, read_journal


def main():
    module = AnsibleModule(
        argument_spec=dict(
            dest=dict(type="path", required=True),
            run_id=dict(type="str", required=True),
            phase=dict(type="str", default="cutover", choices=["cutover", "rollback"]),
            system=dict(type="str", default="target", choices=["target", "source"]),
            domain=dict(type="str"),
            kind=dict(type="str"),
            results=dict(type="list", elements="dict", default=[]),
            task_failed=dict(type="bool", default=False),
            task_msg=dict(type="str", default=""),
            events=dict(type="list", elements="dict", default=[]),
            window=dict(type="dict"),
        ),
        required_if=[("task_failed", True, ("kind",))],
        supports_check_mode=True,
    )
    params = module.params
    path = os.path.join(params["dest"], JOURNAL_NAME)
    at = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if params["results"] and not params["kind"]:
        module.fail_json(msg="kind: required with results")
    try:
        existing, dummy_problems = read_journal(path)
        entries = []
        if params["kind"]:
            entries += write_entries(params["results"], params["kind"], params["run_id"], at, params["system"], params["domain"],
                                     phase=params["phase"], task_failed=params["task_failed"], task_msg=params["task_msg"])
        entries += new_events(existing, params["events"], params["run_id"], at, phase=params["phase"])
        entries = with_window(existing, entries, params["window"], params["run_id"], at, phase=params["phase"])
        if not module.check_mode:
            append_entries(path, entries)
    except JournalError as exc:
        module.fail_json(msg=str(exc), path=path)
    module.exit_json(changed=bool(entries), path=path, appended=len(entries), entries=entries)


if __name__ == "__main__":
    main()
