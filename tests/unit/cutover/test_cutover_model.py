# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cutover model, the preflight and the plan documents, without Ansible."""
from __future__ import annotations

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.cutover.model import CutoverError, build_cutover, push_events
from ansible_collections.ucaas.migration.plugins.module_utils.cutover.plan_doc import HTML_NAME, MARKDOWN_NAME, render
from ansible_collections.ucaas.migration.plugins.module_utils.cutover.preflight import (
    changes, check, cutover_state, emergency_holders, missing_objects, source_changes,
)
from ansible_collections.ucaas.migration.plugins.module_utils.stage import staged_resources

DOMAIN = "acme.lab-reseller.service"
PLAN = {
    "domain": DOMAIN, "fingerprint": "sha256:" + "a" * 64,
    "resources": {
        "domains": [{"domain": DOMAIN, "caller_id_number": "12155550100", "caller_id_number_emergency": "12155550100"}],
        "users": [{"user": "101"}, {"user": "102"}],
        "agents": [{"callqueue": "600", "agent": "101"}],
        "devices": [{"user": "101", "device": "101", "mac": "805EC0A10065", "model": "Yealink T54W"}, {"user": "102", "device": "102wp"}],
        "phonenumbers": [{"number": "+12675550900", "application": "to-user", "destination_user": "700", "destination_host": DOMAIN},
                         {"number": "+12675550910", "application": "to-user", "destination_user": "101", "destination_host": DOMAIN}],
    },
    "mapping": [{"source": {"collection": "users", "source_id": "u-101"}, "targets": [{"kind": "users", "key": "101"}]},
                {"source": {"collection": "users", "source_id": "u-102"}, "targets": [{"kind": "users", "key": "102"}]}],
}
INVENTORY = {
    "source": {"platform": "netsapiens", "customer": "Acme"},
    "users": [{"source_id": "u-101", "caller_id": {"number": "+12155550110"}}, {"source_id": "u-102"}],
    "dids": [
        {"number": "+12155550100", "label": "Main", "usage": "main", "porting": {"carrier": "Verizon", "account_number": "A-1", "pin": {"is_set": True}}},
        {"number": "+12155550110", "label": "Direct 101", "destination": {"type": "user", "id": "u-101"}},
        {"number": "+12155550111", "label": "Direct 102", "destination": {"type": "user", "id": "u-102"}},
    ],
}
PORT = {"numbers": "all", "temporary": [{"number": "+12675550900", "for": "+12155550100"}, {"number": "+12675550910", "for": "+12155550110"}]}
SOURCE = {"platform": "netsapiens", "domain": "acmedental.lab"}


def model(**kwargs):
    options = dict(port=PORT, source=SOURCE)
    options.update(kwargs)
    return build_cutover(PLAN, INVENTORY, **options)


def gathered(**overrides):
    data = {
        "domains": [{"domain": DOMAIN, "caller_id_number": "12155550100", "caller_id_number_emergency": "12155550100"}],
        "users": [{"user": "101", "caller_id_number": "12675550910"}, {"user": "102", "caller_id_number_emergency": "12155550111"}],
        "agents": [{"callqueue": "600", "agent": "101@" + DOMAIN}],
        "devices": [{"user": "101", "device": "101"}, {"user": "102", "device": "102wp", "caller_id_number_emergency": "12155550100"}],
        "phonenumbers": [{"number": "12675550900", "application": "to-user", "destination_user": "700", "enabled": True},
                         {"number": "12675550910", "application": "to-user", "destination_user": "102", "enabled": True}],
        "callqueues": [],
    }
    data["users"].append({"user": "700"})
    data.update(overrides)
    return data


def test_numbers_pair_originals_with_temporaries_and_forward_through_the_source_api():
    worked = model()
    assert [(entry["original"], entry["temporary"]) for entry in worked["numbers"]] == [("12155550100", "12675550900"), ("12155550110", "12675550910")]
    assert [entry["original"] for entry in worked["without_temporary"]] == ["12155550111"]
    assert worked["emergency_number"] == "12675550900" and worked["main_number"] == "12155550100"
    forward = worked["numbers"][0]["source_item"]
    assert forward == {"number": "12155550100", "application": "to-connection-add-header-force-caller-id", "destination_user": "12675550900",
                       "destination_host": "acmedental.lab", "parameter": "P-Charge-Info: <sip:12155550100@acmedental.lab>",
                       "description": "Forwarded to 12675550900 until the port completes"}
    assert worked["caller_ids"] == [{"user": "101", "number": "12155550110"}, {"user": "102", "number": "12155550111"}]
    assert worked["phones"] == [{"mac": "805ec0a10065", "model": "Yealink T54W", "devices": ["101/101"]}]
    assert push_events(worked)[0]["kind"] == "provisioning_push" and push_events(worked)[0]["outcome"] == "manual"


def test_a_source_without_an_api_gets_instructions():
    worked = model(source={"platform": "freepbx"})
    assert all(entry["forwarding"] == "instructions" and "source_item" not in entry for entry in worked["numbers"])
    assert source_changes(worked) == []
    text = render(worked, customer="Acme", schedule={"port": {"requested_foc": "2026-12-10"}})[MARKDOWN_NAME]
    assert "Inbound Routes, DID +12155550100" in text and "Requested FOC date: 2026-12-10" in text


@pytest.mark.parametrize("port, message", [
    ({"numbers": "all", "temporary": [{"number": "+12675550999", "for": "+12155550100"}]}, "+12675550999 (for +12155550100) is not planned"),
    ({"numbers": ["+12155550110"], "temporary": [{"number": "+12675550900", "for": "+12155550100"}]}, "which is not a ported number"),
    ({"numbers": "all", "temporary": [{"number": "555"}]}, "port.temporary[0]: expected {number, for}"),
])
def test_bad_port_settings_name_the_field(port, message):
    with pytest.raises(CutoverError) as error:
        model(port=port)
    assert message in str(error.value)


def test_unknown_forwarding_setting_is_refused():
    with pytest.raises(CutoverError, match="forwarding.header: unknown setting"):
        model(forwarding={"header": "x"})


def test_preflight_passes_and_works_out_the_changes():
    worked = model()
    assert check(worked, PLAN, gathered(), source_gathered=[{"number": "12155550100"}, {"number": "12155550110"}]) == []
    assert missing_objects(PLAN, gathered()) == {}
    result = changes(worked, gathered())
    assert result["phonenumbers"][1] == {"number": "12675550910", "enabled": True, "application": "to-user", "destination_user": "101",
                                         "destination_host": DOMAIN}
    assert result["domains"] == [{"domain": DOMAIN, "caller_id_number": "12155550100", "caller_id_number_emergency": "12675550900"}]
    # 101: back to its original, emergency on its own temporary; 102: emergency off its ported number
    assert result["users"] == [{"user": "101", "caller_id_number": "12155550110", "caller_id_number_emergency": "12675550910"},
                               {"user": "102", "caller_id_number": "12155550111", "caller_id_number_emergency": "12675550900"}]
    assert result["devices"] == [{"user": "102", "device": "102wp", "caller_id_number_emergency": "12675550900"}]
    holders = emergency_holders(worked, gathered(), result)
    assert {"kind": "domains", "key": DOMAIN, "number": "12675550900"} in holders
    state = cutover_state(worked, holders)
    assert state["status"] == "cut_over" and state["numbers"][0]["temporary"] == "12675550900"


def test_preflight_refuses_missing_objects_and_unrouted_temporaries():
    worked = model()
    data = gathered(agents=[], phonenumbers=[{"number": "12675550900", "application": "available-number", "destination_user": "[*]"}])
    problems = check(worked, PLAN, data, source_gathered=[{"number": "12155550100"}])
    assert "agents: 1 planned object(s) missing on the target: 600/101 (run playbooks/recreate.yml)" in problems
    assert "temporary number +12675550900 (for +12155550100): not routed (available-number)" in problems
    assert "temporary number +12675550910 (for +12155550110): not allocated in domain %s" % DOMAIN in problems
    assert "original number +12155550110: not in source domain acmedental.lab, so it cannot be forwarded there" in problems
    routed_nowhere = gathered(phonenumbers=[dict(gathered()["phonenumbers"][0], destination_user="799"), gathered()["phonenumbers"][1]])
    assert any("routed to user 799, which the domain does not have" in line for line in check(worked, PLAN, routed_nowhere))


def test_a_re_run_after_the_cutover_changes_nothing_new():
    worked = model()
    after = gathered(domains=[{"domain": DOMAIN, "caller_id_number": "12155550100", "caller_id_number_emergency": "12675550900"}],
                     users=[{"user": "101", "caller_id_number": "12155550110", "caller_id_number_emergency": "12675550910"},
                            {"user": "102", "caller_id_number": "12155550111", "caller_id_number_emergency": "12675550900"}, {"user": "700"}],
                     devices=[{"user": "102", "device": "102wp", "caller_id_number_emergency": "12675550900"}])
    result = changes(worked, after)
    assert result["devices"] == [] and result["domains"][0]["caller_id_number_emergency"] == "12675550900"
    assert all("caller_id_number_emergency" not in item for item in result["users"])


def test_the_plan_documents_are_deterministic_and_complete():
    worked = model()
    context = dict(customer="Acme", schedule={"cutover": {"date": "2026-12-03", "window_start": "18:00", "window_end": "21:00"},
                                              "port": {"requested_foc": "2026-12-10"}},
                   contacts={"customer": [{"role": "onsite", "name": "Liam | Foster", "email": "l@example.com"}]},
                   onsite={"sites": [{"site": "Main", "onsite": [{"mac": "805ec0a10065", "extensions": ["101"], "location": "Desk"}],
                                      "special_access": [], "slot": {"start": "2026-12-03T18:30:00-05:00", "end": "2026-12-03T18:40:00-05:00",
                                                                     "time_zone": "America/New_York"}}]})
    first = render(worked, **context)
    assert first == render(worked, **context)
    text = first[MARKDOWN_NAME]
    for expected in ("| +12155550100 | Main | +12675550900 | to-user 700 | source API |", "Verizon | A-1 |  | set | +12155550100",
                     "2026-12-03 18:00 to 21:00", "Main: someone at the phones 2026-12-03 18:30 to 18:40", "Liam / Foster",
                     "## Go / no-go", "## Rollback", "no resync", "+12155550111"):
        assert expected in text, expected
    assert "Liam | Foster" in first[HTML_NAME] and "<script" not in first[HTML_NAME]


def test_the_porting_coordination_shows_the_port_orders():
    orders = [{"id": "KV-PORT-2207", "carrier": "Old Telco", "account": "88120-4", "status": "foc", "foc_date": "2026-12-10",
               "numbers": ["+12155550100", {"number": "+12155550110", "status": "completed"}]}]
    text = render(model(), customer="Acme", port_orders=orders)[MARKDOWN_NAME]
    assert "| KV-PORT-2207 | Old Telco | 88120-4 | foc | 2026-12-10 | 2: +12155550100, +12155550110 (completed) |" in text
    assert "Port order" not in render(model(), customer="Acme")[MARKDOWN_NAME]


def test_after_the_port_a_finished_number_is_left_alone():
    worked = model(finished=["+12155550110"])
    assert worked["finished"] == ["12155550110"]
    # finalize_port removed 12675550910, routed the original and moved user 101's emergency caller ID to it
    after = gathered(phonenumbers=[gathered()["phonenumbers"][0],
                                   {"number": "12155550110", "application": "to-user", "destination_user": "101", "enabled": True}],
                     users=[{"user": "101", "caller_id_number": "12155550110", "caller_id_number_emergency": "12155550110"},
                            {"user": "102", "caller_id_number": "12155550111", "caller_id_number_emergency": "12675550900"}, {"user": "700"}],
                     domains=[{"domain": DOMAIN, "caller_id_number": "12155550100", "caller_id_number_emergency": "12675550900"}])
    # the preflight module compares with the plan at this stage: the original instead of its removed temporary DID
    staged = dict(PLAN, resources=staged_resources(PLAN, None, {"numbers": [
        {"number": "+12155550110", "temporary": "+12675550910", "stage": "finalized", "label": "Direct 101"}]}))
    assert check(worked, staged, after) == []
    result = changes(worked, after)
    assert [item["number"] for item in result["phonenumbers"]] == ["12675550900"]
    assert all(item.get("caller_id_number_emergency") in (None, "12675550900") for item in result["users"] if item["user"] == "102")
    assert "caller_id_number_emergency" not in next(item for item in result["users"] if item["user"] == "101")
    # the main number finished too: emergency caller ID falls back to the main number itself, which now reaches the platform
    both = model(finished=["+12155550110", "+12155550100"])
    fallback = changes(both, gathered(domains=[{"domain": DOMAIN, "caller_id_number_emergency": ""}], phonenumbers=[]))
    assert fallback["domains"][0]["caller_id_number_emergency"] == "12155550100"


def test_a_temporary_routed_to_an_attendant_or_queue_passes_and_a_spare_may_stay_unrouted():
    plan = dict(PLAN, resources=dict(PLAN["resources"], phonenumbers=[
        {"number": "+12675550900", "application": "available-number", "destination_user": "[*]"},
        {"number": "+12675550910", "application": "to-callqueue", "destination_user": "600", "destination_host": DOMAIN}]))
    worked = build_cutover(plan, INVENTORY, port=PORT, source=SOURCE)
    data = gathered(phonenumbers=[{"number": "12675550900", "application": "available-number", "destination_user": "[*]"},
                                  {"number": "12675550910", "application": "to-callqueue", "destination_user": "600", "enabled": True}],
                    callqueues=[{"callqueue": "600"}], autoattendants=[{"user": "500", "time_frame": "*"}])
    assert check(worked, plan, data) == []
    data["phonenumbers"][1] = {"number": "12675550910", "application": "to-user", "destination_user": "500", "enabled": True}
    assert check(worked, plan, data) == []
