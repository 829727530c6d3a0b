# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""inventory_merge precedence: identity, fill, conflicts as findings, not_collected answered, secrets."""
from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.validate import validate_inventory
from ansible_collections.ucaas.migration.plugins.module_utils.sources.merge import MergeError, fingerprint, merge_inventories
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.collect import collect_files

EXAMPLE = Path(__file__).resolve().parents[3] / "inventories" / "example-state" / "northwind-dental" / "inventory.json"
BASE_SECRETS = {"vm_pin/201": "4821", "vm_pin/202": "1111", "sip_password/201": "base-sip-201"}


@pytest.fixture
def base():
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _partner(tmp_path, **files):
    """Collect partner CSV files given as name=text."""
    listed = []
    for kind, text in sorted(files.items()):
        (tmp_path / ("%s.csv" % kind)).write_text(text, encoding="utf-8")
        listed.append({"path": "%s.csv" % kind, "kind": kind})
    result = collect_files(listed, base_dir=str(tmp_path), dest=str(tmp_path / "state"), collected_at="2026-11-25T18:00:00Z")
    assert result["problems"] == []
    return {"name": "partner-files", "inventory": result["inventory"], "secrets": result["secrets"]}


def _by_id(inventory, collection):
    return dict((obj["source_id"], obj) for obj in inventory[collection])


def test_partner_files_answer_not_collected_and_fill_gaps(base, tmp_path):
    overlay = _partner(
        tmp_path,
        devices="mac,brand,model,serial,line_1\n80:5E:C0:A1:02:11,Yealink,T54W,SN-211,211\n",
        users="extension,first_name,last_name,voicemail_pin,mobile_number\n211,Kira,Novak,9090,2675550177\n",
    )
    result = merge_inventories(base, BASE_SECRETS, [overlay])
    inventory = result["inventory"]
    gaps = _by_id(inventory, "not_collected")
    # the MAC of 211's phone and the PIN of box 211 were missing; the partner files answer both
    assert "devices:211" not in gaps and "voicemail.conf:default/211" not in gaps
    assert [item["source_id"] for item in result["resolved"]] == ["devices:211", "voicemail.conf:default/211"]
    # the overlay's own scope entries (no queues in templates...) are not carried over
    assert not any(sid.startswith("partner_templates:") for sid in gaps)
    assert _by_id(inventory, "devices")["dev-805ec0a10211"]["lines"] == [{"line": 1, "user_id": "u-211"}]
    assert _by_id(inventory, "voicemail_boxes")["vm-211"]["pin"] == {"secret_ref": "vm_pin/211", "is_set": True}
    assert _by_id(inventory, "users")["u-211"]["mobile_number"] == "+12675550177"
    assert result["secrets"]["vm_pin/211"] == "9090" and result["secrets"]["vm_pin/201"] == "4821"
    assert result["findings"] == []
    assert validate_inventory(inventory).lines == []


def test_conflicts_keep_the_base_and_are_reported(base, tmp_path):
    overlay = _partner(tmp_path, users="extension,first_name,last_name,email,caller_id_number\n"
                                       "201,Alice,Moreno,a.moreno@example.com,2155550199\n")
    result = merge_inventories(base, BASE_SECRETS, [overlay])
    users = _by_id(result["inventory"], "users")
    assert users["u-201"]["email"] == "alice.moreno@northwind-dental.example"
    assert users["u-201"]["caller_id"]["number"] == "+12155550100"
    fields = dict((finding["field"], finding) for finding in result["findings"])
    assert sorted(fields) == ["caller_id.number", "email"]
    email = fields["email"]
    assert email == {
        "kind": "merge_conflict", "severity": "warning", "object": {"type": "user", "id": "u-201"}, "collection": "users",
        "field": "email", "base_value": "alice.moreno@northwind-dental.example", "overlay_value": "a.moreno@example.com",
        "overlay": "partner-files",
        "resolution": "Kept the collected value; correct the partner file, or re-run with prefer: overlay "
                      "(ucaas_merge_prefer: overlay for the collect phase) to use the value of overlay 'partner-files'.",
        "fingerprint": hashlib.sha256(b"merge_conflict|user/u-201|email").hexdigest(),
    }
    assert email["fingerprint"] == fingerprint("merge_conflict", {"type": "user", "id": "u-201"}, "email")

    flipped = merge_inventories(base, BASE_SECRETS, [overlay], prefer="overlay")
    assert _by_id(flipped["inventory"], "users")["u-201"]["email"] == "a.moreno@example.com"
    assert [f["fingerprint"] for f in flipped["findings"]] == [f["fingerprint"] for f in result["findings"]]
    assert flipped["findings"][0]["resolution"].startswith("Used the value of overlay 'partner-files' (prefer: overlay)")


def test_secret_conflicts_never_show_values(base, tmp_path):
    overlay = _partner(tmp_path, users="extension,first_name,last_name,voicemail_pin\n201,Alice,Moreno,7777\n202,Brian,Okafor,1111\n")
    result = merge_inventories(base, BASE_SECRETS, [overlay])
    pins = [finding for finding in result["findings"] if finding["field"] == "pin"]
    assert len(pins) == 1 and pins[0]["object"] == {"type": "voicemail", "id": "vm-201"}
    assert pins[0]["base_value"] == {"secret_ref": "vm_pin/201", "is_set": True}
    assert "7777" not in json.dumps(result["findings"]) and "4821" not in json.dumps(result["findings"])
    assert result["secrets"]["vm_pin/201"] == "4821"
    flipped = merge_inventories(base, BASE_SECRETS, [overlay], prefer="overlay")
    ref = _by_id(flipped["inventory"], "voicemail_boxes")["vm-201"]["pin"]["secret_ref"]
    assert flipped["secrets"][ref] == "7777" and flipped["secrets"]["vm_pin/201"] == "4821"


def test_identity_by_natural_key_and_extension_convention(tmp_path):
    base = {"schema_version": "inventory/v1", "source": {"platform": "netsapiens", "collected_at": "2026-11-25T18:00:00Z"},
            "users": [{"source_id": "alice@acme", "extension": "201", "first_name": "Alice", "last_name": "Moreno"}],
            "dids": [{"source_id": "15551", "number": "+12155550101", "destination": {"type": "not_collected", "id": "gap-1"}}],
            "not_collected": [{"source_id": "gap-1", "kind": "destination", "reason": "r", "partner_action": "a"}]}
    (tmp_path / "g.wav").write_bytes(b"RIFF")
    overlay = _partner(tmp_path, devices="mac,model,line_1\n805ec0a10201,T54W,201\n",
                       dids="number,destination_type,destination,label\n2155550101,user,201,Alice direct\n",
                       greetings="file,purpose,extension\ng.wav,voicemail_greeting,201\n")
    result = merge_inventories(base, {}, [overlay])
    inventory = result["inventory"]
    assert [user["source_id"] for user in inventory["users"]] == ["alice@acme"]
    assert inventory["devices"][0]["lines"] == [{"line": 1, "user_id": "alice@acme"}]
    assert inventory["dids"] == [{"source_id": "15551", "number": "+12155550101", "label": "Alice direct",
                                  "destination": {"type": "user", "id": "alice@acme"}}]
    assert inventory["voicemail_boxes"][0]["user_id"] == "alice@acme"
    assert inventory["not_collected"] == []
    assert result["resolved"] == [{"source_id": "gap-1", "kind": "destination", "how": "no destination points at it any more"}]
    assert validate_inventory(inventory).lines == []


def test_bulk_handler_base_gets_macs_from_partner_devices(tmp_path):
    (tmp_path / "extensions.csv").write_text("extension,name,tech,secret,voicemail,vmpwd\n"
                                             "201,Alice Moreno,pjsip,sip201,default,4821\n"
                                             "202,Brian Okafor,pjsip,sip202,default,1111\n")
    collected = collect_files([{"path": "extensions.csv", "kind": "freepbx_extensions"}], base_dir=str(tmp_path), platform="freepbx")
    overlay = _partner(tmp_path, devices="mac,brand,model,line_1,sip_password\n805ec0a10201,Yealink,T54W,201,other-sip\n")
    result = merge_inventories(collected["inventory"], collected["secrets"], [overlay])
    devices = _by_id(result["inventory"], "devices")
    assert sorted(devices) == ["dev-201", "dev-202"]
    assert devices["dev-201"]["mac"] == "805ec0a10201" and devices["dev-201"]["type"] == "desk_phone"
    assert [finding["field"] for finding in result["findings"]] == ["sip_password"]
    gap = _by_id(result["inventory"], "not_collected")["bulk_handler:device_mac"]
    assert gap["related"] == [{"type": "device", "id": "dev-202"}]
    assert result["resolved"] == [{"source_id": "bulk_handler:device_mac", "kind": "device_mac",
                                   "how": "answered for 1 of the related objects"}]


def test_softphone_without_mac_is_not_given_a_mac(base, tmp_path):
    overlay = _partner(tmp_path, devices="mac,model,line_1\n805ec0a10212,T54W,212\n")
    result = merge_inventories(base, {}, [overlay])
    devices = _by_id(result["inventory"], "devices")
    assert "mac" not in devices["dev-212-soft"] and devices["dev-805ec0a10212"]["lines"] == [{"line": 1, "user_id": "u-212"}]
    assert result["findings"] == []


def test_overlay_gap_does_not_replace_a_collected_destination(base, tmp_path):
    overlay = _partner(tmp_path, dids="number,destination_type,destination\n2155550100,queue,610\n")
    result = merge_inventories(base, {}, [overlay])
    did = _by_id(result["inventory"], "dids")["did-2155550100"]
    assert did["destination"] == {"type": "auto_attendant", "id": "aa-700"}
    assert "destination:queue:610" not in _by_id(result["inventory"], "not_collected")
    assert result["findings"] == []


def test_deterministic_and_input_untouched(base, tmp_path):
    overlay = _partner(tmp_path, users="extension,first_name,last_name,email\n201,Alice,Moreno,x@example.com\n230,New,Person,\n")
    before = copy.deepcopy(base)
    first = merge_inventories(base, BASE_SECRETS, [overlay])
    second = merge_inventories(base, BASE_SECRETS, [overlay])
    assert json.dumps(first) == json.dumps(second)
    assert base == before
    assert [user["source_id"] for user in first["inventory"]["users"]][-2:] == ["u-212", "u-230"]


def test_bad_arguments():
    with pytest.raises(MergeError, match="base is not an inventory"):
        merge_inventories({}, {}, [])
    with pytest.raises(MergeError, match="prefer must be one of base, overlay"):
        merge_inventories({"source": {}}, {}, [], prefer="newest")
