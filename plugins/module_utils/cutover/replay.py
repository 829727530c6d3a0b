# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cutover journal (``<state dir>/<host>/cutover_journal.jsonl``) and its replay for rollback.

Lines have the shape of the recreate journal (``{at, run_id, phase, kind, key, outcome, before,
after, msg, domain}``) plus ``system``: ``target`` (the provider's domain) or ``source`` (the
customer's old NetSapiens domain).  Besides the writes of the resource modules (``before`` holds
the prior value of every option changed) the journal holds events: ``window`` (the guard's
record: inside, or overridden with the reason), ``provisioning_push`` (``manual``: the
instruction given for a phone).

Rollback restores the writes of the cutover since the last completed rollback (a ``rollback``
line with outcome ``completed``), newest first: per object and option the oldest ``before``
wins, which is the value the object had before the first of those writes.  An object the
cutover created is deleted.  Restoring is idempotent: the resource modules leave objects that
already hold the prior values alone, and once the completion line is written a new rollback
has nothing left to restore.
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.cutover.preflight import IDENTITY
from ansible_collections.ucaas.migration.plugins.module_utils.journal import JournalError, entries_from_results

JOURNAL_NAME = "cutover_journal.jsonl"
STATE_NAME = "cutover_state.json"
SYSTEMS = ("target", "source")
CUTOVER = "cutover"
ROLLBACK = "rollback"
COMPLETED = "completed"
EVENT_KEYS = ("kind", "key", "outcome", "msg", "system")


def since_last_rollback(entries):
    """The entries after the last completed rollback."""
    start = 0
    for index, entry in enumerate(entries):
        if entry.get("phase") == ROLLBACK and entry.get("kind") == ROLLBACK and entry.get("outcome") == COMPLETED:
            start = index + 1
    return entries[start:]


def write_entries(results, kind, run_id, at, system, domain, phase=CUTOVER, task_failed=False, task_msg=""):
    """Journal entries of a resource module's ``results``, marked with the system written to."""
    if system not in SYSTEMS:
        raise JournalError("system: %r is not one of %s" % (system, ", ".join(SYSTEMS)))
    entries = entries_from_results(results, kind, run_id, at, phase=phase, domain=domain, task_failed=task_failed, task_msg=task_msg)
    for entry in entries:
        entry["system"] = system
    return entries


def event_entry(event, run_id, at, phase=CUTOVER):
    """A journal line for an event ``{kind, key, outcome, msg, system?, domain?, after?}``."""
    if not isinstance(event, dict) or not event.get("kind") or not event.get("outcome"):
        raise JournalError("events: every event needs kind and outcome, got %r" % (event,))
    entry = {"at": at, "run_id": run_id, "phase": phase, "kind": event["kind"], "key": event.get("key"), "outcome": event["outcome"],
             "before": dict(event.get("before") or {}), "after": dict(event.get("after") or {}), "msg": event.get("msg") or ""}
    for name in ("system", "domain"):
        if event.get(name):
            entry[name] = event[name]
    return entry


def _event_identity(entry):
    return tuple(entry.get(name) for name in EVENT_KEYS)


def new_events(existing, events, run_id, at, phase=CUTOVER):
    """Entries for the ``events`` not journaled yet since the last rollback (same kind, key, outcome, msg, system)."""
    seen = set(_event_identity(entry) for entry in since_last_rollback(existing))
    fresh = []
    for event in events or []:
        entry = event_entry(event, run_id, at, phase=phase)
        if _event_identity(entry) not in seen:
            seen.add(_event_identity(entry))
            fresh.append(entry)
    return fresh


def window_entry(record, run_id, at, phase=CUTOVER):
    """The guard's record as a ``window`` line: outcome ``inside``, ``overridden`` or ``outside``."""
    record = dict(record or {})
    outcome = "inside" if record.get("inside") else ("overridden" if record.get("reason") else "outside")
    msg = "reason: %s" % record["reason"] if outcome == "overridden" else ("rehearsal clock %s" % record.get("now_used") if record.get("rehearsal") else "")
    return {"at": at, "run_id": run_id, "phase": phase, "kind": "window", "key": None, "outcome": outcome, "before": {},
            "after": record, "msg": msg}


def with_window(existing, entries, window, run_id, at, phase=CUTOVER):
    """``entries`` preceded by the window line when this run has none yet.

    A run outside its window (overridden) is journaled even when it writes nothing; a run inside it only
    together with its first write, so a re-run that changes nothing leaves the journal alone.
    """
    if not window:
        return list(entries)
    if any(entry.get("run_id") == run_id and entry.get("kind") == "window" for entry in existing):
        return list(entries)
    line = window_entry(window, run_id, at, phase=phase)
    if entries or line["outcome"] == "overridden":
        return [line] + list(entries)
    return list(entries)


def _config_item(kind, key, values):
    parts = str(key).split("/", len(IDENTITY[kind]) - 1)
    if len(parts) != len(IDENTITY[kind]):
        raise JournalError("%s %s: the key does not name %s" % (kind, key, "/".join(IDENTITY[kind])))
    item = dict(zip(IDENTITY[kind], parts))
    for option, value in sorted(values.items()):
        # the modules treat an absent string and an empty one alike; '' clears what the cutover set
        item[option] = "" if value is None else value
    return item


def restore_plan(entries):
    """The rollback as ``[{system, domain, kind, state, config, runs}]``, in the order to apply.

    Groups come newest first (reverse order of each object's first change); ``state`` is ``merged``
    (prior values) or ``deleted`` (objects the cutover created).
    """
    pending = [entry for entry in since_last_rollback(entries) if entry.get("phase") == CUTOVER]
    objects = {}
    order = []
    for entry in pending:
        if entry.get("outcome") not in ("updated", "created") or entry.get("kind") not in IDENTITY or entry.get("key") is None:
            continue
        ident = (entry.get("system") or "target", entry.get("domain"), entry["kind"], str(entry["key"]))
        if ident not in objects:
            objects[ident] = {"created": entry["outcome"] == "created", "before": {}, "runs": []}
            order.append(ident)
        record = objects[ident]
        for option, value in (entry.get("before") or {}).items():
            record["before"].setdefault(option, value)
        for option in (entry.get("after") or {}):
            # an option first set by this write had no value before it
            record["before"].setdefault(option, None)
        if entry.get("run_id") not in record["runs"]:
            record["runs"].append(entry.get("run_id"))
    groups = []
    by_group = {}
    for ident in reversed(order):
        system, domain, kind, key = ident
        record = objects[ident]
        state = "deleted" if record["created"] else "merged"
        group_id = (system, domain, kind, state)
        if group_id not in by_group:
            by_group[group_id] = {"system": system, "domain": domain, "kind": kind, "state": state, "config": [], "runs": []}
            groups.append(by_group[group_id])
        group = by_group[group_id]
        if record["created"]:
            group["config"].append(_config_item(kind, key, {}))
        else:
            values = dict((option, value) for option, value in record["before"].items() if value != "********")
            group["config"].append(_config_item(kind, key, values))
        for run in record["runs"]:
            if run not in group["runs"]:
                group["runs"].append(run)
    return groups


def completion_entry(groups, run_id, at):
    runs = sorted(set(run for group in groups for run in group["runs"] if run))
    count = sum(len(group["config"]) for group in groups)
    return {"at": at, "run_id": run_id, "phase": ROLLBACK, "kind": ROLLBACK, "key": None, "outcome": COMPLETED, "before": {},
            "after": {"restored_objects": count, "cutover_runs": runs},
            "msg": "restored %d object(s) changed by cutover run(s) %s" % (count, ", ".join(runs) or "-")}
