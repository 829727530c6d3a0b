# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The post-migration report as data: what migrated, what did not, known gaps, numbers, cutover, change window.

Built offline from the host's state directory: plan.json, inventory.json, scope.json,
verify_results.json (required: run verify first), port_state.json, cutover_state.json and
cutover_journal.jsonl (optional: phases not run yet are said so). The same document renders
to JSON, Markdown and HTML (``report_render``).
"""

from __future__ import annotations

import datetime
import os

from ansible_collections.ucaas.migration.plugins.module_utils.callflow.timeframes import zone
from ansible_collections.ucaas.migration.plugins.module_utils.cutover.replay import COMPLETED, JOURNAL_NAME, ROLLBACK, STATE_NAME
from ansible_collections.ucaas.migration.plugins.module_utils.reports.scope import NEEDS_PARTNER_INPUT, NOT_MIGRATE
from ansible_collections.ucaas.migration.plugins.module_utils.verify.callflows import plus
from ansible_collections.ucaas.migration.plugins.module_utils.verify.readback import FAIL, SKIP, WARN
from ansible_collections.ucaas.migration.plugins.module_utils.verify.run import RESULTS_NAME, VerifyError, read_json, read_jsonl

FORMAT = "ucaas.migration/post-migration-report-v1"
CUTOVER_TIME_KEYS = ("cutover_completed_at", "completed_at", "cutover_at", "finished_at")
WRITE_OUTCOMES = ("created", "updated", "deleted")


def _parse_time(value):
    text = str(value or "").strip()
    if not text:
        return None
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def _utc_text(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def cutover_summary(state, entries):
    """``{recorded, at, source, runs, by_kind, rolled_back_at, windows}`` from cutover_state.json and the cutover journal."""
    last_rollback = None
    for entry in entries:
        if entry.get("phase") == ROLLBACK and entry.get("kind") == ROLLBACK and entry.get("outcome") == COMPLETED:
            last_rollback = entry.get("at")
    writes = [entry for entry in entries if entry.get("phase") == "cutover" and entry.get("outcome") in WRITE_OUTCOMES + ("failed",)]
    by_kind = {}
    for entry in writes:
        counts = by_kind.setdefault("%s (%s)" % (entry.get("kind"), entry.get("system") or "target"), {})
        counts[entry["outcome"]] = counts.get(entry["outcome"], 0) + 1
    windows = [{"at": entry.get("at"), "outcome": entry.get("outcome"), "msg": entry.get("msg") or ""}
               for entry in entries if entry.get("kind") == "window"]
    at, source = None, None
    for key in CUTOVER_TIME_KEYS:
        moment = _parse_time((state or {}).get(key))
        if moment is not None:
            at, source = moment, "%s %s" % (STATE_NAME, key)
            break
    if at is None:
        effective = [entry for entry in writes if entry.get("outcome") != "failed" and (last_rollback is None or str(entry.get("at")) > last_rollback)]
        timed = [(moment, entry) for moment, entry in ((_parse_time(entry.get("at")), entry) for entry in effective) if moment is not None]
        if timed:
            at, last = max(timed, key=lambda pair: pair[0])
            source = "%s, last cutover write" % JOURNAL_NAME
            # a rehearsal on the lab runs on its rehearsal clock: the change window follows that clock, not the controller's
            clock = [entry.get("after") or {} for entry in entries
                     if entry.get("kind") == "window" and entry.get("run_id") == last.get("run_id") and (entry.get("after") or {}).get("rehearsal")]
            rehearsed = _parse_time(clock[-1].get("now_used")) if clock else None
            if rehearsed is not None:
                at, source = rehearsed, "%s, rehearsal clock of run %s" % (JOURNAL_NAME, last.get("run_id"))
    return {"recorded": at is not None, "at": _utc_text(at) if at else None, "source": source,
            "runs": sorted(set(str(entry.get("run_id")) for entry in writes if entry.get("run_id"))),
            "by_kind": dict(sorted(by_kind.items())), "rolled_back_at": last_rollback, "windows": windows, "entries": len(entries)}


def change_window(cutover, hours, time_zone):
    """When the partner's change window closes: ``{hours, closes_at, closes_local, text}``."""
    if not cutover["recorded"]:
        return {"hours": hours, "closes_at": None, "closes_local": None, "text": "cutover not recorded yet"}
    closes = _parse_time(cutover["at"]) + datetime.timedelta(hours=hours)
    local = closes.astimezone(zone(time_zone))
    local_text = local.strftime("%A %Y-%m-%d %H:%M ") + (local.tzname() or time_zone)
    return {"hours": hours, "closes_at": _utc_text(closes), "closes_local": local_text,
            "text": "the %d-hour change window closes %s (%s); cutover recorded %s from %s" % (
                hours, local_text, _utc_text(closes), cutover["at"], cutover["source"])}


def number_rows(inventory, plan_document, port_state, results, scope=None):
    """original -> temporary -> ported, SMS, per DID of the inventory (a DID the scope leaves out says so, with the reason)."""
    excluded = dict((str(item.get("source_id")), item.get("reason") or "") for item in (scope or {}).get("items") or []
                    if item.get("kind") == "dids" and item.get("classification") == NOT_MIGRATE)
    mapped = results.get("number_map") or {}
    port_entries = dict((plus(entry.get("number")), entry) for entry in (port_state or {}).get("numbers") or [])
    sms = dict((plus(entry.get("number")), entry) for entry in inventory.get("sms_numbers") or [])
    sms_state = dict((plus(entry.get("number")), entry) for entry in (port_state or {}).get("sms") or [])
    planned = set(plus(item.get("number")) for item in (plan_document.get("resources") or {}).get("phonenumbers") or [])
    per_number = dict((row["number"], row) for row in (results.get("call_flows") or {}).get("numbers") or [])
    rows = []
    for did in sorted(inventory.get("dids") or [], key=lambda item: str(item.get("number"))):
        number = plus(did.get("number"))
        port = port_entries.get(number) or {}
        target = mapped.get(number)
        temporary = plus(port.get("temporary")) if port.get("temporary") else (target if target and target != number else None)
        if str(did.get("source_id")) in excluded and not port and number not in planned:
            ported = "not migrated: %s" % (excluded[str(did.get("source_id"))] or "out of scope")
        elif port.get("stage"):
            ported = port["stage"]
        elif number in planned:
            ported = "not ported (created on the target)"
        else:
            ported = "awaiting port"
        flows = per_number.get(number) or {}
        if ported.startswith("not migrated"):
            flow_text = ""
        elif flows.get("pending"):
            flow_text = "not compared: " + flows["pending"]
        elif flows:
            flow_text = "%d calls: %d match, %d accepted, %d differ" % (flows["calls"], flows["match"], flows["accepted"], flows["mismatch"])
        else:
            flow_text = ""
        sms_entry = sms_state.get(number) or sms.get(number)
        sms_text = ""
        if sms_entry:
            sms_text = sms_entry.get("state") or ("after the port (%s)" % sms_entry.get("carrier") if sms_entry.get("carrier") else "after the port")
        rows.append({"original": number, "label": did.get("label") or "", "temporary": temporary, "ported": ported,
                     "answers_on_target": target, "sms": sms_text, "call_flow": flow_text})
    return rows


def _not_migrated(scope, sow):
    rows = []
    for item in (scope or {}).get("items") or []:
        if item.get("classification") in (NOT_MIGRATE, NEEDS_PARTNER_INPUT):
            rows.append({"kind": item.get("kind"), "item": item.get("label") or item.get("source_id"),
                         "status": "not migrated" if item["classification"] == NOT_MIGRATE else "needs partner input",
                         "reason": item.get("reason") or "", "partner_action": item.get("partner_action") or ""})
    categories = [{"title": entry.get("title"), "reason": entry.get("reason")}
                  for entry in (sow or {}).get("not_migrated_categories") or (scope or {}).get("categories") or []
                  if entry.get("classification", NOT_MIGRATE) == NOT_MIGRATE]
    return rows, categories


def _gaps(plan_document, results):
    findings = [{"severity": finding.get("severity"), "kind": finding.get("kind"),
                 "object": (finding.get("source") or {}).get("label") or (finding.get("source") or {}).get("source_id"),
                 "message": finding.get("message"), "suggestion": finding.get("suggestion") or ""}
                for finding in plan_document.get("findings") or []
                if finding.get("severity") in ("warning", "blocking") and not finding.get("resolution")]
    checks = [{"status": item["status"], "topic": item["topic"], "message": item["message"]}
              for item in results.get("checks") or [] if item["status"] in (FAIL, WARN, SKIP)]
    differences = [item for item in (results.get("call_flows") or {}).get("differences") or [] if item["status"] == "mismatch"]
    accepted = [item for item in (results.get("call_flows") or {}).get("differences") or [] if item["status"] == "accepted"]
    criteria = [item for item in results.get("criteria") or [] if item["status"] == FAIL]
    return {"findings": findings, "checks": checks, "call_flow_differences": differences, "accepted_differences": accepted,
            "failed_criteria": criteria}


def build_report(dest, change_window_hours=48, time_zone="America/New_York", title=None):
    """The report document of the host in ``dest``."""
    def path(name):
        return os.path.join(dest, name)
    results = read_json(path(RESULTS_NAME), required=False)
    if results is None:
        raise VerifyError("%s: not found; run the verify step (ucaas.migration.migration_verify) first" % path(RESULTS_NAME))
    plan_document = read_json(path("plan.json"))
    inventory = read_json(path("inventory.json"))
    scope = read_json(path("scope.json"), required=False)
    sow = read_json(path("sow_inputs.json"), required=False)
    port_state = read_json(path("port_state.json"), required=False)
    cutover = cutover_summary(read_json(path(STATE_NAME), required=False), read_jsonl(path(JOURNAL_NAME)))
    not_migrated, categories = _not_migrated(scope, sow)
    customer = (sow or {}).get("customer") or (inventory.get("source") or {}).get("customer") or ""
    verified = dict((item["kind"], 0) for item in results.get("checks") or [])
    for item in results.get("checks") or []:
        if item["status"] == "pass":
            verified[item["kind"]] += 1
    migrated = [{"kind": kind, "planned": count, "verified_checks": verified.get(kind, 0)}
                for kind, count in ((plan_document.get("summary") or {}).get("resources") or {}).items()]
    texting = [entry for entry in (port_state or {}).get("sms") or [] if entry.get("state") == "active"]
    if texting:
        # SMS numbers of ported numbers are created by finalize_port, not planned by recreate
        migrated.append({"kind": "smsnumbers after the port (finalize_port)", "planned": len(texting), "verified_checks": None})
    return {
        "format": FORMAT,
        "title": title or "Post-migration report%s" % (" - %s" % customer if customer else ""),
        "customer": customer,
        "domain": results.get("domain"),
        "plan_fingerprint": results.get("plan_fingerprint"),
        "passed": results.get("passed"),
        "verification": results.get("summary"),
        "migrated": migrated,
        "not_migrated": not_migrated,
        "not_migrated_categories": categories,
        "gaps": _gaps(plan_document, results),
        "numbers": number_rows(inventory, plan_document, port_state, results, scope),
        "port_state": "recorded" if port_state else "finalize_port has not run yet",
        "cutover": cutover,
        "change_window": change_window(cutover, int(change_window_hours), time_zone),
        "criteria": results.get("criteria") or [],
        "call_flows": [{"number": row["number"], "label": row.get("label") or "", "target_number": row.get("target_number"),
                        "diagram": row.get("diagram") or []} for row in (results.get("call_flows") or {}).get("numbers") or []
                       if row.get("diagram")],
    }
