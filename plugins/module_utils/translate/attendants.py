# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Auto attendants: one ``ns_autoattendant`` item per variant (time frame), sub-menus nested as tiers.

Each menu's recording is uploaded to the attendant's user as greeting ``<n>`` (n = the
menu's position in the attendant, from 1) and the tier's ``audio`` names
``greeting-<n>.wav``; a menu with only a script gets a text-to-speech greeting.
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.translate.context import natural_key
from ansible_collections.ucaas.migration.plugins.module_utils.translate.destinations import dial_rule, resolve
from ansible_collections.ucaas.migration.plugins.module_utils.translate.routing import frame_name

HIDDEN_KEYS = ("#", "*", "9", "8", "7", "6", "5", "4", "3", "2", "1", "0")
# The platform lets callers dial extensions of each length unless the tier says "no" (the default is yes).
DIAL_BY_EXTENSION = ("3-digit-dial-by-extension", "4-digit-dial-by-extension", "5-digit-dial-by-extension")


class _Attendant:
    def __init__(self, ctx, attendant, extension):
        self.ctx = ctx
        self.attendant = attendant
        self.extension = extension
        self.source = ctx.source("auto_attendants", attendant)
        self.menus = dict((menu["id"], menu) for menu in attendant["menus"])
        self.greeting_index = dict((menu["id"], index) for index, menu in enumerate(attendant["menus"], 1))

    def option(self, menu, key, destination, description, stack):
        role = "key %s of menu %s" % (key, menu["id"])
        target = resolve(self.ctx, destination, self.source, role)
        if target is None:
            return None
        result = {"description": description} if description else {}
        if target["type"] == "menu":
            sub = self.menus.get(target["menu"]) if target["attendant"] == self.attendant["source_id"] else None
            if sub is None or sub["id"] in stack:
                why = "goes back up the menu tree" if sub is not None else "is a menu of another attendant"
                self.ctx.findings.warning("menu_reference", self.source, "%s %s; tiers only nest downwards, so the key is left out." % (role, why),
                                          "Point the key at the attendant's extension instead.", detail=role)
                return None
            result["auto-attendant"] = self.tier(sub, stack + (sub["id"],))
            return result
        if target["type"] == "operator" and self.ctx.standards.get("operator_extension"):
            target = dict(application="to-user", ext=str(self.ctx.standards["operator_extension"]))
        rule = dial_rule(target)
        if rule is None:
            self.ctx.findings.warning("menu_action_unsupported", self.source, "%s (%s) has no equivalent for a key on the platform; it is left out." % (
                role, target["type"]), "Re-record the prompt without it, or route the key elsewhere.", detail=role)
            return None
        result["destination-application"], result["destination-user"] = rule
        return result

    def default_action(self, menu, tier, destination, field, used_keys, stack):
        """no-key-press / unassigned-key-press: repeat, hangup, or an option key with the same route."""
        if destination is None:
            return "repeat"
        kind = destination.get("type")
        if kind == "repeat_menu":
            return "repeat"
        if kind == "hangup":
            return "hangup"
        if kind in ("parent_menu", "directory") or (kind == "operator" and not self.ctx.standards.get("operator_extension")):
            self.ctx.findings.warning("menu_default_approximated", self.source, "The %s route of menu %s (%s) has no equivalent; the menu repeats instead." % (
                field, menu["id"], kind), "Choose another route in the inventory.", detail="%s|%s" % (menu["id"], field))
            return "repeat"
        for option in menu.get("options") or []:
            if option["destination"] == destination and option["key"] in used_keys:
                return "option-%s" % option["key"]
        free = next((key for key in HIDDEN_KEYS if key not in used_keys), None)
        option = self.option(menu, free or "?", destination, "%s of %s" % (field, menu.get("name") or menu["id"]), stack) if free else None
        if option is None:
            self.ctx.findings.warning("menu_default_approximated", self.source, "The %s route of menu %s cannot be kept; the menu repeats instead." % (
                field, menu["id"]), "Choose the route in the inventory.", detail="%s|%s" % (menu["id"], field))
            return "repeat"
        tier["option-%s" % free] = option
        used_keys.add(free)
        self.ctx.findings.info("menu_hidden_key", self.source, "The %s route of menu %s is reached through the unannounced key %s." % (
            field, menu["id"], free), detail="%s|%s|%s" % (menu["id"], field, free))
        return "option-%s" % free

    def tier(self, menu, stack):
        tier = {}
        index = self.greeting_index[menu["id"]]
        if menu.get("greeting_asset_id") or menu.get("prompt_text"):
            tier["audio"] = {"filename": "greeting-%d.wav" % index, "ordinal-order": index}
            if menu.get("prompt_text"):
                tier["audio"]["file-script-text"] = menu["prompt_text"]
        # Unstated (None) keeps the platform's default, as the call-flow evaluator reads it.
        if menu.get("dial_by_extension") is False:
            tier.update((key, "no") for key in DIAL_BY_EXTENSION)
        used = set()
        for option in sorted(menu.get("options") or [], key=lambda item: item["key"]):
            value = self.option(menu, option["key"], option["destination"], option.get("description"), stack)
            if value is not None:
                tier["option-%s" % option["key"]] = value
                used.add(option["key"])
        tier["no-key-press"] = self.default_action(menu, tier, menu.get("timeout_destination"), "timeout", used, stack)
        tier["unassigned-key-press"] = self.default_action(menu, tier, menu.get("invalid_destination"), "invalid key", used, stack)
        if menu.get("timeout_seconds") or menu.get("invalid_retries"):
            self.ctx.findings.info("menu_timing", self.source, "Menu %s: timeout %ss and %s retries are the platform's defaults there." % (
                menu["id"], menu.get("timeout_seconds", "-"), menu.get("invalid_retries", "-")), detail=menu["id"])
        return tier

    def greetings(self):
        items = []
        for menu in self.attendant["menus"]:
            index = self.greeting_index[menu["id"]]
            asset = self.ctx.get("audio_assets", menu.get("greeting_asset_id")) if menu.get("greeting_asset_id") else None
            item = dict(user=self.extension, index=index)
            if asset is not None and self.ctx.in_scope("audio_assets", asset["source_id"]):
                item.update(file=self.ctx.audio_path(asset), sha256=asset["sha256"])
                self.ctx.target("audio_assets", asset, "greetings", "%s/%d" % (self.extension, index))
            elif menu.get("prompt_text"):
                self.ctx.findings.warning("greeting_text_to_speech", self.source,
                                          "Menu %s has no recording; its script is spoken by text-to-speech." % menu["id"],
                                          "Provide a recording, or approve text-to-speech.", detail=menu["id"])
            else:
                self.ctx.findings.warning("greeting_missing", self.source, "Menu %s has neither a recording nor a script." % menu["id"],
                                          "Provide a recording.", detail=menu["id"])
                continue
            if menu.get("prompt_text"):
                item["script"] = menu["prompt_text"]
            items.append(item)
        return items


def plan_attendants(ctx):
    """Returns (autoattendant items, greeting items)."""
    items, greetings = [], []
    for attendant in ctx.objects("auto_attendants"):
        extension = ctx.ext("auto_attendants", attendant["source_id"])
        if extension is None:
            ctx.note("auto_attendants", attendant, "not planned: its extension collides")
            continue
        planner = _Attendant(ctx, attendant, extension)
        timed = 0
        for variant in attendant["variants"]:
            name = "*"
            if variant.get("time_frame_id"):
                name = frame_name(ctx, variant["time_frame_id"], planner.source, "variant %s" % variant["menu"])
                if name is None:
                    continue
                timed += 1
            if any(item["user"] == extension and item["time_frame"] == name for item in items):
                continue
            menu = planner.menus[variant["menu"]]
            tier = planner.tier(menu, (menu["id"],))
            items.append(dict(user=extension, time_frame=name, name=attendant["name"], menu=tier))
            ctx.target("auto_attendants", attendant, "autoattendants", "%s/%s" % (extension, name))
        if timed > 1:
            ctx.findings.info("attendant_precedence", planner.source,
                              "%s answers differently in %d time frames; where frames overlap the platform follows the attendant user's answer-rule order." % (
                                  attendant["name"], timed), "Check that overlapping frames (holidays vs. business hours) resolve as before.",
                              detail=str(timed))
        for greeting in planner.greetings():
            greetings.append(greeting)
            ctx.target("auto_attendants", attendant, "greetings", "%s/%d" % (extension, greeting["index"]))
    return (sorted(items, key=lambda item: (natural_key(item["user"]), item["time_frame"] != "*", natural_key(item["time_frame"]))), greetings)
