# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rows of the partner templates (users, DIDs, devices) -> canonical inventory objects."""

from __future__ import annotations

import re

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import DEVICE_TYPES, DID_USAGES
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import NormalizationError
from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import secret_ref
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets import fields as cells
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.columns import (
    DID_DESTINATION_TYPES,
    MAX_DEVICE_LINES,
)
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.context import user_id, voicemail_id

try:
    from zoneinfo import ZoneInfo
except ImportError:  # pragma: no cover - Python < 3.9
    ZoneInfo = None

_PIN = re.compile(r"^[0-9]{2,12}$")
_TERMINAL = ("hangup", "operator", "directory")
_TEMPLATE_GAPS = {
    "hunt_group": "hunt groups",
    "queue": "call queues",
    "auto_attendant": "auto attendants",
    "virtual_mailbox": "virtual mailboxes",
    "time_router": "time-of-day routing",
    "fax": "fax",
}


def _time_zone(value):
    try:
        ZoneInfo(value)
    except Exception:
        raise NormalizationError("%r is not an IANA time zone" % (value,))
    return value


def _pin(value):
    if not _PIN.match(value):
        raise NormalizationError("not a PIN of 2 to 12 digits")
    return value


def _row_fields(ctx, row):
    return cells.RowFields(ctx.builder, row, ctx.default_region)


def collect_users(ctx, table):
    for row in table.rows:
        fields = _row_fields(ctx, row)
        try:
            extension = fields.required("extension", fields.extension)
            first_name = fields.required("first_name")
            last_name = fields.required("last_name")
            ctx.claim(fields, "users", "extension", extension, "extension")
        except cells.SkipRow:
            continue
        uid = user_id(extension)
        caller_id = dict(name=fields.optional("caller_id_name"), number=fields.optional("caller_id_number", fields.e164))
        listed = fields.optional("directory_listed", cells.yes_no)
        user = dict(
            source_id=uid, extension=extension, first_name=first_name, last_name=last_name,
            display_name=fields.optional("display_name") or "%s %s" % (first_name, last_name),
            email=fields.optional("email", cells.email), department=fields.optional("department"),
            site_id=ctx.site_id(fields.optional("site")), time_zone=fields.optional("time_zone", _time_zone),
            language=fields.optional("language"), enabled=fields.optional("enabled", cells.yes_no),
            mobile_number=fields.optional("mobile_number", fields.e164),
            caller_id=dict((k, v) for k, v in caller_id.items() if v) or None,
            emergency_caller_id=fields.optional("emergency_caller_id", fields.e164),
            ring_seconds=fields.optional("ring_seconds", cells.positive_int),
            directory=None if listed is None else {"listed": listed},
        )
        ctx.builder.add("users", user)
        _voicemail(ctx, fields, extension, uid)


def _voicemail(ctx, fields, extension, uid):
    wanted = fields.optional("voicemail", cells.yes_no)
    pin = fields.optional("voicemail_pin", _pin, secret=True)
    emails = fields.optional("voicemail_emails", cells.emails)
    attach = fields.optional("voicemail_attach_audio", cells.yes_no)
    if wanted is None and pin is None and not emails:
        return
    box = dict(source_id=voicemail_id(extension), user_id=uid, mailbox=extension, enabled=wanted is not False)
    if box["enabled"]:
        box["pin"] = ctx.builder.secret(secret_ref("vm_pin", extension), pin)
        if pin is None:
            ctx.gap("partner_files:voicemail_pin", "voicemail_pin", "The users sheet gives no voicemail PIN for these boxes.",
                    "Add the PINs to the users sheet (column voicemail_pin), or users set a new PIN at first login.",
                    related={"type": "voicemail", "id": box["source_id"]})
    notification = dict(emails=emails or None, attach_audio=attach)
    box["notification"] = dict((k, v) for k, v in notification.items() if v is not None) or None
    ctx.builder.add("voicemail_boxes", box)


def collect_dids(ctx, table):
    for row in table.rows:
        fields = _row_fields(ctx, row)
        try:
            number = fields.required("number", fields.e164)
            ctx.claim(fields, "dids", "number", number, "number")
        except cells.SkipRow:
            continue
        did_id = "did-%s" % number[1:]
        porting = dict(carrier=fields.optional("carrier"), account_number=fields.optional("account_number"),
                       billing_number=fields.optional("billing_number", fields.e164))
        pin = fields.optional("port_pin")
        if pin:
            porting["pin"] = ctx.builder.secret(secret_ref("port_pin", number[1:]), pin)
        porting = dict((k, v) for k, v in porting.items() if v is not None)
        ctx.builder.add("dids", dict(
            source_id=did_id, number=number, label=fields.optional("label"),
            usage=fields.optional("usage", cells.one_of(DID_USAGES)), site_id=ctx.site_id(fields.optional("site")),
            destination=_did_destination(ctx, fields, did_id),
            caller_name_prefix=fields.optional("caller_name_prefix"), porting=porting or None,
        ))


def _did_destination(ctx, fields, did_id):
    kind = fields.optional("destination_type", cells.one_of(DID_DESTINATION_TYPES))
    target = fields.text("destination")
    if kind is None and fields.text("destination_type"):
        return None
    if kind in _TERMINAL:
        return {"type": kind}
    if not target:
        if kind:
            fields.problem("destination", "destination_type %s needs an extension or number; %s" % (kind, cells.IGNORED))
        return None
    if kind is None:
        kind = "user" if ctx.builder.has("users", user_id(target)) else "external"
    if kind == "external":
        number = fields.optional("destination", fields.e164)
        return {"type": "external", "id": number} if number else None
    extension = fields.optional("destination", fields.extension)
    if extension is None:
        return None
    if kind == "user":
        return {"type": "user", "id": user_id(extension)}
    if kind == "voicemail":
        return {"type": "voicemail", "id": voicemail_id(extension)}
    what = _TEMPLATE_GAPS[kind]
    return ctx.unreachable(
        "destination:%s:%s" % (kind, extension),
        "Numbers in the partner DIDs sheet ring %s %s; the partner templates cannot describe %s." % (
            kind.replace("_", " "), extension, what),
        "Describe %s %s (members, options, schedule) or give access to the source platform." % (kind.replace("_", " "), extension),
        related={"type": "did", "id": did_id},
        source_attributes={"destination_type": kind, "destination": extension},
    )


def collect_devices(ctx, table):
    for row in table.rows:
        fields = _row_fields(ctx, row)
        try:
            mac = fields.required("mac", fields.mac)
            model = fields.required("model")
            ctx.claim(fields, "devices", "mac", mac, "MAC address")
        except cells.SkipRow:
            continue
        lines = []
        for line in range(1, MAX_DEVICE_LINES + 1):
            column = "line_%d" % line
            extension = fields.optional(column, fields.extension)
            if extension is None:
                continue
            uid = user_id(extension)
            if any(entry["user_id"] == uid for entry in lines):
                fields.problem(column, "extension %r is already on an earlier line of this device; %s" % (extension, cells.IGNORED))
                continue
            lines.append({"line": line, "user_id": uid})
        password = fields.optional("sip_password")
        ctx.builder.add("devices", dict(
            source_id="dev-%s" % mac, type=fields.optional("type", cells.one_of(DEVICE_TYPES)) or "desk_phone", mac=mac,
            brand=fields.optional("brand"), model=model, serial=fields.optional("serial"), name=fields.optional("name"),
            site_id=ctx.site_id(fields.optional("site")), location=fields.optional("location"), lines=lines or None,
            sip_password=ctx.builder.secret(secret_ref("sip_password", mac), password) if password else None,
            firmware=fields.optional("firmware"),
        ))
