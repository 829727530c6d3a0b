# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plan of the FreePBX-sourced example (Northwind Family Dental)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_attendants import normalize_tier
from ansible_collections.ucaas.migration.plugins.module_utils.reports.scope import classify
from ansible_collections.ucaas.migration.plugins.module_utils.translate.findings import TranslationError
from ansible_collections.ucaas.migration.plugins.module_utils.translate.plan import RESOURCE_KINDS, build_plan, mapping_csv, plan_fingerprint

REPO = Path(__file__).resolve().parents[3]
NORTHWIND_DIR = REPO / "inventories" / "example-state" / "northwind-dental"
TARGET = {"reseller": "keystone-voice", "description": "Northwind Family Dental", "domain": "northwind-dental.keystone-voice.service"}

OVERRIDES = {"caller_id_name_max_length": 15, "device_name_suffixes": {"desk_phone": "", "softphone": "wp"}, "extension_length": 3}


def _plan(inventory, **kwargs):
    kwargs.setdefault("standards", OVERRIDES)
    kwargs.setdefault("target", TARGET)
    kwargs.setdefault("port", {"numbers": "all"})
    kwargs.setdefault("state_dir", str(NORTHWIND_DIR))
    return build_plan(inventory, **kwargs)[0]


def _by(plan, kind, **match):
    return [item for item in plan["resources"][kind] if all(item.get(key) == value for key, value in match.items())]


def _finding(plan, kind):
    return [item for item in plan["findings"] if item["kind"] == kind]


def test_plan_shape_and_determinism(northwind):
    plan = _plan(northwind)
    assert plan["format"] == "ucaas.migration/plan-v1"
    assert plan["domain"] == "northwind-dental.keystone-voice.service"
    assert list(plan["resources"]) == list(RESOURCE_KINDS)
    assert plan["fingerprint"] == plan_fingerprint(plan["domain"], plan["resources"])
    again = _plan(json.loads(json.dumps(northwind)))
    assert json.dumps(again, sort_keys=True) == json.dumps(plan, sort_keys=True)
    assert [item["user"] for item in plan["resources"]["users"]] == sorted((item["user"] for item in plan["resources"]["users"]), key=int)
    assert plan["summary"]["resources"]["users"] == 15   # 12 people, 2 mailboxes, 1 time router


def test_users_voicemail_and_secrets_stay_references(northwind):
    plan = _plan(northwind)
    alice = _by(plan, "users", user="201")[0]
    assert alice["voicemail_pin"] == {"secret_ref": "vm_pin/201", "is_set": True}
    assert alice["voicemail_email_alert"] == "attnew" and alice["site"] == "Main Office"
    assert alice["caller_id_number"] == "12155550100" and alice["caller_id_name"] == "Northwind Denta"
    assert "voicemail_pin" not in _by(plan, "users", user="211")[0]
    assert "4821" not in json.dumps(plan)
    assert _finding(plan, "voicemail_pin_unknown")[0]["message"].endswith("extensions 211; the platform asks the user to set one.")


def test_virtual_mailbox_is_a_deviceless_user_forwarding_to_voicemail(northwind):
    plan = _plan(northwind)
    mailbox = _by(plan, "users", user="800")[0]
    assert mailbox["user_scope"] == "No Portal" and mailbox["email"] == "frontdesk@northwind-dental.example"
    assert not _by(plan, "devices", user="800")
    expected = {"user": "800", "time_frame": "*", "enabled": True, "forward_always": {"enabled": True, "parameters": ["vmail_800"]}}
    assert _by(plan, "answerrules", user="800") == [expected]


def test_devices_named_with_suffixes_one_per_line(northwind):
    plan = _plan(northwind)
    softphone = {"user": "212", "device": "212wp", "line": 1, "sip_password": {"secret_ref": "sip_password/212-soft", "is_set": True}}
    assert _by(plan, "devices", user="212") == [softphone]
    shared = _by(plan, "devices", mac="805ec0a10201")
    assert [(item["user"], item["device"], item["line"]) for item in shared] == [("201", "201", 1), ("202", "202b", 2)]
    assert _finding(plan, "device_without_line")[0]["source"]["source_id"] == "dev-ata-1"


def test_ring_group_and_queue_become_call_queues(northwind):
    plan = _plan(northwind)
    front, billing = plan["resources"]["callqueues"]
    assert front["dispatch_type"] == "Ring All" and front["agent_dispatch_timeout_seconds"] == 30
    assert billing["dispatch_type"] == "Tiered Round-robin" and billing["max_wait_timeout_minutes"] == 5
    assert {(a["agent"], a.get("order")) for a in _by(plan, "agents", callqueue="610")} == {("208", 1), ("209", 1), ("203", 2)}
    rule = _by(plan, "answerrules", user="610")[0]
    assert rule["forward_no_answer"]["parameters"] == ["vmail_801"] and rule["forward_on_busy"]["parameters"] == ["queue_600"]


def test_ivr_menus_nest_per_time_frame(northwind):
    plan = _plan(northwind)
    attendants = dict((item["time_frame"], item) for item in _by(plan, "autoattendants", user="700"))
    assert sorted(attendants) == ["*", "Business Hours", "Holidays", "Office Closures"]
    main = attendants["Business Hours"]["menu"]
    assert main["option-1"] == {"description": "Appointments", "destination-application": "to-callqueue", "destination-user": "600"}
    assert main["option-3"]["auto-attendant"]["option-1"]["destination-application"] == "to-voicemail"
    assert main["no-key-press"] == "option-1"
    # the main menu allows dialling extensions: the platform's default (yes) is left as it is; the providers menu does not
    assert not [key for key in main if key.endswith("-dial-by-extension")]
    providers = main["option-3"]["auto-attendant"]
    assert [providers.get("%d-digit-dial-by-extension" % size) for size in (3, 4, 5)] == ["no", "no", "no"]
    assert main["audio"]["filename"] == "greeting-1.wav"
    greeting = _by(plan, "greetings", user="700", index=1)[0]
    assert greeting["file"] == str(NORTHWIND_DIR / "audio" / "aa-main.wav") and len(greeting["sha256"]) == 64
    holiday = _by(plan, "greetings", user="700", index=4)[0]
    assert "file" not in holiday and holiday["script"].startswith("Happy holidays")
    assert _finding(plan, "greeting_text_to_speech")


def test_dial_by_extension_is_switched_off_only_where_the_menu_does_not_allow_it(northwind):
    menus = dict((menu["id"], menu) for menu in northwind["auto_attendants"][0]["menus"])
    menus["after_hours"]["dial_by_extension"] = False
    menus["holiday"].pop("dial_by_extension", None)          # unstated: the platform's default
    plan = _plan(northwind)
    attendants = dict((item["time_frame"], item["menu"]) for item in _by(plan, "autoattendants", user="700"))
    switched_off = dict(("%d-digit-dial-by-extension" % size, "no") for size in (3, 4, 5))
    for frame in ("*", "Office Closures"):
        assert switched_off.items() <= attendants[frame].items(), frame
    for tier in (attendants["Business Hours"], attendants["Holidays"]):
        assert not [key for key in tier if key.endswith("-dial-by-extension")]
    # the ns_autoattendant item keeps the explicit "no" (only the default, yes, is dropped)
    normalized = normalize_tier(attendants["*"])
    assert switched_off.items() <= normalized.items()
    assert not [key for key in normalize_tier(attendants["Business Hours"]) if key.endswith("-dial-by-extension")]


def test_time_frames_are_api_shaped(northwind):
    plan = _plan(northwind)
    frames = dict((item["name"], item) for item in plan["resources"]["timeframes"])
    hours = frames["Business Hours"]
    assert hours["type"] == "days-of-week"
    assert hours["days_of_week"][0]["timeframe-weekly-saturday-end-time-1"] == "1300"
    closures = frames["Office Closures"]["specific_dates"]
    assert closures[1] == {"timeframe-specific-dates-begin-date": "20261228", "timeframe-specific-dates-begin-time": "0000",
                           "timeframe-specific-dates-end-date": "20261231", "timeframe-specific-dates-end-time": "2359",
                           "timeframe-recurrence-type": "doesNotRecur"}
    assert frames["Holidays"]["holidays"][0]["timeframe-recurrence-type"] == "yearlyOnHoliday"


def test_follow_me_and_forwarding_become_answer_rules(northwind):
    plan = _plan(northwind)
    lin = _by(plan, "answerrules", user="204", time_frame="Business Hours")[0]
    assert lin["order"] == 1 and lin["simultaneous_ring"]["parameters"] == ["<OwnDevices>", "12675550123;delay=20"]
    assert _by(plan, "answerrules", user="212", time_frame="*")[0]["forward_always"] == {"enabled": False, "parameters": ["12675550188"]}
    assert _by(plan, "answerrules", user="208", time_frame="*")[0]["forward_when_unregistered"]["parameters"] == ["user_209"]
    router = _by(plan, "answerrules", user="900")
    assert [(item["time_frame"], item["forward_always"]["parameters"]) for item in router] == [
        ("Holidays", ["vmail_800"]), ("Business Hours", ["user_210"]), ("*", ["vmail_800"])]


def test_ported_numbers_are_not_planned_others_are(northwind):
    plan = _plan(northwind)
    assert plan["resources"]["phonenumbers"] == [] and plan["resources"]["smsnumbers"] == []
    assert plan["summary"]["blocking_unresolved"] == 0
    partial = _plan(northwind, port={"numbers": ["+12155550100"], "temporary": [{"number": "+12155550999", "for": "+12155550100"}]})
    numbers = dict((item["number"], item) for item in partial["resources"]["phonenumbers"])
    assert "+12155550100" not in numbers
    assert numbers["+12155550999"]["destination_user"] == "700" and numbers["+12155550999"]["application"] == "to-user"
    assert numbers["+12155550108"]["application"] == "to-callqueue-announce-count-callers-ahead"
    assert numbers["+12155550120"]["caller_name_prefix"] == "FD:"


def test_fax_destination_blocks_until_resolved(northwind):
    plan = _plan(northwind, port={"numbers": []})
    blocking = [item for item in plan["findings"] if item["severity"] == "blocking"]
    assert [item["kind"] for item in blocking] == ["unsupported_destination"]
    assert plan["summary"]["blocking_unresolved"] == 1
    fax_number = _by(plan, "phonenumbers", number="+12155550199")[0]
    assert fax_number["application"] == "available-number"
    resolution = {"decision": "destination:801", "note": "fax to the billing mailbox for now", "by": "dana"}
    resolved = _plan(northwind, port={"numbers": []}, resolutions={blocking[0]["fingerprint"]: resolution})
    assert resolved["summary"]["blocking_unresolved"] == 0
    assert _finding(resolved, "unsupported_destination")[0]["resolution"] == resolution
    assert _by(resolved, "phonenumbers", number="+12155550199")[0]["destination_user"] == "801"


def test_scope_exclusions_are_not_planned_and_noted(northwind):
    scope = classify(northwind, exclusions=[{"kind": "users", "source_id": "u-207", "reason": "left the company"}])
    plan = _plan(northwind, scope=scope)
    assert not _by(plan, "users", user="207") and not _by(plan, "devices", user="207")
    row = next(row for row in plan["mapping"] if row["source"]["source_id"] == "u-207")
    assert row["targets"] == [] and row["note"] == "not migrated (scope): left the company"
    assert any(item["kind"] == "needs_partner_input" for item in plan["findings"])


def test_extension_collision_policies(northwind):
    blocked = _plan(northwind, standards=dict(OVERRIDES, reserved_extensions=["201"]))
    collision = _finding(blocked, "extension_collision")[0]
    assert collision["severity"] == "blocking" and not _by(blocked, "users", user="201")
    resolved = _plan(northwind, standards=dict(OVERRIDES, reserved_extensions=["201"]),
                     resolutions={collision["fingerprint"]: {"decision": "extension:221", "by": "dana"}})
    assert _by(resolved, "users", user="221")[0]["first_name"] == "Alice"
    prefixed = _plan(northwind, standards=dict(OVERRIDES, reserved_extensions=["201"], extension_collision="prefix"))
    assert _by(prefixed, "users", user="9201") and _by(prefixed, "agents", callqueue="600", agent="9201")
    renumbered = _plan(northwind, standards=dict(OVERRIDES, reserved_extensions=["201"], extension_collision="renumber", renumber_start="250"))
    assert _by(renumbered, "users", user="250")[0]["first_name"] == "Alice"


def test_mapping_table_and_csv(northwind):
    plan = _plan(northwind)
    row = next(row for row in plan["mapping"] if row["source"]["source_id"] == "u-201")
    assert row["targets"] == [{"kind": "users", "key": "201"}]
    row = next(row for row in plan["mapping"] if row["source"]["source_id"] == "dev-201")
    assert row["targets"] == [{"kind": "devices", "key": "201/201"}, {"kind": "devices", "key": "202/202b"}]
    did = next(row for row in plan["mapping"] if row["source"]["source_id"] == "did-2155550100")
    assert did["note"] == "ported: arrives in finalize_port"
    text = mapping_csv(plan)
    assert text.splitlines()[0] == "source_collection,source_id,label,target_kind,target_key,note"
    assert "devices,dev-201,Phone 201 - Yealink T54W - 805ec0a10201,devices,201/201," in text


def test_bad_input_is_refused_naming_the_field(northwind):
    with pytest.raises(TranslationError, match="inventory: expected a canonical inventory"):
        build_plan({"users": []})
    with pytest.raises(TranslationError, match=r"port.numbers\[0\]"):
        _plan(northwind, port={"numbers": ["not a number"]})
    with pytest.raises(TranslationError, match="target.reseller: required"):
        _plan(northwind, target={"domain": "x.example"})
