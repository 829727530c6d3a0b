# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write the partner spreadsheet templates shipped in roles/collect/files/partner-templates/.

The columns come from plugins/module_utils/sources/spreadsheets/columns.py, the same
definition the reader uses; run this after changing it (tests fail while the checked-in
templates are stale):

    .venv/bin/python scripts/make_partner_templates.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DEST = REPO / "roles" / "collect" / "files" / "partner-templates"


def _import_path():
    """A directory holding ansible_collections/ucaas/migration (the checkout itself)."""
    link = REPO / ".collections" / "ansible_collections" / "ucaas" / "migration"
    if not link.exists():
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(REPO, link, target_is_directory=True)
    return str(REPO / ".collections")


def main(argv):
    sys.path.insert(0, _import_path())
    from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.templates import write_templates
    dest = Path(argv[1]) if len(argv) > 1 else DEFAULT_DEST
    changed = write_templates(str(dest))
    for name in changed:
        print("wrote %s" % (dest / name))
    if not changed:
        print("templates in %s are up to date" % dest)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
