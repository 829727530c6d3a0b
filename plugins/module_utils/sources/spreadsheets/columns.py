# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The partner spreadsheet templates: one definition for the reader and the template writer.

``scripts/make_partner_templates.py`` writes the CSV and XLSX templates shipped in
``roles/collect/files/partner-templates/`` from :data:`TEMPLATES`, and the reader maps
headers with the same definition, so the two cannot drift (a unit test fails when the
checked-in templates are stale).
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import (
    AUDIO_PURPOSES,
    DEVICE_TYPES,
    DID_USAGES,
    GREETING_KINDS,
)
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.tables import normalize_header

# Destinations a partner can name in the DIDs template.  Objects the templates cannot
# describe (groups, queues, attendants...) are recorded as not collected.
DID_DESTINATION_TYPES = ("user", "voicemail", "external", "hunt_group", "queue", "auto_attendant", "virtual_mailbox",
                         "time_router", "fax", "hangup", "operator", "directory")
GREETING_OWNER_TYPES = ("user", "auto_attendant", "queue", "hunt_group", "virtual_mailbox", "company")
MAX_DEVICE_LINES = 4


class Column:
    """One template column: canonical name, whether a row needs it, accepted aliases, help."""

    def __init__(self, name, description, required=False, aliases=(), example=""):
        self.name = name
        self.description = description
        self.required = required
        self.aliases = tuple(normalize_header(alias) for alias in aliases)
        self.example = example


def _choices(values):
    return ", ".join(values)


USERS = (
    Column("extension", "Extension number (2 to 10 digits); one row per extension.", True, ("ext", "extension_number"), "201"),
    Column("first_name", "First name.", True, ("first", "firstname", "given_name"), "Alice"),
    Column("last_name", "Last name.", True, ("last", "lastname", "surname", "family_name"), "Moreno"),
    Column("display_name", "Name shown on calls and in the directory (default: first and last name).", example="Alice Moreno"),
    Column("email", "E-mail address.", aliases=("e_mail", "email_address"), example="alice@example.com"),
    Column("department", "Department.", example="Front Desk"),
    Column("site", "Site (location) name; users, phones and numbers with the same site name share one site.", example="Main Office"),
    Column("time_zone", "IANA time zone when it differs from the company's.", example="America/New_York"),
    Column("language", "Language tag.", example="en-US"),
    Column("mobile_number", "Mobile number (E.164 or a national number).", aliases=("mobile", "cell"), example="+12675550123"),
    Column("caller_id_name", "Outbound caller ID name.", example="Northwind Dental"),
    Column("caller_id_number", "Outbound caller ID number.", aliases=("outbound_caller_id",), example="+12155550100"),
    Column("emergency_caller_id", "Emergency (911) caller ID number.", example="+12155550100"),
    Column("ring_seconds", "Seconds to ring before no-answer handling.", example="25"),
    Column("directory_listed", "yes/no: listed in the company directory.", example="yes"),
    Column("enabled", "yes/no: account in use (default yes).", example="yes"),
    Column("voicemail", "yes/no: the user has a voicemail box (default yes when a PIN or e-mail is given).", example="yes"),
    Column("voicemail_pin", "Voicemail PIN (digits). Kept in the vault, never in the inventory.", aliases=("vm_pin", "pin"), example="4821"),
    Column("voicemail_emails", "E-mail addresses notified of new messages, separated by ';'.", aliases=("voicemail_email",),
           example="alice@example.com"),
    Column("voicemail_attach_audio", "yes/no: attach the message audio to the e-mail.", example="yes"),
)

DIDS = (
    Column("number", "Phone number (E.164 or a national number); one row per number.", True, ("did", "phone_number", "e164"),
           "+12155550100"),
    Column("label", "What the number is called.", aliases=("description", "name"), example="Main number"),
    Column("usage", "One of: %s." % _choices(DID_USAGES), example="main"),
    Column("site", "Site (location) name.", example="Main Office"),
    Column("destination_type", "Where the number rings, one of: %s." % _choices(DID_DESTINATION_TYPES), example="user"),
    Column("destination", "The extension (user, voicemail, group...) or phone number (external) it rings.", example="201"),
    Column("caller_name_prefix", "Prefix added to the caller's name.", example="MAIN:"),
    Column("carrier", "Current (losing) carrier, for the port.", example="Example Telecom"),
    Column("account_number", "Account number at the current carrier.", example="ET-448812"),
    Column("port_pin", "Port-out PIN at the current carrier. Kept in the vault, never in the inventory.", aliases=("pin",),
           example="7731"),
    Column("billing_number", "Billing telephone number of the carrier account.", aliases=("btn",), example="+12155550100"),
)

DEVICES = (
    Column("mac", "MAC address (any common notation); one row per device.", True, ("mac_address",), "80:5E:C0:A1:02:01"),
    Column("brand", "Manufacturer.", aliases=("manufacturer", "vendor", "make"), example="Yealink"),
    Column("model", "Model.", True, (), "T54W"),
    Column("serial", "Serial number.", aliases=("serial_number", "sn"), example="SNA10201201"),
    Column("type", "One of: %s (default desk_phone)." % _choices(DEVICE_TYPES), aliases=("device_type",), example="desk_phone"),
    Column("name", "Label of the device.", example="Reception phone"),
    Column("site", "Site (location) name.", example="Main Office"),
    Column("location", "Where it is (desk, room).", example="Reception, left"),
) + tuple(
    Column("line_%d" % line, "Extension on line key %d." % line, aliases=("extension",) if line == 1 else ("line_%d_extension" % line,),
           example="201" if line == 1 else "")
    for line in range(1, MAX_DEVICE_LINES + 1)
) + (
    Column("sip_password", "SIP password, when known. Kept in the vault, never in the inventory.", example=""),
    Column("firmware", "Firmware version.", example="96.86.0.75"),
)

GREETINGS = (
    Column("file", "Audio file, relative to the folder the partner files were delivered in.", True, ("path", "audio_file"),
           "greetings/201-unavailable.wav"),
    Column("purpose", "One of: %s." % _choices(AUDIO_PURPOSES), True, (), "voicemail_greeting"),
    Column("owner_type", "Whose it is, one of: %s (default user)." % _choices(GREETING_OWNER_TYPES), example="user"),
    Column("extension", "Extension of the owner (user, attendant, queue...).", aliases=("owner_extension", "owner"), example="201"),
    Column("greeting_kind", "For voicemail greetings, one of: %s (default unavailable)." % _choices(GREETING_KINDS),
           aliases=("kind",), example="unavailable"),
    Column("active", "yes/no: the greeting callers hear (default yes).", example="yes"),
    Column("name", "Name of the recording.", example="Alice unavailable"),
    Column("transcript", "Words spoken in the recording.", example="You have reached Alice Moreno..."),
)

TEMPLATES = {"users": USERS, "dids": DIDS, "devices": DEVICES, "greetings": GREETINGS}
# Natural key of each template: a second row with the same key is refused.
TEMPLATE_KEYS = {"users": "extension", "dids": "number", "devices": "mac"}


def header_map(columns):
    """normalized header or alias -> canonical column name."""
    mapping = {}
    for column in columns:
        mapping[normalize_header(column.name)] = column.name
        for alias in column.aliases:
            mapping.setdefault(alias, column.name)
    return mapping
