# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The partner's inventory export: XLSX, CSV and HTML agree, are stable, hold no secret."""
from __future__ import annotations

import csv
import io
import re

from openpyxl import load_workbook

from ansible_collections.ucaas.migration.plugins.module_utils.reports import export, partner_requests
from ansible_collections.ucaas.migration.plugins.module_utils.reports.tables import KIND_TITLES, render_value


def _workbook(data):
    return load_workbook(io.BytesIO(export.render_xlsx(data, title="Export")))


def test_workbook_sheets_and_columns(example):
    book = _workbook(example)
    kinds = [name for name in KIND_TITLES if name != "not_collected" and example.get(name)]
    assert book.sheetnames == ["Summary"] + [KIND_TITLES[name] for name in kinds] + ["Not collected"]
    users = book["Users"]
    header = [cell.value for cell in users[1]]
    assert header[:4] == ["source_id", "extension", "first_name", "last_name"]
    assert users.max_row == 1 + len(example["users"])
    assert [row[1] for row in users.iter_rows(min_row=2, values_only=True)][:2] == ["201", "202"]
    missing = book["Not collected"]
    assert [cell.value for cell in missing[1]] == ["source_id", "kind", "reason", "partner_action", "related"]
    assert missing.max_row == 1 + len(example["not_collected"])
    summary = dict((row[0], row[1]) for row in book["Summary"].iter_rows(values_only=True) if row[0])
    assert summary["Users"] == 12 and summary["Customer"] == "Northwind Family Dental"


def test_workbook_pins_say_set_or_not_set(example):
    book = _workbook(example)
    sheet = book["Voicemail boxes"]
    header = [cell.value for cell in sheet[1]]
    pins = [row[header.index("pin")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert set(pins) == {"set", "not set"}
    for name in book.sheetnames:
        for row in book[name].iter_rows(values_only=True):
            assert not any(isinstance(v, str) and ("4821" in v or "secret_ref" in v) for v in row)


def test_workbook_bytes_are_stable(example):
    assert export.render_xlsx(example) == export.render_xlsx(example)


def test_formula_like_text_stays_text(example):
    example["users"][0]["department"] = "=HYPERLINK(\"http://x\")"
    book = _workbook(example)
    sheet = book["Users"]
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("department") + 1)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_csv_one_file_per_kind(example):
    files = export.render_csv_files(example)
    assert "inventory_export_csv/users.csv" in files and "inventory_export_csv/not_collected.csv" in files
    assert "inventory_export_csv/queues.csv" in files
    rows = list(csv.reader(io.StringIO(files["inventory_export_csv/dids.csv"])))
    assert rows[0][:2] == ["source_id", "number"]
    assert len(rows) == 1 + len(example["dids"])
    assert "\r\n" in files["inventory_export_csv/dids.csv"]
    pin = rows[0].index("porting.pin")
    assert rows[1][pin] == "set"


def test_html_has_every_kind_and_no_secret(example):
    page = export.render_html(example, title="Inventory export - Northwind")
    for name in KIND_TITLES:
        if example.get(name) and name != "not_collected":
            assert '<h2 id="%s">' % name in page
    assert "Not collected: what we need from you" in page
    assert example["not_collected"][0]["partner_action"].replace("'", "&#x27;") in page
    assert "4821" not in page and "secret_ref" not in page
    assert not re.search(r"<script|<link|src=|url\(", page)


def test_html_escapes_partner_text(example):
    example["users"][0]["department"] = "<b>Front</b>"
    page = export.render_html(example)
    assert "&lt;b&gt;Front&lt;/b&gt;" in page


def test_render_value_forms():
    assert render_value({"secret_ref": "vm_pin/1", "is_set": True}) == "set"
    assert render_value({"is_set": False}) == "not set"
    assert render_value({"type": "auto_attendant_menu", "id": "aa-1", "menu": "m2"}) == "auto_attendant_menu aa-1 m2"
    assert render_value([{"line": 1, "user_id": "u-1", "shared": True}]) == "line: 1, user_id: u-1, shared: yes"


def test_partner_requests_cover_every_gap(example):
    text = partner_requests.render_markdown(example)
    for entry in example["not_collected"]:
        assert entry["partner_action"] in text
    assert "+12155550104" in text  # a number without porting details
    example["devices"][1].pop("mac")
    items = partner_requests.requests(example)
    assert any(item["topic"] == "device_details" and "dev-202" in item["item"] for item in items)
