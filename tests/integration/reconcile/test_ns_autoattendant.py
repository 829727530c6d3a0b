# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ns_autoattendant against the lab: key <user>/<time_frame>, one domain-wide list, menus compared after normalisation."""
from __future__ import annotations

import copy
from collections import Counter

import pytest

from nslab.counters import request_delta, write_requests

from ansible_collections.ucaas.migration.plugins.module_utils.client.api import NsApiClient
from ansible_collections.ucaas.migration.plugins.modules import ns_autoattendant

nslab_seeds = pytest.importorskip("nslab.seeds")

DOMAIN = "menus.example"
ATTENDANTS = "GET /ns-api/v2/domains/{domain}/autoattendants"
CREATE = "POST /ns-api/v2/domains/{domain}/autoattendants"
UPDATE = "PUT /ns-api/v2/domains/{domain}/users/{user}/autoattendants/{prompt}"
DELETE = "DELETE /ns-api/v2/domains/{domain}/users/{user}/autoattendants/{prompt}"
SEEDED_MENU = {"option-0": {"destination-application": "to-user", "destination-user": "1000"}}


def _seed():
    # Users 1000-1004, queues 2000-2004, auto attendants 3000 and 3001 (default menus: 0 -> user 1000).
    return nslab_seeds.synthetic_domain(domain=DOMAIN, users=5, dids=0)


@pytest.fixture
def lab(ns_lab):
    ns_lab.load_seed(_seed())
    return ns_lab


MAIN_MENU = {
    "audio": {"filename": "greeting-1.wav"},
    "no_key_press": "option-0",
    "option-0": {"destination-application": "to-user", "destination-user": 1000, "description": "Reception"},
    "option-1": {"destination-application": "to-callqueue", "destination-user": "2000", "description": "Sales"},
    "option-2": {"description": "Support menu", "auto-attendant": {
        "audio": {"ordinal-order": 2, "file-script-text": "For billing press 1, for technical support press 2"},
        "option-1": {"destination-application": "to-callqueue", "destination-user": "2001"},
        "option-2": {"destination-application": "to-callqueue", "destination-user": "2002"}}},
}


def _desired():
    return [
        {"user": "3100", "time_frame": "Business Hours", "name": "Main Menu", "menu": copy.deepcopy(MAIN_MENU)},
        {"user": "3100", "time_frame": "*", "name": "Main Menu", "menu": {
            "audio": {"ordinal-order": 3}, "option-1": {"destination-application": "to-voicemail", "destination-user": "3100"}}},
        {"user": "3000", "time_frame": "*", "name": "Main Menu 0", "menu": copy.deepcopy(SEEDED_MENU)},
    ]


def _args(lab, **kwargs):
    return dict({"url": lab.url, "api_key": lab.admin_api_key, "domain": DOMAIN, "max_concurrency": 8,
                 "retry_backoff_base": 0.01, "retry_backoff_cap": 0.05}, **kwargs)


def _gather(run_module, lab, **kwargs):
    result = run_module(ns_autoattendant.main, _args(lab, state="gathered", **kwargs))
    assert not result.get("failed"), result.get("msg")
    return dict(("%s/%s" % (item["user"], item["time_frame"]), item) for item in result["gathered"])


def _stored(lab):
    with NsApiClient(lab.url, api_key=lab.admin_api_key) as client:
        return dict(("%s/%s" % (row["user"], row["time-frame"]), row) for row in client.list_kind("autoattendants", domain=DOMAIN))


def _users(lab):
    with NsApiClient(lab.url, api_key=lab.admin_api_key) as client:
        return dict((row["user"], row) for row in client.list_kind("users", domain=DOMAIN))


def test_merged_creates_menus_and_their_user_then_rerun_is_unchanged_with_one_list_read(run_module, lab):
    before = lab.stats()
    result = run_module(ns_autoattendant.main, _args(lab, config=_desired()))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [
        ("3100/Business Hours", "created"), ("3100/*", "created"), ("3000/*", "unchanged")]
    delta = request_delta(before, lab.stats())
    assert write_requests(delta) == {CREATE: 2}
    assert _users(lab)["3100"]["service-code"] == "system-aa"  # the AA create made the auto attendant's user
    stored = _stored(lab)["3100/Business Hours"]["auto-attendant"]
    assert stored["option-2"]["auto-attendant"]["option-2"]["destination-user"] == "2002"
    assert stored["no-key-press"] == "option-0" and stored["option-0"]["destination-user"] == "1000"

    before = lab.stats()
    again = run_module(ns_autoattendant.main, _args(lab, config=_desired()))
    assert not again.get("failed"), again.get("msg")
    assert again["changed"] is False and again["summary"]["unchanged"] == 3
    assert request_delta(before, lab.stats()) == {ATTENDANTS: 1}


def test_api_defaults_on_read_are_not_changes(run_module, lab):
    spelled_out = {"option-0": {"destination-application": "to-user", "destination-user": "1000", "caller-name-translation": "[*]"},
                   "3-digit-dial-by-extension": True, "no-key-press": "repeat", "unassigned-key-press": "repeat",
                   "audio": {"text-to-speech-voice-id": "en-US-Wavenet-C"}}
    result = run_module(ns_autoattendant.main, _args(lab, config=[{"user": "3000", "time_frame": "*", "menu": spelled_out}]))
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is False


def test_a_menu_is_the_whole_menu_options_left_out_are_removed(run_module, lab):
    assert not run_module(ns_autoattendant.main, _args(lab, config=_desired())).get("failed")
    smaller = copy.deepcopy(MAIN_MENU)
    del smaller["option-1"]
    del smaller["option-2"]["auto-attendant"]["option-2"]
    del smaller["no_key_press"]
    smaller["option-0"]["description"] = ""
    before = lab.stats()
    result = run_module(ns_autoattendant.main, _args(lab, config=[{"user": "3100", "time_frame": "Business Hours", "menu": smaller}]))
    assert not result.get("failed"), result.get("msg")
    assert result["results"][0]["outcome"] == "updated" and list(result["results"][0]["changes"]) == ["menu"]
    assert write_requests(request_delta(before, lab.stats())) == {UPDATE: 1}
    stored = _stored(lab)["3100/Business Hours"]["auto-attendant"]
    assert "option-1" not in stored and "option-2" not in stored["option-2"]["auto-attendant"]
    assert stored.get("no-key-press", "repeat") == "repeat" and not stored["option-0"].get("description")
    again = run_module(ns_autoattendant.main, _args(lab, config=[{"user": "3100", "time_frame": "Business Hours", "menu": smaller}]))
    assert again["changed"] is False


def test_check_mode_writes_nothing(run_module, lab):
    before = lab.stats()
    config = _desired()
    config[2]["menu"]["option-5"] = {"destination-application": "to-user", "destination-user": "1001"}
    result = run_module(ns_autoattendant.main, _args(lab, config=config, _ansible_check_mode=True))
    assert not result.get("failed"), result.get("msg")
    assert [entry["outcome"] for entry in result["results"]] == ["created", "created", "updated"]
    assert write_requests(request_delta(before, lab.stats())) == {}


def test_replaced_without_menu_keeps_the_menu_and_changes_the_name(run_module, lab):
    result = run_module(ns_autoattendant.main, _args(lab, state="replaced", config=[{"user": "3001", "time_frame": "*", "name": "Night"}]))
    assert not result.get("failed"), result.get("msg")
    assert result["results"][0]["changes"] == {"name": {"before": "Main Menu 1", "after": "Night"}}
    gathered = _gather(run_module, lab)["3001/*"]
    assert gathered == {"user": "3001", "time_frame": "*", "name": "Night", "menu": SEEDED_MENU}


def test_overridden_with_scope_deletes_only_unlisted_in_scope(run_module, lab):
    config = [{"user": "3000", "time_frame": "*", "name": "Main Menu 0", "menu": SEEDED_MENU},
              {"user": "3000", "time_frame": "Holidays", "name": "Closed", "menu": {"option-1": {
                  "destination-application": "to-voicemail", "destination-user": "3000"}}}]
    assert not run_module(ns_autoattendant.main, _args(lab, config=_desired()[:1])).get("failed")
    before = lab.stats()
    result = run_module(ns_autoattendant.main, _args(lab, state="overridden", config=config, scope={"match": "300[0-9]/.*"}))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [
        ("3000/*", "unchanged"), ("3000/Holidays", "created"), ("3001/*", "deleted")]
    delta = request_delta(before, lab.stats())
    # One list to plan; the create is confirmed by listing again (the new menu's prompt id is not known before).
    assert write_requests(delta) == {CREATE: 1, DELETE: 1} and delta[ATTENDANTS] == 2
    assert sorted(_gather(run_module, lab)) == ["3000/*", "3000/Holidays", "3100/Business Hours"]


def test_deleted_and_gathered_round_trip(run_module, lab):
    assert not run_module(ns_autoattendant.main, _args(lab, config=_desired())).get("failed")
    result = run_module(ns_autoattendant.main, _args(lab, state="deleted", config=[{"user": "3001", "time_frame": "*"},
                                                                                   {"user": "3001", "time_frame": "Holidays"}]))
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [("3001/*", "deleted"), ("3001/Holidays", "unchanged")]
    gathered = _gather(run_module, lab)
    assert sorted(gathered) == ["3000/*", "3100/*", "3100/Business Hours"]
    assert gathered["3100/Business Hours"]["menu"]["audio"] == {"ordinal-order": 1}  # greeting-1.wav is audio file 1
    assert gathered["3100/Business Hours"]["menu"]["no-key-press"] == "option-0"
    again = run_module(ns_autoattendant.main, _args(lab, config=list(gathered.values())))
    assert again.get("changed") is False, again


def test_bad_input_names_the_item_and_option_before_any_request(run_module, lab):
    before = lab.stats()
    result = run_module(ns_autoattendant.main, _args(lab, config=[
        {"user": "3000", "time_frame": "*", "menu": {"option-1": {"destination-user": "1000", "colour": "blue"}}},
        {"user": "3001", "time_frame": "*", "menu": {"option-2": {"destination-application": "to-nowhere"}}},
        {"user": "3002", "menu": {"no-key-press": "option-11"}},
        {"user": "3003", "time_frame": "*", "menu": {"option-1": {"auto-attendant": {"option-3": "to-user"}}}},
    ]))
    assert result["failed"]
    assert result["problems"][0].startswith("config[0].menu: option-1.colour: unknown key (known: destination-application")
    assert result["problems"][1].startswith("config[1].menu: option-2.destination-application: 'to-nowhere' is not one of")
    assert result["problems"][2] == "config[2].time_frame: missing; it identifies the autoattendant"
    assert result["problems"][3].startswith("config[2].menu: no-key-press: 'option-11' is not one of repeat, hangup, option-0")
    assert result["problems"][4] == "config[3].menu: option-1.auto-attendant.option-3: expected a mapping, got str"
    assert lab.stats()["total"] == before["total"]


def test_diff_shows_the_menus(run_module, lab):
    config = [{"user": "3000", "time_frame": "*", "menu": {"option-0": {"destination-application": "to-user", "destination-user": "1001"}}}]
    result = run_module(ns_autoattendant.main, _args(lab, config=config, _ansible_diff=True))
    assert not result.get("failed"), result.get("msg")
    (diff,) = result["diff"]
    assert diff["before_header"] == "autoattendant 3000/*"
    assert diff["before"]["menu"]["option-0"]["destination-user"] == "1000" and diff["after"]["menu"]["option-0"]["destination-user"] == "1001"


def test_faults_give_the_same_result_as_a_clean_run_without_duplicates(run_module, ns_lab_factory):
    clean = ns_lab_factory(strict=True)
    faulty = ns_lab_factory(strict=True)
    for lab in (clean, faulty):
        lab.load_seed(_seed())
    faulty.set_faults(rate_limit_percent=10, error_percent={503: 10}, retry_after=0.01, rng_seed=7)
    config = _desired() + [{"user": str(3200 + n), "time_frame": "*", "name": "Menu %d" % n, "menu": {
        "option-1": {"destination-application": "to-user", "destination-user": str(1000 + n % 5)}}} for n in range(20)]
    results = [run_module(ns_autoattendant.main, _args(lab, config=config)) for lab in (clean, faulty)]
    for result in results:
        assert not result.get("failed"), result.get("msg")
    assert results[0]["results"] == results[1]["results"]
    assert results[1]["api_stats"]["retries"] > 0
    faulty.clear_faults()
    keys = ["%s/%s" % (row["user"], row["time-frame"]) for row in _stored_rows(faulty)]
    assert not [key for key, count in Counter(keys).items() if count > 1]
    assert _gather(run_module, clean) == _gather(run_module, faulty)


def _stored_rows(lab):
    with NsApiClient(lab.url, api_key=lab.admin_api_key) as client:
        return client.list_kind("autoattendants", domain=DOMAIN)
