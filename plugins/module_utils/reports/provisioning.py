# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The provisioning sheet: every phone of the customer, what it becomes and how it reaches the new server.

One row per phone (sorted by MAC, phones without a MAC last by source id): MAC, model,
extension per line, provisioning server, redirect method, whether someone must be onsite,
and its status - ``provisioned``, ``failed`` (the platform refused it), ``to provision``
(nothing applied yet), ``unsupported``, ``unknown model``, ``excluded`` or ``blocked`` with
the reason. The same rows render to CSV, XLSX and HTML, so the three always agree; the
same input always gives the same bytes (the workbook's dates are the inventory's
collection time, its zip entries carry a fixed timestamp).
"""

from __future__ import annotations

import io

from ansible_collections.ucaas.migration.plugins.module_utils.reports import html as html_page
from ansible_collections.ucaas.migration.plugins.module_utils.reports.export import (
    _append_row, _created, _stable_zip, HAS_OPENPYXL, render_csv,
)

try:
    from openpyxl import Workbook
    from openpyxl.styles import Font
except ImportError:  # pragma: no cover - reported by the module through HAS_OPENPYXL
    Workbook = None

CSV_NAME = "provisioning_sheet.csv"
XLSX_NAME = "provisioning_sheet.xlsx"
HTML_NAME = "provisioning_sheet.html"
COLUMNS = ("MAC", "Model", "Source model", "Extensions (line: extension)", "Site", "Location", "Provisioning server", "Redirect method",
           "Onsite needed", "Special access", "Status", "Action or reason", "Source id")
NOT_CARRIED_COLUMNS = ("Source id", "MAC", "Setting", "Source value", "Why it is not carried")
REDIRECT_TEXT = {"vendor_redirect": "vendor redirect", "dhcp_option": "DHCP option", "manual": "manual entry",
                 "onsite_factory_reset": "onsite factory reset"}
STATUS_TEXT = {"to_provision": "to provision", "unsupported": "unsupported", "unknown": "unknown model", "excluded": "excluded",
               "blocked": "blocked"}
PROVISIONED_OUTCOMES = ("created", "updated", "unchanged")


def phone_status(entry, results_by_mac):
    """(status, detail) of an entry after ns_phone ran: provisioned / failed / skipped, else the planned status."""
    if entry["status"] != "to_provision":
        return STATUS_TEXT.get(entry["status"], entry["status"]), entry.get("reason") or ""
    result = results_by_mac.get(entry.get("mac"))
    if result is None:
        return "to provision", entry.get("action") or ""
    if result.get("outcome") in PROVISIONED_OUTCOMES:
        return "provisioned", entry.get("action") or ""
    return result.get("outcome") or "failed", result.get("msg") or ""


def _extensions(entry):
    return ", ".join("%s: %s" % (line.get("line"), line.get("extension") or "?") for line in entry.get("lines") or [])


def _redirect(entry):
    text = REDIRECT_TEXT.get(entry.get("redirect"), entry.get("redirect") or "")
    if entry.get("redirect") == "vendor_redirect" and entry.get("redirect_service"):
        text += " (%s)" % entry["redirect_service"]
    return text


def _source_model(entry):
    return " ".join(str(part) for part in (entry.get("brand"), entry.get("model")) if part)


def sheet_rows(entries, results_by_mac):
    """The sheet's rows, one per phone, sorted by MAC (phones without a MAC last, by source id)."""
    rows = []
    for entry in sorted(entries, key=lambda item: (item.get("mac") is None, item.get("mac") or "", str(item.get("source_id")))):
        status, detail = phone_status(entry, results_by_mac)
        server = entry.get("provisioning_url") or entry.get("server") or ""
        rows.append([entry.get("mac") or "", entry.get("target_model") or entry.get("catalog_name") or "", _source_model(entry), _extensions(entry),
                     entry.get("site") or "", entry.get("location") or "", server, _redirect(entry) if entry["status"] == "to_provision" else "",
                     "yes" if entry.get("onsite") and entry["status"] == "to_provision" else "no",
                     "yes" if entry.get("special_access") and entry["status"] == "to_provision" else "no", status, detail,
                     str(entry.get("source_id"))])
    return rows


def not_carried_rows(entries):
    rows = []
    for entry in sorted(entries, key=lambda item: str(item.get("source_id"))):
        for item in entry.get("not_carried") or []:
            value = item.get("value")
            rows.append([str(entry.get("source_id")), entry.get("mac") or "", item.get("setting"), "" if value is None else str(value),
                         item.get("reason")])
    return rows


def status_counts(rows):
    counts = {}
    for row in rows:
        counts[row[10]] = counts.get(row[10], 0) + 1
    return sorted(counts.items())


def render_csv_sheet(rows):
    return render_csv(COLUMNS, rows)


def render_xlsx_sheet(rows, carried_rows, title, collected_at=None):
    """The workbook as bytes: Phones, Not provisioned (for the partner), Settings not carried, Summary."""
    if not HAS_OPENPYXL or Workbook is None:
        raise RuntimeError("openpyxl is required to write the XLSX provisioning sheet")
    workbook = Workbook()
    sheets = (("Phones", COLUMNS, rows), ("Not provisioned", COLUMNS, [row for row in rows if row[10] not in ("provisioned", "to provision")]),
              ("Settings not carried", NOT_CARRIED_COLUMNS, carried_rows))
    first = True
    for name, columns, sheet_data in sheets:
        sheet = workbook.active if first else workbook.create_sheet(name)
        sheet.title = name
        first = False
        _append_row(sheet, list(columns))
        for index in range(1, len(columns) + 1):
            header = sheet.cell(row=1, column=index)
            header.font = Font(bold=True)
            sheet.column_dimensions[header.column_letter].width = 20
        for row in sheet_data:
            _append_row(sheet, row)
        sheet.freeze_panes = "A2"
    summary = workbook.create_sheet("Summary")
    _append_row(summary, [title, ""])
    _append_row(summary, ["Status", "Phones"])
    for status, count in status_counts(rows):
        _append_row(summary, [status, count])
    created = _created({"collected_at": collected_at})
    workbook.properties.creator = "ucaas.migration"
    workbook.properties.lastModifiedBy = "ucaas.migration"
    workbook.properties.title = title
    workbook.properties.created = created
    workbook.properties.modified = created
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _stable_zip(buffer.getvalue(), created)


def render_html_sheet(rows, carried_rows, title, domain=None):
    parts = [html_page.table(None, [("Domain", domain or ""), ("Phones", len(rows))], css_class="meta")]
    parts.append("<h2>Status</h2>")
    parts.append(html_page.table(("Status", "Phones"), status_counts(rows)))
    parts.append("<h2>Phones</h2>")
    parts.append(html_page.table(COLUMNS, rows))
    left_out = [row for row in rows if row[10] not in ("provisioned", "to provision")]
    parts.append("<h2>Not provisioned: what we need from you</h2>")
    if left_out:
        parts.append("<p>These phones are not provisioned on the new platform. Each row says why: replace unsupported models, tell us the "
                     "model of unknown ones, and correct the MACs and lines named.</p>")
        parts.append(html_page.table(COLUMNS, left_out))
    else:
        parts.append("<p>Every phone is provisioned.</p>")
    parts.append("<h2>Settings not carried</h2>")
    if carried_rows:
        parts.append('<p class="note">Phone settings of the old system that the new platform does not take over, with the reason.</p>')
        parts.append(html_page.table(NOT_CARRIED_COLUMNS, carried_rows))
    else:
        parts.append("<p>Every phone setting collected is carried.</p>")
    return html_page.document(title, parts)


def render_sheet(entries, phone_results=(), title="Provisioning sheet", domain=None, collected_at=None):
    """``{file name: content}`` of the CSV, XLSX and HTML sheet, plus the rows (for the module's return)."""
    results_by_mac = dict((str(result.get("key")), result) for result in phone_results or [] if isinstance(result, dict))
    rows = sheet_rows(entries, results_by_mac)
    carried_rows = not_carried_rows(entries)
    files = {
        CSV_NAME: render_csv_sheet(rows),
        XLSX_NAME: render_xlsx_sheet(rows, carried_rows, title, collected_at),
        HTML_NAME: render_html_sheet(rows, carried_rows, title, domain),
    }
    return files, [dict(zip(COLUMNS, row)) for row in rows]
