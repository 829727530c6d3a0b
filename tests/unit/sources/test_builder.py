# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

import hashlib
import json

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.validate import validate_inventory
from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import (
    DuplicateSourceId, InventoryBuilder, format_row_problem, secret_ref,
)


def _builder():
    return InventoryBuilder("freepbx", version="17.0", customer="Acme", default_region="US",
                            time_zone="America/New_York", collected_at="2026-11-25T18:00:00Z")


def test_build_is_valid_ordered_and_keeps_secrets_apart(tmp_path):
    builder = _builder()
    for ext in ("210", "201", "1000"):
        builder.add("users", {"source_id": "u-%s" % ext, "extension": ext, "first_name": "User", "last_name": ext})
    builder.add("voicemail_boxes", {"source_id": "vm-201", "user_id": "u-201", "enabled": True,
                                    "pin": builder.secret(secret_ref("vm_pin", "201"), "4821")})
    audio = tmp_path / "greeting.wav"
    audio.write_bytes(b"RIFF....WAVE")
    builder.audio_asset("a-1", "audio/greeting.wav", path=str(audio), name="Main greeting", purpose="menu_greeting")
    builder.not_collected("voicemail_messages", "nc-1", "stored voicemail is not exported", "export the messages")
    result = builder.build()

    inventory = result["inventory"]
    assert [u["source_id"] for u in inventory["users"]] == ["u-201", "u-210", "u-1000"]
    assert inventory["voicemail_boxes"][0]["pin"] == {"secret_ref": "vm_pin/201", "is_set": True}
    assert inventory["audio_assets"][0]["sha256"] == hashlib.sha256(b"RIFF....WAVE").hexdigest()
    assert inventory["audio_assets"][0]["format"] == "wav"
    assert result["secrets"] == {"vm_pin/201": "4821"}
    assert "4821" not in json.dumps(inventory)
    assert validate_inventory(inventory, secrets=result["secrets"]).problems == []


def test_empty_secret_is_recorded_as_not_set():
    builder = _builder()
    assert builder.secret("vm_pin/9", "") == {"is_set": False}
    assert not builder.secrets


def test_duplicate_source_id_is_refused():
    builder = _builder()
    builder.add("users", {"source_id": "u-1", "extension": "1"})
    with pytest.raises(DuplicateSourceId):
        builder.add("users", {"source_id": "u-1", "extension": "2"})


def test_row_problems_are_sorted_and_formatted():
    builder = _builder()
    builder.row_problem("devices.csv", 9, "mac", "'zz' is not a MAC address")
    builder.row_problem("devices.csv", 3, None, "no extension")
    problems = builder.build()["problems"]
    assert [format_row_problem(p) for p in problems] == [
        "devices.csv row 3: no extension",
        "devices.csv row 9, column mac: 'zz' is not a MAC address",
    ]


def test_secret_refs_are_safe():
    assert secret_ref("sip password", "dev 1/2") == "sip_password/dev_1/2"
