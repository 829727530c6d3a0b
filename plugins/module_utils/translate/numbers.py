# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Phone numbers and SMS numbers, and which numbers the port brings.

A DID is *ported* when ``port.numbers`` is ``all`` (every DID not marked temporary) or lists
it; without port information, a DID with a ``porting`` block is ported.  Ported originals are
not planned: they arrive in finalize_port (their SMS numbers too).  Temporary DIDs (usage
``temporary``, or ``port.temporary`` entries ``{number, for}`` that stand in for an original)
and numbers not ported are planned with their routing.
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import NormalizationError, normalize_e164
from ansible_collections.ucaas.migration.plugins.module_utils.translate.context import natural_key
from ansible_collections.ucaas.migration.plugins.module_utils.translate.destinations import dial_rule, resolve
from ansible_collections.ucaas.migration.plugins.module_utils.translate.findings import TranslationError

PORTED = "ported"
TEMPORARY = "temporary"
NOT_PORTED = "not_ported"


def _e164(value, where, region):
    try:
        return normalize_e164(str(value), region)
    except (NormalizationError, ValueError) as exc:
        raise TranslationError("%s: %s" % (where, exc))


def check_port(port, region="US"):
    """Normalise the port option: ``{"numbers": "all" | [E.164] | None, "temporary": [{number, for}]}``."""
    port = port or {}
    if not isinstance(port, dict):
        raise TranslationError("port: expected ucaas_schedule.port (a mapping with numbers)")
    numbers = port.get("numbers")
    if numbers is not None and numbers != "all":
        if not isinstance(numbers, list):
            raise TranslationError("port.numbers: expected 'all' or a list of phone numbers, got %r" % (numbers,))
        numbers = sorted(set(_e164(number, "port.numbers[%d]" % index, region) for index, number in enumerate(numbers)))
    temporary = []
    for index, entry in enumerate(port.get("temporary") or []):
        if not isinstance(entry, dict) or not entry.get("number") or not entry.get("for"):
            raise TranslationError("port.temporary[%d]: expected {number, for} (the temporary number and the original it stands in for)" % index)
        temporary.append(dict(number=_e164(entry["number"], "port.temporary[%d].number" % index, region),
                              original=_e164(entry["for"], "port.temporary[%d].for" % index, region)))
    return dict(numbers=numbers, temporary=temporary)


def port_status(did, port):
    if did.get("usage") == "temporary":
        return TEMPORARY
    if port["numbers"] == "all":
        return PORTED
    if isinstance(port["numbers"], list):
        return PORTED if did["number"] in port["numbers"] else NOT_PORTED
    return PORTED if did.get("porting") else NOT_PORTED


def _route(ctx, did, source):
    """(application, destination user) for a DID; available-number when it goes nowhere."""
    if not did.get("destination"):
        return "available-number", "[*]"
    target = resolve(ctx, did["destination"], source, "routing")
    rule = dial_rule(target)
    if rule is None:
        if target is not None:
            ctx.findings.warning("did_action_unsupported", source, "%s routes to %s, which a number cannot do; it is planned as available." % (
                did["number"], target["type"]), "Route it in the inventory.", detail=target["type"])
        return "available-number", "[*]"
    if target["type"] == "queue" and (ctx.get("queues", did["destination"]["id"]) or {}).get("announce_position"):
        return "to-callqueue-announce-count-callers-ahead", rule[1]
    return rule


def _prefix(ctx, did):
    if did.get("caller_name_prefix"):
        return did["caller_name_prefix"]
    destination = did.get("destination") or {}
    collection = {"hunt_group": "hunt_groups", "queue": "queues"}.get(destination.get("type"))
    if collection:
        return (ctx.get(collection, destination.get("id")) or {}).get("caller_name_prefix")
    return None


def _item(ctx, did, number, source, description):
    application, user = _route(ctx, did, source)
    item = dict(number=number, enabled=True, application=application, destination_user=user)
    if application != "available-number":
        item["destination_host"] = ctx.domain
    prefix = _prefix(ctx, did)
    if prefix:
        item["caller_name_prefix"] = prefix
    if description:
        item["description"] = description
    return item


def plan_numbers(ctx, port):
    """Returns (phonenumber items, smsnumber items, {number: status})."""
    items, statuses = [], {}
    by_number = {}
    for did in ctx.objects("dids"):
        source = ctx.source("dids", did)
        status = port_status(did, port)
        statuses[did["number"]] = status
        by_number[did["number"]] = did
        if status == PORTED:
            ctx.note("dids", did, "ported: arrives in finalize_port")
            continue
        description = did.get("label")
        if status == TEMPORARY:
            description = (ctx.standards.get("temporary_did") or {}).get("description") or description
        items.append(_item(ctx, did, did["number"], source, description))
        ctx.target("dids", did, "phonenumbers", did["number"])
        if status == NOT_PORTED and did.get("porting"):
            ctx.findings.warning("did_not_ported", source, "%s has porting details but is not in port.numbers; it is created now." % did["number"],
                                 "Add it to ucaas_schedule.port.numbers if it moves with the port.", detail=did["number"])
    for entry in port["temporary"]:
        original = by_number.get(entry["original"])
        where = dict(collection="port", source_id=entry["number"], label="temporary number for %s" % entry["original"])
        if original is None:
            raise TranslationError("port.temporary: %s stands in for %s, which is not a DID of the inventory" % (entry["number"], entry["original"]))
        statuses[entry["number"]] = TEMPORARY
        description = (ctx.standards.get("temporary_did") or {}).get("description") or "Temporary number"
        items.append(_item(ctx, original, entry["number"], where, "%s (%s)" % (description, entry["original"])))
        ctx.target("dids", original, "phonenumbers", entry["number"])
    numbers = [item["number"] for item in items]
    if len(numbers) != len(set(numbers)):
        raise TranslationError("port.temporary: a temporary number is also a DID of the inventory")
    return sorted(items, key=lambda item: item["number"]), _sms_numbers(ctx, statuses), statuses


def _sms_numbers(ctx, statuses):
    items = []
    for sms in ctx.objects("sms_numbers"):
        source = ctx.source("sms_numbers", sms)
        if statuses.get(sms["number"], NOT_PORTED) == PORTED:
            ctx.note("sms_numbers", sms, "moves after the port (finalize_port)")
            continue
        destination = sms["destination"]
        collection = "users" if destination["type"] == "user" else "queues"
        extension = ctx.ext(collection, destination["id"])
        if extension is None or not ctx.in_scope(collection, destination["id"]):
            resolution = ctx.findings.blocking("unresolved_destination", source, "SMS number %s goes to %s %s, which is not migrated." % (
                sms["number"], destination["type"], destination["id"]), "Route it to a migrated user or queue.", detail=destination["id"])
            if not resolution:
                continue
            ctx.note("sms_numbers", sms, "not planned: %s" % resolution["decision"])
            continue
        item = dict(number=sms["number"], application="user" if collection == "users" else "callqueue", destination=extension)
        if sms.get("carrier"):
            item["carrier"] = sms["carrier"]
        if sms.get("campaign_id"):
            ctx.findings.info("sms_campaign", source, "10DLC campaign %s of %s is registered with the carrier, not through the API." % (
                sms["campaign_id"], sms["number"]), detail=sms["campaign_id"])
        items.append(item)
        ctx.target("sms_numbers", sms, "smsnumbers", sms["number"])
    return sorted(items, key=lambda item: natural_key(item["number"]))
