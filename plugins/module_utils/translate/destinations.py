# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Routing destinations of the inventory as the target spells them.

One resolved destination has three spellings: a dial rule (``application`` +
``destination_user`` of phone numbers and attendant options), an answer-rule parameter
(``user_201``, ``vmail_201``, ``queue_600``, digits), and an attendant option.  A
destination that resolves nowhere (out of scope, not collected, fax) is a blocking finding;
its resolution ``destination:<extension>`` routes to that extension instead, ``accept``
leaves the route out.
"""

from __future__ import annotations

import re

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import NormalizationError, e164_digits

_RESOLVED_DESTINATION = re.compile(r"^destination:\s*([0-9]{2,10}|\+?[0-9]{7,15})$")
TERMINALS = ("hangup", "repeat_menu", "parent_menu", "directory", "operator")
# destination type -> (collection, dial-rule application, alias prefix)
_EXTENSION_TARGETS = {
    "user": ("users", "to-user", "user_"),
    "virtual_mailbox": ("virtual_mailboxes", "to-voicemail", "vmail_"),
    "hunt_group": ("hunt_groups", "to-callqueue", "queue_"),
    "queue": ("queues", "to-callqueue", "queue_"),
    "auto_attendant": ("auto_attendants", "to-user", "user_"),
    "time_router": ("time_routers", "to-user", "user_"),
}


def _digits(number):
    try:
        return e164_digits(number)
    except (NormalizationError, ValueError):
        return re.sub(r"[^0-9]", "", str(number))


def resolve(ctx, destination, source, role):
    """``{"type": ..., "ext"|"number"|"menu"...}`` for a destination, or None when it goes nowhere (a finding says why).

    ``source`` is the finding source of the object holding the route, ``role`` says which route
    (e.g. "option 2 of menu main") for the messages.
    """
    kind = destination.get("type")
    if kind in TERMINALS:
        return {"type": kind}
    if kind == "external":
        return {"type": "external", "number": _digits(destination.get("id"))}
    if kind == "auto_attendant_menu":
        return {"type": "menu", "attendant": destination.get("id"), "menu": destination.get("menu")}
    if kind == "voicemail":
        box = ctx.get("voicemail_boxes", destination.get("id"))
        extension = ctx.user_ext(box["user_id"]) if box and ctx.in_scope("voicemail_boxes", box["source_id"]) else None
        if extension:
            return {"type": "voicemail", "ext": extension, "application": "to-voicemail", "alias": "vmail_" + extension}
        return _nowhere(ctx, destination, source, role, "the voicemail box is not migrated")
    if kind in _EXTENSION_TARGETS:
        collection, application, alias = _EXTENSION_TARGETS[kind]
        extension = ctx.ext(collection, destination.get("id"))
        if extension and ctx.in_scope(collection, destination.get("id")):
            return {"type": kind, "ext": extension, "application": application, "alias": alias + extension}
        return _nowhere(ctx, destination, source, role, "%s %s is not migrated or has no extension" % (kind.replace("_", " "), destination.get("id")))
    if kind == "fax":
        return _nowhere(ctx, destination, source, role, "fax services have no equivalent among the planned resources", unsupported=True)
    if kind == "not_collected":
        entry = ctx.get("not_collected", destination.get("id")) or {}
        return _nowhere(ctx, destination, source, role, "the source's routing could not be read (%s)" % (entry.get("reason") or destination.get("id")))
    return _nowhere(ctx, destination, source, role, "unknown destination type %r" % (kind,))


def _nowhere(ctx, destination, source, role, why, unsupported=False):
    kind = "unsupported_destination" if unsupported else "unresolved_destination"
    detail = "%s|%s|%s" % (role, destination.get("type"), destination.get("id") or "")
    resolution = ctx.findings.blocking(
        kind, source, "%s: the destination %s %s resolves nowhere on the target: %s." % (
            role, destination.get("type"), destination.get("id") or "", why),
        "Route it elsewhere in the inventory, or decide 'destination:<extension or number>' (or 'accept' to leave the route out).",
        detail=detail)
    if resolution:
        match = _RESOLVED_DESTINATION.match(resolution["decision"])
        if match:
            value = match.group(1)
            if len(value.lstrip("+")) > 10:
                return {"type": "external", "number": value.lstrip("+")}
            return {"type": "user", "ext": value, "application": "to-user", "alias": "user_" + value}
    return None


def dial_rule(target):
    """``(application, destination_user)`` of a phone number or attendant option, or None for terminals without one."""
    if target is None:
        return None
    if "application" in target:
        return target["application"], target["ext"]
    if target["type"] == "external":
        # An external number is reached through the domain's dial plan like a dialled number.
        return "to-user", target["number"]
    if target["type"] == "hangup":
        return "hangup", "[*]"
    return None


def alias(target):
    """The answer-rule parameter for a destination, or None (terminal actions have none)."""
    if target is None:
        return None
    if "alias" in target:
        return target["alias"]
    if target["type"] == "external":
        return target["number"]
    return None
