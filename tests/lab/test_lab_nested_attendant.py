# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Nested auto attendant tiers: their options take the full option definition (x-apidog-refs), as top-level ones do."""
from __future__ import annotations

import json
import os

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONTRACT = os.path.join(REPO, "lab", "contract", "ns-api-v2.contract.json")

SUB_MENU = {"attendant-name": "Main", "user": "7000", "time-frame": "*", "auto-attendant": {
    "option-1": {"description": "Sales", "auto-attendant": {
        "audio": {"ordinal-order": 2, "file-script-text": "Sales menu"},
        "option-1": {"destination-application": "to-user", "destination-user": "1000", "description": "Ada"}}}}}


def test_nested_tier_options_reference_the_option_schema():
    with open(CONTRACT, encoding="utf-8") as handle:
        contract = json.load(handle)
    nested = contract["schemas"]["AutoAttendantTierOption"]["fields"]["auto-attendant"]["fields"]
    assert nested["option-1"] == {"ref": "AutoAttendantTierOption", "type": ["object"]}
    assert {"destination-user", "description"} <= set(contract["schemas"]["AutoAttendantTierOption"]["fields"])


def test_sub_menu_option_with_destination_user_is_accepted(api, ns_lab):
    assert api.post("/domains/acme.lab/autoattendants", SUB_MENU).status_code == 202
    stored = api.get("/domains/acme.lab/autoattendants").json()[0]
    assert stored["auto-attendant"]["option-1"]["auto-attendant"]["option-1"]["destination-user"] == "1000"
    assert ns_lab.stats()["contract_violations"] == []


@pytest.mark.lab_allow_violations
def test_unknown_field_in_a_nested_option_is_still_refused(api, ns_lab):
    body = json.loads(json.dumps(SUB_MENU))
    body["auto-attendant"]["option-1"]["auto-attendant"]["option-1"]["colour"] = "blue"
    answer = api.post("/domains/acme.lab/autoattendants", body)
    assert answer.status_code == 400 and "colour" in answer.json()["message"]
