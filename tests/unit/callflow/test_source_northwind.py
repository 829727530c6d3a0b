# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The source side on the Northwind example inventory (FreePBX) and small hand-made changes of it."""
from __future__ import annotations

import datetime

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.callflow.model import Scenario
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.simulate import simulate
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.source import graph_from_inventory

from callflow_cases import at, call

MAIN, DR_LIN, BILLING, FRONT_DESK, ANNEX, BILLING_BOX, FAX = (
    "+12155550100", "+12155550104", "+12155550108", "+12155550120", "+12155550150", "+12155550177", "+12155550199")
TUESDAY_10 = at(2026, 12, 1, 10)
TUESDAY_22 = at(2026, 12, 1, 22)


def outcome(graph, number, when, keys=(), conditions=()):
    return simulate(graph, number, call(when, keys, conditions)).outcome.to_dict()


def test_main_number_by_time_of_day(northwind):
    graph = graph_from_inventory(northwind)
    front_desk = {"kind": "queue", "id": "600", "dispatch": "ring_all", "agents": ["201", "202", "203"]}
    assert outcome(graph, MAIN, TUESDAY_10) == front_desk                                   # timeout -> hunt group
    assert outcome(graph, MAIN, TUESDAY_22) == {"kind": "voicemail", "id": "800"}           # after hours menu
    assert outcome(graph, MAIN, at(2026, 12, 5, 11)) == front_desk                          # Saturday hours
    assert outcome(graph, MAIN, at(2026, 12, 6, 11)) == {"kind": "voicemail", "id": "800"}  # Sunday
    assert outcome(graph, MAIN, at(2026, 12, 25, 10), ["1"]) == {"kind": "external", "id": "+12675550142"}
    # Office closures win over business hours: the after-hours menu answers
    assert outcome(graph, MAIN, at(2026, 12, 11, 14), ["2"]) == {"kind": "voicemail", "id": "800"}
    assert outcome(graph, MAIN, at(2026, 12, 11, 10), ["2"])["id"] == "610"


def test_main_menu_path_reads_step_by_step(northwind):
    path = simulate(graph_from_inventory(northwind), MAIN, call(TUESDAY_10, ["0"], ["no_answer"]))
    assert path.text() == (
        "DID +12155550100 (Main number) -> auto attendant 700 'Main Menu': time frame 'Business Hours' matches -> "
        "menu 'Main menu' plays -> key 0 -> user 201 (Alice Moreno) -> no answer rule: the user's phones ring -> ring [201] -> "
        "no answer after 25 s -> voicemail 201")
    assert path.outcome.to_dict() == {"kind": "voicemail", "id": "201"}
    assert path.to_dict()["scenario"]["keys"] == ["0"]


def test_sub_menu_parent_key_invalid_key_and_dial_by_extension(northwind):
    graph = graph_from_inventory(northwind)
    assert outcome(graph, MAIN, TUESDAY_10, ["3", "2"]) == {"kind": "voicemail", "id": "205"}
    assert outcome(graph, MAIN, TUESDAY_10, ["3", "*", "2"])["id"] == "610"                 # back to the main menu
    assert outcome(graph, MAIN, TUESDAY_10, ["9"]) == {"kind": "directory"}
    assert outcome(graph, MAIN, TUESDAY_10, ["206"]) == {"kind": "ring", "targets": ["206"]}
    # an unassigned key replays the menu (invalid_retries 2), the caller then waits in it
    assert outcome(graph, MAIN, TUESDAY_10, ["5", "timeout"]) == outcome(graph, MAIN, TUESDAY_10)
    # the holiday menu sends invalid keys to the general mailbox at once
    assert outcome(graph, MAIN, at(2026, 11, 26, 10), ["7"]) == {"kind": "voicemail", "id": "800"}
    # the providers menu has no dial by extension: 206 is an invalid key there; it repeats, times out back to the main menu,
    # whose timeout reaches the front desk
    path = simulate(graph, MAIN, call(TUESDAY_10, ["3", "206"]))
    assert "key 206 (not assigned) -> repeat the menu" in path.text()
    assert path.outcome.id == "600"


def test_answer_rules(northwind):
    graph = graph_from_inventory(northwind)
    assert outcome(graph, DR_LIN, TUESDAY_10) == {"kind": "ring", "targets": ["204", "+12675550123"]}    # follow-me in hours
    assert outcome(graph, DR_LIN, TUESDAY_22) == {"kind": "ring", "targets": ["204"]}
    path = simulate(graph, DR_LIN, call(TUESDAY_10))
    assert "sequential ring [204, +12675550123 after 20 s]" in path.text()
    graph.numbers["+12155550105"] = graph.numbers[DR_LIN].__class__("+12155550105", graph.resolve_extension("205"))
    assert outcome(graph, "+12155550105", TUESDAY_10, conditions=["busy"]) == {"kind": "voicemail", "id": "205"}
    graph.numbers["+12155550108"] = graph.numbers[DR_LIN].__class__("+12155550108", graph.resolve_extension("208"))
    assert outcome(graph, "+12155550108", TUESDAY_10, conditions=["unregistered"]) == {"kind": "voicemail", "id": "209"}  # 209 is unregistered too
    graph.numbers["+12155550112"] = graph.numbers[DR_LIN].__class__("+12155550112", graph.resolve_extension("212"))
    assert outcome(graph, "+12155550112", TUESDAY_10) == {"kind": "ring", "targets": ["212"]}             # CF disabled


def test_queue_and_hunt_group_timeouts(northwind):
    graph = graph_from_inventory(northwind)
    assert outcome(graph, BILLING, TUESDAY_10) == {"kind": "queue", "id": "610", "dispatch": "round_robin", "agents": ["203", "208", "209"]}
    assert outcome(graph, BILLING, TUESDAY_10, conditions=["no_answer"]) == {"kind": "voicemail", "id": "801"}
    assert outcome(graph, BILLING, TUESDAY_10, conditions=["busy"])["id"] == "600"                       # overflow
    assert outcome(graph, FRONT_DESK, TUESDAY_10, conditions=["no_answer"]) == {"kind": "voicemail", "id": "800"}


def test_time_router_mailbox_fax_and_unknown_number(northwind):
    graph = graph_from_inventory(northwind)
    assert outcome(graph, ANNEX, TUESDAY_10) == {"kind": "ring", "targets": ["210"]}
    assert outcome(graph, ANNEX, TUESDAY_22) == {"kind": "voicemail", "id": "800"}
    assert outcome(graph, ANNEX, at(2026, 12, 25, 10)) == {"kind": "voicemail", "id": "800"}
    assert outcome(graph, BILLING_BOX, TUESDAY_10) == {"kind": "voicemail", "id": "801"}
    assert outcome(graph, FAX, TUESDAY_10) == {"kind": "fax", "id": "fax-main"}
    assert outcome(graph, "+12155559999", TUESDAY_10) == {"kind": "missing", "id": "number +12155559999"}
    assert outcome(graph, "12155550177", TUESDAY_10) == {"kind": "voicemail", "id": "801"}              # digits are accepted


def test_forward_loop_is_reported(northwind):
    northwind["answer_rules"] = [
        {"source_id": "a", "user_id": "u-201", "kind": "forward_always", "enabled": True, "destinations": [{"type": "user", "id": "u-202"}]},
        {"source_id": "b", "user_id": "u-202", "kind": "forward_always", "enabled": True, "destinations": [{"type": "user", "id": "u-201"}]},
    ]
    graph = graph_from_inventory(northwind)
    path = simulate(graph, MAIN, call(TUESDAY_10, ["0"]))
    assert path.outcome.kind == "loop"
    assert "routing loop" in path.steps[-1].text


def test_priority_and_dnd(northwind):
    northwind["answer_rules"] = [
        {"source_id": "late", "user_id": "u-201", "kind": "forward_always", "enabled": True, "priority": 5,
         "destinations": [{"type": "external", "id": "+12675550199"}]},
        {"source_id": "hours", "user_id": "u-201", "kind": "forward_always", "enabled": True, "priority": 1, "time_frame_id": "tf-business-hours",
         "destinations": [{"type": "user", "id": "u-202"}]},
        {"source_id": "dnd", "user_id": "u-202", "kind": "do_not_disturb", "enabled": True},
    ]
    graph = graph_from_inventory(northwind)
    assert outcome(graph, MAIN, TUESDAY_10, ["0"]) == {"kind": "voicemail", "id": "202"}
    assert outcome(graph, MAIN, TUESDAY_22, ["201"]) == {"kind": "external", "id": "+12675550199"}


def test_scenario_is_checked():
    with pytest.raises(ValueError, match="timezone-aware"):
        Scenario(datetime.datetime(2026, 12, 1, 10))
    with pytest.raises(ValueError, match="unknown scenario condition"):
        Scenario(TUESDAY_10, conditions={"ringing"})
    with pytest.raises(TypeError):
        simulate(None, MAIN, TUESDAY_10)
