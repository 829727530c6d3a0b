# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Documented resource behaviours: 202 vs synchronous, errors, paging, quirks."""
from __future__ import annotations

from nslab import synthetic_domain


USER = {"user": "1000", "name-first-name": "Ada", "name-last-name": "Byron", "email": "ada@acme.lab", "user-scope": "Basic User"}


def test_write_is_202_by_default_and_200_with_object_when_synchronous(api):
    accepted = api.post("/domains/acme.lab/users", USER)
    assert accepted.status_code == 202
    assert accepted.json() == {"code": 202, "message": "Accepted"}
    created = api.post("/domains/acme.lab/users", dict(USER, user="1001", synchronous="yes"))
    assert created.status_code == 200
    assert created.json()["user"] == "1001" and created.json()["login-username"] == "1001@acme.lab"
    assert "synchronous" not in created.json()


def test_404_and_409_bodies(api):
    missing = api.get("/domains/nowhere.lab/users")
    assert missing.status_code == 404
    assert missing.json() == {"code": 404, "message": "Domain nowhere.lab does not exist"}
    assert api.get("/domains/acme.lab/users/9999").json() == {"code": 404, "message": "User 9999 does not exist in domain acme.lab"}
    number = {"phonenumber": "15551230000", "dial-rule-translation-destination-user": "1000"}
    assert api.post("/domains/acme.lab/phonenumbers", number).status_code == 202
    duplicate = api.post("/domains/acme.lab/phonenumbers", number)
    assert duplicate.status_code == 409
    assert duplicate.json() == {"code": 409, "message": "Phone number already exists"}
    assert api.get("/domains/acme.lab/nothing-here").json() == {"code": 404, "message": "No Route Found [92]"}


def test_domain_create_needs_existing_reseller_and_reseller_delete_conflicts(api):
    orphan = api.post("/domains", {"domain": "x.lab", "reseller": "nobody", "description": "X"})
    assert orphan.status_code == 404
    assert api.delete("/resellers/lab-reseller").status_code == 409


def test_paging_past_1000_users(ns_lab, make_api):
    ns_lab.load_seed(synthetic_domain(domain="big.lab", users=1500, queues=0, attendants=0, dids=0, devices_per_user=0))
    api = make_api(ns_lab)
    assert len(api.get("/domains/big.lab/users").json()) == 100  # spec default limit
    seen = []
    start = 0
    while True:
        page = api.get("/domains/big.lab/users", params={"start": start, "limit": 1000}).json()
        seen += [u["user"] for u in page]
        if len(page) < 1000:
            break
        start += 1000
    assert len(seen) == len(set(seen)) == 1500
    assert api.get("/domains/big.lab/users/count").json() == {"total": 1500}


def test_user_create_adds_default_answer_rule(api):
    api.post("/domains/acme.lab/users", USER)
    rules = api.get("/domains/acme.lab/users/1000/answerrules").json()
    assert len(rules) == 1
    assert rules[0]["time-frame"] == "*" and rules[0]["order"] == 99
    assert rules[0]["simultaneous-ring"] == {"enabled": "yes", "parameters": ["<OwnDevices>"]}


def test_queue_and_attendant_create_their_system_users(api):
    assert api.post("/domains/acme.lab/callqueues", {"callqueue": "6000", "description": "Sales"}).status_code == 202
    attendant = {"attendant-name": "Main", "user": "7000", "time-frame": "*",
                 "auto-attendant": {"option-1": {"destination-application": "to-callqueue", "destination-user": "6000"}}}
    assert api.post("/domains/acme.lab/autoattendants", attendant).status_code == 202
    assert api.get("/domains/acme.lab/users/6000").json()["service-code"] == "system-queue"
    assert api.get("/domains/acme.lab/users/7000").json()["service-code"] == "system-aa"
    listed = api.get("/domains/acme.lab/autoattendants").json()
    assert listed[0]["starting-prompt"] == "Prompt_100"
    assert listed[0]["read-path"] == "/ns-api/v2/domains/acme.lab/attendants/7000/Prompt_100"
    read = api.get("/domains/acme.lab/users/7000/autoattendants/Prompt_100").json()
    assert read["auto-attendant"]["option-1"]["destination-user"] == "6000"
    api.put("/domains/acme.lab/users/7000/autoattendants/Prompt_100", {"auto-attendant": {"option-1": {"remove": "yes"}}})
    assert "option-1" not in api.get("/domains/acme.lab/users/7000/autoattendants/Prompt_100").json()["auto-attendant"]


def test_deleting_user_leaves_dids_and_agent_rows(api):
    api.post("/domains/acme.lab/users", USER)
    api.post("/domains/acme.lab/users/1000/devices", {"device": "1000a"})
    api.post("/domains/acme.lab/callqueues", {"callqueue": "6000"})
    api.post("/domains/acme.lab/callqueues/6000/agents", {"callqueue-agent-id": "1000@acme.lab"})
    api.post("/domains/acme.lab/phonenumbers", {"phonenumber": "15551230001", "dial-rule-application": "to-user",
                                                "dial-rule-translation-destination-user": "1000"})
    assert api.delete("/domains/acme.lab/users/1000").status_code == 202
    assert api.get("/domains/acme.lab/users/1000").status_code == 404
    assert api.get("/domains/acme.lab/devices").json() == []
    assert api.get("/domains/acme.lab/phonenumbers/15551230001").json()["dial-rule-translation-destination-user"] == "1000"
    agents = api.get("/domains/acme.lab/callqueues/6000/agents").json()
    assert [a["callqueue-agent-id"] for a in agents] == ["1000@acme.lab"]
    api.delete("/domains/acme.lab/callqueues/6000")
    assert len(api.get("/domains/acme.lab/agents").json()) == 1


def test_answer_rules_with_timeframes_and_reorder(api):
    api.post("/domains/acme.lab/users", USER)
    frame = {"timeframe-name": "Business Hours", "timeframe-type": "days-of-week",
             "timeframe-days-of-week-array": [{"timeframe-weekly-monday-begin-time-1": "0900", "timeframe-weekly-monday-end-time-1": "1700"}]}
    created = api.post("/domains/acme.lab/timeframes", dict(frame, synchronous="yes")).json()
    assert created["timeframe-days-of-week-array"][0]["timeframe-parent-id"] == created["timeframe-id"]
    assert api.post("/domains/acme.lab/users/1000/answerrules", {"time-frame": "Nope", "enabled": "yes"}).status_code == 404
    rule = {"time-frame": "Business Hours", "enabled": "yes", "forward-always": {"enabled": "yes", "parameters": ["vmail_1000"]}}
    assert api.post("/domains/acme.lab/users/1000/answerrules", rule).status_code == 202
    order = [r["time-frame"] for r in api.get("/domains/acme.lab/users/1000/answerrules").json()]
    assert order == ["Business Hours", "*"]
    assert api.put("/domains/acme.lab/users/1000/answerrules/reorder", [{"time-frame": "*"}]).status_code == 400
    moved = api.put("/domains/acme.lab/users/1000/answerrules/reorder", [{"time-frame": "*"}, {"time-frame": "Business Hours"}])
    assert moved.status_code == 202
    order = [r["time-frame"] for r in api.get("/domains/acme.lab/users/1000/answerrules").json()]
    assert order == ["*", "Business Hours"]


def test_phones_by_mac_and_sms_numbers(api):
    phone = {"device-provisioning-mac-address": "0004f2aabbcc", "device-models-brand-and-model": "Polycom VVX 450"}
    assert api.post("/domains/acme.lab/phones", phone).status_code == 202
    assert api.post("/phones", dict(phone, domain="acme.lab")).status_code == 409
    assert api.get("/domains/acme.lab/phones/0004f2aabbcc").json()["domain"] == "acme.lab"
    assert api.post("/domains/acme.lab/phones", {"device-provisioning-mac-address": "00:04:f2"}).status_code == 400
    api.post("/domains/acme.lab/users", USER)
    assert api.post("/domains/acme.lab/smsnumbers", {"number": "15551230002", "application": "user", "dest": "1000"}).status_code == 202
    assert [s["number"] for s in api.get("/domains/acme.lab/users/1000/smsnumbers").json()] == ["15551230002"]


def test_delete_domain_cascades(api):
    api.post("/domains/acme.lab/users", USER)
    assert api.delete("/domains/acme.lab").status_code == 202
    assert api.get("/domains/acme.lab").status_code == 404
    assert api.get("/domains").json() == []
