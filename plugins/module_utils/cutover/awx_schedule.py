# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWX schedule of a cutover: one run at the start of the agreed window, as an RRULE AWX accepts.

AWX wants ``DTSTART;TZID=<zone>:<local time> RRULE:...``; the local time is the window start
converted to the rules' zone (America/New_York by default) on the window's own date, so a
window agreed in another zone lands at the right instant across daylight-saving changes.
The window is checked against the rules first (the same check as the timeline and the guard).
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.reports.timeline import ScheduleError, _window as agreed_window_times
from ansible_collections.ucaas.migration.plugins.module_utils.reports.timeline import check_window, window_rules

FIELD = "ucaas_schedule.cutover"


def cutover_rrule(window, rules_settings=None, override_reason=None):
    """``DTSTART;TZID=America/New_York:20261203T180000 RRULE:FREQ=DAILY;INTERVAL=1;COUNT=1`` for the agreed window.

    Raises :class:`ScheduleError` naming the field when the window is missing, malformed, or
    breaks the rules without ``override_reason``.
    """
    if not window:
        raise ScheduleError("%s: no agreed reprovisioning window to schedule" % FIELD)
    rules = window_rules(rules_settings)
    start, end, dummy_zone = agreed_window_times(window, FIELD, rules["time_zone"])
    violations, dummy_warnings = check_window(start, end, FIELD, rules)
    if violations and not str(override_reason or "").strip():
        raise ScheduleError("; ".join(violations) + " (set ucaas_schedule.window_override_reason to schedule it anyway)")
    local = start.astimezone(rules["zone"])
    return "DTSTART;TZID=%s:%s RRULE:FREQ=DAILY;INTERVAL=1;COUNT=1" % (rules["time_zone"], local.strftime("%Y%m%dT%H%M%S"))
