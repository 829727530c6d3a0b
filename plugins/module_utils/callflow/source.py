# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The source side: a routing graph from the canonical inventory (``inventory/v1``).

Objects are named by their extension (users, queues, hunt groups, attendants, mailboxes), so
a path reads like the target's.  Canonical answer rules hold one feature each and apply
independently (``PER_FEATURE``); time frames are keyed by source id.
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.callflow import timeframes
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.model import (
    PER_FEATURE, AttendantNode, Dest, Graph, Menu, NumberEntry, QueueNode, RouterNode, Rule, UserNode,
)

TERMINAL_TYPES = {"hangup": "hangup", "directory": "directory", "operator": "operator", "repeat_menu": "repeat", "parent_menu": "parent"}
DEFAULT_STEP_SECONDS = 20


def _natural(ext):
    return (len(str(ext)), str(ext))


class _SourceReader:
    def __init__(self, inventory, time_zone):
        self.inventory = inventory
        zone = time_zone or (inventory.get("source") or {}).get("time_zone") or "UTC"
        self.graph = Graph("source", zone, PER_FEATURE)
        self.index = {}
        for name in ("users", "voicemail_boxes", "virtual_mailboxes", "hunt_groups", "queues", "auto_attendants",
                     "time_routers", "fax", "not_collected", "time_frames"):
            self.index[name] = dict((obj.get("source_id"), obj) for obj in inventory.get(name) or [])
        self.menus = {}   # (attendant source id, menu id) -> Menu

    def ext(self, collection, source_id):
        obj = self.index[collection].get(source_id)
        return str(obj["extension"]) if obj and obj.get("extension") else None

    def dest(self, destination):
        """Dest of a canonical routing destination ``{type, id, menu}``."""
        if not destination:
            return None
        kind, ident = destination.get("type"), destination.get("id")
        if kind in TERMINAL_TYPES:
            return Dest(TERMINAL_TYPES[kind])
        if kind == "external":
            return Dest("external", str(ident))
        if kind == "auto_attendant_menu":
            menu = self.menus.get((ident, destination.get("menu")))
            if menu is None:
                return Dest("missing", "menu %s of auto attendant %s" % (destination.get("menu"), ident))
            return Dest("submenu", self.ext("auto_attendants", ident) or str(ident), menu=menu)
        if kind == "voicemail":
            box = self.index["voicemail_boxes"].get(ident)
            owner = self.index["users"].get(box.get("user_id")) if box else None
            mailbox = (box or {}).get("mailbox") or (owner or {}).get("extension")
            return Dest("voicemail", str(mailbox)) if mailbox else Dest("missing", "voicemail box %s" % ident)
        found = {"user": ("users", "user"), "virtual_mailbox": ("virtual_mailboxes", "voicemail"), "hunt_group": ("hunt_groups", "queue"),
                 "queue": ("queues", "queue"), "auto_attendant": ("auto_attendants", "attendant")}.get(kind)
        if found:
            ext = self.ext(found[0], ident)
            return Dest(found[1], ext) if ext else Dest("missing", "%s %s" % (kind, ident))
        if kind == "time_router":
            return Dest("router", str(ident)) if ident in self.index["time_routers"] else Dest("missing", "time router %s" % ident)
        if kind in ("fax", "not_collected"):
            return Dest(kind, str(ident))
        return Dest("missing", "%s %s" % (kind, ident))

    def dests(self, destinations):
        return [found for found in (self.dest(item) for item in destinations or []) if found is not None]

    def read(self):
        graph = self.graph
        for frame in self.inventory.get("time_frames") or []:
            graph.time_frames[frame["source_id"]] = timeframes.from_canonical(frame, graph.time_zone)
        for box in self.inventory.get("virtual_mailboxes") or []:
            graph.mailboxes[str(box["extension"])] = str(box.get("name") or "")
        self.read_users()
        # Menus first: options and other objects can point into them.
        for attendant in self.inventory.get("auto_attendants") or []:
            for menu in attendant.get("menus") or []:
                self.menus[(attendant["source_id"], menu["id"])] = Menu(str(menu.get("name") or menu["id"]), prompt=str(menu.get("prompt_text") or ""))
        self.read_attendants()
        self.read_queues()
        self.read_routers()
        self.read_rules()
        for did in self.inventory.get("dids") or []:
            dest = self.dest(did.get("destination")) or Dest("unrouted", "no destination")
            graph.numbers[str(did["number"])] = NumberEntry(str(did["number"]), dest, str(did.get("label") or ""))
        return graph

    def read_users(self):
        boxes = dict((box.get("user_id"), box) for box in self.inventory.get("voicemail_boxes") or [])
        for user in self.inventory.get("users") or []:
            ext = str(user["extension"])
            box = boxes.get(user["source_id"])
            name = user.get("display_name") or " ".join(part for part in (user.get("first_name"), user.get("last_name")) if part)
            self.graph.users[ext] = UserNode(ext, str(name or ext), "user", user.get("ring_seconds"), [ext],
                                             str(box.get("mailbox") or ext) if box and box.get("enabled") else None)

    def read_attendants(self):
        for attendant in self.inventory.get("auto_attendants") or []:
            for menu in attendant.get("menus") or []:
                target = self.menus[(attendant["source_id"], menu["id"])]
                target.options = dict((option["key"], self.dest(option["destination"])) for option in menu.get("options") or [])
                target.timeout = self.dest(menu.get("timeout_destination"))
                target.invalid = self.dest(menu.get("invalid_destination"))
                target.invalid_retries = int(menu.get("invalid_retries") or 0)
                # Unstated is the platforms' default (NetSapiens: yes, the adapter leaves it out); only an explicit false stops it.
                target.dial_by_extension = menu.get("dial_by_extension") is not False
            node = AttendantNode(str(attendant["extension"]), str(attendant.get("name") or ""))
            for variant in attendant.get("variants") or []:
                menu = self.menus.get((attendant["source_id"], variant.get("menu")))
                if menu is not None:
                    frame = self.graph.frame(variant.get("time_frame_id"))
                    label = "time frame %r matches" % (frame.name if frame else variant["time_frame_id"]) if variant.get("time_frame_id") else "default menu"
                    node.variants.append((variant.get("time_frame_id"), label, menu))
            self.graph.attendants[node.ext] = node

    def read_queues(self):
        for group in self.inventory.get("hunt_groups") or []:
            members = []
            for member in group.get("members") or []:
                members.append(self.ext("users", member.get("id")) or str(member.get("id")) if member.get("type") == "user" else str(member.get("id")))
            self.graph.queues[str(group["extension"])] = QueueNode(
                str(group["extension"]), str(group.get("name") or ""), "hunt group", str(group.get("strategy") or ""),
                sorted(set(members), key=_natural), group.get("ring_seconds"), None, self.dest(group.get("no_answer_destination")))
        for queue in self.inventory.get("queues") or []:
            agents = [self.ext("users", agent.get("user_id")) or str(agent.get("user_id")) for agent in queue.get("agents") or []]
            self.graph.queues[str(queue["extension"])] = QueueNode(
                str(queue["extension"]), str(queue.get("name") or ""), "queue", str(queue.get("strategy") or ""),
                sorted(set(agents), key=_natural), queue.get("agent_ring_seconds"), queue.get("max_wait_seconds"),
                self.dest(queue.get("timeout_destination")), self.dest(queue.get("overflow_destination")))

    def read_routers(self):
        for router in self.inventory.get("time_routers") or []:
            node = RouterNode(router["source_id"], str(router.get("name") or ""), str(router["extension"]) if router.get("extension") else None)
            node.routes = [(route["time_frame_id"], self.dest(route["destination"])) for route in router.get("routes") or []]
            node.default = self.dest(router.get("default_destination"))
            self.graph.routers[node.key] = node

    def read_rules(self):
        for item in self.inventory.get("answer_rules") or []:
            user = self.index["users"].get(item.get("user_id"))
            if user is None or str(user["extension"]) not in self.graph.users:
                continue
            kind = item.get("kind")
            rule = Rule(str(item.get("source_id") or kind), item.get("time_frame_id"), bool(item.get("enabled")),
                        item["priority"] if item.get("priority") is not None else 1000)
            destinations = self.dests(item.get("destinations"))
            if kind in ("forward_always", "forward_busy", "forward_no_answer", "forward_unavailable"):
                setattr(rule, kind, destinations)
                if kind == "forward_no_answer":
                    rule.ring_seconds = item.get("ring_seconds")
            elif kind in ("simultaneous_ring", "sequential_ring"):
                rule.ring_own = bool(item.get("include_own_devices"))
                rule.sequential = kind == "sequential_ring"
                step = item.get("ring_seconds") or DEFAULT_STEP_SECONDS
                delay = step if rule.sequential and rule.ring_own else 0
                for dest in destinations:
                    dest.delay = delay
                    if rule.sequential:
                        delay += step
                rule.ring = destinations
            elif kind == "do_not_disturb":
                rule.do_not_disturb = True
            elif kind == "call_screening":
                rule.screening = True
            self.graph.users[str(user["extension"])].rules.append(rule)


def graph_from_inventory(inventory, time_zone=None):
    """Routing graph of a canonical inventory (a dict as ``inventory.json`` holds it).

    ``time_zone`` overrides ``source.time_zone`` for frames without their own zone.
    """
    return _SourceReader(inventory, time_zone).read()
