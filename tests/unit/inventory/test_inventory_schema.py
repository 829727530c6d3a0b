# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import jsonschema

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.schema import DEFS, INVENTORY_SCHEMA

REPO = Path(__file__).resolve().parents[3]
PUBLISHED = REPO / "docs" / "schema" / "inventory-v1.json"


def _export_script():
    spec = importlib.util.spec_from_file_location("export_schema", REPO / "scripts" / "export_schema.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(INVENTORY_SCHEMA)
    assert INVENTORY_SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_published_schema_is_current():
    """Fails when schema.py changed without running scripts/export_schema.py."""
    assert PUBLISHED.read_text(encoding="utf-8") == _export_script().render(), \
        "docs/schema/inventory-v1.json is stale: run scripts/export_schema.py"


def test_export_script_check_mode(tmp_path, capsys):
    script = _export_script()
    target = tmp_path / "inventory-v1.json"
    assert script.main(["--check", "--output", str(target)]) == 1
    assert script.main(["--output", str(target)]) == 0
    assert script.main(["--check", "--output", str(target)]) == 0
    assert "up to date" in capsys.readouterr().out


def test_published_schema_validates_the_example_on_its_own(example):
    """Tools outside the collection can use the published file with any JSON Schema validator."""
    schema = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(example)) == []
    broken = dict(example, dids=[dict(example["dids"][0], usage="primary")])
    assert len(list(jsonschema.Draft202012Validator(schema).iter_errors(broken))) == 1


def test_every_reference_annotation_names_a_collection():
    collections = set(INVENTORY_SCHEMA["properties"]) - {"schema_version", "source"}

    def visit(node):
        if isinstance(node, dict):
            if "x-ref" in node:
                assert node["x-ref"] in collections, node
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)
    visit(DEFS)


def test_every_object_forbids_unknown_fields():
    def visit(node, where):
        if isinstance(node, dict):
            if node.get("type") == "object" and not node.get("x-free-form"):
                assert node.get("additionalProperties") is False, where
            for key, value in node.items():
                visit(value, where + "/" + key)
        elif isinstance(node, list):
            for value in node:
                visit(value, where)
    visit(INVENTORY_SCHEMA, "#")
