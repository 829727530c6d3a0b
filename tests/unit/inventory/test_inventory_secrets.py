# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.secrets import (
    REDACTED,
    SecretNotFound,
    is_secret_key,
    is_secret_ref,
    make_secret,
    redact,
    resolve_secret,
)


def test_make_secret():
    assert make_secret("vm_pin/201") == {"secret_ref": "vm_pin/201", "is_set": True}
    assert make_secret() == {"is_set": False}
    with pytest.raises(ValueError):
        make_secret("has space")


@pytest.mark.parametrize("value, expected", [
    ({"secret_ref": "vm_pin/201", "is_set": True}, True),
    ({"is_set": False}, True),
    ({"is_set": True}, False),
    ({"secret_ref": "vm_pin/201", "is_set": True, "value": "1"}, False),
    ("4821", False),
    (4821, False),
    (None, False),
])
def test_is_secret_ref(value, expected):
    assert is_secret_ref(value) is expected


@pytest.mark.parametrize("key", ["password", "secret", "pin", "vm_pin", "voicemail_vmpwd", "AuthPassword", "extPassword",
                                 "VMPIN", "SrvcAccessPwd", "DeskphoneWebPass", "api_key", "apiKey", "sip_password", "token"])
def test_secret_keys(key):
    assert is_secret_key(key)


@pytest.mark.parametrize("key", ["mapping", "spinner", "pinned", "passthrough", "extension", "keypad", "sipname", "keys"])
def test_not_secret_keys(key):
    assert not is_secret_key(key)


def test_resolve_flat_then_nested():
    secrets = {"vm_pin/201": "4821", "vm_pin": {"202": "1357"}}
    assert resolve_secret({"secret_ref": "vm_pin/201", "is_set": True}, secrets) == "4821"
    assert resolve_secret({"secret_ref": "vm_pin/202", "is_set": True}, secrets) == "1357"
    assert resolve_secret({"is_set": False}, secrets) is None


def test_resolve_missing():
    with pytest.raises(SecretNotFound) as caught:
        resolve_secret({"secret_ref": "vm_pin/999", "is_set": True}, {"vm_pin": {"201": "1"}})
    assert str(caught.value) == "secret 'vm_pin/999' is not in ucaas_secrets"
    with pytest.raises(SecretNotFound):
        resolve_secret({"secret_ref": "vm_pin", "is_set": True}, {"vm_pin": {"201": "1"}})


def test_resolve_refuses_clear_text():
    with pytest.raises(ValueError):
        resolve_secret("4821", {})


def test_redact_hides_clear_text_keeps_refs_and_input():
    data = {
        "extension": "201",
        "secret": "s3cr3t",
        "voicemail_vmpwd": 4821,
        "PinProtect": True,
        "pin": {"secret_ref": "vm_pin/201", "is_set": True},
        "rows": [{"AuthPassword": "x"}],
        "odd": {"note": "anything"},
    }
    safe = redact(data, secret_paths=[("odd", "note")])
    assert safe == {
        "extension": "201",
        "secret": REDACTED,
        "voicemail_vmpwd": REDACTED,
        "PinProtect": True,
        "pin": {"secret_ref": "vm_pin/201", "is_set": True},
        "rows": [{"AuthPassword": REDACTED}],
        "odd": {"note": REDACTED},
    }
    assert data["secret"] == "s3cr3t"
