# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cutover preflight and the changes it leads to, from what the platforms hold now.

``gathered`` is one ``state: gathered`` list per kind of the target domain (the resource
modules' config shape); ``source_gathered`` the phone numbers of the NetSapiens source domain.
:func:`check` lists why the cutover must not start (a planned object missing, a temporary DID
not allocated or not routed, no number to keep emergency caller ID on); :func:`changes` gives
the ``config`` items each step sends (only the options the cutover sets), so a re-run after a
complete cutover sends items that are all unchanged.
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.cutover.model import plus
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_callcenter import agent_normalizer

# kind -> identity options (parent first) of the resource module's config items
IDENTITY = {
    "domains": ("domain",), "sites": ("site",), "timeframes": ("name",), "users": ("user",), "devices": ("user", "device"),
    "callqueues": ("callqueue",), "agents": ("callqueue", "agent"), "autoattendants": ("user", "time_frame"),
    "greetings": ("user", "index"), "answerrules": ("user", "time_frame"), "phonenumbers": ("number",), "smsnumbers": ("number",),
}
NUMBER_KINDS = ("phonenumbers", "smsnumbers")
CASELESS_KINDS = ("domains", "sites")
EMERGENCY_KINDS = ("domains", "sites", "users", "devices")
SHOWN_MISSING = 10


def _part(kind, value, option=None, domain=None):
    text = str(value if value is not None else "").strip()
    if kind == "agents" and option == "agent":
        # the plan names a user agent 201, the API reads it back as 201@<domain>
        return agent_normalizer(domain)(text)
    if kind in NUMBER_KINDS:
        return "".join(char for char in text if char.isdigit())
    if kind in CASELESS_KINDS:
        return text.casefold()
    return text


def item_key(kind, item, domain=None):
    """The item's key as the resource modules report it (``parent/identity`` for kinds under a parent)."""
    return "/".join(_part(kind, item.get(option), option, domain) for option in IDENTITY[kind])


def _digits(value):
    return "".join(char for char in str(value or "") if char.isdigit())


def missing_objects(plan, gathered):
    """``{kind: [keys]}`` of planned objects the target does not hold."""
    domain = plan.get("domain")
    missing = {}
    for kind, items in sorted(((plan.get("resources") or {}).items())):
        if kind not in IDENTITY or not items:
            continue
        present = set(item_key(kind, item, domain) for item in gathered.get(kind) or [])
        absent = [item_key(kind, item, domain) for item in items if item_key(kind, item, domain) not in present]
        if absent:
            missing[kind] = absent
    return missing


def pending_numbers(model):
    """The model's numbers whose port finalize_port has not finished (a finished one routes as its original)."""
    finished = set(model.get("finished") or [])
    return [entry for entry in model["numbers"] if entry["original"] not in finished]


def _by_key(kind, items):
    return dict((item_key(kind, item), item) for item in items or [])


def check(model, plan, gathered, source_gathered=None):
    """The preflight problems, one line each (empty: the cutover may start)."""
    problems = []
    for kind, keys in sorted(missing_objects(plan, gathered).items()):
        shown = ", ".join(keys[:SHOWN_MISSING]) + (" and %d more" % (len(keys) - SHOWN_MISSING) if len(keys) > SHOWN_MISSING else "")
        problems.append("%s: %d planned object(s) missing on the target: %s (run playbooks/recreate.yml)" % (kind, len(keys), shown))
    numbers = _by_key("phonenumbers", gathered.get("phonenumbers"))
    # a user destination can be a person, an auto attendant or a queue: each is a user of the domain
    users = set(item_key("users", item) for item in gathered.get("users") or [])
    users |= set(str(item.get("user") or "") for item in gathered.get("autoattendants") or [])
    queues = set(item_key("callqueues", item) for item in gathered.get("callqueues") or [])
    users |= queues
    for entry in pending_numbers(model):
        current = numbers.get(entry["temporary"])
        where = "temporary number %s (for %s)" % (plus(entry["temporary"]), plus(entry["original"]))
        if current is None:
            problems.append("%s: not allocated in domain %s" % (where, model["domain"]))
            continue
        application = current.get("application") or "available-number"
        planned_unrouted = (entry.get("destination") or {}).get("application") == "available-number"
        if application == "available-number" and planned_unrouted:
            continue  # a spare number: unrouted at the source, unrouted as planned
        if current.get("enabled") is False or application == "available-number":
            problems.append("%s: not routed (%s)" % (where, "disabled" if current.get("enabled") is False else application))
            continue
        destination = str(current.get("destination_user") or "")
        if application.startswith("to-callqueue") and destination not in queues:
            problems.append("%s: routed to queue %s, which the domain does not have" % (where, destination))
        elif application.startswith(("to-user", "to-voicemail", "to-single-device")) and destination not in users:
            problems.append("%s: routed to user %s, which the domain does not have" % (where, destination))
    if model["numbers"] and not model["emergency_number"]:
        problems.append("emergency caller ID: no temporary number to keep it on until the port completes")
    ported = set(model["ported"]) - set(model.get("finished") or [])
    if ported & set(_emergency_values(gathered)) and not model["emergency_number"]:
        problems.append("emergency caller ID: set to a ported number and no temporary number (ucaas_schedule.port.temporary) can replace it")
    if model["source"]["api_forwarding"] and source_gathered is not None:
        at_source = _by_key("phonenumbers", source_gathered)
        for entry in model["numbers"]:
            if entry["original"] not in at_source:
                problems.append("original number %s: not in source domain %s, so it cannot be forwarded there"
                                % (plus(entry["original"]), model["source"]["domain"]))
    return problems


def _emergency_values(gathered):
    for kind in EMERGENCY_KINDS:
        for item in gathered.get(kind) or []:
            if item.get("caller_id_number_emergency"):
                yield _digits(item["caller_id_number_emergency"])


def _identity(kind, item):
    return dict((option, item[option]) for option in IDENTITY[kind])


def changes(model, gathered):
    """``{kind: [config items]}`` for the target: temporary routing, outbound caller ID, emergency caller ID.

    Emergency caller ID moves off every ported number: to the temporary DID of that number when it has one,
    else to the main number's temporary DID (``emergency_number``); the domain's default is always the latter,
    and a user whose own original has a temporary DID and no emergency caller ID of its own gets that one.
    """
    ported = set(model["ported"]) - set(model.get("finished") or [])
    temporary_of = dict((entry["original"], entry["temporary"]) for entry in pending_numbers(model))
    fallback = model["emergency_number"]
    finished_temporary = dict((entry["temporary"], entry["original"]) for entry in model["numbers"]
                              if entry["original"] in set(model.get("finished") or []))
    # the main number's temporary DID is gone once its port is finished: the main number itself reaches the platform then
    fallback = finished_temporary.get(fallback, fallback)

    def emergency_for(number):
        return temporary_of.get(number) or fallback

    result = dict((kind, []) for kind in ("phonenumbers", "domains", "sites", "users", "devices"))
    for entry in pending_numbers(model):
        destination = entry["destination"]
        item = {"number": entry["temporary"], "enabled": True, "application": destination["application"],
                "destination_user": destination["user"]}
        if destination.get("host"):
            item["destination_host"] = destination["host"]
        result["phonenumbers"].append(item)
    domain_items = _by_key("domains", gathered.get("domains"))
    current_domain = domain_items.get(_part("domains", model["domain"])) or {}
    domain_item = {"domain": current_domain.get("domain") or model["domain"]}
    if model["main_number"]:
        domain_item["caller_id_number"] = model["main_number"]
    current_emergency = _digits(current_domain.get("caller_id_number_emergency"))
    if fallback and (not current_emergency or current_emergency in ported):
        domain_item["caller_id_number_emergency"] = fallback
    elif current_emergency:
        domain_item["caller_id_number_emergency"] = current_emergency
    result["domains"].append(domain_item)
    users = _by_key("users", gathered.get("users"))
    caller_ids = dict((entry["user"], entry["number"]) for entry in model["caller_ids"])
    for key in sorted(set(caller_ids) | set(users)):
        current = users.get(key)
        if current is None:
            continue
        item = {}
        if key in caller_ids:
            item["caller_id_number"] = caller_ids[key]
        emergency = _digits(current.get("caller_id_number_emergency"))
        if emergency in ported and emergency_for(emergency):
            item["caller_id_number_emergency"] = emergency_for(emergency)
        elif not emergency and caller_ids.get(key) in temporary_of:
            item["caller_id_number_emergency"] = temporary_of[caller_ids[key]]
        if item:
            result["users"].append(dict(_identity("users", current), **item))
    for kind in ("sites", "devices"):
        for key, current in sorted(_by_key(kind, gathered.get(kind)).items()):
            emergency = _digits(current.get("caller_id_number_emergency"))
            if emergency in ported and emergency_for(emergency):
                result[kind].append(dict(_identity(kind, current), caller_id_number_emergency=emergency_for(emergency)))
    return result


def source_changes(model):
    """The phone number items of the source domain: each original forwarded to its temporary DID."""
    return [entry["source_item"] for entry in model["numbers"] if entry.get("source_item")]


def emergency_holders(model, gathered, target_changes):
    """``[{kind, key, number}]``: objects whose emergency caller ID is a temporary DID once ``target_changes`` are applied.

    finalize_port reads them from cutover_state.json to move emergency caller ID to an original once it has ported.
    """
    temporaries = set(entry["temporary"] for entry in model["numbers"])
    holders = []
    for kind in EMERGENCY_KINDS:
        values = dict((item_key(kind, item), _digits(item.get("caller_id_number_emergency"))) for item in gathered.get(kind) or [])
        for item in target_changes.get(kind) or []:
            if "caller_id_number_emergency" in item:
                values[item_key(kind, item)] = _digits(item["caller_id_number_emergency"])
        holders += [{"kind": kind, "key": key, "number": number} for key, number in sorted(values.items()) if number in temporaries]
    return holders


STATE_FORMAT = "ucaas.migration/cutover-state-v1"


def cutover_state(model, holders, status="cut_over"):
    """The content of cutover_state.json (no time stamps: a re-run writes the same bytes)."""
    return {
        "format": STATE_FORMAT, "status": status, "domain": model["domain"], "plan_fingerprint": model.get("plan_fingerprint"),
        "source": model["source"],
        "numbers": [dict((name, entry.get(name)) for name in ("original", "temporary", "label", "destination", "forwarding"))
                    for entry in model["numbers"]],
        "without_temporary": [entry["original"] for entry in model["without_temporary"]],
        "emergency_number": model["emergency_number"], "emergency_on_temporary": holders,
        "phones": [dict(phone, push="manual") for phone in model["phones"]],
    }
