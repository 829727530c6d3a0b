# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The greetings manifest: copy into <dest>/audio/ only when the sha256 differs."""
from __future__ import annotations

import hashlib

from spreadsheet_helpers import write_csv

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.validate import validate_inventory

MANIFEST = ("file,purpose,owner_type,extension,greeting_kind,active,name,transcript\n"
            "greetings/201 Unavailable.WAV,voicemail_greeting,user,201,,,,Hi this is Alice\n"
            "greetings/main.wav,menu_greeting,auto_attendant,700,,,Main menu,\n")


def _setup(tmp_path):
    (tmp_path / "greetings").mkdir()
    (tmp_path / "greetings" / "201 Unavailable.WAV").write_bytes(b"RIFF-alice")
    (tmp_path / "greetings" / "main.wav").write_bytes(b"RIFF-main")
    write_csv(tmp_path / "greetings.csv", MANIFEST)
    write_csv(tmp_path / "users.csv", "extension,first_name,last_name,voicemail\n201,Alice,Moreno,yes\n")


def test_copies_registers_and_attaches(tmp_path, collect):
    _setup(tmp_path)
    result = collect(("greetings.csv", "greetings"), ("users.csv", "users"))
    assert result["problems"] == [] and result["changed"] is True
    assert result["audio_files"] == ["audio/greetings-201-unavailable.wav", "audio/greetings-main.wav"]
    copied = tmp_path / "state" / "audio" / "greetings-201-unavailable.wav"
    assert copied.read_bytes() == b"RIFF-alice"
    assets = dict((asset["source_id"], asset) for asset in result["inventory"]["audio_assets"])
    alice = assets["aud-greetings-201-unavailable"]
    assert alice["sha256"] == hashlib.sha256(b"RIFF-alice").hexdigest() and alice["format"] == "wav"
    assert alice["purpose"] == "voicemail_greeting" and alice["transcript"] == "Hi this is Alice"
    assert alice["source_attributes"] == {"provided_as": "greetings/201 Unavailable.WAV", "owner_type": "user", "owner_extension": "201"}
    assert assets["aud-greetings-main"]["name"] == "Main menu"
    box = result["inventory"]["voicemail_boxes"][0]
    assert box["greetings"] == [{"kind": "unavailable", "audio_asset_id": "aud-greetings-201-unavailable", "active": True}]
    assert validate_inventory(result["inventory"], secrets=result["secrets"]).lines == []


def test_second_run_changes_nothing_and_a_changed_file_is_replaced(tmp_path, collect):
    _setup(tmp_path)
    collect(("greetings.csv", "greetings"), ("users.csv", "users"))
    copied = tmp_path / "state" / "audio" / "greetings-main.wav"
    stamp = copied.stat().st_mtime_ns
    again = collect(("greetings.csv", "greetings"), ("users.csv", "users"))
    assert again["changed"] is False and copied.stat().st_mtime_ns == stamp
    (tmp_path / "greetings" / "main.wav").write_bytes(b"RIFF-main-v2")
    third = collect(("greetings.csv", "greetings"), ("users.csv", "users"))
    assert third["changed"] is True and copied.read_bytes() == b"RIFF-main-v2"
    assert sorted(path.name for path in copied.parent.iterdir()) == ["greetings-201-unavailable.wav", "greetings-main.wav"]


def test_check_mode_writes_nothing(tmp_path, collect):
    _setup(tmp_path)
    result = collect(("greetings.csv", "greetings"), check_mode=True)
    assert result["changed"] is True and not (tmp_path / "state").exists()
    # without a users file the box is created for the merge to attach by extension
    assert result["inventory"]["voicemail_boxes"][0]["user_id"] == "u-201"


def test_bad_manifest_rows(tmp_path, collect):
    _setup(tmp_path)
    (tmp_path / "greetings" / "notes.txt").write_bytes(b"x")
    write_csv(tmp_path / "greetings.csv", MANIFEST + "greetings/missing.wav,voicemail_greeting,user,202,,,,\n"
              "../outside.wav,menu_greeting,company,,,,,\n"
              "greetings/notes.txt,announcement,company,,,,,\n"
              "greetings/main.wav,music_on_hold,company,,,,,\n"
              "greetings/main.wav,jingle,company,,,,,\n")
    result = collect(("greetings.csv", "greetings"))
    assert collect.lines(result) == [
        "greetings.csv row 4, column file: 'greetings/missing.wav' does not exist in the partner files folder; row skipped",
        "greetings.csv row 5, column file: '../outside.wav' is not a path inside the partner files folder; row skipped",
        "greetings.csv row 6, column file: 'greetings/notes.txt' is not an audio format the platform takes "
        "(wav, mp3, gsm, ulaw, alaw, g722, sln, ogg, m4a); row skipped",
        "greetings.csv row 7, column file: file 'greetings/main.wav' is already on row 3; row skipped",
        "greetings.csv row 8, column purpose: 'jingle' is not one of: voicemail_greeting, menu_greeting, queue_greeting, "
        "music_on_hold, announcement, other; row skipped",
    ]
    assert len(result["inventory"]["audio_assets"]) == 2
