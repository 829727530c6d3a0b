# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Time frames of both sides as one matcher: weekly ranges, dates and ranges, holidays, always.

Times are minutes of the day; a range includes its start and excludes its end, and an end of
``24:00`` (canonical) or ``2359`` (the platform's last minute) reaches the end of the day.  A
date range runs from its start date and time to its end date and time (continuously, like the
platform's specific-dates entries).  Recurring holidays are found in other years through the
``holidays`` library (by name, country and region) when it is installed, else on the same
month and day.  Holiday entries of the target may carry per-weekday observance options.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field

try:
    import holidays as holidays_lib
    HAS_HOLIDAYS = True
except ImportError:  # pragma: no cover - exercised only without the library
    holidays_lib = None
    HAS_HOLIDAYS = False

try:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
except ImportError:  # pragma: no cover - Python < 3.9
    ZoneInfo = None
    ZoneInfoNotFoundError = KeyError

DAY_MINUTES = 24 * 60
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
API_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WORKWEEK_TOKENS = {"M": 0, "T": 1, "W": 2, "TH": 3, "F": 4, "SA": 5, "S": 6, "SU": 6}
OBSERVANCES = ("observe-on-holiday-only", "observe-on-holiday-and-next-day", "observe-on-holiday-and-prior-day",
               "observe-on-exact-date-and-next-workday", "observe-on-holiday-and-prior-workday",
               "observe-on-next-workday", "observe-on-prior-workday")
YEARLY_RECURRENCES = ("yearly", "yearly-on-selected-dates", "annual-month-day")
_OBSERVED_SUFFIX = re.compile(r"\s*\(observed\)\s*$", re.IGNORECASE)


def zone(name):
    """A ZoneInfo for an IANA name; ValueError naming it when unknown."""
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError("unknown time zone %r" % (name,)) from exc


def minutes(text, end=False):
    """``08:30`` / ``0830`` -> 510; ``24:00`` and (as an end) ``2359`` -> 1440; None when not a time."""
    value = str(text or "").replace(":", "").strip()
    if not re.match(r"^\d{3,4}$", value):
        return None
    value = value.zfill(4)
    hours, mins = int(value[:2]), int(value[2:])
    if hours > 24 or mins > 59 or (hours == 24 and mins):
        return None
    total = hours * 60 + mins
    if end and total == DAY_MINUTES - 1:
        return DAY_MINUTES
    return total


def parse_date(text):
    """``2026-12-25`` or ``20261225`` -> date; None otherwise."""
    value = str(text or "").replace("-", "").strip()
    if not re.match(r"^\d{8}$", value):
        return None
    try:
        return datetime.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


@dataclass
class WeeklyRange:
    weekday: int
    start: int
    end: int
    every_weeks: int = 1
    begins: datetime.date = None
    until: datetime.date = None

    def matches(self, day, minute):
        if day.weekday() != self.weekday or not self.start <= minute < self.end:
            return False
        if self.until and day > self.until:
            return False
        if self.begins:
            if day < self.begins:
                return False
            weeks = (day - (self.begins - datetime.timedelta(days=self.begins.weekday()))).days // 7
            return weeks % max(1, self.every_weeks) == 0
        return True


@dataclass
class DateRange:
    start: datetime.date
    end: datetime.date
    start_minute: int = 0
    end_minute: int = DAY_MINUTES
    recurrence: str = "none"     # none | yearly | monthly
    name: str = ""

    def shifted(self, year=None, month=None):
        try:
            start = self.start.replace(year=year or self.start.year, month=month or self.start.month)
        except ValueError:
            return None
        return start, start + (self.end - self.start)

    def matches(self, day, minute):
        candidates = [(self.start, self.end)]
        if self.recurrence == "yearly":
            candidates = [self.shifted(year=year) for year in (day.year - 1, day.year)]
        elif self.recurrence == "monthly":
            previous = day.replace(day=1) - datetime.timedelta(days=1)
            candidates = [self.shifted(year=d.year, month=d.month) for d in (previous, day)]
        moment = (day, minute)
        return any(span and (span[0], self.start_minute) <= moment < (span[1], self.end_minute) for span in candidates)


@dataclass
class Holiday:
    name: str
    date: datetime.date
    country: str = ""
    region: str = ""
    recurring: bool = True
    ranges: list = field(default_factory=lambda: [(0, DAY_MINUTES)])
    observance: dict = field(default_factory=dict)   # weekday -> observance option
    workweek: tuple = (0, 1, 2, 3, 4)

    def date_in(self, year):
        """The holiday's date in ``year`` (None when it cannot be placed)."""
        if year == self.date.year or not self.recurring:
            return self.date if year == self.date.year else None
        found = library_date(self.name, self.country, self.region, year)
        if found:
            return found
        try:
            return self.date.replace(year=year)
        except ValueError:
            return None

    def observed(self, actual):
        """Dates the holiday is observed on, given its actual date."""
        option = self.observance.get(actual.weekday()) or "observe-on-holiday-only"
        one = datetime.timedelta(days=1)
        if option == "observe-on-holiday-and-next-day":
            return {actual, actual + one}
        if option == "observe-on-holiday-and-prior-day":
            return {actual, actual - one}
        if option in ("observe-on-exact-date-and-next-workday", "observe-on-next-workday"):
            other = self._workday(actual, 1)
            return {other} if option == "observe-on-next-workday" else {actual, other}
        if option in ("observe-on-holiday-and-prior-workday", "observe-on-prior-workday"):
            other = self._workday(actual, -1)
            return {other} if option == "observe-on-prior-workday" else {actual, other}
        return {actual}

    def _workday(self, day, direction):
        for dummy in range(7):
            day = day + datetime.timedelta(days=direction)
            if day.weekday() in self.workweek:
                return day
        return day

    def observed_dates(self, year):
        dates = set()
        for candidate_year in (year - 1, year, year + 1):
            actual = self.date_in(candidate_year)
            if actual:
                dates |= self.observed(actual)
        return dates

    def matches(self, day, minute):
        return day in self.observed_dates(day.year) and any(start <= minute < end for start, end in self.ranges)


@functools.lru_cache(maxsize=512)
def library_date(name, country, region, year):
    """Date of the holiday called ``name`` in the ``holidays`` library's calendar; None when not found."""
    if not HAS_HOLIDAYS or not country:
        return None
    try:
        calendar = holidays_lib.country_holidays(country, subdiv=region or None, years=year)
    except (NotImplementedError, KeyError, ValueError, AttributeError):
        try:
            calendar = holidays_lib.country_holidays(country, years=year)
        except (NotImplementedError, KeyError, ValueError, AttributeError):
            return None
    wanted = _OBSERVED_SUFFIX.sub("", str(name)).strip().lower()
    for day, names in sorted(calendar.items()):
        for one in str(names).split(";"):
            if _OBSERVED_SUFFIX.sub("", one).strip().lower() == wanted:
                return day
    return None


class TimeFrame:
    """A named set of times; ``matches(at)`` answers for an aware datetime."""

    def __init__(self, name, time_zone, always=False, weekly=None, dates=None, holidays=None, notes=None):
        self.name = name
        self.time_zone = time_zone
        self.zone = zone(time_zone)
        self.always = always
        self.weekly = list(weekly or [])
        self.dates = list(dates or [])
        self.holidays = list(holidays or [])
        self.notes = list(notes or [])

    def local(self, at):
        return at.astimezone(self.zone)

    def matches(self, at):
        if self.always:
            return True
        local = self.local(at)
        day, minute = local.date(), local.hour * 60 + local.minute
        return any(item.matches(day, minute) for item in self.weekly + self.dates + self.holidays)

    def special_days(self):
        """``[(label, date, minute)]``: a moment inside each date entry and on each (observed) holiday as listed."""
        found = []
        for item in self.dates:
            last = item.end_minute if item.end == item.start else DAY_MINUTES
            found.append((item.name or "specific date", item.start, (item.start_minute + last) // 2))
        for item in self.holidays:
            start, end = item.ranges[0]
            for day in sorted(item.observed(item.date)):
                found.append((item.name, day, (start + end) // 2))
        return found


def from_canonical(frame, default_zone):
    """TimeFrame of an inventory ``time_frames`` object."""
    weekly, dates, holidays = [], [], []
    for item in frame.get("weekly") or []:
        start, end = minutes(item.get("start")), minutes(item.get("end"), end=True)
        if item.get("day") in WEEKDAYS and start is not None and end is not None:
            weekly.append(WeeklyRange(WEEKDAYS.index(item["day"]), start, end))
    for item in frame.get("dates") or []:
        start = parse_date(item.get("start_date"))
        if start is None:
            continue
        end = parse_date(item.get("end_date")) or start
        start_minute = minutes(item.get("start_time")) if item.get("start_time") else 0
        end_minute = minutes(item.get("end_time"), end=True) if item.get("end_time") else DAY_MINUTES
        dates.append(DateRange(start, end, start_minute or 0, DAY_MINUTES if end_minute is None else end_minute,
                               "yearly" if item.get("recurrence") == "yearly" else "none", str(item.get("name") or "")))
    for item in frame.get("holidays") or []:
        day = parse_date(item.get("date"))
        if day is not None:
            holidays.append(Holiday(str(item.get("name") or day.isoformat()), day, str(item.get("country") or ""),
                                    str(item.get("region") or ""), bool(item.get("recurring", True))))
    return TimeFrame(str(frame.get("name") or frame.get("source_id")), frame.get("time_zone") or default_zone,
                     always=frame.get("kind") == "always", weekly=weekly, dates=dates, holidays=holidays)


def _api_weekly(entry, notes):
    recurrence = str(entry.get("timeframe-recurrence-type") or "weekly")
    every, begins = 1, None
    if recurrence == "custom":
        interval = str(entry.get("timeframe-recurrence-custom-interval") or "weeks")
        count = str(entry.get("timeframe-recurrence-custom-interval-count") or "1")
        begins = parse_date(entry.get("timeframe-recurrence-begin-date"))
        every = int(count) if count.isdigit() and int(count) > 0 else 1
        if not interval.startswith("week"):
            notes.append("weekly recurrence every %s %s is evaluated as every week" % (count, interval))
            every = 1
    until = parse_date(entry.get("timeframe-recurrence-end-date")) if entry.get("timeframe-recurrence-end-option") == "onADate" else None
    ranges = []
    for index, day in enumerate(API_WEEKDAYS):
        for part in (1, 2):
            start = minutes(entry.get("timeframe-weekly-%s-begin-time-%d" % (day, part)))
            end = minutes(entry.get("timeframe-weekly-%s-end-time-%d" % (day, part)), end=True)
            if start is not None and end is not None and end > start:
                ranges.append(WeeklyRange(index, start, end, every, begins, until))
    return ranges


def _api_date(entry, notes):
    start = parse_date(entry.get("timeframe-specific-dates-begin-date"))
    if start is None:
        return None
    end = parse_date(entry.get("timeframe-specific-dates-end-date")) or start
    start_minute = minutes(entry.get("timeframe-specific-dates-begin-time"))
    end_minute = minutes(entry.get("timeframe-specific-dates-end-time"), end=True)
    recurrence = str(entry.get("timeframe-recurrence-type") or "doesNotRecur")
    kind = "yearly" if recurrence in YEARLY_RECURRENCES else "monthly" if recurrence == "monthly-date" else "none"
    if kind == "none" and recurrence != "doesNotRecur":
        notes.append("date recurrence %r is evaluated as not recurring" % recurrence)
    return DateRange(start, end, start_minute or 0, DAY_MINUTES if end_minute is None else end_minute, kind,
                     str(entry.get("timeframe-specific-dates-name") or ""))


def _api_holiday(entry):
    day = parse_date(entry.get("timeframe-holiday-begin-date"))
    if day is None:
        return None
    ranges = []
    for part in (1, 2):
        start = minutes(entry.get("timeframe-holiday-begin-time-%d" % part))
        end = minutes(entry.get("timeframe-holiday-end-time-%d" % part), end=True)
        if start is not None and end is not None and end > start:
            ranges.append((start, end))
    observance = {}
    for index, name in enumerate(API_WEEKDAYS):
        option = entry.get("timeframe-weekly-%s-observance-option" % name)
        if option in OBSERVANCES:
            observance[index] = option
    tokens = [token.strip().upper() for token in str(entry.get("timeframe-workweek-list") or "M,T,W,Th,F").split(",")]
    workweek = tuple(sorted(set(WORKWEEK_TOKENS[token] for token in tokens if token in WORKWEEK_TOKENS))) or (0, 1, 2, 3, 4)
    region = str(entry.get("state-province-abbreviation") or "")
    return Holiday(str(entry.get("timeframe-holiday-name") or day.isoformat()), day, str(entry.get("country-abbreviation") or ""),
                   region.split("-", 1)[1] if "-" in region else region,
                   str(entry.get("timeframe-recurrence-type") or "") == "yearlyOnHoliday",
                   ranges or [(0, DAY_MINUTES)], observance, workweek)


def from_api(frame, time_zone):
    """TimeFrame of an ns-api v2 time frame (v44.1+ recurring model)."""
    notes, weekly, dates, holidays = [], [], [], []
    for entry in frame.get("timeframe-days-of-week-array") or []:
        weekly.extend(_api_weekly(entry, notes))
    for entry in frame.get("timeframe-specific-dates-array") or []:
        item = _api_date(entry, notes)
        if item:
            dates.append(item)
    for entry in frame.get("timeframe-holiday-array") or []:
        item = _api_holiday(entry)
        if item:
            holidays.append(item)
    return TimeFrame(str(frame.get("timeframe-name") or frame.get("timeframe-id")), time_zone,
                     always=str(frame.get("timeframe-type") or "") == "always", weekly=weekly, dates=dates, holidays=holidays, notes=notes)
