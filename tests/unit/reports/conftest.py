# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[3] / "inventories" / "example-state" / "northwind-dental" / "inventory.json"
# Values in the example's vault; none may appear in an artifact.
EXAMPLE_SECRET_VALUES = ("4821",)


@pytest.fixture(name="example")
def example_fixture():
    return copy.deepcopy(json.loads(EXAMPLE.read_text()))
