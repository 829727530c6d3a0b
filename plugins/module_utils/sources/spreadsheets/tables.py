# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read a CSV or XLSX file as rows keyed by normalized header.

Exports and partner sheets differ in header case, spacing, byte-order marks and column
order, and usually end in blank rows; all of that is absorbed here so the mappers see
``{"first_name": "Alice", ...}`` with the row number the partner sees in the sheet
(header = row 1).
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re

try:
    import openpyxl
    HAS_OPENPYXL = True
    OPENPYXL_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - exercised only without the library
    openpyxl = None
    HAS_OPENPYXL = False
    OPENPYXL_IMPORT_ERROR = exc

from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import SourceError

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


def normalize_header(text):
    """``' First Name '`` / ``'FIRST-NAME'`` / ``'\\ufefffirst_name'`` -> ``first_name``."""
    text = str(text or "").replace("\ufeff", "").strip().lower()
    return _NOT_ALNUM.sub("_", text).strip("_")


class Row:
    """One data row: ``number`` as the partner sees it, ``values`` keyed by normalized header."""

    def __init__(self, file, number, values):
        self.file = file
        self.number = number
        self.values = values

    def get(self, column):
        return self.values.get(column, "")


class Table:
    """The rows of one file; ``headers`` are the normalized headers in file order."""

    def __init__(self, file, headers, rows):
        self.file = file
        self.headers = headers
        self.rows = rows


def cell_text(value):
    """A spreadsheet cell as text: integers without ``.0``, booleans as yes/no, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        # spreadsheets store a date as midnight of that day
        return value.date().isoformat() if value.time() == datetime.time(0) else value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value).strip()


def _table(file, header_cells, data_rows):
    headers = [normalize_header(cell) for cell in header_cells]
    if not any(headers):
        raise SourceError("%s: row 1 holds no column headers" % file)
    rows = []
    for number, cells in data_rows:
        values = {}
        for index, header in enumerate(headers):
            # an empty header (trailing separators of some exports) carries no data;
            # a repeated header keeps its first column
            if not header or header in values:
                continue
            values[header] = cell_text(cells[index]) if index < len(cells) else ""
        if any(values.values()):
            rows.append(Row(file, number, values))
    return Table(file, [header for header in headers if header], rows)


def _decode(raw, file):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceError("%s: the file is neither UTF-8 nor Windows-1252 text" % file)


def _delimiter(first_line):
    # Spreadsheet programs in some locales save CSV with ';' or tabs.
    counts = dict((candidate, first_line.count(candidate)) for candidate in (",", ";", "\t"))
    best = max(counts, key=lambda candidate: counts[candidate])
    return best if counts[best] else ","


def read_csv(path, file):
    try:
        with open(path, "rb") as handle:
            text = _decode(handle.read(), file)
    except FileNotFoundError:
        raise SourceError("%s: file not found" % file)
    except (IOError, OSError) as exc:
        raise SourceError("%s: cannot read the file: %s" % (file, exc.strerror or exc))
    lines = text.splitlines()
    if not lines:
        raise SourceError("%s: the file is empty (row 1 must hold the column headers)" % file)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(lines[0])))
    except csv.Error as exc:
        raise SourceError("%s: not a readable CSV file: %s" % (file, exc))
    if not records:
        raise SourceError("%s: the file is empty (row 1 must hold the column headers)" % file)
    return _table(file, records[0], [(index + 2, record) for index, record in enumerate(records[1:])])


def read_xlsx(path, file, sheet=None):
    """Read the sheet named ``sheet`` when the workbook has one, else the first sheet."""
    if not HAS_OPENPYXL:
        raise SourceError("%s: reading XLSX files needs the Python library openpyxl" % file)
    if not os.path.exists(path):
        raise SourceError("%s: file not found" % file)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and XML errors alike
        raise SourceError("%s: cannot read the workbook: %s" % (file, exc))
    try:
        names = workbook.sheetnames
        worksheet = workbook[sheet] if sheet in names else workbook[names[0]]
        records = [list(record) for record in worksheet.iter_rows(values_only=True)]
    except Exception as exc:
        raise SourceError("%s: cannot read the workbook: %s" % (file, exc))
    finally:
        workbook.close()
    if not records or not any(cell_text(cell) for cell in records[0]):
        raise SourceError("%s: row 1 of the sheet holds no column headers" % file)
    return _table(file, records[0], [(index + 2, record) for index, record in enumerate(records[1:])])


def read_table(path, file=None, sheet=None):
    """Read ``path`` (CSV or XLSX by its suffix); ``file`` is the name used in messages."""
    file = file or path
    suffix = os.path.splitext(path)[1].lower()
    if suffix in XLSX_SUFFIXES:
        return read_xlsx(path, file, sheet=sheet)
    if suffix in CSV_SUFFIXES:
        return read_csv(path, file)
    raise SourceError("%s: unsupported file type %r (use .csv or .xlsx)" % (file, suffix or path))
