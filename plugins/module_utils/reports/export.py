# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inventory export the partner receives: XLSX workbook, CSV files, HTML page.

All three come from :mod:`tables`, so they always agree.  The renderers are pure
functions returning bytes/text; writing is the caller's business (``artifacts``).  The
same inventory always renders to the same bytes: the workbook's properties are fixed and
its zip entries carry a fixed timestamp.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import datetime

from ansible_collections.ucaas.migration.plugins.module_utils.reports import html as html_page
from ansible_collections.ucaas.migration.plugins.module_utils.reports.tables import summary, tables

try:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    HAS_OPENPYXL = True
    OPENPYXL_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported by the module
    HAS_OPENPYXL = False
    OPENPYXL_IMPORT_ERROR = exc

XLSX_NAME = "inventory_export.xlsx"
HTML_NAME = "inventory_export.html"
CSV_DIR = "inventory_export_csv"
SUMMARY_SHEET = "Summary"
NOT_COLLECTED_SHEET = "Not collected"
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
CORE_PROPERTIES = "docProps/core.xml"
_MODIFIED = re.compile(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
FALLBACK_CREATED = datetime(2026, 1, 1)


def _created(source):
    """The workbook's created/modified date: when the inventory was collected (stable per inventory)."""
    stamp = (source or {}).get("collected_at")
    try:
        return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")
    except (TypeError, ValueError):
        return FALLBACK_CREATED


def summary_rows(inventory, title):
    info = summary(inventory)
    source = info["source"]
    rows = [[title, ""], ["", ""]]
    for label, key in (("Customer", "customer"), ("Source platform", "platform"), ("Source version", "version"),
                       ("Source instance", "instance"), ("Collected at (UTC)", "collected_at"), ("Time zone", "time_zone")):
        rows.append([label, source.get(key) or ""])
    rows.append(["", ""])
    rows.append(["Kind", "Count"])
    for dummy_collection, kind_title, count in info["counts"]:
        rows.append([kind_title, count])
    return rows


def render_xlsx(inventory, title="Inventory export"):
    """The workbook as bytes: Summary, one sheet per kind that has objects, Not collected."""
    if not HAS_OPENPYXL:
        raise RuntimeError("openpyxl is required to write the XLSX export")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SUMMARY_SHEET
    for row in summary_rows(inventory, title):
        _append_row(sheet, row)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 40
    for collection, kind_title, columns, rows in tables(inventory):
        sheet = workbook.create_sheet(NOT_COLLECTED_SHEET if collection == "not_collected" else kind_title)
        sheet.append(columns)
        for index in range(1, len(columns) + 1):
            header = sheet.cell(row=1, column=index)
            header.font = Font(bold=True)
            sheet.column_dimensions[header.column_letter].width = 18
        for row in rows:
            _append_row(sheet, row)
        sheet.freeze_panes = "A2"
    created = _created(summary(inventory)["source"])
    workbook.properties.creator = "ucaas.migration"
    workbook.properties.lastModifiedBy = "ucaas.migration"
    workbook.properties.title = title
    workbook.properties.created = created
    workbook.properties.modified = created
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _stable_zip(buffer.getvalue(), created)


def _append_row(sheet, row):
    number = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(row=1, column=1).value is not None else 1
    for index, value in enumerate(row, start=1):
        target = sheet.cell(row=number, column=index)
        target.value = value
        if isinstance(value, str):
            # a value such as "=1+1" or "+1215..." is text, never a formula
            target.data_type = "s"
            target.alignment = Alignment(wrap_text=len(value) > 40, vertical="top")


def _stable_zip(content, created):
    """Re-pack a zip with fixed entry timestamps and attributes, so equal content gives equal bytes.

    openpyxl stamps ``dcterms:modified`` with the time of saving whatever the properties say;
    it is set back to the created date here.
    """
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIMESTAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            data = source.read(info.filename)
            if info.filename == CORE_PROPERTIES:
                stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
                data = _MODIFIED.sub(lambda match: match.group(1) + stamp + match.group(2), data.decode("utf-8")).encode("utf-8")
            target.writestr(entry, data)
    return output.getvalue()


def render_csv(columns, rows):
    """One kind as CSV text (RFC 4180: CRLF line ends, quoted where needed)."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return stream.getvalue()


def render_csv_files(inventory):
    """``{relative file name: text}``: one CSV file per kind that has objects, plus not_collected.csv."""
    return dict(("%s/%s.csv" % (CSV_DIR, collection), render_csv(columns, rows))
                for collection, dummy_title, columns, rows in tables(inventory))


def render_html(inventory, title="Inventory export"):
    """A self-contained page (inline CSS, no external assets) for the partner."""
    info = summary(inventory)
    return html_page.page(title, info["source"], info["counts"], tables(inventory))
