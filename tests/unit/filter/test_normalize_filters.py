# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ansible.errors import AnsibleFilterError
from ansible_collections.ucaas.migration.plugins.filter.normalize import FilterModule

FILTER_DIR = Path(__file__).resolve().parents[3] / "plugins" / "filter"
FILTERS = FilterModule().filters()


def test_every_filter_is_documented():
    for name in FILTERS:
        doc = yaml.safe_load((FILTER_DIR / ("%s.yml" % name)).read_text(encoding="utf-8"))
        assert doc["DOCUMENTATION"]["name"] == name
        assert doc["EXAMPLES"].strip() and doc["RETURN"]["_value"]["description"]


def test_e164():
    assert FILTERS["e164"]("(215) 555-0100") == "+12155550100"
    assert FILTERS["e164"]("020 7946 0000", "GB") == "+442079460000"
    assert FILTERS["e164_digits"]("+1 215 555 0100") == "12155550100"


def test_mac():
    assert FILTERS["mac"]("80:5E:C0:A1:02:01") == "805ec0a10201"
    assert FILTERS["mac"]("805ec0a10201", "dash", True) == "80-5E-C0-A1-02-01"
    assert FILTERS["mac"]("805ec0a10201", style="colon") == "80:5e:c0:a1:02:01"


def test_extension():
    assert FILTERS["extension"](1001) == "1001"
    assert FILTERS["extension"](" 204 ") == "204"


@pytest.mark.parametrize("name, args, message", [
    ("e164", ("215-555-01",), "ucaas.migration.e164: '215-555-01' is not a valid phone number (read as a national number of region US)"),
    ("e164_digits", ("+1555",), "ucaas.migration.e164_digits: '+1555' is not a valid E.164 number"),
    ("mac", ("00:11:22:33:44",), "ucaas.migration.mac: '00:11:22:33:44' is not a MAC address (12 hex digits)"),
    ("mac", ("805ec0a10201", "slash"), "ucaas.migration.mac: mac_format must be one of bare, colon, dash, dot"),
    ("extension", ("10a1",), "ucaas.migration.extension: '10a1' is not an extension (2 to 10 digits)"),
])
def test_bad_input_fails_with_the_validator_message(name, args, message):
    with pytest.raises(AnsibleFilterError) as caught:
        FILTERS[name](*args)
    assert str(caught.value) == message


def test_redact_secrets():
    row = {"extension": "201", "secret": "s3cr3t", "voicemail_vmpwd": "4821", "pin": {"secret_ref": "vm_pin/201", "is_set": True}}
    assert FILTERS["redact_secrets"](row) == {"extension": "201", "secret": "********", "voicemail_vmpwd": "********",
                                              "pin": {"secret_ref": "vm_pin/201", "is_set": True}}
    assert row["secret"] == "s3cr3t"
