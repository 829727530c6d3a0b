# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Time frames of both sides: weekly ranges and split shifts, dates, holidays with observance, always."""
from __future__ import annotations

import datetime

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.callflow import timeframes

from callflow_cases import at

ZONE = "America/New_York"


def canonical(**fields):
    return timeframes.from_canonical(dict({"source_id": "tf", "name": "Frame", "kind": "custom"}, **fields), ZONE)


def test_weekly_split_shift_and_end_of_day():
    frame = canonical(weekly=[{"day": "mon", "start": "08:00", "end": "12:00"}, {"day": "mon", "start": "13:00", "end": "17:00"},
                              {"day": "tue", "start": "20:00", "end": "24:00"}])
    assert frame.matches(at(2026, 11, 30, 8, 0))
    assert not frame.matches(at(2026, 11, 30, 12, 30))      # lunch gap
    assert frame.matches(at(2026, 11, 30, 16, 59))
    assert not frame.matches(at(2026, 11, 30, 17, 0))       # end is exclusive
    assert frame.matches(at(2026, 12, 1, 23, 59))           # 24:00 reaches the end of the day
    assert not frame.matches(at(2026, 12, 2, 10, 0))


def test_api_weekly_with_second_range_2359_and_time_zone():
    frame = timeframes.from_api({"timeframe-name": "Shifts", "timeframe-type": "days-of-week", "timeframe-days-of-week-array": [{
        "timeframe-weekly-monday-begin-time-1": "0800", "timeframe-weekly-monday-end-time-1": "1200",
        "timeframe-weekly-monday-begin-time-2": "1300", "timeframe-weekly-monday-end-time-2": "2359"}]}, ZONE)
    assert frame.matches(at(2026, 11, 30, 23, 59))
    assert not frame.matches(at(2026, 11, 30, 12, 15))
    # 14:00 UTC is 09:00 in New York
    assert frame.matches(datetime.datetime(2026, 11, 30, 14, 0, tzinfo=datetime.timezone.utc))
    assert not frame.matches(datetime.datetime(2026, 11, 30, 12, 30, tzinfo=datetime.timezone.utc))


def test_api_custom_recurrence_every_other_week_and_end_date():
    entry = {"timeframe-weekly-friday-begin-time-1": "0900", "timeframe-weekly-friday-end-time-1": "1700",
             "timeframe-recurrence-type": "custom", "timeframe-recurrence-custom-interval": "weeks",
             "timeframe-recurrence-custom-interval-count": "2", "timeframe-recurrence-begin-date": "20261204",
             "timeframe-recurrence-end-option": "onADate", "timeframe-recurrence-end-date": "20261231"}
    frame = timeframes.from_api({"timeframe-name": "Alt Fridays", "timeframe-days-of-week-array": [entry]}, ZONE)
    assert [frame.matches(at(2026, 12, day, 10)) for day in (4, 11, 18, 25)] == [True, False, True, False]
    assert not frame.matches(at(2026, 11, 27, 10))          # before the begin date
    assert not frame.matches(at(2027, 1, 1, 10))            # after the end date


def test_date_range_is_continuous_and_may_recur_yearly():
    frame = canonical(dates=[{"name": "Inventory", "start_date": "2026-12-28", "start_time": "12:00", "end_date": "2026-12-30",
                              "end_time": "10:00", "recurrence": "none"},
                             {"name": "Founders day", "start_date": "2026-03-14", "recurrence": "yearly"}])
    assert not frame.matches(at(2026, 12, 28, 11, 59))
    assert frame.matches(at(2026, 12, 29, 3, 0))
    assert not frame.matches(at(2026, 12, 30, 10, 0))
    assert frame.matches(at(2031, 3, 14, 18, 0))
    assert not frame.matches(at(2031, 3, 15, 0, 0))


def test_api_specific_dates_single_day_window():
    frame = timeframes.from_api({"timeframe-name": "Training", "timeframe-specific-dates-array": [{
        "timeframe-specific-dates-begin-date": "20261211", "timeframe-specific-dates-begin-time": "1200",
        "timeframe-specific-dates-end-date": "20261211", "timeframe-specific-dates-end-time": "1700",
        "timeframe-recurrence-type": "doesNotRecur"}]}, ZONE)
    assert frame.matches(at(2026, 12, 11, 14, 30))
    assert not frame.matches(at(2026, 12, 11, 9, 0))
    assert not frame.matches(at(2027, 12, 11, 14, 30))


@pytest.mark.skipif(not timeframes.HAS_HOLIDAYS, reason="holidays library not installed")
def test_recurring_holiday_moves_with_the_calendar():
    frame = canonical(holidays=[{"name": "Thanksgiving Day", "date": "2026-11-26", "country": "US", "recurring": True},
                                {"name": "Company picnic", "date": "2026-06-12", "country": "US", "recurring": False}])
    assert frame.matches(at(2026, 11, 26, 9))
    assert frame.matches(at(2027, 11, 25, 9))                # fourth Thursday of November 2027
    assert not frame.matches(at(2027, 11, 26, 9))
    assert frame.matches(at(2026, 6, 12, 9))
    assert not frame.matches(at(2027, 6, 12, 9))             # not recurring


def test_holiday_observance_option_and_hours():
    entry = {"timeframe-holiday-name": "Independence Day", "timeframe-holiday-begin-date": "20270704", "country-abbreviation": "US",
             "timeframe-holiday-begin-time-1": "0000", "timeframe-holiday-end-time-1": "1200",
             "timeframe-weekly-sunday-observance-option": "observe-on-next-workday", "timeframe-recurrence-type": "never"}
    frame = timeframes.from_api({"timeframe-name": "Holidays", "timeframe-holiday-array": [entry]}, ZONE)
    # 2027-07-04 is a Sunday: observed only on Monday the 5th, in the morning
    assert frame.matches(at(2027, 7, 5, 9))
    assert not frame.matches(at(2027, 7, 5, 13))
    assert not frame.matches(at(2027, 7, 4, 9))
    assert [name for name, day, minute in frame.special_days()] == ["Independence Day"]
    assert frame.special_days()[0][1] == datetime.date(2027, 7, 5)


def test_always_and_unknown_time_zone():
    assert timeframes.from_api({"timeframe-name": "Always", "timeframe-type": "always"}, ZONE).matches(at(2026, 1, 1, 3))
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        canonical(kind="always", time_zone="Mars/Olympus")


def test_minutes_parsing():
    assert timeframes.minutes("08:30") == 510
    assert timeframes.minutes("0830") == 510
    assert timeframes.minutes("24:00") == 1440
    assert timeframes.minutes("2359", end=True) == 1440
    assert timeframes.minutes("2359") == 1439
    assert timeframes.minutes("25:00") is None
