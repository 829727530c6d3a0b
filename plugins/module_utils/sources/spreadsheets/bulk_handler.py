# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""FreePBX Bulk Handler exports (``extensions.csv``, ``dids.csv``) -> canonical inventory.

The header of an export is the union of the columns of every installed module, in any
case and order, so only the columns used here are looked up, by name.  SIP secrets and
voicemail PINs go to the secrets (``sip_password/<ext>``, ``vm_pin/<ext>``), never into
the inventory or ``source_attributes``.
"""

from __future__ import annotations

import re

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import NormalizationError
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.secrets import is_secret_key
from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import secret_ref
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets import fields as cells
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.context import user_id, voicemail_id
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.destinations import parse_freepbx_destination

# The import accepts short names too (vmpwd, email); the export writes the long ones.
EXTENSION_ALIASES = {"vmpwd": "voicemail_vmpwd", "email": "voicemail_email"}
DEVICE_TECHS = ("pjsip", "sip", "iax2")
_CALLER_ID = re.compile(r'^\s*"?([^"<]*?)"?\s*<\s*([^>]*)\s*>\s*$')
# Columns kept as collected on the user for review (routing the inventory does not model).
USER_ATTRIBUTES = ("voicemail", "noanswer_dest", "busy_dest", "chanunavail_dest", "noanswer_cid", "busy_cid",
                   "chanunavail_cid", "cid_masquerade", "callwaiting_enable", "mohclass", "recording_in_external",
                   "recording_out_external", "recording_in_internal", "recording_out_internal", "recording_ondemand")
DEVICE_ATTRIBUTES = ("tech", "dial", "devicetype", "transport", "max_contacts", "media_encryption")
DID_ATTRIBUTES = ("alertinfo", "ringing", "mohclass", "delay_answer", "privacyman", "fax_enable", "fax_detection",
                  "fax_detectionwait", "fax_destination", "sf_enable", "language")
NOT_IN_EXPORTS = (
    ("ring_groups", "ring groups"),
    ("queues", "queues"),
    ("ivrs", "IVRs (auto attendants)"),
    ("time_conditions", "time conditions and time groups"),
    ("answer_rules", "call forwarding set with feature codes (*72, DND; kept in the AstDB), only follow-me"),
)


def _value(row, column):
    value = row.get(column)
    if not value and column in EXTENSION_ALIASES.values():
        for alias, name in EXTENSION_ALIASES.items():
            if name == column:
                value = row.get(alias)
    return (value or "").strip()


def _attributes(row, columns):
    result = {}
    for column in columns:
        value = _value(row, column)
        if value and not is_secret_key(column):
            result[column] = value
    for column in sorted(row.values):
        if column.startswith("findmefollow_") and row.values[column].strip() and not is_secret_key(column):
            result[column] = row.values[column].strip()
    return result or None


def split_name(name, extension):
    """``Alice Moreno`` -> (Alice, Moreno); one word -> (word, extension) since both are required."""
    words = name.split()
    if not words:
        return "Extension", extension
    if len(words) == 1:
        return words[0], extension
    return " ".join(words[:-1]), words[-1]


def _caller_id(fields, column):
    text = fields.text(column)
    if not text:
        return None
    match = _CALLER_ID.match(text)
    name, number = (match.group(1).strip(), match.group(2).strip()) if match else ("", text)
    result = {}
    if name:
        result["name"] = name
    if number:
        try:
            result["number"] = fields.e164(number)
        except NormalizationError as exc:
            fields.problem(column, "%s; %s" % (exc, cells.IGNORED))
    return result or None


def collect_extensions(ctx, table):
    for row in table.rows:
        fields = cells.RowFields(ctx.builder, row, ctx.default_region)
        try:
            extension = fields.required("extension", fields.extension)
            ctx.claim(fields, "users", "extension", extension, "extension")
        except cells.SkipRow:
            continue
        uid = user_id(extension)
        name = fields.text("name")
        first_name, last_name = split_name(name, extension)
        ring = fields.text("ringtimer")
        emails = _emails(fields, row)
        ctx.builder.add("users", dict(
            source_id=uid, extension=extension, first_name=first_name, last_name=last_name,
            display_name=name or None,
            email=emails[0] if emails else None,
            caller_id=_caller_id(fields, "outboundcid"),
            emergency_caller_id=fields.optional("emergency_cid", fields.e164),
            ring_seconds=fields.optional("ringtimer", cells.positive_int) if ring not in ("", "0") else None,
            source_attributes=_attributes(row, USER_ATTRIBUTES),
        ))
        _voicemail(ctx, fields, row, extension, uid, emails)
        _device(ctx, fields, row, extension, uid)
        _follow_me(ctx, fields, extension, uid)


def _emails(fields, row):
    text = _value(row, "voicemail_email")
    if not text:
        return None
    try:
        return cells.emails(text)
    except NormalizationError as exc:
        fields.problem("voicemail_email", "%s; %s" % (exc, cells.IGNORED))
        return None


def _voicemail(ctx, fields, row, extension, uid, emails):
    context = fields.text("voicemail")
    enabled_column = fields.text("voicemail_enable").lower()
    if context.lower() == "novm" or not (context or enabled_column in ("yes", "1", "enabled")):
        return
    box_id = voicemail_id(extension)
    pin = _value(row, "voicemail_vmpwd")
    box = dict(source_id=box_id, user_id=uid, mailbox=extension, enabled=True,
               pin=ctx.builder.secret(secret_ref("vm_pin", extension), pin))
    if not pin:
        ctx.gap("bulk_handler:voicemail_pin", "voicemail_pin", "The extensions export has an empty voicemail PIN for these boxes.",
                "Provide the PINs (users sheet, column voicemail_pin), or users set a new PIN at first login.",
                related={"type": "voicemail", "id": box_id})
    options = dict(part.split("=", 1) for part in fields.text("voicemail_options").split("|") if "=" in part)
    notification = dict(emails=emails,
                        attach_audio={"yes": True, "no": False}.get(options.get("attach", "").lower()),
                        delete_after_email={"yes": True, "no": False}.get(options.get("delete", "").lower()))
    box["notification"] = dict((k, v) for k, v in notification.items() if v is not None) or None
    ctx.builder.add("voicemail_boxes", box)


def _follow_me(ctx, fields, extension, uid):
    """findmefollow_* columns -> a simultaneous or sequential ring rule (strategy ringall* rings together)."""
    members = [member.strip() for member in fields.text("findmefollow_grplist").split("-") if member.strip()]
    if not members:
        return
    destinations = []
    own = False
    for member in members:
        if member.rstrip("#") == extension:
            own = True
            continue
        if member.endswith("#"):
            try:
                destinations.append({"type": "external", "id": fields.e164(member.rstrip("#"))})
            except NormalizationError as exc:
                fields.problem("findmefollow_grplist", "%s; %s" % (exc, cells.IGNORED))
        elif member.isdigit():
            destinations.append({"type": "user", "id": user_id(member)})
    if not destinations:
        return
    strategy = fields.text("findmefollow_strategy").lower()
    ctx.builder.add("answer_rules", dict(
        source_id="ar-%s-followme" % extension, user_id=uid,
        kind="simultaneous_ring" if strategy.startswith("ringall") else "sequential_ring",
        enabled=fields.text("findmefollow_enabled").lower() in ("yes", "1", "enabled", "true"),
        destinations=destinations, include_own_devices=own,
        ring_seconds=fields.optional("findmefollow_grptime", cells.positive_int),
    ))


def _device(ctx, fields, row, extension, uid):
    tech = fields.text("tech").lower()
    if tech not in DEVICE_TECHS:
        return
    device_id = "dev-%s" % extension
    ctx.builder.add("devices", dict(
        source_id=device_id, type="other", name=fields.optional("description"), lines=[{"line": 1, "user_id": uid}],
        sip_password=ctx.builder.secret(secret_ref("sip_password", extension), _value(row, "secret")),
        source_attributes=_attributes(row, DEVICE_ATTRIBUTES),
    ))
    ctx.gap("bulk_handler:device_mac", "device_mac",
            "Bulk Handler exports name each extension's SIP device but hold no MAC address, brand or model.",
            "Fill in the devices sheet (MAC, brand, model, serial, extension per line) for the phones to provision.",
            related={"type": "device", "id": device_id})


def collect_dids(ctx, table):
    for row in table.rows:
        fields = cells.RowFields(ctx.builder, row, ctx.default_region)
        did_text = fields.text("extension")
        cidnum = fields.text("cidnum")
        try:
            if did_text.startswith("_"):
                fields.problem("extension", "%r is a pattern route, not a phone number; %s" % (did_text, cells.SKIPPED))
                raise cells.SkipRow()
            number = fields.required("extension", fields.e164)
            if cidnum:
                _caller_id_route(ctx, fields, did_text, number, cidnum)
                raise cells.SkipRow()
            ctx.claim(fields, "dids", "extension", number, "number")
        except cells.SkipRow:
            continue
        did_id = "did-%s" % re.sub(r"[^0-9]", "", did_text)
        routing = fields.text("destination")
        ctx.builder.add("dids", dict(
            source_id=did_id, number=number, label=fields.optional("description"),
            destination=map_destination(ctx, routing, {"type": "did", "id": did_id}) if routing else None,
            routing_as_collected=routing or None, caller_name_prefix=fields.optional("grppre"),
            source_attributes=_attributes(row, DID_ATTRIBUTES),
        ))


def _caller_id_route(ctx, fields, did_text, number, cidnum):
    ctx.gap("inbound_route:%s/%s" % (re.sub(r"[^0-9]", "", did_text), re.sub(r"[^0-9A-Za-z]", "", cidnum) or "x"),
            "caller_id_route",
            "Inbound route %s answers calls from caller ID %s differently; the inventory keeps one route per number." % (number, cidnum),
            "Confirm whether calls from %s to %s still need their own routing (destination %s)." % (
                cidnum, number, fields.text("destination") or "none"))


def map_destination(ctx, text, related):
    """A Bulk Handler destination string -> inventory destination (or a not_collected reference)."""
    parsed = parse_freepbx_destination(text)
    if parsed is None:
        return None
    if parsed.kind == "extension" and parsed.target and parsed.target.isdigit():
        return {"type": "user", "id": user_id(parsed.target)}
    if parsed.kind == "voicemail":
        return {"type": "voicemail", "id": voicemail_id(parsed.target)}
    if parsed.kind == "hangup":
        return {"type": "hangup"}
    if parsed.kind == "directory":
        return {"type": "directory"}
    what = parsed.describe()
    return ctx.unreachable(
        "freepbx:%s:%s" % (parsed.kind, parsed.target or cells.slug(text)),
        "Calls go to %s (%s), which Bulk Handler exports do not describe." % (what, text),
        "Collect %s from the PBX (database access) or describe it to the project team." % what,
        related=related, source_attributes={"freepbx_destination": text},
    )


def scope_gaps(ctx):
    """What Bulk Handler exports can never hold, so the scope shows it."""
    for name, label in NOT_IN_EXPORTS:
        ctx.gap("bulk_handler:%s" % name, name, "FreePBX Bulk Handler exports hold extensions and DIDs only, not %s." % label,
                "Give database or SSH access to the PBX, or describe the %s to the project team." % label)
