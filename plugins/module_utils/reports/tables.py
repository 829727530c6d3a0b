# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inventory as tables: one table per object kind, the same for XLSX, CSV and HTML.

Columns follow the inventory's field order; nested objects (``caller_id``, ``porting``)
become ``caller_id.name``-style columns; lists become readable text.  A secret field never
shows its reference or value, only ``set`` / ``not set``.  ``source_attributes`` (raw
platform data kept for engineers) is left out of what the partner reads.
"""

from __future__ import annotations

import dataclasses

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import COLLECTION_NAMES
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.model import COLLECTION_RECORDS, Inventory
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.secrets import is_secret_ref

KIND_TITLES = {
    "sites": "Sites",
    "audio_assets": "Audio files",
    "time_frames": "Time frames",
    "users": "Users",
    "voicemail_boxes": "Voicemail boxes",
    "virtual_mailboxes": "Virtual mailboxes",
    "devices": "Devices",
    "hunt_groups": "Hunt groups",
    "queues": "Call queues",
    "auto_attendants": "Auto attendants",
    "time_routers": "Time routers",
    "answer_rules": "Answer rules",
    "fax": "Fax",
    "dids": "Phone numbers",
    "sms_numbers": "SMS numbers",
    "directory_entries": "Directory",
    "not_collected": "Not collected",
}
OBJECT_KINDS = tuple(name for name in COLLECTION_NAMES if name != "not_collected")
NOT_COLLECTED_COLUMNS = ("source_id", "kind", "reason", "partner_action", "related")
HIDDEN_FIELDS = ("source_attributes",)
SECRET_SET = "set"
SECRET_NOT_SET = "not set"


def canonical(inventory):
    """The inventory in canonical order (collections sorted by source id, fields in schema order)."""
    return Inventory.from_dict(inventory).to_dict()


def render_value(value):
    """Text for one cell: secrets as set/not set, destinations as ``type id``, lists joined with '; '."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        return value
    if is_secret_ref(value):
        return SECRET_SET if value.get("is_set") else SECRET_NOT_SET
    if isinstance(value, dict):
        if "type" in value and set(value) <= {"type", "id", "menu"}:
            return " ".join(str(value[key]) for key in ("type", "id", "menu") if value.get(key) not in (None, ""))
        return ", ".join("%s: %s" % (key, _as_text(render_value(item))) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return "; ".join(_as_text(render_value(item)) for item in value)
    return str(value)


def _as_text(value):
    return value if isinstance(value, str) else str(value)


def _field_order(collection):
    record = COLLECTION_RECORDS[collection]
    return [item.name for item in dataclasses.fields(record) if item.name not in HIDDEN_FIELDS]


def _nested_order(collection, name):
    nested = getattr(COLLECTION_RECORDS[collection], "NESTED", {}).get(name)
    if nested is not None and dataclasses.is_dataclass(nested):
        return [item.name for item in dataclasses.fields(nested)]
    return []


def _is_flattened(value):
    return isinstance(value, dict) and not is_secret_ref(value) and not ("type" in value and set(value) <= {"type", "id", "menu"})


def columns_for(collection, objects):
    """Columns that hold a value in at least one object, in the inventory's field order."""
    if collection == "not_collected":
        return list(NOT_COLLECTED_COLUMNS)
    columns = []
    for name in _field_order(collection):
        values = [obj[name] for obj in objects if obj.get(name) is not None]
        if not values and name != "source_id":
            continue
        if values and all(_is_flattened(value) for value in values):
            keys = set()
            for value in values:
                keys.update(value)
            order = _nested_order(collection, name)
            ordered = [key for key in order if key in keys] + sorted(keys - set(order))
            columns.extend("%s.%s" % (name, key) for key in ordered)
        else:
            columns.append(name)
    return columns


def cell(obj, column):
    if "." in column:
        head, tail = column.split(".", 1)
        return render_value((obj.get(head) or {}).get(tail))
    return render_value(obj.get(column))


def kind_table(collection, objects):
    """``(columns, rows)`` for one collection; rows hold cell values in column order."""
    columns = columns_for(collection, objects)
    return columns, [[cell(obj, column) for column in columns] for obj in objects]


def tables(inventory, include_empty=False):
    """``[(collection, title, columns, rows)]`` for every object kind that has objects, then not collected."""
    data = canonical(inventory)
    result = []
    for collection in OBJECT_KINDS + ("not_collected",):
        objects = data.get(collection) or []
        if not objects and not include_empty and collection != "not_collected":
            continue
        columns, rows = kind_table(collection, objects)
        result.append((collection, KIND_TITLES[collection], columns, rows))
    return result


def summary(inventory):
    """Counts per kind and the source description, for summary sheets and pages."""
    data = canonical(inventory)
    source = data.get("source") or {}
    counts = [(collection, KIND_TITLES[collection], len(data.get(collection) or [])) for collection in COLLECTION_NAMES]
    return dict(source=source, counts=counts)
