# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""benchmarks/synthetic_company.py: valid, deterministic synthetic inventories and their scope."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import synthetic_company  # noqa: E402  pylint: disable=wrong-import-position

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.validate import validate_inventory  # noqa: E402


@pytest.mark.parametrize("users", [1, 10, 250])
def test_inventory_validates(users):
    result = validate_inventory(synthetic_company.company_inventory(users))
    assert result.ok, result.lines


def test_counts_and_references():
    inventory = synthetic_company.company_inventory(250)
    assert len(inventory["users"]) == len(inventory["voicemail_boxes"]) == len(inventory["devices"]) == 250
    assert len(inventory["dids"]) == 251  # one per user and the main number
    assert len(inventory["queues"]) == 2 and all(len(queue["agents"]) == 5 for queue in inventory["queues"])
    users = set(user["source_id"] for user in inventory["users"])
    assert all(agent["user_id"] in users for queue in inventory["queues"] for agent in queue["agents"])
    main = [did for did in inventory["dids"] if did["usage"] == "main"][0]
    assert main["destination"] == {"type": "auto_attendant", "id": inventory["auto_attendants"][0]["source_id"]}


def test_extensions_numbers_and_macs_are_unique_at_scale():
    inventory = synthetic_company.company_inventory(5000)
    extensions = [obj["extension"] for name in ("users", "queues", "auto_attendants") for obj in inventory[name]]
    assert len(extensions) == len(set(extensions)) == 5000 + 20 + 1
    numbers = [did["number"] for did in inventory["dids"]]
    assert len(numbers) == len(set(numbers))
    macs = [device["mac"] for device in inventory["devices"]]
    assert len(macs) == len(set(macs))


def test_same_size_same_bytes(tmp_path):
    first = synthetic_company.write_company(tmp_path / "a", "co", 30)
    second = synthetic_company.write_company(tmp_path / "b", "co", 30)
    for name in ("inventory.json", "scope.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_scope_migrates_everything(tmp_path):
    host_dir = synthetic_company.write_company(tmp_path, "co", 12)
    scope = json.loads((host_dir / "scope.json").read_text(encoding="utf-8"))
    assert scope["schema"] == "scope/v1"
    assert scope["counts"]["total"]["not_migrate"] == 0 and scope["counts"]["total"]["needs_partner_input"] == 0
    assert scope["counts"]["users"]["migrate"] == 12
    inventory = json.loads((host_dir / "inventory.json").read_text(encoding="utf-8"))
    assert inventory["schema_version"] == "inventory/v1"


def test_refuses_an_empty_company():
    with pytest.raises(ValueError, match="users must be at least 1"):
        synthetic_company.company_inventory(0)


def test_command_line(tmp_path, capsys):
    assert synthetic_company.main([str(tmp_path), "cli-co", "3", "--customer", "Cli Co"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "cli-co")
    inventory = json.loads((tmp_path / "cli-co" / "inventory.json").read_text(encoding="utf-8"))
    assert inventory["source"]["customer"] == "Cli Co" and len(inventory["users"]) == 3
