# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""finalize_port decisions: the steps per ported number, never a number left unrouted, SMS only after the port."""
from __future__ import annotations

import copy

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.porting.finalize import Finalize, FinalizeError, TargetState, ported_numbers, step_count
from ansible_collections.ucaas.migration.plugins.module_utils.porting.orders import InventoryPortOrders
from ansible_collections.ucaas.migration.plugins.module_utils.porting.sms import SmsSettingsError, sms_entries
from ansible_collections.ucaas.migration.plugins.module_utils.porting.state import port_state_document

DOMAIN = "acme.example.service"
MAIN, DIRECT, SPARE = "+12155550100", "+12155550110", "+12155550107"
TEMP_MAIN, TEMP_DIRECT = "+14125550180", "+14125550181"
INVENTORY = {
    "dids": [
        {"number": MAIN, "label": "Main number", "destination": {"type": "attendant", "id": "700"}},
        {"number": DIRECT, "label": "Direct Maria", "destination": {"type": "user", "id": "101"}},
        {"number": SPARE, "label": "Spare"},
    ],
    "sms_numbers": [
        {"number": MAIN, "destination": {"type": "user", "id": "101"}, "carrier": "Old Messaging"},
        {"number": DIRECT, "destination": {"type": "queue", "id": "q600"}, "campaign_id": "CINV01"},
        {"number": SPARE, "destination": {"type": "user", "id": "101"}},
    ],
}
PORT = {"numbers": [MAIN, DIRECT], "temporary": [{"number": TEMP_MAIN, "for": MAIN}, {"number": TEMP_DIRECT, "for": DIRECT}]}
PLAN = {
    "domain": DOMAIN,
    "resources": {"phonenumbers": [
        {"number": "14125550180", "enabled": True, "application": "to-user", "destination_user": "700", "destination_host": DOMAIN},
        {"number": "14125550181", "enabled": True, "application": "to-user", "destination_user": "101", "destination_host": DOMAIN},
    ]},
    "mapping": [
        {"source": {"collection": "users", "source_id": "101"}, "targets": [{"kind": "users", "key": "101"}, {"kind": "devices", "key": "101/101"}]},
        {"source": {"collection": "queues", "source_id": "q600"}, "targets": [{"kind": "callqueues", "key": "600"}]},
    ],
}


def target(**extra):
    """The target after recreate and cutover: temporary DIDs routed, emergency caller ID on them."""
    state = {
        "phonenumbers": [
            {"number": "14125550180", "enabled": True, "application": "to-user", "destination_user": "700", "destination_host": DOMAIN,
             "caller_name_prefix": "[*]"},
            {"number": "14125550181", "enabled": True, "application": "to-user", "destination_user": "101", "destination_host": DOMAIN},
        ],
        "domains": [{"domain": DOMAIN, "caller_id_number_emergency": "14125550180"}],
        "sites": [{"site": "Main Street", "caller_id_number_emergency": "14125550180"}, {"site": "Riverside"}],
        "users": [{"user": "101", "caller_id_number_emergency": "+1 (412) 555-0181"}, {"user": "102", "caller_id_number_emergency": "14125550180"}],
        "devices": [{"user": "101", "device": "101", "caller_id_number_emergency": "14125550181"}],
        "smsnumbers": [],
    }
    state.update(extra)
    return state


def finalize(order_numbers, after_port="delete", sms=None):
    statuses = InventoryPortOrders([{"id": "PO-1", "carrier": "Old Telco", "status": "foc", "foc_date": "2026-12-10",
                                     "numbers": order_numbers}]).statuses()
    numbers = ported_numbers(INVENTORY, PORT, statuses)
    entries = sms_entries(INVENTORY, PLAN["mapping"], sms if sms is not None else {"carrier": "New Messaging"}, set(n.original for n in numbers))
    return Finalize(numbers, PLAN, after_port=after_port, sms=entries)


def apply(state, steps, after_port="delete"):
    """What the resource modules would make of the target (merged items, deleted numbers)."""
    state = copy.deepcopy(state)
    numbers = dict((item["number"], item) for item in state["phonenumbers"])
    for item in steps["originals"] + steps["temporaries"]["available"]:
        numbers.setdefault(item["number"], {}).update(item)
    for item in steps["temporaries"]["delete"]:
        numbers.pop(item["number"])
    state["phonenumbers"] = list(numbers.values())
    for kind, items in steps["emergency"].items():
        for item in items:
            holder = next(h for h in state[kind] if all(h.get(k) == v for k, v in item.items() if k != "caller_id_number_emergency"))
            holder["caller_id_number_emergency"] = item["caller_id_number_emergency"]
    state["smsnumbers"] = state["smsnumbers"] + steps["smsnumbers"]
    return state


def test_one_ported_number_moves_step_by_step_and_the_other_waits():
    run = finalize([MAIN, {"number": DIRECT, "status": "completed"}])
    result = run.run(target())
    steps = result["steps"]
    assert steps["originals"] == [{"number": "12155550110", "enabled": True, "application": "to-user", "destination_user": "101",
                                   "destination_host": DOMAIN, "description": "Direct Maria"}]
    assert steps["emergency"] == {"domains": [], "sites": [], "users": [{"user": "101", "caller_id_number_emergency": "12155550110"}],
                                  "devices": [{"user": "101", "device": "101", "caller_id_number_emergency": "12155550110"}]}
    assert steps["temporaries"] == {"delete": [{"number": "14125550181"}], "available": []}
    by_number = dict((entry["number"], entry) for entry in result["numbers"])
    assert (by_number[DIRECT]["stage"], by_number[DIRECT]["stage_after"]) == ("in_progress", "finalized")
    assert (by_number[MAIN]["stage"], by_number[MAIN]["stage_after"]) == ("waiting", "waiting")
    assert by_number[MAIN]["temporary_on_target"] == "routed" and by_number[MAIN]["original_on_target"] is False

    # Only the first step is written; a fresh read shows it; the next plan moves on, never removing the temporary first.
    after_originals = apply(target(), dict(steps, emergency={"domains": [], "sites": [], "users": [], "devices": []},
                                           temporaries={"delete": [], "available": []}, smsnumbers=[]))
    again = run.run(after_originals)["steps"]
    assert again["originals"] == [] and again["emergency"] == steps["emergency"] and again["temporaries"] == steps["temporaries"]
    done = apply(target(), steps)
    final = run.run(done)
    assert step_count(final["steps"]) == 0
    assert dict((e["number"], e["stage"]) for e in final["numbers"]) == {MAIN: "waiting", DIRECT: "finalized"}


def test_the_temporary_stays_while_the_original_is_not_routed_like_it():
    run = finalize([{"number": DIRECT, "status": "completed"}])
    # the original exists but rings somewhere else (someone pre-created it): it is re-routed, the temporary stays for now
    state = target()
    state["phonenumbers"].append({"number": "12155550110", "enabled": True, "application": "to-voicemail", "destination_user": "101"})
    result = run.run(state)
    assert [item["application"] for item in result["steps"]["originals"]] == ["to-user"]
    assert [entry["stage"] for entry in result["numbers"] if entry["number"] == DIRECT] == ["in_progress"]
    # the role writes the originals, reads again and plans again: while the re-route has not landed, the originals step is
    # still pending, and the role removes no temporary DID before that step is empty
    assert run.run(state)["steps"]["originals"] == result["steps"]["originals"]
    assert not run.confirmed(TargetState(state), run.numbers[1])


def test_returned_to_the_pool_instead_of_deleted():
    run = finalize([{"number": DIRECT, "status": "completed"}], after_port="available")
    steps = run.run(target())["steps"]
    assert steps["temporaries"]["delete"] == []
    assert steps["temporaries"]["available"] == [{"number": "14125550181", "application": "available-number", "destination_user": "[*]",
                                                  "description": "Available (temporary number of +12155550110 until its port)"}]
    final = run.run(apply(target(), steps))
    assert step_count(final["steps"]) == 0
    assert [e["temporary_on_target"] for e in final["numbers"] if e["number"] == DIRECT] == ["available"]


def test_a_lost_original_is_routed_again_from_the_plan():
    run = finalize([{"number": DIRECT, "status": "completed"}])
    state = target()
    state["phonenumbers"] = [item for item in state["phonenumbers"] if item["number"] != "14125550181"]
    steps = run.run(state)["steps"]
    assert steps["originals"] == [{"number": "12155550110", "enabled": True, "application": "to-user", "destination_user": "101",
                                   "destination_host": DOMAIN, "description": "Direct Maria"}]


def test_sms_refused_before_the_port_and_created_after():
    sms = {"carrier": "New Messaging", "numbers": [{"number": MAIN, "campaign": "CMAIN1", "user": "101"}, {"number": SPARE, "campaign": "C9"}]}
    before = finalize([MAIN, DIRECT], sms=sms).run(target())
    report = dict((record["number"], record) for record in before["sms"])
    assert report[MAIN]["state"] == "refused"
    assert report[MAIN]["reason"] == ("+12155550100 has not ported yet (order PO-1 at foc, FOC 2026-12-10); "
                                      "its SMS number is created after the port")
    assert report[DIRECT]["reason"].startswith("+12155550110 has not ported yet")
    assert report[SPARE]["reason"] == "+12155550107 is not a ported number; recreate plans the SMS numbers of numbers that are not ported"
    assert before["steps"]["smsnumbers"] == []

    run = finalize([{"number": MAIN, "status": "completed"}, {"number": DIRECT, "status": "completed"}], sms=sms)
    after = run.run(target())
    assert after["steps"]["smsnumbers"] == [
        {"number": "12155550100", "application": "user", "destination": "101", "carrier": "New Messaging"},
        {"number": "12155550110", "application": "callqueue", "destination": "600", "carrier": "New Messaging"}]
    assert after["summary"]["sms"] == {"refused": 1, "to_create": 2}
    settled = run.run(apply(target(), after["steps"]))
    assert settled["summary"]["sms"] == {"active": 2, "refused": 1} and step_count(settled["steps"]) == 0


def test_sms_without_a_campaign_is_refused_even_after_the_port():
    run = finalize([{"number": MAIN, "status": "completed"}], sms={})
    record = next(r for r in run.run(target())["sms"] if r["number"] == MAIN)
    assert record["state"] == "refused"
    assert record["reason"].startswith("+12155550100 has no 10DLC campaign reference")


def test_orders_and_port_must_agree_before_anything_is_decided():
    statuses = InventoryPortOrders([{"id": "PO-9", "status": "completed", "numbers": [SPARE]}]).statuses()
    with pytest.raises(FinalizeError, match=r"port order PO-9 lists \+12155550107, which is not a ported DID"):
        ported_numbers(INVENTORY, PORT, statuses)
    statuses = InventoryPortOrders([{"id": "PO-1", "status": "completed", "numbers": [MAIN]}]).statuses()
    with pytest.raises(FinalizeError, match=r"\+12155550100 has ported \(order PO-1\) but no temporary DID"):
        ported_numbers(INVENTORY, {"numbers": [MAIN]}, statuses)
    with pytest.raises(FinalizeError, match="after_port: 'keep' is not one of"):
        Finalize([], PLAN, after_port="keep")
    with pytest.raises(SmsSettingsError, match=r"ucaas_sms.numbers\[0\]: give user or queue, not both"):
        sms_entries(INVENTORY, [], {"numbers": [{"number": MAIN, "user": "1", "queue": "2"}]}, set())


def test_port_state_keeps_when_a_number_was_finalized():
    run = finalize([{"number": DIRECT, "status": "completed", "completed_at": "2026-12-10"}])
    final = run.run(apply(target(), run.run(target())["steps"]))
    first = port_state_document(final, "delete", None, at="2026-12-10T20:00:00Z", run_id="run-1")
    later = port_state_document(final, "delete", first, at="2026-12-11T20:00:00Z", run_id="run-2")
    assert later == first
    entry = next(e for e in first["numbers"] if e["number"] == DIRECT)
    assert (entry["stage"], entry["finalized_at"], entry["finalized_by"], entry["completed_at"]) == (
        "finalized", "2026-12-10T20:00:00Z", "run-1", "2026-12-10")
    assert "finalized_at" not in next(e for e in first["numbers"] if e["number"] == MAIN)


def test_a_spare_number_is_finished_as_an_available_number_like_its_temporary():
    spare_temporary = "+14125550182"
    port = dict(PORT, numbers=PORT["numbers"] + [SPARE], temporary=PORT["temporary"] + [{"number": spare_temporary, "for": SPARE}])
    plan = copy.deepcopy(PLAN)
    plan["resources"]["phonenumbers"].append({"number": "14125550182", "application": "available-number", "destination_user": "[*]"})
    statuses = InventoryPortOrders([{"id": "PO-1", "carrier": "Old Telco", "status": "completed", "numbers": [SPARE]}]).statuses()
    run = Finalize(ported_numbers(INVENTORY, port, statuses), plan)
    state = target()
    state["phonenumbers"].append({"number": "14125550182", "application": "available-number", "destination_user": "[*]"})
    steps = run.run(state)["steps"]
    assert steps["originals"] == [{"number": "12155550107", "application": "available-number", "destination_user": "[*]", "description": "Spare"}]
    assert steps["temporaries"] == {"delete": [{"number": "14125550182"}], "available": []}
    final = run.run(apply(state, steps))
    assert step_count(final["steps"]) == 0
    assert dict((e["number"], e["stage"]) for e in final["numbers"])[SPARE] == "finalized"
