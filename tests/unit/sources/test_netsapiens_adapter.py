# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The NetSapiens adapter's assembly on hand-made ns-api objects (no server): edge cases the lab seed does not have."""
from __future__ import annotations

import json

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsAuthError
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.validate import validate_inventory
from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import SourceError
from ansible_collections.ucaas.migration.plugins.module_utils.sources.netsapiens import adapter
from ansible_collections.ucaas.migration.plugins.module_utils.sources.netsapiens.scrape import store_audio

WAV = b"RIFF" + b"\x00" * 60


class FakeClient:
    host = "old.example.net"

    def get(self, template, **dummy):
        assert template == "/version"
        return {"apiversion": "44.3"}


def _user(ext, **fields):
    return dict({"user": ext, "name-first-name": "First%s" % ext, "name-last-name": "Last", "email": "u%s@x.example",
                 "voicemail-enabled": "yes", "voicemail-login-pin": "********"}, **fields)


def _objects():
    off = {"enabled": "no", "parameters": []}
    return {
        "domain": {"domain": "x.example", "description": "Example Co", "time-zone": "America/Chicago"},
        "sites": [], "phones": [], "smsnumbers": [], "usertimeframes": [],
        "timeframes": [{"timeframe-id": "1", "timeframe-name": "Open", "timeframe-type": "days-of-week",
                        "timeframe-days-of-week-array": [{"timeframe-weekly-monday-begin-time-1": "0900",
                                                          "timeframe-weekly-monday-end-time-1": "1700"}]}],
        "users": [_user("201"), _user("202", **{"voicemail-login-pin": "5150"}), _user("299", **{"user-scope": "Basic User"}),
                  _user("650", **{"service-code": "system-queue"}), _user("700", **{"service-code": "system-tod"}),
                  _user("710", **{"service-code": "system-aa"}), _user("720", **{"service-code": "system-conference"}),
                  {"user": "domain", "name-first-name": "domain", "name-last-name": "defaults"}],
        "devices": [{"user": "201", "device": "201"}, {"user": "202", "device": "202"}],
        "answerrules": [
            {"user": "201", "time-frame": "Lunch", "enabled": "yes", "order": 1, "forward-always": {"enabled": "yes", "parameters": ["202"]}},
            {"user": "201", "time-frame": "*", "enabled": "yes", "order": 99, "forward-no-answer": off,
             "simultaneous-ring": {"enabled": "yes", "parameters": ["<OwnDevices>"]}},
            {"user": "299", "time-frame": "*", "enabled": "yes", "order": 99,
             "forward-always": {"enabled": "yes", "parameters": ["vmail_299"]}},
            {"user": "700", "time-frame": "*", "enabled": "yes", "order": 99,
             "forward-always": {"enabled": "yes", "parameters": ["user_201"]}},
        ],
        "greetings": [{"user": "201", "index": 1, "filename": "greeting-1.wav", "file-access-url": "https://old.example.net/g/201/1"},
                      {"user": "202", "index": 1, "filename": "greeting-1.wav", "file-access-url": "https://old.example.net/g/202/1"}],
        "callqueues": [{"callqueue": "650", "description": "Park", "callqueue-dispatch-type": "Call Park", "agents": []}],
        "autoattendants": [{"user": "710", "attendant-name": "Day", "time-frame": "Open",
                            "auto-attendant": {"option-1": {"destination-application": "to-callqueue", "destination-user": "650"},
                                               "option-2": {"destination-application": "to-user", "destination-user": "700"}}}],
        "phonenumbers": [{"phonenumber": "13125550100", "dial-rule-application": "to-user", "dial-rule-translation-destination-user": "700"},
                         {"phonenumber": "13125550101", "dial-rule-application": "to-callqueue", "dial-rule-translation-destination-user": "650"},
                         {"phonenumber": "13125550102", "dial-rule-application": "to-voicemail", "dial-rule-translation-destination-user": "299"}],
    }


@pytest.fixture
def collected(monkeypatch, tmp_path):
    monkeypatch.setattr(adapter, "read_domain", lambda client, domain, person_filter=None: _objects())

    def fake_download(client, url):
        return (WAV, None) if url.endswith("/201/1") else (None, "HTTP 404")
    monkeypatch.setattr(adapter, "download", fake_download)
    return adapter.collect_netsapiens(FakeClient(), "x.example", str(tmp_path), collected_at="2026-11-25T18:00:00Z")


def test_edge_cases_validate_and_are_recorded(collected):
    inventory = collected["inventory"]
    check = validate_inventory(inventory, "US", collected["secrets"])
    assert check.ok, "\n".join(check.lines)
    gaps = {entry["source_id"]: entry for entry in inventory["not_collected"]}
    assert set(gaps) == {"queue-650", "attendant-default-710", "time-frame-lunch", "greeting-202-1", "system-user-720",
                         "voicemail-pins"}
    assert inventory["source"] == {"platform": "netsapiens", "version": "44.3", "instance": "old.example.net", "customer": "Example Co",
                                   "collected_at": "2026-11-25T18:00:00Z", "collector": adapter.COLLECTOR,
                                   "default_region": "US", "time_zone": "America/Chicago"}
    dids = {d["number"]: d for d in inventory["dids"]}
    # A router without time-frame routes is a plain forward to its default.
    assert dids["+13125550100"]["destination"] == {"type": "user", "id": "u-201"}
    assert inventory["time_routers"] == []
    assert dids["+13125550101"]["destination"] == {"type": "not_collected", "id": "queue-650"}
    assert dids["+13125550102"]["destination"] == {"type": "virtual_mailbox", "id": "vmb-299"}
    attendant = inventory["auto_attendants"][0]
    assert attendant["variants"] == [{"time_frame_id": "tf-open", "menu": "open"}, {"menu": "unconfigured"}]
    assert [u["extension"] for u in inventory["users"]] == ["201", "202"]


def test_pins_returned_by_the_source_become_secrets(collected):
    boxes = {box["mailbox"]: box for box in collected["inventory"]["voicemail_boxes"]}
    assert boxes["202"]["pin"] == {"secret_ref": "vm_pin/202", "is_set": True}
    assert boxes["201"]["pin"] == {"is_set": False}
    assert collected["secrets"] == {"vm_pin/202": "5150"}
    assert "5150" not in json.dumps(collected["inventory"])
    pins = next(e for e in collected["inventory"]["not_collected"] if e["source_id"] == "voicemail-pins")
    assert pins["related"] == [{"type": "virtual_mailbox", "id": "vmb-299"}, {"type": "voicemail", "id": "vm-201"}]


def test_greetings_that_download_are_assets(collected, tmp_path):
    assert collected["audio_files"] == ["audio/ns-201-greeting-1.wav"]
    assert (tmp_path / "audio" / "ns-201-greeting-1.wav").read_bytes() == WAV
    boxes = {box["mailbox"]: box for box in collected["inventory"]["voicemail_boxes"]}
    assert boxes["201"]["greetings"] == [{"kind": "unavailable", "audio_asset_id": "aud-201-1", "active": False}]
    assert "greetings" not in boxes["202"]


def test_unreadable_source_raises_source_error(monkeypatch, tmp_path):
    def refuse(client, domain, person_filter=None):
        raise NsAuthError("Authentication failed at old.example.net using an API key: GET /ns-api/v2/domains/x -> 401")
    monkeypatch.setattr(adapter, "read_domain", refuse)
    with pytest.raises(SourceError) as raised:
        adapter.collect_netsapiens(FakeClient(), "x.example", str(tmp_path))
    assert str(raised.value).startswith("NetSapiens source old.example.net, domain x.example: Authentication failed")


def test_store_audio_writes_only_changes(tmp_path):
    assert store_audio(str(tmp_path), "audio/a.wav", b"one") is True
    stamp = (tmp_path / "audio" / "a.wav").stat().st_mtime_ns
    assert store_audio(str(tmp_path), "audio/a.wav", b"one") is False
    assert (tmp_path / "audio" / "a.wav").stat().st_mtime_ns == stamp
    assert store_audio(str(tmp_path), "audio/a.wav", b"two", check_mode=True) is True
    assert (tmp_path / "audio" / "a.wav").read_bytes() == b"one"
    assert store_audio(str(tmp_path), "audio/a.wav", b"two") is True
    assert (tmp_path / "audio" / "a.wav").read_bytes() == b"two"
    assert [p.name for p in (tmp_path / "audio").iterdir()] == ["a.wav"]
