# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the cutover does, worked out offline from plan.json, the inventory and the port settings.

The numbers table pairs each ported original with the temporary DID that stands in for it
(``ucaas_schedule.port.temporary`` ``[{number, for}]``, planned by recreate and routed like the
original will be).  Forwarding the originals to their temporary DIDs is done through the
source's API when the source is a NetSapiens domain (an offnet dial rule, NOTES 4.5), otherwise
it is an instruction for the partner or the losing carrier.  Users' outbound caller ID is their
original number; emergency caller ID must stay on a number that reaches this platform until the
port completes, so it goes on a temporary DID.

The vendor spec (ns-api v2) has no endpoint that makes a phone re-fetch its configuration
(resync, check-sync or reboot of a MAC or a device; only the read-only model attribute
``device-models-resync-support-enabled``), so the provisioning push is a manual step per phone.

Numbers are handled in the API's form: E.164 digits without ``+``.
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import NormalizationError, normalize_e164
from ansible_collections.ucaas.migration.plugins.module_utils.translate.findings import TranslationError
from ansible_collections.ucaas.migration.plugins.module_utils.translate.numbers import PORTED, check_port, port_status

FORMAT = "ucaas.migration/cutover-v1"
API_FORWARDING_PLATFORMS = ("netsapiens",)
FORWARD_APPLICATION = "to-connection-add-header-force-caller-id"
DEFAULT_FORWARDING = {
    "application": FORWARD_APPLICATION,
    # {original}, {temporary} (digits), {source_domain}, {domain}
    "destination_host": "{source_domain}",
    "parameter": "P-Charge-Info: <sip:{original}@{source_domain}>",
    "description": "Forwarded to {temporary} until the port completes",
}
RESYNC_GAP = ("The ns-api v2 specification offers no resync, check-sync or reboot request for a MAC or a device "
              "(only the read-only model attribute device-models-resync-support-enabled), so each phone is pushed by hand.")


class CutoverError(Exception):
    """Unusable cutover input; the message names the file or variable and the field."""


def digits(number, region="US", field="number"):
    """A phone number in the API's form (E.164 digits without ``+``); raises :class:`CutoverError` naming ``field``."""
    text = str(number or "").strip()
    if not text:
        raise CutoverError("%s: empty phone number" % field)
    try:
        return normalize_e164(text, region).lstrip("+")
    except (NormalizationError, ValueError) as exc:
        raise CutoverError("%s: %s" % (field, exc)) from None


def plus(number):
    """``12155550100`` -> ``+12155550100`` (for people)."""
    return "+%s" % number if number and not str(number).startswith("+") else str(number or "")


def forwarding_settings(settings=None):
    merged = dict(DEFAULT_FORWARDING)
    for key, value in (settings or {}).items():
        if key not in DEFAULT_FORWARDING:
            raise CutoverError("forwarding.%s: unknown setting (known: %s)" % (key, ", ".join(sorted(DEFAULT_FORWARDING))))
        merged[key] = value
    return merged


def _fill(template, values, field):
    try:
        return str(template).format(**values)
    except (KeyError, IndexError, ValueError) as exc:
        raise CutoverError("forwarding.%s: %r uses an unknown placeholder (%s); use {original}, {temporary}, {source_domain}, {domain}"
                           % (field, template, exc)) from None


def _targets(plan, collection):
    """``{source_id: [target {kind, key}]}`` of plan.json's mapping for one inventory collection."""
    found = {}
    for entry in plan.get("mapping") or []:
        source = entry.get("source") or {}
        if source.get("collection") == collection:
            found[str(source.get("source_id"))] = list(entry.get("targets") or [])
    return found


def _user_extension(targets, source_id):
    for target in targets.get(str(source_id), []):
        if target.get("kind") == "users":
            return str(target.get("key"))
    return None


def _destination_text(item):
    application = item.get("application") or ""
    user = item.get("destination_user") or ""
    if application == "available-number":
        return "not routed (available number)"
    return "%s %s" % (application, user)


def build_cutover(plan, inventory, port=None, region="US", source=None, forwarding=None, finished=None):
    """The cutover model: ``{format, domain, source, numbers, without_temporary, main_number, emergency_number, caller_ids, phones, ...}``.

    ``plan`` and ``inventory`` are plan.json and inventory.json; ``port`` is ``ucaas_schedule.port``; ``source`` the
    non-secret part of ``ucaas_source`` (``platform``, ``domain``); ``forwarding`` overrides :data:`DEFAULT_FORWARDING`.
    ``finished`` are the originals finalize_port has finished (port_state.json): a cutover run after the port leaves
    them alone (``finished`` in the model; the plan documents do not change with it).
    """
    if not isinstance(plan, dict) or not plan.get("domain"):
        raise CutoverError("plan.json: no domain; run playbooks/recreate.yml first, it writes the plan")
    source = dict(source or {})
    forwarding = forwarding_settings(forwarding)
    try:
        port = check_port(port, region)
    except TranslationError as exc:
        raise CutoverError("ucaas_schedule.%s" % exc) from None
    domain = plan["domain"]
    platform = str(source.get("platform") or (inventory.get("source") or {}).get("platform") or "")
    source_domain = source.get("domain") or None
    api_forwarding = platform in API_FORWARDING_PLATFORMS and bool(source_domain)
    planned_numbers = dict((digits(item["number"], region, "plan.json phonenumbers"), item)
                           for item in (plan.get("resources") or {}).get("phonenumbers") or [])
    dids = {}
    ported = []
    for index, did in enumerate(inventory.get("dids") or []):
        number = digits(did.get("number"), region, "inventory dids[%d].number" % index)
        dids[number] = did
        if port_status(did, port) == PORTED:
            ported.append(number)
    temporary_for = {}
    for entry in port["temporary"]:
        original = entry["original"].lstrip("+")
        temporary = entry["number"].lstrip("+")
        if original in temporary_for:
            raise CutoverError("ucaas_schedule.port.temporary: %s has two temporary numbers (%s and %s)"
                               % (plus(original), plus(temporary_for[original]), plus(temporary)))
        temporary_for[original] = temporary
    numbers = []
    without = []
    for original in sorted(set(ported)):
        did = dids[original]
        porting = did.get("porting") or {}
        temporary = temporary_for.get(original)
        entry = {"original": original, "label": did.get("label") or "", "usage": did.get("usage") or "",
                 "carrier": porting.get("carrier") or "", "account_number": porting.get("account_number") or "",
                 "billing_number": porting.get("billing_number") or "",
                 "port_pin_set": bool((porting.get("pin") or {}).get("is_set")) if isinstance(porting.get("pin"), dict) else False,
                 "routing_at_source": did.get("routing_as_collected") or ""}
        if temporary is None:
            without.append(entry)
            continue
        planned = planned_numbers.get(temporary)
        if planned is None:
            raise CutoverError("plan.json: the temporary number %s (for %s) is not planned; run playbooks/recreate.yml again"
                               % (plus(temporary), plus(original)))
        entry.update(temporary=temporary, destination={"application": planned.get("application"), "user": planned.get("destination_user"),
                                                       "host": planned.get("destination_host")},
                     destination_text=_destination_text(planned), forwarding="api" if api_forwarding else "instructions")
        values = dict(original=original, temporary=temporary, source_domain=source_domain or "", domain=domain)
        if api_forwarding:
            entry["source_item"] = {"number": original, "application": forwarding["application"], "destination_user": temporary,
                                    "destination_host": _fill(forwarding["destination_host"], values, "destination_host"),
                                    "parameter": _fill(forwarding["parameter"], values, "parameter"),
                                    "description": _fill(forwarding["description"], values, "description")}
        numbers.append(entry)
    for original in sorted(temporary_for):
        if original not in set(ported):
            raise CutoverError("ucaas_schedule.port.temporary: %s stands in for %s, which is not a ported number (port.numbers)"
                               % (plus(temporary_for[original]), plus(original)))
    domain_item = ((plan.get("resources") or {}).get("domains") or [{}])[0]
    main_number = str(domain_item.get("caller_id_number") or "") or None
    if main_number is None:
        main_dids = sorted(number for number, did in dids.items() if did.get("usage") == "main")
        main_number = main_dids[0] if main_dids else None
    emergency_number = temporary_for.get(main_number) if main_number else None
    if emergency_number is None and numbers:
        emergency_number = numbers[0]["temporary"]
    return {
        "format": FORMAT, "domain": domain, "plan_fingerprint": plan.get("fingerprint"),
        "planned": dict((kind, len(items or [])) for kind, items in sorted((plan.get("resources") or {}).items())),
        "source": {"platform": platform, "domain": source_domain, "api_forwarding": api_forwarding},
        "numbers": numbers, "without_temporary": without, "ported": sorted(set(ported)),
        "main_number": main_number, "emergency_number": emergency_number,
        "caller_ids": _caller_ids(plan, inventory, dids, region),
        "phones": _phones(plan),
        "forwarding": forwarding,
        "finished": sorted(set(digits(number, region, "port_state.json number") for number in finished or []) & set(temporary_for)),
    }


def _caller_ids(plan, inventory, dids, region):
    """``[{user, number}]``: each planned user's original number (its collected caller ID, else the DID routed straight to it)."""
    targets = _targets(plan, "users")
    planned = set(str(item.get("user")) for item in (plan.get("resources") or {}).get("users") or [])
    by_user_id = {}
    for number in sorted(dids):
        destination = dids[number].get("destination") or {}
        if destination.get("type") == "user" and destination.get("id") is not None:
            by_user_id.setdefault(str(destination["id"]), number)
    found = {}
    for index, user in enumerate(inventory.get("users") or []):
        extension = _user_extension(targets, user.get("source_id"))
        if extension is None or extension not in planned:
            continue
        number = (user.get("caller_id") or {}).get("number")
        if number:
            found[extension] = digits(number, region, "inventory users[%d].caller_id.number" % index)
        elif str(user.get("source_id")) in by_user_id:
            found[extension] = by_user_id[str(user.get("source_id"))]
    return [{"user": user, "number": found[user]} for user in sorted(found, key=_natural)]


def _phones(plan):
    """``[{mac, model, devices}]``: the planned devices with a MAC, one entry per phone, sorted by MAC."""
    phones = {}
    for item in (plan.get("resources") or {}).get("devices") or []:
        if not item.get("mac"):
            continue
        phone = phones.setdefault(str(item["mac"]).lower(), {"mac": str(item["mac"]).lower(), "model": item.get("model") or "", "devices": []})
        phone["devices"].append("%s/%s" % (item.get("user"), item.get("device")))
    for phone in phones.values():
        phone["devices"].sort(key=_natural)
    return [phones[mac] for mac in sorted(phones)]


def _natural(text):
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in _split_digits(str(text))]


def _split_digits(text):
    parts, current = [], ""
    for char in text:
        if current and char.isdigit() != current[-1].isdigit():
            parts.append(current)
            current = ""
        current += char
    if current:
        parts.append(current)
    return parts


def push_events(model):
    """The cutover journal events of the provisioning pushes: one ``manual`` instruction per phone."""
    events = []
    for phone in model["phones"]:
        events.append({"kind": "provisioning_push", "key": phone["mac"], "outcome": "manual", "system": "target", "domain": model["domain"],
                       "msg": "reboot %s (%s) so it fetches its configuration, then check that %s register" % (
                           phone["mac"], phone["model"] or "model unknown", ", ".join(phone["devices"]))})
    return events
