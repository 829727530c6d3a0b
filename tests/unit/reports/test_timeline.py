# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The reprovisioning window rules: weekdays, 21:00 US Eastern, DST weeks, holidays, override."""
from __future__ import annotations

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.reports import timeline, timeline_docs
from ansible_collections.ucaas.migration.plugins.module_utils.reports.timeline import ScheduleError, build_timeline


def _schedule(day, start, end, zone="America/New_York", **extra):
    return dict(dict(cutover=dict(date=day, window_start=start, window_end=end, time_zone=zone)), **extra)


def test_weekday_evening_window_passes():
    plan = build_timeline(_schedule("2026-12-03", "18:00", "21:00"))
    assert plan["warnings"] == []
    assert plan["events"][0]["key"] == "reprovisioning"


def test_weekend_is_an_error_naming_the_field():
    with pytest.raises(ScheduleError, match=r"ucaas_schedule\.cutover\.date: 2026-12-05 is a Saturday in America/New_York"):
        build_timeline(_schedule("2026-12-05", "18:00", "20:00"))


def test_2030_is_fine_2130_is_not():
    build_timeline(_schedule("2026-12-03", "19:00", "20:30"))
    with pytest.raises(ScheduleError, match=r"ucaas_schedule\.cutover\.window_end: the window ends 2026-12-03 21:30 America/New_York \(EST\), after "
                                            r"the latest end 21:00"):
        build_timeline(_schedule("2026-12-03", "19:00", "21:30"))


def test_other_zone_is_judged_in_eastern_time():
    build_timeline(_schedule("2026-12-03", "17:00", "19:30", zone="America/Chicago"))  # ends 20:30 ET
    with pytest.raises(ScheduleError, match="window_end"):
        build_timeline(_schedule("2026-12-03", "17:00", "20:30", zone="America/Chicago"))  # ends 21:30 ET


@pytest.mark.parametrize(("day", "ok"), [
    ("2027-03-12", True),    # Friday before DST starts: 01:30 UTC on the 12th is 20:30 EST on Thursday the 11th
    ("2027-03-16", False),   # Tuesday after DST started (Sunday the 14th): 01:30 UTC is 21:30 EDT on Monday
    ("2027-11-02", False),   # Tuesday before DST ends (Sunday the 7th): 21:30 EDT
    ("2027-11-09", True),    # Tuesday after DST ended: 20:30 EST
])
def test_a_utc_window_across_dst_changes(day, ok):
    schedule = _schedule(day, "00:30", "01:30", zone="UTC")
    if ok:
        build_timeline(schedule)
    else:
        with pytest.raises(ScheduleError, match=r"ends \d{4}-\d\d-\d\d 21:30 America/New_York \(EDT\)"):
            build_timeline(schedule)


def test_a_utc_window_on_a_weekday_that_is_sunday_in_eastern_time():
    # Monday 00:30-01:30 UTC is Sunday evening in New York
    with pytest.raises(ScheduleError, match="is a Sunday"):
        build_timeline(_schedule("2026-12-07", "00:30", "01:30", zone="UTC"))


def test_holiday_is_a_warning():
    plan = build_timeline(_schedule("2026-11-26", "18:00", "20:00"))
    assert plan["warnings"] == ["ucaas_schedule.cutover.date: 2026-11-26 is Thanksgiving Day (US public holiday)"]


def test_override_records_the_violation_as_a_warning():
    plan = build_timeline(_schedule("2026-12-05", "18:00", "22:00", window_override_reason="Clinic closed Saturday; agreed with Carla Jensen"))
    assert len(plan["warnings"]) == 2
    assert all(warning.endswith("(overridden: Clinic closed Saturday; agreed with Carla Jensen)") for warning in plan["warnings"])
    assert plan["override_reason"].startswith("Clinic closed")
    text = timeline_docs.render_markdown(plan, "Timeline")
    assert "**Window rules overridden:** Clinic closed Saturday" in text


def test_provider_standards_change_the_rules():
    rules = {"latest_end": "22:00", "days": ["mon", "tue", "wed", "thu", "fri", "sat"], "time_zone": "America/Chicago"}
    build_timeline(_schedule("2026-12-05", "19:00", "21:45", zone="America/Chicago"), rules_settings=rules)
    with pytest.raises(ScheduleError, match=r"cutover_window\.lastest_end: unknown setting"):
        build_timeline(_schedule("2026-12-03", "18:00", "20:00"), rules_settings={"lastest_end": "22:00"})


@pytest.mark.parametrize(("schedule", "message"), [
    (_schedule("2026-02-30", "18:00", "20:00"), r"ucaas_schedule\.cutover\.date: '2026-02-30' is not a date"),
    (_schedule("2026-12-03", "6pm", "20:00"), r"ucaas_schedule\.cutover\.window_start: '6pm' is not a time of day"),
    (_schedule("2026-12-03", "20:00", "18:00"), r"ucaas_schedule\.cutover\.window_end: 18:00 ends at or before its start 20:00"),
    (_schedule("2026-12-03", "18:00", "20:00", zone="Eastern"), r"ucaas_schedule\.cutover\.time_zone: 'Eastern' is not an IANA time zone"),
    ({"cutover": {"date": "2026-12-03", "window_start": "18:00"}}, r"ucaas_schedule\.cutover\.window_end: required"),
])
def test_bad_schedule_names_the_field(schedule, message):
    with pytest.raises(ScheduleError, match=message):
        build_timeline(schedule)


def test_events_porting_windows_and_milestones_in_order():
    schedule = _schedule("2026-12-03", "18:00", "21:00", partner_review_by="2026-12-02",
                         port={"windows": [{"date": "2026-12-12", "start": "10:00", "end": "12:00"}], "numbers": ["+12155550100"]})
    plan = build_timeline(schedule, customer="Northwind")
    assert [event["key"] for event in plan["events"]] == ["review", "reprovisioning", "change-window-closes", "porting-1"]
    assert plan["warnings"] == ["ucaas_schedule.port.windows[0].date: 2026-12-12 is a Saturday in America/New_York; "
                                "the window must be on Monday, Tuesday, Wednesday, Thursday, Friday"]
    assert plan["events"][3]["description"] == "Numbers: +12155550100."


def test_review_after_cutover_is_a_warning():
    plan = build_timeline(_schedule("2026-12-03", "18:00", "21:00", partner_review_by="2026-12-04"))
    assert plan["warnings"] == ["ucaas_schedule.partner_review_by: 2026-12-04 is not before the cutover date"]


def test_no_cutover_yet_is_a_warning():
    plan = build_timeline({"partner_review_by": "2026-12-02"})
    assert plan["warnings"] == ["ucaas_schedule.cutover: no reprovisioning window proposed yet"]


def test_communications_plan_names_the_people():
    plan = build_timeline(_schedule("2026-12-03", "18:00", "21:00"))
    rows = timeline_docs.communications(plan, {"customer": [{"role": "onsite", "name": "Liam"}]}, {"contacts": [{"role": "pm", "name": "Dana"}]})
    assert rows[0][1].startswith("Reprovisioning window") and rows[0][3] == "Dana, Liam"
    assert timeline.WEEKDAYS[0] == "mon"
