# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The validator's messages are its interface: every case asserts the exact line."""

from __future__ import annotations

import copy
import json

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.validate import format_path, validate_inventory


def find(items, source_id):
    """Index of the object with ``source_id`` in a collection list."""
    for index, item in enumerate(items):
        if item.get("source_id") == source_id:
            return index
    raise KeyError(source_id)


def lines(data, **kwargs):
    return validate_inventory(data, **kwargs).lines


def test_example_is_clean_and_already_canonical(example, example_text):
    result = validate_inventory(example)
    assert result.lines == []
    assert result.ok
    # the example was written by the model: validating it changes nothing, byte for byte
    assert json.dumps(result.inventory, indent=2, ensure_ascii=False) + "\n" == example_text


def test_validation_does_not_modify_its_input(example):
    example["devices"][0]["mac"] = "80:5E:C0:A1:02:01"
    before = copy.deepcopy(example)
    result = validate_inventory(example)
    assert example == before
    assert result.ok
    assert result.inventory["devices"][0]["mac"] == "805ec0a10201"


def test_normalizes_numbers_macs_and_timestamps(example):
    dev = find(example["devices"], "dev-204")
    did = find(example["dids"], "did-2155550104")
    example["devices"][dev]["mac"] = "64-16-7F-B2-02-04"
    example["dids"][did]["number"] = "(215) 555-0104"
    example["users"][0]["mobile_number"] = "267.555.0111"
    example["source"]["collected_at"] = "2026-11-20T10:04:05-05:00"
    result = validate_inventory(example)
    assert result.lines == []
    assert result.inventory["devices"][dev]["mac"] == "64167fb20204"
    assert result.inventory["dids"][did]["number"] == "+12155550104"
    assert result.inventory["users"][0]["mobile_number"] == "+12675550111"
    assert result.inventory["source"]["collected_at"] == "2026-11-20T15:04:05Z"


def test_canonical_order_sorts_collections_by_source_id(example):
    example["users"].reverse()
    result = validate_inventory(example)
    assert [user["source_id"] for user in result.inventory["users"]][:3] == ["u-201", "u-202", "u-203"]


# -- the bad inputs the tracker names ---------------------------------------------------

def test_malformed_mac(example):
    index = find(example["devices"], "dev-204")
    example["devices"][index]["mac"] = "00:11:22:33:44"
    assert lines(example) == [
        "$.devices[%d].mac (source id 'dev-204'): '00:11:22:33:44' is not a MAC address (12 hex digits)" % index]


def test_invalid_number(example):
    index = find(example["dids"], "did-2155550108")
    example["dids"][index]["number"] = "215-555-01"
    assert lines(example) == [
        "$.dids[%d].number (source id 'did-2155550108'): '215-555-01' is not a valid phone number "
        "(read as a national number of region US)" % index]


def test_non_e164_number(example):
    index = find(example["dids"], "did-2155550108")
    example["dids"][index]["number"] = "+1 555 555 0100"
    assert lines(example) == [
        "$.dids[%d].number (source id 'did-2155550108'): '+1 555 555 0100' is not a valid E.164 number" % index]


def test_default_region_reads_national_numbers(example):
    del example["source"]["default_region"]
    example["directory_entries"][0]["numbers"][0]["number"] = "020 7946 0000"
    assert validate_inventory(example, default_region="GB").inventory["directory_entries"][0]["numbers"][0]["number"] == "+442079460000"
    assert lines(example, default_region="US") == [
        "$.directory_entries[0].numbers[0].number (source id 'contact-lab'): '020 7946 0000' is not a valid phone number "
        "(read as a national number of region US)"]


def test_duplicate_extension_across_object_kinds(example):
    user = find(example["users"], "u-205")
    example["users"][user]["extension"] = "201"
    example["queues"][0]["extension"] = "600"
    assert lines(example) == [
        "$.queues[0].extension (source id 'q-610'): extension '600' is already used by $.hunt_groups[0] (source id 'hg-600')",
        "$.users[%d].extension (source id 'u-205'): extension '201' is already used by $.users[0] (source id 'u-201')" % user,
    ]


def test_duplicate_mac_compares_normalized_values(example):
    first = find(example["devices"], "dev-203")
    second = find(example["devices"], "dev-205")
    example["devices"][second]["mac"] = "80:5E:C0:A1:02:03"
    assert lines(example) == [
        "$.devices[%d].mac (source id 'dev-205'): MAC address '805ec0a10203' is already used by $.devices[%d] (source id 'dev-203')"
        % (second, first)]


def test_duplicate_number(example):
    second = find(example["dids"], "did-2155550104")
    example["dids"][second]["number"] = "+12155550100"
    assert lines(example) == [
        "$.dids[%d].number (source id 'did-2155550104'): number '+12155550100' is already used by $.dids[0] (source id 'did-2155550100')"
        % second]


def test_duplicate_source_id(example):
    example["directory_entries"][1]["source_id"] = "contact-lab"
    assert lines(example) == [
        "$.directory_entries[1].source_id (source id 'contact-lab'): duplicate source id; already used by $.directory_entries[0]"]


def test_dangling_reference(example):
    did = find(example["dids"], "did-2155550108")
    example["dids"][did]["destination"]["id"] = "q-999"
    example["devices"][0]["site_id"] = "site-nowhere"
    assert lines(example) == [
        "$.devices[0].site_id (source id 'dev-201'): refers to 'site-nowhere', which is not in $.sites",
        "$.dids[%d].destination (source id 'did-2155550108'): refers to queue 'q-999', which is not in $.queues" % did,
    ]


def test_dangling_menu_reference(example):
    option = example["auto_attendants"][0]["menus"][0]["options"][2]
    assert option["destination"]["type"] == "auto_attendant_menu"
    option["destination"]["menu"] = "billing"
    assert lines(example) == [
        "$.auto_attendants[0].menus[0].options[2].destination.menu (source id 'aa-700'): "
        "refers to menu 'billing', which auto attendant 'aa-700' does not have"]


def test_unknown_enum_value_suggests(example):
    example["queues"][0]["strategy"] = "roundrobin"
    assert lines(example) == [
        "$.queues[0].strategy (source id 'q-610'): 'roundrobin' is not one of: ring_all, linear, linear_cascade, round_robin, "
        "tiered_round_robin, longest_idle, fewest_calls, least_talk_time, random, skills_based; did you mean 'round_robin'?"]


def test_destination_type_restricted_for_members(example):
    example["hunt_groups"][0]["members"].append({"type": "queue", "id": "q-610"})
    assert lines(example) == ["$.hunt_groups[0].members[3].type (source id 'hg-600'): 'queue' is not one of: user, external"]


def test_wrong_type(example):
    example["users"][0]["enabled"] = "yes"
    example["queues"][0]["max_wait_seconds"] = "300"
    example["users"][1]["directory"] = ["listed"]
    assert lines(example) == [
        "$.queues[0].max_wait_seconds (source id 'q-610'): '300' is a string, expected an integer",
        "$.users[0].enabled (source id 'u-201'): 'yes' is a string, expected a boolean",
        "$.users[1].directory (source id 'u-202'): is a list, expected an object",
    ]


def test_wrong_type_is_reported_once(example):
    example["queues"][0]["strategy"] = 3
    assert lines(example) == ["$.queues[0].strategy (source id 'q-610'): 3 is an integer, expected a string"]


def test_missing_required_field(example):
    del example["users"][1]["last_name"]
    del example["devices"][0]["type"]
    assert lines(example) == [
        "$.devices[0].type (source id 'dev-201'): required field is missing",
        "$.users[1].last_name (source id 'u-202'): required field is missing",
    ]


def test_missing_source_id(example):
    del example["sites"][1]["source_id"]
    assert "$.sites[1].source_id (no source id): required field is missing" in lines(example)


def test_unknown_field(example):
    example["users"][2]["emial"] = "x@example.com"
    assert lines(example) == ["$.users[2].emial (source id 'u-203'): unknown field; did you mean 'email'?"]


def test_schema_version(example):
    example["schema_version"] = "inventory/v2"
    assert lines(example) == ["$.schema_version: unsupported schema version 'inventory/v2' (this collection reads 'inventory/v1')"]


def test_pattern_problems_read_plainly(example):
    example["audio_assets"][0]["sha256"] = "abc"
    example["audio_assets"][1]["file"] = "/etc/passwd"
    example["users"][0]["email"] = "alice"
    assert lines(example) == [
        "$.audio_assets[0].sha256 (source id 'aud-aa-after-hours'): 'abc' is not a SHA-256 digest (64 lower-case hex digits)",
        "$.audio_assets[1].file (source id 'aud-aa-main'): '/etc/passwd' is not a relative path inside the artifact directory",
        "$.users[0].email (source id 'u-201'): 'alice' is not an e-mail address",
    ]


def test_every_problem_is_reported_at_once(example):
    example["devices"][0]["mac"] = "nope"
    example["users"][0]["enabled"] = "yes"
    del example["users"][1]["last_name"]
    example["dids"][0]["destination"]["id"] = "aa-404"
    example["queues"][0]["strategy"] = "rrmemory"
    result = validate_inventory(example)
    assert len(result.lines) == 5
    assert result.inventory is None
    assert [problem.code for problem in result.problems] == [
        "normalize.mac", "reference.dangling", "schema.enum", "schema.type", "schema.required"]
    detail = result.problems[0].to_dict()
    assert detail == {"path": "$.devices[0].mac", "source_id": "dev-201", "code": "normalize.mac",
                      "message": "'nope' is not a MAC address (12 hex digits)",
                      "line": "$.devices[0].mac (source id 'dev-201'): 'nope' is not a MAC address (12 hex digits)"}


def test_not_an_object():
    assert lines(["users"]) == ["$: the inventory is a list, expected an object"]


# -- secrets -------------------------------------------------------------------------------

def test_clear_text_secret_is_refused_and_never_echoed(example):
    example["voicemail_boxes"][0]["pin"] = "4821"
    example["devices"][0]["sip_password"] = {"is_set": True, "secret_ref": "sip_password/201", "value": "hunter2"}
    example["users"][3]["source_attributes"] = {"secret": "Sup3rS3cret", "sipname": "204"}
    result = validate_inventory(example)
    assert result.lines == [
        "$.devices[0].sip_password.value (source id 'dev-201'): clear-text secret not allowed; "
        "a secret field holds only secret_ref and is_set",
        "$.users[3].source_attributes.secret (source id 'u-204'): looks like a clear-text secret; drop it or move it to ucaas_secrets",
        "$.voicemail_boxes[0].pin (source id 'vm-201'): clear-text secret not allowed; put the value in ucaas_secrets (vault) "
        "and reference it here as {'secret_ref': '<key>', 'is_set': true}",
    ]
    everything = json.dumps([p.to_dict() for p in result.problems]) + json.dumps(result.normalized)
    for secret in ("4821", "hunter2", "Sup3rS3cret"):
        assert secret not in everything


def test_secret_flags_must_agree(example):
    example["voicemail_boxes"][0]["pin"] = {"is_set": True}
    example["voicemail_boxes"][1]["pin"] = {"is_set": False, "secret_ref": "vm_pin/202"}
    assert lines(example) == [
        "$.voicemail_boxes[0].pin (source id 'vm-201'): is_set is true but there is no secret_ref naming the value in ucaas_secrets",
        "$.voicemail_boxes[1].pin.secret_ref (source id 'vm-202'): secret_ref is given but is_set is false",
    ]


def test_secret_refs_resolve_when_secrets_given(example):
    refs = set()
    for path_value in json.dumps(example).split('"secret_ref": "')[1:]:
        refs.add(path_value.split('"', 1)[0])
    secrets = dict((ref, "0000") for ref in refs)
    assert lines(example, secrets=secrets) == []
    del secrets["vm_pin/201"]
    assert lines(example, secrets=secrets) == [
        "$.voicemail_boxes[0].pin.secret_ref (source id 'vm-201'): secret 'vm_pin/201' is not in ucaas_secrets"]


# -- rules the schema cannot express ---------------------------------------------------------

def test_destination_needs_id_and_external_is_normalized(example):
    example["dids"][0]["destination"] = {"type": "user"}
    example["dids"][1]["destination"] = {"type": "external", "id": "(267) 555-0142"}
    example["dids"][2]["destination"] = {"type": "hangup"}
    result = validate_inventory(example)
    assert result.lines == ["$.dids[0].destination.id (source id 'did-2155550100'): a 'user' destination needs an id"]
    assert result.normalized["dids"][1]["destination"] == {"type": "external", "id": "+12675550142"}


def test_attendant_needs_exactly_one_default(example):
    variants = example["auto_attendants"][0]["variants"]
    default = variants.pop()
    assert "time_frame_id" not in default
    assert lines(example) == [
        "$.auto_attendants[0].variants (source id 'aa-700'): no default variant (one without time_frame_id answers at all other times)"]
    variants.extend([default, dict(default)])
    assert lines(example) == [
        "$.auto_attendants[0].variants[4] (source id 'aa-700'): a second default variant; only one may omit time_frame_id"]


def test_attendant_menu_and_key_uniqueness(example):
    menus = example["auto_attendants"][0]["menus"]
    menus[1]["id"] = menus[0]["id"]
    menus[0]["options"][1]["key"] = menus[0]["options"][0]["key"]
    found = lines(example)
    assert "$.auto_attendants[0].menus[0].options[1].key (source id 'aa-700'): key '%s' is already used by " \
           "$.auto_attendants[0].menus[0].options[0]" % menus[0]["options"][0]["key"] in found
    assert "$.auto_attendants[0].menus[1].id (source id 'aa-700'): duplicate menu id '%s'; already used by " \
           "$.auto_attendants[0].menus[0]" % menus[0]["id"] in found


def test_time_frame_rules(example):
    frames = example["time_frames"]
    business = find(frames, "tf-business-hours")
    holidays = find(frames, "tf-holidays")
    frames[business]["weekly"][0]["end"] = "07:00"
    frames[holidays]["kind"] = "days_of_week"
    del frames[holidays]["time_zone"]
    del example["source"]["time_zone"]
    frames[holidays]["holidays"][0]["date"] = "2026-02-30"
    assert lines(example) == [
        "$.time_frames[%d].weekly[0].end (source id 'tf-business-hours'): ends at or before its start '08:00'" % business,
        "$.time_frames[%d].holidays (source id 'tf-holidays'): a 'days_of_week' time frame has no holidays entries "
        "(use kind 'custom' to mix)" % holidays,
        "$.time_frames[%d].holidays[0].date (source id 'tf-holidays'): '2026-02-30' is not a calendar date" % holidays,
        "$.time_frames[%d].time_zone (source id 'tf-holidays'): no time zone: set it here or in $.source.time_zone" % holidays,
        "$.time_frames[%d].weekly (source id 'tf-holidays'): a 'days_of_week' time frame needs at least one entry here" % holidays,
    ]


def test_unknown_time_zone(example):
    example["sites"][0]["time_zone"] = "America/Philly"
    assert lines(example) == ["$.sites[0].time_zone (source id 'site-annex'): 'America/Philly' is not an IANA time zone (e.g. America/New_York)"]


def test_answer_rule_rules(example):
    dnd = find(example["answer_rules"], "ar-203-dnd")
    busy = find(example["answer_rules"], "ar-205-cfb")
    example["answer_rules"][dnd]["destinations"] = [{"type": "user", "id": "u-201"}]
    example["answer_rules"][busy]["destinations"] = []
    example["answer_rules"].append({"source_id": "ar-205-cfb-2", "user_id": "u-205", "kind": "forward_busy", "enabled": True,
                                    "destinations": [{"type": "user", "id": "u-204"}]})
    assert lines(example) == [
        "$.answer_rules[%d].destinations (source id 'ar-203-dnd'): a 'do_not_disturb' rule takes no destinations" % dnd,
        "$.answer_rules[%d].destinations (source id 'ar-205-cfb'): a 'forward_busy' rule needs at least one destination" % busy,
        "$.answer_rules[5].kind (source id 'ar-205-cfb-2'): user 'u-205' already has a 'forward_busy' rule for this time frame "
        "in $.answer_rules[%d]" % busy,
    ]


def test_members_agents_and_lines_listed_once(example):
    example["hunt_groups"][0]["members"].append({"type": "user", "id": "u-201"})
    example["queues"][0]["agents"].append({"user_id": "u-208"})
    example["devices"][0]["lines"][1]["line"] = 1
    assert lines(example) == [
        "$.devices[0].lines[1] (source id 'dev-201'): line 1 is listed twice (also $.devices[0].lines[0])",
        "$.hunt_groups[0].members[3] (source id 'hg-600'): user 'u-201' is listed twice (also $.hunt_groups[0].members[0])",
        "$.queues[0].agents[3] (source id 'q-610'): user 'u-208' is listed twice (also $.queues[0].agents[0])",
    ]


def test_one_voicemail_box_per_user(example):
    example["voicemail_boxes"][1]["user_id"] = "u-201"
    assert lines(example) == [
        "$.voicemail_boxes[1].user_id (source id 'vm-202'): user 'u-201' already has a voicemail box $.voicemail_boxes[0] (source id 'vm-201')"]


@pytest.mark.parametrize("path, expected", [
    ((), "$"),
    (("devices", 3, "mac"), "$.devices[3].mac"),
    (("users", 0, "source_attributes", "odd key"), "$.users[0].source_attributes['odd key']"),
])
def test_format_path(path, expected):
    assert format_path(path) == expected
