# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cutover window guard: may the cutover start now?

The rules are the collect phase's window rules (:func:`..reports.timeline.window_rules`:
by default Monday to Friday, ending by 21:00 America/New_York) and, when the partner agreed
one, the reprovisioning window of ``ucaas_schedule.cutover``.  The agreed window is checked
against the rules with the timeline's :func:`check_window`, then the clock must fall inside
it; without an agreed window the clock itself must fall on an allowed day before the latest
end.  Everything is judged in the rules' time zone with zoneinfo, so the 21:00 limit moves
with daylight saving time like the wall clock does.

A clock given by the caller (``now``) is for rehearsals on the lab only: the record says so.
Outside the window the guard refuses unless a reason is given; the result is a record ready
for the cutover journal either way.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ansible_collections.ucaas.migration.plugins.module_utils.reports.timeline import (
    WEEKDAY_NAMES,
    WEEKDAYS,
    ScheduleError,
    _window as agreed_window_times,
    check_window,
    holiday_name,
    window_rules,
)

WINDOW_FIELD = "ucaas_schedule.cutover"


class WindowError(ScheduleError):
    """Unusable guard input (a clock that is not a time, a window without a date); names the field."""


def utc_now():
    return datetime.now(timezone.utc)


def iso(moment):
    """RFC 3339 with the offset of the moment's own zone, seconds precision."""
    return moment.replace(microsecond=0).isoformat()


def iso_utc(moment):
    return moment.astimezone(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_now(value, zone, field="now"):
    """The rehearsal clock as an aware datetime.

    ISO 8601 with an offset (``2026-03-09T20:30:00-04:00``, ``...Z``) is taken as written.
    Without an offset the wall-clock time is read in ``zone``; a time that does not exist
    (the hour skipped in March) or happens twice (the hour repeated in November) is refused
    so that a rehearsal never tests a different instant than the one meant.
    """
    text = str(value).strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise WindowError("%s: %r is not a date and time (ISO 8601, for example 2026-12-03T18:30:00-05:00 or 2026-12-03 18:30)"
                          % (field, value)) from None
    if moment.tzinfo is not None:
        return moment
    first = moment.replace(tzinfo=zone, fold=0)
    second = moment.replace(tzinfo=zone, fold=1)
    round_trip = first.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None)
    if round_trip != moment:
        raise WindowError("%s: %s does not exist in %s (the clocks skip that hour); give a UTC offset" % (field, value, zone.key))
    if first.utcoffset() != second.utcoffset():
        raise WindowError("%s: %s happens twice in %s (the clocks repeat that hour); give a UTC offset" % (field, value, zone.key))
    return first


def _local_text(moment, rules):
    local = moment.astimezone(rules["zone"])
    return "%s %s %s (%s)" % (WEEKDAY_NAMES[local.weekday()], local.strftime("%Y-%m-%d %H:%M"), rules["time_zone"], local.strftime("%Z"))


def _rules_violations(local_now, rules, required):
    """Violations of the rules by the clock itself (no agreed window)."""
    found = []
    if WEEKDAYS[local_now.weekday()] not in rules["days"]:
        found.append("now: %s is a %s; cutovers run on %s" % (
            local_now.date().isoformat(), WEEKDAY_NAMES[local_now.weekday()],
            ", ".join(WEEKDAY_NAMES[WEEKDAYS.index(day)] for day in rules["days"])))
    latest = datetime.combine(local_now.date(), rules["latest_end_time"], rules["zone"])
    if local_now >= latest or local_now + required > latest:
        found.append("now: %s is too late; the cutover must end by %s %s%s" % (
            local_now.strftime("%H:%M %Z"), rules["latest_end"], rules["time_zone"],
            " and needs %d minutes" % (required.total_seconds() // 60) if required else ""))
    if rules["earliest_start_time"] is not None:
        earliest = datetime.combine(local_now.date(), rules["earliest_start_time"], rules["zone"])
        if local_now < earliest:
            found.append("now: %s is before the earliest start %s %s" % (
                local_now.strftime("%H:%M %Z"), rules["earliest_start"], rules["time_zone"]))
    return found


def evaluate(rules_settings=None, window=None, now=None, override_reason=None, by=None, refuse_on_holiday=True, required_minutes=0,
             clock=utc_now):
    """Judge the clock against the rules and the agreed window.

    Returns ``{inside, allowed, overridden, rehearsal, violations, warnings, now_used, window, record}``;
    ``allowed`` is false only when the clock is outside and no reason was given.  Raises
    :class:`ScheduleError` (or :class:`WindowError`) naming the field for unusable input.
    """
    rules = window_rules(rules_settings)
    if required_minutes is None or int(required_minutes) < 0:
        raise WindowError("required_minutes: %r must be zero or more" % (required_minutes,))
    required = timedelta(minutes=int(required_minutes))
    real_now = clock()
    rehearsal = now not in (None, "")
    moment = parse_now(now, rules["zone"]) if rehearsal else real_now
    local_now = moment.astimezone(rules["zone"])
    violations = []
    warnings = []
    window_data = None
    if window:
        start, end, zone_name = agreed_window_times(window, WINDOW_FIELD, rules["time_zone"])
        found, notes = check_window(start, end, WINDOW_FIELD, rules)
        violations += found
        warnings += notes
        window_data = dict(start=iso(start), end=iso(end), time_zone=zone_name)
        if moment < start:
            violations.append("now: %s is before the agreed window, which starts %s" % (_local_text(moment, rules), _local_text(start, rules)))
        elif moment >= end:
            violations.append("now: %s is after the agreed window, which ended %s" % (_local_text(moment, rules), _local_text(end, rules)))
        elif moment + required > end:
            violations.append("now: %s leaves less than the %d minutes needed before the window ends %s" % (
                _local_text(moment, rules), int(required_minutes), _local_text(end, rules)))
    else:
        violations += _rules_violations(local_now, rules, required)
    holiday = holiday_name(local_now.date(), rules)
    if holiday:
        note = "now: %s is %s (%s public holiday)" % (local_now.date().isoformat(), holiday, rules["holiday_country"])
        if refuse_on_holiday:
            violations.append(note)
        elif not window:
            # with an agreed window, check_window already warned about the window's date
            warnings.append(note)
    reason = str(override_reason or "").strip() or None
    inside = not violations
    record = dict(at=iso_utc(real_now), now_used=iso(local_now), rehearsal=rehearsal, inside=inside, reason=reason,
                  by=by or None, violations=list(violations), window=window_data, time_zone=rules["time_zone"])
    return dict(inside=inside, allowed=inside or bool(reason), overridden=not inside and bool(reason), rehearsal=rehearsal,
                violations=violations, warnings=warnings, now_used=record["now_used"], window=window_data, record=record)


def refusal_message(result):
    """One message for a refused cutover: every violation, then how to proceed anyway."""
    return "The cutover is outside its window: %s. Give override_reason to proceed anyway (it is journaled)." % (
        "; ".join(result["violations"]))
