"""Test bootstrap shared by every pytest suite of the collection.

Makes ``ansible_collections.ucaas.migration`` importable from a plain checkout
(the repository root is the collection root) and puts the lab emulator
(``lab/nslab``) on the path, then loads the lab's pytest plugin so every test can
ask for a running emulator.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _collection_parent() -> Path:
    """Return a directory that holds ``ansible_collections/ucaas/migration``."""
    parts = REPO.parts
    if len(parts) >= 3 and parts[-3:-1] == ("ansible_collections", "ucaas") and parts[-1] == "migration":
        return REPO.parent.parent.parent
    root = REPO / ".collections"
    link = root / "ansible_collections" / "ucaas" / "migration"
    if not link.exists():
        link.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.symlink(REPO, link, target_is_directory=True)
        except FileExistsError:
            pass
    return root


for entry in (str(_collection_parent()), str(REPO / "lab")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

pytest_plugins = ["nslab.pytest_plugin"]
