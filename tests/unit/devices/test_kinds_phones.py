# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ns_phone spec without a platform: lines, overrides text and the bodies the write hook sends."""
from __future__ import annotations

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_phones import (
    lines_of_api, normalize_lines, normalize_overrides, phone_spec,
)
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.plan import plan, validate_config
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import SpecValueError

DOMAIN = "acme.example"


class RecordingClient:
    """Just enough of NsApiClient for the hooks: lists and writes are recorded."""

    def __init__(self, devices=(), platform=None):
        self.devices = [{"device": name} for name in devices]
        self.platform = platform or {}
        self.calls = []

    def list_kind(self, kind, domain=None, domain_wide=False, **parents):
        self.calls.append(("list", getattr(kind, "name", kind)))
        return list(self.devices)

    def get_or_none(self, template, params=None, **path):
        self.calls.append(("get", template, path["mac"]))
        return self.platform.get(path["mac"])

    def map(self, fn, items):
        from ansible_collections.ucaas.migration.plugins.module_utils.client.concurrency import bounded_map
        return bounded_map(fn, items, 1)

    def create(self, kind, body, **parents):
        self.calls.append(("create", body))
        return body

    def update(self, kind, body, **parents):
        self.calls.append(("update", body))
        return body


def test_lines_normalise_and_refuse_what_the_api_cannot_hold():
    assert normalize_lines(["201", "SIP:201a@Acme.Example", "202@acme.example", ""]) == ["201", "sip:201a@acme.example", "sip:202@acme.example"]
    for bad, message in ((["a b"], "is not a line"), (["201", "201"], "listed twice"), ([str(n) for n in range(9)], "at most 8"),
                         ("201", "expected a list")):
        with pytest.raises(SpecValueError, match=message):
            normalize_lines(bad)
    assert lines_of_api({"device-provisioning-sip-uri-1": "sip:201@acme.example", "device-provisioning-sip-uri-3": "sip:203@ACME.example",
                         "device-provisioning-sip-uri-4": ""}) == ["sip:201@acme.example", "", "sip:203@acme.example"]
    assert normalize_overrides("a = 1  \r\nb = 2\r\n\r\n") == "a = 1\nb = 2"


def _run(spec, client, config, current, state="merged"):
    desired = validate_config(spec, config, state)
    current = spec.hooks.prepare(client, spec, DOMAIN, current, desired)
    return plan(spec, state, desired, current)


def test_write_hook_spreads_lines_over_the_uri_fields_and_clears_dropped_ones():
    spec = phone_spec()
    client = RecordingClient(devices=["201", "202", "203"])
    current = [{"device-provisioning-mac-address": "805EC0A10001", "domain": DOMAIN, "device-models-brand-and-model": "Yealink T54W",
                "device-provisioning-sip-uri-1": "sip:201@%s" % DOMAIN, "device-provisioning-sip-uri-2": "sip:202@%s" % DOMAIN}]
    config = [{"mac": "80:5e:c0:a1:00:01", "lines": ["203"]}, {"mac": "805ec0a10002", "model": "Yealink T31P", "lines": ["201", "202"]}]
    update, create = _run(spec, client, config, current)
    assert update.op == "update" and update.changes == {"lines": {"before": ["sip:201@%s" % DOMAIN, "sip:202@%s" % DOMAIN],
                                                                  "after": ["sip:203@%s" % DOMAIN]}}
    spec.hooks.write(client, spec, DOMAIN, update)
    spec.hooks.write(client, spec, DOMAIN, create)
    assert client.calls[-2] == ("update", {"device-provisioning-mac-address": "805EC0A10001",
                                           "device-provisioning-sip-uri-1": "sip:203@%s" % DOMAIN, "device-provisioning-sip-uri-2": ""})
    assert client.calls[-1] == ("create", {"device-provisioning-mac-address": "805ec0a10002", "device-models-brand-and-model": "Yealink T31P",
                                           "device-provisioning-sip-uri-1": "sip:201@%s" % DOMAIN,
                                           "device-provisioning-sip-uri-2": "sip:202@%s" % DOMAIN})
    # One list of the devices; one platform-wide look-up for the MAC the domain lacks.
    assert client.calls[:2] == [("list", "devices"), ("get", "/phones/{mac}", "805ec0a10002")]


def test_foreign_mac_fails_in_the_plan_and_missing_line_devices_fail_in_check_mode():
    spec = phone_spec()
    client = RecordingClient(devices=["201"], platform={"805ec0a10009": {"device-provisioning-mac-address": "805ec0a10009", "domain": "other"}})
    config = [{"mac": "805ec0a10009", "model": "Yealink T54W"}, {"mac": "805ec0a10008", "model": "Yealink T54W", "lines": ["201", "299"]}]
    foreign, missing = _run(spec, client, config, [])
    assert foreign.op == "fail" and "provisioned in domain other" in foreign.msg
    assert missing.op == "create"
    spec.hooks.finish(client, spec, DOMAIN, [foreign, missing], check_mode=True)
    assert missing.op == "fail" and missing.msg == "line device(s) sip:299@acme.example do not exist in the domain; create them first (ns_device)"
    with pytest.raises(ValueError, match="sip:299"):
        spec.hooks.write(client, spec, DOMAIN, _run(phone_spec(), client, config[1:], [])[0])


def test_lookup_of_other_domains_can_be_turned_off():
    spec = phone_spec(check_other_domains=False)
    client = RecordingClient()
    (action,) = _run(spec, client, [{"mac": "805ec0a10009", "model": "Yealink T54W"}], [])
    assert action.op == "create" and client.calls == []
