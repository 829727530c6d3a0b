# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""FreePBX database tables -> the people side of the inventory: users, voicemail, devices, fax.

Tables come from the modules that own them; a module that is not installed (its tables are
absent) or a table the database user may not read becomes a ``not_collected`` entry.
"""

from __future__ import annotations

import re

from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import SourceError, secret_ref
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.asterisk_conf import parse_caller_id
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.destinations import external_number, to_e164
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.mysql import TableUnavailable

# Module -> its tables, in the order they are read.
MODULE_TABLES = (
    ("core", ("admin", "users", "devices", "sip", "incoming")),
    ("userman", ("userman_users",)),
    ("recordings", ("recordings",)),
    ("announcement", ("announcement",)),
    ("ringgroups", ("ringgroups",)),
    ("queues", ("queues_config", "queues_details")),
    ("ivr", ("ivr_details", "ivr_entries")),
    ("timeconditions", ("timegroups_groups", "timegroups_details", "timeconditions")),
    ("findmefollow", ("findmefollow",)),
    ("fax", ("fax_users", "fax_incoming")),
    ("endpointman", ("endpointman_brand_list", "endpointman_model_list", "endpointman_mac_list", "endpointman_line_list")),
)
PHONE_TECHS = ("pjsip", "sip", "iax2", "dahdi", "custom")
_ATA = re.compile(r"HT8\d\d|HT70\d|SPA1\d\d|SPA2\d\d|OBi|ATA", re.I)
_CONFERENCE = re.compile(r"CP9\d\d|Trio|Conference|SoundStation", re.I)
_CORDLESS = re.compile(r"W[5-9]\dP|W[5-9]\dB|DECT|D65", re.I)
USER_ATTRIBUTES = ("voicemail", "ringtimer", "outboundcid", "sipname", "mohclass", "noanswer_dest", "busy_dest", "chanunavail_dest")
SIP_ATTRIBUTES = ("context", "transport", "max_contacts", "dtmfmode", "allow", "disallow", "media_encryption", "callerid")


def read_tables(client, builder):
    """{table: rows} of every table the adapter uses; missing or unreadable ones are recorded as not_collected."""
    try:
        present = set(row_values[0] for row_values in (list(row.values()) for row in client.query("SHOW TABLES")) if row_values)
    except TableUnavailable as exc:
        raise SourceError("the %s is not readable: %s" % (client.describe(), exc))
    tables = {}
    for module, names in MODULE_TABLES:
        for name in names:
            if name not in present:
                if module == "core":
                    raise SourceError("the %s has no table '%s': it is not a FreePBX database" % (client.describe(), name))
                builder.not_collected(
                    "freepbx_module", "table:%s" % name,
                    "The table %s of the FreePBX module '%s' is absent or hidden from the database user: the module is not installed "
                    "or the user may not read it; nothing was collected from it." % (name, module),
                    "Confirm that the customer does not use %s, or grant the database user SELECT on %s and collect again." % (module, name))
                tables[name] = []
                continue
            try:
                tables[name] = client.query("SELECT * FROM `%s`" % name)
            except TableUnavailable as exc:
                builder.not_collected(
                    "freepbx_table", "table:%s" % name,
                    "The table %s (module %s) could not be read: %s." % (name, module, exc),
                    "Grant the database user SELECT on %s, or provide the %s configuration another way." % (name, module))
                tables[name] = []
    return tables


def _int(value, minimum=None):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    if minimum is not None and number < minimum:
        return None
    return number


def _split_name(name, extension):
    words = (name or "").split()
    if len(words) >= 2:
        return " ".join(words[:-1]), words[-1]
    # A one-word name (a shared phone such as "Lobby") keeps the extension as last name.
    return (words[0] if words else "Extension"), str(extension)


def _attributes(row, keys):
    return dict((key, row[key]) for key in keys if row.get(key) not in (None, ""))


class PeopleMapper:
    """Users, virtual mailboxes, voicemail boxes, devices and fax from the tables."""

    def __init__(self, ctx, tables):
        self.ctx = ctx
        self.tables = tables
        self.devices = dict((row["id"], row) for row in tables["devices"])
        self.sip = {}
        for row in tables["sip"]:
            self.sip.setdefault(row["id"], {})[row["keyword"]] = row["data"]
        self.userman = dict((row["default_extension"], row) for row in tables["userman_users"]
                            if row.get("default_extension") not in (None, "", "none"))
        self.followme = dict((row["grpnum"], row) for row in tables["findmefollow"])

    def classify(self):
        """Split extensions into users (people/phones) and virtual mailboxes (voicemail only)."""
        resolver = self.ctx.resolver
        mailboxes = self.ctx.voicemail_conf
        for row in self.tables["users"]:
            extension = row["extension"]
            device = self.devices.get(extension)
            has_phone = device is not None and (device.get("tech") or "").lower() in PHONE_TECHS
            followme = self.followme.get(extension)
            reaches_out = followme is not None and any(external_number(n) for n in (followme.get("grplist") or "").split("-"))
            context = row.get("voicemail") or "novm"
            has_box = context != "novm" and (context, extension) in mailboxes
            if not has_phone and not reaches_out and has_box:
                resolver.virtual_mailboxes.add(extension)
            else:
                resolver.users.add(extension)
                if has_box:
                    resolver.voicemail.add(extension)
        known = set(row["extension"] for row in self.tables["users"])
        for (context, mailbox) in mailboxes:
            if mailbox not in known and context != "device":
                resolver.virtual_mailboxes.add(mailbox)
        for row in self.tables["fax_users"]:
            if str(row.get("faxenabled")).lower() in ("true", "1", "yes") and row["user"] in resolver.users:
                resolver.fax.add(row["user"])

    def users(self):
        ctx = self.ctx
        for row in self.tables["users"]:
            extension = row["extension"]
            if extension not in ctx.resolver.users:
                continue
            person = self.userman.get(extension, {})
            first, last = _split_name(row.get("name"), extension)
            if person.get("fname") and person.get("lname"):
                first, last = person["fname"], person["lname"]
            cid_name, cid_number = parse_caller_id(row.get("outboundcid"))
            caller_id = dict((k, v) for k, v in (("name", cid_name), ("number", to_e164(cid_number, ctx.region) if cid_number else None)) if v)
            device = self.devices.get(extension, {})
            emergency = to_e164(device.get("emergency_cid"), ctx.region) if device.get("emergency_cid") else None
            user = dict(
                source_id="u-%s" % extension, extension=extension, first_name=first, last_name=last,
                display_name=person.get("displayname") or row.get("name") or None, email=person.get("email") or None,
                department=person.get("department") or None, enabled=True,
                mobile_number=to_e164(person["cell"], ctx.region) if person.get("cell") else None,
                caller_id=caller_id or None, emergency_caller_id=emergency, ring_seconds=_int(row.get("ringtimer"), 1),
                source_attributes=dict(_attributes(row, USER_ATTRIBUTES), **_attributes(device, ("tech", "dial", "devicetype"))))
            ctx.builder.add("users", user)

    def voicemail(self):
        ctx = self.ctx
        related_of = {}
        for row in self.tables["users"]:
            related_of[row["extension"]] = row.get("voicemail") or "novm"
        for (context, mailbox), box in sorted(ctx.voicemail_conf.items()):
            if mailbox in ctx.resolver.voicemail and related_of.get(mailbox) == context:
                fields = dict(user_id="u-%s" % mailbox, mailbox=mailbox, enabled=True)
                add_mailbox(self.ctx, context, mailbox, box, "voicemail_boxes", "vm-%s" % mailbox, fields)
            elif mailbox in ctx.resolver.virtual_mailboxes and related_of.get(mailbox, context) == context:
                user_row = next((r for r in self.tables["users"] if r["extension"] == mailbox), {})
                name = user_row.get("name") or box["name"] or "Mailbox %s" % mailbox
                add_mailbox(self.ctx, context, mailbox, box, "virtual_mailboxes", "vmb-%s" % mailbox, dict(extension=mailbox, name=name))

    def devices_and_phones(self):
        """Phones of Endpoint Manager (MAC, model, lines) plus SIP accounts that no managed phone carries."""
        ctx = self.ctx
        brands = dict((row["id"], row.get("name")) for row in self.tables["endpointman_brand_list"])
        models = dict((row["id"], row) for row in self.tables["endpointman_model_list"])
        lines_by_mac = {}
        for row in self.tables["endpointman_line_list"]:
            lines_by_mac.setdefault(row["mac_id"], []).append(row)
        on_phones = set()
        for row in sorted(self.tables["endpointman_mac_list"], key=lambda r: _int(r["id"]) or 0):
            lines = sorted(lines_by_mac.get(row["id"], []), key=lambda r: _int(r.get("line")) or 0)
            model = models.get(row.get("model"), {})
            model_name = model.get("model")
            mac = (row.get("mac") or "").lower()
            primary = lines[0]["ext"] if lines else None
            source_id = "dev-%s" % primary if primary and primary in self.devices and not ctx.builder.has("devices", "dev-%s" % primary) else "dev-%s" % mac
            device_lines = []
            for line in lines:
                on_phones.add(line["ext"])
                if line["ext"] in ctx.resolver.users:
                    device_lines.append(dict(line=_int(line.get("line"), 1) or len(device_lines) + 1, user_id="u-%s" % line["ext"]))
            secret = self.sip.get(primary, {}).get("secret") if primary else None
            ctx.builder.add("devices", dict(
                source_id=source_id, type=_device_type(model_name), mac=mac or None, brand=brands.get(model.get("brand")),
                model=model_name, name=row.get("description") or None, lines=device_lines or None,
                sip_password=ctx.builder.secret(secret_ref("sip_password", primary), secret) if primary else None,
                source_attributes=dict(endpointman_id=row["id"], **_attributes(self.devices.get(primary, {}), ("tech", "dial")))))
        for device_id, row in sorted(self.devices.items()):
            tech = (row.get("tech") or "").lower()
            if tech not in PHONE_TECHS or device_id in on_phones or ctx.builder.has("devices", "dev-%s" % device_id):
                continue
            user = row.get("user") if row.get("user") in ctx.resolver.users else None
            settings = self.sip.get(device_id, {})
            ctx.builder.add("devices", dict(
                source_id="dev-%s" % device_id, type="other", name=row.get("description") or None,
                lines=[dict(line=1, user_id="u-%s" % user)] if user else None,
                sip_password=ctx.builder.secret(secret_ref("sip_password", device_id), settings.get("secret")),
                source_attributes=dict(_attributes(row, ("tech", "dial", "devicetype")), **_attributes(settings, SIP_ATTRIBUTES))))
            ctx.builder.not_collected(
                "device_mac", "devices:%s" % device_id,
                "SIP account %s (%s) is not in Endpoint Manager; the MAC address and model of the phone using it are not visible."
                % (device_id, row.get("description") or "no description"),
                "Read the MAC address and model from the label of the phone registered as %s." % device_id,
                related=[dict(type="device", id="dev-%s" % device_id)])

    def fax(self):
        ctx = self.ctx
        formats = {"pdf": "pdf", "tif": "tiff", "tiff": "tiff", "both": "both"}
        for row in self.tables["fax_users"]:
            if row["user"] not in ctx.resolver.fax:
                continue
            emails = [e for e in re.split(r"[,;\s]+", row.get("faxemail") or "") if "@" in e]
            ctx.builder.add("fax", dict(
                source_id="fax-%s" % row["user"], kind="fax_to_email", name="Fax of extension %s" % row["user"],
                user_id="u-%s" % row["user"], emails=emails or None,
                attachment_format=formats.get((row.get("faxattachformat") or "").lower())))


def add_mailbox(ctx, context, mailbox, box, collection, source_id, fields):
    """A voicemail box or virtual mailbox from its voicemail.conf entry, with PIN (as a secret) and greetings."""
    pin = box["pin"]
    locked = pin.startswith("-")
    pin = pin.lstrip("-")
    fields["pin"] = ctx.builder.secret(secret_ref("vm_pin", mailbox), pin)
    if not pin:
        ctx.builder.not_collected("voicemail_pin", "vm_pin:%s" % mailbox, "Mailbox %s has no PIN on the source." % mailbox,
                                  "Set a PIN for mailbox %s on the target or tell its owner to set one at first log-in." % mailbox,
                                  related=[dict(type="voicemail" if collection == "voicemail_boxes" else "virtual_mailbox", id=source_id)])
    owner = fields.get("user_id") or source_id
    greetings = ctx.audio.greetings(ctx.options["voicemail_spool"], context, mailbox, owner) if ctx.options.get("voicemail_spool") else []
    options = box["options"]
    notification = dict(emails=[e for e in box["emails"] if "@" in e] or None,
                        attach_audio=_yes(options.get("attach")), delete_after_email=_yes(options.get("delete")))
    notification = dict((k, v) for k, v in notification.items() if v is not None)
    attributes = dict(context=context, **dict(("option_%s" % k, v) for k, v in sorted(options.items())))
    if locked:
        attributes["pin_changeable_by_user"] = False
    fields.update(source_id=source_id, greetings=greetings or None, notification=notification or None, source_attributes=attributes)
    ctx.builder.add(collection, fields)


def _yes(value):
    if value is None:
        return None
    return str(value).strip().lower() in ("yes", "true", "1", "on")


def _device_type(model):
    model = model or ""
    if _ATA.search(model):
        return "ata"
    if _CONFERENCE.search(model):
        return "conference"
    if _CORDLESS.search(model):
        return "cordless"
    return "desk_phone"
