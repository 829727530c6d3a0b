# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The onsite schedule: phones that need someone at the phone, or special access to the network, by site.

A phone whose provisioning path is manual entry or an onsite factory reset needs a person
at the phone during the reprovisioning window; a phone that finds the new server through
a DHCP option needs the customer's network changed before the window (special access).
Each site gets a proposed slot inside the agreed window (``ucaas_schedule.cutover``,
checked against the window rules with :func:`reports.timeline.build_timeline`): it starts
``start_offset_minutes`` after the window opens (numbers move first) and lasts
``minutes_per_device`` per phone; sites are separate people working at the same time. A
slot that does not fit is cut at the window's end and reported. The schedule renders to
JSON, Markdown (for the cutover plan) and HTML.
"""

from __future__ import annotations

import json
from datetime import timedelta

from ansible_collections.ucaas.migration.plugins.module_utils.reports import html as html_page
from ansible_collections.ucaas.migration.plugins.module_utils.reports.timeline import build_timeline

JSON_NAME = "onsite_schedule.json"
MARKDOWN_NAME = "onsite_schedule.md"
HTML_NAME = "onsite_schedule.html"
FORMAT = "ucaas.migration/onsite-schedule-v1"
NO_SITE = "(no site)"


def _device(entry):
    return {"source_id": str(entry.get("source_id")), "mac": entry.get("mac"), "model": entry.get("target_model"),
            "extensions": [line.get("extension") for line in entry.get("lines") or [] if line.get("extension")],
            "location": entry.get("location") or "", "redirect": entry.get("redirect"), "action": entry.get("action") or "",
            "notes": entry.get("notes") or ""}


def _window(schedule, rules_settings, customer):
    """(start, end, time zone name) of the agreed reprovisioning window, or None when none is agreed."""
    if not (schedule or {}).get("cutover"):
        return None, None
    timeline = build_timeline(schedule, rules_settings, customer=customer)
    for event in timeline["events"]:
        if event["key"] == "reprovisioning":
            return (event["start"], event["end"], event["time_zone"]), timeline["warnings"]
    return None, timeline["warnings"]


def build_onsite_schedule(entries, schedule=None, rules_settings=None, customer=None, minutes_per_device=10, start_offset_minutes=30,
                          provisioning_url=None):
    """``{format, customer, window, sites, warnings, summary}`` for the phones to provision that need onsite work or special access.

    Raises :class:`reports.timeline.ScheduleError` when the window breaks the rules (naming the field).
    """
    if minutes_per_device < 1 or start_offset_minutes < 0:
        raise ValueError("minutes_per_device must be at least 1 and start_offset_minutes not negative")
    window, warnings = _window(schedule, rules_settings, customer)
    warnings = list(warnings or [])
    if window is None:
        warnings.append("ucaas_schedule.cutover: no reprovisioning window agreed yet; slots are proposed once it is")
    by_site = {}
    for entry in entries:
        if entry.get("status") != "to_provision" or not (entry.get("onsite") or entry.get("special_access")):
            continue
        name = entry.get("site") or NO_SITE
        site = by_site.setdefault(name, {"site": name, "site_id": entry.get("site_id"), "onsite": [], "special_access": []})
        if entry.get("onsite"):
            site["onsite"].append(_device(entry))
        if entry.get("special_access"):
            site["special_access"].append(_device(entry))
    sites = []
    for name in sorted(by_site):
        site = by_site[name]
        site["onsite"].sort(key=lambda device: (device["location"], device["source_id"]))
        site["special_access"].sort(key=lambda device: device["source_id"])
        site["slot"] = None
        site["special_access_due"] = None
        if window is not None:
            start, end, zone_name = window
            if site["onsite"]:
                slot_start = min(start + timedelta(minutes=start_offset_minutes), end)
                slot_end = slot_start + timedelta(minutes=minutes_per_device * len(site["onsite"]))
                fits = slot_end <= end
                if not fits:
                    warnings.append("%s: %d phones need %d minutes onsite, the window leaves %d after the first %d; send more people or "
                                    "agree a second window" % (name, len(site["onsite"]), minutes_per_device * len(site["onsite"]),
                                                               int((end - slot_start).total_seconds() // 60), start_offset_minutes))
                site["slot"] = {"start": slot_start.isoformat(), "end": min(slot_end, end).isoformat(), "time_zone": zone_name, "fits": fits,
                                "people": 1}
            if site["special_access"]:
                site["special_access_due"] = {"by": start.isoformat(), "time_zone": zone_name,
                                              "task": "The site's network hands out the provisioning URL%s (DHCP option 66/160)" % (
                                                  " %s" % provisioning_url if provisioning_url else "")}
        sites.append(site)
    window_out = None
    if window is not None:
        window_out = {"start": window[0].isoformat(), "end": window[1].isoformat(), "time_zone": window[2]}
    return {
        "format": FORMAT, "customer": customer, "window": window_out, "sites": sites, "warnings": warnings,
        "summary": {"sites": len(sites), "onsite": sum(len(site["onsite"]) for site in sites),
                    "special_access": sum(len(site["special_access"]) for site in sites)},
        "settings": {"minutes_per_device": minutes_per_device, "start_offset_minutes": start_offset_minutes},
    }


def _clock(value):
    """``2026-12-03T18:30:00-05:00`` -> ``2026-12-03 18:30``."""
    return value[:16].replace("T", " ") if value else ""


def render_markdown(schedule):
    title = "Onsite schedule: %s" % (schedule.get("customer") or "the customer")
    lines = ["# %s" % title, ""]
    window = schedule.get("window")
    if window:
        lines.append("Reprovisioning window: %s to %s (%s)." % (_clock(window["start"]), _clock(window["end"])[11:], window["time_zone"]))
    else:
        lines.append("Reprovisioning window: not agreed yet.")
    lines.append("")
    if not schedule["sites"]:
        lines.append("No phone needs someone onsite or special network access.")
    for site in schedule["sites"]:
        lines += ["## %s" % site["site"], ""]
        if site["onsite"]:
            slot = site.get("slot")
            lines.append("Someone at the phones: %s." % _slot_text(slot))
            lines += ["", "| Location | MAC | Model | Extensions | What to do |", "|---|---|---|---|---|"]
            for device in site["onsite"]:
                lines.append("| %s | %s | %s | %s | %s |" % (_cell(device["location"] or device["source_id"]), device["mac"], _cell(device["model"]),
                                                             ", ".join(device["extensions"]), _cell(device["action"])))
            lines.append("")
        if site["special_access"]:
            due = site.get("special_access_due")
            lines.append("Special access: %s." % _due_text(due))
            lines.append("Phones: %s." % ", ".join("%s (%s)" % (device["mac"], device["source_id"]) for device in site["special_access"]))
            lines.append("")
    if schedule.get("warnings"):
        lines += ["## Warnings", ""] + ["- %s" % warning for warning in schedule["warnings"]] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _slot_text(slot):
    if not slot:
        return "slot to be agreed"
    return "%s to %s (%s)%s" % (_clock(slot["start"]), _clock(slot["end"])[11:], slot["time_zone"], "" if slot["fits"] else ", does not fit the window")


def _due_text(due):
    return "%s, by %s" % (due["task"], _clock(due["by"])) if due else "network change, date to be agreed"


def _cell(value):
    return str(value or "").replace("|", "/").replace("\n", " ")


def render_html(schedule):
    title = "Onsite schedule: %s" % (schedule.get("customer") or "the customer")
    window = schedule.get("window")
    parts = [html_page.table(None, [("Reprovisioning window", "%s to %s (%s)" % (_clock(window["start"]), _clock(window["end"])[11:], window["time_zone"])
                                     if window else "not agreed yet"), ("Sites", schedule["summary"]["sites"]),
                                    ("Phones needing someone onsite", schedule["summary"]["onsite"]),
                                    ("Phones needing special access", schedule["summary"]["special_access"])], css_class="meta")]
    for site in schedule["sites"]:
        parts.append("<h2>%s</h2>" % html_page.text(site["site"]))
        if site["onsite"]:
            slot = site.get("slot")
            parts.append("<p>Someone at the phones: %s</p>" % html_page.text(_slot_text(slot)))
            parts.append(html_page.table(("Location", "MAC", "Model", "Extensions", "What to do"), [
                (device["location"] or device["source_id"], device["mac"], device["model"], ", ".join(device["extensions"]), device["action"])
                for device in site["onsite"]]))
        if site["special_access"]:
            due = site.get("special_access_due")
            parts.append("<p>Special access: %s</p>" % html_page.text(_due_text(due)))
            parts.append(html_page.table(("MAC", "Source id", "Model"), [(device["mac"], device["source_id"], device["model"])
                                                                         for device in site["special_access"]]))
    if not schedule["sites"]:
        parts.append("<p>No phone needs someone onsite or special network access.</p>")
    if schedule.get("warnings"):
        parts.append('<h2>Warnings</h2><ul class="warning">%s</ul>' % "".join("<li>%s</li>" % html_page.text(item) for item in schedule["warnings"]))
    return html_page.document(title, parts)


def render_schedule(schedule):
    """``{file name: text}`` of the three renderings."""
    return {
        JSON_NAME: json.dumps(schedule, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
        MARKDOWN_NAME: render_markdown(schedule),
        HTML_NAME: render_html(schedule),
    }
