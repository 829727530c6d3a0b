# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Source vs target: the same calls on both graphs, and every place they end differently.

Scenarios come from both sides (so a holiday only one side knows is still tested) and are
run on both.  ``number_map`` sends a source number to another target number (a temporary DID
before the port); ``extension_map`` renames source extensions to the target's (standards with
an extension prefix).  A call whose source routing could not be collected (``not_collected``)
cannot be judged: it is ``unverifiable``, not a mismatch.
"""

from __future__ import annotations

from dataclasses import dataclass

from ansible_collections.ucaas.migration.plugins.module_utils.callflow.model import Outcome
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.scenarios import (
    DEFAULT_CONDITIONS, KEYED_CONDITIONS, scenarios_for_number,
)
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.simulate import simulate

MATCH, MISMATCH, UNVERIFIABLE = "match", "mismatch", "unverifiable"
_EXTENSION_KINDS = ("user", "queue", "voicemail", "menu")


@dataclass
class Comparison:
    number: str
    scenario: object
    status: str
    source: object
    target: object

    def message(self):
        return "%s at %s (%s): source %s, target %s" % (
            self.number, self.scenario.at.isoformat(), self.scenario.label or "-", self.source.outcome.describe(), self.target.outcome.describe())

    def to_dict(self):
        return {"number": self.number, "status": self.status, "scenario": self.scenario.to_dict(), "message": self.message(),
                "source": {"outcome": self.source.outcome.to_dict(), "path": [step.text for step in self.source.steps]},
                "target": {"outcome": self.target.outcome.to_dict(), "path": [step.text for step in self.target.steps]}}


def mapped_outcome(outcome, extension_map):
    """The outcome with source extensions renamed to the target's."""
    if not extension_map:
        return outcome

    def rename(value):
        return extension_map.get(value, value)
    return Outcome(outcome.kind, rename(outcome.id) if outcome.kind in _EXTENSION_KINDS else outcome.id,
                   tuple(rename(item) for item in outcome.targets), outcome.dispatch, tuple(rename(item) for item in outcome.agents),
                   outcome.menu)


def same_outcome(source, target, extension_map=None):
    return mapped_outcome(source, extension_map).to_dict() == target.to_dict()


def compare_number(source_graph, target_graph, number, scenarios, target_number=None, extension_map=None):
    """Comparisons of one number under each scenario."""
    result = []
    for scenario in scenarios:
        source = simulate(source_graph, number, scenario)
        target = simulate(target_graph, target_number or number, scenario)
        if source.outcome.kind == "not_collected":
            status = UNVERIFIABLE
        else:
            status = MATCH if same_outcome(source.outcome, target.outcome, extension_map) else MISMATCH
        result.append(Comparison(number, scenario, status, source, target))
    return result


def compare_call_flows(source_graph, target_graph, start, numbers=None, number_map=None, extension_map=None,
                       conditions=DEFAULT_CONDITIONS, keyed_conditions=KEYED_CONDITIONS):
    """Compare every number (default: all numbers of either side) at representative scenarios from ``start`` on.

    Returns the list of :class:`Comparison`, ordered by number then scenario time.
    """
    number_map = number_map or {}
    if numbers is None:
        reverse = dict((target, source) for source, target in number_map.items())
        numbers = sorted(set(source_graph.numbers) | set(reverse.get(n, n) for n in target_graph.numbers))
    comparisons = []
    for number in numbers:
        target_number = number_map.get(number, number)
        scenarios, seen = [], set()
        for graph, graph_number in ((source_graph, number), (target_graph, target_number)):
            for scenario in scenarios_for_number(graph, graph_number, start, conditions, keyed_conditions):
                if scenario.identity() not in seen:
                    seen.add(scenario.identity())
                    scenarios.append(scenario)
        scenarios.sort(key=lambda s: (s.at, s.keys, sorted(s.conditions)))
        comparisons.extend(compare_number(source_graph, target_graph, number, scenarios, target_number, extension_map))
    return comparisons


def mismatches(comparisons):
    return [item for item in comparisons if item.status == MISMATCH]


def summary(comparisons):
    """``{"calls", "match", "mismatch", "unverifiable", "numbers_with_mismatches"}``."""
    counts = {MATCH: 0, MISMATCH: 0, UNVERIFIABLE: 0}
    for item in comparisons:
        counts[item.status] += 1
    counts["calls"] = len(comparisons)
    counts["numbers_with_mismatches"] = sorted(set(item.number for item in comparisons if item.status == MISMATCH))
    return counts
