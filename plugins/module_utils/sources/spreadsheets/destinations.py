# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""FreePBX destination strings as they appear in Bulk Handler CSV exports.

FreePBX stores a destination as ``context,extension,priority`` (``from-did-direct,201,1``,
``ext-group,600,1``, ``ivr-3,s,1``).  :func:`parse_freepbx_destination` tells what such a
string points at, without knowing the rest of the PBX; the Bulk Handler mapper turns that
into an inventory destination.  The FreePBX database adapter reads the same strings from
the database with its own parser; this one serves the CSV exports only.
"""

from __future__ import annotations

import re

# ext-local voicemail prefixes: which greeting the caller hears
_VOICEMAIL_PREFIXES = {"vmu": "unavailable", "vmb": "busy", "vms": "no_greeting", "vmi": "instructions"}
_SIMPLE_CONTEXTS = {
    "from-did-direct": "extension",
    "ext-group": "ring_group",
    "ext-queues": "queue",
    "timeconditions": "time_condition",
    "app-daynight": "call_flow_control",
    "ext-meetme": "conference",
    "ext-miscdests": "misc_destination",
    "ext-fax": "fax",
    "directory": "directory",
    "app-vmblast": "voicemail_blast",
}
_NUMBERED_CONTEXTS = (
    (re.compile(r"^ivr-(\d+)$"), "ivr"),
    (re.compile(r"^app-announcement-(\d+)$"), "announcement"),
    (re.compile(r"^customdest(?:-(\d+))?$"), "custom"),
)
# What each kind is called in messages.
KIND_LABELS = {
    "extension": "extension",
    "voicemail": "voicemail of extension",
    "ring_group": "ring group",
    "queue": "queue",
    "ivr": "IVR",
    "time_condition": "time condition",
    "call_flow_control": "call flow control",
    "conference": "conference",
    "misc_destination": "misc destination",
    "fax": "fax",
    "directory": "directory",
    "voicemail_blast": "voicemail blast group",
    "announcement": "announcement",
    "custom": "custom destination",
    "hangup": "hang up",
    "terminate": "terminate call",
    "unknown": "destination",
}


class FreepbxDestination:
    """What a destination string points at: ``kind``, ``target`` (extension or id), ``detail``."""

    def __init__(self, text, kind, target=None, detail=None):
        self.text = text
        self.kind = kind
        self.target = target
        self.detail = detail

    def __eq__(self, other):
        return isinstance(other, FreepbxDestination) and (self.text, self.kind, self.target, self.detail) == (
            other.text, other.kind, other.target, other.detail)

    def __repr__(self):
        return "FreepbxDestination(%r, kind=%r, target=%r, detail=%r)" % (self.text, self.kind, self.target, self.detail)

    def describe(self):
        label = KIND_LABELS.get(self.kind, self.kind)
        return "%s %s" % (label, self.target) if self.target else label


def parse_freepbx_destination(text):
    """Parse ``context,extension,priority``; None for an empty cell.

    Unknown contexts come back as kind ``unknown`` so the caller can record them as
    not collected rather than guess.
    """
    text = (text or "").strip()
    if not text:
        return None
    parts = [part.strip() for part in text.split(",")]
    context = parts[0]
    exten = parts[1] if len(parts) > 1 else ""
    if context == "ext-local":
        prefix = exten[:3]
        if prefix in _VOICEMAIL_PREFIXES and exten[3:].isdigit():
            return FreepbxDestination(text, "voicemail", exten[3:], _VOICEMAIL_PREFIXES[prefix])
        if exten.isdigit():
            return FreepbxDestination(text, "extension", exten)
        return FreepbxDestination(text, "unknown")
    if context == "app-blackhole":
        if exten == "hangup":
            return FreepbxDestination(text, "hangup")
        return FreepbxDestination(text, "terminate", detail=exten or None)
    if context in _SIMPLE_CONTEXTS:
        return FreepbxDestination(text, _SIMPLE_CONTEXTS[context], exten or None)
    for pattern, kind in _NUMBERED_CONTEXTS:
        match = pattern.match(context)
        if match:
            return FreepbxDestination(text, kind, match.group(1) or exten or None)
    return FreepbxDestination(text, "unknown")
