# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What provision_phones writes: devices from the plan, phones with lines, entries per phone, blocking MACs."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.devices.catalog import load_catalog
from ansible_collections.ucaas.migration.plugins.module_utils.devices.mapping import map_devices
from ansible_collections.ucaas.migration.plugins.module_utils.devices.provisioning import ProvisioningInputError, plan_phones
from ansible_collections.ucaas.migration.plugins.module_utils.translate.plan import build_plan

EXAMPLE = Path(__file__).resolve().parents[3] / "inventories" / "example-state" / "northwind-dental" / "inventory.json"
TARGET = {"reseller": "keystone-voice", "domain": "northwind.keystone-voice.service"}


@pytest.fixture(name="inventory")
def inventory_fixture():
    inventory = json.loads(EXAMPLE.read_text())
    devices = inventory["devices"]
    # a phone the catalog excludes, one it does not know, and one with a line to a user that is not in the inventory
    devices.append({"source_id": "dev-old", "type": "desk_phone", "mac": "0004f2000331", "brand": "Polycom", "model": "SoundPoint IP 331",
                    "site_id": "site-main", "lines": [{"line": 1, "user_id": "u-203"}]})
    devices.append({"source_id": "dev-odd", "type": "desk_phone", "mac": "0004f2000332", "brand": "Acme", "model": "X1",
                    "lines": [{"line": 1, "user_id": "u-204"}]})
    devices.append({"source_id": "dev-ghost", "type": "desk_phone", "mac": "805ec0000333", "brand": "Yealink", "model": "T54W",
                    "lines": [{"line": 1, "user_id": "u-999"}]})
    return inventory


def _plan(inventory):
    inventory = copy.deepcopy(inventory)
    # the plan is built from a valid inventory: the line to a missing user is left out of it
    for device in inventory["devices"]:
        device["lines"] = [line for line in device.get("lines") or [] if line["user_id"] != "u-999"] or None
        if device["lines"] is None:
            del device["lines"]
    plan, dummy_warnings = build_plan(inventory, target=TARGET)
    return plan


def _run(inventory, **kwargs):
    mapped = map_devices(load_catalog(), inventory["devices"], users=inventory["users"])
    return plan_phones(inventory, _plan(inventory), mapped, **kwargs)


def test_phones_get_the_plans_device_names_and_devices_are_the_plans_items(inventory):
    result = _run(inventory, server="core1", provisioning_url="https://ndp.example/cfg/")
    plan = _plan(inventory)
    phone = next(item for item in result["phones"] if item["mac"] == "805ec0a10201")
    # dev-201 carries 201's own line and a shared appearance of 202 (the plan names it 202b)
    assert phone["lines"] == ["201", "202b"]
    assert phone["model"] == "Yealink T54W" and phone["transport"] == "tls" and phone["server"] == "core1"
    assert phone["notes"].startswith("dev-201")
    planned = dict(("%s/%s" % (item["user"], item["device"]), item) for item in plan["resources"]["devices"])
    for item in result["devices"]:
        assert planned["%s/%s" % (item["user"], item["device"])] == item
    assert [item["mac"] for item in result["phones"]] == sorted(item["mac"] for item in result["phones"])


def test_bad_phones_are_listed_with_source_id_and_field_and_do_not_stop_the_others(inventory):
    result = _run(inventory)
    entries = dict((entry["source_id"], entry) for entry in result["entries"])
    assert entries["dev-old"]["status"] == "unsupported" and "End of life" in entries["dev-old"]["reason"]
    assert entries["dev-odd"]["status"] == "unknown"
    assert entries["dev-ghost"]["status"] == "excluded"
    assert ("dev-ghost", "lines[0].user_id") in [(problem["source_id"], problem["field"]) for problem in result["problems"]]
    assert ("dev-odd", "model") in [(problem["source_id"], problem["field"]) for problem in result["problems"]]
    assert "dev-odd model: 'Acme X1' is not in the device catalog" in result["problem_lines"][result["problems"].index(
        next(problem for problem in result["problems"] if problem["source_id"] == "dev-odd"))]
    assert entries["dev-201"]["status"] == "to_provision"
    assert result["summary"]["to_provision"] == len(result["phones"]) == 10
    assert not any(phone["mac"] in ("0004f2000331", "0004f2000332", "805ec0000333") for phone in result["phones"])
    assert result["blocking"] == []


def test_a_mac_another_domain_holds_blocks_until_a_decision_excludes_the_phone(inventory):
    elsewhere = {"805ec0a10202": {"domain": "other.example", "reseller": "r", "model": "Yealink T54W"}}
    blocked = _run(inventory, elsewhere=elsewhere)
    assert [finding["kind"] for finding in blocked["blocking"]] == ["mac_elsewhere"]
    finding = blocked["blocking"][0]
    assert finding["source"]["source_id"] == "dev-202" and "other.example" in finding["message"]
    assert finding["fingerprint"] in finding["fix"] and "ucaas_resolutions" in finding["fix"]
    assert next(entry for entry in blocked["entries"] if entry["source_id"] == "dev-202")["status"] == "blocked"

    resolved = _run(inventory, elsewhere=elsewhere, resolutions={finding["fingerprint"]: {"decision": "leave it", "by": "partner"}})
    assert resolved["blocking"] == []
    entry = next(entry for entry in resolved["entries"] if entry["source_id"] == "dev-202")
    assert entry["status"] == "excluded" and "decision: leave it" in entry["reason"]
    assert "805ec0a10202" not in [phone["mac"] for phone in resolved["phones"]]
    assert _run(inventory, elsewhere=elsewhere)["blocking"][0]["fingerprint"] == finding["fingerprint"]


def test_same_input_same_output_and_no_secret_values(inventory):
    first = _run(inventory)
    second = _run(copy.deepcopy(inventory))
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    text = json.dumps(first)
    assert "secret_ref" in text  # the plan's SIP password references travel to ns_device, resolved by the role's filter
    assert "4821" not in text


def test_phones_without_lines_are_excluded_with_a_reason(inventory):
    entry = next(entry for entry in _run(inventory)["entries"] if entry["source_id"] == "dev-ata-1")
    assert entry["status"] == "excluded" and "no line" in entry["reason"]


def test_unusable_inputs_are_refused_naming_the_input(inventory):
    with pytest.raises(ProvisioningInputError, match="plan"):
        plan_phones(inventory, {"resources": {}}, {"devices": []})
    with pytest.raises(ProvisioningInputError, match="inventory"):
        plan_phones([], {"domain": "x"}, {"devices": []})
    with pytest.raises(ProvisioningInputError, match="ucaas_resolutions"):
        plan_phones(inventory, {"domain": "x", "resources": {}, "mapping": []}, {"devices": []}, resolutions={"abc": "yes"})
