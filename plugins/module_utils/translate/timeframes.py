# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Time frames (business hours, closures, holidays) as ``ns_timeframe`` items.

Entries are API-shaped, exactly as ``ns_timeframe`` compares them: one days-of-week entry
with ``timeframe-weekly-<day>-begin-time-N``/``-end-time-N`` (``hhmm``, up to two ranges a
day), specific-dates entries with ``YYYYMMDD`` dates, holiday entries with the holiday's
name, date, country and ISO 3166-2 region.  Answer rules and attendants refer to a frame by
its name, which ``ctx.frame_names`` holds per source id.
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.translate.context import natural_key

DAY_NAMES = {"mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday", "fri": "friday",
             "sat": "saturday", "sun": "sunday"}
TYPES = {"always": "always", "days_of_week": "days-of-week", "specific_dates": "specific-dates", "holidays": "holiday", "custom": "custom"}
MAX_RANGES_PER_DAY = 2


def hhmm(value, end=False):
    """'08:30' -> '0830'; an end of '24:00' is '2359' (the platform's last minute of the day)."""
    text = str(value).replace(":", "")
    if end and text == "2400":
        return "2359"
    return text


def ymd(value):
    return str(value).replace("-", "")


def weekly_entry(ctx, frame, source):
    entry = {}
    per_day = {}
    for item in sorted(frame.get("weekly") or [], key=lambda rng: (list(DAY_NAMES).index(rng["day"]), rng["start"])):
        per_day.setdefault(item["day"], []).append(item)
    for day, ranges in per_day.items():
        if len(ranges) > MAX_RANGES_PER_DAY:
            ctx.findings.warning("time_frame_ranges", source,
                                 "%s has %d ranges on %s; the platform keeps two a day, so %s are merged into the second." % (
                                     frame["name"], len(ranges), day, ", ".join("%s-%s" % (r["start"], r["end"]) for r in ranges[1:])),
                                 "Check the hours, or split the frame.", detail=day)
            ranges = [ranges[0], dict(day=day, start=ranges[1]["start"], end=max(r["end"] for r in ranges[1:]))]
        for number, item in enumerate(ranges, 1):
            entry["timeframe-weekly-%s-begin-time-%d" % (DAY_NAMES[day], number)] = hhmm(item["start"])
            entry["timeframe-weekly-%s-end-time-%d" % (DAY_NAMES[day], number)] = hhmm(item["end"], end=True)
    entry["timeframe-recurrence-type"] = "weekly"
    return entry


def date_entry(item):
    return {
        "timeframe-specific-dates-begin-date": ymd(item["start_date"]),
        "timeframe-specific-dates-begin-time": hhmm(item.get("start_time") or "00:00"),
        "timeframe-specific-dates-end-date": ymd(item.get("end_date") or item["start_date"]),
        "timeframe-specific-dates-end-time": hhmm(item.get("end_time") or "24:00", end=True),
        "timeframe-recurrence-type": "yearly-on-selected-dates" if item.get("recurrence") == "yearly" else "doesNotRecur",
    }


def holiday_entry(ctx, frame, item, source):
    country = item.get("country") or ctx.inventory.get("source", {}).get("default_region") or "US"
    if not item.get("country"):
        ctx.findings.info("holiday_country", source, "Holiday %s of %s has no country; %s is assumed." % (item["name"], frame["name"], country),
                          detail=item["name"])
    entry = {
        "timeframe-holiday-name": item["name"],
        "timeframe-holiday-begin-date": ymd(item["date"]),
        "country-abbreviation": country,
        "timeframe-holiday-begin-time-1": "0000",
        "timeframe-holiday-end-time-1": "2359",
        "timeframe-recurrence-type": "yearlyOnHoliday" if item.get("recurring", True) else "never",
    }
    if item.get("region"):
        entry["state-province-abbreviation"] = "%s-%s" % (country, item["region"])
    return entry


def plan_timeframes(ctx):
    """``ns_timeframe`` items; fills ``ctx.frame_names``."""
    items = []
    ctx.frame_names = {}
    used = {}
    for frame in ctx.objects("time_frames"):
        source = ctx.source("time_frames", frame)
        name = frame["name"]
        if name.lower() in used:
            owner = ctx.user_ext(frame.get("owner_user_id")) if frame.get("owner_user_id") else None
            name = "%s %s" % (frame["name"], owner or frame["source_id"])
            ctx.findings.warning("time_frame_renamed", source, "Time frame name %r is used twice; this one becomes %r." % (frame["name"], name),
                                 "Rename one of them in the inventory.", detail=name)
        used[name.lower()] = frame["source_id"]
        ctx.frame_names[frame["source_id"]] = name
        if frame.get("owner_user_id"):
            ctx.findings.info("personal_time_frame", source,
                              "Personal time frame %r of user %s is planned as a domain time frame." % (name, frame["owner_user_id"]),
                              detail=name)
        zone = frame.get("time_zone") or ctx.inventory["source"].get("time_zone")
        if zone and ctx.time_zones.target(zone) not in (None, ctx.domain_time_zone):
            ctx.findings.warning("time_frame_time_zone", source,
                                 "%s is defined in %s but frames follow the domain's time zone %s on the platform." % (name, zone, ctx.domain_time_zone),
                                 "Shift the hours or give the affected users their own time zone.", detail=zone)
        item = dict(name=name, type=TYPES[frame["kind"]])
        if frame.get("weekly"):
            item["days_of_week"] = [weekly_entry(ctx, frame, source)]
        if frame.get("dates"):
            item["specific_dates"] = [date_entry(entry) for entry in frame["dates"]]
        if frame.get("holidays"):
            item["holidays"] = [holiday_entry(ctx, frame, entry, source) for entry in frame["holidays"]]
        if any(str(entry.get("end") or entry.get("end_time")) == "24:00" for entry in (frame.get("weekly") or []) + (frame.get("dates") or [])):
            ctx.findings.info("time_frame_end_of_day", source, "%s ends at 24:00; the platform's last minute is 23:59." % name)
        items.append(item)
        ctx.target("time_frames", frame, "timeframes", name)
    return sorted(items, key=lambda item: natural_key(item["name"]))
