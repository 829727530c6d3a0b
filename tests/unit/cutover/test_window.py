# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cutover window guard: weekdays, 21:00 US Eastern across DST, holidays, override and rehearsal record."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.cutover.window import WindowError, evaluate, parse_now, refusal_message
from ansible_collections.ucaas.migration.plugins.module_utils.reports.timeline import ScheduleError, window_rules

REAL_NOW = datetime(2026, 11, 25, 21, 40, 12, tzinfo=timezone.utc)
EASTERN = window_rules()["zone"]


def _clock():
    return REAL_NOW


def _window(day="2026-12-03", start="18:00", end="21:00", zone="America/New_York"):
    return dict(date=day, window_start=start, window_end=end, time_zone=zone)


def _guard(now, window=None, **kwargs):
    return evaluate(kwargs.pop("rules", None), window=window, now=now, clock=_clock, **kwargs)


def test_inside_the_agreed_window_is_allowed_and_recorded_as_rehearsal():
    result = _guard("2026-12-03T18:30:00-05:00", _window(), by="dana")
    assert result["inside"] and result["allowed"] and not result["overridden"]
    assert result["record"] == dict(at="2026-11-25T21:40:12Z", now_used="2026-12-03T18:30:00-05:00", rehearsal=True, inside=True,
                                    reason=None, by="dana", violations=[], time_zone="America/New_York",
                                    window=dict(start="2026-12-03T18:00:00-05:00", end="2026-12-03T21:00:00-05:00",
                                                time_zone="America/New_York"))


def test_real_clock_is_used_without_now():
    result = evaluate(None, now=None, clock=lambda: datetime(2026, 12, 3, 23, 30, tzinfo=timezone.utc))
    assert result["inside"]
    assert result["record"]["rehearsal"] is False
    assert result["now_used"] == "2026-12-03T18:30:00-05:00"


@pytest.mark.parametrize(("now", "expected"), [
    ("2026-12-03 17:59", "before the agreed window, which starts Thursday 2026-12-03 18:00 America/New_York (EST)"),
    ("2026-12-03 21:00", "after the agreed window, which ended Thursday 2026-12-03 21:00 America/New_York (EST)"),
    ("2026-12-04 18:30", "after the agreed window"),
])
def test_outside_the_agreed_window_is_refused(now, expected):
    result = _guard(now, _window())
    assert not result["inside"] and not result["allowed"]
    assert any(expected in line for line in result["violations"]), result["violations"]
    assert "Give override_reason" in refusal_message(result)


def test_override_reason_allows_and_is_recorded():
    result = _guard("2026-12-05 10:00", None, override_reason="  carrier moved the FOC to Saturday ", by="omar")
    assert not result["inside"] and result["allowed"] and result["overridden"]
    assert result["record"]["reason"] == "carrier moved the FOC to Saturday"
    assert result["record"]["violations"] == ["now: 2026-12-05 is a Saturday; cutovers run on Monday, Tuesday, Wednesday, Thursday, Friday"]


def test_blank_reason_is_no_reason():
    assert not _guard("2026-12-05 10:00", override_reason="   ")["allowed"]


def test_agreed_window_on_a_weekend_is_refused_even_when_the_clock_is_inside_it():
    result = _guard("2026-12-05 18:30", _window(day="2026-12-05"))
    assert result["violations"] == ["ucaas_schedule.cutover.date: 2026-12-05 is a Saturday in America/New_York; the window must be on "
                                    "Monday, Tuesday, Wednesday, Thursday, Friday"]


def test_rules_only_latest_end_and_required_minutes():
    assert _guard("2026-12-03 20:59")["inside"]
    assert not _guard("2026-12-03 21:00")["inside"]
    result = _guard("2026-12-03 20:30", required_minutes=45)
    assert result["violations"] == ["now: 20:30 EST is too late; the cutover must end by 21:00 America/New_York and needs 45 minutes"]
    assert not _guard("2026-12-03 20:30", _window(), required_minutes=45)["inside"]
    assert _guard("2026-12-03 20:00", _window(), required_minutes=45)["inside"]


# DST: US clocks go forward on Sunday 2026-03-08 and back on Sunday 2026-11-01.
@pytest.mark.parametrize(("utc", "inside"), [
    ("2026-03-06T01:30:00Z", True),    # Thursday 20:30 EST (UTC-5)
    ("2026-03-06T02:30:00Z", False),   # Thursday 21:30 EST
    ("2026-03-10T00:30:00Z", True),    # Monday 20:30 EDT (UTC-4)
    ("2026-03-10T01:30:00Z", False),   # Monday 21:30 EDT: the same UTC time as an allowed one in winter
    ("2026-11-03T01:30:00Z", True),    # Monday 2026-11-02 20:30 EST
    ("2026-10-30T01:30:00Z", False),   # Thursday 21:30 EDT
])
def test_latest_end_follows_daylight_saving_time(utc, inside):
    assert _guard(utc)["inside"] is inside


def test_window_written_in_utc_is_judged_on_its_own_date():
    winter = _window(day="2026-03-06", start="23:00", end="01:00", zone="UTC")
    with pytest.raises(ScheduleError, match="ends at or before its start"):
        _guard("2026-03-06T23:30:00Z", winter)
    # 23:00-23:59 UTC is 18:00-18:59 EST in winter but 19:00-19:59 EDT after the change: both fine
    assert _guard("2026-03-09T23:30:00Z", _window(day="2026-03-09", start="23:00", end="23:59", zone="UTC"))["inside"]
    # 00:00-01:30 UTC on the 10th is Monday 20:00-21:30 EDT: judged on Monday, and it ends too late
    late = _guard("2026-03-10T00:30:00Z", _window(day="2026-03-10", start="00:00", end="01:30", zone="UTC"))
    assert late["violations"] == ["ucaas_schedule.cutover.window_end: the window ends 2026-03-09 21:30 America/New_York (EDT), after the "
                                  "latest end 21:00 America/New_York"]


def test_window_in_chicago_time_ending_2030_central_is_too_late_in_eastern():
    result = _guard("2026-12-03T19:00:00-06:00", _window(start="18:00", end="20:30", zone="America/Chicago"))
    assert result["violations"] == ["ucaas_schedule.cutover.window_end: the window ends 2026-12-03 21:30 America/New_York (EST), after the "
                                    "latest end 21:00 America/New_York"]


def test_skipped_and_repeated_wall_clock_times_need_an_offset():
    with pytest.raises(WindowError, match="does not exist in America/New_York"):
        parse_now("2026-03-08 02:30", EASTERN)
    with pytest.raises(WindowError, match="happens twice in America/New_York"):
        parse_now("2026-11-01 01:30", EASTERN)
    assert parse_now("2026-11-01T01:30:00-04:00", EASTERN).utcoffset().total_seconds() == -4 * 3600
    assert parse_now("2026-11-01 03:30", EASTERN).utcoffset().total_seconds() == -5 * 3600


def test_bad_clock_is_an_error_naming_the_field():
    with pytest.raises(WindowError, match=r"now: 'tonight' is not a date and time"):
        _guard("tonight")


def test_holiday_is_refused_by_default_and_a_warning_when_allowed():
    thanksgiving = "2026-11-26 19:00"
    result = _guard(thanksgiving)
    assert result["violations"] == ["now: 2026-11-26 is Thanksgiving Day (US public holiday)"]
    relaxed = _guard(thanksgiving, refuse_on_holiday=False)
    assert relaxed["inside"] and relaxed["warnings"] == ["now: 2026-11-26 is Thanksgiving Day (US public holiday)"]
    assert _guard(thanksgiving, rules=dict(holiday_country=""))["inside"]


def test_standards_change_the_rules():
    rules = dict(days=["sat"], latest_end="23:00", earliest_start="20:00", time_zone="America/Chicago")
    assert _guard("2026-12-05 22:00", rules=rules)["inside"]
    result = _guard("2026-12-05 19:00", rules=rules)
    assert result["violations"] == ["now: 19:00 CST is before the earliest start 20:00 America/Chicago"]
    assert result["record"]["time_zone"] == "America/Chicago"


def test_unknown_rule_and_missing_window_field_name_the_field():
    with pytest.raises(ScheduleError, match=r"cutover_window\.latest: unknown setting"):
        _guard("2026-12-03 18:30", rules=dict(latest="20:00"))
    with pytest.raises(ScheduleError, match=r"ucaas_schedule\.cutover\.window_end: required"):
        _guard("2026-12-03 18:30", dict(date="2026-12-03", window_start="18:00"))
    with pytest.raises(WindowError, match="required_minutes"):
        _guard("2026-12-03 18:30", required_minutes=-5)
