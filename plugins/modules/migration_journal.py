#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: migration_journal
short_description: Append the writes of a resource module to the migration host's change journal
version_added: 1.0.0
description:
  - Appends one line to C(<dest>/journal.jsonl) per item a resource module (for example M(ucaas.migration.ns_user)) created,
    updated, deleted or failed to write, taken from the module's registered C(results).
  - >-
    Each line is a JSON object C({at, run_id, phase, kind, key, outcome, before, after, msg, domain}); C(before) and C(after) hold
    the options that changed, as the module reported them (write-only values are already masked; option names that look like
    secrets are masked again here).
  - Unchanged and skipped items are not journaled. A task that failed before it reported any item gets one C(failed) line with
    a null C(key) and the task's message.
  - The journal is append-only. Each call appends its lines in one synced write; a torn last line left by an interrupted run is
    kept, and the next lines start on a fresh line.
author:
  - ucaas.migration contributors (@ucaas-migration)
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Returns the entries it would append and writes nothing (a check-mode apply wrote nothing to journal).
  diff_mode:
    support: none
  platform:
    platforms: posix
options:
  dest:
    description: The host's state directory; the journal is C(<dest>/journal.jsonl), created with the directory when missing.
    type: path
    required: true
  kind:
    description: The kind of the items, as in the plan's C(resources), for example V(users) or V(agents).
    type: str
    required: true
  results:
    description:
      - The C(results) of the resource module's registered result, C([{key, outcome, changes, msg}]).
      - Use C(default([])) when the task may have failed before it returned results.
    type: list
    elements: dict
    default: []
  task_failed:
    description: Whether the resource module's task failed (its registered C(failed)).
    type: bool
    default: false
  task_msg:
    description: The task's C(msg), journaled when it failed without per-item results.
    type: str
    default: ""
  run_id:
    description: Identifies the run; every entry of one playbook run carries the same id.
    type: str
    required: true
  phase:
    description: The migration phase that wrote, for example V(recreate) or V(cutover).
    type: str
    default: recreate
  domain:
    description: The target domain the items belong to; recorded in each entry when given.
    type: str
"""

EXAMPLES = r"""
- name: Apply the users, journal what was written even when the task fails
  block:
    - name: Apply the users
      ucaas.migration.ns_user:
        domain: "{{ ucaas_target.domain }}"
        config: "{{ plan.resources.users | ucaas.migration.resolve_secrets(ucaas_secrets | default({})) }}"
      register: applied_users
  always:
    - name: Journal the users written
      ucaas.migration.migration_journal:
        dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
        kind: users
        results: "{{ applied_users.results | default([]) }}"
        task_failed: "{{ applied_users.failed | default(false) }}"
        task_msg: "{{ applied_users.msg | default('') }}"
        run_id: "{{ run_id }}"
        domain: "{{ ucaas_target.domain }}"
      when: applied_users is not skipped
"""

RETURN = r"""
path:
  description: The journal file.
  returned: always
  type: str
  sample: /srv/ucaas/acme-dental-group/journal.jsonl
appended:
  description: How many entries were appended (in check mode, how many would be).
  returned: always
  type: int
  sample: 3
entries:
  description: The entries appended (in check mode, the entries that would be).
  returned: always
  type: list
  elements: dict
  sample:
    - at: "2026-12-03T23:04:11Z"
      run_id: 20261203T230355Z-5e2f01aa
      phase: recreate
      kind: users
      key: "201"
      outcome: updated
      before:
        first_name: Ana
      after:
        first_name: Anna
      msg: ""
      domain: acmedental.keystone-voice.service
"""

import datetime
import os

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucaas.migration.plugins.module_utils.journal import JOURNAL_NAME, JournalError, append_entries, entries_from_results


def main():
    module = AnsibleModule(
        argument_spec=dict(
            dest=dict(type="path", required=True),
            kind=dict(type="str", required=True),
            results=dict(type="list", elements="dict", default=[]),
            task_failed=dict(type="bool", default=False),
            task_msg=dict(type="str", default=""),
            run_id=dict(type="str", required=True),
            phase=dict(type="str", default="recreate"),
            domain=dict(type="str"),
        ),
        supports_check_mode=True,
    )
    params = module.params
    path = os.path.join(params["dest"], JOURNAL_NAME)
    at = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        entries = entries_from_results(params["results"], params["kind"], params["run_id"], at, phase=params["phase"],
                                       domain=params["domain"], task_failed=params["task_failed"], task_msg=params["task_msg"])
        if not module.check_mode:
            append_entries(path, entries)
    except JournalError as exc:
        module.fail_json(msg=str(exc), path=path)
    module.exit_json(changed=bool(entries), path=path, appended=len(entries), entries=entries)


if __name__ == "__main__":
    main()
