# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

import json
import shutil
from pathlib import Path

from ansible_collections.ucaas.migration.plugins.modules import migration_plan

REPO = Path(__file__).resolve().parents[3]
NORTHWIND_DIR = REPO / "inventories" / "example-state" / "northwind-dental"
TARGET = {"reseller": "keystone-voice", "description": "Northwind Family Dental", "domain": "northwind-dental.keystone-voice.service"}


def _state(tmp_path):
    state = tmp_path / "northwind-dental"
    shutil.copytree(NORTHWIND_DIR, state)
    return state


def _args(state, **extra):
    args = {"inventory_path": str(state / "inventory.json"), "scope_path": str(state / "scope.json"), "target": TARGET,
            "port": {"numbers": "all"}, "dest": str(state)}
    args.update(extra)
    return args


def test_writes_plan_files_once_and_rerun_is_unchanged(run_module, tmp_path):
    state = _state(tmp_path)
    first = run_module(migration_plan.main, _args(state))
    assert not first.get("failed"), first.get("msg")
    assert first["changed"] is True
    assert [item["file"] for item in first["files"]] == ["plan.json", "mapping.csv", "plan_findings.json"]
    plan = json.loads((state / "plan.json").read_text(encoding="utf-8"))
    assert plan["fingerprint"] == first["fingerprint"] == first["plan"]["fingerprint"]
    assert plan["resources"] == first["resources"]
    assert first["blocking"] == [] and first["summary"]["blocking_unresolved"] == 0
    assert (state / "mapping.csv").read_text(encoding="utf-8").startswith("source_collection,")
    before = (state / "plan.json").stat().st_mtime_ns
    second = run_module(migration_plan.main, _args(state))
    assert second["changed"] is False and second["fingerprint"] == first["fingerprint"]
    assert (state / "plan.json").stat().st_mtime_ns == before


def test_check_mode_writes_nothing_and_blocking_has_fix_lines(run_module, tmp_path):
    state = _state(tmp_path)
    result = run_module(migration_plan.main, dict(_args(state, port={"numbers": []}), _ansible_check_mode=True))
    assert result["changed"] is True
    assert not (state / "plan.json").exists()
    assert len(result["blocking"]) == 1
    line = result["blocking"][0]
    assert line["kind"] == "unsupported_destination" and line["fingerprint"] in line["fix"] and "ucaas_resolutions" in line["fix"]


def test_inline_inventory_without_dest_and_bad_input(run_module, tmp_path):
    inventory = json.loads((NORTHWIND_DIR / "inventory.json").read_text(encoding="utf-8"))
    result = run_module(migration_plan.main, {"inventory": inventory, "target": TARGET, "standards": {"extension_collision": "overwrite"}})
    assert result["failed"] and result["msg"].startswith("standards.extension_collision: 'overwrite' is not one of")
    result = run_module(migration_plan.main, {"inventory": inventory, "target": TARGET})
    assert result["files"] == [] and result["changed"] is False
    result = run_module(migration_plan.main, {"inventory": inventory, "target": TARGET, "resolutions": {"0" * 64: {"decision": "accept"}}})
    assert result["plan_warnings"] == ["ucaas_resolutions['%s'] matches no finding of this plan (the facts changed, or a typo)" % ("0" * 64)]
