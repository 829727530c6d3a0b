# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SOW inputs: what migrates, what does not and why, and the partner's checklist.

The checklist items are the process's partner responsibilities; each status (``done``,
``open``, ``not_applicable``) is derived from the inventory and the host's variables, never
typed in by hand, so it changes when the inventory does.
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.reports.partner_requests import requests as partner_requests
from ansible_collections.ucaas.migration.plugins.module_utils.reports.scope import (
    CLASSIFICATIONS,
    MIGRATE,
    NEEDS_PARTNER_INPUT,
    NOT_MIGRATE,
    counts,
    kind_title,
)
from ansible_collections.ucaas.migration.plugins.module_utils.reports.tables import canonical

DONE = "done"
OPEN = "open"
NOT_APPLICABLE = "not_applicable"
FILE_SOURCES = ("spreadsheet", "freepbx_csv")
GREETING_GAP_KINDS = ("greeting", "greetings", "voicemail_greeting", "audio", "recording")
DEVICE_GAP_KINDS = ("device", "devices", "device_mac", "device_model", "device_details")


def _item(key, title, status, detail):
    return dict(key=key, title=title, status=status, detail=detail)


def _gaps(data, kinds):
    return [entry for entry in data.get("not_collected") or [] if entry["kind"] in kinds]


def _port_numbers(data, schedule, scope):
    excluded = set(item["source_id"] for item in scope["items"] if item["kind"] == "dids" and item["classification"] == NOT_MIGRATE)
    wanted = ((schedule or {}).get("port") or {}).get("numbers", "all")
    dids = [did for did in data.get("dids") or [] if did.get("usage") != "temporary" and did["source_id"] not in excluded]
    if wanted in (None, "all"):
        return dids
    wanted = set(str(number) for number in wanted or [])
    return [did for did in dids if did["number"] in wanted]


def checklist(inventory, scope, source_platform=None, schedule=None):
    """The partner-responsibilities checklist, one entry per responsibility of the process."""
    data = canonical(inventory)
    source = data.get("source") or {}
    platform = source_platform or source.get("platform")
    schedule = schedule or {}
    items = []
    if platform in FILE_SOURCES:
        items.append(_item("credentials", "Admin credentials for the source platform", NOT_APPLICABLE,
                           "The source is files the partner exported; no login was needed."))
    else:
        items.append(_item("credentials", "Admin credentials for the source platform", DONE,
                           "Collected from %s %s at %s." % (platform, source.get("instance") or "", source.get("collected_at"))))
    dids = data.get("dids") or []
    items.append(_item("did_list", "List of DIDs (phone numbers)", DONE if dids else OPEN,
                       "%d numbers in the inventory." % len(dids) if dids else "No phone numbers were collected; send the DID list."))
    devices = data.get("devices") or []
    device_gaps = [item for item in scope["items"] if item["kind"] == "devices" and item["classification"] == NEEDS_PARTNER_INPUT]
    device_gaps += _gaps(data, DEVICE_GAP_KINDS)
    if not devices:
        items.append(_item("device_inventory", "Device inventory (MAC, serial, model)", OPEN, "No devices were collected; send the device list."))
    elif device_gaps:
        items.append(_item("device_inventory", "Device inventory (MAC, serial, model)", OPEN,
                           "%d devices collected; %d device details missing." % (len(devices), len(device_gaps))))
    else:
        items.append(_item("device_inventory", "Device inventory (MAC, serial, model)", DONE, "%d devices with MAC and model." % len(devices)))
    greeting_gaps = _gaps(data, GREETING_GAP_KINDS)
    audio = data.get("audio_assets") or []
    items.append(_item("greeting_exports", "Exports of greetings and other audio to keep", OPEN if greeting_gaps else DONE,
                       "%d audio files collected; %d greetings missing." % (len(audio), len(greeting_gaps)) if greeting_gaps
                       else "%d audio files collected; none missing." % len(audio)))
    port = _port_numbers(data, schedule, scope)
    incomplete = [did["number"] for did in port if not _porting_complete(did.get("porting") or {})]
    if not port:
        items.append(_item("porting_information", "Carrier / porting contacts and account numbers", NOT_APPLICABLE, "No numbers to port."))
    elif incomplete:
        items.append(_item("porting_information", "Carrier / porting contacts and account numbers", OPEN,
                           "Carrier, account number or port PIN missing for %d of %d numbers: %s." % (
                               len(incomplete), len(port), ", ".join(incomplete))))
    else:
        items.append(_item("porting_information", "Carrier / porting contacts and account numbers", DONE,
                           "Carrier, account number and port PIN known for all %d numbers." % len(port)))
    approved = schedule.get("partner_approved_on")
    if approved:
        items.append(_item("approval", "Review and approval of the configuration before cutover", DONE, "Approved on %s." % approved))
    else:
        due = schedule.get("partner_review_by")
        items.append(_item("approval", "Review and approval of the configuration before cutover", OPEN,
                           "Not approved yet%s." % (" (due by %s)" % due if due else "")))
    return items


def _porting_complete(porting):
    pin = porting.get("pin") or {}
    return bool(porting.get("carrier") and porting.get("account_number") and pin.get("is_set"))


def sow_inputs(inventory, scope, source_platform=None, schedule=None, customer=None, partner=None):
    """The SOW inputs as data (what ``sow_inputs.json`` holds)."""
    data = canonical(inventory)
    not_migrated = {}
    for item in scope["items"]:
        if item["classification"] == NOT_MIGRATE:
            not_migrated.setdefault(item["reason"], []).append("%s %s" % (item["kind"], item["source_id"]))
    return dict(
        customer=customer or (data.get("source") or {}).get("customer"),
        partner=partner,
        counts=counts(scope),
        not_migrated=[dict(reason=reason, count=len(names), items=names) for reason, names in not_migrated.items()],
        not_migrated_categories=[dict(category=entry["category"], title=entry["title"], classification=entry["classification"],
                                      reason=entry["reason"], collected_gaps=entry["items"]) for entry in scope["categories"]],
        needs_partner_input=[dict(kind=item["kind"], source_id=item["source_id"], label=item["label"], reason=item["reason"],
                                  partner_action=item.get("partner_action", "")) for item in scope["items"]
                             if item["classification"] == NEEDS_PARTNER_INPUT],
        partner_responsibilities=checklist(data, scope, source_platform=source_platform, schedule=schedule),
        open_requests=len(partner_requests(data)),
        warnings=list(scope.get("warnings") or []),
    )


def _cell(value):
    return str(value).replace("|", "\\|").replace("\n", " ")


STATUS_TEXT = {DONE: "done", OPEN: "OPEN", NOT_APPLICABLE: "not applicable"}


def render_markdown(sow):
    """``sow_inputs.md``: the same content as the JSON, for the SOW author."""
    lines = ["# Statement of work inputs%s" % (" - %s" % sow["customer"] if sow.get("customer") else ""), ""]
    if sow.get("partner"):
        lines += ["Partner: %s" % sow["partner"], ""]
    total = sow["counts"]["total"]
    lines += ["%d items migrate, %d do not, %d need partner input." % (total[MIGRATE], total[NOT_MIGRATE], total[NEEDS_PARTNER_INPUT]), ""]
    lines += ["## Counts by kind", "", "| Kind | Migrate | Not migrated | Needs partner input |", "|---|---:|---:|---:|"]
    for kind, values in sow["counts"].items():
        name = "**Total**" if kind == "total" else kind_title(kind)
        lines.append("| %s | %s |" % (name, " | ".join(str(values[key]) for key in CLASSIFICATIONS)))
    lines += ["", "## Not migrated (fixed by the process)", "", "| Category | Status | Why | Gaps recorded |", "|---|---|---|---|"]
    for entry in sow["not_migrated_categories"]:
        status = "migrates (partner supplies files)" if entry["classification"] == MIGRATE else "not migrated"
        lines.append("| %s | %s | %s | %s |" % (_cell(entry["title"]), status, _cell(entry["reason"]), _cell(", ".join(entry["collected_gaps"]))))
    lines += ["", "## Not migrated items and why", ""]
    if sow["not_migrated"]:
        for entry in sow["not_migrated"]:
            lines.append("- %s (%d): %s" % (entry["reason"], entry["count"], ", ".join(entry["items"])))
    else:
        lines.append("None.")
    lines += ["", "## Needs partner input", ""]
    if sow["needs_partner_input"]:
        lines += ["| Item | What | Why | Partner action |", "|---|---|---|---|"]
        for item in sow["needs_partner_input"]:
            lines.append("| %s %s | %s | %s | %s |" % (kind_title(item["kind"]), _cell(item["source_id"]), _cell(item["label"]),
                                                       _cell(item["reason"]), _cell(item["partner_action"])))
    else:
        lines.append("None.")
    lines += ["", "## Partner responsibilities", "", "| Responsibility | Status | Detail |", "|---|---|---|"]
    for item in sow["partner_responsibilities"]:
        lines.append("| %s | %s | %s |" % (_cell(item["title"]), STATUS_TEXT[item["status"]], _cell(item["detail"])))
    if sow.get("warnings"):
        lines += ["", "## Warnings", ""] + ["- %s" % warning for warning in sow["warnings"]]
    lines.append("")
    return "\n".join(lines)
