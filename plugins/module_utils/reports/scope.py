# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scope: every inventory item classified migrate / not_migrate / needs_partner_input.

Rules, first match wins for each object:

1. a per-partner exclusion (``ucaas_scope_exclusions``) matches -> ``not_migrate`` with its reason;
2. a ``not_collected`` entry names the object in ``related`` -> ``needs_partner_input``;
3. a phone (not a softphone) without MAC address or model -> ``needs_partner_input``;
4. otherwise ``migrate`` (SMS numbers: after the port).

``not_collected`` entries of the process's fixed categories (recordings, CDRs, ...) are
``not_migrate`` with the process's reason unless the partner supplied the files
(``ucaas_partner_exports``); other ``not_collected`` entries need partner input.  The fixed
categories are always listed, collected or not, because the SOW states them.
"""

from __future__ import annotations

import fnmatch

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import COLLECTION_NAMES, COLLECTIONS
from ansible_collections.ucaas.migration.plugins.module_utils.reports.tables import KIND_TITLES, OBJECT_KINDS, canonical

MIGRATE = "migrate"
NOT_MIGRATE = "not_migrate"
NEEDS_PARTNER_INPUT = "needs_partner_input"
CLASSIFICATIONS = (MIGRATE, NOT_MIGRATE, NEEDS_PARTNER_INPUT)

# The process's fixed list of what is not migrated: (category, title, reason, not_collected kinds that belong to it).
NOT_MIGRATED_CATEGORIES = (
    ("call_recordings", "Call recordings", "Call recordings are not migrated.",
     ("call_recordings", "call_recording", "recordings")),
    ("call_history", "Call history and CDRs", "Call history and CDRs are not imported.",
     ("call_history", "cdrs", "cdr", "call_logs")),
    ("voicemail_messages", "Stored voicemail messages", "Stored voicemail messages are not migrated.",
     ("voicemail_messages", "stored_voicemail", "voicemail_message")),
    ("fax_history", "Fax history", "Fax history is not migrated.", ("fax_history", "faxes")),
    ("sms_history", "SMS and MMS message history", "SMS/MMS history is not migrated; SMS numbers move only after the port (10DLC).",
     ("sms_history", "mms_history", "messages")),
    ("device_local_settings", "Configuration made locally on devices",
     "Softkey macros, device-cached contacts and other settings made on the phones themselves are not migrated.",
     ("device_local_settings", "device_settings", "softkeys")),
    ("portal_contacts", "Portal-only contacts", "Contacts stored only in the old portal and not exportable are not migrated.",
     ("portal_contacts", "personal_contacts")),
    ("device_assets", "Phone wallpapers and other device assets", "Phone wallpapers and other device assets are not migrated.",
     ("device_assets", "wallpapers", "wallpaper", "ringtones")),
)
CATEGORY_IDS = tuple(entry[0] for entry in NOT_MIGRATED_CATEGORIES)
_CATEGORY_BY_KIND = dict((kind, entry) for entry in NOT_MIGRATED_CATEGORIES for kind in entry[3])
# Fields an exclusion pattern is matched against besides the source id.
PATTERN_FIELDS = ("extension", "number", "name", "mac", "kind")
HARDWARE_WITHOUT_MAC = ("softphone",)


class ScopeError(ValueError):
    """Bad scope input; the message names the variable and field."""


def check_exclusions(exclusions):
    """Validate ``ucaas_scope_exclusions``; raises ScopeError naming the entry and field."""
    checked = []
    for index, entry in enumerate(exclusions or []):
        where = "ucaas_scope_exclusions[%d]" % index
        if not isinstance(entry, dict):
            raise ScopeError("%s: expected a mapping with kind, source_id or pattern, and reason" % where)
        unknown = sorted(set(entry) - {"kind", "source_id", "pattern", "reason"})
        if unknown:
            raise ScopeError("%s.%s: unknown field (use kind, source_id, pattern, reason)" % (where, unknown[0]))
        if entry.get("kind") not in COLLECTION_NAMES:
            raise ScopeError("%s.kind: %r is not an inventory collection (one of: %s)" % (where, entry.get("kind"), ", ".join(COLLECTION_NAMES)))
        if not str(entry.get("reason") or "").strip():
            raise ScopeError("%s.reason: required; the SOW states why the item is not migrated" % where)
        if entry.get("source_id") is not None and entry.get("pattern") is not None:
            raise ScopeError("%s: give source_id or pattern, not both" % where)
        checked.append(dict(index=index, kind=entry["kind"], source_id=entry.get("source_id"), pattern=entry.get("pattern"),
                            reason=str(entry["reason"]).strip()))
    return checked


def check_partner_exports(exports):
    """Validate ``ucaas_partner_exports``; returns ``{category: entry}``."""
    provided = {}
    for index, entry in enumerate(exports or []):
        where = "ucaas_partner_exports[%d]" % index
        if not isinstance(entry, dict):
            raise ScopeError("%s: expected a mapping with category and location" % where)
        if entry.get("category") not in CATEGORY_IDS:
            raise ScopeError("%s.category: %r is not one of: %s" % (where, entry.get("category"), ", ".join(CATEGORY_IDS)))
        provided[entry["category"]] = dict(category=entry["category"], location=str(entry.get("location") or ""),
                                           note=str(entry.get("note") or ""))
    return provided


def _matches(exclusion, collection, obj):
    if exclusion["kind"] != collection:
        return False
    if exclusion["source_id"] is not None:
        return obj["source_id"] == exclusion["source_id"]
    if exclusion["pattern"] is not None:
        values = [obj["source_id"]] + [str(obj[name]) for name in PATTERN_FIELDS if isinstance(obj.get(name), (str, int))]
        return any(fnmatch.fnmatchcase(value, exclusion["pattern"]) for value in values)
    return True


def label(collection, obj):
    """A readable name for an item: extension and name, number, MAC..."""
    if collection == "not_collected":
        return obj.get("kind", "")
    parts = []
    for name in ("extension", "number", "mailbox"):
        if obj.get(name):
            parts.append(str(obj[name]))
            break
    for name in ("display_name", "name", "label", "file"):
        if obj.get(name):
            parts.append(str(obj[name]))
            break
    if collection == "users" and not any(obj.get(name) for name in ("display_name", "name")):
        parts.append(" ".join(str(obj[name]) for name in ("first_name", "last_name") if obj.get(name)))
    if collection == "devices":
        parts.append(" ".join(str(obj[name]) for name in ("brand", "model") if obj.get(name)) or "unknown model")
        parts.append(obj.get("mac") or "no MAC")
    if collection == "answer_rules":
        parts.append("%s of %s" % (obj.get("kind"), obj.get("user_id")))
    return " - ".join(part for part in parts if part)


def _related_gaps(data):
    """``{(type, id): [not_collected entries]}``."""
    gaps = {}
    for entry in data.get("not_collected") or []:
        for related in entry.get("related") or []:
            gaps.setdefault((related.get("type"), related.get("id")), []).append(entry)
    return gaps


def _object_type(collection):
    return dict(COLLECTIONS)[collection]


def classify(inventory, exclusions=None, partner_exports=None):
    """The scope document: items, fixed categories, exclusions that matched nothing (warnings)."""
    data = canonical(inventory)
    checked = check_exclusions(exclusions)
    provided = check_partner_exports(partner_exports)
    gaps = _related_gaps(data)
    used = set()
    items = []
    for collection in OBJECT_KINDS:
        obj_type = _object_type(collection)
        for obj in data.get(collection) or []:
            item = dict(kind=collection, source_id=obj["source_id"], label=label(collection, obj))
            exclusion = next((entry for entry in checked if _matches(entry, collection, obj)), None)
            related = gaps.get((obj_type, obj["source_id"]))
            if exclusion is not None:
                used.add(exclusion["index"])
                item.update(classification=NOT_MIGRATE, reason=exclusion["reason"], rule="exclusion")
            elif related:
                item.update(classification=NEEDS_PARTNER_INPUT, reason=" ".join(entry["reason"] for entry in related),
                            partner_action=" ".join(entry["partner_action"] for entry in related), rule="not_collected")
            elif collection == "devices" and obj.get("type") not in HARDWARE_WITHOUT_MAC and not (obj.get("mac") and obj.get("model")):
                missing = " and ".join(name for name in ("mac", "model") if not obj.get(name)).replace("mac", "MAC address")
                item.update(classification=NEEDS_PARTNER_INPUT, reason="No %s: the phone cannot be provisioned." % missing,
                            partner_action="Read the %s from the device label." % missing, rule="device_details")
            elif collection == "sms_numbers":
                item.update(classification=MIGRATE, reason="Moves after the port completes (10DLC registration, carrier rules).",
                            rule="after_port")
            else:
                item.update(classification=MIGRATE, rule="default")
            items.append(item)
    categories = dict((category, dict(category=category, title=title, reason=reason, classification=NOT_MIGRATE, items=[]))
                      for category, title, reason, dummy_kinds in NOT_MIGRATED_CATEGORIES)
    for category, entry in provided.items():
        where = " (%s)" % entry["location"] if entry["location"] else ""
        categories[category].update(classification=MIGRATE, reason="The partner supplies the files%s." % where, provided=entry)
    for entry in data.get("not_collected") or []:
        item = dict(kind="not_collected", source_id=entry["source_id"], label=entry["kind"])
        category = _CATEGORY_BY_KIND.get(entry["kind"])
        exclusion = next((rule for rule in checked if _matches(rule, "not_collected", entry)), None)
        if exclusion is not None:
            used.add(exclusion["index"])
            item.update(classification=NOT_MIGRATE, reason=exclusion["reason"], rule="exclusion")
        elif category is not None:
            state = categories[category[0]]
            state["items"].append(entry["source_id"])
            item.update(classification=state["classification"], reason=state["reason"], category=category[0], rule="category")
        else:
            item.update(classification=NEEDS_PARTNER_INPUT, reason=entry["reason"], partner_action=entry["partner_action"],
                        rule="not_collected")
        items.append(item)
    warnings = ["ucaas_scope_exclusions[%d] (%s %s) matches nothing in the inventory" % (
        entry["index"], entry["kind"], entry["source_id"] or entry["pattern"] or "(all)") for entry in checked if entry["index"] not in used]
    return dict(items=items, categories=list(categories.values()), warnings=warnings)


def counts(scope):
    """``{kind: {migrate, not_migrate, needs_partner_input}}`` for kinds with items, plus ``total``."""
    result = {}
    for item in scope["items"]:
        per_kind = result.setdefault(item["kind"], dict((name, 0) for name in CLASSIFICATIONS))
        per_kind[item["classification"]] += 1
    ordered = dict((kind, result[kind]) for kind in OBJECT_KINDS + ("not_collected",) if kind in result)
    ordered["total"] = dict((name, sum(value[name] for value in result.values())) for name in CLASSIFICATIONS)
    return ordered


def kind_title(kind):
    return KIND_TITLES.get(kind, kind)
