# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers that write small CSV/XLSX files and collect them (imported by the tests of this folder)."""
from __future__ import annotations

import openpyxl
import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import format_row_problem
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.collect import collect_files

COLLECTED_AT = "2026-11-25T18:00:00Z"


def write_csv(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path, rows, sheet="Sheet1"):
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    workbook.save(path)
    return path


class Collector:
    def __init__(self, base):
        self.base = base

    def __call__(self, *files, **options):
        options.setdefault("collected_at", COLLECTED_AT)
        options.setdefault("dest", str(self.base / "state"))
        return collect_files([{"path": name, "kind": kind} for name, kind in files], base_dir=str(self.base), **options)

    @staticmethod
    def lines(result):
        return [format_row_problem(problem) for problem in result["problems"]]


@pytest.fixture
def collect(tmp_path):
    return Collector(tmp_path)
