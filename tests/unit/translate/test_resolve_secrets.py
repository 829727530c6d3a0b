# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.ucaas.migration.plugins.filter.resolve_secrets import FilterModule, resolve_secrets

CONFIG = [
    {"user": "201", "voicemail_pin": {"secret_ref": "vm_pin/201", "is_set": True}},
    {"user": "211", "voicemail_pin": {"is_set": False}},
    {"user": "212", "voicemail_pin": {"secret_ref": "vm_pin/212", "is_set": True}, "first_name": "Liam"},
]


def test_references_resolved_flat_and_nested_missing_dropped():
    expected = [{"user": "201", "voicemail_pin": "4821"}, {"user": "211"}, {"user": "212", "first_name": "Liam"}]
    assert resolve_secrets(CONFIG, {"vm_pin/201": 4821}) == expected
    assert resolve_secrets(CONFIG, {"vm_pin": {"212": "5150"}})[2] == {"user": "212", "voicemail_pin": "5150", "first_name": "Liam"}
    assert CONFIG[0]["voicemail_pin"] == {"secret_ref": "vm_pin/201", "is_set": True}
    assert FilterModule().filters()["resolve_secrets"] is resolve_secrets


def test_bad_input():
    with pytest.raises(AnsibleFilterError, match="expected a list of config items"):
        resolve_secrets({"user": "201"}, {})
    with pytest.raises(AnsibleFilterError, match="item 0 is not a mapping"):
        resolve_secrets(["201"], {})
