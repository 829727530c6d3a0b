# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The FreePBX collector against a real MariaDB loaded with the fictional Harborview Logistics PBX."""
from __future__ import annotations

import json

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.validate import validate_inventory
from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import SourceError
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.collect import collect


@pytest.fixture(scope="module")
def collected(freepbx_options):
    return collect(freepbx_options())


def _by_id(inventory, collection):
    return dict((item["source_id"], item) for item in inventory.get(collection, []))


def test_inventory_validates_clean_with_its_secrets(collected):
    result = validate_inventory(collected["inventory"], default_region="US", secrets=collected["secrets"])
    assert result.ok, "\n".join(result.lines)


def test_counts_match_the_fixture(collected):
    inventory = collected["inventory"]
    names = ("users", "voicemail_boxes", "virtual_mailboxes", "devices", "hunt_groups", "queues", "auto_attendants", "time_frames",
             "time_routers", "fax", "dids")
    counts = dict((name, len(inventory.get(name, []))) for name in names)
    assert counts == dict(users=27, voicemail_boxes=26, virtual_mailboxes=3, devices=26, hunt_groups=4, queues=2, auto_attendants=2,
                          time_frames=2, time_routers=2, fax=1, dids=33)
    assert inventory["source"]["version"] == "17.0.19.23"
    assert inventory["source"]["platform"] == "freepbx"


def test_phones_from_endpoint_manager(collected):
    devices = _by_id(collected["inventory"], "devices")
    with_mac = [d for d in devices.values() if d.get("mac")]
    assert len(with_mac) == 20
    assert sorted(set((d["brand"], d["model"]) for d in with_mac)) == [("Grandstream", "HT802"), ("Polycom", "VVX 450"), ("Yealink", "T54W")]
    assert devices["dev-201"]["lines"] == [{"line": 1, "user_id": "u-201"}, {"line": 2, "user_id": "u-202"}]
    assert devices["dev-220"]["type"] == "ata"
    assert devices["dev-201"]["sip_password"] == {"secret_ref": "sip_password/201", "is_set": True}
    assert collected["secrets"]["sip_password/201"] == "Hv-sip-201-Qx7102"
    assert devices["dev-226"]["type"] == "other"
    assert "devices:226" in _by_id(collected["inventory"], "not_collected")


def test_secrets_only_in_the_secrets_return(collected):
    text = json.dumps(collected["inventory"])
    assert collected["secrets"]["vm_pin/201"] == "72019"
    for value in collected["secrets"].values():
        assert value not in text
    assert "Hv-sip-" not in text and "Harb0r-DB-pass" not in text and "invented.hash" not in text


def test_routing_maps_to_typed_destinations(collected):
    inventory = collected["inventory"]
    dids = _by_id(inventory, "dids")
    assert dids["did-12155550100"]["destination"] == {"type": "time_router", "id": "tc-1"}
    assert dids["did-12155550101"]["destination"] == {"type": "user", "id": "u-201"}
    assert dids["did-12155550127"]["destination"] == {"type": "queue", "id": "q-700"}
    assert dids["did-12155550129"]["destination"] == {"type": "fax", "id": "fax-220"}
    assert dids["did-12155550130"]["destination"] == {"type": "virtual_mailbox", "id": "vmb-801"}
    assert dids["did-12155550131"]["destination"]["type"] == "not_collected"
    attendants = _by_id(inventory, "auto_attendants")
    main = attendants["aa-1"]
    menus = dict((m["id"], m) for m in main["menus"])
    assert sorted(menus) == ["ivr-2", "main"]
    options = dict((o["key"], o["destination"]) for o in menus["main"]["options"])
    assert options["3"] == {"type": "auto_attendant_menu", "id": "aa-1", "menu": "ivr-2"}
    assert options["9"] == {"type": "directory"}
    assert menus["main"]["invalid_destination"] == {"type": "repeat_menu"}
    sub = dict((o["key"], o["destination"]) for o in menus["ivr-2"]["options"])
    assert sub["*"] == {"type": "parent_menu"} and sub["#"] == {"type": "repeat_menu"}
    assert sub["2"] == {"type": "virtual_mailbox", "id": "vmb-801"}
    assert attendants["aa-3"]["menus"][0]["invalid_destination"] == {"type": "hangup"}
    routers = _by_id(inventory, "time_routers")
    assert routers["tc-1"]["default_destination"] == {"type": "time_router", "id": "tc-2"}
    assert routers["tc-2"]["routes"] == [{"time_frame_id": "tf-1", "destination": {"type": "auto_attendant", "id": "aa-1"}}]
    groups = _by_id(inventory, "hunt_groups")
    assert groups["hg-601"]["strategy"] == "linear"
    assert groups["hg-601"]["members"][-1] == {"type": "external", "id": "+12675550188"}
    assert groups["hg-602"]["strategy"] == "linear_cascade"
    assert groups["hg-600"]["no_answer_destination"] == {"type": "virtual_mailbox", "id": "vmb-801"}
    queues = _by_id(inventory, "queues")
    assert queues["q-700"]["strategy"] == "round_robin" and queues["q-701"]["strategy"] == "longest_idle"
    assert [a["user_id"] for a in queues["q-701"]["agents"]] == ["u-217", "u-218", "u-219", "u-220"]
    assert queues["q-700"]["intro_asset_id"] == "rec-5"


def test_time_frames_hours_and_holidays(collected):
    frames = _by_id(collected["inventory"], "time_frames")
    hours = frames["tf-1"]
    assert hours["kind"] == "days_of_week"
    assert hours["weekly"][0] == {"day": "mon", "start": "08:00", "end": "17:00"}
    assert {"day": "sat", "start": "09:00", "end": "12:00"} in hours["weekly"]
    holidays = frames["tf-2"]
    assert holidays["kind"] == "specific_dates"
    assert {"name": "Holidays", "start_date": "2026-12-24", "end_date": "2026-12-26", "recurrence": "yearly"} in holidays["dates"]
    assert "timegroup:2:*|mon|1-7|sep" in _by_id(collected["inventory"], "not_collected")


def test_answer_rules_from_followme_and_astdb(collected):
    rules = _by_id(collected["inventory"], "answer_rules")
    assert rules["ar-204-followme"]["enabled"] is True
    assert rules["ar-204-followme"]["destinations"] == [{"type": "external", "id": "+12675550144"}]
    assert rules["ar-209-followme"]["enabled"] is False
    assert rules["ar-205-cf"]["kind"] == "forward_always"
    assert rules["ar-206-cfb"]["destinations"] == [{"type": "virtual_mailbox", "id": "vmb-801"}]
    assert rules["ar-208-dnd"]["kind"] == "do_not_disturb"
    assert rules["ar-212-cfu"]["destinations"][0]["type"] == "not_collected"
    assert rules["ar-214-noanswer"]["destinations"] == [{"type": "hunt_group", "id": "hg-602"}]


def test_audio_files_listed_with_sha256(collected, pbx_tree):
    files = collected["audio_files"]
    assert len(files) == 12
    assert {"audio/vm-default-201-unavail.wav", "audio/rec-1-main-menu.wav"} <= set(f["file"] for f in files)
    for entry in files:
        assert entry["remote_path"].startswith(str(pbx_tree))
        assert len(entry["sha256"]) == 64
    boxes = _by_id(collected["inventory"], "voicemail_boxes")
    greetings = dict((g["kind"], g) for g in boxes["vm-203"]["greetings"])
    assert greetings["temporary"].get("active") is True and "active" not in greetings["unavailable"]
    not_collected = _by_id(collected["inventory"], "not_collected")
    assert "recording:6" in not_collected and "recording:7" in not_collected


def test_second_run_is_identical_but_for_the_stamp(collected, freepbx_options):
    again = collect(freepbx_options())
    first, second = dict(collected["inventory"]), dict(again["inventory"])
    first["source"] = dict(first["source"], collected_at=None)
    second["source"] = dict(second["source"], collected_at=None)
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert again["secrets"] == collected["secrets"] and again["audio_files"] == collected["audio_files"]


def test_wrong_password_gives_one_clear_error(freepbx_options, mariadb):
    with pytest.raises(SourceError) as caught:
        collect(freepbx_options(db_password="not-the-password"))
    message = str(caught.value)
    assert "refused the log-in" in message and "as user 'freepbxuser'" in message and mariadb["socket"] in message
    assert "not-the-password" not in message and "Harb0r" not in message


def test_unreadable_table_is_not_collected(freepbx_options, limited_db_user):
    result = collect(freepbx_options(**limited_db_user))
    not_collected = _by_id(result["inventory"], "not_collected")
    assert not_collected["table:findmefollow"]["kind"] == "freepbx_module"
    assert not any(r["source_id"].endswith("-followme") for r in result["inventory"].get("answer_rules", []))
    assert validate_inventory(result["inventory"], default_region="US", secrets=result["secrets"]).ok
