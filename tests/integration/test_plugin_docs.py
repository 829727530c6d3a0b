# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every module and filter renders with ansible-doc, as an engineer would read it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ANSIBLE_DOC = Path(sys.executable).with_name("ansible-doc")


def _plugins(kind: str) -> list[str]:
    folder = REPO / "plugins" / kind
    if kind == "filter":
        # Filter documentation lives in one YAML file per filter name.
        return sorted(p.stem for p in folder.glob("*.yml"))
    return sorted(p.stem for p in folder.glob("*.py") if not p.name.startswith("_"))


def _ansible_doc(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(REPO / ".collections"), ANSIBLE_NOCOLOR="1")
    return subprocess.run([str(ANSIBLE_DOC), *args], capture_output=True, text=True, env=env, check=False, timeout=120)


def test_collection_has_documented_plugins():
    assert _plugins("modules"), "no modules found"


@pytest.mark.parametrize(("kind", "name"), [("module", n) for n in _plugins("modules")] + [("filter", n) for n in _plugins("filter")])
def test_ansible_doc_renders(kind, name):
    fqcn = f"ucaas.migration.{name}"
    text = _ansible_doc("-t", kind, fqcn)
    assert text.returncode == 0, text.stderr
    assert fqcn in text.stdout
    data = json.loads(_ansible_doc("-t", kind, "--json", fqcn).stdout)[fqcn]
    doc = data["doc"]
    assert doc.get("short_description"), f"{fqcn} has no short_description"
    assert data.get("examples"), f"{fqcn} has no EXAMPLES"
    assert data.get("return"), f"{fqcn} has no RETURN"
