# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""FreePBX database tables -> call routing: recordings, ring groups, queues, IVRs, time conditions, DIDs, forwards."""

from __future__ import annotations

import os
import re

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import MENU_KEYS
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.audio import find_audio
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.destinations import external_number, to_e164
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.freepbx_db import _attributes, _int
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.timegroups import frame_kind, time_frame_entries

RING_GROUP_STRATEGIES = {
    "ringall": "ring_all", "ringall-prim": "ring_all", "ringallv2": "ring_all", "ringallv2-prim": "ring_all",
    "hunt": "linear", "hunt-prim": "linear", "memoryhunt": "linear_cascade", "memoryhunt-prim": "linear_cascade",
    "firstavailable": "first_available", "firstnotonphone": "first_available", "random": "random",
}
QUEUE_STRATEGIES = {
    "ringall": "ring_all", "leastrecent": "longest_idle", "fewestcalls": "fewest_calls", "random": "random", "wrandom": "random",
    "rrmemory": "round_robin", "rrordered": "round_robin", "linear": "linear",
}
_QUEUE_MEMBER = re.compile(r"^(?:Local|PJSIP|SIP|IAX2)/(\d+)(?:@[^,/]*)?(?:/n)?\s*(?:,\s*(\d+))?")
_IVR_DEST = re.compile(r"^ivr-(\d+),")


def recordings(ctx, tables):
    """System recordings as audio assets: recording id -> asset id."""
    assets = {}
    sounds = ctx.options.get("sounds_dir")
    for row in sorted(tables["recordings"], key=lambda r: _int(r["id"]) or 0):
        parts = [part for part in (row.get("filename") or "").split("&") if part]
        found = None
        for language in ctx.options.get("sound_languages") or ["en"]:
            if parts and sounds:
                found = find_audio(os.path.join(sounds, language, parts[0]))
            if found:
                break
        related = []
        if found:
            path, extension, audio_format = found
            asset_id = "rec-%s" % row["id"]
            ctx.audio.add(asset_id, path, "rec-%s-%s" % (row["id"], os.path.basename(parts[0])), extension, audio_format,
                          row.get("displayname") or parts[0], "announcement", dict(recording_id=row["id"], filename=row.get("filename")))
            assets[row["id"]] = asset_id
            related = [dict(type="audio_asset", id=asset_id)]
        if not found or len(parts) > 1:
            gap = "only its first part %s was collected" % parts[0] if found else "no sound file for %r was found" % row.get("filename")
            ctx.builder.not_collected(
                "recording", "recording:%s" % row["id"],
                "System recording %s (%s): %s." % (row["id"], row.get("displayname"), gap),
                "Provide the complete recording %r as one audio file." % (row.get("displayname") or row["id"]), related=related or None)
    return assets


def announcements(ctx, tables):
    for row in tables["announcement"]:
        ctx.resolver.announcements[row["announcement_id"]] = row.get("description") or "no description"


def ring_groups(ctx, tables, assets):
    for row in tables["ringgroups"]:
        ctx.resolver.hunt_groups.add(row["grpnum"])
    for row in tables["ringgroups"]:
        source_id = "hg-%s" % row["grpnum"]
        related = dict(type="hunt_group", id=source_id)
        members = []
        for entry in (row.get("grplist") or "").split("-"):
            entry = entry.strip()
            if not entry:
                continue
            number = external_number(entry) if entry.endswith("#") else None
            if number:
                member = dict(type="external", id=to_e164(number, ctx.region) or number)
            elif entry in ctx.resolver.users:
                member = dict(type="user", id="u-%s" % entry)
            else:
                ctx.builder.not_collected(
                    "hunt_group_member", "hg-member:%s:%s" % (row["grpnum"], entry),
                    "Ring group %s lists %s, which is not a user (only users and outside numbers can be members)." % (row["grpnum"], entry),
                    "Decide how %s should be reached from ring group %s on the target." % (entry, row["grpnum"]), related=[related])
                continue
            if member not in members:
                members.append(member)
        strategy = RING_GROUP_STRATEGIES.get((row.get("strategy") or "").lower())
        if strategy is None:
            strategy = "ring_all"
            ctx.builder.not_collected("hunt_group_strategy", "hg-strategy:%s" % row["grpnum"],
                                      "Ring group %s uses the strategy %r, which has no counterpart." % (row["grpnum"], row.get("strategy")),
                                      "Choose the ring strategy of ring group %s on the target." % row["grpnum"], related=[related])
        ctx.builder.add("hunt_groups", dict(
            source_id=source_id, extension=row["grpnum"], name=row.get("description") or "Ring group %s" % row["grpnum"],
            strategy=strategy, members=members or None, ring_seconds=_int(row.get("grptime"), 1),
            no_answer_destination=ctx.resolver.resolve(row.get("postdest"), related),
            caller_name_prefix=row.get("grppre") or None, greeting_asset_id=assets.get(row.get("annmsg_id")),
            source_attributes=_attributes(row, ("grplist", "strategy", "postdest", "annmsg_id", "cfignore", "cwignore", "needsconf"))))


def queues(ctx, tables, assets):
    details = {}
    for row in tables["queues_details"]:
        details.setdefault(row["id"], []).append((row["keyword"], row.get("data") or ""))
    for row in tables["queues_config"]:
        ctx.resolver.queues.add(row["extension"])
    for row in tables["queues_config"]:
        number = row["extension"]
        source_id = "q-%s" % number
        settings = dict(details.get(number, []))
        agents = []
        for keyword, data in details.get(number, []):
            if keyword != "member":
                continue
            match = _QUEUE_MEMBER.match(data)
            if match and match.group(1) in ctx.resolver.users:
                agent = dict(user_id="u-%s" % match.group(1), tier=_int(match.group(2) or 0, 0))
                if all(a["user_id"] != agent["user_id"] for a in agents):
                    agents.append(agent)
            else:
                ctx.builder.not_collected("queue_agent", "q-agent:%s:%s" % (number, data),
                                          "Queue %s has the member %r, which is not a user." % (number, data),
                                          "Decide who answers in place of %r in queue %s." % (data, number),
                                          related=[dict(type="queue", id=source_id)])
        for agent_extension, penalty in sorted(ctx.astdb.family("QPENALTY", number, "agents").items()):
            if agent_extension in ctx.resolver.users and all(a["user_id"] != "u-%s" % agent_extension for a in agents):
                agents.append(dict(user_id="u-%s" % agent_extension, tier=_int(penalty, 0) or 0))
        for order, agent in enumerate(agents, 1):
            agent["order"] = order
        strategy = QUEUE_STRATEGIES.get(settings.get("strategy", "ringall").lower(), "ring_all")
        joinempty = settings.get("joinempty", "yes").lower()
        ctx.builder.add("queues", dict(
            source_id=source_id, extension=number, name=row.get("descr") or "Queue %s" % number, strategy=strategy,
            agents=agents or None, agent_ring_seconds=_int(settings.get("timeout"), 1), max_wait_seconds=_int(row.get("maxwait"), 1),
            wrap_up_seconds=_int(settings.get("wrapuptime"), 0), max_callers=_int(settings.get("maxlen"), 0),
            join_when_no_agents=joinempty in ("yes", ""),
            announce_position=settings.get("announce-position", "no").lower() in ("yes", "more", "limit"),
            timeout_destination=ctx.resolver.resolve(row.get("dest"), dict(type="queue", id=source_id)),
            intro_asset_id=assets.get(row.get("joinannounce_id")), caller_name_prefix=row.get("grppre") or None,
            source_attributes=dict(_attributes(row, ("maxwait", "dest", "joinannounce_id", "agentannounce_id")),
                                   **dict(("queue_%s" % k.replace("-", "_"), v) for k, v in sorted(settings.items())
                                          if k in ("strategy", "timeout", "retry", "wrapuptime", "maxlen", "joinempty", "leavewhenempty",
                                                   "music", "announce-position", "announce-frequency")))))


def ivr_locations(tables, routing_refs):
    """IVR id -> (attendant id, menu id, parent menu id): sub-IVRs reached only from one other IVR become its menus."""
    ivrs = dict((row["id"], row) for row in tables["ivr_details"])
    parents = dict((ivr_id, set()) for ivr_id in ivrs)
    for row in tables["ivr_entries"]:
        match = _IVR_DEST.match((row.get("dest") or "") + ",")
        if match and match.group(1) in parents and match.group(1) != row["ivr_id"]:
            parents[match.group(1)].add(row["ivr_id"])
    for row in tables["ivr_details"]:
        for key in ("invalid_destination", "timeout_destination"):
            match = _IVR_DEST.match((row.get(key) or "") + ",")
            if match and match.group(1) in parents and match.group(1) != row["id"]:
                parents[match.group(1)].add(row["id"])
    externally = set(m.group(1) for m in (_IVR_DEST.match(ref + ",") for ref in routing_refs) if m)

    def parent_of(ivr_id):
        if ivr_id in externally or len(parents[ivr_id]) != 1:
            return None
        return next(iter(parents[ivr_id]))

    locations = {}
    for ivr_id in ivrs:
        chain, current = [ivr_id], parent_of(ivr_id)
        while current is not None and current not in chain:
            chain.append(current)
            current = parent_of(current)
        if current is not None:        # a loop of IVRs only reachable from each other: each stands alone
            chain = [ivr_id]
        root = chain[-1]
        parent = parent_of(ivr_id) if len(chain) > 1 else None
        locations[ivr_id] = ("aa-%s" % root, "main" if ivr_id == root else "ivr-%s" % ivr_id,
                             None if parent is None else ("main" if parent == root else "ivr-%s" % parent))
    return locations


def ivrs(ctx, tables, assets, locations, used_extensions):
    entries = {}
    for row in tables["ivr_entries"]:
        entries.setdefault(row["ivr_id"], []).append(row)
    attendants = {}
    for row in sorted(tables["ivr_details"], key=lambda r: _int(r["id"]) or 0):
        attendant, menu_id, parent = locations[row["id"]]
        related = dict(type="auto_attendant", id=attendant)
        where = (attendant, menu_id, parent)
        options = []
        for entry in sorted(entries.get(row["id"], []), key=lambda e: e.get("selection") or ""):
            key = (entry.get("selection") or "").strip()
            if key not in MENU_KEYS:
                ctx.builder.not_collected("menu_option", "ivr-option:%s:%s" % (row["id"], key),
                                          "IVR %s (%s) has the option %r, which is not a single key." % (row["id"], row.get("name"), key),
                                          "Re-create option %r of IVR %s by hand (it leads to %s)." % (key, row.get("name"), entry.get("dest")),
                                          related=[related])
                continue
            options.append(dict(key=key, destination=ctx.resolver.resolve(entry.get("dest"), related, where)))
        menu = dict(
            id=menu_id, name=row.get("name") or None, greeting_asset_id=assets.get(row.get("announcement")), options=options or None,
            dial_by_extension=bool(row.get("directdial")), timeout_seconds=_int(row.get("timeout_time"), 1),
            timeout_destination=ctx.resolver.resolve(row.get("timeout_destination"), related, where),
            invalid_destination=ctx.resolver.resolve(row.get("invalid_destination"), related, where),
            invalid_retries=_int(row.get("invalid_loops"), 0))
        attendants.setdefault(attendant, dict(menus=[], row=None))
        attendants[attendant]["menus"].append(dict((k, v) for k, v in menu.items() if v is not None))
        if menu_id == "main":
            attendants[attendant]["row"] = row
    base = ctx.options.get("ivr_extension_base", 7000)
    for attendant, data in sorted(attendants.items(), key=lambda item: _int(item[0][3:]) or 0):
        row = data["row"]
        extension = base + (_int(row["id"]) or 0)
        while str(extension) in used_extensions:
            extension += 1
        used_extensions.add(str(extension))
        ctx.builder.add("auto_attendants", dict(
            source_id=attendant, extension=str(extension), name=row.get("name") or "IVR %s" % row["id"],
            menus=sorted(data["menus"], key=lambda m: (m["id"] != "main", _int(m["id"][4:]) or 0)), variants=[dict(menu="main")],
            source_attributes=dict(ivr_id=row["id"], extension_assigned=True, **_attributes(row, ("description", "directdial")))))


def time_conditions(ctx, tables):
    rows_by_group = {}
    for row in sorted(tables["timegroups_details"], key=lambda r: _int(r["id"]) or 0):
        rows_by_group.setdefault(row["timegroupid"], []).append(row["time"])
    for group in tables["timegroups_groups"]:
        rows = rows_by_group.get(group["id"], [])
        weekly, dates, unsupported = time_frame_entries(rows, ctx.year)
        name = group.get("description") or "Time group %s" % group["id"]
        for entry in dates:
            entry["name"] = name
        source_id = "tf-%s" % group["id"]
        for row, reason in unsupported:
            ctx.builder.not_collected("time_frame_entry", "timegroup:%s:%s" % (group["id"], row),
                                      "Time group %s (%s): %s." % (group["id"], name, reason),
                                      "Add the times %r of %s on the target by hand." % (row, name),
                                      related=[dict(type="time_frame", id=source_id)])
        ctx.builder.add("time_frames", dict(
            source_id=source_id, name=name, kind=frame_kind(weekly, dates), time_zone=ctx.time_zone, weekly=weekly or None,
            dates=dates or None, source_attributes=dict(timegroup=group["id"], rows="; ".join(rows))))
    for row in tables["timeconditions"]:
        ctx.resolver.time_conditions.add(row["timeconditions_id"])
    for row in tables["timeconditions"]:
        source_id = "tc-%s" % row["timeconditions_id"]
        related = dict(type="time_router", id=source_id)
        frame = "tf-%s" % row.get("time")
        mode = row.get("mode") or "time-group"
        if mode != "time-group" or not ctx.builder.has("time_frames", frame):
            ctx.builder.not_collected(
                "time_condition", "timecondition:%s" % row["timeconditions_id"],
                "Time condition %s (%s) uses %s, which was not collected." % (
                    row["timeconditions_id"], row.get("displayname"), "a calendar" if mode != "time-group" else "time group %s" % row.get("time")),
                "Describe the hours of %s so they can be re-created." % row.get("displayname"))
            ctx.resolver.time_conditions.discard(row["timeconditions_id"])
            continue
        ctx.builder.add("time_routers", dict(
            source_id=source_id, name=row.get("displayname") or "Time condition %s" % row["timeconditions_id"],
            routes=[dict(time_frame_id=frame, destination=ctx.resolver.resolve(row.get("truegoto"), related))],
            default_destination=ctx.resolver.resolve(row.get("falsegoto"), related),
            source_attributes=_attributes(row, ("timeconditions_id", "time", "truegoto", "falsegoto", "mode", "timezone"))))


def dids(ctx, tables):
    fax_dids = dict((row.get("extension") or "", row) for row in tables["fax_incoming"] if not row.get("cidnum"))
    toll_free = re.compile(r"^\+18(00|33|44|55|66|77|88)")
    for row in sorted(tables["incoming"], key=lambda r: (r.get("extension") or "", r.get("cidnum") or "")):
        pattern, cidnum = row.get("extension") or "", row.get("cidnum") or ""
        routing = row.get("destination") or ""
        number = to_e164(pattern, ctx.region) if re.match(r"^\+?[0-9]{7,15}$", pattern) else None
        if cidnum or not number:
            ctx.builder.not_collected(
                "inbound_route", "incoming:%s/%s" % (pattern or "any", cidnum or "any"),
                "Inbound route %s/%s (%s) matches %s; only routes for one DID and any caller are collected (routes to %r)." % (
                    pattern or "any DID", cidnum or "any CID", row.get("description"), "a caller ID" if cidnum else "a pattern or no number",
                    routing),
                "Re-create this inbound route on the target by hand if it is still needed.")
            continue
        source_id = "did-%s" % number.lstrip("+")
        fax = fax_dids.get(pattern)
        destination = ctx.resolver.resolve(routing, dict(type="did", id=source_id))
        usage = {"user": "direct", "voicemail": "direct", "virtual_mailbox": "department", "hunt_group": "department", "queue": "department",
                 "fax": "fax", "auto_attendant": "main", "time_router": "main"}.get(destination["type"] if destination else "", "other")
        if toll_free.match(number):
            usage = "toll_free"
        attributes = _attributes(row, ("description", "alertinfo", "grppre", "mohclass", "ringing", "delay_answer"))
        if fax and str(fax.get("detection") or "").lower() not in ("", "0", "none"):
            attributes.update(fax_detection=fax.get("detection"), fax_destination=fax.get("destination") or "")
        ctx.builder.add("dids", dict(
            source_id=source_id, number=number, label=row.get("description") or None, usage=usage, destination=destination,
            routing_as_collected=routing or None, caller_name_prefix=row.get("grppre") or None, source_attributes=attributes or None))


def answer_rules(ctx, tables):
    """Follow-me, user-set forwards (AstDB CF/CFB/CFU), DND and the extension's optional destinations."""
    for row in tables["findmefollow"]:
        extension = row["grpnum"]
        if extension not in ctx.resolver.users:
            continue
        user_id = "u-%s" % extension
        destinations, own = [], False
        for entry in (row.get("grplist") or "").split("-"):
            entry = entry.strip()
            if entry == extension:
                own = True
            elif external_number(entry) and entry.endswith("#"):
                destinations.append(dict(type="external", id=to_e164(external_number(entry), ctx.region) or external_number(entry)))
            elif entry in ctx.resolver.users:
                destinations.append(dict(type="user", id="u-%s" % entry))
        if not destinations:
            continue
        state = ctx.astdb.get("AMPUSER", extension, "followme", "ddial")
        strategy = (row.get("strategy") or "ringallv2").lower()
        ctx.builder.add("answer_rules", dict(
            source_id="ar-%s-followme" % extension, user_id=user_id,
            kind="simultaneous_ring" if strategy.startswith("ringall") else "sequential_ring",
            enabled=(state or "").upper() == "EXTENSION" if ctx.astdb_read else True, destinations=destinations,
            ring_seconds=_int(row.get("grptime"), 1), include_own_devices=own, priority=10,
            source_attributes=dict(_attributes(row, ("grplist", "strategy", "grptime", "pre_ring", "postdest")),
                                   followme_ddial=state or "unknown")))
    kinds = (("CF", "forward_always"), ("CFB", "forward_busy"), ("CFU", "forward_unavailable"))
    for row in tables["users"]:
        extension = row["extension"]
        if extension not in ctx.resolver.users:
            continue
        user_id = "u-%s" % extension
        for family, kind in kinds:
            target = ctx.astdb.get(family, extension)
            if not target:
                continue
            destination = ctx.resolver.extension_target(target) or (
                dict(type="external", id=to_e164(target, ctx.region) or target) if external_number(target) else None)
            if destination is None:
                destination = ctx.resolver.unmapped("call_forward", "%s/%s=%s" % (family, extension, target),
                                                    "the forward %s of extension %s goes to %r, which is not a number" % (family, extension, target),
                                                    dict(type="user", id=user_id))
            ctx.builder.add("answer_rules", dict(source_id="ar-%s-%s" % (extension, family.lower()), user_id=user_id, kind=kind, enabled=True,
                                                 destinations=[destination], priority=1, source_attributes={"astdb_%s" % family: target}))
        if (ctx.astdb.get("DND", extension) or "").upper() == "YES":
            ctx.builder.add("answer_rules", dict(source_id="ar-%s-dnd" % extension, user_id=user_id, kind="do_not_disturb", enabled=True, priority=0))
        optional = (("noanswer_dest", "forward_no_answer", None), ("busy_dest", "forward_busy", "CFB"), ("chanunavail_dest", "forward_unavailable", "CFU"))
        for column, kind, family in optional:
            raw = row.get(column)
            if not raw or (family and ctx.astdb.get(family, extension)):
                continue
            ctx.builder.add("answer_rules", dict(
                source_id="ar-%s-%s" % (extension, column.replace("_dest", "")), user_id=user_id, kind=kind, enabled=True,
                destinations=[ctx.resolver.resolve(raw, dict(type="user", id=user_id))],
                ring_seconds=_int(row.get("ringtimer"), 1) if kind == "forward_no_answer" else None, priority=5,
                source_attributes={column: raw}))
