# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ns_domain against the lab: one /domains list per run, reseller fencing, deletes refused without reseller and scope."""
from __future__ import annotations

from collections import Counter

import pytest

from nslab.counters import request_delta, write_requests

from ansible_collections.ucaas.migration.plugins.module_utils.client.api import NsApiClient
from ansible_collections.ucaas.migration.plugins.modules import ns_domain

nslab_seeds = pytest.importorskip("nslab.seeds")

RESELLER = "lab-reseller"
DOMAINS = "GET /ns-api/v2/domains"
CREATE = "POST /ns-api/v2/domains"
UPDATE = "PUT /ns-api/v2/domains/{domain}"
DELETE = "DELETE /ns-api/v2/domains/{domain}"


def _seed():
    seed = nslab_seeds.synthetic_domain(domain="alpha.example", users=2, dids=0, queues=0, attendants=0, reseller=RESELLER)
    seed["resellers"].append({"reseller": "other-reseller", "description": "Another reseller"})
    seed["domains"].append({"domain": "trial-other.example", "reseller": "other-reseller", "description": "Not ours",
                            "caller-id-name": "Other"})
    return seed


@pytest.fixture
def lab(ns_lab):
    ns_lab.load_seed(_seed())
    return ns_lab


def _desired(count=5):
    return [{"domain": "trial-%d.example" % n, "description": "Trial customer %d" % n, "time_zone": "America/New_York",
             "area_code": 212, "caller_id_name": "Trial %d" % n, "caller_id_number": "+1 (212) 555-%04d" % n,
             "email_sender": "noreply@trial%d.example" % n, "voicemail_enabled": True, "voicemail_transcription": "Google",
             "max_users": 50, "max_callqueues": 5, "max_autoattendants": 3} for n in range(count)]


def _args(lab, **kwargs):
    return dict({"url": lab.url, "api_key": lab.admin_api_key, "max_concurrency": 4, "retry_backoff_base": 0.01,
                 "retry_backoff_cap": 0.05}, **kwargs)


def _gather(run_module, lab, **kwargs):
    result = run_module(ns_domain.main, _args(lab, state="gathered", **kwargs))
    assert not result.get("failed"), result.get("msg")
    return dict((item["domain"], item) for item in result["gathered"])


def _lab_domains(lab):
    with NsApiClient(lab.url, api_key=lab.admin_api_key) as client:
        return dict((row["domain"], row) for row in client.list_kind("domains"))


def test_merged_creates_with_the_module_reseller_then_rerun_is_unchanged_with_one_list_read(run_module, lab):
    before = lab.stats()
    result = run_module(ns_domain.main, _args(lab, reseller=RESELLER, config=_desired()))
    assert not result.get("failed"), result.get("msg")
    assert result["summary"]["created"] == 5
    assert result["results"][0]["changes"]["reseller"] == {"before": None, "after": RESELLER}
    delta = request_delta(before, lab.stats())
    assert write_requests(delta) == {CREATE: 5} and delta[DOMAINS] == 1
    stored = _lab_domains(lab)["trial-3.example"]
    assert stored["reseller"] == RESELLER and stored["limits-max-call-queues"] == 5 and stored["caller-id-number"] == "12125550003"
    assert stored["email-send-from-address"] == "noreply@trial3.example" and stored["voicemail-enabled"] == "yes"

    before = lab.stats()
    again = run_module(ns_domain.main, _args(lab, reseller=RESELLER, config=_desired()))
    assert not again.get("failed"), again.get("msg")
    assert again["changed"] is False and again["summary"]["unchanged"] == 5
    assert request_delta(before, lab.stats()) == {DOMAINS: 1}
    # Matched without regard to case.
    upper = run_module(ns_domain.main, _args(lab, config=[{"domain": "TRIAL-1.example", "description": "Trial customer 1"}]))
    assert upper["changed"] is False and upper["results"][0]["key"] == "trial-1.example"


def test_check_mode_writes_nothing(run_module, lab):
    before = lab.stats()
    config = _desired(count=2) + [{"domain": "alpha.example", "max_users": 10}]
    result = run_module(ns_domain.main, _args(lab, config=[dict(item, reseller=RESELLER) for item in config], _ansible_check_mode=True))
    assert not result.get("failed"), result.get("msg")
    assert [entry["outcome"] for entry in result["results"]] == ["created", "created", "updated"]
    assert write_requests(request_delta(before, lab.stats())) == {}


def test_missing_reseller_or_description_fails_that_domain(run_module, lab):
    result = run_module(ns_domain.main, _args(lab, config=[{"domain": "new.example", "description": "New"},
                                                           {"domain": "alpha.example", "description": "Renamed"}]))
    assert result["failed"] is True
    assert result["results"][0]["msg"] == "cannot create it: missing reseller (required to create a domain)"
    assert result["results"][1]["outcome"] == "updated"


def test_replaced_resets_omitted_options(run_module, lab):
    assert not run_module(ns_domain.main, _args(lab, reseller=RESELLER, config=_desired(count=1))).get("failed")
    result = run_module(ns_domain.main, _args(lab, state="replaced", config=[{"domain": "trial-0.example", "description": "Trial 0"}]))
    assert not result.get("failed"), result.get("msg")
    assert result["results"][0]["changes"] == {
        "description": {"before": "Trial customer 0", "after": "Trial 0"}, "caller_id_name": {"before": "Trial 0", "after": ""},
        "caller_id_number": {"before": "12125550000", "after": ""}, "email_sender": {"before": "noreply@trial0.example", "after": ""},
        "voicemail_transcription": {"before": "Google", "after": "no"}}
    current = _gather(run_module, lab)["trial-0.example"]
    assert current["max_users"] == 50 and current["time_zone"] == "America/New_York"


def test_overridden_and_scoped_delete_are_refused_without_reseller_and_scope(run_module, lab):
    before = lab.stats()
    for extra in ({}, {"reseller": RESELLER}, {"scope": {"match": "trial-.*"}}):
        refused = run_module(ns_domain.main, _args(lab, state="overridden", config=_desired(count=1), **extra))
        assert refused["failed"] and "needs the module option reseller and a scope" in refused["msg"]
    refused = run_module(ns_domain.main, _args(lab, state="deleted", config=[], scope={"match": ".*"}))
    assert refused["failed"] and "refusing" in refused["msg"]
    assert lab.stats()["total"] == before["total"]


def test_overridden_with_reseller_and_scope_never_touches_other_resellers(run_module, lab):
    assert not run_module(ns_domain.main, _args(lab, reseller=RESELLER, config=_desired(count=3))).get("failed")
    result = run_module(ns_domain.main, _args(lab, reseller=RESELLER, state="overridden", scope={"match": "trial-.*"},
                                              config=[dict(_desired(count=1)[0])]))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [
        ("trial-0.example", "unchanged"), ("trial-1.example", "deleted"), ("trial-2.example", "deleted")]
    assert sorted(_lab_domains(lab)) == ["alpha.example", "trial-0.example", "trial-other.example"]


def test_a_domain_of_another_reseller_fails_and_is_not_gathered(run_module, lab):
    result = run_module(ns_domain.main, _args(lab, reseller=RESELLER, config=[{"domain": "trial-other.example", "caller_id_name": "Mine"}]))
    assert result["failed"] is True
    assert "domain of reseller 'other-reseller'" in result["results"][0]["msg"]
    assert _lab_domains(lab)["trial-other.example"]["caller-id-name"] == "Other"
    deleted = run_module(ns_domain.main, _args(lab, reseller=RESELLER, state="deleted", config=[{"domain": "trial-other.example"}]))
    assert deleted["results"][0]["outcome"] == "skipped"
    assert sorted(_gather(run_module, lab, reseller=RESELLER)) == ["alpha.example"]
    assert sorted(_gather(run_module, lab)) == ["alpha.example", "trial-other.example"]


def test_deleted_and_gathered_round_trip(run_module, lab):
    assert not run_module(ns_domain.main, _args(lab, reseller=RESELLER, config=_desired(count=2))).get("failed")
    result = run_module(ns_domain.main, _args(lab, state="deleted", config=[{"domain": "trial-1.example"}, {"domain": "gone.example"}]))
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [("trial-1.example", "deleted"), ("gone.example", "unchanged")]
    gathered = _gather(run_module, lab, reseller=RESELLER)
    assert sorted(gathered) == ["alpha.example", "trial-0.example"]
    assert gathered["trial-0.example"]["voicemail_enabled"] is True and gathered["trial-0.example"]["area_code"] == 212
    again = run_module(ns_domain.main, _args(lab, config=list(gathered.values())))
    assert again.get("changed") is False, again


def test_bad_input_names_the_item_and_option_before_any_request(run_module, lab):
    before = lab.stats()
    result = run_module(ns_domain.main, _args(lab, config=[{"description": "No name"}, {"domain": "x.example", "voicemail_enabled": "maybe"},
                                                           {"domain": "X.example"}]))
    assert result["failed"]
    assert result["problems"] == ["config[0].domain: missing; it identifies the domain",
                                  "config[1].voicemail_enabled: expected a boolean (yes/no), got 'maybe'",
                                  "config[2].domain: 'X.example' is listed twice (also config[1])"]
    other = run_module(ns_domain.main, _args(lab, reseller=RESELLER, config=[{"domain": "y.example", "reseller": "other-reseller"}]))
    assert other["problems"] == ["config[0].reseller: 'other-reseller' differs from the module option reseller 'lab-reseller'"]
    assert lab.stats()["total"] == before["total"]


def test_diff_shows_before_and_after(run_module, lab):
    result = run_module(ns_domain.main, _args(lab, config=[{"domain": "alpha.example", "caller_id_number": "+1 212 555 0199"}],
                                              _ansible_diff=True))
    assert not result.get("failed"), result.get("msg")
    (diff,) = result["diff"]
    assert diff["before_header"] == "domain alpha.example"
    assert diff["before"]["caller_id_number"] is None and diff["after"]["caller_id_number"] == "12125550199"


def test_faults_give_the_same_result_as_a_clean_run_without_duplicates(run_module, ns_lab_factory):
    clean = ns_lab_factory(strict=True)
    faulty = ns_lab_factory(strict=True)
    for lab in (clean, faulty):
        lab.load_seed(_seed())
    faulty.set_faults(rate_limit_percent=10, error_percent={503: 10}, retry_after=0.01, rng_seed=3)
    results = [run_module(ns_domain.main, _args(lab, reseller=RESELLER, config=_desired(count=20))) for lab in (clean, faulty)]
    for result in results:
        assert not result.get("failed"), result.get("msg")
    assert results[0]["results"] == results[1]["results"]
    assert results[1]["api_stats"]["retries"] > 0
    faulty.clear_faults()
    with NsApiClient(faulty.url, api_key=faulty.admin_api_key) as client:
        names = [row["domain"] for row in client.list_kind("domains")]
    assert not [name for name, count in Counter(names).items() if count > 1]
    assert _gather(run_module, clean) == _gather(run_module, faulty)
