# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Extensions on the target: the standards' prefix and length, reserved numbers, collision policy.

Every object that owns an extension (users, mailboxes, groups, queues, attendants, time
routers) gets one, in a fixed order, so renumbering is deterministic.  A collision (with a
reserved extension, or between two objects once the prefix is applied) follows
``extension_collision``: ``fail`` is a blocking finding (resolved with the decision
``extension:<digits>``), ``prefix`` puts ``collision_prefix`` in front until the extension is
free, ``renumber`` takes the next free extension from ``renumber_start``.
"""

from __future__ import annotations

import re

from ansible_collections.ucaas.migration.plugins.module_utils.translate.context import EXTENSION_COLLECTIONS, natural_key

_RESOLVED_EXTENSION = re.compile(r"^extension:\s*([0-9]{2,10})$")


def _next_free(start, taken):
    width = len(start)
    number = int(start)
    while True:
        candidate = str(number).zfill(width)
        if candidate not in taken:
            return candidate
        number += 1


def assign_extensions(ctx):
    """Fill ``ctx.extensions`` for every in-scope object that owns an extension."""
    standards = ctx.standards
    prefix = standards["extension_prefix"] or ""
    length = standards["extension_length"]
    taken = set(str(item) for item in standards["reserved_extensions"] or [])
    reserved = set(taken)
    pending_routers = []
    for collection in EXTENSION_COLLECTIONS:
        for source_id in sorted(ctx.index[collection], key=natural_key):
            if not ctx.in_scope(collection, source_id):
                continue
            obj = ctx.index[collection][source_id]
            if not obj.get("extension"):
                pending_routers.append((collection, obj))
                continue
            wanted = prefix + str(obj["extension"])
            source = ctx.source(collection, obj)
            if length and len(wanted) != length:
                ctx.findings.warning("extension_length", source, "Extension %s has %d digits; the standard is %d." % (wanted, len(wanted), length),
                                     "Renumber it in the inventory, or set standards.extension_prefix.", detail=wanted)
            extension = wanted
            if wanted in taken:
                extension = _resolve_collision(ctx, collection, obj, wanted, taken, wanted in reserved)
            if extension is not None:
                taken.add(extension)
                ctx.extensions[(collection, source_id)] = extension
    for collection, obj in pending_routers:
        start = str(standards["renumber_start"] or "")
        if not start:
            widths = [len(value) for value in taken - reserved] or [length or 3]
            start = "9".ljust(max(widths), "0")
        extension = _next_free(start, taken)
        taken.add(extension)
        ctx.extensions[(collection, obj["source_id"])] = extension
        ctx.findings.info("extension_assigned", ctx.source(collection, obj),
                          "%s has no extension on the source; it gets %s on the target (it is a user there)." % (obj.get("name"), extension),
                          "Give it an extension in the inventory to choose another.", detail=extension)


def _resolve_collision(ctx, collection, obj, wanted, taken, is_reserved):
    policy = ctx.standards["extension_collision"]
    source = ctx.source(collection, obj)
    what = "a reserved extension" if is_reserved else "already used by another object"
    if policy == "prefix":
        extension = wanted
        while extension in taken:
            extension = ctx.standards["collision_prefix"] + extension
        ctx.findings.warning("extension_renumbered", source, "Extension %s is %s; it becomes %s (policy prefix)." % (wanted, what, extension),
                             "Tell the users their new extension.", detail=extension)
        return extension
    if policy == "renumber":
        extension = _next_free(str(ctx.standards["renumber_start"] or wanted), taken)
        ctx.findings.warning("extension_renumbered", source, "Extension %s is %s; it becomes %s (policy renumber)." % (wanted, what, extension),
                             "Tell the users their new extension.", detail=extension)
        return extension
    resolution = ctx.findings.blocking(
        "extension_collision", source, "Extension %s is %s (policy fail)." % (wanted, what),
        "Change the extension in the inventory, set standards.extension_collision to prefix or renumber, or decide 'extension:<digits>'.",
        detail=wanted)
    if resolution:
        match = _RESOLVED_EXTENSION.match(resolution["decision"])
        if match and match.group(1) not in taken:
            return match.group(1)
    return None
