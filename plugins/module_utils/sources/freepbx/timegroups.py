# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""FreePBX time group strings (``09:00-16:59|mon-fri|*|*``, Asterisk GotoIfTime syntax) -> time frame entries.

A row with days of week only becomes weekly ranges; a row with day of month and/or month
becomes a yearly date range (time groups carry no year: dates are written in ``year``).
Rows mixing weekdays with dates (first Monday of the month) have no canonical form.
FreePBX ends are inclusive minutes, so ``16:59`` ends at ``17:00``.
"""

from __future__ import annotations

import calendar

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import WEEKDAYS

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


class UnsupportedTime(ValueError):
    """A time group row with no canonical form; str() says why."""


def _cycle(names, text, what):
    if text in ("", "*"):
        return list(names)
    first, sep, last = text.lower().partition("-")
    if first not in names or (sep and last not in names):
        raise UnsupportedTime("%r is not a %s range" % (text, what))
    start = names.index(first)
    stop = names.index(last) if sep else start
    span = (stop - start) % len(names)
    return [names[(start + step) % len(names)] for step in range(span + 1)]


def _minutes(text):
    hours, sep, minutes = text.partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or int(hours) > 23 or int(minutes) > 59:
        raise UnsupportedTime("%r is not a time of day" % text)
    return int(hours) * 60 + int(minutes)


def _hhmm(minutes):
    return "%02d:%02d" % divmod(minutes, 60)


def _time_span(text):
    """(start, end) in minutes, end exclusive; end may pass midnight (> 1440)."""
    if text in ("", "*"):
        return 0, 1440
    first, sep, last = text.partition("-")
    if not sep:
        raise UnsupportedTime("%r is not a time range" % text)
    start, end = _minutes(first), _minutes(last) + 1
    if end <= start:
        end += 1440
    return start, end


def parse_time_row(text, year):
    """One row -> ("weekly", [{day, start, end}]) or ("dates", [{start_date, ...}])."""
    fields = (text or "").split("|")
    if len(fields) != 4:
        raise UnsupportedTime("%r does not have four fields (time|weekdays|days|months)" % text)
    times, dows, doms, months = (field.strip() for field in fields)
    start, end = _time_span(times)
    days = _cycle(WEEKDAYS, dows, "weekday")
    if doms in ("", "*") and months in ("", "*"):
        ranges = []
        for day in days:
            ranges.append(dict(day=day, start=_hhmm(start), end=_hhmm(min(end, 1440))))
            if end > 1440:
                following = WEEKDAYS[(WEEKDAYS.index(day) + 1) % 7]
                ranges.append(dict(day=following, start="00:00", end=_hhmm(end - 1440)))
        return "weekly", ranges
    if dows not in ("", "*"):
        raise UnsupportedTime("%r combines weekdays with dates (e.g. first Monday of a month), which has no canonical form" % text)
    if months in ("", "*"):
        raise UnsupportedTime("%r repeats every month, which has no canonical form" % text)
    month_list = _cycle(MONTHS, months, "month")
    first_month, last_month = MONTHS.index(month_list[0]) + 1, MONTHS.index(month_list[-1]) + 1
    if last_month < first_month:
        raise UnsupportedTime("%r spans the turn of the year" % text)
    if doms in ("", "*"):
        first_day, last_day = 1, calendar.monthrange(year, last_month)[1]
    else:
        first, sep, last = doms.partition("-")
        if not first.isdigit() or (sep and not last.isdigit()):
            raise UnsupportedTime("%r is not a day-of-month range" % doms)
        first_day, last_day = int(first), int(last if sep else first)
    try:
        start_date = "%04d-%02d-%02d" % (year, first_month, first_day)
        end_date = "%04d-%02d-%02d" % (year, last_month, last_day)
        calendar.weekday(year, first_month, first_day)
        calendar.weekday(year, last_month, last_day)
    except ValueError:
        raise UnsupportedTime("%r is not a real date" % text)
    entry = dict(start_date=start_date, recurrence="yearly")
    if end_date != start_date:
        entry["end_date"] = end_date
    if (start, end) != (0, 1440):
        if end > 1440:
            raise UnsupportedTime("%r has a time range past midnight on a date" % text)
        entry["start_time"], entry["end_time"] = _hhmm(start), _hhmm(end)
    return "dates", [entry]


def time_frame_entries(rows, year):
    """Weekly ranges, dates and the rows without canonical form [(row, reason)] of one time group."""
    weekly, dates, unsupported = [], [], []
    for row in rows:
        try:
            kind, entries = parse_time_row(row, year)
        except UnsupportedTime as exc:
            unsupported.append((row, str(exc)))
            continue
        (weekly if kind == "weekly" else dates).extend(entries)
    order = dict((day, index) for index, day in enumerate(WEEKDAYS))
    weekly.sort(key=lambda r: (order[r["day"]], r["start"], r["end"]))
    unique = []
    for item in weekly:
        if item not in unique:
            unique.append(item)
    return unique, dates, unsupported


def frame_kind(weekly, dates):
    if weekly and dates:
        return "custom"
    if dates:
        return "specific_dates"
    if weekly:
        return "days_of_week"
    return "always"
