# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""FreePBX destination strings (``context,exten,priority``) -> typed inventory destinations.

``ext-local,201,1`` is user 201, ``ext-local,vmu201,1`` its voicemail, ``ext-group,600,1``
ring group 600, ``ivr-3,s,1`` IVR 3 (a menu of its parent attendant when it is a sub-IVR),
``timeconditions,1,1`` time condition 1... A destination with no canonical counterpart, or
naming an object that does not exist, becomes one ``not_collected`` entry (shared by every
object routing there) that keeps the raw string.
"""

from __future__ import annotations

import re

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import (
    MissingLibraryError,
    NormalizationError,
    normalize_e164,
)

_VOICEMAIL = re.compile(r"^vm([ubsi])?(\d+)$")
_IVR = re.compile(r"^ivr-(\d+)$")
_ANNOUNCEMENT = re.compile(r"^app-announcement-(\d+)$")
_NOT_COLLECTED_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.:,-]+")
_HANGUP_EXTENSIONS = ("hangup", "busy", "congestion", "zapateller", "no-service")
_DIRECTORY_CONTEXTS = ("directory", "app-directory", "app-pbdirectory")


def to_e164(number, region="US"):
    """A dialled or stored number in E.164.

    Uses phonenumbers where installed (the controller); the PBX's Python usually lacks it,
    so numbers of the North American plan are completed by hand and others are returned
    unchanged for the validator on the controller to read in the default region.
    """
    text = re.sub(r"[\s().-]", "", str(number or ""))
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        return normalize_e164(text, region)
    except MissingLibraryError:
        pass
    except NormalizationError:
        return None
    digits = text.lstrip("+")
    if not digits.isdigit():
        return None
    if text.startswith("+"):
        return text
    if (region or "US").upper() in ("US", "CA"):
        if len(digits) == 10:
            return "+1" + digits
        if len(digits) == 11 and digits.startswith("1"):
            return "+" + digits
    return digits


def external_number(text):
    """The number of a dial string meant for the outside (``5551234#`` in follow-me lists)."""
    text = (text or "").strip()
    if text.endswith("#"):
        text = text[:-1]
    return text if re.match(r"^\+?[0-9]{4,}$", text) else None


class DestinationResolver:
    """Maps destination strings once the collected object ids are known."""

    def __init__(self, builder, region="US"):
        self.builder = builder
        self.region = region
        self.users = set()            # extensions of users (people with phones)
        self.voicemail = set()        # extensions with a user voicemail box
        self.virtual_mailboxes = set()
        self.hunt_groups = set()
        self.queues = set()
        self.time_conditions = set()
        self.fax = set()
        self.ivr_menus = {}           # ivr id -> (attendant source id, menu id)
        self.announcements = {}       # announcement id -> description

    def extension_target(self, extension):
        """A dialled internal extension -> destination, or None when nothing answers there."""
        extension = str(extension)
        if extension in self.users:
            return {"type": "user", "id": "u-%s" % extension}
        if extension in self.virtual_mailboxes:
            return {"type": "virtual_mailbox", "id": "vmb-%s" % extension}
        if extension in self.hunt_groups:
            return {"type": "hunt_group", "id": "hg-%s" % extension}
        if extension in self.queues:
            return {"type": "queue", "id": "q-%s" % extension}
        return None

    def voicemail_target(self, extension):
        if extension in self.voicemail:
            return {"type": "voicemail", "id": "vm-%s" % extension}
        if extension in self.virtual_mailboxes:
            return {"type": "virtual_mailbox", "id": "vmb-%s" % extension}
        return None

    def resolve(self, raw, related=None, menu=None):
        """Typed destination of ``raw``; ``related`` ({type, id}) is linked to a not_collected entry.

        ``menu`` = (attendant id, menu id, parent menu id) when resolving inside an IVR, so
        that going back to the same or the parent menu reads as repeat/parent.
        """
        text = (raw or "").strip()
        if not text:
            return None
        parts = [part.strip() for part in text.split(",")]
        context = parts[0]
        exten = parts[1] if len(parts) > 1 else ""
        target = None
        kind, reason = "destination", "the destination %r has no counterpart on the target" % text
        voicemail = _VOICEMAIL.match(context if len(parts) == 1 else exten)
        if voicemail and (len(parts) == 1 or context in ("ext-local", "from-internal", "from-did-direct")):
            target = self.voicemail_target(voicemail.group(2))
            reason = "the destination %r names voicemail box %s, which was not collected" % (text, voicemail.group(2))
        elif context in ("ext-local", "from-did-direct", "from-internal", "ext-findmefollow"):
            target = self.extension_target(re.sub(r"^FM", "", exten))
            reason = "the destination %r names extension %s, which was not collected" % (text, exten)
        elif context == "ext-group":
            target = {"type": "hunt_group", "id": "hg-%s" % exten} if exten in self.hunt_groups else None
            reason = "the destination %r names ring group %s, which was not collected" % (text, exten)
        elif context == "ext-queues":
            target = {"type": "queue", "id": "q-%s" % exten} if exten in self.queues else None
            reason = "the destination %r names queue %s, which was not collected" % (text, exten)
        elif _IVR.match(context):
            target = self._ivr(_IVR.match(context).group(1), menu)
            reason = "the destination %r names IVR %s, which was not collected" % (text, context[4:])
        elif context == "timeconditions":
            target = {"type": "time_router", "id": "tc-%s" % exten} if exten in self.time_conditions else None
            reason = "the destination %r names time condition %s, which was not collected" % (text, exten)
        elif context == "app-blackhole" and exten in _HANGUP_EXTENSIONS:
            target = {"type": "hangup"}
        elif context in _DIRECTORY_CONTEXTS:
            target = {"type": "directory"}
        elif context == "ext-fax":
            target = {"type": "fax", "id": "fax-%s" % exten} if exten in self.fax else None
            reason = "the destination %r names fax recipient %s, which was not collected" % (text, exten)
        elif _ANNOUNCEMENT.match(context):
            number = _ANNOUNCEMENT.match(context).group(1)
            kind = "announcement"
            reason = ("the destination %r plays announcement %s (%s) before going on; the target has no announcement object"
                      % (text, number, self.announcements.get(number, "unknown")))
        if target is not None:
            return target
        return self.unmapped(kind, text, reason, related)

    def _ivr(self, ivr_id, menu):
        location = self.ivr_menus.get(ivr_id)
        if location is None:
            return None
        attendant, menu_id = location
        if menu is not None and menu[0] == attendant:
            if menu_id == menu[1]:
                return {"type": "repeat_menu"}
            if menu_id == menu[2]:
                return {"type": "parent_menu"}
        if menu_id == "main":
            return {"type": "auto_attendant", "id": attendant}
        return {"type": "auto_attendant_menu", "id": attendant, "menu": menu_id}

    def unmapped(self, kind, raw, reason, related=None):
        """One not_collected entry per raw destination; every object routing there is listed in ``related``."""
        source_id = "dest:" + _NOT_COLLECTED_ID_UNSAFE.sub("_", raw)[:190]
        entry = self.builder.get("not_collected", source_id)
        if entry is None:
            entry = self.builder.not_collected(
                kind, source_id, reason + ".",
                "Decide where calls routed to %r should go on the target and add that routing by hand." % raw)
        if related:
            links = entry.setdefault("related", [])
            if related not in links:
                links.append(related)
        return {"type": "not_collected", "id": source_id}
