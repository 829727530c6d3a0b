# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import (
    NormalizationError,
    e164_digits,
    normalize_e164,
    normalize_extension,
    normalize_mac,
)


@pytest.mark.parametrize("raw, region, expected", [
    ("+12155550100", "US", "+12155550100"),
    ("(215) 555-0100", "US", "+12155550100"),
    ("215.555.0100", "us", "+12155550100"),
    ("1-215-555-0100", "US", "+12155550100"),
    (" +1 215 555 0100 ", "US", "+12155550100"),
    (2155550100, "US", "+12155550100"),
    ("020 7946 0000", "GB", "+442079460000"),
    ("+44 20 7946 0000", "US", "+442079460000"),
])
def test_e164_accepts_common_notations(raw, region, expected):
    assert normalize_e164(raw, region) == expected


@pytest.mark.parametrize("raw, message", [
    ("215-555-01", "'215-555-01' is not a valid phone number (read as a national number of region US)"),
    ("+1555", "'+1555' is not a valid E.164 number"),
    ("+1 555 555 0100", "'+1 555 555 0100' is not a valid E.164 number"),
    ("call me", "'call me' is not a phone number"),
    (None, "None is not text"),
    (True, "True is not text"),
])
def test_e164_rejects_with_reason(raw, message):
    with pytest.raises(NormalizationError) as caught:
        normalize_e164(raw)
    assert str(caught.value) == message


def test_e164_digits_drops_plus():
    assert e164_digits("(215) 555-0100") == "12155550100"


@pytest.mark.parametrize("raw", ["80:5E:C0:A1:02:01", "80-5e-c0-a1-02-01", "805e.c0a1.0201", "805EC0A10201", " 80 5e c0 a1 02 01 "])
def test_mac_accepts_separators_and_case(raw):
    assert normalize_mac(raw) == "805ec0a10201"


@pytest.mark.parametrize("style, upper, expected", [
    ("colon", False, "80:5e:c0:a1:02:01"),
    ("dash", True, "80-5E-C0-A1-02-01"),
    ("dot", False, "805e.c0a1.0201"),
    ("bare", True, "805EC0A10201"),
])
def test_mac_output_styles(style, upper, expected):
    assert normalize_mac("805ec0a10201", style, upper) == expected


@pytest.mark.parametrize("raw, message", [
    ("00:11:22:33:44", "'00:11:22:33:44' is not a MAC address (12 hex digits)"),
    ("00:11:22:33:44:5g", "'00:11:22:33:44:5g' is not a MAC address (12 hex digits)"),
    ("00:11:22:33:44:55:66", "'00:11:22:33:44:55:66' is not a MAC address (12 hex digits)"),
    ("00:00:00:00:00:00", "'00:00:00:00:00:00' is a placeholder, not a device MAC address"),
    ("ff:ff:ff:ff:ff:ff", "'ff:ff:ff:ff:ff:ff' is a placeholder, not a device MAC address"),
    ("01:00:5e:00:00:01", "'01:00:5e:00:00:01' is a multicast address, not a device MAC address"),
    (805, "805 is not a MAC address (12 hex digits)"),
])
def test_mac_rejects_with_reason(raw, message):
    with pytest.raises(NormalizationError) as caught:
        normalize_mac(raw)
    assert str(caught.value) == message


def test_mac_unknown_style_is_a_programming_error():
    with pytest.raises(ValueError):
        normalize_mac("805ec0a10201", "slash")


@pytest.mark.parametrize("raw, expected", [("1001", "1001"), (1001, "1001"), (" 204 ", "204"), ("0042", "0042")])
def test_extension_accepts(raw, expected):
    assert normalize_extension(raw) == expected


@pytest.mark.parametrize("raw", ["1", "10a1", "12345678901", "", "1 001", 1.5])
def test_extension_rejects(raw):
    with pytest.raises(NormalizationError) as caught:
        normalize_extension(raw)
    assert "is not" in str(caught.value)
