# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The list of requests to the partner: everything the migration still misses.

Built from the inventory alone: every ``not_collected`` entry (with its reason and what to
provide), devices without a MAC address or model (they cannot be provisioned), secrets that
are not set and not already explained by a ``not_collected`` entry, and numbers without the
porting details the losing carrier asks for.
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.reports.tables import KIND_TITLES, canonical, render_value

SECRET_FIELDS = (
    ("voicemail_boxes", "pin", "voicemail", "Voicemail PIN of mailbox {label}", "Provide the PIN, or agree that the user sets one at first login."),
    ("virtual_mailboxes", "pin", "virtual_mailbox", "PIN of virtual mailbox {label}", "Provide the PIN, or agree on a new one."),
    ("devices", "sip_password", "device", "SIP password of device {label}", "None: a new SIP password is generated when the phone is provisioned."),
)


def _label(obj, *fields):
    for name in fields:
        if obj.get(name):
            return "%s (%s)" % (obj[name], obj["source_id"]) if name != "source_id" else obj["source_id"]
    return obj["source_id"]


def _explained(data):
    """(type, id) pairs already named by a not_collected entry."""
    pairs = set()
    for entry in data.get("not_collected") or []:
        for related in entry.get("related") or []:
            pairs.add((related.get("type"), related.get("id")))
    return pairs


def requests(inventory):
    """``[{"topic", "item", "why", "provide", "related"}]`` in a stable order."""
    data = canonical(inventory)
    items = []
    for entry in data.get("not_collected") or []:
        items.append(dict(topic=entry["kind"], item=entry["source_id"], why=entry["reason"], provide=entry["partner_action"],
                          related=render_value(entry.get("related") or [])))
    explained = _explained(data)
    for device in data.get("devices") or []:
        if ("device", device["source_id"]) in explained:
            continue
        missing = [name for name in ("mac", "model") if not device.get(name)]
        if missing and device.get("type") not in ("softphone",):
            items.append(dict(topic="device_details", item=_label(device, "name", "source_id"),
                              why="The device has no %s in the inventory; it cannot be provisioned without it." % " or ".join(missing),
                              provide="Read the %s from the device label." % " and ".join(missing), related=""))
    for collection, field, ref_type, what, provide in SECRET_FIELDS:
        for obj in data.get(collection) or []:
            secret = obj.get(field)
            if secret is None or secret.get("is_set") or (ref_type, obj["source_id"]) in explained:
                continue
            label = obj.get("mailbox") or obj.get("extension") or obj.get("name") or obj["source_id"]
            items.append(dict(topic=field, item=obj["source_id"], why=what.format(label=label) + " is not known.",
                              provide=provide, related=""))
    for did in data.get("dids") or []:
        if did.get("usage") == "temporary":
            continue
        porting = did.get("porting") or {}
        missing = [name for name in ("carrier", "account_number") if not porting.get(name)]
        if missing:
            items.append(dict(topic="porting", item=did["number"],
                              why="Porting details missing: %s." % ", ".join(name.replace("_", " ") for name in missing),
                              provide="The losing carrier's name, the account number and the port-out PIN for this number.",
                              related=did["source_id"]))
    return items


def _cell(value):
    return str(value).replace("|", "\\|").replace("\n", " ")


def render_markdown(inventory, title="Requests to the partner"):
    """The requests as a Markdown checklist grouped by topic."""
    data = canonical(inventory)
    customer = (data.get("source") or {}).get("customer")
    items = requests(data)
    lines = ["# %s%s" % (title, " - %s" % customer if customer else ""), ""]
    if not items:
        lines += ["Nothing is missing: everything the migration needs was collected.", ""]
        return "\n".join(lines)
    lines += ["%d item%s to provide. Each line says what is missing, why, and what to send." % (len(items), "" if len(items) == 1 else "s"), ""]
    topics = []
    for item in items:
        if item["topic"] not in topics:
            topics.append(item["topic"])
    for topic in topics:
        lines += ["## %s" % _topic_title(topic), "", "| | Item | Why | What to provide | Affects |", "|---|---|---|---|---|"]
        for item in items:
            if item["topic"] == topic:
                lines.append("| [ ] | %s | %s | %s | %s |" % tuple(_cell(item[key]) for key in ("item", "why", "provide", "related")))
        lines.append("")
    return "\n".join(lines)


def _topic_title(topic):
    known = dict(device_details="Device details", pin="PINs", sip_password="SIP passwords", porting="Porting information")
    if topic in known:
        return known[topic]
    if topic in KIND_TITLES:
        return KIND_TITLES[topic]
    return topic.replace("_", " ").capitalize()
