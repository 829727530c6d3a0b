# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the finalize_port playbook tests."""
from __future__ import annotations

import pytest
from finalize_support import Migration
from lab_migration import ACME_SEED


@pytest.fixture
def migration(tmp_path, ns_lab_factory, run_playbook):
    """A :class:`Migration` on a strict lab seeded with Acme Dental Group (its old domain ``acmedental.lab``)."""
    lab = ns_lab_factory(seed=str(ACME_SEED), strict=True)
    return Migration(tmp_path / "partner", lab, run_playbook)
