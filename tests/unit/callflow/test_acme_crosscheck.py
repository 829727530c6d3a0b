# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Acme Dental Group both ways: the collected inventory (source side) against the seeded lab's objects (target side).

Both describe the same configuration, so every DID must end the same way at every representative
time and key; then deliberate breakage of the target must be named with both paths.
"""
from __future__ import annotations

import copy
import datetime

from ansible_collections.ucaas.migration.plugins.module_utils.callflow.compare import (
    MISMATCH, UNVERIFIABLE, compare_call_flows, mismatches, summary,
)
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.simulate import simulate
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.source import graph_from_inventory
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.target import graph_from_target

from callflow_cases import at, call

START = datetime.date(2026, 11, 30)
MAIN, MENU_DIRECT, APPOINTMENTS, BILLING, FAX = "+12155550100", "+12155550101", "+12155550103", "+12155550104", "+12155550106"


def test_every_did_agrees_at_every_representative_scenario(acme):
    inventory, objects = acme
    source, target = graph_from_inventory(inventory), graph_from_target(objects)
    comparisons = compare_call_flows(source, target, START)
    counts = summary(comparisons)
    assert counts["mismatch"] == 0, "\n".join(item.message() for item in mismatches(comparisons)[:10])
    assert len(set(item.number for item in comparisons)) == 50
    assert counts["calls"] > 1000
    # the fax DID goes to a SIP connection the source adapter could not map: it cannot be judged
    assert set(item.number for item in comparisons if item.status == UNVERIFIABLE) == {FAX}
    keys = set(item.scenario.keys for item in comparisons if item.number == MENU_DIRECT)
    assert {("1",), ("2",), ("3",), ("3", "1"), ("3", "3"), ("4",), ("0",), ("101",)} <= keys


def test_target_paths_of_the_main_number(acme):
    target = graph_from_target(acme[1])
    path = simulate(target, MAIN, call(at(2026, 11, 30, 8, 30), ["3", "2"], ["no_answer"]))
    assert path.text() == (
        "DID +12155550100 (Main number) -> time-of-day router 700 (Main Line Hours 700) -> answer rule 'Business Hours' active "
        "(time frame 'Business Hours' matches) -> forward always -> auto attendant 500 'Main Menu': time frame 'Business Hours' matches -> "
        "menu 'Main Menu (Business Hours)' plays -> key 3 -> menu 'Dentists' plays -> key 2 -> user 106 (Samuel Fofana) -> "
        "answer rule '*' active (always) -> ring [106] -> no answer after 30 s -> voicemail 106")
    lunch = simulate(target, MAIN, call(at(2026, 11, 30, 12, 30))).outcome.to_dict()
    assert lunch == {"kind": "queue", "id": "600", "dispatch": "round_robin", "agents": ["101", "102", "103", "104"]}
    assert simulate(target, MAIN, call(at(2026, 12, 25, 12))).outcome.to_dict() == {"kind": "voicemail", "id": "801"}


def _breakage(objects):
    broken = copy.deepcopy(objects)
    did = next(n for n in broken["phonenumbers"] if n["phonenumber"] == "12155550103")
    did["dial-rule-translation-destination-user"] = "601"                                   # DID re-routed
    tier = next(a for a in broken["autoattendants"] if a["user"] == "500" and a["time-frame"] == "Business Hours")["auto-attendant"]
    del tier["option-4"]                                                                     # AA option removed
    queue = next(q for q in broken["callqueues"] if q["callqueue"] == "601")
    queue["agents"] = [a for a in queue["agents"] if not a["callqueue-agent-id"].startswith("116@")]   # agent dropped
    broken["timeframes"] = [f for f in broken["timeframes"] if f["timeframe-name"] != "Holidays"]      # holiday frame removed
    return broken


def test_deliberate_breakage_is_named_with_both_paths(acme):
    inventory, objects = acme
    source, target = graph_from_inventory(inventory), graph_from_target(_breakage(objects))
    found = mismatches(compare_call_flows(source, target, START))
    by_number = {}
    for item in found:
        by_number.setdefault(item.number, []).append(item)
    assert {item.source.outcome.id for item in by_number[APPOINTMENTS]} == {"600"}
    assert {item.target.outcome.id for item in by_number[APPOINTMENTS]} == {"601"}
    option_4 = [item for item in by_number[MENU_DIRECT] if item.scenario.keys == ("4",) and "Business Hours" in item.scenario.label]
    assert option_4 and option_4[0].source.outcome.id == "602"
    assert "key 4 (not assigned) -> repeat the menu" in option_4[0].target.text()          # then the timeout: the front desk
    agents = [item for item in by_number[BILLING] if item.target.outcome.kind == "queue"]
    assert agents and "116" in agents[0].source.outcome.agents and "116" not in agents[0].target.outcome.agents
    christmas = [item for item in by_number[MAIN] if item.scenario.at == at(2026, 12, 25, 12) and not item.scenario.keys
                 and not item.scenario.conditions]
    assert christmas[0].source.outcome.to_dict() == {"kind": "voicemail", "id": "801"}
    assert "time frame 'Holidays' is not defined" in " ".join(christmas[0].target.to_dict()["steps"])
    record = christmas[0].to_dict()
    assert record["status"] == MISMATCH and record["source"]["path"] and record["target"]["path"]
    assert record["message"].startswith("+12155550100 at 2026-12-25T12:00:00-05:00")
