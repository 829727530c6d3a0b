# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plan at the migration's stage: after the cutover (emergency caller ID) and after finalize_port (numbers)."""
from __future__ import annotations

import json

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.stage import (
    StageError, load_stage, stage_summary, staged_resources,
)

PLAN = {
    "domain": "acme.example.service",
    "fingerprint": "sha256:abc",
    "resources": {
        "domains": [{"domain": "acme.example.service", "caller_id_number": "12155550100", "caller_id_number_emergency": "12155550100"}],
        "users": [
            {"user": "101", "caller_id_number": "12155550110"},
            {"user": "102", "caller_id_number": "12155550120", "caller_id_number_emergency": "12155550120"},
            {"user": "103", "caller_id_number": "12155550199"},
            {"user": "104", "caller_id_number": "12155550130", "caller_id_number_emergency": "14155550000"},
        ],
        "phonenumbers": [
            {"number": "12675550900", "application": "to-user", "destination_user": "800", "destination_host": "acme.example.service",
             "description": "Temporary for the main number"},
            {"number": "12675550910", "application": "to-user", "destination_user": "101", "destination_host": "acme.example.service"},
            {"number": "12155550150", "application": "to-user", "destination_user": "105"},
        ],
    },
}
CUTOVER = {
    "status": "cut_over",
    "numbers": [{"original": "12155550100", "temporary": "12675550900"}, {"original": "12155550110", "temporary": "12675550910"}],
    "without_temporary": ["12155550120"],
    "emergency_number": "12675550900",
}


def port_state(*finished, after_port="delete"):
    numbers = [{"number": "+12155550100", "temporary": "+12675550900", "label": "Main", "stage": "waiting"},
               {"number": "+12155550110", "temporary": "+12675550910", "label": "Dr. Reyes", "stage": "waiting"}]
    for entry in numbers:
        if entry["number"] in finished:
            entry["stage"] = "finalized"
    return {"format": "ucaas.migration/port-state-v1", "temporary_after_port": after_port, "numbers": numbers}


def by_key(items, key):
    return dict((item[key], item) for item in items)


def test_before_the_cutover_the_plan_is_applied_as_approved():
    assert staged_resources(PLAN) == PLAN["resources"]
    assert staged_resources(PLAN, dict(CUTOVER, status="rolled_back")) == PLAN["resources"]
    assert stage_summary() == "before the cutover: plan.json as it is"


def test_after_the_cutover_emergency_caller_id_sits_on_temporary_dids():
    staged = staged_resources(PLAN, CUTOVER)
    assert staged["domains"][0]["caller_id_number_emergency"] == "12675550900"
    users = by_key(staged["users"], "user")
    assert users["101"]["caller_id_number_emergency"] == "12675550910"      # its own original's temporary DID
    assert users["102"]["caller_id_number_emergency"] == "12675550900"      # ported without one: the main number's
    assert "caller_id_number_emergency" not in users["103"]                  # not ported, nothing set
    assert users["104"]["caller_id_number_emergency"] == "14155550000"      # not a ported number: kept
    assert staged["phonenumbers"] == PLAN["resources"]["phonenumbers"]
    assert PLAN["resources"]["users"][0] == {"user": "101", "caller_id_number": "12155550110"}   # the plan is not touched


def test_a_finished_number_replaces_its_temporary_did_and_takes_emergency_caller_id_back():
    staged = staged_resources(PLAN, CUTOVER, port_state("+12155550110"))
    users = by_key(staged["users"], "user")
    assert users["101"]["caller_id_number_emergency"] == "12155550110"
    assert staged["domains"][0]["caller_id_number_emergency"] == "12675550900"
    numbers = by_key(staged["phonenumbers"], "number")
    assert "12675550910" not in numbers
    assert numbers["12155550110"] == {"number": "12155550110", "application": "to-user", "destination_user": "101",
                                      "destination_host": "acme.example.service", "description": "Dr. Reyes"}
    assert "12675550900" in numbers and "12155550150" in numbers
    assert stage_summary(CUTOVER, port_state("+12155550110")) == "cut over; 1 number(s) ported and finished, 2 still on temporary DIDs"


def test_all_finished_moves_every_emergency_caller_id_to_originals():
    staged = staged_resources(PLAN, CUTOVER, port_state("+12155550100", "+12155550110"))
    assert staged["domains"][0]["caller_id_number_emergency"] == "12155550100"
    users = by_key(staged["users"], "user")
    assert users["102"]["caller_id_number_emergency"] == "12155550100"     # was on the main number's temporary DID
    assert sorted(item["number"] for item in staged["phonenumbers"]) == ["12155550100", "12155550110", "12155550150"]


def test_temporary_dids_returned_to_the_pool_stay_as_available_numbers():
    staged = staged_resources(PLAN, CUTOVER, port_state("+12155550110", after_port="available"))
    numbers = by_key(staged["phonenumbers"], "number")
    assert numbers["12675550910"]["application"] == "available-number"
    assert numbers["12155550110"]["destination_user"] == "101"


def test_load_stage_reads_both_records_and_names_a_broken_file(tmp_path):
    assert load_stage(str(tmp_path)) == {"cutover": None, "port": None}
    (tmp_path / "cutover_state.json").write_text(json.dumps(CUTOVER))
    assert load_stage(str(tmp_path))["cutover"]["status"] == "cut_over"
    (tmp_path / "port_state.json").write_text("{not json")
    with pytest.raises(StageError, match="port_state.json: not JSON"):
        load_stage(str(tmp_path))
