"""The resource registry's path templates exist in the vendor spec and in the lab contract."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.client.gather import GATHER_CHOICES, PER_USER_KINDS
from ansible_collections.ucaas.migration.plugins.module_utils.client.resources import (
    DEPENDENCY_ORDER, RESOURCES, get_kind,
)
from ansible_collections.ucaas.migration.plugins.module_utils.client.urls import template_params

REPO = Path(__file__).resolve().parents[3]
SPEC_CANDIDATES = [Path("/work/shared/reference/netsapiens/netsapiens-api-v2.json"),
                   REPO / "docs" / "reference" / "netsapiens-api-v2.json"]
CONTRACT = REPO / "lab" / "contract" / "ns-api-v2.contract.json"

EXPECTED_KINDS = {"domains", "sites", "users", "devices", "phonenumbers", "callqueues", "agents", "autoattendants",
                  "timeframes", "answerrules", "greetings", "phones", "smsnumbers"}


def _spec_operations():
    for candidate in SPEC_CANDIDATES:
        if candidate.exists():
            spec = json.loads(candidate.read_text(encoding="utf-8"))
            operations = set()
            for path, item in spec["paths"].items():
                real = re.sub(r"#\d+$", "", path)
                for method in item:
                    if method in ("get", "post", "put", "delete", "patch"):
                        operations.add("%s %s" % (method.upper(), real))
            return operations
    return None


def _registry_operations():
    for kind in RESOURCES.values():
        for method, template in kind.operations():
            yield kind.name, method, template


def test_registry_covers_every_kind_in_dependency_order():
    assert set(RESOURCES) == EXPECTED_KINDS
    assert set(DEPENDENCY_ORDER) == EXPECTED_KINDS
    with pytest.raises(KeyError, match="known:"):
        get_kind("fax")


def test_registry_paths_exist_in_vendor_spec():
    operations = _spec_operations()
    if operations is None:
        pytest.skip("vendor spec not available")
    missing = ["%s: %s %s" % entry for entry in _registry_operations() if "%s %s" % entry[1:] not in operations]
    assert missing == []


def test_registry_paths_exist_in_lab_contract():
    if not CONTRACT.exists():
        pytest.skip("lab contract not generated yet")
    operations = json.loads(CONTRACT.read_text(encoding="utf-8"))["operations"]
    missing = ["%s: %s %s" % entry for entry in _registry_operations() if "%s %s" % entry[1:] not in operations]
    assert missing == []


def test_lists_declared_with_paging_are_paged():
    if not CONTRACT.exists():
        pytest.skip("lab contract not generated yet")
    operations = json.loads(CONTRACT.read_text(encoding="utf-8"))["operations"]
    for kind in RESOURCES.values():
        query = operations["GET %s" % kind.list_path].get("query", {})
        if "limit" in query:
            assert kind.paged, kind.name


@pytest.mark.parametrize("kind", sorted(RESOURCES.values(), key=lambda k: k.name), ids=lambda k: k.name)
def test_every_path_placeholder_is_a_parent_or_an_object_field(kind):
    for _method, template in kind.operations():
        for name in template_params(template):
            assert name in kind.parents or name in kind.path_fields, (kind.name, template, name)
    for field in kind.identity:
        assert isinstance(field, str) and field


def test_path_params_and_identity():
    users = get_kind("users")
    assert users.path_params({"user": "101", "name-first-name": "A"}, {"domain": "d"}) == {"domain": "d", "user": "101"}
    assert users.identity_of({"user": 101}) == ("101",)
    answerrules = get_kind("answerrules")
    assert answerrules.can_read_by_identity({"time-frame": "*"}, {"domain": "d", "user": "101"})
    assert answerrules.path_params({"time-frame": "*"}, {"domain": "d", "user": "101"})["timeframe"] == "*"
    assert not get_kind("smsnumbers").can_read_by_identity({"number": "1555"}, {"domain": "d"})
    assert get_kind("phones").body_identity
    timeframes = get_kind("timeframes")
    assert not timeframes.can_read_by_identity({"timeframe-name": "Hours"}, {"domain": "d"})
    assert timeframes.can_read_by_identity({"timeframe-name": "Hours", "timeframe-id": "7"}, {"domain": "d"})


def test_gather_choices_are_registry_kinds():
    for choice in GATHER_CHOICES:
        assert choice == "domain" or choice in RESOURCES
    assert set(PER_USER_KINDS) <= set(GATHER_CHOICES)
