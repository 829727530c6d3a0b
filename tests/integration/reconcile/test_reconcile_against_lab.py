# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ns_site / ns_user (and so the reconcile engine) against the lab; the lab's counters prove reads and writes."""
from __future__ import annotations

import json
import textwrap
from collections import Counter

import pytest

from nslab.counters import request_delta, write_requests

from ansible_collections.ucaas.migration.plugins.modules import ns_site, ns_user

nslab_seeds = pytest.importorskip("nslab.seeds")

DOMAIN = "recon.example"
USERS = "GET /ns-api/v2/domains/{domain}/users"
ONE_USER = "GET /ns-api/v2/domains/{domain}/users/{user}"
SITES = "GET /ns-api/v2/domains/{domain}/sites"


def _seed():
    # 5 ordinary users 1000-1004; queues 2000-2004 and auto attendants 3000-3001 are system users.
    return nslab_seeds.synthetic_domain(domain=DOMAIN, users=5, dids=0)


@pytest.fixture
def lab(ns_lab):
    ns_lab.load_seed(_seed())
    return ns_lab


def _desired(count=200, first=5000, **extra):
    return [dict({"user": str(first + n), "first_name": "New", "last_name": "User %d" % n, "email": "u%d@recon.example" % n,
                  "site": "HQ", "department": "Dept %d" % (n % 3), "voicemail_pin": "%04d" % n}, **extra) for n in range(count)]


def _args(lab, **kwargs):
    return dict({"url": lab.url, "api_key": lab.admin_api_key, "domain": DOMAIN, "max_concurrency": 8,
                 "retry_backoff_base": 0.01, "retry_backoff_cap": 0.05}, **kwargs)


def _gather(run_module, lab):
    result = run_module(ns_user.main, _args(lab, state="gathered"))
    assert not result.get("failed"), result.get("msg")
    return result["gathered"]


def test_merged_creates_all_then_rerun_is_unchanged_with_list_reads_only(run_module, lab):
    before = lab.stats()
    result = run_module(ns_user.main, _args(lab, config=_desired()))
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True
    assert result["summary"]["created"] == 200 and result["summary"]["failed"] == 0
    delta = request_delta(before, lab.stats())
    assert write_requests(delta) == {"POST /ns-api/v2/domains/{domain}/users": 200}
    assert delta[USERS] == 1 and delta[SITES] == 1
    assert "0042" not in json.dumps(result)

    before = lab.stats()
    again = run_module(ns_user.main, _args(lab, config=_desired()))
    assert not again.get("failed"), again.get("msg")
    assert again["changed"] is False
    assert again["summary"]["unchanged"] == 200
    delta = request_delta(before, lab.stats())
    assert delta == {USERS: 1, SITES: 1}  # one paged list each, no per-user GET, no write
    assert ONE_USER not in delta


def test_check_mode_writes_nothing_and_reports_changes(run_module, lab):
    before = lab.stats()
    config = _desired(count=3) + [{"user": "1000", "department": "Changed"}]
    result = run_module(ns_user.main, _args(lab, config=config, _ansible_check_mode=True))
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True
    assert [entry["outcome"] for entry in result["results"]] == ["created"] * 3 + ["updated"]
    assert write_requests(request_delta(before, lab.stats())) == {}
    unchanged = run_module(ns_user.main, _args(lab, config=[{"user": "1000", "department": "Dept 0"}], _ansible_check_mode=True))
    assert unchanged["changed"] is False


def test_replaced_resets_an_omitted_field(run_module, lab):
    result = run_module(ns_user.main, _args(lab, state="replaced", config=[
        {"user": "1001", "first_name": "User", "last_name": "1001", "email": "user1001@recon.example", "site": "HQ"}]))
    assert not result.get("failed"), result.get("msg")
    change = result["results"][0]["changes"]
    assert change["department"] == {"before": "Dept 1", "after": ""}
    current = dict((item["user"], item) for item in _gather(run_module, lab))
    assert current["1001"]["department"] == "" and current["1001"]["voicemail_enabled"] is True
    assert "voicemail_enabled" not in current["1002"]
    assert current["1002"]["department"] == "Dept 2"
    again = run_module(ns_user.main, _args(lab, state="replaced", config=[
        {"user": "1001", "first_name": "User", "last_name": "1001", "email": "user1001@recon.example", "site": "HQ"}]))
    assert again["changed"] is False


def test_overridden_with_scope_deletes_only_unlisted_in_scope_and_never_system_users(run_module, lab):
    keep = [{"user": "1000", "first_name": "User", "last_name": "1000"}, {"user": "1001", "first_name": "User", "last_name": "1001"}]
    result = run_module(ns_user.main, _args(lab, state="overridden", config=keep, scope={"match": "100[0-3]|2[0-9]{3}"}))
    assert not result.get("failed"), result.get("msg")
    deleted = sorted(entry["key"] for entry in result["results"] if entry["outcome"] == "deleted")
    assert deleted == ["1002", "1003"]
    remaining = sorted(item["user"] for item in _gather(run_module, lab))
    assert remaining == ["1000", "1001", "1004"]  # 1004 is outside the scope
    users = run_module(ns_user.main, _args(lab, state="gathered", scope={"match": "2[0-9]{3}"}))
    assert users["gathered"] == []  # system users are not the module's items...
    queue_users = [user for user in lab_users(lab) if str(user.get("service-code", "")).startswith("system-")]
    assert len(queue_users) == 7  # ...and they are all still there


def lab_users(lab):
    from ansible_collections.ucaas.migration.plugins.module_utils.client.api import NsApiClient
    with NsApiClient(lab.url, api_key=lab.admin_api_key) as client:
        return client.list_kind("users", domain=DOMAIN)


def test_deleted_and_gathered(run_module, lab):
    result = run_module(ns_user.main, _args(lab, state="deleted", config=[{"user": "1003"}, {"user": "9999"}, {"user": "2000"}]))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [
        ("1003", "deleted"), ("9999", "unchanged"), ("2000", "skipped")]
    refused = run_module(ns_user.main, _args(lab, state="deleted", config=[]))
    assert refused["failed"] and "refusing" in refused["msg"]
    gathered = _gather(run_module, lab)
    assert [item["user"] for item in gathered] == ["1000", "1001", "1002", "1004"]
    assert gathered[0]["first_name"] == "User" and gathered[0]["site"] == "HQ"
    # What gathered returns is valid input: feeding it back changes nothing.
    again = run_module(ns_user.main, _args(lab, state="merged", config=gathered))
    assert again.get("changed") is False, again


def test_diff_shows_before_after_and_masks_the_pin(run_module, lab):
    config = [{"user": "5000", "first_name": "Pat", "last_name": "Doe", "voicemail_pin": "81723"},
              {"user": "1000", "voicemail_pin": "55555", "caller_id_number": "+1 555 123 0000"}]
    result = run_module(ns_user.main, _args(lab, config=config, update_password="always", _ansible_diff=True))
    assert not result.get("failed"), result.get("msg")
    text = json.dumps(result)
    assert "81723" not in text and "55555" not in text
    created, updated = result["diff"]
    assert created["before"] == {} and created["after"]["voicemail_pin"] == "********"
    assert updated["before"]["caller_id_number"] is None and updated["after"]["caller_id_number"] == "15551230000"
    assert updated["after"]["voicemail_pin"] == "********"
    assert result["results"][1]["changes"]["voicemail_pin"] == {"before": None, "after": "********"}


def test_one_failing_item_leaves_the_others_done_and_fails_the_task(run_module, lab):
    config = _desired(count=4)
    config[1]["site"] = "Nowhere"
    result = run_module(ns_user.main, _args(lab, config=config))
    assert result["failed"] is True
    assert result["msg"].splitlines() == ["1 of 4 user items failed:",
                                          "user 5001: site 'Nowhere' does not exist in the domain (no such sites)"]
    assert [entry["outcome"] for entry in result["results"]] == ["created", "failed", "created", "created"]
    assert sorted(item["user"] for item in _gather(run_module, lab) if item["user"] >= "5000") == ["5000", "5002", "5003"]


@pytest.mark.lab_allow_violations
def test_api_error_on_one_item_is_reported_with_the_api_message(run_module, lab):
    config = [{"user": "1000", "time_zone": "Mars/Olympus_Mons"}, {"user": "1001", "department": "Ok"}]
    result = run_module(ns_user.main, _args(lab, config=config))
    assert result["failed"] is True
    failed = result["results"][0]
    assert failed["outcome"] == "failed" and "400" in failed["msg"] and "time-zone" in failed["msg"]
    assert result["results"][1]["outcome"] == "updated"
    assert "user 1000: " in result["msg"]


def test_bad_input_fails_before_any_request(run_module, lab):
    before = lab.stats()
    result = run_module(ns_user.main, _args(lab, config=[{"user": "5000", "first_name": "A", "last_name": "B"}, {"first_name": "C"},
                                                         {"user": "5000"}]))
    assert result["failed"]
    assert result["problems"] == ["config[1].user: missing; it identifies the user",
                                  "config[2].user: '5000' is listed twice (also config[0])"]
    assert lab.stats()["total"] == before["total"]


def test_faults_give_the_same_result_as_a_clean_run_without_duplicates(run_module, ns_lab_factory):
    clean = ns_lab_factory(strict=True)
    faulty = ns_lab_factory(strict=True)
    for lab in (clean, faulty):
        lab.load_seed(_seed())
    faulty.set_faults(rate_limit_percent=10, error_percent={503: 10}, retry_after=0.01, rng_seed=7)
    config = _desired(count=60)
    results = [run_module(ns_user.main, _args(lab, config=config)) for lab in (clean, faulty)]
    for result in results:
        assert not result.get("failed"), result.get("msg")
    assert results[0]["results"] == results[1]["results"]
    assert results[1]["api_stats"]["retries"] > 0
    assert faulty.stats()["faults_injected"]
    faulty.clear_faults()
    users = [user["user"] for user in lab_users(faulty)]
    assert not [user for user, count in Counter(users).items() if count > 1]
    assert _gather(run_module, clean) == _gather(run_module, faulty)


def test_ns_site_merged_replaced_and_refuses_delete(run_module, lab):
    result = run_module(ns_site.main, _args(lab, config=[{"site": "hq", "caller_id_number": "+1 555 123 0000", "area_code": 555},
                                                         {"site": "Warehouse", "time_zone": "America/Denver"}]))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [("HQ", "updated"), ("Warehouse", "created")]
    again = run_module(ns_site.main, _args(lab, config=[{"site": "HQ", "caller_id_number": "15551230000"}]))
    assert again["changed"] is False
    replaced = run_module(ns_site.main, _args(lab, state="replaced", config=[{"site": "HQ"}]))
    assert replaced["results"][0]["changes"] == {"caller_id_number": {"before": "15551230000", "after": ""}}
    refused = run_module(ns_site.main, _args(lab, state="deleted", config=[{"site": "HQ"}]))
    assert refused["failed"] and "no delete operation" in refused["msg"]
    gathered = run_module(ns_site.main, _args(lab, state="gathered"))["gathered"]
    assert [(item["site"], item.get("area_code"), item.get("time_zone")) for item in gathered] == [
        ("HQ", 555, None), ("Warehouse", None, "America/Denver")]


def test_through_ansible_playbook(run_playbook, lab, tmp_path):
    playbook = tmp_path / "users.yml"
    playbook.write_text(textwrap.dedent("""\
        - hosts: localhost
          gather_facts: false
          module_defaults:
            ucaas.migration.ns_site: &conn {url: "%(url)s", api_key: "%(key)s", domain: "%(domain)s"}
            ucaas.migration.ns_user: *conn
          tasks:
            - name: Sites
              ucaas.migration.ns_site:
                config: [{site: Annex, time_zone: America/Denver}]
            - name: Users
              ucaas.migration.ns_user:
                config:
                  - {user: "7001", first_name: Ann, last_name: Lee, site: Annex, voicemail_pin: "2468"}
                  - {user: "7002", first_name: Bo, last_name: Ray, site: Annex, directory_listed: false}
              register: first
              no_log: true
            - name: Users again
              ucaas.migration.ns_user:
                config:
                  - {user: "7001", first_name: Ann, last_name: Lee, site: Annex, voicemail_pin: "2468"}
                  - {user: "7002", first_name: Bo, last_name: Ray, site: Annex, directory_listed: false}
              register: second
              no_log: true
            - name: Check idempotence
              ansible.builtin.assert:
                that:
                  - first is changed
                  - first.summary.created == 2
                  - second is not changed
                  - second.summary.unchanged == 2
        """) % {"url": lab.url, "key": lab.admin_api_key, "domain": DOMAIN})
    completed = run_playbook(playbook, "-i", "localhost,", "-c", "local", "--diff")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "2468" not in completed.stdout
    assert sorted(item["user"] for item in _gather_users(lab) if item["user"].startswith("700")) == ["7001", "7002"]


def _gather_users(lab):
    return lab_users(lab)


def test_wrong_types_name_the_item_index_and_option(run_module, lab):
    before = lab.stats()
    result = run_module(ns_user.main, _args(lab, config=[{"user": "1000"}, {"user": "1001", "voicemail_enabled": "maybe"},
                                                         {"user": "1002", "first_name": {"a": 1}}]))
    assert result["failed"]
    assert result["problems"] == ["config[1].voicemail_enabled: expected a boolean (yes/no), got 'maybe'",
                                  "config[2].first_name: expected a string, got a dict"]
    assert result["msg"].startswith("Invalid input:\nconfig[1].voicemail_enabled")
    assert lab.stats()["total"] == before["total"]
