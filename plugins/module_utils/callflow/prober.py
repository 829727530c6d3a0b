# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The seam for live test calls: a ``Prober`` places a call to a number and says what answered.

Verification compares what a prober observed with the outcome the simulation predicts
(:func:`probe_matches`).  Two implementations ship: :class:`NullProber` places no call (every
result is ``skipped``) and :class:`SimulatedProber` answers from a routing graph (for tests
and dry runs).  A live prober (a SIP user agent or a carrier's test-call API) subclasses
:class:`Prober`; it must place calls only to the numbers it is given and must not keep
credentials in its results.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field

from ansible_collections.ucaas.migration.plugins.module_utils.callflow.compare import same_outcome
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.simulate import simulate

ANSWERED, SKIPPED, FAILED = "answered", "skipped", "failed"


@dataclass
class ProbeResult:
    """What one test call found.

    ``status``: answered (``outcome`` says by what, normalized like a simulated outcome),
    skipped (no call placed), failed (the call could not be placed; ``detail`` says why).
    """

    number: str
    scenario: object
    status: str
    outcome: object = None
    detail: str = ""
    prober: str = ""
    evidence: dict = field(default_factory=dict)

    def to_dict(self):
        data = {"number": self.number, "scenario": self.scenario.to_dict(), "status": self.status, "prober": self.prober}
        if self.outcome is not None:
            data["outcome"] = self.outcome.to_dict()
        if self.detail:
            data["detail"] = self.detail
        if self.evidence:
            data["evidence"] = dict(self.evidence)
        return data


class Prober(abc.ABC):
    """Places test calls.  Subclasses implement :meth:`place_call`."""

    name = "prober"

    @abc.abstractmethod
    def place_call(self, number, scenario):
        """Call ``number`` (E.164) as ``scenario`` describes (time is when it is placed; keys are sent as DTMF;
        conditions are arranged by the prober or refused) and return a :class:`ProbeResult`."""

    def supports(self, scenario):
        """Whether this prober can reproduce ``scenario`` (a live prober cannot choose the time of day)."""
        return scenario is not None

    def probe(self, number, scenario):
        if not self.supports(scenario):
            return ProbeResult(str(number), scenario, SKIPPED, detail="%s cannot reproduce this scenario" % self.name, prober=self.name)
        return self.place_call(str(number), scenario)


class NullProber(Prober):
    """Places no call; every result is ``skipped``.  The default until live calls are set up."""

    name = "none"

    def place_call(self, number, scenario):
        return ProbeResult(number, scenario, SKIPPED, detail="no live test calls configured", prober=self.name)


class SimulatedProber(Prober):
    """Answers from a routing graph, as if the call had been placed on that side."""

    name = "simulated"

    def __init__(self, graph):
        self.graph = graph

    def place_call(self, number, scenario):
        path = simulate(self.graph, number, scenario)
        return ProbeResult(number, scenario, ANSWERED, path.outcome, prober=self.name,
                           evidence={"side": self.graph.side, "path": [step.text for step in path.steps]})


def probe_matches(result, expected, extension_map=None):
    """True / False when an answered probe agrees / disagrees with the ``expected`` outcome; None when no call was answered."""
    if result.status != ANSWERED or result.outcome is None:
        return None
    return same_outcome(expected, result.outcome, extension_map)
