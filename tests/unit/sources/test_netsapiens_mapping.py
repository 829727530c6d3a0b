# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Mapping tables of the NetSapiens source adapter, without a server."""
from __future__ import annotations

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.sources.netsapiens import mapping as nsmap


def _directory():
    gaps = []

    def unmapped(text, reason):
        gaps.append((text, reason))
        return "routing-%s" % nsmap.slug(text)

    directory = nsmap.Directory("US", unmapped=unmapped)
    directory.add("101", {"type": "user", "id": "u-101"}, {"type": "voicemail", "id": "vm-101"})
    directory.add("600", {"type": "queue", "id": "q-600"})
    directory.add("500", {"type": "auto_attendant", "id": "aa-500"})
    directory.add("700", {"type": "time_router", "id": "tr-700"})
    directory.add("801", {"type": "virtual_mailbox", "id": "vmb-801"}, {"type": "virtual_mailbox", "id": "vmb-801"})
    directory.device_owner["101wp"] = "101"
    return directory, gaps


@pytest.mark.parametrize("value, expected", [("yes", True), ("no", False), (True, True), ("", None), (None, None), ("maybe", None)])
def test_yes(value, expected):
    assert nsmap.yes(value) is expected


@pytest.mark.parametrize("value, expected", [("0800", "08:00"), ("800", "08:00"), ("17:30", "17:30"), ("2359", "23:59"),
                                             ("2400", "24:00"), ("2460", None), ("", None), ("8am", None)])
def test_hhmm(value, expected):
    assert nsmap.hhmm(value) == expected


def test_dates_numbers_and_names():
    assert nsmap.iso_date("20261225") == "2026-12-25"
    assert nsmap.iso_date("2026-12-25") == "2026-12-25"
    assert nsmap.iso_date("tomorrow") is None
    assert nsmap.e164("12155550100", "US") == "+12155550100"
    assert nsmap.e164("2155550100", "US") == "+12155550100"
    assert nsmap.e164("442079460000", "US") == "+442079460000"
    assert nsmap.e164("[*]", "US") is None
    assert nsmap.split_brand_model("Polycom VVX 450") == ("Polycom", "VVX 450")
    assert nsmap.split_brand_model("T54W") == (None, "T54W")
    assert nsmap.name_prefix("Sales_[*]") == "Sales_"
    assert nsmap.name_prefix("[*]") is None
    assert nsmap.emails("a@x.example; b@x.example") == ["a@x.example", "b@x.example"]
    assert nsmap.agent_extension("101@acme.lab", {}) == "101"
    assert nsmap.agent_extension("sip:101wp@acme.lab", {"101wp": "101"}) == "101"


@pytest.mark.parametrize("dispatch, strategy", [("Round-robin", "round_robin"), ("Tiered Round-robin", "tiered_round_robin"),
                                                ("Ring All", "ring_all"), ("Linear Cascade", "linear_cascade"),
                                                ("Linear Hunt", "linear"), ("Call Park", None)])
def test_queue_strategies(dispatch, strategy):
    assert nsmap.QUEUE_STRATEGIES.get(dispatch) == strategy


def test_voicemail_notification_behaviours():
    user = {"email": "a@x.example", "email-send-alert-new-voicemail-enabled": "yes",
            "email-send-alert-new-voicemail-behavior": "atttrash", "voicemail-transcription-enabled": "Google"}
    assert nsmap.voicemail_notification(user) == {"emails": ["a@x.example"], "attach_audio": True, "delete_after_email": True,
                                                  "transcription": True}
    user["email-send-alert-new-voicemail-behavior"] = "brief"
    assert nsmap.voicemail_notification(user)["attach_audio"] is False
    user["email-send-alert-new-voicemail-enabled"] = "no"
    assert nsmap.voicemail_notification(user) is None


def test_days_of_week_frame_with_split_shift():
    frame = {"timeframe-id": "7", "timeframe-name": "Business Hours", "timeframe-type": "days-of-week",
             "timeframe-days-of-week-array": [{"timeframe-weekly-monday-begin-time-1": "0800", "timeframe-weekly-monday-end-time-1": "1200",
                                               "timeframe-weekly-monday-begin-time-2": "1300", "timeframe-weekly-monday-end-time-2": "1700",
                                               "timeframe-weekly-saturday-begin-time-1": "0900", "timeframe-weekly-saturday-end-time-1": "1300",
                                               "timeframe-recurrence-type": "weekly"}]}
    item, unsupported = nsmap.time_frame(frame, "tf-business-hours", "America/New_York")
    assert item["kind"] == "days_of_week"
    assert item["weekly"] == [{"day": "mon", "start": "08:00", "end": "12:00"}, {"day": "mon", "start": "13:00", "end": "17:00"},
                              {"day": "sat", "start": "09:00", "end": "13:00"}]
    assert item["time_zone"] == "America/New_York"
    assert unsupported == []


def test_custom_week_interval_is_reported_as_unsupported():
    frame = {"timeframe-name": "Alternate Fridays", "timeframe-type": "days-of-week",
             "timeframe-days-of-week-array": [{"timeframe-weekly-friday-begin-time-1": "0800", "timeframe-weekly-friday-end-time-1": "1200",
                                               "timeframe-recurrence-type": "custom", "timeframe-recurrence-custom-interval": "weeks",
                                               "timeframe-recurrence-custom-interval-count": "2"}]}
    item, unsupported = nsmap.time_frame(frame, "tf-alt")
    assert item["weekly"] == [{"day": "fri", "start": "08:00", "end": "12:00"}]
    assert unsupported == ["weekly recurrence 'custom' (every 2 weeks)"]


def test_specific_dates_and_holidays():
    frame = {"timeframe-name": "Closures", "timeframe-type": "specific-dates", "timeframe-specific-dates-array": [
        {"timeframe-specific-dates-begin-date": "20261211", "timeframe-specific-dates-end-date": "20261211",
         "timeframe-specific-dates-begin-time": "1200", "timeframe-specific-dates-end-time": "1700", "timeframe-recurrence-type": "doesNotRecur"},
        {"timeframe-specific-dates-begin-date": "20261228", "timeframe-specific-dates-end-date": "20261231",
         "timeframe-specific-dates-begin-time": "0000", "timeframe-specific-dates-end-time": "2359", "timeframe-recurrence-type": "annual-month-day"},
        {"timeframe-specific-dates-begin-date": "20270131", "timeframe-recurrence-type": "monthly-on-last-day"}]}
    item, unsupported = nsmap.time_frame(frame, "tf-closures")
    assert item["kind"] == "specific_dates"
    assert item["dates"] == [
        {"start_date": "2026-12-11", "start_time": "12:00", "end_time": "17:00", "recurrence": "none"},
        {"start_date": "2026-12-28", "end_date": "2026-12-31", "recurrence": "yearly"},
        {"start_date": "2027-01-31", "recurrence": "none"}]
    assert unsupported == ["date recurrence 'monthly-on-last-day'"]
    holidays = {"timeframe-name": "Holidays", "timeframe-type": "holiday", "timeframe-holiday-array": [
        {"timeframe-holiday-name": "Christmas Day", "timeframe-holiday-begin-date": "20261225", "country-abbreviation": "us",
         "state-province-abbreviation": "US-PA", "timeframe-recurrence-type": "yearlyOnHoliday"}]}
    item, unsupported = nsmap.time_frame(holidays, "tf-holidays")
    assert item["holidays"] == [{"name": "Christmas Day", "date": "2026-12-25", "country": "US", "region": "PA", "recurring": True}]
    assert item["kind"] == "holidays"


def test_frame_kind_follows_entries_when_type_is_missing():
    frame = {"timeframe-name": "Mixed", "timeframe-days-of-week-array": [{"timeframe-weekly-monday-begin-time-1": "0900",
                                                                         "timeframe-weekly-monday-end-time-1": "1000"}],
             "timeframe-holiday-array": [{"timeframe-holiday-name": "X", "timeframe-holiday-begin-date": "20270101"}]}
    assert nsmap.time_frame(frame, "tf-mixed")[0]["kind"] == "custom"
    assert nsmap.time_frame({"timeframe-name": "Always", "timeframe-type": "always"}, "tf-always")[0]["kind"] == "always"


@pytest.mark.parametrize("application, target, expected", [
    ("to-user", "101", {"type": "user", "id": "u-101"}),
    ("to-user", "500", {"type": "auto_attendant", "id": "aa-500"}),
    ("to-user", "700", {"type": "time_router", "id": "tr-700"}),
    ("to-user-residential", "101", {"type": "user", "id": "u-101"}),
    ("to-callqueue", "600", {"type": "queue", "id": "q-600"}),
    ("to-callqueue-announce-expected-wait-time", "600", {"type": "queue", "id": "q-600"}),
    ("to-voicemail", "101", {"type": "voicemail", "id": "vm-101"}),
    ("to-voicemail", "801", {"type": "virtual_mailbox", "id": "vmb-801"}),
    ("to-single-device", "101wp", {"type": "user", "id": "u-101"}),
    ("to-user", "12675550142", {"type": "external", "id": "+12675550142"}),
    ("hangup", "", {"type": "hangup"}),
    ("available-number", "[*]", None),
])
def test_dial_rule_routes(application, target, expected):
    directory, gaps = _directory()
    assert directory.route(application, target) == expected
    assert gaps == []


@pytest.mark.parametrize("application, target", [("to-connection", "fax-gateway"), ("spam-screening", ""),
                                                 ("toggle-timeframe", "x"), ("to-user", "999"), ("to-voicemail", "600")])
def test_unmappable_routes_become_not_collected(application, target):
    directory, gaps = _directory()
    destination = directory.route(application, target)
    assert destination["type"] == "not_collected"
    assert len(gaps) == 1 and application in gaps[0][0]


@pytest.mark.parametrize("parameter, expected", [
    ("vmail_101", {"type": "voicemail", "id": "vm-101"}),
    ("vmail_801", {"type": "virtual_mailbox", "id": "vmb-801"}),
    ("user_101", {"type": "user", "id": "u-101"}),
    ("queue_600", {"type": "queue", "id": "q-600"}),
    ("101", {"type": "user", "id": "u-101"}),
    ("101wp", {"type": "user", "id": "u-101"}),
    ("12675550105;delay=10", {"type": "external", "id": "+12675550105"}),
    ("confirm_12675550105;delay=20", {"type": "external", "id": "+12675550105"}),
    ("12155550199_pstn_12675550142", {"type": "external", "id": "+12675550142"}),
    ("12155550199_callqueue_600", {"type": "queue", "id": "q-600"}),
    ("12155550199_attendant_500", {"type": "auto_attendant", "id": "aa-500"}),
    ("<OwnDevices>", nsmap.OWN_DEVICES),
])
def test_answer_rule_parameters(parameter, expected):
    directory, gaps = _directory()
    assert directory.parameter(parameter) == expected
    assert gaps == []


def test_answer_rule_features_split_supported_and_unsupported():
    rule = {"time-frame": "*", "enabled": "yes", "simultaneous-ring": {"enabled": "yes", "parameters": ["<OwnDevices>"]},
            "forward-on-busy": {"enabled": "yes", "parameters": ["vmail_101"]}, "forward-no-answer": {"enabled": "no", "parameters": []},
            "do-not-disturb": {"enabled": "yes"}, "forward-on-active": {"enabled": "yes", "parameters": ["vmail_101"]},
            "phone-numbers-to-reject": {"enabled": "no", "parameters": []}}
    assert [kind for dummy, kind, dummy in nsmap.answer_rule_features(rule)] == ["forward_busy", "simultaneous_ring", "do_not_disturb"]
    assert [feature for feature, dummy, dummy in nsmap.unsupported_features(rule)] == ["forward-on-active"]


def test_fail_options():
    options = {"0": {"type": "user", "id": "u-101"}}
    assert nsmap.fail_option("repeat", options) == {"type": "repeat_menu"}
    assert nsmap.fail_option("hangup", options) == {"type": "hangup"}
    assert nsmap.fail_option("option-0", options) == {"type": "user", "id": "u-101"}
    assert nsmap.fail_option("option-5", options) is None
