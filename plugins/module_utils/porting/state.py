# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``<state dir>/<host>/port_state.json``: where each ported number stands, after each finalize_port run.

The document only changes when a number's situation changes, so a re-run writes nothing.
``finalized_at``/``finalized_by`` (the run that finished the number) are kept from the
previous document.
"""

from __future__ import annotations

import json

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactError, json_bytes, read_bytes, write_if_changed

PORT_STATE_NAME = "port_state.json"
FORMAT = "ucaas.migration/port-state-v1"
NUMBER_FIELDS = ("number", "temporary", "label", "order", "carrier", "port_status", "foc_date", "completed_at", "stage",
                 "original_on_target", "temporary_on_target")


def read_port_state(path):
    """The previous document, or None; an unreadable one raises ArtifactError naming the file."""
    content = read_bytes(path)
    if content is None:
        return None
    try:
        document = json.loads(content.decode("utf-8"))
    except ValueError as exc:
        raise ArtifactError("%s: not JSON (%s); move it aside to start a new port state" % (path, exc))
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ArtifactError("%s: not a %s document" % (path, FORMAT))
    return document


def port_state_document(result, after_port, previous=None, at=None, run_id=None):
    """The document for a :meth:`Finalize.run` result of the target as it is after the run."""
    kept = dict((entry.get("number"), entry) for entry in (previous or {}).get("numbers") or [])
    numbers = []
    for number in result["numbers"]:
        entry = dict((field, number.get(field)) for field in NUMBER_FIELDS)
        before = kept.get(number["number"]) or {}
        if number["stage"] == "finalized":
            if before.get("stage") == "finalized" and before.get("finalized_at"):
                entry["finalized_at"], entry["finalized_by"] = before.get("finalized_at"), before.get("finalized_by")
            else:
                entry["finalized_at"], entry["finalized_by"] = at, run_id
        numbers.append(entry)
    sms = [dict((key, record.get(key)) for key in ("number", "state", "application", "destination", "carrier", "campaign", "reason")
                if record.get(key) is not None) for record in result["sms"]]
    return {
        "format": FORMAT,
        "domain": result["domain"],
        "temporary_after_port": after_port,
        "numbers": numbers,
        "sms": sms,
        "summary": {"stages": result["summary"]["stages"], "sms": result["summary"]["sms"]},
    }


def record_port_state(path, result, after_port, at, run_id, check_mode=False):
    """Write the document when it changed; returns ``(changed, document)``."""
    document = port_state_document(result, after_port, previous=read_port_state(path), at=at, run_id=run_id)
    changed, dummy_before = write_if_changed(path, json_bytes(document), check_mode=check_mode)
    return changed, document
