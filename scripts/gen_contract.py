# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Generate the lab's request contract from the vendor ns-api v2 OpenAPI file.

Usage::

    python scripts/gen_contract.py <path-to-netsapiens-api-v2.json> [--output FILE] [--check]

For every operation the collection uses (see ``OPERATIONS``) the contract records
the method, the path template (relative to ``/ns-api/v2``), the request body per
content type (field names, JSON types, enums, nested fields, read-only flags and
the fields the spec marks required), declared ``start``/``limit`` query
parameters and the 2xx status codes the spec lists. The output is sorted and
carries no timestamps, so regenerating from the same spec gives the same bytes;
``--check`` exits 1 when the checked-in file differs.

How the spec is read:

* Apidog exports one real operation several times with ``#N`` path suffixes
  (``/tokens#1``, ``/domains/{domain}/timeframes#3``); they are example variants
  of one method + path that differ only by body. They are merged: body fields
  are the union of all variants; a field's types and enum values are the union
  of the variants' (a variant without an enum lifts the enum); a field counts as
  required only when every variant with that content type requires it; success
  codes are the union; every variant's summary is kept under ``variants``.
* Apidog expands ``x-apidog-refs`` into ``properties`` on export, so
  ``properties`` is authoritative; ``x-apidog-overrides`` set to ``null`` are
  treated as "no override" (the spec uses them that way, e.g. answer-rule
  ``forward-always`` keeps its ``parameters``).
* A ``$ref`` to an object schema becomes ``{"ref": name}`` and the schema is
  emitted once under ``schemas`` (auto attendant tiers nest recursively); a
  ``$ref`` to a scalar (enums such as ``Synchronous``) is inlined.
* ``anyOf``/``oneOf`` become a union of types; ``allOf`` merges fields.
* Required flags are recorded as facts but the spec's are unreliable (response
  schemas reused as request schemas), which is why the lab does not enforce them.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys

DEFAULT_OUTPUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lab", "contract", "ns-api-v2.contract.json")

# (method, path) pairs the collection uses; paths as in the spec without "#N".
_DOMAIN = "/domains/{domain}"
_USER = _DOMAIN + "/users/{user}"
OPERATIONS = [
    ("GET", "/version"),
    ("GET", "/apikeys/~"),
    ("POST", "/tokens"),
    ("GET", "/resellers"), ("POST", "/resellers"), ("GET", "/resellers/count"),
    ("GET", "/resellers/{reseller}"), ("PUT", "/resellers/{reseller}"), ("DELETE", "/resellers/{reseller}"),
    ("GET", "/domains"), ("POST", "/domains"), ("GET", "/domains/count"), ("GET", "/domains/~"),
    ("GET", _DOMAIN), ("PUT", _DOMAIN), ("DELETE", _DOMAIN), ("GET", _DOMAIN + "/count"),
    ("GET", _DOMAIN + "/sites"), ("POST", _DOMAIN + "/sites"), ("GET", _DOMAIN + "/sites/count"),
    ("GET", _DOMAIN + "/sites/list"), ("GET", _DOMAIN + "/sites/{site}"), ("PUT", _DOMAIN + "/sites/{site}"),
    ("GET", _DOMAIN + "/users"), ("POST", _DOMAIN + "/users"), ("GET", _DOMAIN + "/users/count"),
    ("GET", _DOMAIN + "/users/list"), ("GET", "/domains/~/users/~"),
    ("GET", _USER), ("PUT", _USER), ("DELETE", _USER),
    ("GET", _USER + "/devices"), ("POST", _USER + "/devices"), ("GET", _USER + "/devices/count"),
    ("GET", _USER + "/devices/{device}"), ("PUT", _USER + "/devices/{device}"), ("DELETE", _USER + "/devices/{device}"),
    ("GET", _DOMAIN + "/devices"), ("GET", _DOMAIN + "/devices/count"),
    ("GET", _DOMAIN + "/phonenumbers"), ("POST", _DOMAIN + "/phonenumbers"), ("PUT", _DOMAIN + "/phonenumbers"),
    ("GET", _DOMAIN + "/phonenumbers/count"), ("GET", "/phonenumbers"),
    ("GET", _DOMAIN + "/phonenumbers/{phonenumber}"), ("PUT", _DOMAIN + "/phonenumbers/{phonenumber}"),
    ("DELETE", _DOMAIN + "/phonenumbers/{phonenumber}"),
    ("GET", _DOMAIN + "/callqueues"), ("POST", _DOMAIN + "/callqueues"), ("GET", _DOMAIN + "/callqueues/list"),
    ("GET", _DOMAIN + "/callqueues/{callqueue}"), ("PUT", _DOMAIN + "/callqueues/{callqueue}"),
    ("DELETE", _DOMAIN + "/callqueues/{callqueue}"),
    ("GET", _DOMAIN + "/callqueues/{callqueue}/agents"), ("POST", _DOMAIN + "/callqueues/{callqueue}/agents"),
    ("GET", _DOMAIN + "/callqueues/{callqueue}/agents/count"),
    ("GET", _DOMAIN + "/callqueues/{callqueue}/agents/{callqueue-agent-id}"),
    ("PUT", _DOMAIN + "/callqueues/{callqueue}/agents/{callqueue-agent-id}"),
    ("DELETE", _DOMAIN + "/callqueues/{callqueue}/agents/{callqueue-agent-id}"),
    ("GET", _DOMAIN + "/agents"),
    ("GET", _DOMAIN + "/autoattendants"), ("POST", _DOMAIN + "/autoattendants"),
    ("GET", _USER + "/autoattendants/{prompt}"), ("PUT", _USER + "/autoattendants/{prompt}"),
    ("DELETE", _USER + "/autoattendants/{prompt}"),
    ("GET", _DOMAIN + "/timeframes"), ("POST", _DOMAIN + "/timeframes"),
    ("GET", _DOMAIN + "/timeframes/{id}"), ("POST", _DOMAIN + "/timeframes/{id}"),
    ("PUT", _DOMAIN + "/timeframes/{id}"), ("DELETE", _DOMAIN + "/timeframes/{id}"),
    ("GET", _USER + "/timeframes"), ("POST", _USER + "/timeframes"),
    ("GET", _USER + "/timeframes/{id}"), ("POST", _USER + "/timeframes/{id}"),
    ("PUT", _USER + "/timeframes/{id}"), ("DELETE", _USER + "/timeframes/{id}"),
    ("GET", _USER + "/answerrules"), ("POST", _USER + "/answerrules"), ("GET", _USER + "/answerrules/count"),
    ("GET", "/domains/~/users/~/answerrules"), ("PUT", _USER + "/answerrules/reorder"),
    ("GET", _USER + "/answerrules/{timeframe}"), ("PUT", _USER + "/answerrules/{timeframe}"),
    ("DELETE", _USER + "/answerrules/{timeframe}"),
    ("GET", _USER + "/greetings"), ("POST", _USER + "/greetings"), ("GET", _USER + "/greetings/count"),
    ("GET", _USER + "/greetings/{index}"), ("PUT", _USER + "/greetings/{index}"), ("DELETE", _USER + "/greetings/{index}"),
    ("GET", "/phones"), ("POST", "/phones"), ("PUT", "/phones"), ("DELETE", "/phones"), ("GET", "/phones/count"),
    ("GET", "/phones/{mac}"),
    ("GET", _DOMAIN + "/phones"), ("POST", _DOMAIN + "/phones"), ("PUT", _DOMAIN + "/phones"),
    ("DELETE", _DOMAIN + "/phones"), ("GET", _DOMAIN + "/phones/{mac}"),
    ("GET", _DOMAIN + "/smsnumbers"), ("POST", _DOMAIN + "/smsnumbers"),
    ("PUT", _DOMAIN + "/smsnumbers/{smsnumber}"), ("DELETE", _DOMAIN + "/smsnumbers/{smsnumber}"),
    ("GET", _USER + "/smsnumbers"), ("GET", "/smsnumbers"),
]

_METHODS = ("get", "post", "put", "patch", "delete")
_VARIANT = re.compile(r"#\d+$")


class SpecReader:
    """Turns OpenAPI schemas into the contract's compact field specs."""

    def __init__(self, spec):
        self.spec = spec
        self.components = spec.get("components", {}).get("schemas", {})
        self.schemas = {}
        self._building = set()

    def component(self, ref):
        name = ref.rsplit("/", 1)[-1]
        return name, self.components.get(name, {})

    @staticmethod
    def _is_object(schema):
        return schema.get("type") == "object" or "properties" in schema or "allOf" in schema

    def field(self, schema):
        """Return the contract spec of one schema node."""
        if not isinstance(schema, dict):
            return {"type": []}
        if "$ref" in schema:
            name, target = self.component(schema["$ref"])
            overrides = {k: v for k, v in (schema.get("x-apidog-overrides") or {}).items() if v is not None}
            if self._is_object(target) and not overrides:
                self._named(name, target)
                spec = {"type": ["object"], "ref": name}
            else:
                merged = dict(target)
                if overrides:
                    merged["properties"] = dict(target.get("properties", {}), **overrides)
                spec = self.field(merged)
            if schema.get("readOnly"):
                spec["read_only"] = True
            return spec
        spec = {"type": self._types(schema)}
        if "enum" in schema:
            spec["enum"] = sorted({json.dumps(v) for v in schema["enum"]})
            spec["enum"] = [json.loads(v) for v in spec["enum"]]
        if schema.get("readOnly"):
            spec["read_only"] = True
        if schema.get("format") == "binary":
            spec["format"] = "binary"
        for key in ("anyOf", "oneOf"):
            for option in schema.get(key, []):
                spec = merge_fields(spec, self.field(option))
        if "object" in spec["type"] or "properties" in schema or "allOf" in schema:
            fields, required = self.object_fields(schema)
            if fields:
                spec["fields"] = fields
                spec["required"] = required
            if "object" not in spec["type"]:
                spec["type"] = sorted(set(spec["type"]) | {"object"})
        if "items" in schema:
            spec["items"] = self.field(schema["items"])
        return spec

    @staticmethod
    def _types(schema):
        kind = schema.get("type")
        if kind is None:
            return []
        if isinstance(kind, list):
            return sorted(set(kind))
        return [kind]

    def object_fields(self, schema):
        """Fields and required names of an object schema (allOf merged)."""
        fields = {}
        required = set(schema.get("required", []))
        for part in schema.get("allOf", []):
            sub = self.field(part)
            if "ref" in sub:
                sub = self.schemas.get(sub["ref"], {})
            fields.update(sub.get("fields", {}))
            required |= set(sub.get("required", []))
        inherited = self._inherited_properties(schema)
        for name, prop in (schema.get("properties") or {}).items():
            fields[name] = self.field(inherited.get(name, prop))
        return dict(sorted(fields.items())), sorted(required & set(fields))

    def _inherited_properties(self, schema):
        """Object properties an ``x-apidog-refs`` schema takes from its ref (``x-apidog-ignore-properties``).

        Apidog exports a truncated copy of such properties (a nested auto attendant tier's
        ``option-1`` keeps only ``destination-application``); the referenced component holds
        the real definition, so object-valued ones are read from there.
        """
        ignored = set(schema.get("x-apidog-ignore-properties") or ())
        inherited = {}
        for ref in (schema.get("x-apidog-refs") or {}).values():
            if not isinstance(ref, dict) or "$ref" not in ref:
                continue
            dummy, target = self.component(ref["$ref"])
            for name, prop in (target.get("properties") or {}).items():
                if name not in ignored or not isinstance(prop, dict):
                    continue
                resolved = self.component(prop["$ref"])[1] if "$ref" in prop else prop
                if self._is_object(resolved):
                    inherited[name] = prop
        return inherited

    def _named(self, name, target):
        if name in self.schemas or name in self._building:
            return
        self._building.add(name)
        fields, required = self.object_fields(target)
        self.schemas[name] = {"type": ["object"], "fields": fields, "required": required}
        self._building.discard(name)


def merge_fields(left, right):
    """Union of two field specs (types, enums, nested fields)."""
    out = dict(left)
    out["type"] = sorted(set(left.get("type", [])) | set(right.get("type", [])))
    if not left.get("type") or not right.get("type"):
        out["type"] = []  # one side accepts anything
    if "enum" in left and "enum" in right:
        out["enum"] = [json.loads(v) for v in sorted({json.dumps(v) for v in left["enum"] + right["enum"]})]
    else:
        out.pop("enum", None)
    if left.get("ref") != right.get("ref"):
        out.pop("ref", None)
    if "fields" in left or "fields" in right:
        merged = dict(left.get("fields", {}))
        for name, spec in right.get("fields", {}).items():
            merged[name] = merge_fields(merged[name], spec) if name in merged else spec
        out["fields"] = dict(sorted(merged.items()))
        out["required"] = sorted(set(left.get("required", [])) & set(right.get("required", [])))
    if "items" in left and "items" in right:
        out["items"] = merge_fields(left["items"], right["items"])
    elif "items" in right:
        out["items"] = right["items"]
    if left.get("read_only") and right.get("read_only"):
        out["read_only"] = True
    else:
        out.pop("read_only", None)
    return out


def _query(reader, operation):
    query = {}
    for param in operation.get("parameters", []):
        if param.get("in") == "query" and param.get("name") in ("start", "limit"):
            schema = param.get("schema", {})
            if "$ref" in schema:
                schema = reader.component(schema["$ref"])[1]
            query[param["name"]] = {k: schema[k] for k in ("default", "minimum", "maximum") if k in schema}
    return query


def build_contract(spec, spec_bytes, spec_name):
    """Build the contract dict for ``OPERATIONS`` from a parsed spec."""
    reader = SpecReader(spec)
    variants = {}
    for raw_path, item in spec.get("paths", {}).items():
        path = _VARIANT.sub("", raw_path)
        for method in _METHODS:
            if method in item:
                variants.setdefault((method.upper(), path), []).append((raw_path, item[method]))
    operations = {}
    missing = []
    for method, path in OPERATIONS:
        found = variants.get((method, path))
        if not found:
            missing.append("%s %s" % (method, path))
            continue
        entry = {"method": method, "path": path, "variants": [], "success": set(), "docs_status": set(), "query": {}}
        bodies = {}
        for raw_path, operation in sorted(found, key=lambda item: item[0]):
            entry["variants"].append({"path": raw_path, "summary": (operation.get("summary") or "").strip()})
            entry["success"] |= {int(code) for code in operation.get("responses", {}) if code.isdigit() and code.startswith("2")}
            entry["docs_status"].add(operation.get("x-apidog-status", ""))
            entry["query"].update(_query(reader, operation))
            content = (operation.get("requestBody") or {}).get("content", {})
            for content_type, media in content.items():
                body = reader.field(media.get("schema", {}))
                if "ref" in body:
                    body = dict(reader.schemas[body["ref"]])
                bodies[content_type] = merge_fields(bodies[content_type], body) if content_type in bodies else body
        entry["success"] = sorted(entry["success"])
        entry["docs_status"] = sorted(entry["docs_status"] - {""})
        if bodies:
            entry["body"] = dict(sorted(bodies.items()))
        if not entry["query"]:
            del entry["query"]
        operations["%s %s" % (method, path)] = entry
    components = reader.components
    pagination = {name: {k: components.get(name.capitalize(), {}).get(k) for k in ("default", "minimum", "maximum")
                         if k in components.get(name.capitalize(), {})} for name in ("start", "limit")}
    return {
        "source": {"file": spec_name, "sha256": hashlib.sha256(spec_bytes).hexdigest(),
                   "title": spec.get("info", {}).get("title"), "openapi": spec.get("openapi")},
        "base_path": "/ns-api/v2",
        "pagination": pagination,
        "operations": dict(sorted(operations.items())),
        "schemas": dict(sorted(reader.schemas.items())),
        "not_in_spec": sorted(missing),
    }


def render(contract):
    """Deterministic JSON text of a contract."""
    return json.dumps(contract, indent=1, sort_keys=True, ensure_ascii=True) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("spec", help="path to netsapiens-api-v2.json")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="contract file to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the output file is out of date")
    args = parser.parse_args(argv)
    with open(args.spec, "rb") as handle:
        spec_bytes = handle.read()
    text = render(build_contract(json.loads(spec_bytes), spec_bytes, os.path.basename(args.spec)))
    if args.check:
        try:
            with open(args.output, encoding="utf-8") as handle:
                current = handle.read()
        except FileNotFoundError:
            current = None
        if current != text:
            sys.stderr.write("%s is out of date; run scripts/gen_contract.py %s\n" % (args.output, args.spec))
            return 1
        return 0
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
