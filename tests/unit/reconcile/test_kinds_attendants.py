# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The auto attendant tier normaliser, the removal body of an update, and planning of ns_autoattendant on plain data."""
from __future__ import annotations

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_attendants import (
    AttendantHooks, autoattendant_spec, normalize_tier, tier_as_read, tier_update,
)
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.plan import ConfigError, plan, validate_config
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import SpecValueError

READ = {"user": "2000", "time-frame": "*", "attendant-name": "Main", "starting-prompt": "Prompt_100", "auto-attendant": {
    "audio": {"filename": "greeting-1.wav", "ordinal-order": 1, "file-duration-seconds": 7, "file-access-url": "https://x/1.wav",
              "text-to-speech-voice-id": "en-US-Wavenet-C"},
    "no-key-press": "repeat", "3-digit-dial-by-extension": "yes",
    "option-1": {"destination-application": "to-user", "destination-user": "201", "caller-name-translation": "[*]",
                 "auto-attendant": {"option-2": {"destination-application": "to-voicemail", "destination-user": "201",
                                                 "caller-name-translation": "[*]"}}}}}


def test_defaults_and_read_only_facts_equal_leaving_them_out():
    given = {"audio": {"ordinal_order": "1"},
             "option_1": {"destination-application": "to-user", "destination-user": 201,
                          "auto-attendant": {"option-2": {"destination-application": "to-voicemail", "destination-user": "201"}}}}
    assert normalize_tier(given) == normalize_tier(READ["auto-attendant"]) == {
        "audio": {"ordinal-order": 1},
        "option-1": {"auto-attendant": {"option-2": {"destination-application": "to-voicemail", "destination-user": "201"}},
                     "destination-application": "to-user", "destination-user": "201"}}


def test_values_are_canonical():
    tier = normalize_tier({"3-digit-dial-by-extension": False, "no-key-press": "Option-0", "intro-greetings": "  ",
                           "option-#": {"destination-application": "TO-USER", "destination-user": " 201 ", "caller-name-translation": "Sales: [*]"}})
    assert tier == {"3-digit-dial-by-extension": "no", "no-key-press": "option-0",
                    "option-#": {"caller-name-translation": "Sales: [*]", "destination-application": "to-user", "destination-user": "201"}}
    assert list(tier) == sorted(tier)


@pytest.mark.parametrize("menu, message", [
    ({"option-1": {"colour": "blue"}}, "option-1.colour: unknown key (known: destination-application"),
    ({"option-10": {}}, "option-10: unknown key"),
    ({"option-1": {"destination-application": "to-mars"}}, "option-1.destination-application: 'to-mars' is not one of available-number"),
    ({"unassigned-key-press": "again"}, "unassigned-key-press: 'again' is not one of repeat, hangup"),
    ({"option-1": "to-user"}, "option-1: expected a mapping, got str"),
    ({"audio": {"ordinal-order": "two"}}, "audio.ordinal-order: expected an integer"),
    ({"option-1": {"remove": "yes"}}, "option-1.remove: unknown key"),
    ({"option_1": {}, "option-1": {}}, "option-1: given twice"),
    (["option-1"], "expected a mapping, got list"),
])
def test_bad_menus_are_refused_with_the_path(menu, message):
    with pytest.raises(SpecValueError) as caught:
        normalize_tier(menu)
    assert str(caught.value).startswith(message)


def test_reads_drop_what_the_module_does_not_manage():
    assert tier_as_read({"option-1": {"destination-user": "201", "recording-uuid": "x"}, "option-2": "bad", "future-key": 1}) == {
        "option-1": {"destination-user": "201"}}
    assert tier_as_read(None) == {}


def test_update_body_removes_options_and_resets_settings_left_out():
    current = normalize_tier({"option-1": {"destination-user": "201", "description": "Ada"}, "option-2": {"destination-user": "202"},
                              "no-key-press": "option-1", "intro-greetings": "x", "audio": {"ordinal-order": 1, "file-script-text": "Hi"},
                              "option-3": {"auto-attendant": {"option-1": {"destination-user": "1"}, "option-2": {"destination-user": "2"}}}})
    desired = normalize_tier({"option-1": {"destination-user": "201"}, "audio": {"ordinal-order": 1},
                              "option-3": {"auto-attendant": {"option-1": {"destination-user": "1"}}}})
    assert tier_update(current, desired) == {
        "option-1": {"destination-user": "201", "description": ""}, "option-2": {"remove": "yes"}, "no-key-press": "repeat",
        "intro-greetings": "", "audio": {"ordinal-order": 1, "file-script-text": ""},
        "option-3": {"auto-attendant": {"option-1": {"destination-user": "1"}, "option-2": {"remove": "yes"}}}}


def test_plan_compares_normalised_menus_and_keys_are_user_and_time_frame():
    spec = autoattendant_spec()
    current = AttendantHooks().prepare(None, spec, "d", [READ], [])
    config = [{"user": "2000", "time_frame": "*", "name": "Main", "menu": {"audio": {"filename": "greeting-1.wav"}, "option-1": {
        "destination-application": "to-user", "destination-user": "201", "auto-attendant": {"option-2": {
            "destination-application": "to-voicemail", "destination-user": "201"}}}}},
        {"user": "2001", "time_frame": "Closed", "name": "Night", "menu": {"option-0": {"destination-application": "to-user",
                                                                                        "destination-user": "201"}}},
        {"user": "2002", "time_frame": "*"}]
    actions = plan(spec, "merged", validate_config(spec, config, "merged"), current)
    assert [(action.label, action.op) for action in actions] == [("2000/*", "unchanged"), ("2001/Closed", "create"), ("2002/*", "fail")]
    assert actions[1].body == {"user": "2001", "time-frame": "Closed", "attendant-name": "Night", "auto-attendant": {
        "option-0": {"destination-application": "to-user", "destination-user": "201"}}}
    assert "missing name" in actions[2].msg


def test_a_name_change_sends_the_name_only():
    spec = autoattendant_spec()
    current = AttendantHooks().prepare(None, spec, "d", [READ], [])
    (action,) = plan(spec, "replaced", validate_config(spec, [{"user": "2000", "time_frame": "*", "name": "Day"}], "replaced"), current)
    assert action.op == "update" and action.body == {"attendant-name": "Day"}


def test_input_errors_name_the_item():
    spec = autoattendant_spec()
    with pytest.raises(ConfigError) as caught:
        validate_config(spec, [{"user": "2000", "menu": {"option-1": {"colour": "x"}}}], "merged")
    assert caught.value.problems[0] == "config[0].time_frame: missing; it identifies the autoattendant"
    assert caught.value.problems[1].startswith("config[0].menu: option-1.colour: unknown key")
