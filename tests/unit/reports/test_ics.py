# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""cutover.ics read back line by line (RFC 5545)."""
from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.reports import ics
from ansible_collections.ucaas.migration.plugins.module_utils.reports.timeline import build_timeline

SCHEDULE = {
    "collected": "2026-11-20",
    "partner_review_by": "2026-12-02",
    "cutover": {"date": "2026-12-03", "window_start": "18:00", "window_end": "21:00", "time_zone": "America/New_York"},
    "port": {"requested_foc": "2026-12-10", "numbers": "all"},
}


def _events(text):
    events, current = [], None
    for line in ics.unfold(text):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name] = value
    return events


def test_calendar_structure_and_line_endings():
    text = ics.render(build_timeline(SCHEDULE, customer="Northwind Family Dental"), "northwind-dental", calendar_name="Cutover")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert lines[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ucaas.migration//cutover timeline//EN"]
    assert lines[-1] == "END:VCALENDAR"
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 4


def test_events_in_utc_with_stable_uids_and_dtstamp():
    events = _events(ics.render(build_timeline(SCHEDULE, customer="Northwind"), "northwind-dental"))
    by_uid = dict((event["UID"], event) for event in events)
    window = by_uid["northwind-dental-reprovisioning@ucaas-migration"]
    assert window["DTSTART"] == "20261203T230000Z" and window["DTEND"] == "20261204T020000Z"
    foc = by_uid["northwind-dental-porting-foc@ucaas-migration"]
    assert foc["DTSTART;VALUE=DATE"] == "20261210" and foc["DTEND;VALUE=DATE"] == "20261211"
    assert set(event["DTSTAMP"] for event in events) == {"20261120T000000Z"}


def test_summer_window_uses_edt_offset():
    schedule = dict(SCHEDULE, cutover={"date": "2027-06-15", "window_start": "18:00", "window_end": "21:00"})
    events = _events(ics.render(build_timeline(schedule), "x"))
    window = next(event for event in events if event["UID"].startswith("x-reprovisioning"))
    assert window["DTSTART"] == "20270615T220000Z"


def test_same_schedule_same_bytes():
    first = ics.render(build_timeline(SCHEDULE), "northwind-dental")
    assert first == ics.render(build_timeline(SCHEDULE), "northwind-dental")


def test_text_is_escaped_and_long_lines_folded():
    assert ics.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "é" * 60
    folded = ics.fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded)
    assert all(part.startswith(" ") for part in folded[1:])
    assert ics.unfold("\r\n".join(folded) + "\r\n") == [line]
