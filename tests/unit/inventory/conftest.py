# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for the canonical inventory tests."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
EXAMPLE_INVENTORY = REPO / "inventories" / "example-state" / "northwind-dental" / "inventory.json"


@pytest.fixture(scope="session")
def example_text():
    return EXAMPLE_INVENTORY.read_text(encoding="utf-8")


@pytest.fixture
def example(example_text):
    """A fresh copy of the example inventory (valid, already normalized)."""
    return copy.deepcopy(json.loads(example_text))
