# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ansible_collections.ucaas.migration.plugins.module_utils.translate.findings import Findings, TranslationError, fingerprint
from ansible_collections.ucaas.migration.plugins.module_utils.translate.standards import DEFAULT_STANDARDS, domain_name, merged_standards, slug
from ansible_collections.ucaas.migration.plugins.module_utils.translate.timezones import ACCEPTED_TIME_ZONES, TimeZones, map_time_zone

REPO = Path(__file__).resolve().parents[3]


def test_role_defaults_document_the_same_standards():
    defaults = yaml.safe_load((REPO / "roles" / "recreate" / "defaults" / "main.yml").read_text(encoding="utf-8"))
    assert defaults["recreate_standards_defaults"] == DEFAULT_STANDARDS


def test_three_layers_merge_recursively_later_wins():
    standards, warnings = merged_standards({"voicemail": {"transcription": True}, "extension_length": 4},
                                           {"voicemail": {"attach_audio": False}},
                                           {"extension_length": 3, "cutover_window": {"days": "mon-fri"}, "colour": "blue"})
    assert standards["voicemail"]["transcription"] is True and standards["voicemail"]["attach_audio"] is False
    assert standards["voicemail"]["user_control"] is True
    assert standards["extension_length"] == 3
    assert warnings == ["standards.colour: unknown key (not used by the translation)"]


@pytest.mark.parametrize("layer, message", [
    ({"extension_collision": "overwrite"}, "standards.extension_collision: 'overwrite' is not one of: fail, prefix, renumber"),
    ({"extension_length": 12}, "standards.extension_length: expected an integer from 2 to 10 or null, got 12"),
    ({"device_name_suffixes": {"softphone": "Web Phone"}}, "standards.device_name_suffixes.softphone: expected up to 6"),
    ({"user_scope": "Admin"}, "standards.user_scope: 'Admin' is not one of"),
    ({"voicemail": {"enabled": "yes"}}, "standards.voicemail.enabled: expected true or false, got 'yes'"),
    ({"caller_id": {"policy": "random"}}, "standards.caller_id.policy: 'random' is not one of: source, site, domain"),
])
def test_bad_standards_name_the_key(layer, message):
    with pytest.raises(TranslationError) as error:
        merged_standards(layer)
    assert str(error.value).startswith(message)


def test_domain_name_pattern_and_target_domain_wins():
    standards, dummy = merged_standards({})
    assert slug("Acme Dental Group, Inc.") == "acme-dental-group-inc"
    assert domain_name(standards, {"reseller": "Keystone Voice"}, "Acme Dental Group") == "acme-dental-group.keystone-voice.service"
    assert domain_name(standards, {"domain": "AcmeDental.Keystone-Voice.service", "reseller": "x"}, "Acme") == "acmedental.keystone-voice.service"
    with pytest.raises(TranslationError, match="target.reseller: required by standards.domain_name_pattern"):
        domain_name(standards, {}, "Acme")


def test_time_zones_map_onto_the_vendor_enum():
    assert "America/Chicago" not in ACCEPTED_TIME_ZONES
    assert map_time_zone("America/Chicago") == ("US/Central", "alias")
    assert map_time_zone("America/New_York") == ("America/New_York", "accepted")
    assert map_time_zone("Asia/Kolkata") == ("Asia/Calcutta", "alias")
    assert map_time_zone("America/Chicago", {"America/Chicago": "America/Winnipeg"}) == ("America/Winnipeg", "map")
    assert map_time_zone("Mars/Olympus_Mons") == (None, "unmapped")


def test_time_zone_findings_info_for_alias_blocking_when_unmapped():
    findings = Findings()
    zones = TimeZones(findings)
    assert zones.target("America/Chicago") == "US/Central"
    assert zones.target("Mars/Olympus_Mons") is None
    kinds = sorted((item["kind"], item["severity"]) for item in findings.items.values())
    assert kinds == [("time_zone_alias", "info"), ("time_zone_unsupported", "blocking")]


def test_fingerprint_is_stable_and_order_free():
    assert fingerprint("k", ["b", "a"], "d") == fingerprint("k", ["a", "b"], "d")
    assert fingerprint("k", ["a"], "d") != fingerprint("k", ["a"], "e")


def test_resolutions_are_checked():
    with pytest.raises(TranslationError, match=r"ucaas_resolutions\['abc'\].decision: required"):
        Findings({"abc": {"note": "x"}})
    with pytest.raises(TranslationError, match=r"ucaas_resolutions\['abc'\].who: unknown field"):
        Findings({"abc": {"decision": "accept", "who": "me"}})
