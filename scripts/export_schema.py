# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write the canonical inventory JSON Schema to docs/schema/inventory-v1.json.

The schema's source of truth is plugins/module_utils/inventory/schema.py (modules need
it at runtime); this file is the published copy.  ``--check`` exits 1 when the published
copy is stale, for CI.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "docs" / "schema" / "inventory-v1.json"


def _import_path():
    """A directory holding ansible_collections/ucaas/migration (``make bootstrap`` links .collections/)."""
    if REPO.parts[-3:-1] == ("ansible_collections", "ucaas"):
        return REPO.parents[2]
    if not (REPO / ".collections" / "ansible_collections" / "ucaas" / "migration").exists():
        sys.exit("run `make bootstrap` first: it links .collections/ansible_collections/ucaas/migration to this checkout")
    return REPO / ".collections"


def render():
    """The schema as the published JSON text."""
    sys.path.insert(0, str(_import_path()))
    from ansible_collections.ucaas.migration.plugins.module_utils.inventory.schema import INVENTORY_SCHEMA
    return json.dumps(INVENTORY_SCHEMA, indent=2, ensure_ascii=False) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether %s is up to date" % TARGET.relative_to(REPO))
    parser.add_argument("--output", type=Path, default=TARGET, help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)
    text = render()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            print("%s is stale; run scripts/export_schema.py" % args.output, file=sys.stderr)
            return 1
        print("%s is up to date" % args.output)
        return 0
    if current != text:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print("wrote %s" % args.output)
    else:
        print("%s is up to date" % args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
