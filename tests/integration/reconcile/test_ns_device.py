# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ns_device against the lab: key <user>/<device>, one domain-wide list per run, MAC linkage, SIP password never shown."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from nslab.counters import request_delta, write_requests

from ansible_collections.ucaas.migration.plugins.module_utils.client.api import NsApiClient
from ansible_collections.ucaas.migration.plugins.modules import ns_device

nslab_seeds = pytest.importorskip("nslab.seeds")

DOMAIN = "devices.example"
DEVICES = "GET /ns-api/v2/domains/{domain}/devices"
CREATE = "POST /ns-api/v2/domains/{domain}/users/{user}/devices"
UPDATE = "PUT /ns-api/v2/domains/{domain}/users/{user}/devices/{device}"
DELETE = "DELETE /ns-api/v2/domains/{domain}/users/{user}/devices/{device}"


def _seed():
    # Users 1000-1009, each with one device "<ext>a".
    return nslab_seeds.synthetic_domain(domain=DOMAIN, users=10, dids=0)


@pytest.fixture
def lab(ns_lab):
    ns_lab.load_seed(_seed())
    return ns_lab


def _desired(count=20):
    # Two devices per user: a desk phone with a MAC (spelled as printed on the phone) and a web phone.
    items = []
    for n in range(count):
        user = str(1000 + n // 2)
        if n % 2 == 0:
            items.append({"user": user, "device": user, "mac": "00:04:F2:AA:%02X:%02X" % (n // 256, n % 256), "model": "Yealink T54W",
                          "line": 1, "transport": "tls", "srtp": True, "sip_password": "Sip-%04d-secret" % n})
        else:
            items.append({"user": user, "device": user + "wp", "nat_traversal": "automatic", "sip_password": "Sip-%04d-secret" % n})
    return items


def _args(lab, **kwargs):
    return dict({"url": lab.url, "api_key": lab.admin_api_key, "domain": DOMAIN, "max_concurrency": 8,
                 "retry_backoff_base": 0.01, "retry_backoff_cap": 0.05}, **kwargs)


def _gather(run_module, lab, **kwargs):
    result = run_module(ns_device.main, _args(lab, state="gathered", **kwargs))
    assert not result.get("failed"), result.get("msg")
    return dict(("%s/%s" % (item["user"], item["device"]), item) for item in result["gathered"])


def _lab_devices(lab):
    with NsApiClient(lab.url, api_key=lab.admin_api_key) as client:
        return client.list_kind("devices", domain=DOMAIN, domain_wide=True)


def test_merged_creates_then_rerun_is_unchanged_with_one_list_read(run_module, lab):
    before = lab.stats()
    result = run_module(ns_device.main, _args(lab, config=_desired()))
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True and result["summary"]["created"] == 20
    assert result["results"][0]["key"] == "1000/1000" and result["results"][1]["key"] == "1000/1000wp"
    assert result["results"][0]["changes"]["mac"] == {"before": None, "after": "0004f2aa0000"}
    assert result["results"][0]["changes"]["sip_password"] == {"before": None, "after": "********"}
    assert "secret" not in json.dumps(result)
    delta = request_delta(before, lab.stats())
    assert write_requests(delta) == {CREATE: 20}
    assert delta[DEVICES] == 1

    before = lab.stats()
    again = run_module(ns_device.main, _args(lab, config=_desired()))
    assert not again.get("failed"), again.get("msg")
    assert again["changed"] is False and again["summary"]["unchanged"] == 20
    assert request_delta(before, lab.stats()) == {DEVICES: 1}  # one domain-wide list, no per-user read, no write

    stored = dict((device["device"], device) for device in _lab_devices(lab))
    assert stored["1000"]["device-provisioning-mac-address"] == "0004f2aa0000"
    assert stored["1000"]["device-sip-registration-password"] == "Sip-0000-secret"
    assert stored["1000"]["device-srtp-enabled"] == "yes" and stored["1000"]["device-provisioning-sip-transport-protocol"] == "tls"
    with NsApiClient(lab.url, api_key=lab.admin_api_key) as client:
        phone = client.get("/domains/{domain}/phones/{mac}", domain=DOMAIN, mac="0004f2aa0000")
    assert phone["device-provisioning-sip-uri-1"] == "sip:1000@%s" % DOMAIN  # the device create linked the MAC


def test_check_mode_writes_nothing(run_module, lab):
    before = lab.stats()
    config = _desired(count=2) + [{"user": "1005", "device": "1005a", "model": "Poly VVX 450"}]
    result = run_module(ns_device.main, _args(lab, config=config, _ansible_check_mode=True))
    assert not result.get("failed"), result.get("msg")
    assert [entry["outcome"] for entry in result["results"]] == ["created", "created", "updated"]
    assert write_requests(request_delta(before, lab.stats())) == {}


def test_replaced_clears_an_omitted_mac_and_keeps_enums(run_module, lab):
    assert not run_module(ns_device.main, _args(lab, config=_desired(count=2))).get("failed")
    result = run_module(ns_device.main, _args(lab, state="replaced", config=[{"user": "1000", "device": "1000", "line": 1}]))
    assert not result.get("failed"), result.get("msg")
    assert result["results"][0]["changes"] == {"mac": {"before": "0004f2aa0000", "after": ""},
                                               "model": {"before": "Yealink T54W", "after": ""}}
    current = _gather(run_module, lab)
    assert current["1000/1000"]["transport"] == "tls" and current["1000/1000"]["mac"] == ""
    again = run_module(ns_device.main, _args(lab, state="replaced", config=[{"user": "1000", "device": "1000", "line": 1}]))
    assert again["changed"] is False


def test_overridden_with_scope_deletes_only_unlisted_in_scope(run_module, lab):
    config = [{"user": "1000", "device": "1000a"}, {"user": "1001", "device": "1001wp"}]
    before = lab.stats()
    result = run_module(ns_device.main, _args(lab, state="overridden", config=config, scope={"match": "100[0-3]/.*"}))
    assert not result.get("failed"), result.get("msg")
    outcomes = dict((entry["key"], entry["outcome"]) for entry in result["results"])
    assert outcomes == {"1000/1000a": "unchanged", "1001/1001wp": "created", "1001/1001a": "deleted", "1002/1002a": "deleted",
                        "1003/1003a": "deleted"}
    delta = request_delta(before, lab.stats())
    assert delta[DEVICES] == 1 and write_requests(delta) == {CREATE: 1, DELETE: 3}
    assert sorted(_gather(run_module, lab)) == ["1000/1000a", "1001/1001wp", "1004/1004a", "1005/1005a", "1006/1006a",
                                                "1007/1007a", "1008/1008a", "1009/1009a"]


def test_deleted_and_gathered(run_module, lab):
    result = run_module(ns_device.main, _args(lab, state="deleted", config=[{"user": "1002", "device": "1002a"},
                                                                            {"user": "1002", "device": "1002zz"}]))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [("1002/1002a", "deleted"), ("1002/1002zz", "unchanged")]
    by_scope = run_module(ns_device.main, _args(lab, state="deleted", config=[], scope={"keys": ["1003/1003a", "1004/1004a"]}))
    assert by_scope["summary"]["deleted"] == 2
    refused = run_module(ns_device.main, _args(lab, state="deleted", config=[]))
    assert refused["failed"] and "refusing" in refused["msg"]
    gathered = _gather(run_module, lab)
    assert sorted(gathered) == ["1000/1000a", "1001/1001a"] + ["%d/%da" % (n, n) for n in range(1005, 1010)]
    assert "sip_password" not in gathered["1000/1000a"]
    # What gathered returns is valid input: feeding it back changes nothing.
    again = run_module(ns_device.main, _args(lab, config=list(gathered.values())))
    assert again.get("changed") is False, again


def test_bad_input_names_the_item_and_option_before_any_request(run_module, lab):
    before = lab.stats()
    result = run_module(ns_device.main, _args(lab, config=[
        {"user": "1000", "device": "1000", "mac": "00:04:f2:zz:00:01"},
        {"device": "1001"},
        {"user": "1002", "device": "1002", "transport": "sctp"},
        {"user": "1000", "device": "1000"}]))
    assert result["failed"]
    assert result["problems"] == [
        "config[0].mac: '00:04:f2:zz:00:01' is not a MAC address (12 hex digits)",
        "config[1].user: missing; it names the user the device belongs to",
        "config[2].transport: 'sctp' is not one of udp, tcp, tls",
        "config[3].device: '1000/1000' is listed twice (also config[0])",
    ]
    assert lab.stats()["total"] == before["total"]


def test_diff_and_update_password_always_mask_the_sip_password(run_module, lab):
    config = [{"user": "1000", "device": "1000a", "sip_password": "Rotated-Secret-1", "caller_id_number_emergency": "+1 212 555 0100"},
              {"user": "1001", "device": "1001b", "sip_password": "New-Secret-2"}]
    result = run_module(ns_device.main, _args(lab, config=config, update_password="always", _ansible_diff=True))
    assert not result.get("failed"), result.get("msg")
    assert "Secret" not in json.dumps(result)
    updated, created = result["diff"]
    assert updated["before_header"] == "device 1000/1000a"
    assert updated["before"]["caller_id_number_emergency"] is None and updated["after"]["caller_id_number_emergency"] == "12125550100"
    assert updated["after"]["sip_password"] == "********" and created["after"]["sip_password"] == "********"
    stored = dict((device["device"], device) for device in _lab_devices(lab))
    assert stored["1000a"]["device-sip-registration-password"] == "Rotated-Secret-1"
    on_create = run_module(ns_device.main, _args(lab, config=config))
    assert on_create["changed"] is False  # the password is not compared with the read, so on_create leaves it


def test_unknown_user_fails_that_item_only(run_module, lab):
    result = run_module(ns_device.main, _args(lab, config=[{"user": "9999", "device": "9999"}, {"user": "1001", "device": "1001b"}]))
    assert result["failed"] is True
    assert [entry["outcome"] for entry in result["results"]] == ["failed", "created"]
    assert "9999" in result["results"][0]["msg"] and "404" in result["results"][0]["msg"]


def test_faults_give_the_same_result_as_a_clean_run_without_duplicates(run_module, ns_lab_factory):
    clean = ns_lab_factory(strict=True)
    faulty = ns_lab_factory(strict=True)
    for lab in (clean, faulty):
        lab.load_seed(_seed())
    faulty.set_faults(rate_limit_percent=10, error_percent={503: 10}, retry_after=0.01, rng_seed=11)
    results = [run_module(ns_device.main, _args(lab, config=_desired())) for lab in (clean, faulty)]
    for result in results:
        assert not result.get("failed"), result.get("msg")
    assert results[0]["results"] == results[1]["results"]
    assert results[1]["api_stats"]["retries"] > 0
    faulty.clear_faults()
    names = [device["device"] for device in _lab_devices(faulty)]
    assert not [name for name, count in Counter(names).items() if count > 1]
    assert _gather(run_module, clean) == _gather(run_module, faulty)
