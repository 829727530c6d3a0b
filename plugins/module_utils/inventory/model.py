# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Typed model of the canonical inventory (``inventory/v1``).

Dataclasses mirror the JSON Schema one to one (a unit test keeps them in step).
``from_dict`` refuses unknown keys rather than dropping them; ``to_dict`` leaves out
unset values and sorts every collection by source id, so the same inventory always
serializes to the same bytes.  Validate with ``validate.validate_inventory`` first:
the model trusts types.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import (
    COLLECTION_NAMES,
    DESTINATION_COLLECTIONS,
    EXTERNAL_DESTINATION,
    MENU_DESTINATION,
    SCHEMA_VERSION,
    TERMINAL_DESTINATIONS,
)


class InventoryModelError(ValueError):
    """Data that does not fit the model (unknown key, wrong shape)."""


def _natural_key(text):
    """'u-2' sorts before 'u-10'."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"([0-9]+)", text or "")]


class Record:
    """Base of every inventory object: dict conversion driven by dataclass fields."""

    # field name -> Record subclass for nested objects (a list field holds a list of them)
    NESTED = {}

    @classmethod
    def from_dict(cls, data):
        if not isinstance(data, dict):
            raise InventoryModelError("%s: expected an object, got %s" % (cls.__name__, type(data).__name__))
        names = [item.name for item in fields(cls)]
        unknown = sorted(set(data) - set(names))
        if unknown:
            raise InventoryModelError("%s: unknown field(s) %s" % (cls.__name__, ", ".join(unknown)))
        values = {}
        for name in names:
            if name not in data:
                continue
            value = data[name]
            nested = cls.NESTED.get(name)
            if nested is not None and value is not None:
                value = [nested.from_dict(item) for item in value] if isinstance(value, list) else nested.from_dict(value)
            elif isinstance(value, (dict, list)):
                value = json.loads(json.dumps(value))  # own copy of free-form data
            values[name] = value
        return cls(**values)

    def to_dict(self):
        result = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None or (isinstance(value, list) and not value and not item.metadata.get("always")):
                continue
            if isinstance(value, Record):
                value = value.to_dict()
            elif isinstance(value, list):
                value = [entry.to_dict() if isinstance(entry, Record) else entry for entry in value]
                if item.metadata.get("sort"):
                    value.sort(key=lambda entry: _natural_key(entry.get("source_id")))
            result[item.name] = value
        return result


# Field metadata: top-level collections are always written (even empty) and sorted by source id.
_COLLECTION = {"always": True, "sort": True}


@dataclass
class Secret(Record):
    """A secret held in ucaas_secrets; see secrets.py."""
    secret_ref: str = None
    is_set: bool = False


@dataclass
class Destination(Record):
    """A typed routing reference: {type, id} (+ menu for auto_attendant_menu)."""
    type: str = None
    id: str = None
    menu: str = None

    @property
    def is_terminal(self):
        return self.type in TERMINAL_DESTINATIONS

    @property
    def is_external(self):
        return self.type == EXTERNAL_DESTINATION

    @property
    def collection(self):
        """Collection holding the referenced object (None for external/terminal)."""
        if self.type == MENU_DESTINATION:
            return "auto_attendants"
        return DESTINATION_COLLECTIONS.get(self.type)


@dataclass
class Address(Record):
    street: str = None
    street2: str = None
    city: str = None
    region: str = None
    postal_code: str = None
    country: str = None


@dataclass
class CallerId(Record):
    name: str = None
    number: str = None


@dataclass
class Greeting(Record):
    kind: str = None
    audio_asset_id: str = None
    active: bool = None


@dataclass
class VoicemailNotification(Record):
    emails: list = field(default_factory=list)
    attach_audio: bool = None
    delete_after_email: bool = None
    transcription: bool = None


@dataclass
class DirectoryListing(Record):
    listed: bool = None
    dial_by_name: bool = None


@dataclass
class Source(Record):
    platform: str = None
    version: str = None
    instance: str = None
    customer: str = None
    collected_at: str = None
    collector: str = None
    default_region: str = None
    time_zone: str = None


@dataclass
class Site(Record):
    NESTED = {"address": Address, "caller_id": CallerId}
    source_id: str = None
    name: str = None
    time_zone: str = None
    address: Address = None
    caller_id: CallerId = None
    emergency_caller_id: str = None
    source_attributes: dict = None


@dataclass
class User(Record):
    NESTED = {"caller_id": CallerId, "directory": DirectoryListing}
    source_id: str = None
    extension: str = None
    first_name: str = None
    last_name: str = None
    display_name: str = None
    email: str = None
    department: str = None
    site_id: str = None
    time_zone: str = None
    language: str = None
    enabled: bool = None
    mobile_number: str = None
    caller_id: CallerId = None
    emergency_caller_id: str = None
    ring_seconds: int = None
    directory: DirectoryListing = None
    source_attributes: dict = None


@dataclass
class VoicemailBox(Record):
    NESTED = {"pin": Secret, "greetings": Greeting, "notification": VoicemailNotification}
    source_id: str = None
    user_id: str = None
    mailbox: str = None
    enabled: bool = None
    pin: Secret = None
    greetings: list = field(default_factory=list)
    notification: VoicemailNotification = None
    source_attributes: dict = None


@dataclass
class VirtualMailbox(Record):
    NESTED = {"pin": Secret, "greetings": Greeting, "notification": VoicemailNotification}
    source_id: str = None
    extension: str = None
    name: str = None
    site_id: str = None
    pin: Secret = None
    greetings: list = field(default_factory=list)
    notification: VoicemailNotification = None
    source_attributes: dict = None


@dataclass
class DeviceLine(Record):
    line: int = None
    user_id: str = None
    shared: bool = None


@dataclass
class Device(Record):
    NESTED = {"lines": DeviceLine, "sip_password": Secret}
    source_id: str = None
    type: str = None
    mac: str = None
    brand: str = None
    model: str = None
    serial: str = None
    name: str = None
    site_id: str = None
    location: str = None
    lines: list = field(default_factory=list)
    sip_password: Secret = None
    firmware: str = None
    source_attributes: dict = None


@dataclass
class Porting(Record):
    NESTED = {"pin": Secret}
    carrier: str = None
    account_number: str = None
    pin: Secret = None
    billing_number: str = None


@dataclass
class Did(Record):
    NESTED = {"destination": Destination, "porting": Porting}
    source_id: str = None
    number: str = None
    label: str = None
    usage: str = None
    site_id: str = None
    destination: Destination = None
    routing_as_collected: str = None
    caller_name_prefix: str = None
    porting: Porting = None
    source_attributes: dict = None


@dataclass
class HuntGroup(Record):
    NESTED = {"members": Destination, "no_answer_destination": Destination}
    source_id: str = None
    extension: str = None
    name: str = None
    strategy: str = None
    members: list = field(default_factory=list)
    ring_seconds: int = None
    no_answer_destination: Destination = None
    caller_name_prefix: str = None
    greeting_asset_id: str = None
    site_id: str = None
    source_attributes: dict = None


@dataclass
class QueueAgent(Record):
    user_id: str = None
    order: int = None
    tier: int = None
    wrap_up_seconds: int = None
    logged_in: bool = None


@dataclass
class Queue(Record):
    NESTED = {"agents": QueueAgent, "timeout_destination": Destination, "overflow_destination": Destination}
    source_id: str = None
    extension: str = None
    name: str = None
    strategy: str = None
    agents: list = field(default_factory=list)
    agent_ring_seconds: int = None
    max_wait_seconds: int = None
    wrap_up_seconds: int = None
    max_callers: int = None
    join_when_no_agents: bool = None
    announce_position: bool = None
    timeout_destination: Destination = None
    overflow_destination: Destination = None
    intro_asset_id: str = None
    hold_music_asset_id: str = None
    caller_name_prefix: str = None
    site_id: str = None
    source_attributes: dict = None


@dataclass
class MenuOption(Record):
    NESTED = {"destination": Destination}
    key: str = None
    destination: Destination = None
    description: str = None


@dataclass
class Menu(Record):
    NESTED = {"options": MenuOption, "timeout_destination": Destination, "invalid_destination": Destination}
    id: str = None
    name: str = None
    greeting_asset_id: str = None
    prompt_text: str = None
    options: list = field(default_factory=list)
    dial_by_extension: bool = None
    timeout_seconds: int = None
    timeout_destination: Destination = None
    invalid_destination: Destination = None
    invalid_retries: int = None


@dataclass
class AttendantVariant(Record):
    time_frame_id: str = None
    menu: str = None


@dataclass
class AutoAttendant(Record):
    NESTED = {"menus": Menu, "variants": AttendantVariant}
    source_id: str = None
    extension: str = None
    name: str = None
    site_id: str = None
    menus: list = field(default_factory=list)
    variants: list = field(default_factory=list)
    source_attributes: dict = None

    def menu(self, menu_id):
        for menu in self.menus:
            if menu.id == menu_id:
                return menu
        return None

    @property
    def default_menu(self):
        for variant in self.variants:
            if variant.time_frame_id is None:
                return self.menu(variant.menu)
        return None


@dataclass
class WeeklyRange(Record):
    day: str = None
    start: str = None
    end: str = None


@dataclass
class DateRange(Record):
    name: str = None
    start_date: str = None
    end_date: str = None
    start_time: str = None
    end_time: str = None
    recurrence: str = None


@dataclass
class Holiday(Record):
    name: str = None
    date: str = None
    country: str = None
    region: str = None
    recurring: bool = None


@dataclass
class TimeFrame(Record):
    NESTED = {"weekly": WeeklyRange, "dates": DateRange, "holidays": Holiday}
    source_id: str = None
    name: str = None
    kind: str = None
    time_zone: str = None
    weekly: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    holidays: list = field(default_factory=list)
    owner_user_id: str = None
    source_attributes: dict = None


@dataclass
class TimeRoute(Record):
    NESTED = {"destination": Destination}
    time_frame_id: str = None
    destination: Destination = None


@dataclass
class TimeRouter(Record):
    NESTED = {"routes": TimeRoute, "default_destination": Destination}
    source_id: str = None
    name: str = None
    extension: str = None
    routes: list = field(default_factory=list)
    default_destination: Destination = None
    site_id: str = None
    source_attributes: dict = None


@dataclass
class AnswerRule(Record):
    NESTED = {"destinations": Destination}
    source_id: str = None
    user_id: str = None
    kind: str = None
    enabled: bool = None
    time_frame_id: str = None
    destinations: list = field(default_factory=list)
    ring_seconds: int = None
    include_own_devices: bool = None
    priority: int = None
    source_attributes: dict = None


@dataclass
class Fax(Record):
    source_id: str = None
    kind: str = None
    name: str = None
    extension: str = None
    user_id: str = None
    device_id: str = None
    emails: list = field(default_factory=list)
    attachment_format: str = None
    source_attributes: dict = None


@dataclass
class SmsNumber(Record):
    NESTED = {"destination": Destination}
    source_id: str = None
    number: str = None
    destination: Destination = None
    carrier: str = None
    campaign_id: str = None
    source_attributes: dict = None


@dataclass
class DirectoryNumber(Record):
    label: str = None
    number: str = None


@dataclass
class DirectoryEntry(Record):
    NESTED = {"numbers": DirectoryNumber}
    source_id: str = None
    name: str = None
    first_name: str = None
    last_name: str = None
    company: str = None
    email: str = None
    numbers: list = field(default_factory=list)
    source_attributes: dict = None


@dataclass
class AudioAsset(Record):
    source_id: str = None
    name: str = None
    file: str = None
    sha256: str = None
    format: str = None
    duration_seconds: float = None
    purpose: str = None
    transcript: str = None
    source_attributes: dict = None


@dataclass
class NotCollected(Record):
    NESTED = {"related": Destination}
    source_id: str = None
    kind: str = None
    reason: str = None
    partner_action: str = None
    related: list = field(default_factory=list)
    source_attributes: dict = None


# collection name -> record class of its items
COLLECTION_RECORDS = {
    "sites": Site,
    "audio_assets": AudioAsset,
    "time_frames": TimeFrame,
    "users": User,
    "voicemail_boxes": VoicemailBox,
    "virtual_mailboxes": VirtualMailbox,
    "devices": Device,
    "hunt_groups": HuntGroup,
    "queues": Queue,
    "auto_attendants": AutoAttendant,
    "time_routers": TimeRouter,
    "answer_rules": AnswerRule,
    "fax": Fax,
    "dids": Did,
    "sms_numbers": SmsNumber,
    "directory_entries": DirectoryEntry,
    "not_collected": NotCollected,
}


@dataclass
class Inventory(Record):
    """The whole inventory of one migration host."""
    NESTED = dict([("source", Source)] + list(COLLECTION_RECORDS.items()))
    schema_version: str = SCHEMA_VERSION
    source: Source = None
    sites: list = field(default_factory=list, metadata=_COLLECTION)
    audio_assets: list = field(default_factory=list, metadata=_COLLECTION)
    time_frames: list = field(default_factory=list, metadata=_COLLECTION)
    users: list = field(default_factory=list, metadata=_COLLECTION)
    voicemail_boxes: list = field(default_factory=list, metadata=_COLLECTION)
    virtual_mailboxes: list = field(default_factory=list, metadata=_COLLECTION)
    devices: list = field(default_factory=list, metadata=_COLLECTION)
    hunt_groups: list = field(default_factory=list, metadata=_COLLECTION)
    queues: list = field(default_factory=list, metadata=_COLLECTION)
    auto_attendants: list = field(default_factory=list, metadata=_COLLECTION)
    time_routers: list = field(default_factory=list, metadata=_COLLECTION)
    answer_rules: list = field(default_factory=list, metadata=_COLLECTION)
    fax: list = field(default_factory=list, metadata=_COLLECTION)
    dids: list = field(default_factory=list, metadata=_COLLECTION)
    sms_numbers: list = field(default_factory=list, metadata=_COLLECTION)
    directory_entries: list = field(default_factory=list, metadata=_COLLECTION)
    not_collected: list = field(default_factory=list, metadata=_COLLECTION)

    def get(self, collection, source_id):
        """The object of ``collection`` with ``source_id``, or None."""
        if collection not in COLLECTION_NAMES:
            raise KeyError(collection)
        for item in getattr(self, collection):
            if item.source_id == source_id:
                return item
        return None

    def resolve(self, destination):
        """The object a destination points at (a Menu for auto_attendant_menu); None for external/terminal."""
        if destination.collection is None:
            return None
        target = self.get(destination.collection, destination.id)
        if target is not None and destination.type == "auto_attendant_menu":
            return target.menu(destination.menu)
        return target

    def user_by_extension(self, extension):
        for user in self.users:
            if user.extension == extension:
                return user
        return None

    def counts(self):
        """Number of objects per collection (for reports and summaries)."""
        return dict((name, len(getattr(self, name))) for name in COLLECTION_NAMES)


def dumps(inventory):
    """Serialize an Inventory (or its dict) the one way artifacts are written."""
    data = inventory.to_dict() if isinstance(inventory, Inventory) else Inventory.from_dict(inventory).to_dict()
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
