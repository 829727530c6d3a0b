# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Mapping inventory devices onto the catalog, and the device_catalog module around it."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.devices.catalog import load_catalog
from ansible_collections.ucaas.migration.plugins.module_utils.devices.mapping import MappingInputError, map_devices
from ansible_collections.ucaas.migration.plugins.modules import device_catalog

EXAMPLE = Path(__file__).resolve().parents[3] / "inventories" / "example-state" / "northwind-dental" / "inventory.json"


@pytest.fixture(scope="module")
def inventory():
    return json.loads(EXAMPLE.read_text())


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_example_inventory_maps_every_phone(catalog, inventory):
    result = map_devices(catalog, inventory["devices"], users=inventory["users"])
    assert result["problems"] == []
    assert result["summary"] == {"supported": 11, "unsupported": 0, "unknown": 0, "no_hardware": 1, "provisionable": 11, "onsite": 0,
                                 "special_access": 0}
    first = result["devices"][0]
    assert first["source_id"] == "dev-201" and first["target_model"] == "Yealink T54W" and first["line_capacity"] == 16
    assert first["lines"] == [{"line": 1, "user_id": "u-201", "shared": False, "extension": "201"},
                              {"line": 2, "user_id": "u-202", "shared": True, "extension": "202"}]
    assert (first["transport"], first["redirect"], first["onsite"]) == ("tls", "vendor_redirect", False)
    assert "Yealink RPS (YMCS)" in first["action"]
    soft = [row for row in result["devices"] if row["source_id"] == "dev-212-soft"][0]
    assert soft["status"] == "no_hardware" and soft["provisionable"] is False
    # Same input, same output (artifacts built from it are stable).
    assert map_devices(catalog, list(reversed(inventory["devices"])), users=inventory["users"]) == result


def test_bad_devices_become_problems_and_do_not_stop_the_others(catalog, inventory):
    devices = copy.deepcopy(inventory["devices"][:3]) + [
        {"source_id": "dev-x1", "type": "desk_phone", "mac": "zz:zz", "brand": "Yealink", "model": "T54W"},
        {"source_id": "dev-x2", "type": "desk_phone", "mac": "805ec0a1aa02", "brand": "Acme", "model": "Phone 9"},
        {"source_id": "dev-x3", "type": "desk_phone", "mac": "805ec0a10201", "brand": "Yealink", "model": "T31P",
         "lines": [{"line": 3, "user_id": "u-201"}, {"line": 1, "user_id": "u-nobody"}]},
        {"source_id": "dev-x4", "type": "desk_phone", "brand": "Polycom", "model": "SoundPoint IP 331"},
    ]
    result = map_devices(catalog, devices, users=inventory["users"])
    fields = [(problem["source_id"], problem["field"]) for problem in result["problems"]]
    assert fields == [("dev-201", "mac"), ("dev-x1", "mac"), ("dev-x2", "model"), ("dev-x3", "lines"), ("dev-x3", "lines[1].user_id"),
                      ("dev-x3", "mac")]
    by_id = dict((row["source_id"], row) for row in result["devices"])
    assert [by_id[key]["provisionable"] for key in ("dev-201", "dev-202", "dev-203", "dev-x1", "dev-x2", "dev-x3", "dev-x4")] == [
        False, True, True, False, False, False, False]
    assert by_id["dev-x2"]["status"] == "unknown" and result["unknown"][0]["source_id"] == "dev-x2"
    assert result["unsupported"] == [{"source_id": "dev-x4", "brand": "Polycom", "model": "SoundPoint IP 331", "mac": None, "site_id": None,
                                      "location": None, "catalog_name": "Poly SoundPoint IP 331",
                                      "reason": by_id["dev-x4"]["reason"]}]
    assert "SoundPoint" in by_id["dev-x4"]["reason"]


def test_defaults_and_overrides_layer_over_the_catalog(catalog, inventory):
    overrides = {"dev-204": {"status": "unsupported", "reason": "Customer replaces it"},
                 "80:5E:C0:A1:02:10": {"redirect": "onsite_factory_reset", "notes": "Locked to the old provider"},
                 "dev-ata-1": {"catalog_id": "grandstream-ht812"},
                 "dev-206": {"model": "T46U"}}
    result = map_devices(catalog, inventory["devices"], defaults={"redirect": "dhcp_option"}, overrides=overrides)
    by_id = dict((row["source_id"], row) for row in result["devices"])
    assert by_id["dev-204"]["status"] == "unsupported" and by_id["dev-204"]["reason"] == "Customer replaces it"
    assert (by_id["dev-210"]["redirect"], by_id["dev-210"]["onsite"], by_id["dev-210"]["notes"]) == (
        "onsite_factory_reset", True, "Locked to the old provider")
    assert (by_id["dev-201"]["redirect"], by_id["dev-201"]["special_access"], by_id["dev-201"]["onsite"]) == ("dhcp_option", True, False)
    assert by_id["dev-ata-1"]["target_model"] == "Grandstream HT812"
    assert by_id["dev-206"]["target_model"] == "Yealink T46U"
    assert result["summary"]["onsite"] == 1 and result["summary"]["special_access"] == 9


def test_bad_overrides_are_refused_before_mapping(catalog, inventory):
    with pytest.raises(MappingInputError) as caught:
        map_devices(catalog, inventory["devices"], defaults={"redirect": "pigeon"},
                    overrides={"dev-201": {"colour": "red"}, "dev-202": {"status": "unsupported"}})
    assert caught.value.problems == [
        "defaults.redirect: 'pigeon' is not one of vendor_redirect, dhcp_option, manual, onsite_factory_reset",
        "overrides.dev-201.colour: unknown field (known: model, catalog_id, status, reason, transport, redirect, redirect_service, "
        "onsite, special_access, action, notes)",
        "overrides.dev-202.reason: missing; say why the device is excluded"]
    result = map_devices(catalog, inventory["devices"], overrides={"dev-nope": {"notes": "x"}})
    assert result["problems"] == [{"source_id": None, "field": "overrides.dev-nope", "message": "no device has this source id or MAC"}]


def test_module_maps_and_fails_cleanly_on_a_bad_catalog(run_module, inventory, tmp_path):
    result = run_module(device_catalog.main, {"devices": inventory["devices"], "users": inventory["users"]})
    assert not result.get("failed") and result["changed"] is False
    assert result["summary"]["provisionable"] == 11 and result["catalog"]["layers"] == 0
    bad = tmp_path / "bad.yml"
    bad.write_text("models:\n  - {id: q, brand: B, model: M, status: supported}\n")
    failed = run_module(device_catalog.main, {"devices": inventory["devices"], "catalog_files": [str(bad)]})
    assert failed["failed"] and "target: missing" in failed["msg"]
