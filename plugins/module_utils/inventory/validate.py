# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Validation of a canonical inventory: schema, normalization, referential integrity.

Every phase calls ``validate_inventory`` before it writes anything.  All problems are
reported at once, each as one line naming the JSON path, the source id of the object
and what is wrong::

    $.devices[3].mac (source id 'dev-17'): '00:11:22:33:44' is not a MAC address (12 hex digits)

No problem line ever echoes the value of a secret field.
"""

from __future__ import annotations

import copy
import datetime
import difflib
import re

try:
    import jsonschema
    HAS_JSONSCHEMA = True
    JSONSCHEMA_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - exercised only without the library
    jsonschema = None
    HAS_JSONSCHEMA = False
    JSONSCHEMA_IMPORT_ERROR = exc

try:
    import zoneinfo
except ImportError:  # pragma: no cover - Python < 3.9 targets
    zoneinfo = None

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import (
    ANSWER_RULE_KINDS_WITHOUT_DESTINATIONS,
    COLLECTION_BY_OBJECT_TYPE,
    COLLECTION_NAMES,
    DESTINATION_COLLECTIONS,
    EXTERNAL_DESTINATION,
    MENU_DESTINATION,
    TERMINAL_DESTINATIONS,
)
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.model import Inventory
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import (
    DEFAULT_REGION,
    MissingLibraryError,
    NormalizationError,
    normalize_e164,
    normalize_extension,
    normalize_mac,
)
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.schema import DEFS, INVENTORY_SCHEMA
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.secrets import (
    REDACTED,
    SecretNotFound,
    holds_clear_text,
    is_secret_key,
    resolve_secret,
)

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TIME_ZONE = re.compile(r"^[A-Za-z_]+(/[A-Za-z0-9_+\-]+)*$")
_JSON_TYPES = {"string": "a string", "integer": "an integer", "number": "a number", "boolean": "a boolean",
               "object": "an object", "array": "a list", "null": "null"}


class Problem:
    """One thing wrong with the inventory."""

    __slots__ = ("path", "source_id", "message", "code")

    def __init__(self, path, source_id, message, code):
        self.path = tuple(path)
        self.source_id = source_id
        self.message = message
        self.code = code

    @property
    def json_path(self):
        return format_path(self.path)

    @property
    def line(self):
        if self.source_id is None:
            return "%s: %s" % (self.json_path, self.message)
        if self.source_id is _NO_SOURCE_ID:
            return "%s (no source id): %s" % (self.json_path, self.message)
        return "%s (source id %s): %s" % (self.json_path, _quote(self.source_id), self.message)

    def to_dict(self):
        return {
            "path": self.json_path,
            "source_id": self.source_id if isinstance(self.source_id, str) else None,
            "code": self.code,
            "message": self.message,
            "line": self.line,
        }

    def __str__(self):
        return self.line

    def __repr__(self):
        return "Problem(%r)" % (self.line,)


class ValidationResult:
    """Outcome of ``validate_inventory``.

    ``inventory`` is the normalized inventory in canonical order when there is no problem,
    else None; ``normalized`` is the best-effort normalized copy in either case.
    """

    def __init__(self, normalized, problems, secret_paths):
        self.normalized = normalized
        self.problems = problems
        self.secret_paths = secret_paths
        self.inventory = None

    @property
    def ok(self):
        return not self.problems

    @property
    def lines(self):
        return [problem.line for problem in self.problems]


class _Missing:
    def __repr__(self):
        return "<no source id>"


_NO_SOURCE_ID = _Missing()


def _quote(text):
    return "'%s'" % text.replace("\\", "\\\\").replace("'", "\\'")


def format_path(path):
    """``('devices', 3, 'mac')`` -> ``$.devices[3].mac``."""
    parts = ["$"]
    for part in path:
        if isinstance(part, int):
            parts.append("[%d]" % part)
        elif _IDENTIFIER.match(part):
            parts.append("." + part)
        else:
            parts.append("[%s]" % _quote(part))
    return "".join(parts)


def _show(value):
    """A value as it reads in a problem line (short, never a whole structure)."""
    if isinstance(value, (dict, list)):
        return _json_type(value)
    text = repr(value)
    if isinstance(value, str):
        text = _quote(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return text


def _json_type(value):
    if isinstance(value, bool):
        return _JSON_TYPES["boolean"]
    if isinstance(value, int):
        return _JSON_TYPES["integer"]
    if isinstance(value, float):
        return _JSON_TYPES["number"]
    if isinstance(value, str):
        return _JSON_TYPES["string"]
    if isinstance(value, list):
        return _JSON_TYPES["array"]
    if isinstance(value, dict):
        return _JSON_TYPES["object"]
    if value is None:
        return _JSON_TYPES["null"]
    return type(value).__name__


def _suggest(word, choices):
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, [c for c in choices if isinstance(c, str)], n=1, cutoff=0.6)
    return "; did you mean %s?" % _quote(close[0]) if close else ""


def _resolve(node):
    """Follow a local ``$ref`` and merge the annotations written next to it."""
    if "$ref" not in node:
        return node
    resolved = dict(DEFS[node["$ref"].rsplit("/", 1)[-1]])
    resolved.update((key, value) for key, value in node.items() if key != "$ref")
    return resolved


def _walk(node, value, path=()):
    """Yield (path, resolved schema node, value) for every value the schema describes."""
    node = _resolve(node)
    yield path, node, value
    if node.get("x-free-form"):
        return
    if isinstance(value, dict):
        properties = node.get("properties", {})
        for key, child in value.items():
            if key in properties:
                yield from _walk(properties[key], child, path + (key,))
    elif isinstance(value, list) and "items" in node:
        for index, child in enumerate(value):
            yield from _walk(node["items"], child, path + (index,))


def _get(data, path):
    for part in path:
        data = data[part]
    return data


def _set(data, path, value):
    _get(data, path[:-1])[path[-1]] = value


def _source_id(data, path):
    """Source id of the innermost object on ``path`` that carries one."""
    found = None
    node = data
    for depth, part in enumerate(path):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict):
            if isinstance(node.get("source_id"), str):
                found = node["source_id"]
            elif depth == 1 and path[0] in COLLECTION_NAMES:
                found = _NO_SOURCE_ID
    return found


def _is_under(path, prefixes):
    return any(path[:len(prefix)] == prefix for prefix in prefixes)


class _Validator:
    def __init__(self, data, default_region, secrets):
        self.original = data
        self.data = copy.deepcopy(data)
        self.default_region = default_region or DEFAULT_REGION
        self.secrets = secrets
        self.problems = []
        self.secret_paths = []
        self.schema_paths = set()

    def add(self, path, message, code):
        self.problems.append(Problem(path, _source_id(self.data, path), message, code))

    # -- pass 1: secrets, before anything could echo them ---------------------------
    def check_secrets(self):
        for path, node, value in list(_walk(INVENTORY_SCHEMA, self.data)):
            if node.get("x-secret"):
                if value is not None and not isinstance(value, dict):
                    self.secret_paths.append(path)
                    _set(self.data, path, REDACTED)
                    self.add(path, "clear-text secret not allowed; put the value in ucaas_secrets (vault) and reference it "
                                   "here as {'secret_ref': '<key>', 'is_set': true}", "secret.clear_text")
                elif isinstance(value, dict):
                    self.check_secret_ref(path, value)
            elif node.get("x-free-form") and isinstance(value, (dict, list)):
                self.check_free_form(path, value)

    def check_secret_ref(self, path, value):
        ref = value.get("secret_ref")
        for key in value:
            if key not in ("secret_ref", "is_set") and holds_clear_text(value[key]):
                # an unknown key inside a secret object may be the secret itself
                self.secret_paths.append(path + (key,))
                value[key] = REDACTED
                self.add(path + (key,), "clear-text secret not allowed; a secret field holds only secret_ref and is_set",
                         "secret.clear_text")
        if value.get("is_set") is True and ref is None:
            self.add(path, "is_set is true but there is no secret_ref naming the value in ucaas_secrets", "secret.no_ref")
        elif value.get("is_set") is False and ref is not None:
            self.add(path + ("secret_ref",), "secret_ref is given but is_set is false", "secret.inconsistent")
        elif value.get("is_set") is True and isinstance(ref, str) and self.secrets is not None:
            try:
                resolve_secret({"secret_ref": ref, "is_set": True}, self.secrets)
            except (SecretNotFound, ValueError):
                self.add(path + ("secret_ref",), "secret %s is not in ucaas_secrets" % _quote(ref), "secret.unresolved")

    def check_free_form(self, path, value):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in items:
            if isinstance(key, str) and is_secret_key(key) and holds_clear_text(child):
                self.secret_paths.append(path + (key,))
                _set(self.data, path + (key,), REDACTED)
                self.add(path + (key,), "looks like a clear-text secret; drop it or move it to ucaas_secrets", "secret.clear_text")
            elif isinstance(child, (dict, list)):
                self.check_free_form(path + (key,), child)

    # -- pass 2: JSON Schema ----------------------------------------------------------
    def check_schema(self):
        validator = jsonschema.Draft202012Validator(INVENTORY_SCHEMA)
        found = []
        for error in validator.iter_errors(self.data):
            for path, message, code in self.describe(error):
                if _is_under(path, self.secret_paths):
                    continue
                found.append((path, message, code))
        # a value of the wrong type also fails enum/pattern checks: keep the type problem only
        typed = set(path for path, _message, code in found if code == "schema.type")
        for path, message, code in found:
            if path in typed and code != "schema.type":
                continue
            self.schema_paths.add(path)
            self.add(path, message, code)

    @staticmethod
    def describe(error):
        path = tuple(error.absolute_path)
        kind = error.validator
        value = error.instance
        schema = error.schema
        if kind == "required":
            present = value if isinstance(value, dict) else {}
            return [(path + (name,), "required field is missing", "schema.required")
                    for name in error.validator_value if name not in present]
        if kind == "additionalProperties":
            allowed = list(schema.get("properties", {}))
            return [(path + (name,), "unknown field" + _suggest(name, allowed), "schema.unknown_field")
                    for name in value if name not in allowed]
        if kind == "type":
            expected = error.validator_value
            expected = [expected] if isinstance(expected, str) else list(expected)
            wanted = " or ".join(_JSON_TYPES.get(name, name) for name in expected)
            if isinstance(value, (dict, list)) or value is None:
                message = "is %s, expected %s" % (_json_type(value), wanted)
            else:
                message = "%s is %s, expected %s" % (_show(value), _json_type(value), wanted)
            return [(path, message, "schema.type")]
        if kind == "enum":
            choices = error.validator_value
            message = "%s is not one of: %s%s" % (_show(value), ", ".join(str(c) for c in choices), _suggest(value, choices))
            return [(path, message, "schema.enum")]
        if kind == "const":
            if path == ("schema_version",):
                return [(path, "unsupported schema version %s (this collection reads %s)"
                         % (_show(value), _quote(error.validator_value)), "schema.version")]
            return [(path, "%s must be %s" % (_show(value), _show(error.validator_value)), "schema.const")]
        if kind == "pattern":
            reason = schema.get("x-problem") or "does not match %s" % error.validator_value
            return [(path, "%s %s" % (_show(value), reason), "schema.pattern")]
        if kind == "minLength":
            return [(path, "must not be empty" if error.validator_value == 1
                     else "is shorter than %d characters" % error.validator_value, "schema.length")]
        if kind == "maxLength":
            return [(path, "is longer than %d characters" % error.validator_value, "schema.length")]
        if kind == "minimum":
            return [(path, "%s is below the minimum %s" % (_show(value), error.validator_value), "schema.range")]
        if kind == "maximum":
            return [(path, "%s is above the maximum %s" % (_show(value), error.validator_value), "schema.range")]
        if kind == "minItems":
            return [(path, "needs at least %d item%s" % (error.validator_value, "" if error.validator_value == 1 else "s"),
                     "schema.items")]
        return [(path, error.message, "schema.%s" % kind)]

    # -- pass 3: normalization --------------------------------------------------------
    def normalize(self):
        for path, node, value in list(_walk(INVENTORY_SCHEMA, self.data)):
            how = node.get("x-normalize")
            if not how or not isinstance(value, str) or _is_under(path, self.schema_paths):
                continue
            try:
                normalized = self.normalize_value(how, value)
            except NormalizationError as exc:
                self.add(path, str(exc), "normalize.%s" % how)
            else:
                _set(self.data, path, normalized)

    def normalize_value(self, how, value):
        if how == "e164":
            return normalize_e164(value, self.region())
        if how == "mac":
            return normalize_mac(value)
        if how == "extension":
            return normalize_extension(value)
        if how == "time_zone":
            return _check_time_zone(value)
        if how == "date":
            try:
                datetime.date(int(value[0:4]), int(value[5:7]), int(value[8:10]))
            except ValueError:
                raise NormalizationError("%s is not a calendar date" % _show(value))
            return value
        if how == "date_time":
            return _normalize_date_time(value)
        raise ValueError("unknown normalization %r" % how)

    def region(self):
        source = self.data.get("source")
        if isinstance(source, dict) and isinstance(source.get("default_region"), str):
            return source["default_region"]
        return self.default_region

    # -- pass 4: references, duplicates, rules the schema cannot express -------------
    def check_integrity(self):
        self.index = {}
        for name in COLLECTION_NAMES:
            items = self.data.get(name)
            table = self.index[name] = {}
            if not isinstance(items, list):
                continue
            for position, item in enumerate(items):
                if not isinstance(item, dict) or not isinstance(item.get("source_id"), str):
                    continue
                source_id = item["source_id"]
                if source_id in table:
                    self.add((name, position, "source_id"), "duplicate source id; already used by %s"
                             % format_path((name, table[source_id][0])), "duplicate.source_id")
                else:
                    table[source_id] = (position, item)
        seen = {}
        for path, node, value in list(_walk(INVENTORY_SCHEMA, self.data)):
            if _is_under(path, self.schema_paths):
                continue
            if node.get("x-ref") and isinstance(value, str):
                self.check_ref(path, node["x-ref"], value)
            if node.get("x-destination") and isinstance(value, dict):
                self.check_destination(path, node["x-destination"], value)
            if node.get("x-unique") and isinstance(value, str) and not self.has_problem(path):
                self.check_unique(seen, path, node["x-unique"], value)
        self.check_attendants()
        self.check_time_frames()
        self.check_answer_rules()
        self.check_members()

    def has_problem(self, path):
        return any(problem.path == path for problem in self.problems)

    def check_ref(self, path, collection, value):
        if value not in self.index[collection]:
            self.add(path, "refers to %s, which is not in $.%s" % (_quote(value), collection), "reference.dangling")

    def check_destination(self, path, kind, value):
        dest_type = value.get("type")
        dest_id = value.get("id")
        if kind == "related":
            collection = COLLECTION_BY_OBJECT_TYPE.get(dest_type)
        else:
            collection = DESTINATION_COLLECTIONS.get(dest_type)
        if dest_type in TERMINAL_DESTINATIONS:
            return
        if not isinstance(dest_id, str):
            if dest_type is not None and "id" not in value:
                self.add(path + ("id",), "a %s destination needs an id" % _quote(dest_type), "reference.no_id")
            return
        if dest_type == EXTERNAL_DESTINATION:
            try:
                value["id"] = normalize_e164(dest_id, self.region())
            except NormalizationError as exc:
                self.add(path + ("id",), str(exc), "normalize.e164")
            return
        if dest_type == MENU_DESTINATION:
            self.check_menu_destination(path, value)
            return
        if collection is None:
            return
        if dest_id not in self.index[collection]:
            self.add(path, "refers to %s %s, which is not in $.%s" % (dest_type, _quote(dest_id), collection), "reference.dangling")

    def check_menu_destination(self, path, value):
        attendant_id, menu = value["id"], value.get("menu")
        entry = self.index["auto_attendants"].get(attendant_id)
        if entry is None:
            self.add(path, "refers to auto_attendant %s, which is not in $.auto_attendants" % _quote(attendant_id), "reference.dangling")
        elif not isinstance(menu, str):
            self.add(path + ("menu",), "an 'auto_attendant_menu' destination needs a menu", "reference.no_menu")
        elif menu not in _menu_ids(entry[1]):
            self.add(path + ("menu",), "refers to menu %s, which auto attendant %s does not have" % (_quote(menu), _quote(attendant_id)),
                     "reference.dangling")

    def check_unique(self, seen, path, scope, value):
        first = seen.setdefault(scope, {}).get(value)
        if first is None:
            seen[scope][value] = path
            return
        owner = first[:2] if len(first) > 2 and first[0] in COLLECTION_NAMES else first
        owner_id = _source_id(self.data, owner)
        owner_text = format_path(owner)
        if isinstance(owner_id, str):
            owner_text += " (source id %s)" % _quote(owner_id)
        label = {"extension": "extension", "mac": "MAC address", "did_number": "number", "sms_number": "SMS number",
                 "voicemail_owner": "user"}.get(scope, scope)
        what = "already has a voicemail box" if scope == "voicemail_owner" else "is already used by"
        self.add(path, "%s %s %s %s" % (label, _quote(value), what, owner_text), "duplicate.%s" % scope)

    def items(self, collection):
        items = self.data.get(collection)
        if not isinstance(items, list):
            return
        for position, item in enumerate(items):
            if isinstance(item, dict):
                yield (collection, position), item

    def check_attendants(self):
        for base, attendant in self.items("auto_attendants"):
            menus = attendant.get("menus") if isinstance(attendant.get("menus"), list) else []
            menu_ids = {}
            for position, menu in enumerate(menus):
                if not isinstance(menu, dict):
                    continue
                menu_id = menu.get("id")
                if isinstance(menu_id, str):
                    if menu_id in menu_ids:
                        self.add(base + ("menus", position, "id"), "duplicate menu id %s; already used by %s"
                                 % (_quote(menu_id), format_path(base + ("menus", menu_ids[menu_id]))), "duplicate.menu")
                    else:
                        menu_ids[menu_id] = position
                keys = {}
                options = menu.get("options") if isinstance(menu.get("options"), list) else []
                for index, option in enumerate(options):
                    key = option.get("key") if isinstance(option, dict) else None
                    if not isinstance(key, str):
                        continue
                    if key in keys:
                        self.add(base + ("menus", position, "options", index, "key"), "key %s is already used by %s"
                                 % (_quote(key), format_path(base + ("menus", position, "options", keys[key]))), "duplicate.menu_key")
                    else:
                        keys[key] = index
            variants = attendant.get("variants") if isinstance(attendant.get("variants"), list) else []
            defaults = []
            frames = {}
            for position, variant in enumerate(variants):
                if not isinstance(variant, dict):
                    continue
                path = base + ("variants", position)
                if isinstance(variant.get("menu"), str) and variant["menu"] not in menu_ids:
                    self.add(path + ("menu",), "refers to menu %s, which this auto attendant does not have" % _quote(variant["menu"]),
                             "reference.dangling")
                frame = variant.get("time_frame_id")
                if frame is None:
                    defaults.append(position)
                elif frame in frames:
                    self.add(path + ("time_frame_id",), "time frame %s already has a menu in %s"
                             % (_quote(frame), format_path(base + ("variants", frames[frame]))), "duplicate.variant")
                else:
                    frames[frame] = position
            if variants and not defaults:
                self.add(base + ("variants",), "no default variant (one without time_frame_id answers at all other times)",
                         "attendant.no_default")
            for extra in defaults[1:]:
                self.add(base + ("variants", extra), "a second default variant; only one may omit time_frame_id", "attendant.two_defaults")

    def check_time_frames(self):
        source = self.data.get("source") if isinstance(self.data.get("source"), dict) else {}
        for base, frame in self.items("time_frames"):
            kind = frame.get("kind")
            entries = dict((name, frame.get(name) if isinstance(frame.get(name), list) else []) for name in ("weekly", "dates", "holidays"))
            needs = {"days_of_week": "weekly", "specific_dates": "dates", "holidays": "holidays"}.get(kind)
            if needs and not entries[needs]:
                self.add(base + (needs,), "a %s time frame needs at least one entry here" % _quote(kind), "time_frame.empty")
            if needs:
                for name in entries:
                    if name != needs and entries[name]:
                        self.add(base + (name,), "a %s time frame has no %s entries (use kind 'custom' to mix)" % (_quote(kind), name),
                                 "time_frame.kind_mismatch")
            if kind == "custom" and not any(entries.values()):
                self.add(base + ("kind",), "a 'custom' time frame needs weekly, dates or holidays entries", "time_frame.empty")
            if kind == "always" and any(entries.values()):
                self.add(base + ("kind",), "an 'always' time frame takes no entries", "time_frame.kind_mismatch")
            if "time_zone" not in frame and "time_zone" not in source:
                self.add(base + ("time_zone",), "no time zone: set it here or in $.source.time_zone", "time_frame.no_time_zone")
            for index, entry in enumerate(entries["weekly"]):
                if isinstance(entry, dict) and _ordered(entry.get("start"), entry.get("end")) is False:
                    self.add(base + ("weekly", index, "end"), "ends at or before its start %s" % _quote(entry["start"]), "time_frame.range")
            for index, entry in enumerate(entries["dates"]):
                if not isinstance(entry, dict):
                    continue
                if isinstance(entry.get("end_date"), str) and isinstance(entry.get("start_date"), str) and entry["end_date"] < entry["start_date"]:
                    self.add(base + ("dates", index, "end_date"), "is before start_date %s" % _quote(entry["start_date"]), "time_frame.range")
                elif entry.get("end_date", entry.get("start_date")) == entry.get("start_date") \
                        and _ordered(entry.get("start_time"), entry.get("end_time")) is False:
                    self.add(base + ("dates", index, "end_time"), "ends at or before its start %s" % _quote(entry["start_time"]),
                             "time_frame.range")

    def check_answer_rules(self):
        seen = {}
        for base, rule in self.items("answer_rules"):
            kind = rule.get("kind")
            destinations = rule.get("destinations") or []
            if kind in ANSWER_RULE_KINDS_WITHOUT_DESTINATIONS and destinations:
                self.add(base + ("destinations",), "a %s rule takes no destinations" % _quote(kind), "answer_rule.destinations")
            elif isinstance(kind, str) and kind not in ANSWER_RULE_KINDS_WITHOUT_DESTINATIONS and not destinations \
                    and not _is_under(base + ("kind",), self.schema_paths):
                self.add(base + ("destinations",), "a %s rule needs at least one destination" % _quote(kind), "answer_rule.destinations")
            key = (rule.get("user_id"), kind, rule.get("time_frame_id"))
            if all(isinstance(part, str) for part in key[:2]):
                if key in seen:
                    self.add(base + ("kind",), "user %s already has a %s rule for this time frame in %s"
                             % (_quote(key[0]), _quote(kind), format_path(seen[key])), "duplicate.answer_rule")
                else:
                    seen[key] = base

    def check_members(self):
        for collection, field, id_of in (("hunt_groups", "members", _member_key), ("queues", "agents", lambda a: a.get("user_id")),
                                         ("devices", "lines", lambda line: line.get("line"))):
            for base, item in self.items(collection):
                seen = {}
                entries = item.get(field) if isinstance(item.get(field), list) else []
                for index, entry in enumerate(entries):
                    key = id_of(entry) if isinstance(entry, dict) else None
                    if key is None:
                        continue
                    if key in seen:
                        message = "%s is listed twice (also %s)" % (_describe_member(field, key), format_path(base + (field, seen[key])))
                        self.add(base + (field, index), message, "duplicate.%s" % field)
                    else:
                        seen[key] = index

    def finish(self):
        unique = {}
        for problem in self.problems:
            if not problem.code.startswith("schema.") and _is_under(problem.path, self.schema_paths):
                continue
            unique.setdefault((problem.path, problem.message), problem)
        return sorted(unique.values(), key=lambda problem: (_sort_key(problem.path), problem.message))


def _member_key(member):
    if isinstance(member.get("type"), str) and isinstance(member.get("id"), str):
        return (member["type"], member["id"])
    return None


def _describe_member(field, key):
    if field == "members":
        return "%s %s" % (key[0], _quote(key[1]))
    if field == "agents":
        return "user %s" % _quote(key)
    return "line %s" % key


def _menu_ids(attendant):
    menus = attendant.get("menus") if isinstance(attendant.get("menus"), list) else []
    return set(menu.get("id") for menu in menus if isinstance(menu, dict))


def _ordered(start, end):
    """False when both times are set and end is not after start; None when unknown."""
    if not isinstance(start, str) or not isinstance(end, str):
        return None
    return end > start


def _sort_key(path):
    return tuple((0, part, "") if isinstance(part, int) else (1, 0, part) for part in path)


def _check_time_zone(value):
    if zoneinfo is None:
        if _TIME_ZONE.match(value):
            return value
        raise NormalizationError("%s is not a time zone name" % _show(value))
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise NormalizationError("%s is not an IANA time zone (e.g. America/New_York)" % _show(value))
    return value


def _normalize_date_time(value):
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None or "T" not in text.upper():
        raise NormalizationError("%s is not an RFC 3339 timestamp with offset (e.g. 2026-11-25T18:30:00Z)" % _show(value))
    return parsed.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def validate_inventory(data, default_region=DEFAULT_REGION, secrets=None):
    """Validate and normalize a canonical inventory; never raises for bad data.

    ``default_region`` applies to numbers without a country code unless the inventory's
    ``source.default_region`` says otherwise.  When ``secrets`` (the ``ucaas_secrets``
    mapping) is given, every secret reference marked ``is_set`` must resolve in it.
    Raises MissingLibraryError when jsonschema or phonenumbers is not installed.
    """
    if not HAS_JSONSCHEMA:
        raise MissingLibraryError("jsonschema")
    normalize_e164("+12025550123")  # fail early and clearly without phonenumbers
    if not isinstance(data, dict):
        problem = Problem((), None, "the inventory is %s, expected an object" % _json_type(data), "schema.type")
        return ValidationResult(data, [problem], [])
    validator = _Validator(data, default_region, secrets)
    validator.check_secrets()
    validator.check_schema()
    validator.normalize()
    validator.check_integrity()
    result = ValidationResult(validator.data, validator.finish(), validator.secret_paths)
    if result.ok:
        result.inventory = Inventory.from_dict(validator.data).to_dict()
    return result
