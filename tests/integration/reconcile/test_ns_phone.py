# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ns_phone against the lab; the lab's counters prove reads and writes."""
from __future__ import annotations

from collections import Counter

import pytest

from nslab.counters import request_delta, write_requests

from ansible_collections.ucaas.migration.plugins.module_utils.client.api import NsApiClient
from ansible_collections.ucaas.migration.plugins.module_utils.devices.ownership import phones_elsewhere
from ansible_collections.ucaas.migration.plugins.modules import ns_phone

nslab_seeds = pytest.importorskip("nslab.seeds")

DOMAIN = "phones.example"
OTHER = "other.example"
PHONES = "GET /ns-api/v2/domains/{domain}/phones"
DEVICES = "GET /ns-api/v2/domains/{domain}/devices"
PHONE = "GET /ns-api/v2/domains/{domain}/phones/{mac}"
PLATFORM_PHONE = "GET /ns-api/v2/phones/{mac}"
PLATFORM_PHONES = "GET /ns-api/v2/phones"
CREATE = "POST /ns-api/v2/domains/{domain}/phones"
UPDATE = "PUT /ns-api/v2/domains/{domain}/phones"
DELETE = "DELETE /ns-api/v2/domains/{domain}/phones"
TAKEN_MAC = "0004f2ee0001"


def _seed():
    seed = nslab_seeds.synthetic_domain(domain=DOMAIN, users=20, dids=0, queues=0, attendants=0)
    other = nslab_seeds.synthetic_domain(domain=OTHER, users=1, dids=0, queues=0, attendants=0, with_reseller=False)["domains"][0]
    other["phones"] = [{"device-provisioning-mac-address": TAKEN_MAC, "device-models-brand-and-model": "Polycom VVX 450",
                        "device-provisioning-sip-uri-1": "sip:1000a@%s" % OTHER}]
    seed["domains"][0]["phones"] = [{"device-provisioning-mac-address": "805ec0a1ff01", "device-models-brand-and-model": "Yealink T46U",
                                     "device-provisioning-sip-uri-1": "sip:1019a@%s" % DOMAIN, "notes": "seeded"}]
    seed["domains"].append(other)
    return seed


@pytest.fixture
def lab(ns_lab):
    ns_lab.load_seed(_seed())
    return ns_lab


def _desired(count=12):
    # MACs in the spellings sources use; lines as bare device names and as full URIs.
    return [{"mac": "80:5E:C0:A1:%02X:%02X" % (n // 256, n % 256), "model": "Yealink T54W", "transport": "tls", "notes": "dev-%d" % n,
             "lines": ["%da" % (1000 + n), "sip:%da@%s" % (1000 + (n + 1) % 12, DOMAIN.upper())] if n % 2 else ["%da" % (1000 + n)],
             "overrides": "account.1.label = Line %d\r\n" % n} for n in range(count)]


def _args(lab, **kwargs):
    return dict({"url": lab.url, "api_key": lab.admin_api_key, "domain": DOMAIN, "max_concurrency": 8,
                 "retry_backoff_base": 0.01, "retry_backoff_cap": 0.05}, **kwargs)


def _gather(run_module, lab, **kwargs):
    result = run_module(ns_phone.main, _args(lab, state="gathered", **kwargs))
    assert not result.get("failed"), result.get("msg")
    return dict((item["mac"], item) for item in result["gathered"])


def test_merged_adds_phones_then_rerun_reads_lists_only(run_module, lab):
    before = lab.stats()
    result = run_module(ns_phone.main, _args(lab, config=_desired()))
    assert not result.get("failed"), result.get("msg")
    assert result["summary"]["created"] == 12
    assert result["results"][1] == {"key": "805ec0a10001", "outcome": "created", "changes": {
        "model": {"before": None, "after": "Yealink T54W"}, "transport": {"before": None, "after": "tls"},
        "notes": {"before": None, "after": "dev-1"},
        "lines": {"before": None, "after": ["sip:1001a@%s" % DOMAIN, "sip:1002a@%s" % DOMAIN]},
        "overrides": {"before": None, "after": "account.1.label = Line 1"}}}
    delta = request_delta(before, lab.stats())
    assert write_requests(delta) == {CREATE: 12}
    # One list of the domain's phones and devices; the new MACs are looked up platform-wide once each.
    assert delta[PHONES] == 1 and delta[DEVICES] == 1 and delta[PLATFORM_PHONE] == 12
    stored = lab.store.get("phone", "", "805ec0a10001")
    assert stored["device-provisioning-sip-uri-1"] == "sip:1001a@%s" % DOMAIN
    assert stored["device-provisioning-sip-uri-2"] == "sip:1002a@%s" % DOMAIN
    assert stored["domain"] == DOMAIN

    before = lab.stats()
    again = run_module(ns_phone.main, _args(lab, config=_desired()))
    assert not again.get("failed"), again.get("msg")
    assert again["changed"] is False and again["summary"]["unchanged"] == 12
    assert request_delta(before, lab.stats()) == {PHONES: 1, DEVICES: 1}


def test_check_mode_writes_nothing_and_reports_failures_too(run_module, lab):
    before = lab.stats()
    config = _desired(count=2) + [{"mac": "805ec0a1ff01", "lines": ["1019a", "1018a"]}, {"mac": TAKEN_MAC, "model": "Polycom VVX 450"},
                                  {"mac": "805ec0a1ff02", "model": "Yealink T54W", "lines": ["1000a", "4242"]}]
    result = run_module(ns_phone.main, _args(lab, config=config, _ansible_check_mode=True, _ansible_diff=True))
    assert result["failed"]
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [
        ("805ec0a10000", "created"), ("805ec0a10001", "created"), ("805ec0a1ff01", "updated"), (TAKEN_MAC, "failed"),
        ("805ec0a1ff02", "failed")]
    assert result["results"][2]["changes"] == {"lines": {"before": ["sip:1019a@%s" % DOMAIN],
                                                         "after": ["sip:1019a@%s" % DOMAIN, "sip:1018a@%s" % DOMAIN]}}
    assert "provisioned in domain %s" % OTHER in result["results"][3]["msg"]
    assert "sip:4242@%s" % DOMAIN in result["results"][4]["msg"] and "ns_device" in result["results"][4]["msg"]
    assert result["msg"].startswith("2 of 5 phone items failed:")
    assert result["diff"][2]["before_header"] == "phone 805ec0a1ff01"
    assert write_requests(request_delta(before, lab.stats())) == {}


def test_a_mac_of_another_domain_is_never_taken_over(run_module, lab):
    before = lab.stats()
    result = run_module(ns_phone.main, _args(lab, config=[{"mac": TAKEN_MAC.upper(), "model": "Polycom VVX 450", "lines": ["1001a"]},
                                                          {"mac": "0004f2ee0002", "model": "Polycom VVX 450", "lines": ["1002a"]}]))
    assert result["failed"]
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [(TAKEN_MAC, "failed"), ("0004f2ee0002", "created")]
    assert write_requests(request_delta(before, lab.stats())) == {CREATE: 1}
    assert lab.store.get("phone", "", TAKEN_MAC)["domain"] == OTHER
    # Without the look-up the platform refuses the MAC itself: still no takeover.
    blind = run_module(ns_phone.main, _args(lab, check_other_domains=False, config=[{"mac": TAKEN_MAC, "model": "Polycom VVX 450"}]))
    assert blind["failed"] and "already exists" in blind["results"][0]["msg"]
    assert lab.store.get("phone", "", TAKEN_MAC)["domain"] == OTHER
    # Deleting it from here is skipped, not done.
    deleted = run_module(ns_phone.main, _args(lab, state="deleted", config=[{"mac": TAKEN_MAC}]))
    assert deleted["results"][0]["outcome"] == "skipped"
    assert lab.store.get("phone", "", TAKEN_MAC) is not None


def test_helper_finds_macs_of_other_domains_by_single_reads_or_one_list(lab):
    client = NsApiClient(lab.url, api_key=lab.admin_api_key)
    try:
        before = lab.stats()
        found = phones_elsewhere(client, DOMAIN, [TAKEN_MAC, "805ec0a1ff01", "805ec0a1ff09"])
        assert found == {TAKEN_MAC: {"domain": OTHER, "reseller": None, "model": "Polycom VVX 450"}}
        assert request_delta(before, lab.stats()) == {PLATFORM_PHONE: 3}
        before = lab.stats()
        many = ["805ec0a1%04x" % n for n in range(30)] + [TAKEN_MAC]
        assert sorted(phones_elsewhere(client, DOMAIN, many)) == [TAKEN_MAC]
        assert request_delta(before, lab.stats()) == {PLATFORM_PHONES: 1}
    finally:
        client.close()


def test_update_moves_lines_and_replaced_clears_unlisted_options(run_module, lab):
    merged = run_module(ns_phone.main, _args(lab, config=[{"mac": "80-5E-C0-A1-FF-01", "lines": ["1017a"], "server": "core1"}]))
    assert not merged.get("failed"), merged.get("msg")
    assert merged["results"][0]["changes"] == {"lines": {"before": ["sip:1019a@%s" % DOMAIN], "after": ["sip:1017a@%s" % DOMAIN]},
                                               "server": {"before": None, "after": "core1"}}
    two = run_module(ns_phone.main, _args(lab, config=[{"mac": "805ec0a1ff01", "lines": ["1017a", "1016a"]}]))
    assert two["changed"] is True
    replaced = run_module(ns_phone.main, _args(lab, state="replaced", config=[{"mac": "805ec0a1ff01", "lines": ["1015a"]}]))
    assert not replaced.get("failed"), replaced.get("msg")
    assert replaced["results"][0]["changes"] == {
        "notes": {"before": "seeded", "after": ""},
        "lines": {"before": ["sip:1017a@%s" % DOMAIN, "sip:1016a@%s" % DOMAIN], "after": ["sip:1015a@%s" % DOMAIN]}}
    stored = lab.store.get("phone", "", "805ec0a1ff01")
    assert stored["device-provisioning-sip-uri-1"] == "sip:1015a@%s" % DOMAIN and stored["device-provisioning-sip-uri-2"] == ""
    # Fields the phone never had are left out, so what gathered returns is valid input as it is.
    expected = {"mac": "805ec0a1ff01", "model": "Yealink T46U", "server": "core1", "notes": "", "lines": ["sip:1015a@%s" % DOMAIN]}
    assert _gather(run_module, lab)["805ec0a1ff01"] == expected


def test_overridden_with_scope_and_gathered_round_trip(run_module, lab):
    assert not run_module(ns_phone.main, _args(lab, config=_desired(count=4))).get("failed")
    before = lab.stats()
    keep = _desired(count=2)
    result = run_module(ns_phone.main, _args(lab, state="overridden", config=keep, scope={"match": "805ec0a100.."}))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [
        ("805ec0a10000", "unchanged"), ("805ec0a10001", "unchanged"), ("805ec0a10002", "deleted"), ("805ec0a10003", "deleted")]
    assert write_requests(request_delta(before, lab.stats())) == {DELETE: 2}
    current = _gather(run_module, lab)
    assert sorted(current) == ["805ec0a10000", "805ec0a10001", "805ec0a1ff01"]
    again = run_module(ns_phone.main, _args(lab, config=list(current.values())))
    assert again["changed"] is False, again


def test_bad_input_fails_before_any_request_naming_item_and_option(run_module, lab):
    before = lab.stats()
    result = run_module(ns_phone.main, _args(lab, config=[
        {"mac": "80:5e:c0:a1:00:01", "model": "Yealink T54W"}, {"mac": "805ec0a10001"}, {"mac": "not-a-mac"},
        {"mac": "805ec0a10009", "lines": ["a b"]}, {"mac": "805ec0a1000a", "lines": ["%d" % n for n in range(9)]}]))
    assert result["failed"]
    assert result["problems"][0] == "config[1].mac: '805ec0a10001' is listed twice (also config[0])"
    assert result["problems"][1].startswith("config[2].mac: 'not-a-mac' is not a MAC address")
    assert result["problems"][2].startswith("config[3].lines: 'a b' is not a line")
    assert result["problems"][3] == "config[4].lines: 9 lines given; the API provisions at most 8 (sip-uri-1..8)"
    assert lab.stats()["total"] == before["total"]


def test_faults_give_the_same_result_as_a_clean_run_without_duplicates(run_module, ns_lab_factory):
    clean = ns_lab_factory(strict=True)
    faulty = ns_lab_factory(strict=True)
    for lab in (clean, faulty):
        lab.load_seed(_seed())
    faulty.set_faults(rate_limit_percent=10, error_percent={503: 10}, retry_after=0.01, rng_seed=11)
    results = [run_module(ns_phone.main, _args(lab, config=_desired(count=12))) for lab in (clean, faulty)]
    for result in results:
        assert not result.get("failed"), result.get("msg")
    assert results[0]["results"] == results[1]["results"]
    assert results[1]["api_stats"]["retries"] > 0 and faulty.stats()["faults_injected"]
    faulty.clear_faults()
    macs = [phone["device-provisioning-mac-address"].lower() for phone in faulty.store.list("phone", "")]
    assert not [mac for mac, count in Counter(macs).items() if count > 1]
    assert _gather(run_module, clean) == _gather(run_module, faulty)
