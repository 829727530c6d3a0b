# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The contract file: shape, merged Apidog variants, and freshness against the spec."""
from __future__ import annotations

import importlib.util
import json
import os

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONTRACT = os.path.join(REPO, "lab", "contract", "ns-api-v2.contract.json")
SPEC = os.environ.get("NS_API_SPEC", os.path.join(os.path.dirname(REPO), "shared", "reference", "netsapiens", "netsapiens-api-v2.json"))


def _generator():
    spec = importlib.util.spec_from_file_location("gen_contract", os.path.join(REPO, "scripts", "gen_contract.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def contract():
    with open(CONTRACT, encoding="utf-8") as handle:
        return json.load(handle)


def test_every_collection_operation_is_in_the_contract(contract):
    assert contract["not_in_spec"] == []
    assert len(contract["operations"]) == len(_generator().OPERATIONS)
    users = contract["operations"]["POST /domains/{domain}/users"]
    assert users["success"] == [200, 202]
    fields = users["body"]["application/json"]["fields"]
    assert fields["user-scope"]["enum"][0] == "Advanced User"
    assert "domain" not in fields


def test_variants_are_merged(contract):
    tokens = contract["operations"]["POST /tokens"]
    assert len(tokens["variants"]) == 3
    body = tokens["body"]["application/json"]
    assert {"refresh_token", "username", "password"} <= set(body["fields"])
    assert body["required"] == ["client_id", "client_secret", "grant_type"]
    greetings = contract["operations"]["POST /domains/{domain}/users/{user}/greetings"]
    assert sorted(greetings["body"]) == ["application/json", "multipart/form-data"]
    assert greetings["body"]["multipart/form-data"]["fields"]["File"]["format"] == "binary"


@pytest.mark.skipif(not os.path.exists(SPEC), reason="vendor spec not available")
def test_checked_in_contract_matches_the_spec():
    generator = _generator()
    with open(SPEC, "rb") as handle:
        raw = handle.read()
    built = generator.render(generator.build_contract(json.loads(raw), raw, os.path.basename(SPEC)))
    with open(CONTRACT, encoding="utf-8") as handle:
        assert handle.read() == built
    assert generator.render(generator.build_contract(json.loads(raw), raw, os.path.basename(SPEC))) == built
