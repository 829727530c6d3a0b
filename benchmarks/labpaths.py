# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Import paths of the benchmarks: the collection (``ansible_collections.ucaas.migration``) and the lab."""
from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def collection_root():
    """A directory holding ``ansible_collections/ucaas/migration`` for this checkout (linked like tests/conftest.py does)."""
    if REPO.parts[-3:-1] == ("ansible_collections", "ucaas"):
        return REPO.parents[2]
    root = REPO / ".collections"
    link = root / "ansible_collections" / "ucaas" / "migration"
    if not link.exists():
        link.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.symlink(REPO, link, target_is_directory=True)
        except FileExistsError:
            pass
    return root


def bootstrap():
    for entry in (str(collection_root()), str(REPO / "lab")):
        if entry not in sys.path:
            sys.path.insert(0, entry)
