# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

from spreadsheet_helpers import collect  # noqa: F401  pylint: disable=unused-import
