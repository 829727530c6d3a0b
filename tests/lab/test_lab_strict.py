# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Strict mode rejects what the vendor spec does not define, and records it."""
from __future__ import annotations

import pytest


USER = {"user": "1000", "name-first-name": "Ada", "name-last-name": "Byron"}


@pytest.mark.lab_allow_violations
def test_unknown_field_wrong_type_and_bad_enum_are_400(api, ns_lab):
    unknown = api.post("/domains/acme.lab/users", dict(USER, **{"first_name": "Ada"}))
    assert unknown.status_code == 400 and "first_name" in unknown.json()["message"]
    wrong_type = api.post("/domains/acme.lab/users", dict(USER, **{"ring-no-answer-timeout-seconds": "25"}))
    assert wrong_type.status_code == 400
    bad_enum = api.post("/domains/acme.lab/users", dict(USER, **{"user-scope": "Emperor"}))
    assert bad_enum.status_code == 400
    nested = api.post("/domains/acme.lab/users/1000/answerrules", {"time-frame": "*", "forward-always": {"enabled": "maybe"}})
    assert nested.status_code == 400
    too_many = api.get("/domains/acme.lab/users", params={"limit": 5000})
    assert too_many.status_code == 400
    violations = ns_lab.stats()["contract_violations"]
    assert {(v["field"], v["path"]) for v in violations} >= {
        ("first_name", "/ns-api/v2/domains/{domain}/users"),
        ("ring-no-answer-timeout-seconds", "/ns-api/v2/domains/{domain}/users"),
        ("user-scope", "/ns-api/v2/domains/{domain}/users"),
        ("forward-always.enabled", "/ns-api/v2/domains/{domain}/users/{user}/answerrules"),
        ("limit", "/ns-api/v2/domains/{domain}/users"),
    }
    assert all(v["method"] in ("POST", "GET") and v["reason"] for v in violations)
    assert api.get("/domains/acme.lab/users/count").json() == {"total": 0}


def test_valid_requests_record_no_violation(api, ns_lab):
    assert api.post("/domains/acme.lab/users", dict(USER, **{"ring-no-answer-timeout-seconds": 25, "user-scope": "Office Manager"})).status_code == 202
    assert ns_lab.stats()["contract_violations"] == []


def test_non_strict_lab_accepts_unknown_fields(ns_lab_factory, make_api, base_seed):
    lab = ns_lab_factory(strict=False, seed=base_seed)
    answer = make_api(lab).post("/domains/acme.lab/users", dict(USER, first_name="Ada"))
    assert answer.status_code == 202
    assert lab.stats()["contract_violations"] == []
    assert len(make_api(lab).get("/domains/acme.lab/users", params={"limit": 5000}).json()) == 1


def test_seed_is_checked_against_the_contract(ns_lab):
    bad = {"domains": [{"domain": "x.lab", "reseller": "r", "description": "x", "colour": "blue"}], "resellers": [{"reseller": "r"}]}
    with pytest.raises(ValueError, match=r"domains\[0\]: colour"):
        ns_lab.load_seed(bad)
