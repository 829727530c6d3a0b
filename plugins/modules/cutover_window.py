#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: cutover_window
short_description: Refuse a cutover outside its agreed window unless a reason is given
version_added: 1.0.0
description:
  - The window guard of the cutover phase. Runs on the controller and talks to nothing.
  - Checks the agreed reprovisioning window (C(ucaas_schedule.cutover)) against the window rules (by default Monday to Friday,
    ending by 21:00 America/New_York; the provider's standards and the partner's overrides may say otherwise), then checks that
    the clock is inside that window. Without an agreed window the clock itself must be on an allowed day before the latest end.
  - Times are judged in the rules' time zone with the IANA time zone database, so the limit follows daylight saving time.
  - A public holiday of the rules' C(holiday_country) (C(holidays) package) counts as outside the window unless
    O(refuse_on_holiday=false); set C(holiday_country) to an empty string in the standards to ignore holidays.
  - Outside the window the task fails listing every violation, unless O(override_reason) is given.
    The result carries C(record), ready for the cutover journal, in both cases.
author:
  - ucaas.migration contributors (@ucaas-migration)
requirements:
  - holidays
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: The guard only reads; it judges the same way in check mode.
  diff_mode:
    support: none
  platform:
    platforms: posix
options:
  window_rules:
    description:
      - The merged window settings (C(cutover_window) of C(ucaas_standards), then C(ucaas_standards_overrides), then
        C(ucaas_standards_host_overrides)) over the defaults.
      - C(days) (list of mon..sun, default mon-fri), C(latest_end) (default C(21:00)), C(earliest_start), C(time_zone)
        (default C(America/New_York)), C(holiday_country) (default C(US)), C(holiday_subdivision).
    type: dict
    default: {}
  window:
    description:
      - The agreed reprovisioning window, C(ucaas_schedule.cutover) (C(date), C(window_start), C(window_end), C(time_zone)).
      - Times without a C(time_zone) are read in the rules' time zone.
      - When omitted, only the rules are checked against the clock.
    type: dict
  now:
    description:
      - B(Rehearsals on the lab only.) The clock the guard judges, instead of the controller's clock.
      - ISO 8601, with a UTC offset (V(2026-12-03T18:30:00-05:00), V(2026-12-03T23:30:00Z)) or without one
        (V(2026-12-03 18:30), read in the rules' time zone; a wall-clock time skipped or repeated by a daylight-saving change is refused).
      - The record says the clock was set (C(rehearsal=true)) and keeps the real time in C(at).
    type: str
  override_reason:
    description:
      - Why the cutover runs outside its window. Without it, a cutover outside the window fails.
      - Recorded in C(record.reason) for the cutover journal.
    type: str
  by:
    description: Who runs the cutover (an engineer, or the AWX user), recorded in C(record.by).
    type: str
  refuse_on_holiday:
    description: Treat a public holiday of the rules' C(holiday_country) as outside the window. When false it is a warning.
    type: bool
    default: true
  required_minutes:
    description: Minutes the cutover needs; the window must have at least this much time left.
    type: int
    default: 0
"""

EXAMPLES = r"""
- name: Refuse to start outside the agreed window
  ucaas.migration.cutover_window:
    window_rules: "{{ collect_window_rules }}"
    window: "{{ ucaas_schedule.cutover | default(omit) }}"
    override_reason: "{{ ucaas_cutover_override_reason | default(omit) }}"
    by: "{{ awx_user_name | default(lookup('ansible.builtin.env', 'USER')) }}"
  register: cutover_window

- name: Rehearse on the lab with the clock set inside the window (never in production)
  ucaas.migration.cutover_window:
    window: {date: "2026-12-03", window_start: "18:00", window_end: "21:00", time_zone: America/New_York}
    now: "2026-12-03T18:30:00-05:00"
    by: rehearsal
"""

RETURN = r"""
inside:
  description: Whether the clock is inside the window and the window keeps the rules.
  returned: always
  type: bool
overridden:
  description: Outside the window, but O(override_reason) was given.
  returned: always
  type: bool
rehearsal:
  description: The clock was set with O(now).
  returned: always
  type: bool
violations:
  description: Why the clock is outside the window, one line each naming the field.
  returned: always
  type: list
  elements: str
window_warnings:
  description: Remarks that do not stop the cutover (a holiday when O(refuse_on_holiday=false)). Also emitted as warnings.
  returned: always
  type: list
  elements: str
now_used:
  description: The instant judged, in the rules' time zone (RFC 3339).
  returned: always
  type: str
  sample: "2026-12-03T18:30:00-05:00"
record:
  description:
    - The journal entry of this check. C(at) is the controller's real time (UTC); C(now_used) the instant judged; C(rehearsal)
      whether the clock was set; C(inside); C(reason) (the override reason or null); C(by); C(violations); C(window) (C(start),
      C(end), C(time_zone) of the agreed window, or null); C(time_zone) of the rules.
  returned: always
  type: dict
  sample:
    at: "2026-11-25T21:40:12Z"
    now_used: "2026-12-03T18:30:00-05:00"
    rehearsal: true
    inside: true
    reason: null
    by: rehearsal
    violations: []
    window: {start: "2026-12-03T18:00:00-05:00", end: "2026-12-03T21:00:00-05:00", time_zone: America/New_York}
    time_zone: America/New_York
"""

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.ucaas.migration.plugins.module_utils.cutover.window import refusal_message, evaluate
from ansible_collections.ucaas.migration.plugins.module_utils.reports.timeline import (
    HAS_HOLIDAYS,
    HOLIDAYS_IMPORT_ERROR,
    ScheduleError,
)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            window_rules=dict(type="dict", default={}),
            window=dict(type="dict"),
            now=dict(type="str"),
            override_reason=dict(type="str"),
            by=dict(type="str"),
            refuse_on_holiday=dict(type="bool", default=True),
            required_minutes=dict(type="int", default=0),
        ),
        supports_check_mode=True,
    )
    params = module.params
    if not HAS_HOLIDAYS and (params["window_rules"] or {}).get("holiday_country", "US"):
        module.fail_json(msg=missing_required_lib("holidays"), exception=str(HOLIDAYS_IMPORT_ERROR))
    try:
        result = evaluate(params["window_rules"], window=params["window"], now=params["now"], override_reason=params["override_reason"],
                          by=params["by"], refuse_on_holiday=params["refuse_on_holiday"], required_minutes=params["required_minutes"])
    except ScheduleError as exc:
        module.fail_json(msg=str(exc))
    output = dict(changed=False, inside=result["inside"], overridden=result["overridden"], rehearsal=result["rehearsal"],
                  violations=result["violations"], window_warnings=result["warnings"], now_used=result["now_used"], record=result["record"])
    if not result["allowed"]:
        module.fail_json(msg=refusal_message(result), **output)
    for warning in result["warnings"]:
        module.warn(warning)
    if result["overridden"]:
        module.warn("Outside the cutover window, overridden: %s (%s)" % (result["record"]["reason"], "; ".join(result["violations"])))
    if result["rehearsal"]:
        module.warn("The clock was set to %s: rehearsal only" % result["now_used"])
    module.exit_json(**output)


if __name__ == "__main__":
    main()
