# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shipped templates match the column definition the reader uses."""
from __future__ import annotations

from pathlib import Path

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.columns import TEMPLATES
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.tables import read_table
from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.templates import template_files

SHIPPED = Path(__file__).resolve().parents[4] / "roles" / "collect" / "files" / "partner-templates"


def test_generation_is_deterministic():
    assert template_files() == template_files()


@pytest.mark.parametrize("name", sorted(template_files()))
def test_checked_in_templates_are_current(name):
    path = SHIPPED / name
    assert path.exists(), "%s is missing: run scripts/make_partner_templates.py" % path
    assert path.read_bytes() == template_files()[name], "%s is stale: run scripts/make_partner_templates.py" % path


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_reader_reads_the_template_headers(kind, suffix):
    table = read_table(str(SHIPPED / ("%s.%s" % (kind, suffix))), sheet=kind)
    assert table.headers == [column.name for column in TEMPLATES[kind]] and table.rows == []
