# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWX cutover schedule generated from the agreed window."""
from __future__ import annotations

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.ucaas.migration.plugins.filter.awx_schedule_rrule import FilterModule
from ansible_collections.ucaas.migration.plugins.module_utils.cutover.awx_schedule import cutover_rrule
from ansible_collections.ucaas.migration.plugins.module_utils.reports.timeline import ScheduleError

RRULE = FilterModule().filters()["awx_schedule_rrule"]


def _window(day="2026-12-03", start="18:00", end="21:00", zone="America/New_York"):
    return dict(date=day, window_start=start, window_end=end, time_zone=zone)


def test_example_window():
    assert cutover_rrule(_window()) == "DTSTART;TZID=America/New_York:20261203T180000 RRULE:FREQ=DAILY;INTERVAL=1;COUNT=1"


@pytest.mark.parametrize(("window", "expected"), [
    (_window(start="17:00", end="19:30", zone="America/Chicago"), "20261203T180000"),
    (_window(day="2026-12-03", start="23:00", end="23:59", zone="UTC"), "20261203T180000"),  # EST, UTC-5
    (_window(day="2026-03-09", start="23:00", end="23:59", zone="UTC"), "20260309T190000"),  # after the March change: EDT, UTC-4
    (_window(day="2026-11-02", start="23:00", end="23:59", zone="UTC"), "20261102T180000"),  # after the November change
    (_window(day="2026-03-09", start="18:00", end="20:00", zone=None), "20260309T180000"),    # no zone: the rules' zone
])
def test_start_is_converted_to_new_york_on_its_own_date(window, expected):
    assert cutover_rrule(window) == "DTSTART;TZID=America/New_York:%s RRULE:FREQ=DAILY;INTERVAL=1;COUNT=1" % expected


def test_rules_zone_is_the_tzid():
    rrule = cutover_rrule(_window(start="17:00", end="19:00", zone="America/New_York"), rules_settings=dict(time_zone="America/Chicago"))
    assert rrule.startswith("DTSTART;TZID=America/Chicago:20261203T160000 ")


def test_window_breaking_the_rules_needs_a_reason():
    with pytest.raises(ScheduleError, match=r"ucaas_schedule\.cutover\.date: 2026-12-05 is a Saturday"):
        cutover_rrule(_window(day="2026-12-05"))
    assert cutover_rrule(_window(day="2026-12-05"), override_reason="carrier FOC moved").startswith("DTSTART;TZID=America/New_York:20261205T180000")
    with pytest.raises(ScheduleError, match="window_end: the window ends 2026-12-03 21:30"):
        cutover_rrule(_window(end="21:30"))


def test_missing_window_and_filter_errors_name_the_field():
    with pytest.raises(ScheduleError, match="no agreed reprovisioning window"):
        cutover_rrule(None)
    with pytest.raises(AnsibleFilterError, match=r"ucaas.migration.awx_schedule_rrule: ucaas_schedule.cutover.window_start: required"):
        RRULE(dict(date="2026-12-03", window_end="21:00"))
    assert RRULE(_window(), {}) == cutover_rrule(_window())
