# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Acceptance criteria: the partner's own statements about the new call flows, each pass or fail.

A criterion (``ucaas_acceptance_criteria``)::

    {id, description, number, at, keys: [...], conditions: [...], expect: {kind, id, targets, agents, agents_min, dispatch, menu}}

``at`` is ``business_hours``, ``after_hours``, ``weekend``, ``holiday`` (moments taken from the
customer's time frames, as the call-flow comparison uses them) or an ISO date-time (in the
domain's zone when it has no offset). ``number`` is the customer's number as they know it; a
temporary DID that stands in for it is called instead. The call is simulated on the target.

:func:`seed_criteria` proposes criteria from the inventory and the SOW inputs (main and
department numbers in and out of hours, each main attendant option, each queue's agents) for
the partner to edit.
"""

from __future__ import annotations

import datetime
import json

from ansible_collections.ucaas.migration.plugins.module_utils.callflow.scenarios import representative_times
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.target import DISPATCH_TYPES
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.timeframes import zone
from ansible_collections.ucaas.migration.plugins.module_utils.verify.callflows import plus, simulate_on
from ansible_collections.ucaas.migration.plugins.module_utils.verify.readback import FAIL, PASS

MOMENTS = ("business_hours", "after_hours", "weekend", "holiday")
EXPECT_KEYS = ("kind", "id", "targets", "agents", "agents_min", "dispatch", "menu")
CRITERION_KEYS = ("id", "description", "number", "at", "keys", "conditions", "expect")
CONDITIONS = ("no_answer", "busy", "unregistered")
SEED_NAME = "acceptance_criteria.seed.yml"
SEED_USAGES = ("main", "department")


class CriteriaError(ValueError):
    """Bad criteria input; one line per problem, naming the criterion and field."""


def check_criteria(criteria, variable="ucaas_acceptance_criteria"):
    """Validated criteria (a list of dicts); raises :class:`CriteriaError` listing every problem."""
    problems, seen = [], set()
    if criteria is None:
        return []
    if not isinstance(criteria, list):
        raise CriteriaError("%s: expected a list of criteria" % variable)
    for index, item in enumerate(criteria):
        where = "%s[%d]" % (variable, index)
        if not isinstance(item, dict):
            problems.append("%s: expected a mapping with id, number, at and expect" % where)
            continue
        for key in sorted(set(item) - set(CRITERION_KEYS)):
            problems.append("%s.%s: unknown field (known: %s)" % (where, key, ", ".join(CRITERION_KEYS)))
        ident = str(item.get("id") or "").strip()
        if not ident:
            problems.append("%s.id: missing" % where)
        elif ident in seen:
            problems.append("%s.id: %r is used twice" % (where, ident))
        seen.add(ident)
        if not str(item.get("number") or "").strip():
            problems.append("%s.number: missing (the number called, E.164, or 'attendant <extension>')" % where)
        at = item.get("at", "business_hours")
        if str(at) not in MOMENTS:
            try:
                datetime.datetime.fromisoformat(str(at))
            except ValueError:
                problems.append("%s.at: %r is not one of %s nor an ISO date-time" % (where, at, ", ".join(MOMENTS)))
        if not isinstance(item.get("keys", []), list):
            problems.append("%s.keys: expected a list of keys (digits, *, #, timeout or an extension)" % where)
        for condition in item.get("conditions") or []:
            if condition not in CONDITIONS:
                problems.append("%s.conditions: %r is not one of %s" % (where, condition, ", ".join(CONDITIONS)))
        expect = item.get("expect")
        if not isinstance(expect, dict) or not expect.get("kind"):
            problems.append("%s.expect: expected a mapping with at least kind (ring, queue, voicemail, menu, external, ...)" % where)
            continue
        for key in sorted(set(expect) - set(EXPECT_KEYS)):
            problems.append("%s.expect.%s: unknown field (known: %s)" % (where, key, ", ".join(EXPECT_KEYS)))
        if "agents_min" in expect and not str(expect["agents_min"]).isdigit():
            problems.append("%s.expect.agents_min: expected a whole number" % where)
    if problems:
        raise CriteriaError("\n".join(problems))
    return criteria


def moments(graph, start):
    """``{business_hours, after_hours, weekend, holiday: aware datetime}`` from ``graph``'s time frames."""
    times = representative_times(graph, start)
    found = {}
    holiday_names = set(repr(frame.name) for frame in graph.time_frames.values() if frame.holidays)
    for label, moment in times:
        if " in " in label and moment.weekday() < 5:
            business = "business" in label.lower()
            if "business_hours" not in found or (business and not found.get("_business")):
                found["business_hours"] = moment
                found["_business"] = business
        elif label == "weekday after hours":
            found.setdefault("after_hours", moment)
        elif label in ("Saturday", "Sunday"):
            found.setdefault("weekend", moment)
        elif label.split(":")[0] in holiday_names:
            found.setdefault("holiday", moment)
    found.pop("_business", None)
    return found


def _moment(at, named, time_zone):
    if str(at) in MOMENTS:
        return named.get(str(at))
    moment = datetime.datetime.fromisoformat(str(at))
    return moment if moment.tzinfo else moment.replace(tzinfo=zone(time_zone))


def _dispatch_word(value):
    return DISPATCH_TYPES.get(value, str(value or ""))


def outcome_problems(expect, outcome):
    """What of ``expect`` the outcome (a dict) does not meet; empty when it meets all."""
    problems = []
    if expect.get("kind") != outcome.get("kind"):
        problems.append("ends in %s, expected %s" % (outcome.get("kind"), expect.get("kind")))
    if expect.get("id") not in (None, "") and str(expect["id"]) != str(outcome.get("id", "")):
        problems.append("reaches %s, expected %s" % (outcome.get("id") or "-", expect["id"]))
    for key in ("targets", "agents"):
        missing = sorted(set(str(value) for value in expect.get(key) or []) - set(outcome.get(key) or []))
        if missing:
            problems.append("%s %s missing" % (key, ", ".join(missing)))
    if expect.get("agents_min") not in (None, "") and len(outcome.get("agents") or []) < int(expect["agents_min"]):
        problems.append("rings %d agents, expected at least %s" % (len(outcome.get("agents") or []), expect["agents_min"]))
    if expect.get("dispatch") and _dispatch_word(expect["dispatch"]) != outcome.get("dispatch"):
        problems.append("dispatch %s, expected %s" % (outcome.get("dispatch") or "-", _dispatch_word(expect["dispatch"])))
    if expect.get("menu") is not None and str(expect["menu"]) != str(outcome.get("menu")):
        problems.append("menu %s, expected %s" % (outcome.get("menu"), expect["menu"]))
    return problems


def evaluate(criteria, source_graph, target_graph, start, mapped):
    """One result per criterion: ``{id, description, status, message, at, number, target_number, outcome, path}``."""
    named = moments(source_graph, start)
    named.update(dict((key, value) for key, value in moments(target_graph, start).items() if key not in named))
    results = []
    for item in criteria:
        number = str(item["number"]).strip()
        number = plus(number) if number.lstrip("+").isdigit() else number
        target_number = mapped.get(number, number)
        at = _moment(item.get("at", "business_hours"), named, target_graph.time_zone)
        base = {"id": str(item["id"]), "description": item.get("description") or "", "number": number, "target_number": target_number,
                "expect": item["expect"]}
        if at is None:
            results.append(dict(base, status=FAIL, message="%s: the customer's time frames have no %s moment to call at" % (
                item["id"], item.get("at")), at=None, outcome=None, path=[]))
            continue
        path = simulate_on(target_graph, target_number, at, item.get("keys") or (), item.get("conditions") or ())
        outcome = path.outcome.to_dict()
        problems = outcome_problems(item["expect"], outcome)
        message = "%s: %s at %s%s -> %s" % (item["id"], number, at.isoformat(), " keys %s" % " ".join(item.get("keys") or []) if item.get("keys")
                                            else "", path.outcome.describe())
        results.append(dict(base, status=FAIL if problems else PASS, message=message + ("; " + "; ".join(problems) if problems else ""),
                            at=at.isoformat(), outcome=outcome, path=[step.text for step in path.steps]))
    return results


def _expect_of(outcome):
    expect = {"kind": outcome.get("kind")}
    if outcome.get("id"):
        expect["id"] = outcome["id"]
    if outcome.get("kind") == "queue":
        expect["agents_min"] = len(outcome.get("agents") or [])
    if outcome.get("kind") == "ring" and outcome.get("targets"):
        expect["targets"] = list(outcome["targets"])
    return expect


def seed_criteria(inventory, source_graph, start, extension_map=None, sow=None):
    """Proposed criteria, from the customer's main and department numbers and their attendant options."""
    named = moments(source_graph, start)
    criteria = []
    renamed = extension_map or {}

    def add(ident, description, number, at, keys=()):
        if at not in named:
            return
        path = simulate_on(source_graph, number, named[at], keys)
        outcome = path.outcome.to_dict()
        if outcome.get("kind") in ("not_collected", "missing", "unrouted", "loop"):
            return
        for key in ("id",):
            if outcome.get(key):
                outcome[key] = renamed.get(outcome[key], outcome[key])
        criterion = {"id": ident, "description": description, "number": number, "at": at}
        if keys:
            criterion["keys"] = list(keys)
        criterion["expect"] = _expect_of(outcome)
        criteria.append(criterion)

    for did in sorted(inventory.get("dids") or [], key=lambda item: str(item.get("number"))):
        if did.get("usage") not in SEED_USAGES:
            continue
        number = plus(did.get("number"))
        label = did.get("label") or number
        digits = number.lstrip("+")
        add("%s-business-hours" % digits, "%s reaches its destination in business hours" % label, number, "business_hours")
        add("%s-after-hours" % digits, "%s after hours" % label, number, "after_hours")
        path = simulate_on(source_graph, number, named["business_hours"]) if "business_hours" in named else None
        menu = path.waiting_menu if path is not None else None
        if menu is not None:
            for key in sorted(menu.options):
                add("%s-option-%s" % (digits, key), "%s, option %s in business hours" % (label, key), number, "business_hours", (key,))
    return {"customer": (sow or {}).get("customer") or (inventory.get("source") or {}).get("customer"), "criteria": criteria}


def render_seed(seed):
    """The seed file: YAML the partner edits (one criterion per line, JSON flow style, which YAML reads as is)."""
    lines = ["---",
             "# Acceptance criteria proposed for %s from the collected call flows and the SOW inputs." % (seed.get("customer") or "the customer"),
             "# Review them with the partner, edit, and copy the list into the host's variables as ucaas_acceptance_criteria.",
             "# Fields: id, description, number (as the customer knows it), at (business_hours | after_hours | weekend | holiday |",
             "# ISO date-time), keys (pressed in order), conditions (no_answer | busy | unregistered),",
             "# expect {kind, id, targets, agents, agents_min, dispatch, menu}.",
             "ucaas_acceptance_criteria:" + ("" if seed["criteria"] else " []")]
    for criterion in seed["criteria"]:
        lines.append("  - " + json.dumps(criterion, sort_keys=False, ensure_ascii=False))
    return "\n".join(lines) + "\n"
