# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Strict mode: check request bodies against the contract generated from the vendor spec.

The contract (``lab/contract/ns-api-v2.contract.json``) comes from
``scripts/gen_contract.py``. A body field the operation does not define, a
value of the wrong JSON type, or a value outside the field's enum is a
violation. The spec's ``required`` lists are not enforced: they are
unreliable (see NOTES.md section 1); handlers check the few fields they need.
"""
from __future__ import annotations

import json
import os

DEFAULT_CONTRACT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "contract", "ns-api-v2.contract.json")

_JSON_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}


def _type_name(value):
    for name in ("boolean", "integer", "number", "string", "array", "object", "null"):
        if _JSON_TYPES[name](value):
            return name
    return type(value).__name__


class Contract:
    """The operations and schemas of the contract file."""

    def __init__(self, data):
        self.data = data
        self.operations = data.get("operations", {})
        self.schemas = data.get("schemas", {})
        self.pagination = data.get("pagination", {})

    @classmethod
    def load(cls, path=None):
        with open(path or DEFAULT_CONTRACT, encoding="utf-8") as handle:
            return cls(json.load(handle))

    def operation(self, method, template):
        return self.operations.get("%s %s" % (method, template))

    def accepts_field(self, method, template, field):
        """True when some body variant of the operation defines ``field``."""
        operation = self.operation(method, template) or {}
        return any(field in body.get("fields", {}) for body in operation.get("body", {}).values())

    def limit_bounds(self):
        limit = self.pagination.get("limit", {})
        return limit.get("minimum", 1), limit.get("maximum", 1000), limit.get("default", 100)

    def check(self, method, template, content_type, body):
        """Return a list of ``(field, reason)`` violations for one request body."""
        operation = self.operation(method, template)
        if operation is None or body is None:
            return []
        bodies = operation.get("body", {})
        if not bodies:
            if body in ({}, [], b"", ""):
                return []
            return [("(body)", "operation takes no request body")]
        form = content_type != "application/json"
        spec = bodies.get(content_type)
        if spec is None:
            if form and "application/json" in bodies and "multipart/form-data" not in content_type:
                spec = bodies["application/json"]  # form-encoded variant of a JSON operation
            else:
                return [("(body)", "content type %s is not defined for this operation (spec: %s)" % (content_type, ", ".join(sorted(bodies))))]
        problems = []
        self._check_value("", spec, body, form, problems)
        return problems

    def _resolve(self, spec):
        if "ref" in spec:
            named = self.schemas.get(spec["ref"], {})
            merged = dict(named)
            merged.update({k: v for k, v in spec.items() if k != "ref"})
            return merged
        return spec

    def _check_value(self, path, spec, value, form, problems):
        spec = self._resolve(spec)
        types = spec.get("type") or []
        label = path or "(body)"
        if types and not self._type_ok(types, spec, value, form):
            problems.append((label, "expected %s, got %s" % (" or ".join(types), _type_name(value))))
            return
        if "enum" in spec and not isinstance(value, (dict, list)) and value not in spec["enum"]:
            problems.append((label, "%r is not one of %s" % (value, ", ".join(str(v) for v in spec["enum"]))))
            return
        if isinstance(value, dict) and "fields" in spec:
            fields = spec["fields"]
            for name in sorted(value):
                child = "%s.%s" % (path, name) if path else name
                if name not in fields:
                    problems.append((child, "field is not defined by the vendor spec for this operation"))
                else:
                    self._check_value(child, fields[name], value[name], form, problems)
        if isinstance(value, list) and "items" in spec:
            for index, item in enumerate(value):
                self._check_value("%s[%d]" % (path, index), spec["items"], item, form, problems)

    @staticmethod
    def _type_ok(types, spec, value, form):
        if any(_JSON_TYPES[t](value) if t in _JSON_TYPES else True for t in types):
            return True
        if form and isinstance(value, str):
            # form and multipart fields arrive as text: accept numerals for numbers
            if spec.get("format") == "binary":
                return False
            if "integer" in types and value.strip().lstrip("-").isdigit():
                return True
            if "number" in types:
                try:
                    float(value)
                    return True
                except ValueError:
                    return False
        if form and spec.get("format") == "binary" and isinstance(value, bytes):
            return True
        return False
