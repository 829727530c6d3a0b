# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Merge partner-provided inventories (overlays) on top of a collected inventory (the base).

Precedence (docs/sources/spreadsheets.md has the full text):

1. An overlay object is the same object as a base object with the same source id, else
   with the same natural key (extension for users, E.164 number for DIDs, MAC for devices,
   ...; a base device without a MAC, other than a softphone, matches the overlay device
   whose first line is the same user).  Unmatched overlay objects are added.
2. Overlay values fill fields the base lacks.  Where both hold different values the base
   value is kept (``prefer='overlay'`` flips that for the run) and a conflict finding is
   returned; nothing is overwritten silently.  Secrets are compared by value, and findings
   show only their references.
3. A base ``not_collected`` entry is removed when the overlay answers it (the MAC of the
   device it names, the PIN of the box, the destination that pointed at it); an overlay's
   own entries are carried over only when an object taken from it still points at them.
"""

from __future__ import annotations

import copy
import hashlib
import re

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import (
    COLLECTION_NAMES,
    COLLECTIONS,
    DESTINATION_COLLECTIONS,
    DESTINATION_TYPES,
)
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.model import Inventory
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import (
    NormalizationError,
    normalize_e164,
    normalize_mac,
)
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.secrets import (
    SecretNotFound,
    is_secret_ref,
    make_secret,
    resolve_secret,
)

OBJECT_TYPES = dict(COLLECTIONS)
CONFLICT = "merge_conflict"
PREFER_CHOICES = ("base", "overlay")
# Plain reference fields -> the collection they name.
REFERENCE_FIELDS = {"site_id": "sites", "user_id": "users", "owner_user_id": "users", "device_id": "devices",
                    "time_frame_id": "time_frames", "greeting_asset_id": "audio_assets", "intro_asset_id": "audio_assets",
                    "hold_music_asset_id": "audio_assets", "audio_asset_id": "audio_assets"}
# Values adapters write only because the field is required; an overlay value replaces them without a conflict.
PLACEHOLDERS = {("devices", "type"): "other"}
# Offline sources name users u-<extension> and voicemail boxes vm-<extension> (sources/spreadsheets/context.py).
_CONVENTION = {"users": re.compile(r"^u-([0-9]{2,10})$"), "voicemail_boxes": re.compile(r"^vm-([0-9]{2,10})$")}
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


class MergeError(ValueError):
    """An overlay that cannot be merged (not an inventory)."""


def fingerprint(kind, obj, field):
    return hashlib.sha256(("%s|%s/%s|%s" % (kind, obj["type"], obj["id"], field)).encode("utf-8")).hexdigest()


def _is_destination(value):
    return isinstance(value, dict) and value.get("type") in DESTINATION_TYPES and set(value) <= {"type", "id", "menu"}


def _number(value):
    try:
        return normalize_e164(value)
    except (NormalizationError, RuntimeError):
        return value


def _mac(value):
    try:
        return normalize_mac(value)
    except NormalizationError:
        return value


def _lower(value):
    return value.strip().lower() if isinstance(value, str) else value


def _first_line_user(device):
    lines = sorted(device.get("lines") or [], key=lambda line: line.get("line", 0))
    return lines[0]["user_id"] if lines else None


NATURAL_KEYS = {
    "sites": lambda obj: _lower(obj.get("name")),
    "audio_assets": lambda obj: obj.get("sha256"),
    "time_frames": lambda obj: _lower(obj.get("name")),
    "users": lambda obj: obj.get("extension"),
    "voicemail_boxes": lambda obj: obj.get("user_id"),
    "virtual_mailboxes": lambda obj: obj.get("extension"),
    "devices": lambda obj: _mac(obj["mac"]) if obj.get("mac") else None,
    "hunt_groups": lambda obj: obj.get("extension"),
    "queues": lambda obj: obj.get("extension"),
    "auto_attendants": lambda obj: obj.get("extension"),
    "time_routers": lambda obj: _lower(obj.get("name")),
    "answer_rules": lambda obj: (obj.get("user_id"), obj.get("kind"), obj.get("time_frame_id")),
    "fax": lambda obj: obj.get("extension") or _lower(obj.get("name")),
    "dids": lambda obj: _number(obj["number"]) if obj.get("number") else None,
    "sms_numbers": lambda obj: _number(obj["number"]) if obj.get("number") else None,
    "directory_entries": lambda obj: _lower(obj.get("name")),
}


def _walk_references(node, rename):
    """Rewrite every reference in ``node`` with ``rename(collection, id)``."""
    if isinstance(node, list):
        for item in node:
            _walk_references(item, rename)
        return
    if not isinstance(node, dict) or is_secret_ref(node):
        return
    if node.get("type") in DESTINATION_COLLECTIONS and isinstance(node.get("id"), str):
        node["id"] = rename(DESTINATION_COLLECTIONS[node["type"]], node["id"])
    elif node.get("type") == "auto_attendant_menu" and isinstance(node.get("id"), str):
        node["id"] = rename("auto_attendants", node["id"])
    for key, value in node.items():
        if key in REFERENCE_FIELDS and isinstance(value, str):
            node[key] = rename(REFERENCE_FIELDS[key], value)
        elif key != "source_attributes":
            _walk_references(value, rename)


def _destination_refs(data):
    """Ids of not_collected entries pointed at by destinations anywhere in ``data``."""
    found = set()

    def visit(node):
        if isinstance(node, list):
            for item in node:
                visit(item)
        elif isinstance(node, dict):
            if node.get("type") == "not_collected" and isinstance(node.get("id"), str):
                found.add(node["id"])
            for key, value in node.items():
                if key != "source_attributes":
                    visit(value)

    for name in COLLECTION_NAMES:
        if name != "not_collected":
            visit(data.get(name) or [])
    return found


class _Overlay:
    """One overlay merged into ``result`` (modified in place)."""

    def __init__(self, result, secrets, overlay, prefer, findings):
        self.result = result
        self.secrets = secrets
        self.name = overlay.get("name") or "overlay"
        self.data = copy.deepcopy(overlay.get("inventory") or {})
        self.overlay_secrets = overlay.get("secrets") or {}
        self.prefer = prefer
        self.findings = findings
        self.idmap = dict((name, {}) for name in COLLECTION_NAMES)
        self.base_index = {}

    # identity -------------------------------------------------------------------------
    def rename(self, collection, source_id):
        mapped = self.idmap.get(collection, {}).get(source_id)
        if mapped is not None:
            return mapped
        overlay_ids = set(obj.get("source_id") for obj in self.data.get(collection) or [])
        pattern = _CONVENTION.get(collection)
        if source_id not in overlay_ids and pattern and pattern.match(source_id):
            extension = pattern.match(source_id).group(1)
            found = self._by_extension(collection, extension)
            if found:
                return found
        return source_id

    def _by_extension(self, collection, extension):
        users = [obj for obj in self.result.get("users") or [] if obj.get("extension") == extension]
        if collection == "users":
            return users[0]["source_id"] if users else None
        for box in self.result.get("voicemail_boxes") or []:
            if box.get("mailbox") == extension or (users and box.get("user_id") == users[0]["source_id"]):
                return box["source_id"]
        return None

    def match(self, collection, obj):
        base = self.result.setdefault(collection, [])
        by_id = dict((item["source_id"], item) for item in base)
        if obj["source_id"] in by_id:
            return by_id[obj["source_id"]]
        key = NATURAL_KEYS[collection](obj)
        if key is not None and key != (None, None, None):
            for item in base:
                if NATURAL_KEYS[collection](item) == key:
                    return item
        if collection == "devices":
            user = _first_line_user(obj)
            # softphones have no MAC to fill; only a hardware device collected without one can match
            candidates = [item for item in base if not item.get("mac") and item.get("type") != "softphone"
                          and user and _first_line_user(item) == user]
            if len(candidates) == 1:
                return candidates[0]
        return None

    # values ---------------------------------------------------------------------------
    def conflict(self, collection, base_obj, field, base_value, overlay_value):
        obj = {"type": OBJECT_TYPES[collection], "id": base_obj["source_id"]}
        if self.prefer == "overlay":
            resolution = "Used the value of overlay %r (prefer: overlay); check it replaces the collected value." % self.name
        else:
            resolution = ("Kept the collected value; correct the partner file, or re-run with prefer: overlay "
                          "(ucaas_merge_prefer: overlay for the collect phase) to use the value of overlay %r." % self.name)
        self.findings.append(dict(
            kind=CONFLICT, severity="warning", object=obj, collection=collection, field=field,
            base_value=base_value, overlay_value=overlay_value, overlay=self.name, resolution=resolution,
            fingerprint=fingerprint(CONFLICT, obj, field),
        ))

    def place_secret(self, ref, value):
        """Store an overlay secret value; returns the reference it is stored under."""
        try:
            existing = resolve_secret(make_secret(ref), self.secrets)
        except SecretNotFound:
            existing = None
        if existing is not None and existing != value:
            ref = "%s/%s" % (_UNSAFE.sub("_", self.name) or "overlay", ref)
        self.secrets[ref] = value
        return ref

    def overlay_secret(self, secret):
        try:
            return resolve_secret(secret, self.overlay_secrets)
        except SecretNotFound:
            return None

    def merge_secret(self, collection, base_obj, container, field, path, base_value, overlay_value):
        value = self.overlay_secret(overlay_value) if overlay_value.get("is_set") else None
        if value is None:
            return
        if not (isinstance(base_value, dict) and base_value.get("is_set")):
            container[field] = make_secret(self.place_secret(overlay_value["secret_ref"], value))
            return
        try:
            current = resolve_secret(base_value, self.secrets)
        except SecretNotFound:
            current = None
        if current == value:
            return
        self.conflict(collection, base_obj, path, dict(base_value), dict(overlay_value))
        if self.prefer == "overlay":
            container[field] = make_secret(self.place_secret(overlay_value["secret_ref"], value))

    def merge_fields(self, collection, base_obj, container, overlay_obj, prefix=""):
        for field, overlay_value in overlay_obj.items():
            if field == "source_id" or overlay_value is None:
                continue
            path = prefix + field
            base_value = container.get(field)
            if field == "source_attributes":
                if not base_value:
                    container[field] = overlay_value
                continue
            if is_secret_ref(overlay_value):
                self.merge_secret(collection, base_obj, container, field, path, base_value, overlay_value)
                continue
            if _is_destination(overlay_value) and overlay_value["type"] == "not_collected":
                if base_value is None:
                    container[field] = overlay_value
                continue  # a gap of the overlay answers nothing
            if base_value is None or base_value == [] or base_value == {} or PLACEHOLDERS.get((collection, path)) == base_value:
                container[field] = overlay_value
            elif _is_destination(base_value) and base_value["type"] == "not_collected":
                container[field] = overlay_value  # the overlay answers the base's gap
            elif base_value == overlay_value:
                continue
            elif isinstance(base_value, dict) and isinstance(overlay_value, dict) and not _is_destination(base_value):
                self.merge_fields(collection, base_obj, base_value, overlay_value, path + ".")
            else:
                self.conflict(collection, base_obj, path, base_value, overlay_value)
                if self.prefer == "overlay":
                    container[field] = overlay_value

    def add_secrets(self, node):
        """Move the secret values of an object taken whole from the overlay."""
        if isinstance(node, list):
            for item in node:
                self.add_secrets(item)
        elif isinstance(node, dict):
            for key, value in list(node.items()):
                if is_secret_ref(value):
                    secret = self.overlay_secret(value) if value.get("is_set") else None
                    node[key] = make_secret(self.place_secret(value["secret_ref"], secret)) if secret is not None else make_secret(None)
                elif key != "source_attributes":
                    self.add_secrets(value)

    # the run --------------------------------------------------------------------------
    def run(self):
        matches = {}
        # pass 1: identities, in dependency order, so keys that hold references (a
        # voicemail box's user, an answer rule's user) compare after renaming
        for collection in COLLECTION_NAMES:
            if collection == "not_collected":
                continue
            for obj in self.data.get(collection) or []:
                probe = copy.deepcopy(obj)
                _walk_references(probe, self.rename)
                found = self.match(collection, probe)
                if found is not None:
                    self.idmap[collection][obj["source_id"]] = found["source_id"]
                    matches[(collection, obj["source_id"])] = found
        # pass 2: values, with every reference renamed
        for collection in COLLECTION_NAMES:
            if collection == "not_collected":
                continue
            for obj in self.data.get(collection) or []:
                found = matches.get((collection, obj["source_id"]))
                _walk_references(obj, self.rename)
                if found is None:
                    self.add_secrets(obj)
                    self.result.setdefault(collection, []).append(obj)
                else:
                    self.merge_fields(collection, found, found, obj)
        # the overlay's own gaps that objects taken from it still point at
        entries = self.result.setdefault("not_collected", [])
        have = set(entry["source_id"] for entry in entries)
        wanted = _destination_refs(self.result)
        for entry in self.data.get("not_collected") or []:
            if entry["source_id"] in wanted and entry["source_id"] not in have:
                _walk_references(entry, self.rename)
                entries.append(entry)


def _resolved(entry, data):
    """Which of a base entry's related objects the merged data now answers."""
    users = dict((obj["source_id"], obj) for obj in data.get("users") or [])
    devices = data.get("devices") or []
    boxes = dict((obj["source_id"], obj) for obj in data.get("voicemail_boxes") or [])
    boxes_by_user = dict((obj.get("user_id"), obj) for obj in boxes.values())

    def answered(related):
        kind, rtype, rid = entry.get("kind"), related.get("type"), related.get("id")
        if kind == "device_mac":
            if rtype == "device":
                return any(dev["source_id"] == rid and dev.get("mac") for dev in devices)
            if rtype == "user" and rid in users:
                return any(dev.get("mac") and any(line.get("user_id") == rid for line in dev.get("lines") or []) for dev in devices)
        if kind == "voicemail_pin":
            box = boxes.get(rid) if rtype == "voicemail" else boxes_by_user.get(rid) if rtype == "user" else None
            return bool(box and (box.get("pin") or {}).get("is_set"))
        if kind in ("greeting", "voicemail_greeting"):
            box = boxes.get(rid) if rtype == "voicemail" else boxes_by_user.get(rid) if rtype == "user" else None
            return bool(box and box.get("greetings"))
        return False

    return [related for related in entry.get("related") or [] if answered(related)]


def merge_inventories(base, base_secrets=None, overlays=(), prefer="base"):
    """Merge ``overlays`` (``[{name, inventory, secrets}]``) in order on top of ``base``.

    Returns ``{"inventory", "secrets", "findings", "resolved"}``; ``resolved`` lists the
    base not_collected entries the overlays answered (removed or narrowed).
    """
    if prefer not in PREFER_CHOICES:
        raise MergeError("prefer must be one of %s" % ", ".join(PREFER_CHOICES))
    if not isinstance(base, dict) or "source" not in base:
        raise MergeError("base is not an inventory (no source)")
    result = copy.deepcopy(base)
    secrets = copy.deepcopy(base_secrets or {})
    findings = []
    gaps_before = _destination_refs(result)
    for index, overlay in enumerate(overlays):
        if not isinstance(overlay.get("inventory"), dict):
            raise MergeError("overlays[%d] (%s): inventory is not an inventory" % (index, overlay.get("name") or "overlay"))
        _Overlay(result, secrets, overlay, prefer, findings).run()

    resolved = []
    gaps_after = _destination_refs(result)
    kept = []
    for entry in result.get("not_collected") or []:
        sid = entry["source_id"]
        if sid in gaps_before and sid not in gaps_after:
            resolved.append(dict(source_id=sid, kind=entry["kind"], how="no destination points at it any more"))
            continue
        answered = _resolved(entry, result)
        if answered and len(answered) == len(entry.get("related") or []):
            resolved.append(dict(source_id=sid, kind=entry["kind"], how="every related object now has it"))
            continue
        if answered:
            entry["related"] = [related for related in entry["related"] if related not in answered]
            resolved.append(dict(source_id=sid, kind=entry["kind"], how="answered for %d of the related objects" % len(answered)))
        kept.append(entry)
    result["not_collected"] = kept
    inventory = Inventory.from_dict(result).to_dict()
    findings.sort(key=lambda item: (COLLECTION_NAMES.index(item["collection"]), item["object"]["id"], item["field"], item["overlay"]))
    return dict(inventory=inventory, secrets=dict(sorted(secrets.items())), findings=findings,
                resolved=sorted(resolved, key=lambda item: item["source_id"]))
