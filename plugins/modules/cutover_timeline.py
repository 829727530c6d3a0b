#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: cutover_timeline
short_description: Check the proposed cutover window and write the timeline, communications plan and calendar
version_added: 1.0.0
description:
  - Reads the host's schedule (C(ucaas_schedule)) and checks the proposed reprovisioning window against the window rules
    (by default Monday to Friday, ending by 21:00 America/New_York; the provider's standards may say otherwise).
  - Times are converted with the IANA time zone database on the window's own date, so windows are judged correctly across
    daylight-saving changes.
  - A window outside the rules fails naming the field, unless C(window_override_reason) is set in the schedule (then it is
    recorded as a warning). A window on a public holiday (C(holidays) package) is a warning.
  - >-
    Writes C(timeline.md) and C(timeline.html) (timeline, communications plan, contacts, warnings) and C(cutover.ics)
    (RFC 5545 calendar with the reprovisioning and porting windows and the milestones; UTC times, stable UIDs, DTSTAMP taken
    from the schedule), atomically and only when their content changes.
author:
  - ucaas.migration contributors (@ucaas-migration)
requirements:
  - holidays
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Checks the schedule and reports which files would change; writes nothing.
  diff_mode:
    support: full
  platform:
    platforms: posix
options:
  schedule:
    description:
      - The host's C(ucaas_schedule).
      - C(cutover) (C(date), C(window_start), C(window_end), C(time_zone)), C(port) (C(requested_foc), C(numbers), C(windows) as a list
        of C(date), C(start), C(end), C(time_zone), C(numbers)), C(partner_review_by), C(partner_approved_on), C(collected),
        C(proposed_on), C(change_window_hours), C(window_override_reason).
    type: dict
    required: true
  window_rules:
    description:
      - The provider's window settings (C(cutover_window) of the standards) over the defaults.
      - C(days) (list of mon..sun, default mon-fri), C(latest_end) (default C(21:00)), C(earliest_start), C(time_zone)
        (default C(America/New_York)), C(holiday_country) (default C(US)), C(holiday_subdivision).
    type: dict
    default: {}
  dest:
    description: Directory the files are written into (the host's state directory); created when missing.
    type: path
    required: true
  customer:
    description: The customer's name, for titles and event summaries.
    type: str
  calendar_id:
    description:
      - Stable identifier of this migration in calendar UIDs (normally the inventory host name).
    type: str
    required: true
  contacts:
    description: The host's C(ucaas_contacts) (C(customer) and C(provider) lists of C(role), C(name), C(email), C(phone)).
    type: dict
    default: {}
  partner:
    description: The partner's C(ucaas_partner) (its C(contacts) are used).
    type: dict
    default: {}
  time_zone:
    description: Time zone of schedule times that name none; defaults to the rules' time zone.
    type: str
"""

EXAMPLES = r"""
- name: Check the window and write the timeline
  ucaas.migration.cutover_timeline:
    schedule: "{{ ucaas_schedule }}"
    window_rules: "{{ ucaas_standards_overrides.cutover_window | default({}) }}"
    contacts: "{{ ucaas_contacts | default({}) }}"
    partner: "{{ ucaas_partner | default({}) }}"
    customer: Northwind Family Dental
    calendar_id: "{{ inventory_hostname }}"
    dest: "{{ ucaas_state_dir }}/{{ inventory_hostname }}"
"""

RETURN = r"""
events:
  description: The timeline, in order. Timed events have C(start)/C(end) (RFC 3339, UTC); all-day ones have C(date).
  returned: success
  type: list
  elements: dict
  sample:
    - key: reprovisioning
      title: "Reprovisioning window: Northwind Family Dental"
      kind: reprovisioning
      start: "2026-12-03T23:00:00Z"
      end: "2026-12-04T02:00:00Z"
schedule_warnings:
  description:
    - Holidays on a window's date, overridden rule violations and other schedule remarks.
    - Each is also emitted as an Ansible warning.
  returned: success
  type: list
  elements: str
files:
  description: The artifacts with whether each changed.
  returned: success
  type: list
  elements: dict
"""

from datetime import timezone

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactError, ArtifactSet
from ansible_collections.ucaas.migration.plugins.module_utils.reports import ics, timeline_docs
from ansible_collections.ucaas.migration.plugins.module_utils.reports.timeline import ScheduleError, build_timeline


def _event_data(event):
    data = dict(key=event["key"], title=event["title"], kind=event["kind"])
    if event["start"] is not None:
        data["start"] = event["start"].astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        data["end"] = event["end"].astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    else:
        data["date"] = event["date"].isoformat()
    return data


def main():
    module = AnsibleModule(
        argument_spec=dict(
            schedule=dict(type="dict", required=True),
            window_rules=dict(type="dict", default={}),
            dest=dict(type="path", required=True),
            customer=dict(type="str"),
            calendar_id=dict(type="str", required=True),
            contacts=dict(type="dict", default={}),
            partner=dict(type="dict", default={}),
            time_zone=dict(type="str"),
        ),
        supports_check_mode=True,
    )
    params = module.params
    try:
        plan = build_timeline(params["schedule"], rules_settings=params["window_rules"], customer=params["customer"],
                              default_time_zone=params["time_zone"])
    except ScheduleError as exc:
        module.fail_json(msg=str(exc))
    title = "Cutover timeline and communications plan%s" % (" - %s" % params["customer"] if params["customer"] else "")
    organizer = next(iter((params["contacts"] or {}).get("provider") or []), None)
    artifacts = ArtifactSet(params["dest"])
    artifacts.add("timeline.md", timeline_docs.render_markdown(plan, title, params["contacts"], params["partner"]))
    artifacts.add("timeline.html", timeline_docs.render_html(plan, title, params["contacts"], params["partner"]))
    artifacts.add("cutover.ics", ics.render(plan, params["calendar_id"], calendar_name=title, organizer=organizer))
    diff = artifacts.diff() if module._diff else None
    try:
        files = artifacts.commit(check_mode=module.check_mode)
    except ArtifactError as exc:
        module.fail_json(msg=str(exc))
    result = dict(changed=any(item["changed"] for item in files), files=files, schedule_warnings=plan["warnings"],
                  events=[_event_data(event) for event in plan["events"]])
    if diff:
        result["diff"] = diff
    for warning in plan["warnings"]:
        module.warn(warning)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
