# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ns_timeframe against the lab: entry lists, type conversion, engine-side read-back."""
from __future__ import annotations

import pytest

from nslab.counters import request_delta, write_requests

from ansible_collections.ucaas.migration.plugins.modules import ns_timeframe

nslab_seeds = pytest.importorskip("nslab.seeds")

DOMAIN = "frames.example"
LIST = "GET /ns-api/v2/domains/{domain}/timeframes"


@pytest.fixture
def lab(ns_lab):
    # Seeds "Business Hours" (days-of-week) and "Holidays" (specific-dates).
    ns_lab.load_seed(nslab_seeds.synthetic_domain(domain=DOMAIN, users=2, queues=0, attendants=0, dids=0))
    return ns_lab


def _args(lab, **kwargs):
    return dict({"url": lab.url, "api_key": lab.admin_api_key, "domain": DOMAIN}, **kwargs)


WEEKDAYS = {"timeframe-weekly-monday-begin-time-1": "0800", "timeframe-weekly-monday-end-time-1": "1800",
            "timeframe-recurrence-type": "weekly"}
NEW_YEAR = {"timeframe-specific-dates-begin-date": "20270101", "timeframe-specific-dates-begin-time": "0000",
            "timeframe-specific-dates-end-date": "20270101", "timeframe-specific-dates-end-time": "2359",
            "timeframe-recurrence-type": "doesNotRecur"}


def test_create_update_rerun_and_gathered(run_module, lab):
    config = [{"name": "Business Hours", "type": "days-of-week", "days_of_week": [WEEKDAYS]},
              {"name": "New Year", "type": "specific-dates", "specific_dates": [NEW_YEAR]}]
    checked = run_module(ns_timeframe.main, _args(lab, config=config, _ansible_check_mode=True))
    assert [entry["outcome"] for entry in checked["results"]] == ["updated", "created"]

    before = lab.stats()
    result = run_module(ns_timeframe.main, _args(lab, config=config))
    assert not result.get("failed"), result.get("msg")
    assert [entry["outcome"] for entry in result["results"]] == ["updated", "created"]
    assert write_requests(request_delta(before, lab.stats())) == {"PUT /ns-api/v2/domains/{domain}/timeframes/{id}": 1,
                                                                  "POST /ns-api/v2/domains/{domain}/timeframes": 1}

    before = lab.stats()
    again = run_module(ns_timeframe.main, _args(lab, config=config))
    assert again["changed"] is False
    delta = dict((key, count - before["requests"].get(key, 0)) for key, count in lab.stats()["requests"].items()
                 if count != before["requests"].get(key, 0))
    assert delta == {LIST: 1}

    gathered = run_module(ns_timeframe.main, _args(lab, state="gathered"))["gathered"]
    assert [item["name"] for item in gathered] == ["Business Hours", "Holidays", "New Year"]
    assert gathered[0]["days_of_week"] == [WEEKDAYS]
    assert run_module(ns_timeframe.main, _args(lab, config=gathered))["changed"] is False


def test_type_conversion_and_overridden_with_scope(run_module, lab):
    converted = run_module(ns_timeframe.main, _args(lab, config=[{"name": "Holidays", "type": "days-of-week", "days_of_week": [WEEKDAYS]}]))
    assert not converted.get("failed"), converted.get("msg")
    assert set(converted["results"][0]["changes"]) == {"type", "days_of_week"}
    overridden = run_module(ns_timeframe.main, _args(lab, state="overridden", scope={"keys": ["Holidays", "Gone"]},
                                                     config=[{"name": "Extra", "type": "always"}]))
    assert not overridden.get("failed"), overridden.get("msg")
    assert sorted((entry["key"], entry["outcome"]) for entry in overridden["results"]) == [("Extra", "created"), ("Holidays", "deleted")]
    names = [item["name"] for item in run_module(ns_timeframe.main, _args(lab, state="gathered"))["gathered"]]
    assert names == ["Business Hours", "Extra"]


def test_missing_type_on_create_fails_only_that_item(run_module, lab):
    result = run_module(ns_timeframe.main, _args(lab, config=[{"name": "No Type"}, {"name": "Always", "type": "always"}]))
    assert result["failed"]
    assert result["msg"].splitlines()[1] == "timeframe No Type: cannot create it: missing type (required to create a timeframe)"
    assert result["results"][1]["outcome"] == "created"
