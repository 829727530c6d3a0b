# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""awx/configure_awx.yml parses against the installed awx.awx collection (AWX itself is not here)."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
AWX_COLLECTION = REPO / ".collections" / "ansible_collections" / "awx" / "awx" / "MANIFEST.json"


def test_configure_awx_passes_syntax_check(run_playbook):
    if not AWX_COLLECTION.exists():
        pytest.skip("awx.awx is not installed; scripts/bootstrap.sh installs it")
    example = REPO / "inventories" / "example"
    run = run_playbook(REPO / "awx" / "configure_awx.yml", "--syntax-check", "-i", str(example),
                       "--vault-password-file", str(example / "lab-only.vault-password"))
    assert run.returncode == 0, run.stdout + run.stderr
