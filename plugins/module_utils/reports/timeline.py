# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cutover timeline: the schedule checked against the window rules, as events.

The reprovisioning window must fall on an allowed weekday and end by the latest end time,
both judged in the rules' time zone (by default Monday to Friday, ending by 21:00
America/New_York).  A window written in another zone is converted with zoneinfo on its own
date, so a UTC window that is fine in January can end too late after the March DST change.
A window outside the rules is an error naming the field, or, when
``ucaas_schedule.window_override_reason`` is given, a recorded warning.  A public holiday
(``holidays`` package) on a window's date is a warning.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

try:
    import holidays
    HAS_HOLIDAYS = True
    HOLIDAYS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported by the module
    holidays = None
    HAS_HOLIDAYS = False
    HOLIDAYS_IMPORT_ERROR = exc

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DEFAULT_RULES = dict(days=["mon", "tue", "wed", "thu", "fri"], latest_end="21:00", earliest_start=None,
                     time_zone="America/New_York", holiday_country="US", holiday_subdivision=None)
RULE_KEYS = tuple(DEFAULT_RULES)


class ScheduleError(ValueError):
    """The schedule is unusable or breaks the window rules; the message names the field."""


def parse_date(value, field):
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return datetime.strptime(str(value), "%Y-%m-%d").date()
    except ValueError:
        raise ScheduleError("%s: %r is not a date (YYYY-MM-DD)" % (field, value)) from None


def parse_time(value, field):
    text = str(value)
    try:
        return datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise ScheduleError("%s: %r is not a time of day (HH:MM, 24-hour)" % (field, value)) from None


def zone(name, field):
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError("%s: %r is not an IANA time zone (for example America/New_York)" % (field, name)) from None


def window_rules(settings=None):
    """The window rules: the process defaults overlaid with the provider's standards (``cutover_window``)."""
    rules = dict(DEFAULT_RULES)
    for key, value in (settings or {}).items():
        if key not in RULE_KEYS:
            raise ScheduleError("cutover_window.%s: unknown setting (known: %s)" % (key, ", ".join(RULE_KEYS)))
        if value is not None:
            rules[key] = value
    for day in rules["days"]:
        if day not in WEEKDAYS:
            raise ScheduleError("cutover_window.days: %r is not one of %s" % (day, ", ".join(WEEKDAYS)))
    rules["latest_end_time"] = parse_time(rules["latest_end"], "cutover_window.latest_end")
    rules["earliest_start_time"] = parse_time(rules["earliest_start"], "cutover_window.earliest_start") if rules["earliest_start"] else None
    rules["zone"] = zone(rules["time_zone"], "cutover_window.time_zone")
    return rules


def _window(spec, field, default_zone, date_key="date", start_key="window_start", end_key="window_end"):
    """A timed window as aware datetimes: (start, end, zone name)."""
    if not isinstance(spec, dict):
        raise ScheduleError("%s: expected a mapping with %s, %s, %s" % (field, date_key, start_key, end_key))
    for key in (date_key, start_key, end_key):
        if spec.get(key) in (None, ""):
            raise ScheduleError("%s.%s: required" % (field, key))
    day = parse_date(spec[date_key], "%s.%s" % (field, date_key))
    zone_name = spec.get("time_zone") or default_zone
    tzinfo = zone(zone_name, "%s.time_zone" % field)
    start = datetime.combine(day, parse_time(spec[start_key], "%s.%s" % (field, start_key)), tzinfo)
    end_time = str(spec[end_key])
    if end_time == "24:00":
        end = datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo)
    else:
        end = datetime.combine(day, parse_time(end_time, "%s.%s" % (field, end_key)), tzinfo)
    if end <= start:
        raise ScheduleError("%s.%s: %s ends at or before its start %s" % (field, end_key, spec[end_key], spec[start_key]))
    return start, end, zone_name


def holiday_name(day, rules):
    """The public holiday on ``day`` in the rules' country, or None."""
    if not rules.get("holiday_country") or not HAS_HOLIDAYS:
        return None
    calendar = holidays.country_holidays(rules["holiday_country"], subdiv=rules.get("holiday_subdivision"), years=[day.year])
    return calendar.get(day)


def check_window(start, end, field, rules, end_key="window_end", date_key="date"):
    """Violations of the window rules (messages naming the field) and warnings (holidays)."""
    violations = []
    warnings = []
    local_start = start.astimezone(rules["zone"])
    local_end = end.astimezone(rules["zone"])
    tz_name = rules["time_zone"]
    if WEEKDAYS[local_start.weekday()] not in rules["days"]:
        violations.append("%s.%s: %s is a %s in %s; the window must be on %s" % (
            field, date_key, local_start.date().isoformat(), WEEKDAY_NAMES[local_start.weekday()], tz_name,
            ", ".join(WEEKDAY_NAMES[WEEKDAYS.index(day)] for day in rules["days"])))
    latest = datetime.combine(local_start.date(), rules["latest_end_time"], rules["zone"])
    if local_end > latest:
        violations.append("%s.%s: the window ends %s %s (%s), after the latest end %s %s" % (
            field, end_key, local_end.strftime("%Y-%m-%d %H:%M"), tz_name, local_end.strftime("%Z"),
            rules["latest_end"], tz_name))
    if rules["earliest_start_time"] is not None:
        earliest = datetime.combine(local_start.date(), rules["earliest_start_time"], rules["zone"])
        if local_start < earliest:
            violations.append("%s.window_start: the window starts %s %s, before the earliest start %s %s" % (
                field, local_start.strftime("%Y-%m-%d %H:%M"), tz_name, rules["earliest_start"], tz_name))
    name = holiday_name(local_start.date(), rules)
    if name:
        day = local_start.date().isoformat()
        warnings.append("%s.%s: %s is %s (%s public holiday)" % (field, date_key, day, name, rules["holiday_country"]))
    return violations, warnings


def _event(key, title, kind, start=None, end=None, day=None, description="", zone_name=None):
    return dict(key=key, title=title, kind=kind, start=start, end=end, date=day, description=description, time_zone=zone_name)


def build_timeline(schedule, rules_settings=None, customer=None, default_time_zone=None):
    """Check the schedule and return ``{events, warnings, rules, override_reason}``; raises ScheduleError."""
    schedule = dict(schedule or {})
    rules = window_rules(rules_settings)
    default_zone = default_time_zone or rules["time_zone"]
    override = str(schedule.get("window_override_reason") or "").strip()
    events = []
    warnings = []
    violations = []
    name = customer or "the customer"
    cutover = schedule.get("cutover")
    cutover_day = None
    if cutover:
        start, end, zone_name = _window(cutover, "ucaas_schedule.cutover", default_zone)
        cutover_day = start.date()
        found, notes = check_window(start, end, "ucaas_schedule.cutover", rules)
        violations += found
        warnings += notes
        events.append(_event("reprovisioning", "Reprovisioning window: %s" % name, "reprovisioning", start, end, zone_name=zone_name,
                             description="Devices are reprovisioned to the new platform; numbers forward to temporary DIDs."))
        hours = schedule.get("change_window_hours", 48)
        try:
            hours = int(hours)
        except (TypeError, ValueError):
            raise ScheduleError("ucaas_schedule.change_window_hours: %r is not a whole number of hours" % (hours,)) from None
        events.append(_event("change-window-closes", "Change requests close: %s" % name, "milestone", end + timedelta(hours=hours),
                             end + timedelta(hours=hours), zone_name=zone_name,
                             description="The partner requests changes within %d hours of cutover." % hours))
    else:
        warnings.append("ucaas_schedule.cutover: no reprovisioning window proposed yet")
    port = schedule.get("port") or {}
    for index, window in enumerate(port.get("windows") or []):
        field = "ucaas_schedule.port.windows[%d]" % index
        start, end, zone_name = _window(window, field, default_zone, start_key="start", end_key="end")
        found, notes = check_window(start, end, field, dict(rules, latest_end_time=time(23, 59), earliest_start_time=None),
                                    end_key="end")
        # porting is the carriers' business-hours work: only the weekday and holiday checks apply, as warnings
        warnings += found + notes
        numbers = window.get("numbers", port.get("numbers", "all"))
        events.append(_event("porting-%d" % (index + 1), "Porting window %d: %s" % (index + 1, name), "porting", start, end,
                             zone_name=zone_name, description="Numbers: %s." % _numbers_text(numbers)))
    if port.get("requested_foc") and not port.get("windows"):
        day = parse_date(port["requested_foc"], "ucaas_schedule.port.requested_foc")
        if WEEKDAYS[day.weekday()] in ("sat", "sun"):
            warnings.append("ucaas_schedule.port.requested_foc: %s is a %s" % (day.isoformat(), WEEKDAY_NAMES[day.weekday()]))
        holiday = holiday_name(day, rules)
        if holiday:
            warnings.append("ucaas_schedule.port.requested_foc: %s is %s (%s public holiday)" % (day.isoformat(), holiday, rules["holiday_country"]))
        events.append(_event("porting-foc", "Requested port date (FOC): %s" % name, "porting", day=day,
                             description="Numbers: %s." % _numbers_text(port.get("numbers", "all"))))
    for key, field, title in (("review", "partner_review_by", "Partner review and approval due"),
                              ("approved", "partner_approved_on", "Partner approved the configuration")):
        if schedule.get(field):
            day = parse_date(schedule[field], "ucaas_schedule.%s" % field)
            events.append(_event(key, "%s: %s" % (title, name), "milestone", day=day))
            if key == "review" and cutover_day is not None and day >= cutover_day:
                warnings.append("ucaas_schedule.partner_review_by: %s is not before the cutover date" % day.isoformat())
    if violations and not override:
        raise ScheduleError("; ".join(violations) + " (set ucaas_schedule.window_override_reason to proceed anyway)")
    warnings = ["%s (overridden: %s)" % (violation, override) for violation in violations] + warnings
    events.sort(key=_event_sort_key)
    return dict(events=events, warnings=warnings, rules=rules, override_reason=override or None,
                collected=schedule.get("collected"), proposed_on=schedule.get("proposed_on"))


def _numbers_text(numbers):
    if numbers in (None, "all"):
        return "all numbers"
    return ", ".join(str(number) for number in numbers)


def _event_sort_key(event):
    if event["start"] is not None:
        return (event["start"].astimezone(timezone.utc).replace(tzinfo=None), event["key"])
    return (datetime.combine(event["date"], time(0, 0)), event["key"])


def event_local(event, rules):
    """Human text for when an event happens, in the rules' zone (and the window's own zone when different)."""
    if event["start"] is None:
        return event["date"].strftime("%a %Y-%m-%d") + " (all day)"
    start = event["start"].astimezone(rules["zone"])
    end = event["end"].astimezone(rules["zone"])
    if start == end:
        text = "%s %s" % (start.strftime("%a %Y-%m-%d %H:%M"), start.strftime("%Z"))
    else:
        text = "%s-%s %s" % (start.strftime("%a %Y-%m-%d %H:%M"), end.strftime("%H:%M"), start.strftime("%Z"))
    own = event.get("time_zone")
    if own and own != rules["time_zone"]:
        zone_info = ZoneInfo(own)
        text += " (%s-%s %s)" % (event["start"].astimezone(zone_info).strftime("%H:%M"), event["end"].astimezone(zone_info).strftime("%H:%M"),
                                 own)
    return text
