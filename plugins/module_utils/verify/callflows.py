# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Call-flow equivalence: every DID and every auto-attendant option, source graph vs target graph.

Which target number answers for a source DID: the plan's mapping (a DID planned as itself, or
the temporary DID that stands in for it), overridden by port_state.json once the original
arrived on the target. A DID with neither waits for its port and is listed, not compared.
Each auto attendant is also called directly (``attendant <extension>``) so options no DID
reaches are compared too.

A mismatch is *accepted* when the plan made it on purpose - a queue's dispatch that the
target holds exactly as planned (the translation's documented approximation) - or when the
partner accepted it (``accepted_differences``: ``{number, match, reason, by}``, ``match`` a
regular expression searched in the mismatch message and the scenario). Every other mismatch
fails verification and lists both paths.
"""

from __future__ import annotations

import re

from ansible_collections.ucaas.migration.plugins.module_utils.callflow.compare import MATCH, MISMATCH, compare_call_flows, mapped_outcome
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.model import NumberEntry, Scenario
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.simulate import simulate
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.target import DISPATCH_TYPES

ACCEPTED = "accepted"
ATTENDANT_PREFIX = "attendant "
MAX_DIAGRAM_ROWS = 24


class DifferenceError(ValueError):
    """Bad ``accepted_differences`` input; the message names the entry and field."""


def plus(number):
    text = str(number or "").strip()
    return text if text.startswith("+") or not text.isdigit() else "+" + text


def number_map(inventory, plan_document, port_state=None):
    """``({source E.164: target E.164}, {source E.164: reason not compared})`` for every DID of the inventory."""
    by_source = {}
    for entry in plan_document.get("mapping") or []:
        source = entry.get("source") or {}
        if source.get("collection") == "dids":
            by_source[source.get("source_id")] = [plus(target.get("key")) for target in entry.get("targets") or []
                                                  if target.get("kind") == "phonenumbers"]
    arrived = set()
    for entry in (port_state or {}).get("numbers") or []:
        if entry.get("original_on_target") or entry.get("stage") == "finalized":
            arrived.add(plus(entry.get("number")))
    mapped, pending = {}, {}
    for did in inventory.get("dids") or []:
        number = plus(did.get("number"))
        targets = by_source.get(did.get("source_id"), [])
        if number in arrived or number in targets:
            mapped[number] = number
        elif targets:
            mapped[number] = targets[0]
        else:
            pending[number] = "not on the target yet: the number is ported and arrives in finalize_port (no temporary number stands in for it)"
    return mapped, pending


def extension_map(inventory, plan_document):
    """Source extension -> target extension where the plan renamed one (standards with a prefix or renumbering)."""
    extensions = {}
    for collection, objects in inventory.items():
        if isinstance(objects, list):
            for obj in objects:
                if isinstance(obj, dict) and obj.get("source_id") and obj.get("extension"):
                    extensions[(collection, obj["source_id"])] = str(obj["extension"])
    renamed = {}
    for entry in plan_document.get("mapping") or []:
        source = entry.get("source") or {}
        old = extensions.get((source.get("collection"), source.get("source_id")))
        for target in entry.get("targets") or []:
            if old and target.get("kind") in ("users", "callqueues", "autoattendants"):
                new = str(target.get("key")).split("/", maxsplit=1)[0]
                if new != old:
                    renamed[old] = new
                break
    return renamed


def check_accepted_differences(entries):
    """Validated ``[{number, match (compiled), reason, by}]``; raises :class:`DifferenceError`."""
    checked = []
    for index, entry in enumerate(entries or []):
        where = "accepted_differences[%d]" % index
        if not isinstance(entry, dict):
            raise DifferenceError("%s: expected a mapping with match and reason" % where)
        unknown = sorted(set(entry) - set(("number", "match", "reason", "by")))
        if unknown:
            raise DifferenceError("%s.%s: unknown field (known: by, match, number, reason)" % (where, unknown[0]))
        if not str(entry.get("reason") or "").strip():
            raise DifferenceError("%s.reason: missing; say why the difference is accepted" % where)
        try:
            pattern = re.compile(str(entry.get("match") or ""))
        except re.error as exc:
            raise DifferenceError("%s.match: not a valid regular expression (%s)" % (where, exc))
        checked.append({"number": plus(entry["number"]) if entry.get("number") else None, "match": pattern,
                        "reason": str(entry["reason"]).strip(), "by": str(entry.get("by") or "")})
    return checked


def planned_dispatch(plan_document):
    """``{queue extension: dispatch word}`` as the plan configured each queue."""
    return dict((str(item.get("callqueue")), DISPATCH_TYPES.get(item.get("dispatch_type"), "")) for item in
                (plan_document.get("resources") or {}).get("callqueues") or [] if item.get("dispatch_type"))


def acceptance_reason(comparison, dispatch, accepted, extension_map_=None):
    """Why a mismatch is accepted, or None."""
    source = mapped_outcome(comparison.source.outcome, extension_map_).to_dict()
    target = comparison.target.outcome.to_dict()
    if source.get("kind") == "queue" and target.get("kind") == "queue" and source.get("dispatch") != target.get("dispatch"):
        if dict(source, dispatch="") == dict(target, dispatch="") and dispatch.get(target.get("id")) == target.get("dispatch"):
            return "planned: queue %s dispatches %s on the target as the plan configured it (the source's %s has no exact equivalent)" % (
                target.get("id"), target.get("dispatch"), source.get("dispatch"))
    text = "%s %s" % (comparison.message(), comparison.scenario.label)
    for entry in accepted:
        if entry["number"] and entry["number"] != comparison.number:
            continue
        if entry["match"].search(text):
            return "accepted%s: %s" % (" by %s" % entry["by"] if entry["by"] else "", entry["reason"])
    return None


def add_attendant_entries(source_graph, target_graph, extension_map_=None):
    """Each source auto attendant becomes a callable entry ``attendant <ext>`` on both graphs; returns the entries."""
    names = []
    for ext in sorted(source_graph.attendants, key=lambda value: (len(value), value)):
        name = ATTENDANT_PREFIX + ext
        target_ext = (extension_map_ or {}).get(ext, ext)
        label = "auto attendant %s, called directly" % ext
        source_graph.numbers[name] = NumberEntry(name, source_graph.resolve_extension(ext), label)
        target_graph.numbers[name] = NumberEntry(name, target_graph.resolve_extension(target_ext), label)
        names.append(name)
    return names


def _comparison_entry(comparison, status, reason=None):
    entry = comparison.to_dict()
    entry["status"] = status
    if reason:
        entry["reason"] = reason
    return entry


def _diagram(items):
    """Rows for a DID's call-flow diagram: each representative moment and key, no condition, on the target.

    ``items`` are ``(comparison, status)``; the status is the resolved one (an accepted difference is ``accepted``).
    """
    rows, seen = [], set()
    for comparison, status in items:
        scenario = comparison.scenario
        if scenario.conditions or len(scenario.keys) > 1:
            continue
        identity = (scenario.label, scenario.keys)
        if identity in seen:
            continue
        seen.add(identity)
        rows.append({"label": scenario.label, "keys": list(scenario.keys), "target": comparison.target.outcome.describe(),
                     "source": comparison.source.outcome.describe(), "status": status})
        if len(rows) >= MAX_DIAGRAM_ROWS:
            break
    return rows


def compare_all(source_graph, target_graph, start, mapped, pending, dispatch, accepted, extension_map_=None, labels=None):
    """The call-flow section of the verification results."""
    numbers = sorted(mapped)
    local_map = dict(mapped)
    for name in add_attendant_entries(source_graph, target_graph, extension_map_):
        numbers.append(name)
        local_map[name] = name
    comparisons = compare_call_flows(source_graph, target_graph, start, numbers=numbers, number_map=local_map, extension_map=extension_map_)
    per_number = {}
    differences = []
    for comparison in comparisons:
        status = comparison.status
        reason = None
        if status == MISMATCH:
            reason = acceptance_reason(comparison, dispatch, accepted, extension_map_)
            if reason:
                status = ACCEPTED
            differences.append(_comparison_entry(comparison, status, reason))
        per_number.setdefault(comparison.number, []).append((comparison, status))
    summary_rows = []
    for number in numbers:
        items = per_number.get(number, [])
        counts = dict((name, sum(1 for dummy, status in items if status == name)) for name in (MATCH, MISMATCH, ACCEPTED, "unverifiable"))
        summary_rows.append(dict(number=number, target_number=local_map.get(number), label=(labels or {}).get(number, ""),
                                 calls=len(items), diagram=_diagram(items), **counts))
    for number in sorted(pending):
        summary_rows.append(dict(number=number, target_number=None, label=(labels or {}).get(number, ""), calls=0, match=0, mismatch=0,
                                 accepted=0, unverifiable=0, pending=pending[number], diagram=[]))
    return {"start": str(start), "numbers": summary_rows, "differences": differences,
            "totals": dict((name, sum(row[name] for row in summary_rows)) for name in ("calls", MATCH, MISMATCH, ACCEPTED, "unverifiable"))}


def simulate_on(graph, number, at, keys=(), conditions=()):
    return simulate(graph, number, Scenario(at, tuple(keys), frozenset(conditions)))
