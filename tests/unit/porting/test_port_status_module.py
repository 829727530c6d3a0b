# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The port_status module: reads the state directory, records port_state.json only on change, fails before deciding on bad input."""
from __future__ import annotations

import json

from test_finalize import INVENTORY, PLAN, PORT, target

from ansible_collections.ucaas.migration.plugins.modules import port_status

ORDERS = [{"id": "PO-1", "status": "foc", "foc_date": "2026-12-10", "numbers": ["+12155550100", {"number": "+12155550110", "status": "completed"}]}]


def args(dest, **extra):
    values = {"dest": str(dest), "port": PORT, "orders": ORDERS, "target": target(), "record": True, "run_id": "run-1"}
    values.update(extra)
    return values


def test_records_only_when_something_changed_and_never_in_check_mode(tmp_path, run_module):
    (tmp_path / "inventory.json").write_text(json.dumps(INVENTORY))
    (tmp_path / "plan.json").write_text(json.dumps(PLAN))
    preview = run_module(port_status.main, dict(args(tmp_path), _ansible_check_mode=True))
    assert preview["changed"] is True and not (tmp_path / "port_state.json").exists()
    assert preview["summary"]["writes"] == 5
    first = run_module(port_status.main, args(tmp_path))
    assert first["changed"] is True
    written = json.loads((tmp_path / "port_state.json").read_text())
    assert written == first["port_state"]
    assert [(entry["number"], entry["stage"]) for entry in written["numbers"]] == [("+12155550100", "waiting"), ("+12155550110", "in_progress")]
    again = run_module(port_status.main, args(tmp_path, run_id="run-2"))
    assert again["changed"] is False


def test_bad_orders_fail_naming_the_order(tmp_path, run_module):
    (tmp_path / "inventory.json").write_text(json.dumps(INVENTORY))
    (tmp_path / "plan.json").write_text(json.dumps(PLAN))
    result = run_module(port_status.main, args(tmp_path, orders=[{"id": "PO-1", "status": "foc", "numbers": ["+12155550100"]}]))
    assert result["failed"] and result["msg"] == "port order PO-1.foc_date: required when the status is foc (the date the carrier committed to)"
    assert not (tmp_path / "port_state.json").exists()


def test_a_missing_plan_names_the_phase_to_run(tmp_path, run_module):
    (tmp_path / "inventory.json").write_text(json.dumps(INVENTORY))
    result = run_module(port_status.main, args(tmp_path))
    assert result["failed"] and result["msg"] == "%s/plan.json: missing; run recreate first" % tmp_path
