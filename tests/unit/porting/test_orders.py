# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Port orders kept in the inventory: statuses per number, partial ports, input errors."""
from __future__ import annotations

import datetime

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.porting import orders


def test_a_number_status_wins_over_its_order_and_only_completed_counts_as_ported():
    provider = orders.InventoryPortOrders([
        {"id": "PO-1", "carrier": "Old Telco", "account": "88120", "status": "foc", "foc_date": datetime.date(2026, 12, 10),
         "numbers": ["215-555-0100", {"number": "+12155550110", "status": "completed", "completed_at": "2026-12-10T15:04:00Z"}]},
    ])
    statuses = provider.statuses()
    assert sorted(statuses) == ["+12155550100", "+12155550110"]
    waiting, done = statuses["+12155550100"], statuses["+12155550110"]
    assert (waiting.status, waiting.ported, waiting.foc_date, waiting.completed_at) == ("foc", False, "2026-12-10", None)
    assert waiting.describe() == "order PO-1 at foc, FOC 2026-12-10"
    assert (done.status, done.ported, done.completed_at, done.carrier, done.account) == (
        "completed", True, "2026-12-10T15:04:00Z", "Old Telco", "88120")


def test_a_rejected_order_gives_way_to_the_resubmitted_one():
    provider = orders.InventoryPortOrders([
        {"id": "PO-1", "status": "rejected", "numbers": ["+12155550100"]},
        {"id": "PO-2", "status": "completed", "numbers": ["+12155550100"]},
    ])
    assert provider.statuses()["+12155550100"].order_id == "PO-2"


def test_every_problem_is_named_before_anything_is_used():
    with pytest.raises(orders.PortOrderError) as error:
        orders.InventoryPortOrders([
            {"id": "PO-1", "status": "foc", "numbers": ["+12155550100", "12"], "pin": "1234"},
            {"id": "PO-1", "status": "ported", "numbers": []},
            {"status": "submitted", "numbers": ["+12155550100"]},
            {"id": "PO-3", "status": "submitted", "numbers": ["+12155550100", {"number": "+12155550111", "status": "done"}]},
            "PO-4",
        ])
    lines = str(error.value).splitlines()
    assert "port order PO-1: unknown field 'pin' (fields: id, carrier, account, status, foc_date, completed_at, note, numbers)" in lines
    assert "port order PO-1.foc_date: required when the status is foc (the date the carrier committed to)" in lines
    assert any(line.startswith("port order PO-1.numbers[1]: ") and "not a valid phone number" in line for line in lines)
    assert "port order PO-1: the id is used by another order" in lines
    assert any(line.startswith("port order PO-1.status: 'ported' is not one of") for line in lines)
    assert "port order PO-1.numbers: expected a non-empty list of phone numbers" in lines
    assert "ucaas_port_orders[2].id: required (the carrier's order or PON number)" in lines
    assert ("port order PO-3.numbers[0]: +12155550100 is also in port order PO-1; a number is in one active order "
            "(reject or cancel the other)") in lines
    assert any(line.startswith("port order PO-3.numbers[1].status: 'done' is not one of") for line in lines)
    assert "ucaas_port_orders[4]: expected a mapping {id, carrier, account, status, foc_date, completed_at, numbers}" in lines


def test_providers_are_looked_up_by_name():
    assert isinstance(orders.port_status_provider("inventory", orders=[]), orders.InventoryPortOrders)
    with pytest.raises(orders.PortOrderError, match="'carrier-x' is not a port status provider"):
        orders.port_status_provider("carrier-x")
    with pytest.raises(NotImplementedError):
        orders.PortStatusProvider().statuses()
