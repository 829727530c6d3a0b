# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write the partner templates (CSV and XLSX) from :data:`columns.TEMPLATES`, byte for byte reproducibly."""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
import zipfile

try:
    import openpyxl
    from openpyxl.styles import Font
    HAS_OPENPYXL = True
except ImportError:  # pragma: no cover - the generator runs with the dev requirements
    openpyxl = None
    Font = None
    HAS_OPENPYXL = False

from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.columns import TEMPLATES

# A fixed stamp for the workbook properties and zip entries: the same definition gives
# the same bytes, so a stale checked-in template is caught by comparing files.
FIXED_TIME = datetime.datetime(2026, 1, 1, 0, 0, 0)
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def csv_bytes(kind):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([column.name for column in TEMPLATES[kind]])
    return out.getvalue().encode("utf-8")


def xlsx_bytes(kind):
    columns = TEMPLATES[kind]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = kind
    sheet.append([column.name for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = max(12, len(column.name) + 4)
    about = workbook.create_sheet("columns")
    about.append(["column", "required", "description", "example"])
    for cell in about[1]:
        cell.font = Font(bold=True)
    for column in columns:
        about.append([column.name, "yes" if column.required else "no", column.description, column.example])
    about.column_dimensions["C"].width = 90
    about.column_dimensions["D"].width = 32
    workbook.properties.creator = "ucaas.migration"
    workbook.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _repack(buffer.getvalue())


def _repack(data):
    """Rewrite the archive with fixed timestamps (openpyxl stamps the save time)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(rb"\g<1>2026-01-01T00:00:00Z\g<3>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


def template_files():
    """File name -> bytes of every template."""
    files = {}
    for kind in sorted(TEMPLATES):
        files["%s.csv" % kind] = csv_bytes(kind)
        files["%s.xlsx" % kind] = xlsx_bytes(kind)
    return files


def write_templates(directory):
    """Write the templates into ``directory``; returns the names of the files that changed."""
    os.makedirs(directory, exist_ok=True)
    changed = []
    for name, content in sorted(template_files().items()):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            with open(path, "rb") as handle:
                if handle.read() == content:
                    continue
        with open(path + ".tmp", "wb") as handle:
            handle.write(content)
        os.replace(path + ".tmp", path)
        changed.append(name)
    return changed
