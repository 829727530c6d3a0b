# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Walk a routing graph for one call: ``simulate(graph, number, scenario) -> CallPath``.

The same walk serves both sides; only the graph differs.  Platform defaults shared by both:
a user without an active rule rings its own phones; an unanswered or busy user without a
forward goes to its voicemail when enabled, else the call ends; with no phone registered the
own phones do not ring (then the no-answer handling applies); a menu without a timeout or
invalid-key route repeats; a caller who presses nothing in a repeating menu stays there.
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.callflow.model import (
    FIRST_RULE, TIMEOUT_KEY, CallPath, Dest, Outcome, Rule, Scenario, Step,
)

MAX_HOPS = 25
MAX_MENU_VISITS = 15
DEFAULT_RING_SECONDS = 25


def _natural(value):
    return (len(str(value)), str(value))


def simulate(graph, number, scenario):
    """The path of a call to ``number`` (E.164, or digits) under ``scenario`` on ``graph``."""
    if not isinstance(scenario, Scenario):
        raise TypeError("scenario must be a Scenario, not %s" % type(scenario).__name__)
    return _Call(graph, scenario).run(str(number))


def lookup_number(graph, number):
    text = str(number).strip()
    for candidate in (text, "+" + text.lstrip("+"), "+1" + text if len(text) == 10 else text):
        if candidate in graph.numbers:
            return graph.numbers[candidate]
    return None


class _Call:
    def __init__(self, graph, scenario):
        self.graph = graph
        self.scenario = scenario
        self.conditions = scenario.conditions
        self.steps = []
        self.keys = list(scenario.keys)
        self.hops = 0
        self.waiting_menu = None

    def step(self, kind, text):
        self.steps.append(Step(kind, text))

    def run(self, number):
        entry = lookup_number(self.graph, number)
        if entry is None:
            self.step("number", "%s is not a number of the %s" % (number, self.graph.side))
            outcome = Outcome("missing", "number %s" % number)
        else:
            self.step("number", "DID %s%s" % (entry.number, " (%s)" % entry.label if entry.label else ""))
            outcome = self.go(entry.dest)
        return CallPath(self.graph.side, entry.number if entry else number, self.scenario, self.steps, outcome, self.waiting_menu)

    # -- helpers ------------------------------------------------------------------------------------

    def frame_name(self, key):
        frame = self.graph.frame(key)
        return frame.name if frame else str(key)

    def frame_matches(self, key):
        if key is None:
            return True
        frame = self.graph.frame(key)
        if frame is None:
            self.step("time_frame", "time frame %r is not defined, so it never matches" % key)
            return False
        return frame.matches(self.scenario.at)

    def next_key(self):
        return self.keys.pop(0) if self.keys else None

    @staticmethod
    def leg_name(dest):
        if dest.kind in ("user", "queue", "attendant", "external", "extension"):
            return dest.ref
        return "%s %s" % (dest.kind, dest.ref) if dest.ref else dest.kind

    # -- routing ------------------------------------------------------------------------------------

    def go(self, dest):
        self.hops += 1
        if self.hops > MAX_HOPS:
            self.step("loop", "routing loop: more than %d hops" % MAX_HOPS)
            return Outcome("loop")
        if dest is None:
            self.step("unrouted", "no destination")
            return Outcome("unrouted")
        kind = dest.kind
        if kind == "user":
            node = self.graph.users.get(dest.ref)
            return self.user(node) if node else self.missing("user %s" % dest.ref)
        if kind == "queue":
            return self.queue(self.graph.queues[dest.ref]) if dest.ref in self.graph.queues else self.missing("queue %s" % dest.ref)
        if kind == "attendant":
            node = self.graph.attendants.get(dest.ref)
            return self.attendant(node) if node else self.missing("auto attendant %s" % dest.ref)
        if kind == "router":
            node = self.graph.routers.get(dest.ref)
            return self.router(node) if node else self.missing("time router %s" % dest.ref)
        if kind == "extension":
            return self.go(self.graph.resolve_extension(dest.ref) or Dest("missing", "extension %s" % dest.ref))
        if kind == "submenu":
            return self.menu_loop(dest.ref, dest.menu)
        if kind == "voicemail":
            self.step("voicemail", "voicemail %s" % dest.ref)
            return Outcome("voicemail", dest.ref)
        if kind == "external":
            self.step("external", "external number %s" % dest.ref)
            return Outcome("external", dest.ref)
        if kind in ("repeat", "parent"):
            return self.missing("menu action %s outside a menu" % kind)
        self.step(kind, dest.describe())
        # Why a number routes nowhere differs by platform (no destination, an available number); the fact does not.
        return Outcome(kind, "" if kind == "unrouted" else dest.ref)

    def missing(self, what):
        self.step("missing", "%s does not exist" % what)
        return Outcome("missing", what)

    # -- users --------------------------------------------------------------------------------------

    def active_features(self, node):
        """``{feature: Rule}`` of the rules that apply now."""
        ordered = sorted(node.rules, key=lambda rule: (rule.priority, rule.time_frame is None))
        if self.graph.rule_mode == FIRST_RULE:
            for rule in ordered:
                if rule.enabled and self.frame_matches(rule.time_frame):
                    where = "always" if rule.time_frame is None else "time frame %r matches" % self.frame_name(rule.time_frame)
                    self.step("answer_rule", "%s active (%s)" % (rule.label, where))
                    for note in rule.notes:
                        self.step("note", note)
                    return dict((feature, rule) for feature in Rule.FEATURES if rule.sets(feature))
            return {}
        found = {}
        for feature in Rule.FEATURES:
            for rule in ordered:
                if rule.enabled and rule.sets(feature) and self.frame_matches(rule.time_frame):
                    found[feature] = rule
                    break
        for label in sorted(set(rule.label for rule in found.values())):
            self.step("answer_rule", "answer rule %s active" % label)
        return found

    def unanswered(self, node, why):
        if node.voicemail:
            self.step("voicemail", "%s -> voicemail %s" % (why, node.voicemail))
            return Outcome("voicemail", node.voicemail)
        self.step("hangup", "%s; no voicemail, the call ends" % why)
        return Outcome("hangup")

    def forward(self, rule, feature, text):
        self.step("forward", text)
        return self.go(getattr(rule, feature)[0])

    def user(self, node):
        self.step("user", "%s %s%s" % (node.role, node.ext, " (%s)" % node.name if node.name and node.name != node.ext else ""))
        features = self.active_features(node)
        if not features and not node.rules:
            self.step("answer_rule", "no answer rule: the user's phones ring")
        if "forward_always" in features:
            return self.forward(features["forward_always"], "forward_always", "forward always")
        if "screening" in features:
            self.step("screening", "call screening: the caller records a name")
        if "do_not_disturb" in features:
            return self.unanswered(node, "do not disturb")
        ring = features.get("ring")
        own = [node.ext] if ring is None or ring.ring_own else []
        legs = list(ring.ring) if ring else []
        if "unregistered" in self.conditions:
            if "forward_unavailable" in features:
                return self.forward(features["forward_unavailable"], "forward_unavailable", "no phone registered: forward when unregistered")
            if own:
                self.step("unregistered", "no phone of %s is registered" % node.ext)
            own = []
        if "busy" in self.conditions:
            if "forward_busy" in features:
                return self.forward(features["forward_busy"], "forward_busy", "busy: forward on busy")
            return self.unanswered(node, "busy")
        targets = sorted(set(own + [self.leg_name(leg) for leg in legs]), key=_natural)
        if targets:
            shown = [("%s (phones %s)" % (node.ext, ", ".join(node.devices)) if node.devices and node.devices != [node.ext] else node.ext)] if own else []
            shown += ["%s%s" % (self.leg_name(leg), " after %d s" % leg.delay if leg.delay else "") for leg in legs]
            self.step("ring", "%s [%s]" % ("sequential ring" if ring is not None and ring.sequential else "ring", ", ".join(shown)))
        if targets and "no_answer" not in self.conditions:
            return Outcome("ring", targets=tuple(targets))
        no_answer = features.get("forward_no_answer")
        seconds = (no_answer.ring_seconds if no_answer else None) or node.ring_seconds or DEFAULT_RING_SECONDS
        why = "no answer after %d s" % seconds if targets else "nothing rings"
        if no_answer:
            return self.forward(no_answer, "forward_no_answer", "%s: forward on no answer" % why)
        return self.unanswered(node, why)

    # -- queues, routers ----------------------------------------------------------------------------

    def queue(self, node):
        self.step("queue", "%s %s%s (%s), agents [%s]" % (node.role, node.ext, " %r" % node.name if node.name else "", node.dispatch or "?",
                                                          ", ".join(node.agents)))
        timeout, overflow = node.timeout, node.overflow
        if node.forwards_from_user and node.ext in self.graph.users:
            features = self.active_features(self.graph.users[node.ext])
            timeout = features["forward_no_answer"].forward_no_answer[0] if "forward_no_answer" in features else None
            overflow = features["forward_busy"].forward_busy[0] if "forward_busy" in features else None
        if "busy" in self.conditions:
            if overflow is not None:
                self.step("forward", "queue full: overflow destination")
                return self.go(overflow)
            self.step("queue", "queue full: no overflow destination, the caller waits")
        if "no_answer" in self.conditions:
            wait = node.max_wait_seconds or node.ring_seconds
            if timeout is not None:
                self.step("forward", "no agent answers%s: timeout destination" % (" within %d s" % wait if wait else ""))
                return self.go(timeout)
            self.step("queue", "no agent answers: no timeout destination, the caller waits")
        return Outcome("queue", node.ext, dispatch=node.dispatch, agents=tuple(node.agents))

    def router(self, node):
        for key, dest in node.routes:
            if self.frame_matches(key):
                self.step("router", "time router %r: time frame %r matches" % (node.name, self.frame_name(key)))
                return self.go(dest)
        self.step("router", "time router %r: no time frame matches, default route" % node.name)
        return self.go(node.default)

    # -- auto attendants ----------------------------------------------------------------------------

    def attendant(self, node):
        for key, label, menu in node.variants:
            if self.frame_matches(key):
                self.step("attendant", "auto attendant %s%s: %s" % (node.ext, " %r" % node.name if node.name else "", label))
                return self.menu_loop(node.ext, menu)
        self.step("attendant", "auto attendant %s has no menu for this time" % node.ext)
        return Outcome("unrouted")

    def menu_loop(self, ext, root):
        stack = [(root, "")]
        invalid = 0
        for dummy in range(MAX_MENU_VISITS):
            menu, path = stack[-1]
            self.step("menu", "menu %r plays" % menu.name)
            key = self.next_key()
            if key is None and self.waiting_menu is None:
                self.waiting_menu = menu
            if key is None or key == TIMEOUT_KEY:
                action, what = menu.timeout or Dest("repeat"), "no key pressed"
                if key is None and action.kind == "repeat":
                    self.step("menu", "no key pressed: the menu repeats, the caller stays")
                    return Outcome("menu", ext, menu=path)
            elif key in menu.options:
                action, what = menu.options[key], "key %s" % key
            elif menu.dials(key):
                action, what = self.graph.resolve_extension(key) or Dest("missing", "extension %s" % key), "dials extension %s" % key
            else:
                invalid += 1
                what = "key %s (not assigned)" % key
                action = Dest("repeat") if invalid <= menu.invalid_retries else (menu.invalid or Dest("repeat"))
            self.step("key", "%s -> %s" % (what, action.describe()) if action.kind in ("repeat", "parent") else what)
            if action.kind == "repeat":
                continue
            if action.kind == "parent":
                if len(stack) > 1:
                    stack.pop()
                continue
            if action.kind == "submenu":
                label = key if key in menu.options else next((k for k, d in sorted(menu.options.items()) if d.menu is action.menu), "timeout")
                stack.append((action.menu, "%s.%s" % (path, label) if path else label))
                invalid = 0
                continue
            return self.go(action)
        self.step("loop", "the caller went through %d menus" % MAX_MENU_VISITS)
        return Outcome("loop")
