# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ns_device's spec on plain data: MAC and enum normalisation, composite keys, the write-only SIP password."""
from __future__ import annotations

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_devices import device_spec, normalize_device_mac, normalize_srtp
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.plan import ConfigError, Scope, gathered_items, plan, validate_config
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import MASK, SpecValueError

CURRENT = [
    {"domain": "d", "user": "201", "device": "201", "device-provisioning-mac-address": "0004f2aabb01", "device-models-model": "T54W",
     "device-provisioning-line": 1, "device-provisioning-sip-transport-protocol": "tls", "device-srtp-enabled": "yes",
     "device-sip-registration-password": "read-back-secret"},
    {"domain": "d", "user": "201", "device": "201wp"},
    {"domain": "d", "user": "202", "device": "202"},
]


def _plan(state, config, **kwargs):
    spec = device_spec()
    return plan(spec, state, validate_config(spec, config, state), CURRENT, **kwargs)


def test_mac_and_enums_are_canonical():
    assert normalize_device_mac("00:04:F2:AA:BB:01") == normalize_device_mac("0004.f2aa.bb01") == "0004f2aabb01"
    for bad in ("00:04:f2:zz:bb:01", "ff:ff:ff:ff:ff:ff", "01:00:5e:00:00:01"):
        with pytest.raises(SpecValueError):
            normalize_device_mac(bad)
    assert normalize_srtp(True) == "yes" and normalize_srtp("False") == "no" and normalize_srtp("Opportunistic") == "opportunistic"


def test_same_device_in_another_spelling_is_unchanged_and_the_password_is_not_compared():
    (action,) = _plan("merged", [{"user": "201", "device": "201", "mac": "00-04-F2-AA-BB-01", "transport": "TLS", "srtp": "yes",
                                  "line": "1", "sip_password": "new-secret"}])
    assert action.op == "unchanged" and action.label == "201/201"


def test_update_password_always_sends_the_password_masked_in_changes():
    (action,) = _plan("merged", [{"user": "201", "device": "201", "sip_password": "new-secret"}], update_password="always")
    assert action.op == "update" and action.body == {"device-sip-registration-password": "new-secret"}
    assert action.changes == {"sip_password": {"before": None, "after": MASK}}


def test_create_under_the_user_without_the_user_in_the_body():
    (action,) = _plan("merged", [{"user": "203", "device": "203", "mac": "0004F2AABB03", "sip_password": "s"}])
    assert action.op == "create" and action.key == ("203", "203")
    assert action.body == {"device": "203", "device-provisioning-mac-address": "0004f2aabb03", "device-sip-registration-password": "s"}
    assert action.after["sip_password"] == MASK


def test_replaced_clears_texts_and_leaves_enums():
    (action,) = _plan("replaced", [{"user": "201", "device": "201"}])
    assert action.changes == {"mac": {"before": "0004f2aabb01", "after": ""}, "model": {"before": "T54W", "after": ""}}


def test_overridden_scope_uses_user_slash_device_labels():
    spec = device_spec()
    actions = _plan("overridden", [{"user": "201", "device": "201"}], scope=Scope(spec, match="201/.*"))
    assert [(action.label, action.op) for action in actions] == [("201/201", "update"), ("201/201wp", "delete")]
    keyed = _plan("deleted", [], scope=Scope(spec, keys=["202/202"]))
    assert [(action.label, action.op) for action in keyed] == [("202/202", "delete")]
    with pytest.raises(ConfigError) as caught:
        Scope(spec, keys=["202"])
    assert caught.value.problems == ["scope.keys[0]: expected <user>/<device>, got '202'"]


def test_gathered_leaves_the_password_out():
    gathered = gathered_items(device_spec(), CURRENT)
    assert gathered[0] == {"user": "201", "device": "201", "mac": "0004f2aabb01", "model": "T54W", "line": 1, "transport": "tls",
                           "srtp": "yes"}
    assert [(item["user"], item["device"]) for item in gathered] == [("201", "201"), ("201", "201wp"), ("202", "202")]


def test_bad_input_names_item_and_option():
    spec = device_spec()
    with pytest.raises(ConfigError) as caught:
        validate_config(spec, [{"user": "201", "device": "201", "nat_traversal": "sometimes", "line": "one"}, {"user": "201"}], "merged")
    assert caught.value.problems == ["config[0].line: expected an integer, got 'one'",
                                     "config[0].nat_traversal: 'sometimes' is not one of automatic, none, never, fixed",
                                     "config[1].device: missing; it identifies the device"]
