# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sites, users (with voicemail), virtual mailboxes, devices and voicemail greetings."""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import NormalizationError, e164_digits
from ansible_collections.ucaas.migration.plugins.module_utils.translate.context import natural_key
from ansible_collections.ucaas.migration.plugins.module_utils.translate.standards import USER_SCOPES, caller_id_name_max_length


def digits(number):
    try:
        return e164_digits(number)
    except (NormalizationError, ValueError):
        return str(number).lstrip("+")


def caller_id_name(ctx, name, source):
    limit = caller_id_name_max_length(ctx.standards)
    if name and limit and len(name) > limit:
        # one finding per name, not per user carrying it
        del source
        ctx.findings.info("caller_id_name_truncated", dict(collection="caller_id_names", source_id=name, label=name),
                          "Caller ID name %r is cut to %d characters: %r." % (name, limit, name[:limit]),
                          "Choose a shorter name in the inventory or raise standards.caller_id.name_max_length.", detail=str(limit))
        return name[:limit]
    return name


def _caller_id(ctx, obj, source, into):
    caller = obj.get("caller_id") or {}
    if caller.get("name"):
        into["caller_id_name"] = caller_id_name(ctx, caller["name"], source)
    if caller.get("number"):
        into["caller_id_number"] = digits(caller["number"])
    if obj.get("emergency_caller_id"):
        into["caller_id_number_emergency"] = digits(obj["emergency_caller_id"])


def plan_sites(ctx):
    items = []
    for site in ctx.objects("sites"):
        source = ctx.source("sites", site)
        item = dict(site=site["name"])
        zone = ctx.time_zones.target(site.get("time_zone")) if site.get("time_zone") else None
        if zone:
            item["time_zone"] = zone
        for key in ("dial_plan", "dial_policy"):
            if ctx.standards.get(key):
                item[key] = ctx.standards[key]
        _caller_id(ctx, site, source, item)
        if site.get("address"):
            ctx.findings.warning("e911_address", source,
                                 "Site %s has a postal address; the E911 address must be validated and created on the platform." % site["name"],
                                 "Create and validate the address (ns-api addresses), then set emergency_address_id on the site.",
                                 detail=repr(sorted(site["address"].items())))
        items.append(item)
        ctx.target("sites", site, "sites", site["name"])
    return sorted(items, key=lambda item: natural_key(item["site"].lower()))


def voicemail_fields(ctx, notification, enabled=True):
    """ns_user voicemail options from a box's notification settings over the standards."""
    standard = ctx.standards["voicemail"]
    notification = notification or {}
    fields = dict(voicemail_enabled=bool(enabled), voicemail_user_control=standard["user_control"])
    transcription = notification.get("transcription", standard["transcription"])
    fields["voicemail_transcription"] = standard["transcription_engine"] if transcription else "no"
    attach = notification.get("attach_audio", standard["attach_audio"])
    delete = notification.get("delete_after_email", standard["delete_after_email"])
    if "emails" in notification or notification:
        fields["voicemail_email_alert"] = ("atttrash" if delete else "attnew") if attach else "yes"
    else:
        fields["voicemail_email_alert"] = "no"
    return fields


def _emails(*groups):
    seen = []
    for group in groups:
        for address in group or []:
            if address and address.lower() not in seen:
                seen.append(address.lower())
    return ";".join(seen)


def _user_scope(ctx, user, source):
    scope = ctx.standards["user_scope"]
    collected = (user.get("source_attributes") or {}).get("user-scope")
    if ctx.standards["keep_source_user_scope"] and collected in USER_SCOPES:
        return collected
    if collected and collected not in USER_SCOPES:
        ctx.findings.info("user_scope", source, "Source user scope %r is not a platform scope; %s is used." % (collected, scope), detail=collected)
    return scope


def plan_users(ctx):
    """ns_user items for people; returns (items, boxes_by_user)."""
    items = []
    boxes = dict((box["user_id"], box) for box in ctx.objects("voicemail_boxes"))
    unknown_pins, dropped = [], {}
    for user in ctx.objects("users"):
        extension = ctx.user_ext(user["source_id"])
        source = ctx.source("users", user)
        if extension is None:
            ctx.note("users", user, "not planned: its extension collides (see the extension_collision finding)")
            continue
        item = dict(user=extension, first_name=user["first_name"], last_name=user["last_name"], user_scope=_user_scope(ctx, user, source))
        box = boxes.get(user["source_id"])
        notification = (box or {}).get("notification") or {}
        email = _emails([user.get("email")], notification.get("emails"))
        if email:
            item["email"] = email
        if user.get("department"):
            item["department"] = user["department"]
        site = ctx.site_name(user.get("site_id")) if user.get("site_id") else None
        if site:
            item["site"] = site
        if user.get("time_zone"):
            zone = ctx.time_zones.target(user["time_zone"])
            if zone and zone != ctx.domain_time_zone:
                item["time_zone"] = zone
        if ctx.standards["caller_id"]["policy"] == "source":
            _caller_id(ctx, user, source, item)
        directory = user.get("directory") or {}
        item["directory_listed"] = directory.get("listed", True)
        item["directory_dial_by_name"] = directory.get("dial_by_name", True)
        if box is not None:
            item.update(voicemail_fields(ctx, notification, box.get("enabled", True)))
            pin = box.get("pin") or {}
            if pin.get("is_set") and pin.get("secret_ref"):
                item["voicemail_pin"] = dict(secret_ref=pin["secret_ref"], is_set=True)
            elif box.get("enabled", True):
                unknown_pins.append(extension)
            ctx.target("voicemail_boxes", box, "users", extension)
        else:
            item["voicemail_enabled"] = False
        if user.get("enabled") is False:
            ctx.findings.warning("user_disabled", source, "User %s is disabled on the source; the platform user is created active." % extension,
                                 "Exclude the user in ucaas_scope_exclusions if it should not move.")
        for field in ("mobile_number", "ring_seconds", "language"):
            if user.get(field) not in (None, ""):
                dropped.setdefault(field, []).append(extension)
        items.append(item)
        ctx.target("users", user, "users", extension)
    if unknown_pins:
        ctx.findings.info("voicemail_pin_unknown", dict(collection="voicemail_boxes", source_id="*", label="%d mailboxes" % len(unknown_pins)),
                          "No voicemail PIN is known for extensions %s; the platform asks the user to set one." % ", ".join(unknown_pins),
                          "Provide the PINs in ucaas_secrets to keep them.", detail=",".join(unknown_pins))
    for field, extensions in sorted(dropped.items()):
        ctx.findings.info("user_field_not_planned", dict(collection="users", source_id="*", label=field),
                          "%s of extensions %s is not planned: ns_user has no option for it." % (field, ", ".join(extensions)),
                          "Set it by hand after the apply if it matters.", detail="%s:%s" % (field, ",".join(extensions)))
    return items


def plan_virtual_mailboxes(ctx):
    """Device-less users that forward always to their own voicemail; returns (users, answer rules)."""
    users, rules = [], []
    for mailbox in ctx.objects("virtual_mailboxes"):
        extension = ctx.ext("virtual_mailboxes", mailbox["source_id"])
        if extension is None:
            ctx.note("virtual_mailboxes", mailbox, "not planned: its extension collides")
            continue
        notification = mailbox.get("notification") or {}
        item = dict(user=extension, first_name=mailbox["name"], last_name="Mailbox", user_scope=ctx.standards["mailbox_user_scope"],
                    directory_listed=False, directory_dial_by_name=False)
        email = _emails(notification.get("emails"))
        if email:
            item["email"] = email
        site = ctx.site_name(mailbox.get("site_id")) if mailbox.get("site_id") else None
        if site:
            item["site"] = site
        item.update(voicemail_fields(ctx, notification))
        pin = mailbox.get("pin") or {}
        if pin.get("is_set") and pin.get("secret_ref"):
            item["voicemail_pin"] = dict(secret_ref=pin["secret_ref"], is_set=True)
        users.append(item)
        rules.append(dict(user=extension, time_frame="*", enabled=True, forward_always=dict(enabled=True, parameters=["vmail_" + extension])))
        ctx.target("virtual_mailboxes", mailbox, "users", extension)
        ctx.target("virtual_mailboxes", mailbox, "answerrules", "%s/*" % extension)
    return users, rules


def device_model(device):
    if device.get("brand") and device.get("model"):
        return "%s %s" % (device["brand"], device["model"])
    return device.get("model")


def plan_devices(ctx):
    """One ns_device per line of each device: the SIP registration of that line's user."""
    items = []
    names = set()
    suffixes = ctx.standards["device_name_suffixes"] or {}
    pairs = []
    for device in ctx.objects("devices"):
        source = ctx.source("devices", device)
        lines = sorted(device.get("lines") or [], key=lambda line: line["line"])
        if not lines:
            ctx.findings.warning("device_without_line", source, "%s has no line of a user; it is not planned." % (device.get("name") or device["source_id"]),
                                 "Assign it to a user in the inventory, or replace the service (e.g. fax to e-mail).")
            ctx.note("devices", device, "not planned: no user line")
            continue
        pairs.extend((device, line, line is lines[0]) for line in lines)
    # A user's own phones are named first, so shared appearances get the lettered names.
    pairs.sort(key=lambda pair: (bool(pair[1].get("shared")) or not pair[2], natural_key(pair[0]["source_id"]), pair[1]["line"]))
    for device, line, first in pairs:
        source = ctx.source("devices", device)
        suffix = suffixes.get(device["type"])
        if suffix is None:
            suffix = suffixes.get("other") or ""
        extension = ctx.user_ext(line["user_id"])
        if extension is None or not ctx.in_scope("users", line["user_id"]):
            ctx.findings.warning("device_line_user_missing", source, "Line %d of %s belongs to user %s, which is not migrated." % (
                line["line"], device["source_id"], line["user_id"]), detail=str(line["line"]))
            continue
        name = extension + suffix
        letter = ord("b")
        while name in names:
            name = extension + suffix + chr(letter)
            letter += 1
        names.add(name)
        item = dict(user=extension, device=name, line=line["line"])
        if device.get("mac"):
            item["mac"] = device["mac"]
        if device_model(device):
            item["model"] = device_model(device)
        if ctx.standards.get("device_transport"):
            item["transport"] = ctx.standards["device_transport"]
        password = device.get("sip_password") or {}
        if password.get("is_set") and password.get("secret_ref") and first:
            item["sip_password"] = dict(secret_ref=password["secret_ref"], is_set=True)
        if line.get("shared"):
            ctx.findings.info("shared_line", source, "Line %d of %s is a shared appearance of %s; it becomes device %s of that user." % (
                line["line"], device["source_id"], extension, name), detail=str(line["line"]))
        items.append(item)
        ctx.target("devices", device, "devices", "%s/%s" % (extension, name))
    return sorted(items, key=lambda item: (natural_key(item["user"]), natural_key(item["device"])))


def plan_voicemail_greetings(ctx):
    """ns_greeting items of users' and mailboxes' recorded greetings (index 1, 2, ... per owner)."""
    items = []
    owners = []
    for box in ctx.objects("voicemail_boxes"):
        owners.append(("voicemail_boxes", box, ctx.user_ext(box["user_id"])))
    for mailbox in ctx.objects("virtual_mailboxes"):
        owners.append(("virtual_mailboxes", mailbox, ctx.ext("virtual_mailboxes", mailbox["source_id"])))
    for collection, owner, extension in owners:
        if extension is None:
            continue
        source = ctx.source(collection, owner)
        greetings = sorted(owner.get("greetings") or [], key=lambda greeting: (not greeting.get("active"), greeting["kind"]))
        for index, greeting in enumerate(greetings, 1):
            asset = ctx.get("audio_assets", greeting["audio_asset_id"])
            if asset is None or not ctx.in_scope("audio_assets", greeting["audio_asset_id"]):
                ctx.findings.warning("greeting_missing", source, "The %s greeting of %s is not available." % (greeting["kind"], extension),
                                     "Provide the recording.", detail=greeting["audio_asset_id"])
                continue
            item = dict(user=extension, index=index, file=ctx.audio_path(asset), sha256=asset["sha256"])
            if asset.get("transcript"):
                item["script"] = asset["transcript"]
            items.append(item)
            ctx.target("audio_assets", asset, "greetings", "%s/%d" % (extension, index))
            if greeting["kind"] != "unavailable" or index > 1:
                ctx.findings.info("greeting_slot", source, "The %s greeting of %s is uploaded as greeting %d; the platform plays the one the user chooses." % (
                    greeting["kind"], extension, index), detail="%s:%d" % (greeting["kind"], index))
    return items
