# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The routing model both sides are read into, and what a simulated call returns.

``source.py`` (canonical inventory) and ``target.py`` (ns-api v2 objects) each build a
:class:`Graph`; ``simulate.py`` walks any graph the same way, so a difference between the
two paths is a difference of configuration, not of evaluators.  Everything a call reaches is
named by what a caller can observe on both platforms: extensions, E.164 numbers, mailbox
extensions, and menu key paths.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

# Scenario conditions: what happens to every phone the call rings.
CONDITIONS = ("no_answer", "busy", "unregistered")
# A key press that explicitly waits for the menu's timeout (a scenario's keys running out does the same).
TIMEOUT_KEY = "timeout"
MENU_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "*", "#")

# Answer-rule selection: canonical rules are one feature each and apply independently (the best
# matching rule per feature wins); NetSapiens applies only the first enabled rule whose time frame matches.
PER_FEATURE = "per_feature"
FIRST_RULE = "first_rule"

# Destination kinds (Dest.kind).
ROUTABLE_KINDS = ("user", "queue", "attendant", "router", "extension", "submenu")
TERMINAL_KINDS = ("voicemail", "external", "hangup", "directory", "operator", "connection", "unrouted", "missing",
                  "not_collected", "fax", "unsupported")
MENU_ACTIONS = ("repeat", "parent")


@dataclass(frozen=True)
class Scenario:
    """One simulated call: when, which keys the caller presses (in order), what the called phones do."""

    at: datetime.datetime
    keys: tuple = ()
    conditions: frozenset = frozenset()
    label: str = ""

    def __post_init__(self):
        if not isinstance(self.at, datetime.datetime) or self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError("scenario time %r must be a timezone-aware datetime" % (self.at,))
        object.__setattr__(self, "keys", tuple(str(key) for key in self.keys))
        conditions = frozenset(self.conditions)
        unknown = sorted(conditions - set(CONDITIONS))
        if unknown:
            raise ValueError("unknown scenario condition(s) %s; expected: %s" % (", ".join(unknown), ", ".join(CONDITIONS)))
        object.__setattr__(self, "conditions", conditions)

    def identity(self):
        """What makes two scenarios the same call (the label is only a description)."""
        return (self.at.isoformat(), self.keys, tuple(sorted(self.conditions)))

    def to_dict(self):
        return {"label": self.label, "at": self.at.isoformat(), "keys": list(self.keys), "conditions": sorted(self.conditions)}


@dataclass
class Dest:
    """Where a route sends a call.

    ``kind`` is one of ROUTABLE_KINDS (followed further), TERMINAL_KINDS (the call ends there) or
    MENU_ACTIONS (inside an attendant).  ``ref`` is the extension, number, name or reason;
    ``menu`` the :class:`Menu` of a ``submenu``; ``delay`` seconds before a simultaneous-ring leg rings.
    """

    kind: str
    ref: str = ""
    menu: object = None
    delay: int = 0

    def describe(self):
        if self.kind == "submenu":
            return "menu %r of attendant %s" % (getattr(self.menu, "name", ""), self.ref)
        if self.kind in ("hangup", "directory", "operator", "repeat", "parent"):
            return {"repeat": "repeat the menu", "parent": "previous menu"}.get(self.kind, self.kind)
        text = "%s %s" % (self.kind, self.ref) if self.ref else self.kind
        return text + (" (after %d s)" % self.delay if self.delay else "")


@dataclass
class Rule:
    """An answer rule: a time frame (None = always) and the features it sets."""

    label: str
    time_frame: str = None
    enabled: bool = True
    priority: int = 1000
    forward_always: list = None
    forward_busy: list = None
    forward_no_answer: list = None
    forward_unavailable: list = None
    ring: list = None            # extra legs of a simultaneous (or sequential) ring, Dest with delay
    ring_own: bool = True        # the user's own phones ring too
    sequential: bool = False
    do_not_disturb: bool = False
    screening: bool = False
    ring_seconds: int = None     # no-answer delay set by the rule
    notes: list = field(default_factory=list)

    FEATURES = ("forward_always", "forward_busy", "forward_no_answer", "forward_unavailable", "ring", "do_not_disturb", "screening")

    def sets(self, feature):
        """True when the rule sets ``feature`` (a ring list may be empty: then only the own phones ring, or none)."""
        value = getattr(self, feature)
        if feature == "ring":
            return value is not None
        return bool(value)


@dataclass
class UserNode:
    """A person's extension (or, on the target, any user such as a time-of-day router or mailbox)."""

    ext: str
    name: str = ""
    role: str = "user"
    ring_seconds: int = None
    devices: list = field(default_factory=list)
    voicemail: str = None        # mailbox extension when voicemail is enabled
    rules: list = field(default_factory=list)


@dataclass
class QueueNode:
    ext: str
    name: str = ""
    role: str = "queue"          # queue | hunt group
    dispatch: str = ""
    agents: list = field(default_factory=list)
    ring_seconds: int = None
    max_wait_seconds: int = None
    timeout: Dest = None         # no agent answers in time
    overflow: Dest = None        # queue full / busy
    # On the target a queue's timeout and overflow are the no-answer and busy forwards of its user's active answer rule.
    forwards_from_user: bool = False


@dataclass
class Menu:
    name: str
    options: dict = field(default_factory=dict)     # key -> Dest
    timeout: Dest = None
    invalid: Dest = None
    invalid_retries: int = 0
    dial_by_extension: object = False                # True (any length), or a tuple of allowed lengths
    prompt: str = ""

    def dials(self, token):
        if not self.dial_by_extension or not token.isdigit() or len(token) < 2:
            return False
        return self.dial_by_extension is True or len(token) in self.dial_by_extension


@dataclass
class AttendantNode:
    ext: str
    name: str = ""
    variants: list = field(default_factory=list)     # [(time frame key or None, label, Menu)], first match wins


@dataclass
class RouterNode:
    key: str
    name: str = ""
    ext: str = None
    routes: list = field(default_factory=list)       # [(time frame key, Dest)], first match wins
    default: Dest = None


@dataclass
class NumberEntry:
    number: str
    dest: Dest
    label: str = ""


class Graph:
    """Everything a simulated call can reach on one side."""

    def __init__(self, side, time_zone, rule_mode):
        self.side = side
        self.time_zone = time_zone
        self.rule_mode = rule_mode
        self.numbers = {}        # E.164 -> NumberEntry
        self.users = {}          # extension -> UserNode
        self.queues = {}         # extension -> QueueNode
        self.attendants = {}     # extension -> AttendantNode
        self.routers = {}        # key -> RouterNode
        self.mailboxes = {}      # extension -> name (voicemail-only boxes)
        self.device_owner = {}   # device name -> extension
        self.time_frames = {}    # key -> timeframes.TimeFrame
        self.notes = []

    def frame(self, key):
        return self.time_frames.get(key)

    def resolve_extension(self, ext):
        """The node kind an extension reaches: queue, attendant, router, user, mailbox; else None."""
        ext = str(ext)
        if ext in self.queues:
            return Dest("queue", ext)
        if ext in self.attendants:
            return Dest("attendant", ext)
        for router in self.routers.values():
            if router.ext == ext:
                return Dest("router", router.key)
        if ext in self.users:
            return Dest("user", ext)
        if ext in self.mailboxes:
            return Dest("voicemail", ext)
        if ext in self.device_owner:
            return Dest("user", self.device_owner[ext])
        return None

    def user_extensions(self):
        return sorted(self.users, key=lambda ext: (len(ext), ext))


@dataclass
class Step:
    kind: str
    text: str

    def to_dict(self):
        return {"kind": self.kind, "text": self.text}


@dataclass
class Outcome:
    """Where the call ends, in terms comparable across sides.

    kinds: ring (``targets``: extensions and numbers that ring), queue (``id``, ``dispatch``,
    ``agents``), voicemail, external, menu (``id`` attendant, ``menu`` key path), hangup, directory,
    operator, connection, unrouted, missing, not_collected, fax, unsupported, loop.
    """

    kind: str
    id: str = ""
    targets: tuple = ()
    dispatch: str = ""
    agents: tuple = ()
    menu: str = None

    def to_dict(self):
        data = {"kind": self.kind}
        if self.id:
            data["id"] = self.id
        if self.targets:
            data["targets"] = list(self.targets)
        if self.dispatch:
            data["dispatch"] = self.dispatch
        if self.agents:
            data["agents"] = list(self.agents)
        if self.menu is not None:
            data["menu"] = self.menu
        return data

    def describe(self):
        if self.kind == "ring":
            return "ring [%s]" % ", ".join(self.targets)
        if self.kind == "queue":
            return "queue %s (%s) with agents [%s]" % (self.id, self.dispatch or "?", ", ".join(self.agents))
        if self.kind == "menu":
            return "menu of attendant %s%s (caller stays in the menu)" % (self.id, " after keys %s" % self.menu if self.menu else "")
        return "%s %s" % (self.kind, self.id) if self.id else self.kind


@dataclass
class CallPath:
    side: str
    number: str
    scenario: Scenario
    steps: list
    outcome: Outcome
    # The first menu the caller had no key left for (scenario enumeration explores its keys); not serialized.
    waiting_menu: object = None

    def to_dict(self):
        return {"side": self.side, "number": self.number, "scenario": self.scenario.to_dict(),
                "steps": [step.text for step in self.steps], "outcome": self.outcome.to_dict()}

    def text(self):
        return " -> ".join(step.text for step in self.steps)
