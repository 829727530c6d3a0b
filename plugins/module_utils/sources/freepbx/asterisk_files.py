# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plain Asterisk (no FreePBX): users, devices, voicemail, queues and DIDs from the configuration files.

``pjsip.conf`` gives the endpoints (an endpoint named by an extension is a user's phone;
the others are trunks), ``voicemail.conf`` the mailboxes, ``queues.conf`` the queues and
``extensions.conf`` the DIDs: ``exten =>`` lines with a phone number in the inbound contexts
whose first application dials a user, a queue or a mailbox.  Dialplan logic (menus, time
checks) cannot be modelled from the files and is listed as not collected.
"""

from __future__ import annotations

import os
import re

from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import secret_ref
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.asterisk_conf import (
    parse_caller_id,
    read_config,
    resolve_templates,
)
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.destinations import to_e164
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.freepbx_db import add_mailbox
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.freepbx_routing import QUEUE_STRATEGIES

_EXTENSION = re.compile(r"^[0-9]{2,10}$")
_DID = re.compile(r"^\+?[0-9]{7,15}$")
_APP = re.compile(r"^\s*([^,]+),\s*([^,]+),\s*(\w+)\s*\((.*)\)\s*$")
_MEMBER = re.compile(r"^(?:PJSIP|SIP|Local)/(\d+)")
_INBOUND_NAME = re.compile(r"(?i)^(from-(trunk|pstn|did|external|provider|carrier)|incoming|inbound|did)")
_PASSIVE_APPS = ("answer", "noop", "set", "wait", "ringing", "progress", "verbose", "log", "macro")
_LOGIC_APPS = ("background", "waitexten", "gotoiftime", "execiftime", "gotoif", "read")


def collect_asterisk(ctx):
    etc = ctx.options["asterisk_etc"]
    pjsip = resolve_templates(read_config(os.path.join(etc, "pjsip.conf"), missing_ok=True))
    by_type = {}
    for section in pjsip:
        by_type.setdefault(section.get("type", ""), []).append(section)
    auths = dict((s.name, s) for s in by_type.get("auth", []))
    identified = set(s.get("endpoint") for s in by_type.get("identify", []))
    endpoints = by_type.get("endpoint", [])
    phones = [s for s in endpoints if _EXTENSION.match(s.name) and s.name not in identified]
    trunk_contexts = set(s.get("context") for s in endpoints if s not in phones and s.get("context"))
    resolver = ctx.resolver
    mailbox_of = {}
    for endpoint in phones:
        resolver.users.add(endpoint.name)
        box = (endpoint.get("mailboxes") or "").split(",")[0].strip()
        if box:
            number, dummy, context = box.partition("@")
            mailbox_of[endpoint.name] = (context or "default", number)
    for (context, mailbox) in ctx.voicemail_conf:
        owner = next((ext for ext, key in mailbox_of.items() if key == (context, mailbox)), None)
        if owner is None and mailbox in resolver.users and mailbox not in mailbox_of:
            owner = mailbox
            mailbox_of[mailbox] = (context, mailbox)
        if owner:
            resolver.voicemail.add(owner)
        elif mailbox not in resolver.users:
            resolver.virtual_mailboxes.add(mailbox)
    queues = resolve_templates(read_config(os.path.join(etc, "queues.conf"), missing_ok=True))
    dialplan = read_config(os.path.join(etc, "extensions.conf"), missing_ok=True)
    queue_numbers = _queue_numbers(dialplan, queues)
    for number in queue_numbers.values():
        resolver.queues.add(number)

    for endpoint in phones:
        _user_and_device(ctx, endpoint, auths)
    for owner, (context, mailbox) in sorted(mailbox_of.items()):
        box = ctx.voicemail_conf.get((context, mailbox))
        if box and owner in resolver.voicemail:
            add_mailbox(ctx, context, mailbox, box, "voicemail_boxes", "vm-%s" % owner, dict(user_id="u-%s" % owner, mailbox=mailbox, enabled=True))
    for (context, mailbox), box in sorted(ctx.voicemail_conf.items()):
        if mailbox in resolver.virtual_mailboxes and not ctx.builder.has("virtual_mailboxes", "vmb-%s" % mailbox):
            fields = dict(extension=mailbox, name=box["name"] or "Mailbox %s" % mailbox)
            add_mailbox(ctx, context, mailbox, box, "virtual_mailboxes", "vmb-%s" % mailbox, fields)
    _queues(ctx, queues, queue_numbers)
    _dids(ctx, dialplan, trunk_contexts)


def _user_and_device(ctx, endpoint, auths):
    name, number = parse_caller_id(endpoint.get("callerid"))
    words = (name or "").split()
    first, last = (" ".join(words[:-1]), words[-1]) if len(words) >= 2 else ((words[0] if words else "Extension"), endpoint.name)
    ctx.builder.add("users", dict(source_id="u-%s" % endpoint.name, extension=endpoint.name, first_name=first, last_name=last,
                                  display_name=name, enabled=True,
                                  source_attributes=dict(endpoint=endpoint.name, context=endpoint.get("context") or "",
                                                         callerid=endpoint.get("callerid") or "")))
    auth = auths.get((endpoint.get("auth") or "").strip())
    password = auth.get("password") if auth is not None else None
    ctx.builder.add("devices", dict(
        source_id="dev-%s" % endpoint.name, type="other", name="PJSIP endpoint %s" % endpoint.name, lines=[dict(line=1, user_id="u-%s" % endpoint.name)],
        sip_password=ctx.builder.secret(secret_ref("sip_password", endpoint.name), password),
        source_attributes=dict((k, endpoint.get(k)) for k in ("context", "transport", "allow", "aors") if endpoint.get(k))))
    ctx.builder.not_collected("device_mac", "devices:%s" % endpoint.name,
                              "pjsip.conf does not say which phone registers as %s; its MAC address and model are not visible." % endpoint.name,
                              "Read the MAC address and model from the label of the phone registered as %s." % endpoint.name,
                              related=[dict(type="device", id="dev-%s" % endpoint.name)])


def _queue_numbers(dialplan, queues):
    """Queue name -> extension: the name itself when numeric, else the ``exten`` whose first app is Queue(name)."""
    numbers = {}
    names = set(section.name for section in queues if section.name != "general")
    for name in names:
        if _EXTENSION.match(name):
            numbers[name] = name
    for section in dialplan:
        for key, value in section.options:
            match = _APP.match(value) if key == "exten" else None
            if match and match.group(3).lower() == "queue":
                queue = match.group(4).split(",")[0].strip()
                if queue in names and queue not in numbers and _EXTENSION.match(match.group(1).strip()):
                    numbers[queue] = match.group(1).strip()
    return numbers


def _queues(ctx, queues, numbers):
    for section in queues:
        if section.name == "general":
            continue
        number = numbers.get(section.name)
        if number is None:
            ctx.builder.not_collected("queue", "queue:%s" % section.name, "Queue %s is not reached from any extension in extensions.conf." % section.name,
                                      "Give queue %s an extension if it is still used." % section.name)
            continue
        agents = []
        for member in section.get_all("member"):
            match = _MEMBER.match(member)
            if not match or match.group(1) not in ctx.resolver.users:
                ctx.builder.not_collected("queue_agent", "q-agent:%s:%s" % (number, member), "Queue %s has the member %r, which is not a user."
                                          % (section.name, member), "Decide who answers in place of %r in queue %s." % (member, section.name),
                                          related=[dict(type="queue", id="q-%s" % number)])
            elif all(a["user_id"] != "u-%s" % match.group(1) for a in agents):
                penalty = member.split(",")[1].strip() if "," in member else "0"
                agents.append(dict(user_id="u-%s" % match.group(1), order=len(agents) + 1, tier=int(penalty) if penalty.isdigit() else 0))
        ctx.builder.add("queues", dict(
            source_id="q-%s" % number, extension=number, name=section.name,
            strategy=QUEUE_STRATEGIES.get((section.get("strategy") or "ringall").lower(), "ring_all"), agents=agents or None,
            agent_ring_seconds=_positive(section.get("timeout")), wrap_up_seconds=_positive(section.get("wrapuptime"), 0),
            max_callers=_positive(section.get("maxlen"), 0), join_when_no_agents=(section.get("joinempty") or "yes").lower() == "yes",
            announce_position=(section.get("announce-position") or "no").lower() in ("yes", "more", "limit"),
            source_attributes=dict(queue=section.name, **dict((k.replace("-", "_"), v) for k, v in section.options if k != "member"))))


def _positive(value, minimum=1):
    return int(value) if value and value.isdigit() and int(value) >= minimum else None


def _dids(ctx, dialplan, trunk_contexts):
    inbound = set(ctx.options.get("inbound_contexts") or []) or set(
        s.name for s in dialplan if s.name and (s.name in trunk_contexts or _INBOUND_NAME.match(s.name)))
    logic = sorted(set(s.name for s in dialplan if s.name and any(
        _APP.match(v) and _APP.match(v).group(3).lower() in _LOGIC_APPS for k, v in s.options if k in ("exten", "same"))))
    if logic:
        ctx.builder.not_collected("dialplan", "dialplan:logic",
                                  "extensions.conf has menus or time checks (contexts %s) that cannot be read as inventory objects." % ", ".join(logic),
                                  "Describe the auto attendants and business hours these contexts implement.")
    for section in dialplan:
        if section.name not in inbound:
            continue
        first_app, current = {}, None
        for key, value in section.options:
            if key == "exten":
                match = _APP.match(value)
                current = match.group(1).strip() if match else None
            elif key == "same" and current:
                match = _APP.match("%s,%s" % (current, value))
            else:
                continue
            if match and current not in first_app and match.group(3).lower() not in _PASSIVE_APPS:
                first_app[current] = (match.group(3), match.group(4), "%s => %s" % (key, value))
        for exten, (app, args, line) in sorted(first_app.items()):
            number = to_e164(exten, ctx.region) if _DID.match(exten) else None
            if number is None:
                continue
            source_id = "did-%s" % number.lstrip("+")
            destination = _dialplan_destination(ctx, app, args, line, dict(type="did", id=source_id))
            ctx.builder.add("dids", dict(source_id=source_id, number=number, destination=destination, routing_as_collected=line[:200],
                                         source_attributes=dict(context=section.name)))


def _dialplan_destination(ctx, app, args, line, related):
    app = app.lower()
    first = args.split(",")[0].strip()
    target = None
    if app == "dial":
        match = _MEMBER.match(first)
        target = ctx.resolver.extension_target(match.group(1)) if match else None
    elif app == "queue":
        number = next((q for q in ctx.resolver.queues if (ctx.builder.get("queues", "q-%s" % q) or {}).get("name") == first), None)
        target = {"type": "queue", "id": "q-%s" % number} if number else None
    elif app == "voicemail":
        target = ctx.resolver.voicemail_target(first.split("@")[0])
    elif app == "goto":
        parts = [p.strip() for p in args.split(",")]
        exten = parts[1] if len(parts) == 3 else parts[0]
        target = ctx.resolver.extension_target(exten)
    if target is not None:
        return target
    return ctx.resolver.unmapped("dialplan", line, "the dialplan line %r is logic the inventory cannot model" % line, related)
