# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Planning of the reconcile engine on plain data: no API, no Ansible."""
from __future__ import annotations

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds import site_spec, timeframe_spec, user_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.module import check_request
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.plan import (
    ConfigError, Scope, gathered_items, plan, validate_config,
)
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import (
    MASK, SpecValueError, normalize_bool, normalize_email_list, normalize_phone,
)

CURRENT_USERS = [
    {"user": "100", "name-first-name": "Ada", "name-last-name": "Byron", "email": "Ada@Example.com", "site": "HQ",
     "user-scope": "Basic User", "voicemail-enabled": "yes", "directory-name-visible-in-list-enabled": "yes",
     "caller-id-number": "15551230100", "department": "Eng"},
    {"user": "101", "name-first-name": "Alan", "name-last-name": "Turing", "user-scope": "Basic User", "service-code": ""},
    {"user": "6000", "name-first-name": "Sales", "name-last-name": "Queue", "service-code": "system-queue"},
]


def _plan(state, config, current=None, spec=None, **kwargs):
    spec = spec or user_spec()
    current = CURRENT_USERS if current is None else current
    return {action.label: action for action in plan(spec, state, validate_config(spec, config, state), current, **kwargs)}


def test_normalisers_make_both_sides_equal():
    assert normalize_bool("yes") is True and normalize_bool("NO") is False and normalize_bool(True) is True
    assert normalize_phone("+1 (555) 123-0100") == "15551230100"
    assert normalize_phone("[*]") == "[*]"
    assert normalize_email_list(" A@B.com ; c@d.com") == "a@b.com;c@d.com"
    with pytest.raises(SpecValueError):
        normalize_bool("maybe")


def test_merged_compares_only_given_fields_after_normalising():
    actions = _plan("merged", [{"user": "100", "email": "ada@example.com", "caller_id_number": "+1 555-123-0100",
                                "voicemail_enabled": "yes", "directory_listed": True}])
    assert actions["100"].op == "unchanged"
    actions = _plan("merged", [{"user": "100", "department": "Sales"}])
    assert actions["100"].op == "update"
    assert actions["100"].body == {"department": "Sales"}
    assert actions["100"].changes == {"department": {"before": "Eng", "after": "Sales"}}


def test_merged_creates_missing_with_defaults_and_requires_names():
    actions = _plan("merged", [{"user": "102", "first_name": "Grace", "last_name": "Hopper", "voicemail_enabled": False,
                                "voicemail_pin": "0042"}, {"user": "103", "first_name": "Only"}])
    create = actions["102"]
    assert create.op == "create"
    assert create.body == {"user": "102", "name-first-name": "Grace", "name-last-name": "Hopper", "voicemail-enabled": "no",
                           "voicemail-login-pin": "0042", "user-scope": "Basic User"}
    assert create.after["voicemail_pin"] == MASK
    assert create.changes["voicemail_pin"] == {"before": None, "after": MASK}
    assert actions["103"].op == "fail"
    assert "last_name" in actions["103"].msg


def test_replaced_resets_omitted_fields():
    actions = _plan("replaced", [{"user": "100", "first_name": "Ada", "last_name": "Byron", "email": "ada@example.com",
                                  "site": "HQ", "caller_id_number": "15551230100"}])
    body = actions["100"].body
    assert body["department"] == ""  # strings are cleared
    assert body["directory-announce-in-dial-by-name-enabled"] == "yes"
    assert body["voicemail-user-control-enabled"] == "no"
    assert "voicemail-enabled" not in body  # already at its reset value
    assert "time-zone" not in body and "voicemail-login-pin" not in body


def test_write_only_pin_is_sent_on_update_only_when_asked():
    config = [{"user": "100", "voicemail_pin": "9999"}]
    assert _plan("merged", config)["100"].op == "unchanged"
    action = _plan("merged", config, update_password="always")["100"]
    assert action.op == "update"
    assert action.body == {"voicemail-login-pin": "9999"}
    assert action.changes == {"voicemail_pin": {"before": None, "after": MASK}}


def test_overridden_deletes_only_unlisted_in_scope_and_never_system_users():
    actions = _plan("overridden", [{"user": "100", "first_name": "Ada", "last_name": "Byron"}])
    assert actions["101"].op == "delete"
    assert "6000" not in actions
    scoped = _plan("overridden", [], scope=Scope(user_spec(), match="9[0-9]+"))
    assert set(scoped) == set()
    scoped = _plan("overridden", [], scope=Scope(user_spec(), keys=["101", "6000"]))
    assert [action.op for action in scoped.values()] == ["delete"]


def test_deleted_lists_absent_protected_and_out_of_scope():
    actions = _plan("deleted", [{"user": "101"}, {"user": "999"}, {"user": "6000"}])
    assert actions["101"].op == "delete"
    assert actions["999"].op == "absent" and actions["999"].outcome == "unchanged"
    assert actions["6000"].op == "skip" and "system user" in actions["6000"].msg
    assert _plan("deleted", [{"user": "101"}], scope=Scope(user_spec(), keys=["100"]))["101"].op == "skip"
    everything_in_scope = _plan("deleted", [], scope=Scope(user_spec(), match="10[0-9]"))
    assert sorted(everything_in_scope) == ["100", "101"]


def test_system_user_in_config_fails_that_item():
    assert _plan("merged", [{"user": "6000", "first_name": "X"}])["6000"].op == "fail"


def test_reference_check_fails_the_item():
    actions = _plan("merged", [{"user": "100", "site": "Nowhere"}], references={"site": {"HQ"}})
    assert actions["100"].op == "fail"
    assert "Nowhere" in actions["100"].msg


def test_bad_input_names_index_and_field():
    spec = user_spec()
    with pytest.raises(ConfigError) as error:
        validate_config(spec, [{"user": "100"}, {"first_name": "No id"}, {"user": "100"}, {"user": "102", "voicemail_enabled": "maybe"},
                               {"user": "103", "user_scope": "Boss"}, {"user": "104", "voicemail_pin": "12a4"}], "merged")
    problems = error.value.problems
    assert "config[1].user: missing; it identifies the user" in problems
    assert "config[2].user: '100' is listed twice (also config[0])" in problems
    assert any(line.startswith("config[3].voicemail_enabled:") for line in problems)
    assert any(line.startswith("config[4].user_scope:") for line in problems)
    assert "config[5].voicemail_pin: expected digits only" in problems
    assert "12a4" not in str(error.value)


def test_site_identity_ignores_case_and_keeps_existing_spelling():
    spec = site_spec()
    with pytest.raises(ConfigError):
        validate_config(spec, [{"site": "HQ"}, {"site": "hq"}], "merged")
    actions = _plan("merged", [{"site": "hq", "time_zone": "America/Chicago"}], current=[{"site": "HQ"}], spec=spec)
    assert actions["HQ"].op == "update"


def test_ambiguous_current_match_fails():
    actions = _plan("merged", [{"site": "hq"}], current=[{"site": "HQ"}, {"site": "Hq"}], spec=site_spec())
    assert actions["hq"].op == "fail" and "ambiguous" in actions["hq"].msg


def test_refusals_before_any_read():
    with pytest.raises(ConfigError, match="refusing"):
        check_request(user_spec(), "deleted", [], Scope(user_spec()))
    with pytest.raises(ConfigError, match="no delete operation"):
        check_request(site_spec(), "overridden", [], Scope(site_spec()))
    with pytest.raises(ConfigError, match="scope.match"):
        Scope(user_spec(), match="(")


def test_gathered_is_sorted_in_input_shape_without_system_users():
    items = gathered_items(user_spec(), list(reversed(CURRENT_USERS)))
    assert [item["user"] for item in items] == ["100", "101"]
    assert items[0]["voicemail_enabled"] is True and items[0]["email"] == "ada@example.com"
    assert "voicemail_pin" not in items[0]


def test_timeframe_entries_ignore_read_only_fields_and_type_change_uses_the_convert_field():
    spec = timeframe_spec()
    current = [{"timeframe-id": "7", "timeframe-name": "Hours", "timeframe-type": "days-of-week",
                "timeframe-days-of-week-array": [{"timeframe-id": "7-1", "timeframe-parent-id": "7",
                                                  "timeframe-weekly-monday-begin-time-1": "0900"}]}]
    same = _plan("merged", [{"name": "Hours", "days_of_week": [{"timeframe-weekly-monday-begin-time-1": "0900"}]}],
                 current=current, spec=spec)
    assert same["Hours"].op == "unchanged"
    converted = _plan("merged", [{"name": "Hours", "type": "specific-dates", "specific_dates": [{"timeframe-specific-dates-begin-date": "20270101"}]}],
                      current=current, spec=spec)["Hours"]
    assert converted.body == {"type": "specific-dates", "timeframe-specific-dates-array": [{"timeframe-specific-dates-begin-date": "20270101"}]}
    replaced = _plan("replaced", [{"name": "Hours"}], current=current, spec=spec)["Hours"]
    assert replaced.body == {"timeframe-days-of-week-array": []}
    with pytest.raises(ConfigError, match=r"config\[0\].holidays: entry 0: expected a mapping"):
        validate_config(spec, [{"name": "X", "holidays": ["Christmas"]}], "merged")
