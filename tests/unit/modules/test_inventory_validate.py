# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from unittest.mock import patch

import pytest

from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args
from ansible_collections.ucaas.migration.plugins.modules import inventory_validate

EXAMPLE = Path(__file__).resolve().parents[3] / "inventories" / "example-state" / "northwind-dental" / "inventory.json"


class ExitJson(Exception):
    pass


class FailJson(Exception):
    pass


def _exit_json(self, **kwargs):
    kwargs.setdefault("changed", False)
    raise ExitJson(kwargs)


def _fail_json(self, **kwargs):
    kwargs["failed"] = True
    raise FailJson(kwargs)


@pytest.fixture(autouse=True)
def patch_module():
    with patch.multiple(basic.AnsibleModule, exit_json=_exit_json, fail_json=_fail_json):
        yield


@pytest.fixture
def example():
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def run(args, expect=ExitJson):
    with patch_module_args(args):
        with pytest.raises(expect) as caught:
            inventory_validate.main()
    return caught.value.args[0]


def snapshot(directory):
    return sorted((str(path.relative_to(directory)), path.stat().st_mtime_ns) for path in Path(directory).rglob("*"))


def test_valid_inventory_from_path(example):
    result = run({"path": str(EXAMPLE)})
    assert result["changed"] is False
    assert result["problems"] == [] and result["problem_details"] == []
    assert result["inventory"] == example
    assert result["counts"]["users"] == 12
    assert result["schema_version"] == "inventory/v1"


def test_valid_inventory_as_data_is_normalized(example):
    example["devices"][0]["mac"] = "80:5E:C0:A1:02:01"
    result = run({"inventory": example, "_ansible_check_mode": True})
    assert result["changed"] is False
    assert result["inventory"]["devices"][0]["mac"] == "805ec0a10201"


def test_fails_listing_every_problem_and_writes_nothing(example, tmp_path):
    broken = copy.deepcopy(example)
    broken["devices"][3]["mac"] = "00:11:22:33:44"
    broken["users"][4]["extension"] = "201"
    broken["dids"][0]["destination"]["id"] = "aa-999"
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    before = snapshot(tmp_path)
    result = run({"path": str(path)}, expect=FailJson)
    assert result["failed"]
    assert result["problems"] == [
        "$.devices[3].mac (source id 'dev-204'): '00:11:22:33:44' is not a MAC address (12 hex digits)",
        "$.dids[0].destination (source id 'did-2155550100'): refers to auto_attendant 'aa-999', which is not in $.auto_attendants",
        "$.users[4].extension (source id 'u-205'): extension '201' is already used by $.users[0] (source id 'u-201')",
    ]
    assert result["msg"].startswith("The inventory has 3 problems; nothing was written:\n$.devices[3].mac")
    assert [detail["code"] for detail in result["problem_details"]] == ["normalize.mac", "reference.dangling", "duplicate.extension"]
    assert "inventory" not in result
    assert snapshot(tmp_path) == before


def test_clear_text_secret_is_not_echoed(example):
    example["voicemail_boxes"][0]["pin"] = "4821"
    result = run({"inventory": example}, expect=FailJson)
    assert result["problems"] == [
        "$.voicemail_boxes[0].pin (source id 'vm-201'): clear-text secret not allowed; put the value in ucaas_secrets (vault) "
        "and reference it here as {'secret_ref': '<key>', 'is_set': true}"]
    assert "4821" not in json.dumps(result)


def test_secrets_mapping_checks_references(example):
    result = run({"inventory": example, "secrets": {"vm_pin": {"201": "4821"}}}, expect=FailJson)
    assert "$.voicemail_boxes[1].pin.secret_ref (source id 'vm-202'): secret 'vm_pin/202' is not in ucaas_secrets" in result["problems"]
    assert "4821" not in json.dumps(result)


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.json"
    result = run({"path": str(missing)}, expect=FailJson)
    assert result["msg"] == "%s: cannot read the inventory: No such file or directory" % missing
    assert not missing.exists()


def test_malformed_json(tmp_path):
    path = tmp_path / "inventory.json"
    path.write_text('{"schema_version": "inventory/v1",,}', encoding="utf-8")
    result = run({"path": str(path)}, expect=FailJson)
    assert result["msg"].startswith("%s: not valid JSON: Expecting property name" % path)


def test_not_an_object(tmp_path):
    path = tmp_path / "inventory.json"
    path.write_text("[]", encoding="utf-8")
    result = run({"path": str(path)}, expect=FailJson)
    assert result["problems"] == ["$: the inventory is a list, expected an object"]


def test_needs_exactly_one_source(example):
    result = run({}, expect=FailJson)
    assert "one of the following is required: inventory, path" in result["msg"]
    result = run({"inventory": example, "path": str(EXAMPLE)}, expect=FailJson)
    assert "mutually exclusive" in result["msg"]


def test_default_region_option(example):
    del example["source"]["default_region"]
    example["directory_entries"][0]["numbers"][0]["number"] = "020 7946 0000"
    result = run({"inventory": example, "default_region": "GB"})
    assert result["inventory"]["directory_entries"][0]["numbers"][0]["number"] == "+442079460000"


@pytest.mark.parametrize("flag, library", [("HAS_JSONSCHEMA", "jsonschema"), ("HAS_PHONENUMBERS", "phonenumbers")])
def test_missing_library(flag, library):
    with patch.object(inventory_validate, flag, False):
        result = run({"path": str(EXAMPLE)}, expect=FailJson)
    assert "Failed to import the required Python library (%s)" % library in result["msg"]


def test_module_never_opens_files_for_writing(example, tmp_path, monkeypatch):
    opened = []
    real_open = open

    def tracking_open(file, mode="r", *args, **kwargs):
        opened.append((str(file), mode))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", tracking_open)
    monkeypatch.chdir(tmp_path)
    run({"path": str(EXAMPLE)})
    assert all(set(mode) <= {"r", "b", "t"} for _file, mode in opened)
    assert os.listdir(tmp_path) == []
