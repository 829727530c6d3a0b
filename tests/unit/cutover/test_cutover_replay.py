# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cutover journal's window and event lines, and its replay for rollback."""
from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.cutover.replay import (
    completion_entry, new_events, restore_plan, since_last_rollback, with_window, write_entries,
)

AT = "2026-12-03T23:31:00Z"


def updated(key, before, after, run="run-1", kind="users", system="target", domain="acme"):
    return {"run_id": run, "phase": "cutover", "kind": kind, "key": key, "outcome": "updated", "before": before, "after": after,
            "system": system, "domain": domain}


def test_writes_carry_the_system_and_the_prior_values():
    entries = write_entries([{"key": "101", "outcome": "updated", "changes": {"caller_id_number": {"before": "1", "after": "2"}}},
                             {"key": "102", "outcome": "unchanged"}], "users", "run-1", AT, "source", "old.lab")
    assert entries == [{"at": AT, "run_id": "run-1", "phase": "cutover", "kind": "users", "key": "101", "outcome": "updated",
                        "before": {"caller_id_number": "1"}, "after": {"caller_id_number": "2"}, "msg": "", "domain": "old.lab", "system": "source"}]


def test_the_window_line_comes_once_per_run_and_only_with_a_write_unless_overridden():
    inside = {"inside": True, "reason": None}
    assert with_window([], [], inside, "run-1", AT) == []
    lines = with_window([], [{"kind": "users"}], inside, "run-1", AT)
    assert [line["kind"] for line in lines] == ["window", "users"] and lines[0]["outcome"] == "inside"
    assert with_window(lines, [{"kind": "domains"}], inside, "run-1", AT) == [{"kind": "domains"}]
    overridden = with_window([], [], {"inside": False, "reason": "partner asked"}, "run-2", AT)
    assert overridden[0]["outcome"] == "overridden" and overridden[0]["msg"] == "reason: partner asked"


def test_events_are_journaled_once_until_a_rollback():
    event = {"kind": "provisioning_push", "key": "805ec0a10065", "outcome": "manual", "msg": "reboot it", "system": "target"}
    first = new_events([], [event, event], "run-1", AT)
    assert len(first) == 1
    assert new_events(first, [event], "run-2", AT) == []
    rolled_back = first + [{"phase": "rollback", "kind": "rollback", "outcome": "completed"}]
    assert len(new_events(rolled_back, [event], "run-3", AT)) == 1


def test_restore_takes_the_oldest_prior_value_newest_object_first():
    journal = [
        updated("acme", {"caller_id_number_emergency": "12155550100"}, {"caller_id_number_emergency": "12675550900"}, kind="domains"),
        updated("101", {"caller_id_number": "12675550910", "caller_id_number_emergency": None},
                {"caller_id_number": "12155550110", "caller_id_number_emergency": "12675550910"}),
        updated("101", {"caller_id_number": "12155550110"}, {"caller_id_number": "999"}, run="run-2"),
        updated("12155550100", {"application": "to-user", "parameter": None}, {"application": "to-connection", "parameter": "P"},
                kind="phonenumbers", system="source", domain="old.lab"),
        {"run_id": "run-1", "phase": "cutover", "kind": "provisioning_push", "key": "mac", "outcome": "manual"},
    ]
    groups = restore_plan(journal)
    assert [(group["system"], group["kind"]) for group in groups] == [("source", "phonenumbers"), ("target", "users"), ("target", "domains")]
    assert groups[0]["config"] == [{"number": "12155550100", "application": "to-user", "parameter": ""}]
    assert groups[1]["config"] == [{"user": "101", "caller_id_number": "12675550910", "caller_id_number_emergency": ""}]
    assert groups[1]["runs"] == ["run-1", "run-2"]
    done = completion_entry(groups, "rb-1", AT)
    assert done["after"] == {"restored_objects": 3, "cutover_runs": ["run-1", "run-2"]}
    assert restore_plan(journal + [done]) == [] and since_last_rollback(journal + [done]) == []


def test_created_objects_are_deleted_and_composite_keys_split():
    journal = [{"run_id": "r", "phase": "cutover", "kind": "devices", "key": "102/102wp", "outcome": "created", "before": {}, "after": {},
                "system": "target", "domain": "acme"},
               {"run_id": "r", "phase": "rollback", "kind": "users", "key": "1", "outcome": "updated", "before": {}, "after": {}}]
    assert restore_plan(journal) == [{"system": "target", "domain": "acme", "kind": "devices", "state": "deleted",
                                      "config": [{"user": "102", "device": "102wp"}], "runs": ["r"]}]
