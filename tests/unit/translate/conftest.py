# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inventories the translation tests plan: Northwind (FreePBX) and Acme Dental Group (collected from the lab)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
NORTHWIND_DIR = REPO / "inventories" / "example-state" / "northwind-dental"
ACME_SEED = REPO / "lab" / "seeds" / "acme-dental-group.json"


@pytest.fixture(scope="session")
def northwind_data():
    return json.loads((NORTHWIND_DIR / "inventory.json").read_text(encoding="utf-8"))


@pytest.fixture
def northwind(northwind_data):
    return copy.deepcopy(northwind_data)


@pytest.fixture
def acme(ns_lab, run_module, tmp_path):
    """Acme Dental Group as the NetSapiens adapter collects it from the lab."""
    from ansible_collections.ucaas.migration.plugins.modules import netsapiens_collect

    ns_lab.load_seed(str(ACME_SEED))
    result = run_module(netsapiens_collect.main, {"url": ns_lab.url, "api_key": ns_lab.readonly_api_key, "domain": "acmedental.lab",
                                                  "dest": str(tmp_path)})
    assert not result.get("failed"), result.get("msg")
    return result["inventory"], result["secrets"], tmp_path
