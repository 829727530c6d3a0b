# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Both sides of the examples: Northwind (canonical inventory) and Acme Dental Group (the lab's seed, both ways)."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
NORTHWIND = REPO / "inventories" / "example-state" / "northwind-dental" / "inventory.json"
ACME_SEED = REPO / "lab" / "seeds" / "acme-dental-group.json"
ACME_DOMAIN = "acmedental.lab"


@pytest.fixture(scope="session")
def northwind_data():
    return json.loads(NORTHWIND.read_text(encoding="utf-8"))


@pytest.fixture
def northwind(northwind_data):
    return copy.deepcopy(northwind_data)


@pytest.fixture
def acme(ns_lab, tmp_path):
    """``(inventory, target objects)``: the collect adapter's inventory and gather_domain's objects of the seeded lab."""
    from ansible_collections.ucaas.migration.plugins.module_utils.client.api import NsApiClient
    from ansible_collections.ucaas.migration.plugins.module_utils.client.gather import gather_domain
    from ansible_collections.ucaas.migration.plugins.module_utils.sources.netsapiens.adapter import collect_netsapiens

    ns_lab.load_seed(str(ACME_SEED))
    client = NsApiClient(ns_lab.url, api_key=ns_lab.readonly_api_key)
    objects = gather_domain(client, ACME_DOMAIN)
    collected = collect_netsapiens(client, ACME_DOMAIN, str(tmp_path), collected_at="2026-11-20T00:00:00Z")
    return collected["inventory"], objects
