# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Representative scenarios, the comparator's maps, and the prober seam."""
from __future__ import annotations

import copy
import datetime

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.callflow.compare import (
    MATCH, compare_call_flows, mismatches, summary,
)
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.model import Outcome
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.prober import (
    ANSWERED, SKIPPED, NullProber, Prober, SimulatedProber, probe_matches,
)
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.scenarios import (
    key_sequences, representative_times, scenarios_for_number,
)
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.source import graph_from_inventory

from callflow_cases import at, call

START = datetime.date(2026, 11, 30)


def test_representative_times_of_northwind(northwind):
    times = dict(representative_times(graph_from_inventory(northwind), START))
    assert times["mon in 'Business Hours'"] == at(2026, 11, 30, 8, 30)
    assert times["weekday after hours"] == at(2026, 11, 30, 20)
    assert times["Saturday"] == at(2026, 12, 5, 11) and times["Sunday"] == at(2026, 12, 6, 11)
    assert times["'Holidays': Christmas Day"] == at(2026, 12, 25, 12)
    assert times["'Office Closures': Staff training"] == at(2026, 12, 11, 14, 30)
    assert times["'Office Closures': Winter break"] == at(2026, 12, 28, 12)
    assert len([label for label in times if label.startswith("'Holidays'")]) == 6


def test_key_sequences_reach_every_option(northwind):
    graph = graph_from_inventory(northwind)
    keys = key_sequences(graph, "+12155550100", at(2026, 11, 30, 10))
    assert keys[0] == ()
    assert {("1",), ("2",), ("3",), ("9",), ("0",), ("4",), ("201",), ("3", "1"), ("3", "2"), ("3", "*"), ("3", "3")} <= set(keys)
    assert key_sequences(graph, "+12155550104", at(2026, 11, 30, 10)) == [()]
    scenarios = scenarios_for_number(graph, "+12155550104", START)
    assert {tuple(sorted(s.conditions)) for s in scenarios} == {(), ("no_answer",), ("busy",), ("unregistered",)}
    assert all(s.label for s in scenarios)


def test_same_inventory_matches_itself_and_maps_apply(northwind):
    graph = graph_from_inventory(northwind)
    comparisons = compare_call_flows(graph, graph_from_inventory(copy.deepcopy(northwind)), START)
    assert summary(comparisons)["mismatch"] == 0 and all(item.status == MATCH for item in comparisons)
    # the target numbers extensions with a prefix and answers the main number on a temporary DID
    renumbered = copy.deepcopy(northwind)
    owners = ("users", "hunt_groups", "queues", "auto_attendants", "virtual_mailboxes")
    for collection in owners:
        for obj in renumbered[collection]:
            obj["extension"] = "1" + obj["extension"]
    for box in renumbered["voicemail_boxes"]:
        box["mailbox"] = "1" + box["mailbox"]
    renumbered["dids"][0]["number"] = "+12155550190"
    target = graph_from_inventory(renumbered)
    extension_map = dict((obj["extension"], "1" + obj["extension"]) for collection in owners for obj in northwind[collection])
    found = mismatches(compare_call_flows(graph, target, START, numbers=["+12155550100"], number_map={"+12155550100": "+12155550190"},
                                          extension_map=extension_map))
    # a dialled extension is the one differing call: each side only knows its own numbering
    assert found and {item.scenario.keys for item in found} == {("201",), ("1201",)}
    assert compare_call_flows(graph, target, START, numbers=["+12155550100"])[0].target.outcome.kind == "missing"


def test_probers():
    outcome = Outcome("voicemail", "800")
    skipped = NullProber().probe("+12155550100", call(at(2026, 11, 30, 22)))
    assert skipped.status == SKIPPED and probe_matches(skipped, outcome) is None
    assert skipped.to_dict()["detail"] == "no live test calls configured"
    with pytest.raises(TypeError):
        Prober()  # pylint: disable=abstract-class-instantiated


def test_simulated_prober_answers_from_the_graph(northwind):
    prober = SimulatedProber(graph_from_inventory(northwind))
    result = prober.probe("+12155550100", call(at(2026, 11, 30, 22)))
    assert result.status == ANSWERED and result.outcome.to_dict() == {"kind": "voicemail", "id": "800"}
    assert probe_matches(result, Outcome("voicemail", "800")) is True
    assert probe_matches(result, Outcome("voicemail", "801")) is False
    assert result.to_dict()["evidence"]["side"] == "source"
