# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

import datetime

import pytest

from spreadsheet_helpers import write_csv, write_xlsx

from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import SourceError
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.tables import cell_text, normalize_header, read_table


@pytest.mark.parametrize("raw, expected", [
    ("extension", "extension"),
    ("EXTENSION", "extension"),
    ("  First Name ", "first_name"),
    ("\ufeffNumber", "number"),
    ("E-mail", "e_mail"),
    ("Voicemail  PIN", "voicemail_pin"),
    ("", ""),
    (None, ""),
])
def test_normalize_header(raw, expected):
    assert normalize_header(raw) == expected


def test_csv_with_bom_upper_case_headers_and_trailing_blank_rows(tmp_path):
    path = write_csv(tmp_path / "x.csv", "\ufeffEXTENSION, Name ,,\r\n201,Alice,,\r\n,,,\r\n\r\n202,Bob,,\r\n,,,\r\n\r\n")
    table = read_table(str(path), file="x.csv")
    assert table.headers == ["extension", "name"]
    assert [(row.number, row.values) for row in table.rows] == [
        (2, {"extension": "201", "name": "Alice"}), (5, {"extension": "202", "name": "Bob"})]


def test_csv_semicolon_and_windows_1252(tmp_path):
    path = write_csv(tmp_path / "x.csv", "extension;name\n201;Jos\u00e9\n", encoding="cp1252")
    rows = read_table(str(path)).rows
    assert rows[0].values == {"extension": "201", "name": "Jos\u00e9"}


def test_xlsx_reads_named_sheet_and_converts_cells(tmp_path):
    path = tmp_path / "x.xlsx"
    import openpyxl
    workbook = openpyxl.Workbook()
    workbook.active.title = "notes"
    workbook.active.append(["ignored"])
    sheet = workbook.create_sheet("users")
    sheet.append(["Extension", "Number", "Enabled", "When"])
    sheet.append([201, 2155550100.0, True, datetime.date(2026, 12, 1)])
    sheet.append([None, None, None, None])
    workbook.save(path)
    table = read_table(str(path), sheet="users")
    assert [(row.number, row.values) for row in table.rows] == [
        (2, {"extension": "201", "number": "2155550100", "enabled": "yes", "when": "2026-12-01"})]
    # without a sheet of that name, the first sheet is read
    assert read_table(str(path), sheet="devices").headers == ["ignored"]


def test_cell_text():
    assert cell_text(None) == "" and cell_text(3.5) == "3.5" and cell_text(" a ") == "a" and cell_text(False) == "no"


@pytest.mark.parametrize("name, content, message", [
    ("missing.csv", None, "missing.csv: file not found"),
    ("missing.xlsx", None, "missing.xlsx: file not found"),
    ("empty.csv", b"", "empty.csv: the file is empty (row 1 must hold the column headers)"),
    ("broken.xlsx", b"not a zip", "broken.xlsx: cannot read the workbook: File is not a zip file"),
    ("users.ods", b"x", "users.ods: unsupported file type '.ods' (use .csv or .xlsx)"),
    ("blank.csv", b",,\n1,2,3\n", "blank.csv: row 1 holds no column headers"),
])
def test_unreadable_files_name_the_file(tmp_path, name, content, message):
    if content is not None:
        (tmp_path / name).write_bytes(content)
    with pytest.raises(SourceError) as caught:
        read_table(str(tmp_path / name), file=name)
    assert str(caught.value) == message


def test_xlsx_header_row_required(tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", [[None, None], ["201", "x"]])
    with pytest.raises(SourceError, match=r"^x.xlsx: row 1 of the sheet holds no column headers$"):
        read_table(str(path), file="x.xlsx")
