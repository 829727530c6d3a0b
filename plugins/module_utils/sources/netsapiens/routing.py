# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Routing objects of a NetSapiens domain: queues, auto attendants, time-of-day routers, answer rules, numbers."""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.sources.netsapiens import mapping as nsmap

MENU_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "*")
# Variants of an attendant are checked in this order of time-frame kind (most specific first).
VARIANT_ORDER = {"holidays": 0, "specific_dates": 1, "custom": 2, "days_of_week": 3, "always": 4}


class RoutingCollector:
    """Maps routing; subclasses provide ``objects``, ``users``, ``mailboxes``, ``system``, ``greetings``, ``site_id``."""

    def __init__(self, builder, default_region):
        self.builder = builder
        self.default_region = default_region
        self.directory = nsmap.Directory(default_region, unmapped=self._unmapped)
        self.time_frames = {}     # (owner extension or None, name or id) -> (source id, kind)
        self.rules_of = {}
        self.attendant_rows = {}  # extension -> [autoattendant objects]

    def _unmapped(self, text, reason):
        source_id = "routing-%s" % nsmap.slug(text)
        if not self.builder.has("not_collected", source_id):
            self.builder.not_collected(
                "routing_destination", source_id, "Calls are sent to %r: %s." % (text, reason),
                "Say where calls sent to %r should go on the new platform." % text)
        return source_id

    # -- what the system users are --------------------------------------------------------------------

    def register_system_users(self):
        for queue in self.objects.get("callqueues", []):
            ext = str(queue.get("callqueue") or "")
            dispatch = str(queue.get("callqueue-dispatch-type") or "")
            if dispatch in nsmap.QUEUE_STRATEGIES:
                self.directory.add(ext, {"type": "queue", "id": "q-%s" % ext})
            else:
                source_id = "queue-%s" % ext
                self.builder.not_collected(
                    "queue", source_id,
                    "Call queue %s (%s) dispatches calls as %r, which has no canonical queue strategy." % (
                        ext, queue.get("description") or ext, dispatch),
                    "Say how calls to queue %s should be handled (for example a park orbit or a ring-all queue)." % ext)
                self.directory.add(ext, {"type": "not_collected", "id": source_id})
        for row in self.objects.get("autoattendants", []):
            self.attendant_rows.setdefault(str(row.get("user")), []).append(row)
        for ext in self.attendant_rows:
            self.directory.add(ext, {"type": "auto_attendant", "id": "aa-%s" % ext})
        for ext, user in self.system.items():
            if user.get("service-code") == nsmap.SYSTEM_TOD:
                self.directory.add(ext, {"type": "time_router", "id": "tr-%s" % ext})

    def frame(self, name, owner_ext=None):
        """(source id, kind) of a time frame named in a rule or attendant; personal frames win."""
        return self.time_frames.get((owner_ext, str(name))) or self.time_frames.get((None, str(name)))

    def missing_frame(self, name, what, related):
        source_id = "time-frame-%s" % nsmap.slug(name)
        if not self.builder.has("not_collected", source_id):
            self.builder.not_collected(
                "time_frame", source_id, "%s uses the time frame %r, which the API did not list." % (what, name),
                "Provide the hours of time frame %r." % name, related=[related])

    def collect_routing(self):
        # Routers first: one without routes becomes a plain forward that the others must see.
        self.collect_time_routers()
        self.collect_queues()
        self.collect_attendants()
        self.collect_answer_rules()
        self.collect_numbers()

    # -- queues -----------------------------------------------------------------------------------------

    def collect_queues(self):
        for queue in self.objects.get("callqueues", []):
            ext = str(queue.get("callqueue") or "")
            strategy = nsmap.QUEUE_STRATEGIES.get(str(queue.get("callqueue-dispatch-type") or ""))
            if strategy is None:
                continue
            agents, seen = [], set()
            for agent in queue.get("agents", []):
                agent_ext = nsmap.agent_extension(agent.get("callqueue-agent-id"), self.directory.device_owner)
                if agent_ext not in self.users:
                    self.builder.not_collected(
                        "queue_agent", "queue-agent-%s-%s" % (ext, nsmap.slug(agent.get("callqueue-agent-id"))),
                        "Agent %r of queue %s is not a user of the domain (offnet or system agent)." % (agent.get("callqueue-agent-id"), ext),
                        "Say who should answer for agent %r in queue %s." % (agent.get("callqueue-agent-id"), ext),
                        related=[{"type": "queue", "id": "q-%s" % ext}])
                    continue
                if agent_ext in seen:
                    continue
                seen.add(agent_ext)
                item = {"user_id": "u-%s" % agent_ext}
                order = nsmap.positive_int(agent.get("callqueue-agent-dispatch-order-ordinal"))
                priority = nsmap.positive_int(agent.get("callqueue-agent-dispatch-queue-priority-ordinal"))
                wrap_up = str(agent.get("callqueue-agent-wrap-up-allowance-seconds") or "")
                if order:
                    item["order"] = order
                if priority:
                    item["tier"] = min(priority - 1, 100)
                if wrap_up.isdigit():
                    item["wrap_up_seconds"] = int(wrap_up)
                availability = str(agent.get("callqueue-agent-availability-type") or "")
                if availability:
                    item["logged_in"] = availability in ("automatic", "offnet-automatic")
                agents.append(item)
            minutes = nsmap.positive_int(queue.get("callqueue-max-wait-timeout-minutes"))
            max_callers = str(queue.get("callqueue-max-current-callers-to-accept-new-callers") or "")
            require_agents = nsmap.yes(queue.get("callqueue-require-available-agents-to-accept-new-callers"))
            user = self.system.get(ext, {})
            self.builder.add("queues", {
                "source_id": "q-%s" % ext, "extension": ext, "name": str(queue.get("description") or "Queue %s" % ext),
                "strategy": strategy, "agents": agents or None,
                "agent_ring_seconds": nsmap.positive_int(queue.get("callqueue-agent-dispatch-timeout-seconds")),
                "max_wait_seconds": minutes * 60 if minutes else None,
                "max_callers": int(max_callers) if max_callers.isdigit() else None,
                "join_when_no_agents": (not require_agents) if require_agents is not None else None,
                "site_id": self.site_id(user) if user else None,
                "source_attributes": {"callqueue-dispatch-type": str(queue.get("callqueue-dispatch-type"))}})

    # -- auto attendants ---------------------------------------------------------------------------------

    def collect_attendants(self):
        for ext, rows in sorted(self.attendant_rows.items()):
            source_id = "aa-%s" % ext
            menus, variants, default = [], [], None
            for row in rows:
                name = str(row.get("time-frame") or "*")
                if name == "*":
                    menu_id = "default"
                else:
                    found = self.frame(name, ext)
                    if found is None:
                        self.missing_frame(name, "Auto attendant %s" % ext, {"type": "auto_attendant", "id": source_id})
                        continue
                    menu_id = nsmap.menu_slug(name)
                self.tier(ext, menu_id, row.get("attendant-name") if name == "*" else name, row.get("auto-attendant") or {}, menus)
                if name == "*":
                    default = menu_id
                else:
                    variants.append((VARIANT_ORDER.get(found[1], 5), found[0], menu_id))
            if not menus:
                continue
            ordered = [{"time_frame_id": frame_id, "menu": menu} for dummy, frame_id, menu in sorted(variants)]
            if default is None:
                gap = "attendant-default-%s" % ext
                self.builder.not_collected(
                    "auto_attendant_default", gap,
                    "Auto attendant %s has no menu for the time frame * (all other times)." % ext,
                    "Say what callers to auto attendant %s should hear outside its time frames." % ext,
                    related=[{"type": "auto_attendant", "id": source_id}])
                menus.append({"id": "unconfigured", "name": "Outside all time frames",
                              "timeout_destination": {"type": "not_collected", "id": gap}})
                default = "unconfigured"
            ordered.append({"menu": default})
            names = [str(row.get("attendant-name")) for row in rows if row.get("attendant-name")]
            self.builder.add("auto_attendants", {
                "source_id": source_id, "extension": ext, "name": names[0] if names else "Auto attendant %s" % ext,
                "site_id": self.site_id(self.system[ext]) if ext in self.system else None,
                "menus": sorted(menus, key=lambda menu: menu["id"]), "variants": ordered})

    def tier(self, ext, menu_id, name, tier, menus):
        """Add the menu of one tier (and its nested tiers) to ``menus``."""
        options, by_key = [], {}
        for key in MENU_KEYS:
            option = tier.get("option-%s" % key)
            if not isinstance(option, dict):
                continue
            if isinstance(option.get("auto-attendant"), dict):
                sub_id = "%s_%s" % (menu_id, "star" if key == "*" else key)
                self.tier(ext, sub_id, option.get("description") or "Menu %s" % sub_id, option["auto-attendant"], menus)
                destination = {"type": "auto_attendant_menu", "id": "aa-%s" % ext, "menu": sub_id}
            else:
                destination = self.directory.route(option.get("destination-application"), option.get("destination-user"))
            if destination is None:
                continue
            by_key[key] = destination
            item = {"key": key, "destination": destination}
            if option.get("description"):
                item["description"] = str(option["description"])
            options.append(item)
        audio = tier.get("audio") or {}
        index = str(audio.get("ordinal-order") or "")
        menu = {"id": menu_id, "name": str(name or menu_id), "options": options or None,
                "greeting_asset_id": self.greetings.get(ext, {}).get(index),
                "prompt_text": str(audio.get("file-script-text") or "") or None,
                "timeout_destination": nsmap.fail_option(tier.get("no-key-press"), by_key),
                "invalid_destination": nsmap.fail_option(tier.get("unassigned-key-press"), by_key)}
        digits = [nsmap.yes(tier.get("%d-digit-dial-by-extension" % size)) for size in (3, 4, 5)]
        if any(value is not None for value in digits):
            menu["dial_by_extension"] = any(digits)
        menus.append(dict((key, value) for key, value in menu.items() if value is not None))

    # -- time-of-day routers ------------------------------------------------------------------------------

    def collect_time_routers(self):
        for ext, user in sorted(self.system.items()):
            if user.get("service-code") != nsmap.SYSTEM_TOD:
                continue
            source_id = "tr-%s" % ext
            routes, default = [], None
            for rule in sorted(self.rules_of.get(ext, []), key=lambda r: (int(r.get("order") or 99), str(r.get("time-frame")))):
                forward = rule.get("forward-always") or {}
                if not nsmap.yes(rule.get("enabled")) or not nsmap.yes(forward.get("enabled")) or not forward.get("parameters"):
                    continue
                destination = self.directory.parameter(forward["parameters"][0])
                if destination in (None, nsmap.OWN_DEVICES):
                    continue
                name = str(rule.get("time-frame") or "*")
                found = None if name == "*" else self.frame(name, ext)
                if name != "*" and found is None:
                    self.missing_frame(name, "Time-of-day router %s" % ext, {"type": "time_router", "id": source_id})
                    continue
                if name == "*" or found[1] == "always":
                    default = destination
                    break
                routes.append({"time_frame_id": found[0], "destination": destination})
            if default is None:
                gap = "router-default-%s" % ext
                self.builder.not_collected(
                    "time_router_default", gap, "Time-of-day router %s forwards nowhere outside its time frames." % ext,
                    "Say where calls to extension %s should go outside its time frames." % ext,
                    related=[{"type": "time_router", "id": source_id}])
                default = {"type": "not_collected", "id": gap}
            if not routes:
                # A router without time-frame routes is a plain forward; callers reach its default.
                self.directory.add(ext, default)
                continue
            name = " ".join(part for part in (str(user.get("name-first-name") or ""), str(user.get("name-last-name") or ""))
                            if part and part != ext) or "Router %s" % ext
            self.builder.add("time_routers", {
                "source_id": source_id, "name": name, "extension": ext, "routes": routes,
                "default_destination": default, "site_id": self.site_id(user)})

    # -- answer rules ---------------------------------------------------------------------------------------

    def collect_answer_rules(self):
        for ext in sorted(self.users, key=lambda e: (len(e), e)):
            user = self.users[ext]
            for rule in sorted(self.rules_of.get(ext, []), key=lambda r: (int(r.get("order") or 99), str(r.get("time-frame")))):
                self.answer_rule(ext, user, rule)

    def answer_rule(self, ext, user, rule):
        name = str(rule.get("time-frame") or "*")
        user_id = "u-%s" % ext
        frame_id, label = None, "default"
        if name != "*":
            found = self.frame(name, ext)
            if found is None:
                self.missing_frame(name, "An answer rule of extension %s" % ext, {"type": "user", "id": user_id})
                return
            frame_id, label = found[0], nsmap.slug(name)
        enabled = bool(nsmap.yes(rule.get("enabled")))
        for feature, kind, parameters in nsmap.answer_rule_features(rule):
            item = {"source_id": "ar-%s-%s-%s" % (ext, label, kind.replace("_", "-")), "user_id": user_id, "kind": kind,
                    "enabled": enabled, "time_frame_id": frame_id, "priority": nsmap.positive_int(rule.get("order"))}
            if kind not in ("do_not_disturb", "call_screening"):
                destinations, own = [], False
                for parameter in parameters:
                    destination = self.directory.parameter(parameter)
                    if destination == nsmap.OWN_DEVICES:
                        own = True
                    elif destination is not None and destination not in destinations:
                        destinations.append(destination)
                if not destinations:
                    continue  # ringing only the user's own devices is the platform default
                item["destinations"] = destinations
                if kind == "simultaneous_ring":
                    item["include_own_devices"] = own
                if kind == "forward_no_answer":
                    item["ring_seconds"] = nsmap.positive_int(user.get("ring-no-answer-timeout-seconds"))
            self.builder.add("answer_rules", dict((key, value) for key, value in item.items() if value is not None))
        for feature, description, parameters in nsmap.unsupported_features(rule):
            self.builder.not_collected(
                "answer_rule_feature", "answer-rule-%s-%s-%s" % (ext, label, feature),
                "Extension %s uses %s (%s%s) in its %s answer rule; the canonical model has no such rule." % (
                    ext, feature, description, ": %s" % ", ".join(str(p) for p in parameters) if parameters else "",
                    "default" if name == "*" else repr(name)),
                "Confirm whether extension %s needs %s on the new platform and set it up by hand." % (ext, description),
                related=[{"type": "user", "id": user_id}])

    # -- numbers ---------------------------------------------------------------------------------------------

    def collect_numbers(self):
        for number in self.objects.get("phonenumbers", []):
            digits = str(number.get("phonenumber") or "")
            e164 = nsmap.e164(digits, self.default_region)
            if e164 is None:
                self.builder.not_collected(
                    "did", "did-invalid-%s" % nsmap.slug(digits), "Phone number %r is not a valid phone number." % digits,
                    "Confirm phone number %r and its routing." % digits)
                continue
            application = str(number.get("dial-rule-application") or "available-number")
            target = str(number.get("dial-rule-translation-destination-user") or "")
            destination = self.directory.route(application, target)
            usage = "unassigned" if destination is None else {
                "user": "direct", "queue": "department", "auto_attendant": "main", "time_router": "main"}.get(destination["type"], "other")
            attributes = {"dial-rule-application": application, "enabled": str(number.get("enabled") or "")}
            self.builder.add("dids", {
                "source_id": "did-%s" % e164.lstrip("+"), "number": e164, "label": number.get("dial-rule-description") or None,
                "usage": usage, "destination": destination,
                "routing_as_collected": "%s %s@%s" % (application, target, number.get("dial-rule-translation-destination-host") or ""),
                "caller_name_prefix": nsmap.name_prefix(number.get("dial-rule-translation-source-name")),
                "source_attributes": attributes})
        for sms in self.objects.get("smsnumbers", []):
            e164 = nsmap.e164(sms.get("number"), self.default_region)
            application, dest = str(sms.get("application") or ""), str(sms.get("dest") or "")
            found = self.directory.extension(dest) if application in ("user", "callqueue") else None
            if e164 is None or found is None or found["type"] not in ("user", "queue"):
                self.builder.not_collected(
                    "sms_number", "sms-%s" % nsmap.slug(sms.get("number")),
                    "SMS number %s (%s %s) does not go to a user or queue of the domain." % (sms.get("number"), application, dest),
                    "Say which user or queue should receive SMS on %s after the port." % sms.get("number"))
                continue
            self.builder.add("sms_numbers", {"source_id": "sms-%s" % e164.lstrip("+"), "number": e164, "destination": found,
                                             "carrier": sms.get("carrier") or None})
