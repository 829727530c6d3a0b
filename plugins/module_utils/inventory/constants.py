# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Names and enumerations of the canonical inventory that other layers build on.

Source adapters produce these values, translation maps them onto the target; keep
this module free of imports so every other piece can depend on it.
"""

from __future__ import annotations

SCHEMA_VERSION = "inventory/v1"
SCHEMA_ID = "https://ucaas-migration.invalid/schema/inventory-v1.json"

SOURCE_PLATFORMS = (
    "netsapiens",
    "freepbx",
    "asterisk",
    "3cx",
    "ringcentral",
    "broadworks",
    "grandstream_ucm",
    "yeastar",
    "spreadsheet",
    "other",
)

# Object collections, in the order the target needs them created; the value is the
# reference type that names one object of that collection.
COLLECTIONS = (
    ("sites", "site"),
    ("audio_assets", "audio_asset"),
    ("time_frames", "time_frame"),
    ("users", "user"),
    ("voicemail_boxes", "voicemail"),
    ("virtual_mailboxes", "virtual_mailbox"),
    ("devices", "device"),
    ("hunt_groups", "hunt_group"),
    ("queues", "queue"),
    ("auto_attendants", "auto_attendant"),
    ("time_routers", "time_router"),
    ("answer_rules", "answer_rule"),
    ("fax", "fax"),
    ("dids", "did"),
    ("sms_numbers", "sms_number"),
    ("directory_entries", "directory_entry"),
    ("not_collected", "not_collected"),
)
COLLECTION_NAMES = tuple(name for name, _type in COLLECTIONS)
OBJECT_TYPES = tuple(obj_type for _name, obj_type in COLLECTIONS)
COLLECTION_BY_OBJECT_TYPE = dict((obj_type, name) for name, obj_type in COLLECTIONS)

# Where a call can be sent.  Types in DESTINATION_COLLECTIONS name an object by its
# source id; "external" carries an E.164 number as its id; the terminal types carry no id.
DESTINATION_COLLECTIONS = {
    "user": "users",
    "voicemail": "voicemail_boxes",
    "virtual_mailbox": "virtual_mailboxes",
    "hunt_group": "hunt_groups",
    "queue": "queues",
    "auto_attendant": "auto_attendants",
    "time_router": "time_routers",
    "fax": "fax",
    "not_collected": "not_collected",
}
# "auto_attendant_menu" names a menu of an auto attendant: {type, id: <attendant source id>, menu: <menu id>}.
MENU_DESTINATION = "auto_attendant_menu"
EXTERNAL_DESTINATION = "external"
TERMINAL_DESTINATIONS = (
    "hangup",           # disconnect the caller
    "directory",        # dial-by-name directory of the domain
    "repeat_menu",      # auto attendant: play the current menu again
    "parent_menu",      # auto attendant: go back one menu level
    "operator",         # the domain's operator / reception as configured on the target
)
DESTINATION_TYPES = tuple(sorted(DESTINATION_COLLECTIONS)) + (MENU_DESTINATION, EXTERNAL_DESTINATION) + TERMINAL_DESTINATIONS
# Group members (hunt groups) ring a person or a phone number, nothing else.
MEMBER_TYPES = ("user", EXTERNAL_DESTINATION)

ANSWER_RULE_KINDS = (
    "forward_always",        # unconditional forward
    "forward_busy",
    "forward_no_answer",     # after ring_seconds
    "forward_unavailable",   # no registered device
    "simultaneous_ring",     # ring the user's devices and the destinations together
    "sequential_ring",       # follow-me: ring the destinations one after another
    "do_not_disturb",
    "call_screening",
)
ANSWER_RULE_KINDS_WITHOUT_DESTINATIONS = ("do_not_disturb", "call_screening")

HUNT_GROUP_STRATEGIES = (
    "ring_all",
    "linear",           # one member after another, always from the top
    "linear_cascade",   # first member, then first + second, ... (FreePBX memoryhunt)
    "round_robin",      # continue after the member who answered last
    "random",
    "first_available",  # skip members already on a call
)

QUEUE_STRATEGIES = (
    "ring_all",
    "linear",
    "linear_cascade",
    "round_robin",
    "tiered_round_robin",
    "longest_idle",
    "fewest_calls",
    "least_talk_time",
    "random",
    "skills_based",
)

TIME_FRAME_KINDS = (
    "always",
    "days_of_week",
    "specific_dates",
    "holidays",
    "custom",           # any mix of weekly ranges, dates and holidays
)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DATE_RECURRENCES = ("none", "yearly")

DEVICE_TYPES = ("desk_phone", "cordless", "conference", "softphone", "ata", "door_phone", "paging", "other")
DID_USAGES = ("main", "direct", "department", "fax", "toll_free", "temporary", "unassigned", "other")
GREETING_KINDS = ("unavailable", "busy", "name", "temporary", "generic")
AUDIO_FORMATS = ("wav", "mp3", "gsm", "ulaw", "alaw", "g722", "sln", "ogg", "m4a")
AUDIO_PURPOSES = ("voicemail_greeting", "menu_greeting", "queue_greeting", "music_on_hold", "announcement", "other")
MENU_KEYS = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#")
FAX_KINDS = ("fax_to_email", "ata", "fax_server")
FAX_ATTACHMENT_FORMATS = ("pdf", "tiff", "both")
SMS_DESTINATION_TYPES = ("user", "queue")

# Fields that hold secrets are objects {secret_ref, is_set}.  In free-form maps
# (source_attributes) a key whose words (snake_case or camelCase) include one of these
# must not carry a clear-text value.
SECRET_KEY_WORDS = ("password", "passwd", "pass", "passphrase", "secret", "pin", "vmpin", "pwd", "vmpwd", "token", "credential", "credentials")
SECRET_KEY_WORD_PAIRS = (("api", "key"), ("auth", "key"), ("private", "key"))
SECRET_REF_PATTERN = r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.@+-]+)*$"
