#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: migration_report
short_description: Write the post-migration report of a migration host (HTML, Markdown, JSON)
version_added: 1.0.0
description:
  - Builds the post-migration report from the host's state directory, offline - C(verify_results.json) (written by
    M(ucaas.migration.migration_verify)), C(plan.json), C(inventory.json), C(scope.json), C(sow_inputs.json), and when present
    C(port_state.json), C(cutover_state.json) and C(cutover_journal.jsonl).
  - The report holds what migrated (objects per kind), what did not (with the scope's reasons), known gaps (unresolved plan
    findings, verification failures, call-flow differences with both paths, failed acceptance criteria), the number table
    (original, temporary, ported, SMS), the cutover journal summary and when the change window closes (from the recorded cutover
    time; C(cutover not recorded yet) otherwise).
  - Writes C(post_migration_report.html) (self-contained, inline CSS and SVG call-flow diagrams), C(post_migration_report.md) and
    C(post_migration_report.json), and the number table alone as C(number_table.csv) (original, temporary, port stage, where it
    answers, SMS, call-flow result), into O(dest), atomically and only when their content changes.
author:
  - ucaas.migration contributors (@ucaas-migration)
attributes:
  check_mode:
    support: full
    description: Can run in check mode and return the changed status without modifying the target.
    details: Reports which files would change and writes nothing.
  diff_mode:
    support: none
    description: Returns no diff.
options:
  dest:
    description: The host's state directory.
    type: path
    required: true
  change_window_hours:
    description: Hours after the cutover during which the partner requests changes.
    type: int
    default: 48
  time_zone:
    description: Time zone in which the close of the change window is shown.
    type: str
    default: America/New_York
  title:
    description: Title of the report; defaults to C(Post-migration report - <customer>).
    type: str
"""

EXAMPLES = r"""
- name: Write the post-migration report
  ucaas.migration.migration_report:
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
    change_window_hours: "{{ ucaas_schedule.change_window_hours | default(48) }}"
"""

RETURN = r"""
files:
  description: Report files of O(dest) written (in check mode, that would be written).
  returned: success
  type: list
  elements: str
  sample: ["post_migration_report.html", "post_migration_report.md", "post_migration_report.json"]
change_window:
  description: When the change window closes, C({hours, closes_at, closes_local, text}).
  returned: success
  type: dict
passed:
  description: Whether the verification the report is built from passed.
  returned: success
  type: bool
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactError, ArtifactSet
from ansible_collections.ucaas.migration.plugins.module_utils.verify.report import build_report
from ansible_collections.ucaas.migration.plugins.module_utils.verify.report_render import render_all
from ansible_collections.ucaas.migration.plugins.module_utils.verify.run import VerifyError


def main():
    module = AnsibleModule(
        argument_spec=dict(
            dest=dict(type='path', required=True),
            change_window_hours=dict(type='int', default=48),
            time_zone=dict(type='str', default='America/New_York'),
            title=dict(type='str'),
        ),
        supports_check_mode=True,
    )
    params = module.params
    try:
        report = build_report(params['dest'], params['change_window_hours'], params['time_zone'], params['title'])
        artifacts = ArtifactSet(params['dest'])
        for name, content in sorted(render_all(report).items()):
            artifacts.add(name, content)
        files = [entry['file'] for entry in artifacts.commit(check_mode=module.check_mode) if entry['changed']]
    except (VerifyError, ArtifactError, ValueError) as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(changed=bool(files), files=files, change_window=report['change_window'], passed=report['passed'])


if __name__ == '__main__':
    main()
