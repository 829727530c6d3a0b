# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The target side on hand-made ns-api v2 objects."""
from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.callflow.simulate import simulate
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.target import graph_from_target

from callflow_cases import at, call

HOURS = {"timeframe-name": "Business Hours", "timeframe-type": "days-of-week", "timeframe-days-of-week-array": [{
    "timeframe-weekly-monday-begin-time-1": "0900", "timeframe-weekly-monday-end-time-1": "1700"}]}
MONDAY_10 = at(2026, 11, 30, 10)
MONDAY_20 = at(2026, 11, 30, 20)


def number(phonenumber, application, user):
    return {"phonenumber": phonenumber, "dial-rule-application": application, "dial-rule-translation-destination-user": user, "enabled": "yes"}


def default_rule(user, **features):
    rule = {"user": user, "time-frame": "*", "enabled": "yes", "order": 99, "simultaneous-ring": {"enabled": "yes", "parameters": ["<OwnDevices>"]}}
    rule.update(features)
    return rule


def domain():
    return {
        "domain": {"domain": "test.lab", "time-zone": "America/New_York"},
        "timeframes": [HOURS],
        "users": [{"user": "201", "name-first-name": "Ann", "name-last-name": "Lee", "voicemail-enabled": "yes", "ring-no-answer-timeout-seconds": "20"},
                  {"user": "202", "name-first-name": "Bo", "name-last-name": "Ng", "voicemail-enabled": "no"},
                  {"user": "500", "service-code": "system-aa"}, {"user": "600", "service-code": "system-queue"}],
        "devices": [{"user": "201", "device": "201"}, {"user": "201", "device": "201wp"}],
        "answerrules": [
            default_rule("201", **{"forward-no-answer": {"enabled": "yes", "parameters": ["vmail_201"]}}),
            {"user": "201", "time-frame": "Business Hours", "enabled": "yes", "order": 1,
             "simultaneous-ring": {"enabled": "yes", "parameters": ["<OwnDevices>", "12675550123;delay=10"]},
             "forward-on-busy": {"enabled": "yes", "parameters": ["user_202"]}},
            default_rule("202"), default_rule("500"),
            default_rule("600", **{"forward-no-answer": {"enabled": "yes", "parameters": ["vmail_201"]},
                                   "forward-on-busy": {"enabled": "yes", "parameters": ["12155550199"]}}),
        ],
        "callqueues": [{"callqueue": "600", "description": "Sales", "callqueue-dispatch-type": "Linear Hunt",
                        "callqueue-max-wait-timeout-minutes": "3",
                        "agents": [{"callqueue-agent-id": "202@test.lab"}, {"callqueue-agent-id": "sip:201wp@test.lab"}]}],
        "autoattendants": [
            {"user": "500", "attendant-name": "Main", "time-frame": "*", "auto-attendant": {
                "no-key-press": "hangup", "unassigned-key-press": "repeat",
                "option-1": {"destination-application": "to-voicemail", "destination-user": "201"}}},
            {"user": "500", "attendant-name": "Main", "time-frame": "Business Hours", "auto-attendant": {
                "no-key-press": "option-0", "unassigned-key-press": "hangup", "3-digit-dial-by-extension": "yes",
                "option-0": {"destination-application": "to-user", "destination-user": "201"},
                "option-2": {"destination-application": "to-callqueue", "destination-user": "600"},
                "option-3": {"description": "More", "auto-attendant": {
                    "no-key-press": "repeat", "option-1": {"destination-application": "to-user", "destination-user": "12675550142"}}}}},
        ],
        "phonenumbers": [number("12155550100", "to-user", "500"), number("12155550101", "to-user", "201"),
                         number("12155550102", "available-number", "[*]"), number("12155550103", "to-connection", "fax-gateway"),
                         dict(number("12155550104", "to-user", "202"), enabled="no"), number("12155550105", "to-callqueue", "600")],
    }


def outcome(graph, phonenumber, when, keys=(), conditions=()):
    return simulate(graph, phonenumber, call(when, keys, conditions)).outcome.to_dict()


def test_attendant_variants_options_nested_tiers_and_dial_by_extension():
    graph = graph_from_target(domain())
    assert outcome(graph, "+12155550100", MONDAY_10, ["2"]) == {"kind": "queue", "id": "600", "dispatch": "linear", "agents": ["201", "202"]}
    assert outcome(graph, "+12155550100", MONDAY_10, ["3", "1"]) == {"kind": "external", "id": "+12675550142"}
    assert outcome(graph, "+12155550100", MONDAY_10, ["3"]) == {"kind": "menu", "id": "500", "menu": "3"}
    assert outcome(graph, "+12155550100", MONDAY_10, ["202"]) == {"kind": "ring", "targets": ["202"]}
    assert outcome(graph, "+12155550100", MONDAY_10, ["9"]) == {"kind": "hangup"}
    assert outcome(graph, "+12155550100", MONDAY_10)["targets"] == ["201", "+12675550123"]            # no key -> option 0
    assert outcome(graph, "+12155550100", MONDAY_20) == {"kind": "hangup"}
    assert outcome(graph, "+12155550100", MONDAY_20, ["1"]) == {"kind": "voicemail", "id": "201"}
    assert outcome(graph, "+12155550100", MONDAY_20, ["4", "1"]) == {"kind": "voicemail", "id": "201"}  # repeat, then 1


def test_first_matching_rule_wins_and_its_features_only():
    graph = graph_from_target(domain())
    path = simulate(graph, "+12155550101", call(MONDAY_10))
    assert path.outcome.to_dict() == {"kind": "ring", "targets": ["201", "+12675550123"]}
    assert "ring [201 (phones 201, 201wp), +12675550123 after 10 s]" in path.text()
    assert "answer rule 'Business Hours' active (time frame 'Business Hours' matches)" in path.text()
    busy = simulate(graph, "+12155550101", call(MONDAY_10, conditions=["busy"]))
    assert "busy: forward on busy -> user 202 (Bo Ng)" in busy.text()
    assert busy.outcome.to_dict() == {"kind": "hangup"}                 # 202 is busy too and has no voicemail
    # the Business Hours rule has no no-answer forward: the platform default (voicemail) applies
    assert outcome(graph, "+12155550101", MONDAY_10, conditions=["no_answer"]) == {"kind": "voicemail", "id": "201"}
    assert outcome(graph, "+12155550101", MONDAY_20, conditions=["busy"]) == {"kind": "voicemail", "id": "201"}


def test_queue_timeout_and_overflow_come_from_the_queue_user():
    graph = graph_from_target(domain())
    assert outcome(graph, "+12155550105", MONDAY_10, conditions=["no_answer"]) == {"kind": "voicemail", "id": "201"}
    assert outcome(graph, "+12155550105", MONDAY_10, conditions=["busy"]) == {"kind": "external", "id": "+12155550199"}
    path = simulate(graph, "+12155550105", call(MONDAY_10, conditions=["no_answer"]))
    assert "no agent answers within 180 s: timeout destination" in path.text()


def test_numbers_that_go_nowhere_or_elsewhere():
    graph = graph_from_target(domain())
    assert outcome(graph, "+12155550102", MONDAY_10) == {"kind": "unrouted"}
    assert outcome(graph, "+12155550103", MONDAY_10) == {"kind": "connection", "id": "fax-gateway"}
    assert outcome(graph, "+12155550104", MONDAY_10) == {"kind": "unrouted"}
    # 202 has no voicemail: unanswered calls end
    objects = domain()
    objects["phonenumbers"].append(number("12155550106", "to-user", "202"))
    graph = graph_from_target(objects)
    assert outcome(graph, "+12155550106", MONDAY_10, conditions=["no_answer"]) == {"kind": "hangup"}


def test_disabled_rule_personal_frame_and_seed_style_nesting():
    objects = domain()
    users = objects.pop("users")
    rules = objects.pop("answerrules")
    for user in users:
        user["answerrules"] = [dict(rule) for rule in rules if rule["user"] == user["user"]]
    users[0]["answerrules"].append({"time-frame": "Vacation", "enabled": "no", "order": 1,
                                    "forward-always": {"enabled": "yes", "parameters": ["12675550000"]}})
    users[1]["timeframes"] = [{"timeframe-name": "Business Hours", "timeframe-type": "always"}]
    users[1]["answerrules"].insert(0, {"time-frame": "Business Hours", "enabled": "yes", "order": 1,
                                       "forward-always": {"enabled": "yes", "parameters": ["vmail_201"]}})
    objects["users"] = users
    graph = graph_from_target(objects)
    assert outcome(graph, "+12155550101", MONDAY_20) == {"kind": "ring", "targets": ["201"]}
    # 202's own "Business Hours" frame is always: its rule applies at 20:00 too
    objects["phonenumbers"].append(number("12155550106", "to-user", "202"))
    graph = graph_from_target(objects)
    assert outcome(graph, "+12155550106", MONDAY_20) == {"kind": "voicemail", "id": "201"}


def _menu_dialling(tier):
    objects = domain()
    objects["autoattendants"] = [{"user": "500", "attendant-name": "Main", "time-frame": "*", "auto-attendant": tier}]
    return graph_from_target(objects).attendants["500"].variants[0][2]


def test_dial_by_extension_left_out_is_the_platform_default_yes():
    # the spec's default is yes and the attendant normaliser drops it, so a read without the setting dials every length
    assert _menu_dialling({"no-key-press": "hangup"}).dial_by_extension == (3, 4, 5)
    assert _menu_dialling({"3-digit-dial-by-extension": "", "5-digit-dial-by-extension": "yes"}).dial_by_extension == (3, 4, 5)
    assert _menu_dialling({"4-digit-dial-by-extension": "no"}).dial_by_extension == (3, 5)
    off = _menu_dialling(dict(("%d-digit-dial-by-extension" % size, "no") for size in (3, 4, 5)))
    assert off.dial_by_extension is False and not off.dials("202")
    objects = domain()
    del objects["autoattendants"][1]["auto-attendant"]["3-digit-dial-by-extension"]
    assert outcome(graph_from_target(objects), "+12155550100", MONDAY_10, ["202"]) == {"kind": "ring", "targets": ["202"]}


def test_dial_by_extension_switched_off_makes_an_extension_an_unassigned_key():
    objects = domain()
    objects["autoattendants"][1]["auto-attendant"].update(("%d-digit-dial-by-extension" % size, "no") for size in (3, 4, 5))
    # unassigned-key-press is hangup in the Business Hours menu
    assert outcome(graph_from_target(objects), "+12155550100", MONDAY_10, ["202"]) == {"kind": "hangup"}
