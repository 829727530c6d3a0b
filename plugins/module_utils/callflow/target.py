# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The target side: a routing graph from ns-api v2 objects, as ``gather_domain`` returns them.

Input: ``{kind: [api objects]}`` with ``users``, ``devices``, ``phonenumbers``, ``callqueues``
(agents nested under ``agents``, or a flat ``agents`` list with ``callqueue``),
``autoattendants``, ``timeframes``, ``usertimeframes`` and ``answerrules`` (each with its
``user``), optionally ``domain`` (for its ``time-zone``).  Seed-style nesting (``answerrules``,
``devices``, ``timeframes`` inside a user) is read too.

Platform behaviour modelled here (NOTES.md 4.5-4.12): a phone number is a dial rule
(application + destination user); queues, attendants and time-of-day routers are users; the
active answer rule is the first enabled one (by ``order``) whose time frame matches
(``FIRST_RULE``), and a queue's timeout/overflow are its user's no-answer/busy forwards.  An
attendant user with several time-frame menus uses the frame whose rule comes first in its
answer-rule order, then the most specific kind (holiday, dates, custom, weekly, always),
``*`` last.
"""

from __future__ import annotations

import re

from ansible_collections.ucaas.migration.plugins.module_utils.callflow import timeframes
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.model import (
    FIRST_RULE, MENU_KEYS, AttendantNode, Dest, Graph, Menu, NumberEntry, QueueNode, Rule, UserNode,
)
from ansible_collections.ucaas.migration.plugins.module_utils.sources.netsapiens.mapping import e164

DISPATCH_TYPES = {"Round-robin": "round_robin", "Tiered Round-robin": "tiered_round_robin", "Ring All": "ring_all",
                  "Linear Cascade": "linear_cascade", "Linear Hunt": "linear", "Call Park": "call_park"}
ROLES = {"system-tod": "time-of-day router", "system-aa": "auto attendant user", "system-queue": "queue user"}
FRAME_SPECIFICITY = {"holiday": 0, "specific-dates": 1, "custom": 2, "days-of-week": 3, "always": 4}
OWN_DEVICES = "<OwnDevices>"
FORWARDS = (("forward-always", "forward_always"), ("forward-on-busy", "forward_busy"),
            ("forward-no-answer", "forward_no_answer"), ("forward-when-unregistered", "forward_unavailable"))
UNMODELLED_FEATURES = ("forward-on-active", "forward-on-dnd", "forward-on-spam-call", "phone-numbers-to-allow", "phone-numbers-to-reject")
_ALIAS = re.compile(r"^(vmail|user|queue|phone|aa)_(.+)$")
_DID_ALIAS = re.compile(r"^\d+_(callqueue|attendant|pstn)_(.+)$")
_DELAY = re.compile(r";\s*delay\s*=\s*(\d+)")
# An attendant tier's N-digit-dial-by-extension defaults to yes (the spec's YesNoStringYesDefault); reads and the
# normaliser leave the default out, so an absent length is dialled.
DIAL_BY_EXTENSION_DEFAULT = "yes"


def _yes(value):
    return str(value).strip().lower() in ("yes", "true", "1", "on") if value is not None else False


def _or_default(value, default):
    """The platform's default for a setting a read leaves out (or blank)."""
    return default if value is None or str(value).strip() == "" else value


def _natural(ext):
    return (len(str(ext)), str(ext))


def _int(value):
    text = str(value if value is not None else "").strip()
    return int(text) if text.isdigit() else None


class _TargetReader:
    def __init__(self, objects, time_zone, default_region):
        domain = objects.get("domain") if isinstance(objects.get("domain"), dict) else {}
        zone = time_zone or domain.get("time-zone") or "UTC"
        self.objects = objects
        self.default_region = default_region
        self.graph = Graph("target", zone, FIRST_RULE)
        self.frame_kinds = {}    # time frame key -> timeframe-type
        self.frame_ids = {}      # timeframe-id -> key

    def nested(self, kind):
        """Objects of a per-user kind: the flat list plus those nested in users (seed style)."""
        found = list(self.objects.get(kind) or [])
        for user in self.objects.get("users") or []:
            for item in user.get(kind) or []:
                found.append(dict(item, user=item.get("user") or user.get("user")))
        return found

    # -- routes -----------------------------------------------------------------------------------

    def extension(self, value):
        text = str(value or "").strip()
        found = self.graph.resolve_extension(text)
        if found is not None:
            return found
        if re.match(r"^\+?\d{7,15}$", text):
            number = e164(text, self.default_region)
            if number:
                return Dest("external", number)
        return Dest("missing", "extension %s" % text)

    def route(self, application, target):
        """Dest of a dial rule (phone number or attendant option)."""
        application = str(application or "")
        if application == "available-number":
            return Dest("unrouted", "available number")
        if application == "hangup":
            return Dest("hangup")
        if application.startswith("to-voicemail"):
            ext = str(target or "")
            if ext in self.graph.users or ext in self.graph.mailboxes:
                return Dest("voicemail", ext)
            return Dest("missing", "voicemail %s" % ext)
        if application.startswith(("to-user", "to-callqueue", "to-single-device")):
            return self.extension(target)
        if application.startswith("to-connection"):
            return Dest("connection", str(target or ""))
        return Dest("unsupported", "dial-rule application %s" % application)

    def parameter(self, value):
        """Dest of an answer-rule parameter (alias grammar); None for <OwnDevices>."""
        text = str(value or "")
        delay = _DELAY.search(text)
        text = text.split(";", 1)[0].strip()
        if text == OWN_DEVICES:
            return None
        alias = _ALIAS.match(text)
        did_alias = _DID_ALIAS.match(text)
        if alias and alias.group(1) == "vmail":
            dest = self.route("to-voicemail", alias.group(2))
        elif alias:
            dest = self.extension(alias.group(2))
        elif did_alias:
            dest = self.extension(did_alias.group(2))
        elif text.startswith("confirm_"):
            dest = self.extension(text[len("confirm_"):])
        elif text.startswith(("park_", "Prompt_")):
            dest = Dest("unsupported", text)
        else:
            dest = self.extension(text)
        dest.delay = int(delay.group(1)) if delay else 0
        return dest

    # -- objects ----------------------------------------------------------------------------------

    def read_frames(self):
        for frame in self.objects.get("timeframes") or []:
            self.add_frame(frame, str(frame.get("timeframe-name") or frame.get("timeframe-id")))
        for frame in self.nested("usertimeframes") + [f for u in self.objects.get("users") or [] for f in
                                                      [dict(t, user=u.get("user")) for t in u.get("timeframes") or []]]:
            self.add_frame(frame, "%s/%s" % (frame.get("user"), frame.get("timeframe-name") or frame.get("timeframe-id")))

    def add_frame(self, frame, key):
        self.graph.time_frames[key] = timeframes.from_api(frame, self.graph.time_zone)
        self.frame_kinds[key] = str(frame.get("timeframe-type") or "")
        if frame.get("timeframe-id") not in (None, ""):
            self.frame_ids[str(frame["timeframe-id"])] = key

    def frame_key(self, name, owner):
        """Key of the frame a rule or attendant names: the owner's personal frame first, then the domain's."""
        text = str(name or "*")
        if text == "*":
            return None
        for key in ("%s/%s" % (owner, text), text):
            if key in self.graph.time_frames:
                return key
        return self.frame_ids.get(text, text)

    def read_users(self):
        devices = list(self.objects.get("devices") or [])
        if not devices:  # seed style: devices inside their user
            devices = [dict(d, user=u.get("user")) for u in self.objects.get("users") or [] for d in u.get("devices") or []]
        owned = {}
        for device in devices:
            owned.setdefault(str(device.get("user")), []).append(str(device.get("device")))
            self.graph.device_owner[str(device.get("device"))] = str(device.get("user"))
        for user in self.objects.get("users") or []:
            ext = str(user.get("user") or "")
            if not ext:
                continue
            name = " ".join(str(user.get(key)) for key in ("name-first-name", "name-last-name") if user.get(key))
            self.graph.users[ext] = UserNode(ext, name or ext, ROLES.get(str(user.get("service-code") or ""), "user"),
                                             _int(user.get("ring-no-answer-timeout-seconds")), sorted(owned.get(ext, [])),
                                             ext if _yes(user.get("voicemail-enabled")) else None)

    def read_queues(self):
        flat = {}
        for agent in self.objects.get("agents") or []:
            flat.setdefault(str(agent.get("callqueue")), []).append(agent)
        for queue in self.objects.get("callqueues") or []:
            ext = str(queue.get("callqueue") or "")
            agents = []
            for agent in queue.get("agents") if queue.get("agents") is not None else flat.get(ext, []):
                ident = str(agent.get("callqueue-agent-id") or "")
                if ident.startswith("sip:"):
                    device = ident[4:].split("@", 1)[0]
                    agents.append(self.graph.device_owner.get(device, device))
                else:
                    agents.append(ident.split("@", 1)[0])
            minutes = _int(queue.get("callqueue-max-wait-timeout-minutes"))
            dispatch = str(queue.get("callqueue-dispatch-type") or "")
            self.graph.queues[ext] = QueueNode(ext, str(queue.get("description") or ""), "queue", DISPATCH_TYPES.get(dispatch, dispatch),
                                               sorted(set(agents), key=_natural), _int(queue.get("callqueue-agent-dispatch-timeout-seconds")),
                                               minutes * 60 if minutes else None, forwards_from_user=True)

    def read_rules(self):
        by_user = {}
        for rule in self.nested("answerrules"):
            by_user.setdefault(str(rule.get("user")), []).append(rule)
        for ext, rules in by_user.items():
            node = self.graph.users.get(ext)
            if node is None:
                continue
            for item in sorted(rules, key=lambda r: (_int(r.get("order")) or 99, str(r.get("time-frame")) == "*", str(r.get("time-frame")))):
                node.rules.append(self.rule(ext, item))
        return by_user

    def rule(self, ext, item):
        name = str(item.get("time-frame") or "*")
        rule = Rule("answer rule %r" % name, self.frame_key(name, ext), _yes(item.get("enabled", "yes")), _int(item.get("order")) or 99)
        for feature, attribute in FORWARDS:
            value = item.get(feature)
            if isinstance(value, dict) and _yes(value.get("enabled")):
                setattr(rule, attribute, [dest for dest in (self.parameter(p) for p in value.get("parameters") or []) if dest is not None])
        ring = item.get("simultaneous-ring")
        if isinstance(ring, dict) and _yes(ring.get("enabled")):
            parameters = [str(p) for p in ring.get("parameters") or []]
            rule.ring_own = any(p.split(";", 1)[0].strip() == OWN_DEVICES for p in parameters)
            rule.ring = [dest for dest in (self.parameter(p) for p in parameters) if dest is not None]
        rule.do_not_disturb = _yes((item.get("do-not-disturb") or {}).get("enabled"))
        rule.screening = _yes((item.get("call-screening") or {}).get("enabled"))
        for feature in UNMODELLED_FEATURES:
            value = item.get(feature)
            if isinstance(value, dict) and _yes(value.get("enabled")):
                rule.notes.append("%s %s is not simulated" % (feature, ", ".join(str(p) for p in value.get("parameters") or [])))
        return rule

    def tier(self, ext, name, tier):
        menu = Menu(name, prompt=str((tier.get("audio") or {}).get("file-script-text") or ""))
        for key in MENU_KEYS:
            option = tier.get("option-%s" % key)
            if not isinstance(option, dict) or _yes(option.get("remove")):
                continue
            if isinstance(option.get("auto-attendant"), dict):
                label = option.get("description") or "%s, key %s" % (name, key)
                menu.options[key] = Dest("submenu", ext, menu=self.tier(ext, str(label), option["auto-attendant"]))
            else:
                menu.options[key] = self.route(option.get("destination-application"), option.get("destination-user"))
        menu.timeout = self.fail_action(tier.get("no-key-press"), menu)
        menu.invalid = self.fail_action(tier.get("unassigned-key-press"), menu)
        lengths = tuple(size for size in (3, 4, 5) if _yes(_or_default(tier.get("%d-digit-dial-by-extension" % size), DIAL_BY_EXTENSION_DEFAULT)))
        menu.dial_by_extension = lengths or False
        return menu

    @staticmethod
    def fail_action(value, menu):
        text = str(value or "")
        if text == "repeat":
            return Dest("repeat")
        if text == "hangup":
            return Dest("hangup")
        if text.startswith("option-"):
            return menu.options.get(text[len("option-"):]) or Dest("missing", "%s (no such option)" % text)
        return None

    def read_attendants(self, rules_by_user):
        rows_of = {}
        for row in self.objects.get("autoattendants") or []:
            rows_of.setdefault(str(row.get("user")), []).append(row)
        for ext in rows_of:
            self.graph.attendants[ext] = AttendantNode(ext)
        for ext, rows in rows_of.items():
            node = self.graph.attendants[ext]
            node.name = str(rows[0].get("attendant-name") or "")
            rule_order = [str(rule.get("time-frame")) for rule in sorted(rules_by_user.get(ext, []), key=lambda r: _int(r.get("order")) or 99)]

            def position(row):
                name = str(row.get("time-frame") or "*")
                if name == "*":
                    return (2, 0, 0)
                key = self.frame_key(name, ext)
                return (0 if name in rule_order else 1, rule_order.index(name) if name in rule_order else 0,
                        FRAME_SPECIFICITY.get(self.frame_kinds.get(key), 5))
            for row in sorted(rows, key=lambda r: (position(r), str(r.get("time-frame")))):
                name = str(row.get("time-frame") or "*")
                label = "time frame %r matches" % name if name != "*" else "default menu ('*')"
                node.variants.append((self.frame_key(name, ext), label, self.tier(ext, "%s (%s)" % (node.name or ext, name), row.get("auto-attendant") or {})))

    def read(self):
        self.read_frames()
        self.read_users()
        self.read_queues()
        for row in self.objects.get("autoattendants") or []:
            self.graph.attendants.setdefault(str(row.get("user")), AttendantNode(str(row.get("user"))))
        rules_by_user = self.read_rules()
        self.read_attendants(rules_by_user)
        for number in self.objects.get("phonenumbers") or []:
            digits = str(number.get("phonenumber") or "")
            key = e164(digits, self.default_region) or digits
            dest = self.route(number.get("dial-rule-application"), number.get("dial-rule-translation-destination-user"))
            if number.get("enabled") is not None and not _yes(number.get("enabled")):
                dest = Dest("unrouted", "number disabled")
            self.graph.numbers[key] = NumberEntry(key, dest, str(number.get("dial-rule-description") or ""))
        return self.graph


def graph_from_target(objects, time_zone=None, default_region="US"):
    """Routing graph of a target domain's API objects (``{kind: [objects]}``).

    ``time_zone`` overrides the domain's ``time-zone`` (frames are evaluated in it).
    """
    return _TargetReader(objects, time_zone, default_region).read()
