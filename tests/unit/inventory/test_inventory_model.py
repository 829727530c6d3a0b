# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

from dataclasses import fields

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.inventory import model
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.constants import (
    COLLECTION_NAMES,
    DESTINATION_COLLECTIONS,
    DESTINATION_TYPES,
    SCHEMA_VERSION,
)
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.schema import COLLECTION_ITEM_DEFS, DEFS, INVENTORY_SCHEMA

# schema $defs -> model class, for every object shape
SHAPES = {
    "source": model.Source, "site": model.Site, "user": model.User, "voicemail_box": model.VoicemailBox,
    "virtual_mailbox": model.VirtualMailbox, "device_line": model.DeviceLine, "device": model.Device, "porting": model.Porting,
    "did": model.Did, "hunt_group": model.HuntGroup, "queue_agent": model.QueueAgent, "queue": model.Queue,
    "menu_option": model.MenuOption, "menu": model.Menu, "attendant_variant": model.AttendantVariant,
    "auto_attendant": model.AutoAttendant, "weekly_range": model.WeeklyRange, "date_range": model.DateRange,
    "holiday": model.Holiday, "time_frame": model.TimeFrame, "time_route": model.TimeRoute, "time_router": model.TimeRouter,
    "answer_rule": model.AnswerRule, "fax": model.Fax, "sms_number": model.SmsNumber, "directory_entry": model.DirectoryEntry,
    "audio_asset": model.AudioAsset, "not_collected": model.NotCollected, "secret": model.Secret, "destination": model.Destination,
    "member": model.Destination, "address": model.Address, "caller_id": model.CallerId, "greeting": model.Greeting,
    "voicemail_notification": model.VoicemailNotification,
}


@pytest.mark.parametrize("def_name", sorted(SHAPES))
def test_model_fields_follow_the_schema_in_order(def_name):
    schema_fields = list(DEFS[def_name]["properties"])
    model_fields = [item.name for item in fields(SHAPES[def_name])]
    if def_name == "member":
        assert set(schema_fields) <= set(model_fields)
    else:
        assert model_fields == schema_fields


def test_every_object_shape_has_a_model():
    objects = set(name for name, node in DEFS.items() if node.get("type") == "object" and "properties" in node)
    assert objects <= set(SHAPES)
    # inline shapes
    assert [item.name for item in fields(model.DirectoryListing)] == list(DEFS["user"]["properties"]["directory"]["properties"])
    assert [item.name for item in fields(model.DirectoryNumber)] == list(DEFS["directory_entry"]["properties"]["numbers"]["items"]["properties"])
    assert list(INVENTORY_SCHEMA["properties"]) == ["schema_version", "source"] + list(COLLECTION_NAMES)
    assert [item.name for item in fields(model.Inventory)] == list(INVENTORY_SCHEMA["properties"])
    assert set(model.COLLECTION_RECORDS) == set(COLLECTION_ITEM_DEFS)
    for name, record in model.COLLECTION_RECORDS.items():
        assert SHAPES[COLLECTION_ITEM_DEFS[name]] is record


def test_round_trip_is_exact(example):
    inventory = model.Inventory.from_dict(example)
    assert inventory.to_dict() == example
    assert model.Inventory.from_dict(inventory.to_dict()) == inventory


def test_typed_access(example):
    inventory = model.Inventory.from_dict(example)
    assert inventory.schema_version == SCHEMA_VERSION
    user = inventory.get("users", "u-204")
    assert isinstance(user, model.User) and user.caller_id.number == "+12155550104"
    assert inventory.user_by_extension("204") is user
    assert inventory.get("users", "u-404") is None
    attendant = inventory.get("auto_attendants", "aa-700")
    assert attendant.default_menu.id == "after_hours"
    option = attendant.menu("main").options[2]
    assert inventory.resolve(option.destination) is attendant.menu("providers")
    assert inventory.resolve(inventory.get("dids", "did-2155550108").destination) is inventory.get("queues", "q-610")
    external = attendant.menu("after_hours").options[0].destination
    assert external.is_external and inventory.resolve(external) is None
    assert inventory.get("voicemail_boxes", "vm-211").pin == model.Secret(is_set=False)
    assert inventory.counts()["users"] == 12
    with pytest.raises(KeyError):
        inventory.get("phones", "x")


def test_unknown_field_is_refused_not_dropped():
    with pytest.raises(model.InventoryModelError) as caught:
        model.User.from_dict({"source_id": "u-1", "extension": "201", "nickname": "Al"})
    assert "unknown field(s) nickname" in str(caught.value)
    with pytest.raises(model.InventoryModelError):
        model.Inventory.from_dict({"schema_version": SCHEMA_VERSION, "users": ["u-1"]})


def test_to_dict_sorts_collections_naturally_and_omits_unset():
    inventory = model.Inventory(source=model.Source(platform="spreadsheet", collected_at="2026-11-20T15:04:05Z"))
    inventory.users = [model.User(source_id="u-10", extension="210", first_name="J", last_name="C"),
                       model.User(source_id="u-2", extension="202", first_name="B", last_name="O")]
    data = inventory.to_dict()
    assert [user["source_id"] for user in data["users"]] == ["u-2", "u-10"]
    assert data["users"][0] == {"source_id": "u-2", "extension": "202", "first_name": "B", "last_name": "O"}
    assert data["dids"] == []
    assert model.dumps(inventory) == model.dumps(data)
    assert model.dumps(inventory).endswith("}\n")


def test_destination_helpers():
    assert model.Destination(type="hangup").is_terminal
    assert model.Destination(type="auto_attendant_menu", id="aa-1", menu="m").collection == "auto_attendants"
    for dest_type, collection in DESTINATION_COLLECTIONS.items():
        assert model.Destination(type=dest_type, id="x").collection == collection
    assert set(DESTINATION_COLLECTIONS) < set(DESTINATION_TYPES)
