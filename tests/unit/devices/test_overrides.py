# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Per-MAC overrides: the source's phone settings the platform expresses, and what it cannot carry."""
from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.devices.overrides import phone_overrides, vendor_of

ATTRIBUTES = {"line_keys": [{"key": 5, "type": "blf", "value": "203", "label": "Ana"}, {"key": 6, "type": "speed_dial", "value": "+12155550100"}],
              "blf": ["204"], "dtmfmode": "rfc4733", "allow": "ulaw,g722", "tech": "pjsip", "endpointman_id": "7", "paging_group": "3"}


def _row(catalog_id, name="Yealink T54W", lines=2):
    return {"catalog_id": catalog_id, "catalog_name": name, "line_capacity": 16, "lines": [{"line": number} for number in range(1, lines + 1)]}


def test_yealink_line_keys_follow_the_lines_and_zone_language_dtmf_are_carried():
    result = phone_overrides(_row("yealink-t54w"), {"source_attributes": ATTRIBUTES}, [{"language": "es-US"}], "America/Chicago", "America/New_York")
    text = result["text"].splitlines()
    # BLF from the plain list takes the first key after the two lines; explicit keys keep their numbers
    assert text[:3] == ["linekey.3.type = 16", "linekey.3.value = 204", "linekey.3.line = 1"]
    assert "linekey.5.label = Ana" in text and "linekey.6.type = 13" in text
    assert "local_time.time_zone = -6" in text and "local_time.time_zone_name = United States-Central Time" in text
    assert "lang.gui = Spanish" in text
    assert ["account.1.dtmf.type = 1", "account.2.dtmf.type = 1"] == [line for line in text if "dtmf" in line]
    assert result["carried"] == ["dtmf", "language", "line_keys", "time_zone"]
    assert [(item["setting"], item["reason"].split(" ")[0]) for item in result["not_carried"]] == [("allow", "codecs"), ("paging_group", "no")]
    assert result["problems"] == []


def test_poly_keeps_blf_and_lists_speed_dials_as_not_carried():
    result = phone_overrides(_row("poly-vvx-450", "Polycom VVX 450"), {"source_attributes": ATTRIBUTES}, [], None, None)
    assert "attendant.resourceList.1.address = 204" in result["text"]
    assert "tone.dtmf.rfc2833Control = 1" in result["text"]
    assert any(item["setting"] == "line_keys.6" and "contact directory" in item["reason"] for item in result["not_carried"])


def test_a_vendor_without_known_syntax_carries_nothing_and_says_why():
    result = phone_overrides(_row("grandstream-grp2614", "Grandstream GRP2614"), {"source_attributes": {"time_zone": "America/Denver"}}, [],
                             None, None)
    assert result["text"] == "" and result["carried"] == []
    assert result["not_carried"] == [{"setting": "time_zone", "value": "America/Denver",
                                      "reason": "no override syntax for Grandstream GRP2614 in the collection; set it in the provider's "
                                                "provisioning template"}]
    assert vendor_of("grandstream-grp2614") is None and vendor_of("yealink-t54w") == "yealink"


def test_nothing_to_carry_gives_empty_text_and_defaults_are_not_repeated():
    result = phone_overrides(_row("yealink-t54w"), {}, [{"language": "en-US"}], "America/New_York", "America/New_York")
    assert result == {"text": "", "carried": [], "not_carried": [], "problems": []}


def test_bad_line_keys_and_unknown_values_are_reported_not_guessed():
    attributes = {"line_keys": [{"key": "x", "type": "blf"}, {"key": 3, "type": "intercom"}, "203"], "time_zone": "Mars/Olympus",
                  "language": "Klingon", "dtmfmode": "auto"}
    result = phone_overrides(_row("yealink-t54w"), {"source_attributes": attributes}, [], None, None)
    assert len(result["problems"]) == 3 and all(problem.startswith("source_attributes.line_keys[") for problem in result["problems"])
    assert sorted(item["setting"] for item in result["not_carried"]) == ["dtmfmode", "language", "time_zone"]
    assert result["text"] == ""
