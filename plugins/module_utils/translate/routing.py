# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Ring groups and queues, time routers, and users' answer rules."""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.translate.context import natural_key
from ansible_collections.ucaas.migration.plugins.module_utils.translate.destinations import alias, resolve

# strategy -> (dispatch type, exact?)
HUNT_GROUP_DISPATCH = {
    "ring_all": ("Ring All", True), "linear": ("Linear Hunt", True), "linear_cascade": ("Linear Cascade", True),
    "round_robin": ("Round-robin", True), "random": ("Round-robin", False), "first_available": ("Linear Hunt", False),
}
QUEUE_DISPATCH = {
    "ring_all": ("Ring All", True), "linear": ("Linear Hunt", True), "linear_cascade": ("Linear Cascade", True),
    "round_robin": ("Round-robin", True), "tiered_round_robin": ("Tiered Round-robin", True), "longest_idle": ("Round-robin", True),
    "fewest_calls": ("Round-robin", False), "least_talk_time": ("Round-robin", False), "random": ("Round-robin", False),
    "skills_based": ("Tiered Round-robin", False),
}
ANSWER_RULE_FEATURES = {
    "forward_always": "forward_always", "forward_busy": "forward_on_busy", "forward_no_answer": "forward_no_answer",
    "forward_unavailable": "forward_when_unregistered", "simultaneous_ring": "simultaneous_ring", "sequential_ring": "simultaneous_ring",
    "do_not_disturb": "do_not_disturb", "call_screening": "call_screening",
}
DEFAULT_STEP_SECONDS = 20


def _minutes(seconds):
    return max(1, -(-int(seconds) // 60))


def _queue_rule(ctx, collection, obj, extension, routes):
    """The queue user's default answer rule: where unanswered / overflowing callers go."""
    rule = dict(user=extension, time_frame="*", enabled=True)
    source = ctx.source(collection, obj)
    for field, feature in routes:
        if obj.get(field):
            target = alias(resolve(ctx, obj[field], source, field.replace("_", " ")))
            if target:
                rule[feature] = dict(enabled=True, parameters=[target])
    if len(rule) == 3:
        return None
    ctx.target(collection, obj, "answerrules", "%s/*" % extension)
    return rule


def plan_queues(ctx):
    """Hunt groups and queues as call queues with agents; returns (callqueues, agents, answer rules)."""
    queues, agents, rules = [], [], []
    for collection, dispatch_map in (("hunt_groups", HUNT_GROUP_DISPATCH), ("queues", QUEUE_DISPATCH)):
        for obj in ctx.objects(collection):
            extension = ctx.ext(collection, obj["source_id"])
            if extension is None:
                ctx.note(collection, obj, "not planned: its extension collides")
                continue
            source = ctx.source(collection, obj)
            dispatch, exact = dispatch_map[obj["strategy"]]
            members = obj.get("members") if collection == "hunt_groups" else obj.get("agents")
            tiered = collection == "queues" and any((agent.get("tier") or 0) > 0 for agent in members or [])
            if tiered and dispatch == "Round-robin":
                dispatch = "Tiered Round-robin"
                ctx.findings.info("queue_tiers", source, "%s uses agent tiers; it becomes a Tiered Round-robin queue." % obj["name"])
            elif tiered and dispatch != "Tiered Round-robin":
                ctx.findings.warning("queue_tiers", source, "%s has agent tiers, which %s ignores." % (obj["name"], dispatch),
                                     "Decide whether tiers matter; Tiered Round-robin keeps them.", detail=dispatch)
            if not exact:
                ctx.findings.warning("dispatch_approximated", source,
                                     "Strategy %s of %s has no equivalent; %s is used." % (obj["strategy"], obj["name"], dispatch),
                                     "Confirm the dispatch type with the customer.", detail=obj["strategy"])
            queue = dict(callqueue=extension, description=obj["name"], dispatch_type=dispatch)
            if collection == "hunt_groups":
                ring = obj.get("ring_seconds") or DEFAULT_STEP_SECONDS
                queue["agent_dispatch_timeout_seconds"] = ring
                total = ring if dispatch in ("Ring All",) else ring * max(1, len(members or []))
                queue["max_wait_timeout_minutes"] = _minutes(total)
                if total % 60:
                    ctx.findings.info("wait_rounded", source, "%s rings %d s before its no-answer destination; the queue waits %d minute(s)." % (
                        obj["name"], total, queue["max_wait_timeout_minutes"]), detail=str(total))
                queue["require_available_agents"] = False
                rule = _queue_rule(ctx, collection, obj, extension, (("no_answer_destination", "forward_no_answer"),))
            else:
                if obj.get("agent_ring_seconds"):
                    queue["agent_dispatch_timeout_seconds"] = obj["agent_ring_seconds"]
                if obj.get("max_wait_seconds"):
                    queue["max_wait_timeout_minutes"] = _minutes(obj["max_wait_seconds"])
                    if obj["max_wait_seconds"] % 60:
                        ctx.findings.info("wait_rounded", source,
                                          "Maximum wait %d s of %s is rounded up to whole minutes." % (obj["max_wait_seconds"], obj["name"]),
                                          detail=str(obj["max_wait_seconds"]))
                if obj.get("max_callers"):
                    queue["max_callers"] = obj["max_callers"]
                if obj.get("join_when_no_agents") is not None:
                    queue["require_available_agents"] = not obj["join_when_no_agents"]
                rule = _queue_rule(ctx, collection, obj, extension, (("timeout_destination", "forward_no_answer"),
                                                                     ("overflow_destination", "forward_on_busy")))
                if obj.get("overflow_destination"):
                    ctx.findings.info("queue_overflow", source, "The overflow destination of %s is its busy forward on the platform." % obj["name"])
                for field in ("intro_asset_id", "hold_music_asset_id"):
                    if obj.get(field):
                        ctx.findings.warning("queue_audio", source, "%s of %s is not planned (queue audio is set up by hand)." % (field, obj["name"]),
                                             "Upload it as the queue's music on hold / intro in the portal.", detail=field)
            if collection == "hunt_groups" and obj.get("greeting_asset_id"):
                ctx.findings.warning("queue_audio", source, "The announcement of %s is not planned." % obj["name"],
                                     "Upload it in the portal.", detail="greeting_asset_id")
            if rule:
                rules.append(rule)
            queues.append(queue)
            ctx.target(collection, obj, "callqueues", extension)
            agents.extend(_agents(ctx, collection, obj, extension, members or [], dispatch, source))
    return (sorted(queues, key=lambda item: natural_key(item["callqueue"])),
            sorted(agents, key=lambda item: (natural_key(item["callqueue"]), natural_key(item["agent"]))), rules)


def _agents(ctx, collection, obj, extension, members, dispatch, source):
    result = []
    for position, member in enumerate(members, 1):
        user_id = member.get("user_id") or (member.get("id") if member.get("type") == "user" else None)
        if user_id is None:
            ctx.findings.warning("external_member", source,
                                 "Member %s of %s is an external number; a queue agent must be a user." % (member.get("id"), obj["name"]),
                                 "Create a device-less user forwarding to the number and add it as agent.", detail=str(member.get("id")))
            continue
        agent_ext = ctx.user_ext(user_id)
        if agent_ext is None or not ctx.in_scope("users", user_id):
            ctx.findings.warning("agent_not_migrated", source, "Agent %s of %s is not migrated." % (user_id, obj["name"]), detail=user_id)
            continue
        agent = dict(callqueue=extension, agent=agent_ext)
        if dispatch == "Tiered Round-robin":
            agent["order"] = (member.get("tier") or 0) + 1
        elif dispatch in ("Linear Hunt", "Linear Cascade"):
            agent["order"] = member.get("order") or position
        if member.get("wrap_up_seconds") is not None or obj.get("wrap_up_seconds") is not None:
            agent["wrap_up_seconds"] = member.get("wrap_up_seconds", obj.get("wrap_up_seconds"))
        agent["availability"] = "manual" if member.get("logged_in") is False else "automatic"
        result.append(agent)
        ctx.target(collection, obj, "agents", "%s/%s" % (extension, agent_ext))
    return result


def frame_name(ctx, time_frame_id, source, role):
    name = ctx.frame_names.get(time_frame_id)
    if name is None:
        ctx.findings.warning("time_frame_not_migrated", source, "%s uses time frame %s, which is not migrated; that route is left out." % (role, time_frame_id),
                             "Bring the time frame into scope.", detail="%s|%s" % (role, time_frame_id))
    return name


def plan_time_routers(ctx):
    """Time routers as service users whose answer rules forward per time frame; returns (users, rules)."""
    users, rules = [], []
    for router in ctx.objects("time_routers"):
        extension = ctx.ext("time_routers", router["source_id"])
        if extension is None:
            ctx.note("time_routers", router, "not planned: its extension collides")
            continue
        source = ctx.source("time_routers", router)
        users.append(dict(user=extension, first_name=router["name"], last_name="Time Router", user_scope=ctx.standards["service_user_scope"],
                          voicemail_enabled=False, directory_listed=False, directory_dial_by_name=False))
        ctx.target("time_routers", router, "users", extension)
        order = 0
        seen = set()
        for position, route in enumerate(router["routes"], 1):
            name = frame_name(ctx, route["time_frame_id"], source, "route %d" % position)
            target = alias(resolve(ctx, route["destination"], source, "route %d" % position))
            if name is None or target is None or name in seen:
                continue
            seen.add(name)
            order += 1
            rules.append(dict(user=extension, time_frame=name, enabled=True, order=order, forward_always=dict(enabled=True, parameters=[target])))
            ctx.target("time_routers", router, "answerrules", "%s/%s" % (extension, name))
        default = alias(resolve(ctx, router["default_destination"], source, "default route"))
        if default:
            rules.append(dict(user=extension, time_frame="*", enabled=True, forward_always=dict(enabled=True, parameters=[default])))
            ctx.target("time_routers", router, "answerrules", "%s/*" % extension)
    return users, rules


def _feature(ctx, rule, source):
    """``(feature name, {enabled, parameters})`` of one inventory answer rule."""
    params = []
    if rule["kind"] in ("simultaneous_ring", "sequential_ring") and rule.get("include_own_devices"):
        params.append("<OwnDevices>")
    delay = rule.get("ring_seconds") or DEFAULT_STEP_SECONDS if rule.get("include_own_devices") else 0
    for position, destination in enumerate(rule.get("destinations") or [], 1):
        target = alias(resolve(ctx, destination, source, "destination %d" % position))
        if target is None:
            continue
        if rule["kind"] == "sequential_ring" and delay:
            target = "%s;delay=%d" % (target, delay)
        if rule["kind"] == "sequential_ring":
            delay += rule.get("ring_seconds") or DEFAULT_STEP_SECONDS
        params.append(target)
    if rule["kind"] == "sequential_ring":
        ctx.findings.warning("sequential_ring", source, "Follow-me (one after another) becomes a simultaneous ring with delays %s." % ", ".join(params),
                             "Confirm the ring pattern with the user.", detail=",".join(params))
    return ANSWER_RULE_FEATURES[rule["kind"]], dict(enabled=bool(rule["enabled"]), parameters=params)


def plan_answer_rules(ctx, user_items):
    """Users' answer rules: the inventory's rules per (user, time frame), and the provider's default rule."""
    rules = {}
    voicemail_users = set(item["user"] for item in user_items if item.get("voicemail_enabled"))
    standard = ctx.standards["voicemail"]
    for item in user_items:
        if item["user"] not in voicemail_users:
            continue
        rule = dict(user=item["user"], time_frame="*", enabled=True)
        if standard["no_answer_to_voicemail"]:
            rule["forward_no_answer"] = dict(enabled=True, parameters=["vmail_" + item["user"]])
        if standard["busy_to_voicemail"]:
            rule["forward_on_busy"] = dict(enabled=True, parameters=["vmail_" + item["user"]])
        if len(rule) > 3:
            rules[(item["user"], "*")] = dict(rule=rule, priority=None)
    for rule in ctx.objects("answer_rules"):
        extension = ctx.user_ext(rule["user_id"])
        source = ctx.source("answer_rules", rule)
        if extension is None or not ctx.in_scope("users", rule["user_id"]):
            ctx.note("answer_rules", rule, "not planned: its user is not migrated")
            continue
        name = "*"
        if rule.get("time_frame_id"):
            name = frame_name(ctx, rule["time_frame_id"], source, "answer rule")
            if name is None:
                continue
        entry = rules.setdefault((extension, name), dict(rule=dict(user=extension, time_frame=name, enabled=False), priority=None))
        feature, value = _feature(ctx, rule, source)
        if feature in entry["rule"] and entry["rule"][feature]["parameters"] and value["parameters"] != entry["rule"][feature]["parameters"]:
            ctx.findings.warning("answer_rule_merged", source, "Two rules of %s set %s for %s; the later one wins." % (extension, feature, name),
                                 detail=feature)
        entry["rule"][feature] = value
        entry["rule"]["enabled"] = entry["rule"]["enabled"] or bool(rule["enabled"]) or name == "*"
        if rule.get("priority") is not None:
            entry["priority"] = min(rule["priority"], entry["priority"] if entry["priority"] is not None else rule["priority"])
        ctx.target("answer_rules", rule, "answerrules", "%s/%s" % (extension, name))
    ordered = []
    for extension in sorted(set(key[0] for key in rules), key=natural_key):
        timed = sorted((key for key in rules if key[0] == extension and key[1] != "*"),
                       key=lambda key: (rules[key]["priority"] if rules[key]["priority"] is not None else 1000, natural_key(key[1])))
        for order, key in enumerate(timed, 1):
            rules[key]["rule"]["order"] = order
            ordered.append(rules[key]["rule"])
        if (extension, "*") in rules:
            ordered.append(rules[(extension, "*")]["rule"])
    return ordered
