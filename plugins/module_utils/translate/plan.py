# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plan: canonical inventory + scope + standards + target + port + resolutions -> plan-v1.

``build_plan`` is pure (no files, no network): same input, same plan, same fingerprint.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import SCHEMA_VERSION
from ansible_collections.ucaas.migration.plugins.module_utils.translate.attendants import plan_attendants
from ansible_collections.ucaas.migration.plugins.module_utils.translate.context import Context, natural_key
from ansible_collections.ucaas.migration.plugins.module_utils.translate.extensions import assign_extensions
from ansible_collections.ucaas.migration.plugins.module_utils.translate.findings import BLOCKING, Findings, TranslationError, fix_line
from ansible_collections.ucaas.migration.plugins.module_utils.translate.numbers import check_port, plan_numbers
from ansible_collections.ucaas.migration.plugins.module_utils.translate.routing import plan_answer_rules, plan_queues, plan_time_routers
from ansible_collections.ucaas.migration.plugins.module_utils.translate.standards import domain_name, merged_standards
from ansible_collections.ucaas.migration.plugins.module_utils.translate.timeframes import plan_timeframes
from ansible_collections.ucaas.migration.plugins.module_utils.translate.timezones import TimeZones
from ansible_collections.ucaas.migration.plugins.module_utils.translate.users import (
    caller_id_name, digits, plan_devices, plan_sites, plan_users, plan_virtual_mailboxes, plan_voicemail_greetings,
)

PLAN_FORMAT = "ucaas.migration/plan-v1"
# Apply order of the recreate role; also the order of ``resources``.
RESOURCE_KINDS = ("domains", "sites", "timeframes", "users", "devices", "callqueues", "agents", "autoattendants", "greetings",
                  "answerrules", "phonenumbers", "smsnumbers")
MAPPING_CSV_FIELDS = ("source_collection", "source_id", "label", "target_kind", "target_key", "note")


def plan_fingerprint(domain, resources):
    canonical = json.dumps(dict(domain=domain, resources=resources), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _check_inventory(inventory):
    if not isinstance(inventory, dict) or inventory.get("schema_version") != SCHEMA_VERSION:
        raise TranslationError("inventory: expected a canonical inventory (schema_version %s)" % SCHEMA_VERSION)
    if not isinstance(inventory.get("source"), dict):
        raise TranslationError("inventory.source: required")


def _main_number(ctx):
    dids = list(ctx.objects("dids"))
    main = [did for did in dids if did.get("usage") == "main"] or dids
    return sorted(main, key=lambda did: natural_key(did["source_id"]))[0]["number"] if main else None


def _domain_item(ctx, target, customer):
    standards = ctx.standards
    reseller = target.get("reseller") or standards.get("reseller")
    if not reseller:
        raise TranslationError("target.reseller: required (or standards.reseller): the domain is created under a reseller")
    item = dict(domain=ctx.domain, reseller=str(reseller), description=str(target.get("description") or customer),
                time_zone=ctx.domain_time_zone, dial_policy=standards["dial_policy"])
    if standards.get("dial_plan"):
        item["dial_plan"] = standards["dial_plan"]
    where = dict(collection="domain", source_id=ctx.domain, label=customer)
    main = _main_number(ctx)
    sites = ctx.objects("sites")
    caller = next((site["caller_id"] for site in sites if site.get("caller_id")), {}) if sites else {}
    name = caller.get("name") or customer
    number = main or caller.get("number")
    item["caller_id_name"] = caller_id_name(ctx, name, where)
    if number:
        item["caller_id_number"] = digits(number)
        item["caller_id_number_emergency"] = digits(number)
    area_code = standards.get("area_code")
    if not area_code and number and number.startswith("+1") and len(number) == 12:
        area_code = number[2:5]
    if area_code:
        item["area_code"] = int(area_code)
    if standards.get("email_sender"):
        item["email_sender"] = standards["email_sender"]
    item["voicemail_enabled"] = standards["voicemail"]["enabled"]
    item["voicemail_transcription"] = standards["voicemail"]["transcription_engine"] if standards["voicemail"]["transcription"] else "no"
    for key, value in sorted((standards.get("domain_limits") or {}).items()):
        if value is not None:
            item[key] = int(value)
    return item


def _not_planned(ctx):
    """Objects of collections without a target kind: a mapping note or a finding each, never silence."""
    for fax in ctx.objects("fax"):
        ctx.findings.warning("fax_not_planned", ctx.source("fax", fax), "Fax service %s has no equivalent among the planned resources." % (
            fax.get("name") or fax["source_id"]), "Set up fax-to-email with the provider's fax product; route its DID there.")
        ctx.note("fax", fax, "not planned: fax is provisioned outside ns-api")
    for entry in ctx.objects("directory_entries"):
        ctx.note("directory_entries", entry, "not planned: shared contacts are imported in the portal")
    entries = ctx.objects("directory_entries")
    if entries:
        ctx.findings.info("directory_entries_not_planned", dict(collection="directory_entries", source_id="*", label="%d contacts" % len(entries)),
                          "%d shared contacts are not planned (no API resource); import them in the portal." % len(entries),
                          detail=",".join(entry["source_id"] for entry in entries))
    for asset in ctx.objects("audio_assets"):
        if ("audio_assets", asset["source_id"]) not in ctx.mapping:
            ctx.note("audio_assets", asset, "not planned: %s is not used by a planned greeting" % (asset.get("purpose") or "audio"))


def build_plan(inventory, scope=None, standards=None, target=None, port=None, resolutions=None, state_dir=None):
    """Return ``(plan, warnings)``; raises TranslationError on bad input (before anything is written)."""
    _check_inventory(inventory)
    merged, warnings = merged_standards(standards)
    target = dict(target or {})
    customer = inventory["source"].get("customer") or target.get("description") or ""
    findings = Findings(resolutions)
    time_zones = TimeZones(findings, merged["time_zone_map"])
    domain = domain_name(merged, target, target.get("description") or customer)
    ctx = Context(inventory, scope, merged, findings, time_zones, domain, state_dir)
    zone = target.get("time_zone") or inventory["source"].get("time_zone") or merged["time_zone"]
    ctx.domain_time_zone = time_zones.target(zone)
    if ctx.domain_time_zone is None:
        ctx.domain_time_zone = time_zones.target(merged["time_zone"])
    region = inventory["source"].get("default_region") or "US"
    port = check_port(port, region)

    assign_extensions(ctx)
    resources = dict((kind, []) for kind in RESOURCE_KINDS)
    resources["domains"] = [_domain_item(ctx, target, customer)]
    resources["sites"] = plan_sites(ctx)
    resources["timeframes"] = plan_timeframes(ctx)
    people = plan_users(ctx)
    mailbox_users, mailbox_rules = plan_virtual_mailboxes(ctx)
    router_users, router_rules = plan_time_routers(ctx)
    resources["users"] = people + mailbox_users + router_users
    resources["devices"] = plan_devices(ctx)
    resources["callqueues"], resources["agents"], queue_rules = plan_queues(ctx)
    resources["autoattendants"], attendant_greetings = plan_attendants(ctx)
    resources["greetings"] = plan_voicemail_greetings(ctx) + attendant_greetings
    resources["answerrules"] = plan_answer_rules(ctx, people) + mailbox_rules + router_rules + queue_rules
    resources["phonenumbers"], resources["smsnumbers"], dummy_statuses = plan_numbers(ctx, port)
    _not_planned(ctx)

    resources["users"].sort(key=lambda item: natural_key(item["user"]))
    resources["greetings"].sort(key=lambda item: (natural_key(item["user"]), item["index"]))
    rule_order = dict((key, index) for index, key in enumerate(
        (item["user"], item["time_frame"]) for item in resources["answerrules"]))
    resources["answerrules"].sort(key=lambda item: (natural_key(item["user"]), item["time_frame"] == "*", item.get("order") or 0,
                                                    rule_order[(item["user"], item["time_frame"])]))
    _check_unique(resources)

    finding_list = findings.sorted()
    counts = findings.counts()
    blocking = findings.unresolved_blocking()
    for digest in findings.stale_resolutions():
        warnings.append("ucaas_resolutions[%r] matches no finding of this plan (the facts changed, or a typo)" % digest)
    plan = dict(
        format=PLAN_FORMAT,
        domain=domain,
        fingerprint=plan_fingerprint(domain, resources),
        resources=resources,
        mapping=ctx.mapping_table(),
        findings=finding_list,
        summary=dict(resources=dict((kind, len(resources[kind])) for kind in RESOURCE_KINDS),
                     findings=dict((severity, counts[severity]) for severity in (BLOCKING, "warning", "info")),
                     blocking_unresolved=len(blocking)),
    )
    return plan, warnings


_IDENTITIES = {"domains": ("domain",), "sites": ("site",), "timeframes": ("name",), "users": ("user",), "devices": ("user", "device"),
               "callqueues": ("callqueue",), "agents": ("callqueue", "agent"), "autoattendants": ("user", "time_frame"),
               "greetings": ("user", "index"), "answerrules": ("user", "time_frame"), "phonenumbers": ("number",), "smsnumbers": ("number",)}


def item_key(kind, item):
    """The label of a config item: ``<identity>`` or ``<parent>/<identity>``."""
    return "/".join(str(item[field]) for field in _IDENTITIES[kind])


def _check_unique(resources):
    for kind, items in resources.items():
        keys = [item_key(kind, item).lower() for item in items]
        duplicates = sorted(set(key for key in keys if keys.count(key) > 1))
        if duplicates:
            raise TranslationError("plan: %s %s planned twice (two source objects map to the same target); check the extensions" % (
                kind, ", ".join(duplicates)))


def blocking_lines(plan):
    """Unresolved blocking findings with their fix, one line each."""
    return [dict(fingerprint=item["fingerprint"], kind=item["kind"], source=item["source"], message=item["message"], fix=fix_line(item))
            for item in plan["findings"] if item["severity"] == BLOCKING and item["resolution"] is None]


def mapping_csv(plan):
    """The mapping table as CSV: one row per (source object, target object); objects without target get one row with the note."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(MAPPING_CSV_FIELDS)
    for row in plan["mapping"]:
        source = row["source"]
        for target in row["targets"] or [dict(kind="", key="")]:
            writer.writerow((source["collection"], source["source_id"], source.get("label") or "", target["kind"], target["key"], row.get("note", "")))
    return stream.getvalue()
