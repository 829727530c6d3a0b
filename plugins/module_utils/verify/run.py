# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One verification of a migration host: state-directory inputs + the target's objects -> results.

Inputs (``<state dir>/<host>/``): plan.json and inventory.json (required), greetings.sha256.json,
journal.jsonl, cutover_state.json, port_state.json, provisioning_sheet.csv, sow_inputs.json (optional);
the read-back compares the target with the plan at the migration's stage (``module_utils/stage.py``). Outputs:
``verify_results.json`` and the criteria seed ``acceptance_criteria.seed.yml``, each written
only when its content changes (no time stamp in them, so a re-run of an unchanged domain
writes nothing).
"""

from __future__ import annotations

import json
import os

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactError, ArtifactSet, json_bytes, read_bytes
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.source import graph_from_inventory
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.target import graph_from_target
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.greeting_media import GreetingHashStore, HashStoreError
from ansible_collections.ucaas.migration.plugins.module_utils.stage import CUTOVER_STATE_NAME, staged_resources
from ansible_collections.ucaas.migration.plugins.module_utils.verify import acceptance, callflows
from ansible_collections.ucaas.migration.plugins.module_utils.verify.devices import (
    SHEET_NAME, provisioning_checks, registration_checks, sheet_statuses,
)
from ansible_collections.ucaas.migration.plugins.module_utils.verify.readback import FAIL, STATUSES, check, readback_checks

FORMAT = "ucaas.migration/verify-v1"
RESULTS_NAME = "verify_results.json"
MAX_FAILURE_LINES = 60


class VerifyError(ValueError):
    """Unusable input (a missing or unreadable artifact, bad criteria); the message names the file or variable."""


def read_json(path, required=True):
    content = read_bytes(path)
    if content is None:
        if required:
            raise VerifyError("%s: not found; run collect and recreate for this host first" % path)
        return None
    try:
        return json.loads(content.decode("utf-8"))
    except ValueError as exc:
        raise VerifyError("%s: not JSON (%s)" % (path, exc))


def read_jsonl(path):
    content = read_bytes(path)
    entries = []
    for number, line in enumerate((content or b"").decode("utf-8").splitlines(), 1):
        if line.strip():
            try:
                entries.append(json.loads(line))
            except ValueError as exc:
                raise VerifyError("%s line %d: not JSON (%s)" % (path, number, exc))
    return entries


def load_inputs(dest):
    """The state-directory inputs of one host (see the module docstring)."""
    def path(name):
        return os.path.join(dest, name)
    sheet = read_bytes(path(SHEET_NAME))
    try:
        store = GreetingHashStore(path("greetings.sha256.json"))
    except HashStoreError as exc:
        raise VerifyError(str(exc))
    return {
        "plan": read_json(path("plan.json")),
        "inventory": read_json(path("inventory.json")),
        "port_state": read_json(path("port_state.json"), required=False),
        "cutover_state": read_json(path(CUTOVER_STATE_NAME), required=False),
        "sow": read_json(path("sow_inputs.json"), required=False),
        "journal": read_jsonl(path("journal.jsonl")),
        "hash_store": store,
        "sheet": sheet_statuses(sheet.decode("utf-8") if sheet is not None else None),
    }


def _counts(checks):
    counts = dict((status, 0) for status in STATUSES)
    for item in checks:
        counts[item["status"]] += 1
    return counts


def verify(inputs, gathered, start, criteria=None, accepted_differences=None, require_registration=False, default_region="US"):
    """The results document (see docs/phases/verify.md) and the criteria seed text."""
    plan_document, inventory = inputs["plan"], inputs["inventory"]
    try:
        criteria = acceptance.check_criteria(criteria)
        accepted = callflows.check_accepted_differences(accepted_differences)
    except (acceptance.CriteriaError, callflows.DifferenceError) as exc:
        raise VerifyError(str(exc))
    # what the target should hold now: after the cutover and the port, the plan with their deliberate changes
    staged = dict(plan_document, resources=staged_resources(plan_document, inputs.get("cutover_state"), inputs.get("port_state")))
    checks, problems = readback_checks(staged, gathered, inputs["hash_store"], inputs["journal"])
    checks.extend(check("plan", "plan", "resources", FAIL, problem) for problem in problems)
    checks.extend(provisioning_checks(plan_document, gathered, inputs["sheet"]))
    checks.extend(registration_checks(plan_document, gathered, require_registration))

    source_graph = graph_from_inventory(inventory)
    target_graph = graph_from_target(gathered, default_region=default_region)
    mapped, pending = callflows.number_map(inventory, plan_document, inputs["port_state"])
    renamed = callflows.extension_map(inventory, plan_document)
    labels = dict((callflows.plus(did.get("number")), did.get("label") or "") for did in inventory.get("dids") or [])
    # an auto attendant called directly is named like the menu callers know
    labels.update((callflows.ATTENDANT_PREFIX + str(attendant.get("extension")), attendant.get("name") or "")
                  for attendant in inventory.get("auto_attendants") or [] if attendant.get("extension"))
    flows = callflows.compare_all(source_graph, target_graph, start, mapped, pending, callflows.planned_dispatch(plan_document),
                                  accepted, renamed, labels)
    criteria_results = acceptance.evaluate(criteria, source_graph, target_graph, start, mapped)
    seed = acceptance.seed_criteria(inventory, graph_from_inventory(inventory), start, renamed, inputs["sow"])

    counts = _counts(checks)
    failed_criteria = [item for item in criteria_results if item["status"] == FAIL]
    passed = counts[FAIL] == 0 and flows["totals"]["mismatch"] == 0 and not failed_criteria
    results = {
        "format": FORMAT,
        "domain": plan_document.get("domain"),
        "plan_fingerprint": plan_document.get("fingerprint"),
        "passed": passed,
        "summary": {"checks": counts, "call_flows": flows["totals"],
                    "criteria": {"pass": len(criteria_results) - len(failed_criteria), "fail": len(failed_criteria)}},
        "checks": sorted(checks, key=lambda item: (item["topic"], item["kind"], item["key"], item["id"])),
        "call_flows": flows,
        "criteria": criteria_results,
        "number_map": dict(sorted(mapped.items())),
    }
    return results, acceptance.render_seed(seed)


def failure_lines(results, limit=MAX_FAILURE_LINES):
    """One line per failed check, criterion and call-flow mismatch (with both paths)."""
    lines = [item["message"] for item in results["checks"] if item["status"] == FAIL]
    lines += ["acceptance criterion %s" % item["message"] for item in results["criteria"] if item["status"] == FAIL]
    for item in results["call_flows"]["differences"]:
        if item["status"] == "mismatch":
            lines.append("call flow %s | source path: %s | target path: %s" % (
                item["message"], " -> ".join(item["source"]["path"]), " -> ".join(item["target"]["path"])))
    if len(lines) > limit:
        lines = lines[:limit] + ["... and %d more (see %s)" % (len(lines) - limit, RESULTS_NAME)]
    return lines


def write_results(dest, results, seed_text, check_mode=False):
    """Write verify_results.json and the criteria seed when changed; returns the list of files written (would be, in check mode)."""
    artifacts = ArtifactSet(dest)
    artifacts.add(RESULTS_NAME, json_bytes(results))
    artifacts.add(acceptance.SEED_NAME, seed_text)
    try:
        return [entry["file"] for entry in artifacts.commit(check_mode=check_mode) if entry["changed"]]
    except ArtifactError as exc:
        raise VerifyError(str(exc))
