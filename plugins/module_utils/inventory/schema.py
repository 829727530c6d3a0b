# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""JSON Schema (draft 2020-12) of the canonical inventory ``inventory/v1``.

Kept as a Python structure because modules reach the controller's targets through
AnsiballZ, which ships module_utils Python only; ``scripts/export_schema.py`` writes the
same structure to ``docs/schema/inventory-v1.json``.

Besides standard keywords the schema carries annotations (ignored by JSON Schema
validators, read by the validator in ``validate.py``):

``x-normalize``  ``e164`` | ``mac`` | ``extension`` | ``time_zone`` | ``date`` | ``date_time``:
                 the value is checked and rewritten to canonical form.
``x-ref``        the string is the source id of an object of the named collection.
``x-unique``     values (after normalization) must be unique within the named scope.
``x-secret``     a secret reference object; clear text is refused.
``x-destination`` a typed routing reference ``{type, id}``.
``x-free-form``  platform-specific data kept as collected; secret-looking keys are refused.
``x-problem``    how a pattern mismatch reads in a problem line.
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import (
    ANSWER_RULE_KINDS,
    AUDIO_FORMATS,
    AUDIO_PURPOSES,
    COLLECTION_NAMES,
    DATE_RECURRENCES,
    DESTINATION_TYPES,
    DEVICE_TYPES,
    DID_USAGES,
    FAX_ATTACHMENT_FORMATS,
    FAX_KINDS,
    GREETING_KINDS,
    HUNT_GROUP_STRATEGIES,
    MEMBER_TYPES,
    MENU_KEYS,
    OBJECT_TYPES,
    QUEUE_STRATEGIES,
    SCHEMA_ID,
    SCHEMA_VERSION,
    SECRET_REF_PATTERN,
    SMS_DESTINATION_TYPES,
    SOURCE_PLATFORMS,
    TIME_FRAME_KINDS,
    WEEKDAYS,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _ref(name):
    return {"$ref": "#/$defs/%s" % name}


def _text(description, **extra):
    node = {"type": "string", "minLength": 1, "description": description}
    node.update(extra)
    return node


def _enum(values, description):
    return {"type": "string", "enum": list(values), "description": description}


def _bool(description):
    return {"type": "boolean", "description": description}


def _int(description, minimum=0, maximum=None):
    node = {"type": "integer", "minimum": minimum, "description": description}
    if maximum is not None:
        node["maximum"] = maximum
    return node


def _id_of(collection, description):
    return {"type": "string", "minLength": 1, "x-ref": collection, "description": description}


def _list(items, description, min_items=0):
    node = {"type": "array", "items": items, "description": description}
    if min_items:
        node["minItems"] = min_items
    return node


def _object(description, required, properties, common=True):
    props = {}
    if common:
        props["source_id"] = _ref("source_id")
    props.update(properties)
    if common:
        props["source_attributes"] = _ref("source_attributes")
    return {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "required": (["source_id"] if common else []) + list(required),
        "properties": props,
    }


def _unique(node, scope):
    node = dict(node)
    node["x-unique"] = scope
    return node


_EXTENSION = _ref("extension")
_UNIQUE_EXTENSION = _unique(_EXTENSION, "extension")

DEFS = {
    "source_id": {
        "type": "string", "minLength": 1, "maxLength": 200,
        "description": "The object's identifier on the source platform, kept for traceability and as the key other objects refer to.",
    },
    "local_id": {
        "type": "string", "pattern": "^[A-Za-z0-9_.:-]{1,64}$",
        "x-problem": "is not an identifier (letters, digits, _ . : -)",
        "description": "An identifier unique within its parent object.",
    },
    "extension": {"type": "string", "x-normalize": "extension", "description": "An internal extension: 2 to 10 digits."},
    "e164": {"type": "string", "x-normalize": "e164",
             "description": "A phone number; normalized to E.164 (+15551234567). National numbers are read in the default region."},
    "mac": {"type": "string", "x-normalize": "mac", "description": "A MAC address; normalized to 12 lower-case hex digits."},
    "email": {"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "x-problem": "is not an e-mail address",
              "description": "An e-mail address."},
    "time_zone": {"type": "string", "x-normalize": "time_zone", "description": "An IANA time zone name, e.g. America/New_York."},
    "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "x-normalize": "date",
             "x-problem": "is not a date (YYYY-MM-DD)", "description": "A calendar date, YYYY-MM-DD."},
    "date_time": {"type": "string", "x-normalize": "date_time",
                  "description": "An RFC 3339 timestamp with offset, e.g. 2026-11-25T18:30:00Z."},
    "time_of_day": {"type": "string", "pattern": "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$",
                    "x-problem": "is not a time of day (HH:MM, 00:00 to 24:00)", "description": "A time of day, HH:MM (24:00 = end of day)."},
    "source_attributes": {
        "type": "object", "x-free-form": True,
        "description": "Platform-specific data kept as collected (for review and findings). Never secrets: keys that name a secret are refused.",
    },
    "secret": {
        "type": "object", "x-secret": True, "additionalProperties": False, "required": ["is_set"],
        "description": "A secret held in the vaulted ucaas_secrets mapping, never in the inventory.",
        "properties": {
            "secret_ref": {"type": "string", "pattern": SECRET_REF_PATTERN,
                           "x-problem": "is not a secret reference (e.g. 'vm_pin/1001')",
                           "description": "Key of the value in ucaas_secrets, e.g. vm_pin/1001."},
            "is_set": _bool("A value exists in ucaas_secrets; false = unknown (partner provides it or users reset it)."),
        },
    },
    "destination": {
        "type": "object", "x-destination": "any", "additionalProperties": False, "required": ["type"],
        "description": "Where a call goes: an object of the inventory by source id, an external number, or a terminal action.",
        "properties": {
            "type": _enum(DESTINATION_TYPES, "Destination type."),
            "id": _text("Source id of the object, or the number for type external; absent for terminal types."),
            "menu": _ref("local_id"),
        },
    },
    "member": {
        "type": "object", "x-destination": "member", "additionalProperties": False, "required": ["type", "id"],
        "description": "A hunt group member: a user or an external number.",
        "properties": {
            "type": _enum(MEMBER_TYPES, "Member type."),
            "id": _text("Source id of the user, or the number for type external."),
        },
    },
    "caller_id": {
        "type": "object", "additionalProperties": False,
        "description": "Outbound caller ID as collected.",
        "properties": {"name": _text("Caller ID name."), "number": _ref("e164")},
    },
    "address": {
        "type": "object", "additionalProperties": False,
        "description": "A postal address (E911 addresses are confirmed with the partner).",
        "properties": {
            "street": _text("Street and number."),
            "street2": _text("Suite, floor."),
            "city": _text("City."),
            "region": _text("State or province."),
            "postal_code": _text("Postal code."),
            "country": {"type": "string", "pattern": "^[A-Z]{2}$", "x-problem": "is not an ISO 3166-1 alpha-2 country code",
                        "description": "ISO 3166-1 alpha-2 country code."},
        },
    },
    "greeting": {
        "type": "object", "additionalProperties": False, "required": ["kind", "audio_asset_id"],
        "description": "A voicemail greeting.",
        "properties": {
            "kind": _enum(GREETING_KINDS, "Which greeting."),
            "audio_asset_id": _id_of("audio_assets", "The recording."),
            "active": _bool("The greeting callers hear."),
        },
    },
    "voicemail_notification": {
        "type": "object", "additionalProperties": False,
        "description": "E-mail notification of new messages.",
        "properties": {
            "emails": _list(_ref("email"), "Recipients."),
            "attach_audio": _bool("Attach the message audio."),
            "delete_after_email": _bool("Delete the message once e-mailed."),
            "transcription": _bool("Include a transcription."),
        },
    },
    "source": _object("Where and when the inventory was collected.", ["platform", "collected_at"], {
        "platform": _enum(SOURCE_PLATFORMS, "Source platform."),
        "version": _text("Platform version as reported."),
        "instance": _text("Host name or URL of the source (no credentials)."),
        "customer": _text("Customer (end company) name."),
        "collected_at": _ref("date_time"),
        "collector": _text("Adapter that produced the inventory and its version."),
        "default_region": {"type": "string", "pattern": "^[A-Z]{2}$", "x-problem": "is not an ISO 3166-1 alpha-2 region",
                           "description": "Region for numbers collected without a country code."},
        "time_zone": _ref("time_zone"),
    }, common=False),
    "site": _object("A location of the customer; users and devices belong to one.", ["name"], {
        "name": _text("Site name."),
        "time_zone": _ref("time_zone"),
        "address": _ref("address"),
        "caller_id": _ref("caller_id"),
        "emergency_caller_id": _ref("e164"),
    }),
    "user": _object("A person (or shared phone) with an extension.", ["extension", "first_name", "last_name"], {
        "extension": _UNIQUE_EXTENSION,
        "first_name": _text("First name."),
        "last_name": _text("Last name."),
        "display_name": _text("Name shown on calls and in the directory."),
        "email": _ref("email"),
        "department": _text("Department."),
        "site_id": _id_of("sites", "Site of the user."),
        "time_zone": _ref("time_zone"),
        "language": _text("Language tag, e.g. en-US."),
        "enabled": _bool("Account active on the source."),
        "mobile_number": _ref("e164"),
        "caller_id": _ref("caller_id"),
        "emergency_caller_id": _ref("e164"),
        "ring_seconds": _int("Ring time before no-answer handling.", 1, 600),
        "directory": {
            "type": "object", "additionalProperties": False, "description": "Directory listing.",
            "properties": {
                "listed": _bool("Shown in the company directory."),
                "dial_by_name": _bool("Reachable through dial-by-name."),
            },
        },
    }),
    "voicemail_box": _object("The voicemail box of a user.", ["user_id", "enabled"], {
        "user_id": _unique(_id_of("users", "Owner."), "voicemail_owner"),
        "mailbox": _EXTENSION,
        "enabled": _bool("Voicemail enabled."),
        "pin": _ref("secret"),
        "greetings": _list(_ref("greeting"), "Greetings."),
        "notification": _ref("voicemail_notification"),
    }),
    "virtual_mailbox": _object("A voicemail-only box (no person, no phone), e.g. a general mailbox.", ["extension", "name"], {
        "extension": _UNIQUE_EXTENSION,
        "name": _text("Mailbox name."),
        "site_id": _id_of("sites", "Site."),
        "pin": _ref("secret"),
        "greetings": _list(_ref("greeting"), "Greetings."),
        "notification": _ref("voicemail_notification"),
    }),
    "device_line": {
        "type": "object", "additionalProperties": False, "required": ["line", "user_id"],
        "description": "A line key of a device registered as a user.",
        "properties": {
            "line": _int("Line number on the device, from 1.", 1, 64),
            "user_id": _id_of("users", "User whose extension the line carries."),
            "shared": _bool("Shared line appearance."),
        },
    },
    "device": _object("A phone or other SIP endpoint.", ["type"], {
        "type": _enum(DEVICE_TYPES, "Kind of device."),
        "mac": _unique(_ref("mac"), "mac"),
        "brand": _text("Manufacturer, e.g. Yealink."),
        "model": _text("Model as reported, e.g. T54W."),
        "serial": _text("Serial number."),
        "name": _text("Label or description."),
        "site_id": _id_of("sites", "Site."),
        "location": _text("Where it is (desk, room)."),
        "lines": _list(_ref("device_line"), "Lines."),
        "sip_password": _ref("secret"),
        "firmware": _text("Firmware version."),
    }),
    "porting": {
        "type": "object", "additionalProperties": False,
        "description": "What the port of the number needs.",
        "properties": {
            "carrier": _text("Losing carrier."),
            "account_number": _text("Account number at the losing carrier."),
            "pin": _ref("secret"),
            "billing_number": _ref("e164"),
        },
    },
    "did": _object("A phone number of the customer and where it rings.", ["number"], {
        "number": _unique(_ref("e164"), "did_number"),
        "label": _text("Label as collected."),
        "usage": _enum(DID_USAGES, "What the number is for."),
        "site_id": _id_of("sites", "Site (E911, caller ID)."),
        "destination": _ref("destination"),
        "routing_as_collected": _text("The source's own routing text, e.g. 'ext-group,600,1'."),
        "caller_name_prefix": _text("Prefix added to the caller's name."),
        "porting": _ref("porting"),
    }),
    "hunt_group": _object("A ring group.", ["extension", "name", "strategy"], {
        "extension": _UNIQUE_EXTENSION,
        "name": _text("Name."),
        "strategy": _enum(HUNT_GROUP_STRATEGIES, "How members ring."),
        "members": _list(_ref("member"), "Members in ring order."),
        "ring_seconds": _int("Ring time for the group (per member for linear strategies).", 1, 3600),
        "no_answer_destination": _ref("destination"),
        "caller_name_prefix": _text("Prefix added to the caller's name."),
        "greeting_asset_id": _id_of("audio_assets", "Announcement before ringing."),
        "site_id": _id_of("sites", "Site."),
    }),
    "queue_agent": {
        "type": "object", "additionalProperties": False, "required": ["user_id"],
        "description": "An agent of a call queue.",
        "properties": {
            "user_id": _id_of("users", "Agent."),
            "order": _int("Position for linear strategies, from 1.", 1),
            "tier": _int("Priority/penalty tier, 0 = first.", 0, 100),
            "wrap_up_seconds": _int("Wrap-up time for this agent.", 0, 3600),
            "logged_in": _bool("Agent logged in on the source."),
        },
    },
    "queue": _object("A call queue (ACD).", ["extension", "name", "strategy"], {
        "extension": _UNIQUE_EXTENSION,
        "name": _text("Name."),
        "strategy": _enum(QUEUE_STRATEGIES, "How calls are dispatched to agents."),
        "agents": _list(_ref("queue_agent"), "Agents."),
        "agent_ring_seconds": _int("Ring time per agent attempt.", 1, 600),
        "max_wait_seconds": _int("Longest wait in queue before the timeout destination.", 1, 86400),
        "wrap_up_seconds": _int("Default wrap-up time.", 0, 3600),
        "max_callers": _int("Callers waiting before new calls overflow; 0 = unlimited.", 0),
        "join_when_no_agents": _bool("Accept callers while no agent is logged in."),
        "announce_position": _bool("Tell callers their position."),
        "timeout_destination": _ref("destination"),
        "overflow_destination": _ref("destination"),
        "intro_asset_id": _id_of("audio_assets", "Greeting played on entry."),
        "hold_music_asset_id": _id_of("audio_assets", "Music while waiting."),
        "caller_name_prefix": _text("Prefix added to the caller's name."),
        "site_id": _id_of("sites", "Site."),
    }),
    "menu_option": {
        "type": "object", "additionalProperties": False, "required": ["key", "destination"],
        "description": "A key of an auto attendant menu.",
        "properties": {
            "key": _enum(MENU_KEYS, "Key pressed."),
            "destination": _ref("destination"),
            "description": _text("Label as collected."),
        },
    },
    "menu": {
        "type": "object", "additionalProperties": False, "required": ["id"],
        "description": "One menu (tier) of an auto attendant.",
        "properties": {
            "id": _ref("local_id"),
            "name": _text("Name."),
            "greeting_asset_id": _id_of("audio_assets", "Recorded prompt."),
            "prompt_text": _text("Script of the prompt (for text-to-speech or re-recording)."),
            "options": _list(_ref("menu_option"), "Keys."),
            "dial_by_extension": _bool("Callers may dial an extension directly."),
            "timeout_seconds": _int("Wait for a key after the prompt.", 1, 600),
            "timeout_destination": _ref("destination"),
            "invalid_destination": _ref("destination"),
            "invalid_retries": _int("Replays before the invalid-key destination.", 0, 20),
        },
    },
    "attendant_variant": {
        "type": "object", "additionalProperties": False, "required": ["menu"],
        "description": "Which menu answers during a time frame; the variant without time frame is the default.",
        "properties": {
            "time_frame_id": _id_of("time_frames", "Time frame; absent = default (all other times)."),
            "menu": _ref("local_id"),
        },
    },
    "auto_attendant": _object("An auto attendant (IVR) with its menus.", ["extension", "name", "menus", "variants"], {
        "extension": _UNIQUE_EXTENSION,
        "name": _text("Name."),
        "site_id": _id_of("sites", "Site."),
        "menus": _list(_ref("menu"), "Menus; options reach sub-menus with type auto_attendant_menu.", 1),
        "variants": _list(_ref("attendant_variant"), "Menu per time frame.", 1),
    }),
    "weekly_range": {
        "type": "object", "additionalProperties": False, "required": ["day", "start", "end"],
        "description": "A time range on a weekday.",
        "properties": {"day": _enum(WEEKDAYS, "Weekday."), "start": _ref("time_of_day"), "end": _ref("time_of_day")},
    },
    "date_range": {
        "type": "object", "additionalProperties": False, "required": ["start_date"],
        "description": "A date or date range; times default to the whole day.",
        "properties": {
            "name": _text("Label, e.g. Inventory day."),
            "start_date": _ref("date"),
            "end_date": _ref("date"),
            "start_time": _ref("time_of_day"),
            "end_time": _ref("time_of_day"),
            "recurrence": _enum(DATE_RECURRENCES, "Repeats every year on the same dates."),
        },
    },
    "holiday": {
        "type": "object", "additionalProperties": False, "required": ["name", "date"],
        "description": "A public holiday (the date of the year collected).",
        "properties": {
            "name": _text("Holiday name."),
            "date": _ref("date"),
            "country": {"type": "string", "pattern": "^[A-Z]{2}$", "x-problem": "is not an ISO 3166-1 alpha-2 country code",
                        "description": "Country whose holiday calendar it follows."},
            "region": _text("State or province (ISO 3166-2 suffix)."),
            "recurring": _bool("Observed every year."),
        },
    },
    "time_frame": _object("Named times: business hours, holidays, specific dates.", ["name", "kind"], {
        "name": _text("Name."),
        "kind": _enum(TIME_FRAME_KINDS, "Which entries the frame uses."),
        "time_zone": _ref("time_zone"),
        "weekly": _list(_ref("weekly_range"), "Weekly ranges."),
        "dates": _list(_ref("date_range"), "Specific dates."),
        "holidays": _list(_ref("holiday"), "Holidays."),
        "owner_user_id": _id_of("users", "Owner for a personal time frame; absent = domain-wide."),
    }),
    "time_route": {
        "type": "object", "additionalProperties": False, "required": ["time_frame_id", "destination"],
        "description": "During this time frame, send calls here.",
        "properties": {"time_frame_id": _id_of("time_frames", "Time frame."), "destination": _ref("destination")},
    },
    "time_router": _object("Time-based routing (time condition): first matching time frame wins.", ["name", "routes", "default_destination"], {
        "name": _text("Name."),
        "extension": _UNIQUE_EXTENSION,
        "routes": _list(_ref("time_route"), "Routes in priority order.", 1),
        "default_destination": _ref("destination"),
        "site_id": _id_of("sites", "Site."),
    }),
    "answer_rule": _object("An answering or forwarding rule of a user.", ["user_id", "kind", "enabled"], {
        "user_id": _id_of("users", "User the rule belongs to."),
        "kind": _enum(ANSWER_RULE_KINDS, "What the rule does."),
        "enabled": _bool("Rule active on the source."),
        "time_frame_id": _id_of("time_frames", "Time frame; absent = always."),
        "destinations": _list(_ref("destination"), "Where calls go, in order."),
        "ring_seconds": _int("Ring time (no-answer delay, follow-me step).", 1, 600),
        "include_own_devices": _bool("Ring the user's own devices too (simultaneous/sequential ring)."),
        "priority": _int("Lower wins when rules of a user overlap.", 0),
    }),
    "fax": _object("A fax service: fax-to-email, an ATA with a fax machine, a fax server.", ["kind"], {
        "kind": _enum(FAX_KINDS, "Kind."),
        "name": _text("Name."),
        "extension": _UNIQUE_EXTENSION,
        "user_id": _id_of("users", "Owner."),
        "device_id": _id_of("devices", "ATA the fax machine is on."),
        "emails": _list(_ref("email"), "Recipients of received faxes."),
        "attachment_format": _enum(FAX_ATTACHMENT_FORMATS, "Format of e-mailed faxes."),
    }),
    "sms_number": _object("A number that sends and receives SMS (moves only after the port).", ["number", "destination"], {
        "number": _unique(_ref("e164"), "sms_number"),
        "destination": {
            "type": "object", "x-destination": "sms", "additionalProperties": False, "required": ["type", "id"],
            "description": "User or queue that receives the messages.",
            "properties": {"type": _enum(SMS_DESTINATION_TYPES, "Receiver type."), "id": _text("Source id.")},
        },
        "carrier": _text("Messaging carrier."),
        "campaign_id": _text("10DLC campaign id, if registered."),
    }),
    "directory_entry": _object("A shared (company) contact.", ["name"], {
        "name": _text("Display name."),
        "first_name": _text("First name."),
        "last_name": _text("Last name."),
        "company": _text("Company."),
        "email": _ref("email"),
        "numbers": _list({
            "type": "object", "additionalProperties": False, "required": ["number"],
            "properties": {"label": _text("e.g. work, mobile."), "number": _ref("e164")},
        }, "Phone numbers."),
    }),
    "audio_asset": _object("An audio file collected or provided (greeting, prompt, music).", ["file", "sha256", "format"], {
        "name": _text("Name as collected."),
        "file": {"type": "string", "pattern": "^(?!/)(?!.*\\.\\.)[^\\\\]+$",
                 "x-problem": "is not a relative path inside the artifact directory",
                 "description": "Path relative to the host's artifact directory, e.g. audio/aa-main.wav."},
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$", "x-problem": "is not a SHA-256 digest (64 lower-case hex digits)",
                   "description": "SHA-256 of the file."},
        "format": _enum(AUDIO_FORMATS, "Encoding."),
        "duration_seconds": {"type": "number", "minimum": 0, "description": "Length."},
        "purpose": _enum(AUDIO_PURPOSES, "What it is used for."),
        "transcript": _text("Words spoken (for text-to-speech fallback)."),
    }),
    "not_collected": _object("Something the source has but could not be read; the partner must provide it.", ["kind", "reason", "partner_action"], {
        "kind": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$", "x-problem": "is not a kind (snake_case, e.g. voicemail_pin)",
                 "description": "What is missing, e.g. voicemail_pin, greeting, device_mac."},
        "reason": _text("Why it could not be collected."),
        "partner_action": _text("What the partner must provide or do."),
        "related": _list({
            "type": "object", "x-destination": "related", "additionalProperties": False, "required": ["type", "id"],
            "properties": {
                "type": _enum([t for t in OBJECT_TYPES if t != "not_collected"], "Object type."),
                "id": _text("Source id."),
            },
        }, "Inventory objects affected."),
    }),
}

# Schema definition of one item of each collection (collection name -> $defs key).
COLLECTION_ITEM_DEFS = {
    "sites": "site",
    "audio_assets": "audio_asset",
    "time_frames": "time_frame",
    "users": "user",
    "voicemail_boxes": "voicemail_box",
    "virtual_mailboxes": "virtual_mailbox",
    "devices": "device",
    "hunt_groups": "hunt_group",
    "queues": "queue",
    "auto_attendants": "auto_attendant",
    "time_routers": "time_router",
    "answer_rules": "answer_rule",
    "fax": "fax",
    "dids": "did",
    "sms_numbers": "sms_number",
    "directory_entries": "directory_entry",
    "not_collected": "not_collected",
}

INVENTORY_SCHEMA = {
    "$schema": DRAFT,
    "$id": SCHEMA_ID,
    "title": "ucaas.migration canonical inventory",
    "description": "Everything collected from one source system for one migration (%s)." % SCHEMA_VERSION,
    "type": "object",
    "additionalProperties": False,
    "required": ["schema_version", "source"],
    "properties": dict(
        [
            ("schema_version", {"const": SCHEMA_VERSION, "description": "Schema version of this document."}),
            ("source", _ref("source")),
        ]
        + [(name, _list(_ref(COLLECTION_ITEM_DEFS[name]), DEFS[COLLECTION_ITEM_DEFS[name]]["description"])) for name in COLLECTION_NAMES]
    ),
    "$defs": DEFS,
}


def get_schema():
    """Return the inventory schema (a shared structure: do not modify it)."""
    return INVENTORY_SCHEMA
