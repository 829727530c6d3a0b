# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Call queues, agents, auto attendants, time frames and answer rules.

Queues and auto attendants are users with a ``system-queue`` / ``system-aa``
service code: create makes that user when the extension is free and keeps an
existing one. Deleting a queue leaves its agent rows and the phone numbers
routed to it (documented quirk). Answer rules are ordered per user; ``*`` keeps
order 99 while it is last.
"""
from __future__ import annotations

from .resources_core import require_domain, require_field, require_user, insert_user, stamp, update_object, user_scope
from .routing import ApiError

TIMEFRAME_TYPES = ("always", "days-of-week", "specific-dates", "holiday", "custom")
TIMEFRAME_ARRAYS = ("timeframe-days-of-week-array", "timeframe-specific-dates-array", "timeframe-holiday-array")
TIMEFRAME_MISSING = "Not Found. Timeframe input was not found."
_ARRAY_TYPES = {"timeframe-days-of-week-array": "days-of-week", "timeframe-specific-dates-array": "specific-dates",
                "timeframe-holiday-array": "holiday"}


def ensure_system_user(store, domain, extension, service_code, first_name, delay):
    """Create the backing ``system-*`` user unless the extension already exists."""
    if store.get("user", domain, extension, include_pending=True) is None:
        insert_user(store, domain, {"user": extension, "name-first-name": first_name, "name-last-name": extension,
                                    "service-code": service_code, "user-scope": "Basic User"}, delay)


# -- call queues ------------------------------------------------------------------------
def list_queues(call):
    require_domain(call, call.params["domain"])
    return 200, call.page(kind="callqueue", scope=call.params["domain"])


def list_queues_basic(call):
    status, rows = list_queues(call)
    return status, [{k: q.get(k, "") for k in ("callqueue", "domain", "description", "callqueue-dispatch-type")} for q in rows]


def insert_queue(store, domain, fields, delay=0.0):
    name = str(fields["callqueue"])
    body = stamp(dict(fields, domain=domain, callqueue=name), created=True)
    body.setdefault("callqueue-dispatch-type", "Round-robin")
    with store.transaction():
        store.put("callqueue", domain, name, body, delay)
        ensure_system_user(store, domain, name, "system-queue", str(fields.get("description") or "Call Queue"), delay)
    return body


def create_queue(call):
    domain = call.params["domain"]
    require_domain(call, domain, for_write=True)
    fields = call.fields()
    name = require_field(fields, "callqueue")
    if call.store.get("callqueue", domain, name, include_pending=True) is not None:
        raise ApiError(409, "Call queue %s already exists in domain %s" % (name, domain))
    return call.reply(insert_queue(call.store, domain, fields, call.delay))


def _queue_missing(call):
    return "Call queue %s does not exist in domain %s" % (call.params["callqueue"], call.params["domain"])


def _require_queue(call, for_write=False):
    domain, name = call.params["domain"], call.params["callqueue"]
    require_domain(call, domain, for_write)
    found = call.store.get("callqueue", domain, name, include_pending=for_write)
    if found is None:
        raise ApiError(404, _queue_missing(call))
    return found


def get_queue(call):
    return 200, _require_queue(call)


def update_queue(call):
    require_domain(call, call.params["domain"], for_write=True)
    body = update_object(call, "callqueue", call.params["domain"], call.params["callqueue"], _queue_missing(call), ("callqueue", "domain"))
    return call.reply(body)


def delete_queue(call):
    _require_queue(call, for_write=True)
    # documented quirk: agent rows and phone numbers pointing at the queue stay
    call.store.delete("callqueue", call.params["domain"], call.params["callqueue"], call.delay)
    return call.reply({})


# -- agents -------------------------------------------------------------------------------
def _agent_scope(call):
    return user_scope(call.params["domain"], call.params["callqueue"])


def list_agents(call):
    _require_queue(call)
    return 200, call.page(kind="agent", scope=_agent_scope(call))


def count_agents(call):
    _require_queue(call)
    return 200, {"total": call.store.count("agent", _agent_scope(call))}


def list_domain_agents(call):
    require_domain(call, call.params["domain"])
    return 200, call.page(kind="agent", scope_prefix=call.params["domain"] + "/")


def insert_agent(store, domain, queue, fields, delay=0.0):
    agent_id = str(fields["callqueue-agent-id"])
    body = stamp(dict(fields, domain=domain, callqueue=queue), created=True)
    body["callqueue-agent-id"] = agent_id
    body.setdefault("callqueue-agent-availability-type", "automatic")
    store.put("agent", user_scope(domain, queue), agent_id, body, delay)
    return body


def create_agent(call):
    _require_queue(call, for_write=True)
    fields = call.fields()
    agent_id = require_field(fields, "callqueue-agent-id")
    if call.store.get("agent", _agent_scope(call), agent_id, include_pending=True) is not None:
        raise ApiError(409, "Agent %s already exists in call queue %s" % (agent_id, call.params["callqueue"]))
    return call.reply(insert_agent(call.store, call.params["domain"], call.params["callqueue"], fields, call.delay))


def _agent_missing(call):
    return "Agent %s does not exist in call queue %s" % (call.params["callqueue-agent-id"], call.params["callqueue"])


def get_agent(call):
    require_domain(call, call.params["domain"])
    found = call.store.get("agent", _agent_scope(call), call.params["callqueue-agent-id"])
    if found is None:
        raise ApiError(404, _agent_missing(call))
    return 200, found


def update_agent(call):
    require_domain(call, call.params["domain"], for_write=True)
    body = update_object(call, "agent", _agent_scope(call), call.params["callqueue-agent-id"], _agent_missing(call),
                         ("callqueue-agent-id", "callqueue", "domain"))
    return call.reply(body)


def delete_agent(call):
    require_domain(call, call.params["domain"], for_write=True)
    if call.store.get("agent", _agent_scope(call), call.params["callqueue-agent-id"], include_pending=True) is None:
        raise ApiError(404, _agent_missing(call))
    call.store.delete("agent", _agent_scope(call), call.params["callqueue-agent-id"], call.delay)
    return call.reply({})


# -- auto attendants ------------------------------------------------------------------------
def merge_tier(current, change):
    """Deep-merge an auto attendant tier; an option with ``remove: yes`` is deleted."""
    merged = dict(current or {})
    for key, value in (change or {}).items():
        if isinstance(value, dict) and value.get("remove") == "yes":
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_tier(merged[key], value)
        else:
            merged[key] = value
    return merged


def with_option_defaults(tier):
    """The tier as reads report it: every option carries ``caller-name-translation`` (spec default ``[*]``)."""
    if not isinstance(tier, dict):
        return tier
    filled = dict(tier)
    for key, option in tier.items():
        if key.startswith("option-") and isinstance(option, dict):
            option = dict(option)
            option.setdefault("caller-name-translation", "[*]")
            if isinstance(option.get("auto-attendant"), dict):
                option["auto-attendant"] = with_option_defaults(option["auto-attendant"])
            filled[key] = option
    return filled


def insert_attendant(store, domain, fields, delay=0.0):
    user = str(fields["user"])
    prompt = "Prompt_%d" % (100 * store.next_id("prompt:%s/%s" % (domain, user)))
    body = dict(fields, domain=domain, user=user)
    if "auto-attendant" in body:
        body["auto-attendant"] = with_option_defaults(body["auto-attendant"])
    body.setdefault("time-frame", "*")
    body["starting-prompt"] = prompt
    body["read-path"] = "/ns-api/v2/domains/%s/attendants/%s/%s" % (domain, user, prompt)  # as the list documents it
    stamp(body, created=True)
    with store.transaction():
        ensure_system_user(store, domain, user, "system-aa", str(fields.get("attendant-name") or "Auto Attendant"), delay)
        store.put("autoattendant", user_scope(domain, user), prompt, body, delay)
    return body


def create_attendant(call):
    domain = call.params["domain"]
    require_domain(call, domain, for_write=True)
    fields = call.fields()
    require_field(fields, "attendant-name")
    user = require_field(fields, "user")
    time_frame = fields.get("time-frame") or "*"
    for existing in call.store.list("autoattendant", user_scope(domain, user), include_pending=True):
        if existing.get("time-frame") == time_frame:
            raise ApiError(409, "Auto attendant for user %s and time frame %s already exists" % (user, time_frame))
    return call.reply(insert_attendant(call.store, domain, fields, call.delay))


def list_attendants(call):
    require_domain(call, call.params["domain"])
    return 200, call.page(kind="autoattendant", scope_prefix=call.params["domain"] + "/")


def _attendant_key(call, for_write):
    domain, user, prompt = call.params["domain"], call.params["user"], call.params["prompt"]
    require_user(call, domain, user, for_write)
    found = call.store.get("autoattendant", user_scope(domain, user), prompt, include_pending=for_write)
    if found is None:
        raise ApiError(404, "Auto attendant %s does not exist for user %s" % (prompt, user))
    return user_scope(domain, user), prompt, found


def get_attendant(call):
    return 200, _attendant_key(call, False)[2]


def update_attendant(call):
    scope, prompt, body = _attendant_key(call, True)
    fields = call.fields()
    for key, value in fields.items():
        if key == "auto-attendant":
            body[key] = with_option_defaults(merge_tier(body.get(key), value))
        elif key not in ("user", "domain", "starting-prompt", "read-path"):
            body[key] = value
    call.store.put("autoattendant", scope, prompt, stamp(body), call.delay)
    return call.reply(body)


def delete_attendant(call):
    scope, prompt, dummy = _attendant_key(call, True)
    call.store.delete("autoattendant", scope, prompt, call.delay)
    return call.reply({})


# -- time frames (v44.1+ recurring model; domain-shared or per user) ---------------------------
def _tf_place(call, for_write):
    domain, user = call.params["domain"], call.params.get("user")
    if user is None:
        require_domain(call, domain, for_write)
        return "timeframe", domain
    require_user(call, domain, user, for_write)
    return "usertimeframe", user_scope(domain, user)


def _number_entries(body, arrays):
    for name in TIMEFRAME_ARRAYS:
        for entry in arrays.get(name, []):
            if isinstance(entry, dict) and not entry.get("timeframe-id"):
                body["_next_child"] = body.get("_next_child", 0) + 1
                entry["timeframe-id"] = "%s-%d" % (body["timeframe-id"], body["_next_child"])
            if isinstance(entry, dict):
                entry["timeframe-parent-id"] = body["timeframe-id"]


def _tf_public(body):
    return {k: v for k, v in body.items() if not k.startswith("_")}


def insert_timeframe(store, kind, scope, fields, delay=0.0):
    ident = str(store.next_id("timeframe"))
    body = {k: v for k, v in fields.items() if k not in TIMEFRAME_ARRAYS}
    body["timeframe-id"] = ident
    domain, dummy, user = scope.partition("/")
    body["domain"] = domain
    if user:
        body["user"] = user
    if not body.get("timeframe-type"):
        present = [name for name in TIMEFRAME_ARRAYS if fields.get(name)]
        if not present:
            body["timeframe-type"] = "always"
        else:
            body["timeframe-type"] = _ARRAY_TYPES[present[0]] if len(present) == 1 else "custom"
    if body["timeframe-type"] not in TIMEFRAME_TYPES:
        raise ApiError(400, "Invalid timeframe-type %r" % body["timeframe-type"])
    arrays = {name: [dict(e) if isinstance(e, dict) else e for e in fields.get(name, [])] for name in TIMEFRAME_ARRAYS}
    _number_entries(body, arrays)
    body.update({name: value for name, value in arrays.items() if value})
    store.put(kind, scope, ident, stamp(body, created=True), delay)
    return body


def create_timeframe(call):
    kind, scope = _tf_place(call, True)
    fields = call.fields()
    name = require_field(fields, "timeframe-name")
    if any(t.get("timeframe-name") == name for t in call.store.list(kind, scope, include_pending=True)):
        raise ApiError(409, "Timeframe %s already exists" % name)
    return call.reply(_tf_public(insert_timeframe(call.store, kind, scope, fields, call.delay)))


def list_timeframes(call):
    kind, scope = _tf_place(call, False)
    return 200, [_tf_public(t) for t in call.page(kind=kind, scope=scope)]


def _tf_existing(call, for_write):
    kind, scope = _tf_place(call, for_write)
    found = call.store.get(kind, scope, call.params["id"], include_pending=for_write)
    if found is None:
        raise ApiError(404, TIMEFRAME_MISSING)
    return kind, scope, found


def get_timeframe(call):
    return 200, _tf_public(_tf_existing(call, False)[2])


def add_timeframe_entries(call):
    kind, scope, body = _tf_existing(call, True)
    fields = call.fields()
    arrays = {name: [dict(e) for e in fields.get(name, []) if isinstance(e, dict)] for name in TIMEFRAME_ARRAYS}
    _number_entries(body, arrays)
    for name, entries in arrays.items():
        if entries:
            body[name] = body.get(name, []) + entries
    call.store.put(kind, scope, body["timeframe-id"], stamp(body), call.delay)
    return call.reply(_tf_public(body))


def update_timeframe(call):
    kind, scope, body = _tf_existing(call, True)
    fields = call.fields()
    new_type = fields.pop("type", None)
    if new_type is not None:
        if body.get("timeframe-type") == "custom" and new_type != "custom":
            raise ApiError(400, "A custom timeframe cannot be converted to another type")
        if new_type not in TIMEFRAME_TYPES:
            raise ApiError(400, "Invalid type %r" % new_type)
        body["timeframe-type"] = new_type
    for name in TIMEFRAME_ARRAYS:
        if name not in fields:
            continue
        entries = [dict(e) for e in fields.pop(name) if isinstance(e, dict)]
        current = {e.get("timeframe-id"): e for e in body.get(name, [])}
        if entries and all(e.get("timeframe-id") in current for e in entries):
            for entry in entries:  # "update entries": change the listed ones in place
                current[entry["timeframe-id"]].update(entry)
        else:  # "replace all"
            _number_entries(body, {name: entries})
            body[name] = entries
    fields.pop("update-only", None)
    body.update({k: v for k, v in fields.items() if k not in ("timeframe-id", "domain", "user")})
    call.store.put(kind, scope, body["timeframe-id"], stamp(body), call.delay)
    return call.reply(_tf_public(body))


def delete_timeframe(call):
    kind, scope, body = _tf_existing(call, True)
    child = (call.body or {}).get("child_id") if isinstance(call.body, dict) else None
    if child:
        for name in TIMEFRAME_ARRAYS:
            kept = [e for e in body.get(name, []) if e.get("timeframe-id") != child]
            if len(kept) != len(body.get(name, [])):
                body[name] = kept
                call.store.put(kind, scope, body["timeframe-id"], stamp(body), call.delay)
                return call.reply(_tf_public(body))
        raise ApiError(404, TIMEFRAME_MISSING)
    call.store.delete(kind, scope, body["timeframe-id"], call.delay)
    return call.reply({})


# -- answer rules -------------------------------------------------------------------------------
def ordered_rules(store, scope, include_pending=False):
    rules = store.list("answerrule", scope, include_pending=include_pending)
    return sorted(rules, key=lambda r: r.get("order", 99))


def _renumber(store, scope, rules, delay):
    for position, rule in enumerate(rules, start=1):
        rule["order"] = 99 if rule["time-frame"] == "*" and position == len(rules) else position
        store.put("answerrule", scope, rule["time-frame"], rule, delay)


def _rule_scope(call, for_write):
    domain, user = call.params["domain"], call.params["user"]
    require_user(call, domain, user, for_write)
    return user_scope(domain, user)


def _known_timeframe(store, domain, user, name):
    if name == "*":
        return True
    frames = store.list("timeframe", domain, include_pending=True) + store.list("usertimeframe", user_scope(domain, user), include_pending=True)
    return any(name in (t.get("timeframe-name"), t.get("timeframe-id")) for t in frames)


def list_rules(call):
    return 200, call.page(rows=ordered_rules(call.store, _rule_scope(call, False)))


def count_rules(call):
    return 200, {"total": call.store.count("answerrule", _rule_scope(call, False))}


def insert_rule(store, domain, user, fields, delay=0.0):
    scope = user_scope(domain, user)
    position = fields.pop("new-position", "bottom")
    rule = stamp(dict(fields, domain=domain, user=user), created=True)
    rule.setdefault("enabled", "yes")
    rules = [r for r in ordered_rules(store, scope, include_pending=True) if r["time-frame"] != rule["time-frame"]]
    if position == "top":
        rules.insert(0, rule)
    else:  # below the other rules but above a trailing "*"
        index = len(rules) - 1 if rules and rules[-1]["time-frame"] == "*" else len(rules)
        rules.insert(index, rule)
    _renumber(store, scope, rules, delay)
    return rule


def create_rule(call):
    scope = _rule_scope(call, True)
    fields = call.fields()
    name = require_field(fields, "time-frame")
    if call.store.get("answerrule", scope, name, include_pending=True) is not None:
        raise ApiError(409, "Answer rule for time frame %s already exists" % name)
    if not _known_timeframe(call.store, call.params["domain"], call.params["user"], name):
        raise ApiError(404, TIMEFRAME_MISSING)
    return call.reply(insert_rule(call.store, call.params["domain"], call.params["user"], fields, call.delay))


def _rule_missing(call):
    return "Answer rule for time frame %s does not exist for user %s" % (call.params["timeframe"], call.params["user"])


def get_rule(call):
    found = call.store.get("answerrule", _rule_scope(call, False), call.params["timeframe"])
    if found is None:
        raise ApiError(404, _rule_missing(call))
    return 200, found


def update_rule(call):
    scope = _rule_scope(call, True)
    rule = call.store.get("answerrule", scope, call.params["timeframe"], include_pending=True)
    if rule is None:
        raise ApiError(404, _rule_missing(call))
    fields = call.fields()
    position = fields.pop("new-position", None)
    rule.update({k: v for k, v in fields.items() if k not in ("time-frame", "order", "is-active", "domain", "user")})
    stamp(rule)
    rules = [r for r in ordered_rules(call.store, scope, include_pending=True) if r["time-frame"] != rule["time-frame"]]
    if position == "top":
        rules.insert(0, rule)
    elif position == "bottom":
        rules.append(rule)
    else:
        rules.append(rule)
        rules.sort(key=lambda r: r.get("order", 99))
    _renumber(call.store, scope, rules, call.delay)
    return call.reply(rule)


def delete_rule(call):
    scope = _rule_scope(call, True)
    if call.store.get("answerrule", scope, call.params["timeframe"], include_pending=True) is None:
        raise ApiError(404, _rule_missing(call))
    call.store.delete("answerrule", scope, call.params["timeframe"], call.delay)
    return call.reply({})


def reorder_rules(call):
    scope = _rule_scope(call, True)
    if not isinstance(call.body, list) or not all(isinstance(i, dict) for i in call.body):
        raise ApiError(400, "Body must be an array of {\"time-frame\": ...} objects")
    wanted = [str(item.get("time-frame")) for item in call.body]
    rules = {r["time-frame"]: r for r in ordered_rules(call.store, scope, include_pending=True)}
    if sorted(wanted) != sorted(rules) or len(set(wanted)) != len(wanted):
        raise ApiError(400, "Please provide all timeframes in the new order.")
    _renumber(call.store, scope, [rules[name] for name in wanted], call.delay)
    return 202, {"code": 202, "message": "Accepted"}


def register(router):
    d, u = "/domains/{domain}", "/domains/{domain}/users/{user}"
    q, a = d + "/callqueues/{callqueue}", d + "/callqueues/{callqueue}/agents"
    routes = [
        ("GET", d + "/callqueues", list_queues), ("POST", d + "/callqueues", create_queue),
        ("GET", d + "/callqueues/list", list_queues_basic), ("GET", q, get_queue), ("PUT", q, update_queue), ("DELETE", q, delete_queue),
        ("GET", a, list_agents), ("POST", a, create_agent), ("GET", a + "/count", count_agents),
        ("GET", a + "/{callqueue-agent-id}", get_agent), ("PUT", a + "/{callqueue-agent-id}", update_agent),
        ("DELETE", a + "/{callqueue-agent-id}", delete_agent), ("GET", d + "/agents", list_domain_agents),
        ("GET", d + "/autoattendants", list_attendants), ("POST", d + "/autoattendants", create_attendant),
        ("GET", u + "/autoattendants/{prompt}", get_attendant), ("PUT", u + "/autoattendants/{prompt}", update_attendant),
        ("DELETE", u + "/autoattendants/{prompt}", delete_attendant),
        ("GET", u + "/answerrules", list_rules), ("POST", u + "/answerrules", create_rule), ("GET", u + "/answerrules/count", count_rules),
        ("PUT", u + "/answerrules/reorder", reorder_rules), ("GET", u + "/answerrules/{timeframe}", get_rule),
        ("PUT", u + "/answerrules/{timeframe}", update_rule), ("DELETE", u + "/answerrules/{timeframe}", delete_rule),
    ]
    for base in (d, u):
        routes += [
            ("GET", base + "/timeframes", list_timeframes), ("POST", base + "/timeframes", create_timeframe),
            ("GET", base + "/timeframes/{id}", get_timeframe), ("POST", base + "/timeframes/{id}", add_timeframe_entries),
            ("PUT", base + "/timeframes/{id}", update_timeframe), ("DELETE", base + "/timeframes/{id}", delete_timeframe),
        ]
    for method, template, handler in routes:
        router.add(method, template, handler)
