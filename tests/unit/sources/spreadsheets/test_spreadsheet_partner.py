# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The partner templates (users, DIDs, devices) in CSV and XLSX."""
from __future__ import annotations

import csv
import io
import json

import pytest

from spreadsheet_helpers import write_csv, write_xlsx

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.validate import validate_inventory
from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import SourceError

USERS = [
    ["Extension", "First Name", "Last Name", "E-mail", "Site", "Mobile", "Voicemail PIN", "Voicemail Emails", "Directory Listed"],
    ["201", "Alice", "Moreno", "alice@example.com", "Main Office", "2675550123", "4821", "alice@example.com; desk@example.com", "yes"],
    ["202", "Brian", "Okafor", "", "Main Office", "", "", "brian@example.com", ""],
]
DIDS = [
    ["number", "label", "usage", "destination_type", "destination", "carrier", "port_pin"],
    ["215-555-0100", "Main", "main", "queue", "610", "Example Telecom", "9911"],
    ["+12155550101", "Alice direct", "direct", "", "201", "", ""],
    ["2155550102", "Brian voicemail", "direct", "voicemail", "202", "", ""],
    ["2155550103", "Answering service", "other", "", "+14155550142", "", ""],
    ["2155550104", "Retired", "unassigned", "hangup", "", "", ""],
]
DEVICES = [
    ["MAC Address", "Brand", "Model", "Serial", "Line 1", "Line 2", "SIP Password"],
    ["80:5E:C0:A1:02:01", "Yealink", "T54W", "SN1", "201", "202", "s3cret-sip"],
    ["0004.f2aa.bb02", "Poly", "VVX 450", "", "202", "", ""],
]


def _as_csv(rows):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def _write(tmp_path, name, rows, fmt):
    if fmt == "csv":
        return write_csv(tmp_path / ("%s.csv" % name), _as_csv(rows)).name
    return write_xlsx(tmp_path / ("%s.xlsx" % name), rows, sheet=name).name


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_template_kind(tmp_path, collect, fmt):
    files = [(_write(tmp_path, "users", USERS, fmt), "users"), (_write(tmp_path, "dids", DIDS, fmt), "dids"),
             (_write(tmp_path, "devices", DEVICES, fmt), "devices")]
    result = collect(*files, customer="Acme", time_zone="America/New_York")
    assert result["problems"] == []
    inventory = result["inventory"]
    alice = inventory["users"][0]
    assert alice == {"source_id": "u-201", "extension": "201", "first_name": "Alice", "last_name": "Moreno",
                     "display_name": "Alice Moreno", "email": "alice@example.com", "site_id": "site-main-office",
                     "mobile_number": "+12675550123", "directory": {"listed": True}}
    assert inventory["sites"] == [{"source_id": "site-main-office", "name": "Main Office"}]
    assert inventory["voicemail_boxes"][0] == {
        "source_id": "vm-201", "user_id": "u-201", "mailbox": "201", "enabled": True,
        "pin": {"secret_ref": "vm_pin/201", "is_set": True},
        "notification": {"emails": ["alice@example.com", "desk@example.com"]}}
    assert inventory["voicemail_boxes"][1]["pin"] == {"is_set": False}
    dids = dict((did["number"], did) for did in inventory["dids"])
    assert dids["+12155550100"]["destination"] == {"type": "not_collected", "id": "destination:queue:610"}
    assert dids["+12155550100"]["porting"] == {"carrier": "Example Telecom", "pin": {"secret_ref": "port_pin/12155550100", "is_set": True}}
    assert dids["+12155550101"]["destination"] == {"type": "user", "id": "u-201"}
    assert dids["+12155550102"]["destination"] == {"type": "voicemail", "id": "vm-202"}
    assert dids["+12155550103"]["destination"] == {"type": "external", "id": "+14155550142"}
    assert dids["+12155550104"]["destination"] == {"type": "hangup"}
    devices = dict((device["mac"], device) for device in inventory["devices"])
    assert devices["805ec0a10201"]["lines"] == [{"line": 1, "user_id": "u-201"}, {"line": 2, "user_id": "u-202"}]
    assert devices["805ec0a10201"]["sip_password"] == {"secret_ref": "sip_password/805ec0a10201", "is_set": True}
    assert devices["0004f2aabb02"]["type"] == "desk_phone" and "sip_password" not in devices["0004f2aabb02"]
    assert result["secrets"] == {"port_pin/12155550100": "9911", "sip_password/805ec0a10201": "s3cret-sip", "vm_pin/201": "4821"}
    text = json.dumps(inventory)
    assert "4821" not in text and "s3cret-sip" not in text and "9911" not in text
    kinds = dict((entry["source_id"], entry) for entry in inventory["not_collected"])
    assert kinds["destination:queue:610"]["related"] == [{"type": "did", "id": "did-12155550100"}]
    assert {"partner_templates:queues", "partner_templates:auto_attendants", "partner_templates:hunt_groups"} <= set(kinds)
    assert validate_inventory(inventory, secrets=result["secrets"]).lines == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind, rows, line", [
    ("devices", [["mac", "model", "line_1"], ["00:11:22:33:44", "T54W", "201"]],
     "devices.{fmt} row 2, column mac: '00:11:22:33:44' is not a MAC address (12 hex digits); row skipped"),
    ("devices", [["mac", "model", "line_1"], ["805ec0a10201", "", "201"]],
     "devices.{fmt} row 2, column model: required value is missing; row skipped"),
    ("devices", [["mac", "model", "line_1"], ["805ec0a10201", "T54W", "2x"]],
     "devices.{fmt} row 2, column line_1: '2x' is not an extension (2 to 10 digits); value ignored"),
    ("dids", [["number"], ["215-555-01"]],
     "dids.{fmt} row 2, column number: '215-555-01' is not a valid phone number (read as a national number of region US); row skipped"),
    ("dids", [["number", "usage"], ["2155550100", "mainline"]],
     "dids.{fmt} row 2, column usage: 'mainline' is not one of: main, direct, department, fax, toll_free, temporary, unassigned, other;"
     " value ignored"),
    ("users", [["extension", "first_name", "last_name"], ["", "Alice", "Moreno"]],
     "users.{fmt} row 2, column extension: required value is missing; row skipped"),
    ("users", [["extension", "first_name", "last_name", "email"], ["201", "Alice", "Moreno", "alice-at-example"]],
     "users.{fmt} row 2, column email: 'alice-at-example' is not an e-mail address; value ignored"),
    ("users", [["extension", "first_name", "last_name", "voicemail_pin"], ["201", "Alice", "Moreno", "48x1"]],
     "users.{fmt} row 2, column voicemail_pin: not a valid value; value ignored"),
    ("users", [["extension", "first_name", "last_name", "emial"], ["201", "Alice", "Moreno", "a@example.com"]],
     "users.{fmt} row 1, column emial: not a column of the users template; column ignored"),
])
def test_bad_rows_are_reported_in_one_line_and_the_rest_is_collected(tmp_path, collect, fmt, kind, rows, line):
    good = {"devices": ["805ec0a10299", "T54W", "299"], "dids": ["2155550199"] + [""] * (len(rows[0]) - 1),
            "users": ["299", "Zed", "Last"] + [""] * (len(rows[0]) - 3)}[kind]
    name = _write(tmp_path, kind, rows + [good], fmt)
    result = collect((name, kind))
    assert collect.lines(result) == [line.format(fmt=fmt)]
    assert "48x1" not in json.dumps(result["problems"])
    key = {"devices": "devices", "dids": "dids", "users": "users"}[kind]
    assert len(result["inventory"][key]) >= 1


def test_duplicate_keys_across_rows_and_files(tmp_path, collect):
    write_csv(tmp_path / "users.csv", "extension,first_name,last_name\n201,Alice,Moreno\n202,Brian,Okafor\n201,Alicia,Moreno\n")
    write_csv(tmp_path / "more-users.csv", "extension,first_name,last_name\n202,Bea,Other\n")
    write_csv(tmp_path / "devices.csv", "mac,model\n805ec0a10201,T54W\n80-5E-C0-A1-02-01,T46U\n")
    result = collect(("users.csv", "users"), ("more-users.csv", "users"), ("devices.csv", "devices"))
    assert collect.lines(result) == [
        "devices.csv row 3, column mac: MAC address '805ec0a10201' is already on row 2; row skipped",
        "more-users.csv row 2, column extension: extension '202' is already on users.csv row 3; row skipped",
        "users.csv row 4, column extension: extension '201' is already on row 2; row skipped",
    ]
    assert [user["first_name"] for user in result["inventory"]["users"]] == ["Alice", "Brian"]


def test_missing_required_column_fails_naming_the_file(tmp_path, collect):
    write_csv(tmp_path / "users.csv", "ext,first name\n201,Alice\n")
    with pytest.raises(SourceError) as caught:
        collect(("users.csv", "users"))
    assert str(caught.value) == "users.csv: missing required column last_name (the users template's header row names them)"


def test_missing_file_fails_before_anything_is_written(tmp_path, collect):
    write_csv(tmp_path / "users.csv", "extension,first_name,last_name\n201,Alice,Moreno\n")
    with pytest.raises(SourceError, match=r"^devices.xlsx: file not found$"):
        collect(("users.csv", "users"), ("devices.xlsx", "devices"))
    assert not (tmp_path / "state").exists()


def test_voicemail_no_and_pin_gap(tmp_path, collect):
    write_csv(tmp_path / "users.csv", "extension,first_name,last_name,voicemail,voicemail_pin\n201,A,B,no,1234\n202,C,D,yes,\n")
    result = collect(("users.csv", "users"))
    boxes = result["inventory"]["voicemail_boxes"]
    assert boxes[0] == {"source_id": "vm-201", "user_id": "u-201", "mailbox": "201", "enabled": False}
    assert boxes[1]["pin"] == {"is_set": False}
    gap = result["inventory"]["not_collected"][0]
    assert gap["source_id"] == "partner_files:voicemail_pin" and gap["related"] == [{"type": "voicemail", "id": "vm-202"}]
    assert result["secrets"] == {}


def test_same_files_give_the_same_bytes(tmp_path, collect):
    _write(tmp_path, "users", USERS, "xlsx")
    _write(tmp_path, "dids", DIDS, "csv")
    first = collect(("dids.csv", "dids"), ("users.xlsx", "users"), collected_at="2026-11-25T18:00:00Z")
    second = collect(("users.xlsx", "users"), ("dids.csv", "dids"), collected_at="2026-11-26T09:30:00Z")
    for result in (first, second):
        del result["inventory"]["source"]["collected_at"]
    assert json.dumps(first, sort_keys=False) == json.dumps(second, sort_keys=False)
