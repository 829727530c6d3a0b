# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the target domain should hold at the migration's current stage.

plan.json is the configuration the partner approved: ported numbers' temporary DIDs, emergency
caller IDs as collected.  The cutover and finalize_port then change a few of those values on
purpose (``cutover_state.json``, ``port_state.json``):

* after the cutover, emergency caller ID sits on a temporary DID, never on a number that has
  not ported yet (the temporary DID of that number, else the main number's);
* once finalize_port has finished a number, its original DID routes like its temporary DID did,
  emergency caller ID moves from the temporary DID to the original, and the temporary DID is gone
  (or back in the pool as ``available-number``).

:func:`staged_resources` applies those changes to a copy of the plan's resources, so recreate
re-applied after the cutover or the port changes nothing, the cutover re-run after the port leaves
finished numbers alone, and verify reads the target back against what it should hold now.
The plan itself (and its fingerprint, which approval records) never changes.
"""

from __future__ import annotations

import copy
import json
import os

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactError, read_bytes

CUTOVER_STATE_NAME = "cutover_state.json"
PORT_STATE_NAME = "port_state.json"
CUT_OVER = "cut_over"
FINALIZED = "finalized"
AVAILABLE = "available-number"
EMERGENCY = "caller_id_number_emergency"
EMERGENCY_KINDS = ("domains", "sites", "users", "devices")
ROUTE_FIELDS = ("enabled", "application", "destination_user", "destination_host", "parameter", "caller_name_prefix")


class StageError(Exception):
    """A stage record is unreadable; the message names the file."""


def _digits(value):
    return "".join(char for char in str(value or "") if char.isdigit())


def _read(path):
    try:
        content = read_bytes(path)
    except ArtifactError as exc:
        raise StageError(str(exc))
    if content is None:
        return None
    try:
        document = json.loads(content.decode("utf-8"))
    except ValueError as exc:
        raise StageError("%s: not JSON (%s)" % (path, exc))
    if not isinstance(document, dict):
        raise StageError("%s: not a JSON object" % path)
    return document


def load_stage(dest):
    """``{'cutover': cutover_state or None, 'port': port_state or None}`` of a host's state directory."""
    return {"cutover": _read(os.path.join(dest, CUTOVER_STATE_NAME)), "port": _read(os.path.join(dest, PORT_STATE_NAME))}


class Stage:
    """The number facts of the stage records, in the API's digit form."""

    def __init__(self, cutover_state=None, port_state=None):
        cutover_state = cutover_state or {}
        port_state = port_state or {}
        self.cut_over = cutover_state.get("status") == CUT_OVER
        self.temporary_of = {}
        self.fallback = _digits(cutover_state.get("emergency_number")) or None
        self.pending = set()
        if self.cut_over:
            for entry in cutover_state.get("numbers") or []:
                original, temporary = _digits(entry.get("original")), _digits(entry.get("temporary"))
                if original and temporary:
                    self.temporary_of[original] = temporary
            self.pending = set(self.temporary_of) | set(_digits(number) for number in cutover_state.get("without_temporary") or [])
        self.after_port = port_state.get("temporary_after_port") or "delete"
        # original -> {temporary, label} of every number finalize_port has finished
        self.finalized = {}
        for entry in port_state.get("numbers") or []:
            if entry.get("stage") == FINALIZED and entry.get("temporary"):
                self.finalized[_digits(entry.get("number"))] = {"temporary": _digits(entry.get("temporary")), "label": entry.get("label") or ""}
        self.pending -= set(self.finalized)
        self.original_of_finished = dict((facts["temporary"], original) for original, facts in self.finalized.items())

    @property
    def active(self):
        return self.cut_over or bool(self.finalized)

    def emergency(self, value):
        """Where an emergency caller ID planned as ``value`` sits at this stage (``value`` itself when it does not move)."""
        number = _digits(value)
        if not number:
            return value
        staged = number
        if staged in self.pending:
            staged = self.temporary_of.get(staged) or self.fallback or staged
        staged = self.original_of_finished.get(staged, staged)
        return value if staged == number else staged


def staged_resources(plan, cutover_state=None, port_state=None):
    """A copy of ``plan['resources']`` with the cutover's and finalize_port's deliberate changes (see the module docstring)."""
    resources = copy.deepcopy((plan or {}).get("resources") or {})
    stage = Stage(cutover_state, port_state)
    if not stage.active:
        return resources
    for kind in EMERGENCY_KINDS:
        for item in resources.get(kind) or []:
            if item.get(EMERGENCY):
                item[EMERGENCY] = stage.emergency(item[EMERGENCY])
            elif kind == "domains" and stage.cut_over and stage.fallback:
                # the cutover gives a domain without one the main number's temporary DID
                item[EMERGENCY] = stage.emergency(stage.fallback)
            elif kind == "users" and stage.cut_over and _digits(item.get("caller_id_number")) in stage.temporary_of:
                # the cutover gives a user calling out with a pending original that number's temporary DID
                item[EMERGENCY] = stage.emergency(stage.temporary_of[_digits(item["caller_id_number"])])
    if stage.finalized:
        resources["phonenumbers"] = _finished_numbers(resources.get("phonenumbers") or [], stage)
    return resources


def _finished_numbers(items, stage):
    by_number = dict((_digits(item.get("number")), item) for item in items)
    staged = []
    for item in items:
        number = _digits(item.get("number"))
        original = stage.original_of_finished.get(number)
        if original is None:
            staged.append(item)
            continue
        if original not in by_number:
            route = dict((field, item[field]) for field in ROUTE_FIELDS if item.get(field) not in (None, ""))
            staged.append(dict(route, number=original, description=stage.finalized[original]["label"] or "Ported number"))
        if stage.after_port == "available":
            staged.append({"number": number, "application": AVAILABLE, "destination_user": "[*]",
                           "description": "Available (temporary number of +%s until its port)" % original})
    return staged


def stage_summary(cutover_state=None, port_state=None):
    """One line for people: where the migration stands."""
    stage = Stage(cutover_state, port_state)
    if not stage.active:
        return "before the cutover: plan.json as it is"
    parts = ["cut over" if stage.cut_over else "not cut over"]
    parts.append("%d number(s) ported and finished, %d still on temporary DIDs" % (len(stage.finalized), len(stage.pending)))
    return "; ".join(parts)
