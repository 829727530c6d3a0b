# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""FreePBX Bulk Handler exports: header-driven, upper-case headers, module columns, trailing blank rows."""
from __future__ import annotations

import json

import pytest

from spreadsheet_helpers import write_csv

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.validate import validate_inventory
from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import SourceError

EXTENSIONS = (
    "EXTENSION,NAME,VOICEMAIL,RINGTIMER,OUTBOUNDCID,ID,TECH,DIAL,DESCRIPTION,EMERGENCY_CID,SECRET,CALLWAITING_ENABLE,"
    "FINDMEFOLLOW_STRATEGY,FINDMEFOLLOW_GRPTIME,FINDMEFOLLOW_GRPLIST,FINDMEFOLLOW_ENABLED,VOICEMAIL_ENABLE,VOICEMAIL_VMPWD,"
    "VOICEMAIL_EMAIL,VOICEMAIL_OPTIONS,SUPERFECTA_X\n"
    '201,Alice Moreno,default,25,"""Acme"" <2155550100>",201,pjsip,PJSIP/201,Alice Moreno,2155550100,pw-201-secret,ENABLED,'
    'hunt,20,201-2675550123#,yes,yes,4821,alice@example.com,attach=yes|saycid=no|envelope=no|delete=no,1\n'
    "202,Reception,novm,0,2155550100,202,pjsip,PJSIP/202,Reception,,pw-202-secret,,,,,,,,,,\n"
    "203,Virtual Ext,default,,,203,virtual,,,,,,,,,,yes,,,,\n"
    ",,,,,,,,,,,,,,,,,,,,\n\n"
)


def test_extensions_export(tmp_path, collect):
    write_csv(tmp_path / "extensions.csv", EXTENSIONS)
    result = collect(("extensions.csv", "freepbx_extensions"), platform="freepbx")
    assert result["problems"] == []
    inventory = result["inventory"]
    assert inventory["source"]["platform"] == "freepbx"
    users = dict((user["extension"], user) for user in inventory["users"])
    assert users["201"]["first_name"] == "Alice" and users["201"]["last_name"] == "Moreno"
    assert users["201"]["caller_id"] == {"name": "Acme", "number": "+12155550100"}
    assert users["201"]["ring_seconds"] == 25 and users["201"]["email"] == "alice@example.com"
    assert users["202"]["first_name"] == "Reception" and users["202"]["last_name"] == "202"
    assert "ring_seconds" not in users["202"]
    assert [box["source_id"] for box in inventory["voicemail_boxes"]] == ["vm-201", "vm-203"]
    notification = inventory["voicemail_boxes"][0]["notification"]
    assert notification == {"emails": ["alice@example.com"], "attach_audio": True, "delete_after_email": False}
    assert [device["source_id"] for device in inventory["devices"]] == ["dev-201", "dev-202"]
    assert inventory["devices"][0]["sip_password"] == {"secret_ref": "sip_password/201", "is_set": True}
    assert inventory["answer_rules"] == [{"source_id": "ar-201-followme", "user_id": "u-201", "kind": "sequential_ring",
                                          "enabled": True, "destinations": [{"type": "external", "id": "+12675550123"}],
                                          "ring_seconds": 20, "include_own_devices": True}]
    assert result["secrets"] == {"sip_password/201": "pw-201-secret", "sip_password/202": "pw-202-secret", "vm_pin/201": "4821"}
    text = json.dumps(inventory)
    assert "pw-201-secret" not in text and "4821" not in text
    gaps = dict((entry["source_id"], entry) for entry in inventory["not_collected"])
    assert gaps["bulk_handler:device_mac"]["related"] == [{"type": "device", "id": "dev-201"}, {"type": "device", "id": "dev-202"}]
    assert gaps["bulk_handler:voicemail_pin"]["related"] == [{"type": "voicemail", "id": "vm-203"}]
    assert {"bulk_handler:ring_groups", "bulk_handler:queues", "bulk_handler:ivrs", "bulk_handler:time_conditions"} <= set(gaps)
    assert validate_inventory(inventory, secrets=result["secrets"]).lines == []


def test_short_import_names_are_accepted(tmp_path, collect):
    write_csv(tmp_path / "extensions.csv", "extension,name,tech,secret,voicemail,vmpwd,email,outboundcid\n"
                                           "301,Ann Lee,pjsip,abc,default,1357,ann@example.com,3125550100\n")
    result = collect(("extensions.csv", "freepbx_extensions"))
    assert result["secrets"]["vm_pin/301"] == "1357"
    assert result["inventory"]["users"][0]["email"] == "ann@example.com"


def test_dids_export(tmp_path, collect):
    write_csv(tmp_path / "dids.csv",
              "CIDNUM,EXTENSION,DESTINATION,DESCRIPTION,GRPPRE,FAX_ENABLE\n"
              ",2155550100,\"ext-group,600,1\",Main,MAIN:,\n"
              ",2155550101,\"from-did-direct,201,1\",Alice,,\n"
              ",2155550102,\"ext-local,vmu201,1\",Alice VM,,\n"
              ",2155550103,\"app-blackhole,hangup,1\",Retired,,\n"
              ",2155550104,\"ext-fax,1,1\",Fax,,yes\n"
              "2155550999,2155550100,\"from-did-direct,201,1\",Landlord,,\n"
              ",_215555XXXX,\"from-did-direct,201,1\",Pattern,,\n"
              ",215555,\"from-did-direct,201,1\",Short,,\n"
              ",2155550101,\"from-did-direct,202,1\",Again,,\n"
              ",,,,,\n")
    result = collect(("dids.csv", "freepbx_dids"))
    assert collect.lines(result) == [
        "dids.csv row 8, column extension: '_215555XXXX' is a pattern route, not a phone number; row skipped",
        "dids.csv row 9, column extension: '215555' is not a valid phone number (read as a national number of region US); row skipped",
        "dids.csv row 10, column extension: number '+12155550101' is already on row 3; row skipped",
    ]
    dids = dict((did["source_id"], did) for did in result["inventory"]["dids"])
    assert dids["did-2155550100"]["destination"] == {"type": "not_collected", "id": "freepbx:ring_group:600"}
    assert dids["did-2155550100"]["routing_as_collected"] == "ext-group,600,1"
    assert dids["did-2155550100"]["caller_name_prefix"] == "MAIN:"
    assert dids["did-2155550101"]["destination"] == {"type": "user", "id": "u-201"}
    assert dids["did-2155550102"]["destination"] == {"type": "voicemail", "id": "vm-201"}
    assert dids["did-2155550103"]["destination"] == {"type": "hangup"}
    assert dids["did-2155550104"]["source_attributes"] == {"fax_enable": "yes"}
    gaps = dict((entry["source_id"], entry) for entry in result["inventory"]["not_collected"])
    assert gaps["freepbx:ring_group:600"]["reason"] == "Calls go to ring group 600 (ext-group,600,1), which Bulk Handler exports do not describe."
    assert gaps["inbound_route:2155550100/2155550999"]["kind"] == "caller_id_route"


def test_not_an_export(tmp_path, collect):
    write_csv(tmp_path / "dids.csv", "number,label\n2155550100,Main\n")
    with pytest.raises(SourceError) as caught:
        collect(("dids.csv", "freepbx_dids"))
    assert str(caught.value) == "dids.csv: missing required column extension (not a Bulk Handler DIDs export?)"
