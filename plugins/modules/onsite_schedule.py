#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: onsite_schedule
short_description: Schedule the phones that need onsite personnel or special access, by site, inside the cutover window
version_added: 0.1.0
description:
  - Offline. From the C(entries) of M(ucaas.migration.phone_provisioning_plan), takes the phones to provision whose path to the
    new provisioning server needs someone at the phone (manual entry, onsite factory reset) or a change of the customer's
    network (DHCP option), groups them by site and proposes a slot for each site inside the agreed reprovisioning window
    (O(schedule) C(cutover), checked against the window rules like M(ucaas.migration.cutover_timeline)).
  - A site's slot starts O(start_offset_minutes) after the window opens and lasts O(minutes_per_device) per phone; sites are
    worked at the same time by different people. A slot that does not fit is cut at the window's end and reported in
    the schedule's C(warnings). Network changes are due before the window starts.
  - Writes C(onsite_schedule.json), C(onsite_schedule.md) (the part the cutover plan includes) and C(onsite_schedule.html) into
    O(dest), atomically and only when their content changes.
author:
  - ucaas.migration contributors (@ucaas-migration)
attributes:
  check_mode:
    support: full
    description: Nothing is written; RV(files) says which files would change.
  diff_mode:
    support: none
    description: RV(files) says what changed.
requirements:
  - holidays (for the holiday warning of the window rules)
options:
  dest:
    description: The host's state directory.
    type: path
    required: true
  entries:
    description: The C(entries) of M(ucaas.migration.phone_provisioning_plan).
    type: list
    elements: dict
    required: true
  schedule:
    description: The migration's schedule (C(ucaas_schedule)); its C(cutover) C({date, window_start, window_end, time_zone}) is the window.
    type: dict
    default: {}
  window_rules:
    description: The provider's window rules (C(cutover_window) of the standards) - C(days), C(latest_end), C(earliest_start), C(time_zone).
    type: dict
    default: {}
  customer:
    description: The customer's name, for the titles.
    type: str
  minutes_per_device:
    description: Minutes a person needs per phone onsite.
    type: int
    default: 10
  start_offset_minutes:
    description: Minutes after the window opens before onsite work starts (the numbers move first).
    type: int
    default: 30
  provisioning_url:
    description: The provisioning URL the DHCP option hands out, named in the special-access tasks.
    type: str
"""

EXAMPLES = r"""
- name: Schedule the onsite work
  ucaas.migration.onsite_schedule:
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
    entries: "{{ phone_plan.entries }}"
    schedule: "{{ ucaas_schedule }}"
    window_rules: "{{ (ucaas_standards | default({})).cutover_window | default({}) }}"
    customer: Acme Dental Group
"""

RETURN = r"""
files:
  description: The three files, with whether each changed (in check mode, would change).
  returned: always
  type: list
  elements: dict
  sample: [{"file": "onsite_schedule.md", "path": "/srv/ucaas/acme/onsite_schedule.md", "changed": true}]
schedule:
  description: The schedule as written to C(onsite_schedule.json) (C(window), C(sites) with C(onsite), C(special_access), C(slot),
    C(special_access_due), C(warnings), C(summary)).
  returned: always
  type: dict
  sample: {"summary": {"sites": 1, "onsite": 2, "special_access": 0}, "warnings": []}
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactError, ArtifactSet
from ansible_collections.ucaas.migration.plugins.module_utils.reports.onsite import build_onsite_schedule, render_schedule
from ansible_collections.ucaas.migration.plugins.module_utils.reports.timeline import ScheduleError


def main():
    module = AnsibleModule(
        argument_spec=dict(
            dest=dict(type="path", required=True),
            entries=dict(type="list", elements="dict", required=True),
            schedule=dict(type="dict", default={}),
            window_rules=dict(type="dict", default={}),
            customer=dict(type="str"),
            minutes_per_device=dict(type="int", default=10),
            start_offset_minutes=dict(type="int", default=30),
            provisioning_url=dict(type="str"),
        ),
        supports_check_mode=True,
    )
    params = module.params
    try:
        schedule = build_onsite_schedule(params["entries"], params["schedule"], params["window_rules"], customer=params["customer"],
                                         minutes_per_device=params["minutes_per_device"], start_offset_minutes=params["start_offset_minutes"],
                                         provisioning_url=params["provisioning_url"])
    except (ScheduleError, ValueError) as exc:
        module.fail_json(msg=str(exc))
    artifacts = ArtifactSet(params["dest"])
    for name, text in sorted(render_schedule(schedule).items()):
        artifacts.add(name, text)
    try:
        written = artifacts.commit(check_mode=module.check_mode)
    except ArtifactError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(changed=any(item["changed"] for item in written), files=written, schedule=schedule)


if __name__ == "__main__":
    main()
