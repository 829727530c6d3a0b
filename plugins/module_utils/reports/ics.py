# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``cutover.ics``: the timeline as an RFC 5545 calendar.

Timed events are written in UTC (``...Z``), so no VTIMEZONE is needed and DST is already
resolved by zoneinfo; milestones are all-day (``VALUE=DATE``).  UIDs come from the calendar
id and the event key, so a re-run (or a moved date) updates the same event in the
partner's calendar, and DTSTAMP comes from the schedule, not the clock, so equal input
gives equal bytes.  Lines end with CRLF and are folded at 75 octets.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta, timezone

PRODID = "-//ucaas.migration//cutover timeline//EN"
MAX_OCTETS = 75
_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text):
    return _SLUG.sub("-", str(text or "").lower()).strip("-") or "migration"


def escape_text(value):
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line):
    """Split a content line into chunks of at most 75 octets, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= MAX_OCTETS:
        return [line]
    chunks = []
    limit = MAX_OCTETS
    while data:
        cut = min(limit, len(data))
        while cut < len(data) and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        chunks.append(data[:cut].decode("utf-8"))
        data = data[cut:]
        limit = MAX_OCTETS - 1  # continuation lines start with one space
    return [chunks[0]] + [" " + chunk for chunk in chunks[1:]]


def _utc(moment):
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def dtstamp(timeline):
    """When the schedule was proposed: ``proposed_on``, else ``collected``, else the first event's date (00:00 UTC)."""
    for key in ("proposed_on", "collected"):
        if timeline.get(key):
            return datetime.strptime(str(timeline[key]), "%Y-%m-%d").strftime("%Y%m%dT000000Z")
    events = timeline["events"]
    if not events:
        return "20260101T000000Z"
    first = events[0]
    day = first["start"].astimezone(timezone.utc).date() if first["start"] is not None else first["date"]
    return datetime.combine(day, time(0, 0)).strftime("%Y%m%dT%H%M%SZ")


def render(timeline, calendar_id, calendar_name=None, organizer=None):
    """The calendar as text with CRLF line endings."""
    stamp = dtstamp(timeline)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:%s" % PRODID, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if calendar_name:
        lines.append("X-WR-CALNAME:%s" % escape_text(calendar_name))
    for event in timeline["events"]:
        lines += ["BEGIN:VEVENT", "UID:%s-%s@ucaas-migration" % (slug(calendar_id), event["key"]), "DTSTAMP:%s" % stamp]
        if event["start"] is not None:
            lines.append("DTSTART:%s" % _utc(event["start"]))
            end = event["end"] if event["end"] > event["start"] else event["start"] + timedelta(minutes=15)
            lines.append("DTEND:%s" % _utc(end))
        else:
            lines.append("DTSTART;VALUE=DATE:%s" % event["date"].strftime("%Y%m%d"))
            lines.append("DTEND;VALUE=DATE:%s" % (event["date"] + timedelta(days=1)).strftime("%Y%m%d"))
            lines.append("TRANSP:TRANSPARENT")
        lines.append("SUMMARY:%s" % escape_text(event["title"]))
        if event.get("description"):
            lines.append("DESCRIPTION:%s" % escape_text(event["description"]))
        lines.append("CATEGORIES:%s" % escape_text(event["kind"].upper()))
        if organizer and organizer.get("email"):
            name = organizer.get("name")
            lines.append("ORGANIZER%s:mailto:%s" % (";CN=\"%s\"" % name.replace('"', "'") if name else "", organizer["email"]))
        lines += ["SEQUENCE:0", "STATUS:TENTATIVE" if event["kind"] != "milestone" else "STATUS:CONFIRMED", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    folded = []
    for line in lines:
        folded.extend(fold(line))
    return "\r\n".join(folded) + "\r\n"


def unfold(text):
    """Content lines of a calendar (folding undone); used to read calendars back."""
    lines = []
    for raw in text.split("\r\n"):
        if raw.startswith(" ") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines
