# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plan of a NetSapiens-sourced inventory: Acme Dental Group collected from the lab by the netsapiens adapter."""
from __future__ import annotations

import json

from ansible_collections.ucaas.migration.plugins.module_utils.translate.plan import build_plan

TARGET = {"reseller": "keystone-voice", "description": "Acme Dental Group"}


def _by(plan, kind, **match):
    return [item for item in plan["resources"][kind] if all(item.get(key) == value for key, value in match.items())]


def test_acme_plan_from_the_collected_inventory(acme):
    inventory, secrets, state_dir = acme
    plan, warnings = build_plan(inventory, standards={}, target=TARGET, port={"numbers": ["+12155550100"]}, state_dir=str(state_dir))
    assert warnings == []
    assert plan["domain"] == "acme-dental-group.keystone-voice.service"
    people = inventory["users"]
    assert plan["summary"]["resources"]["users"] == len(people) + len(inventory["virtual_mailboxes"]) + len(inventory["time_routers"])
    # queues keep their dispatch types; tiers turn Round-robin into Tiered Round-robin
    dispatch = dict((item["callqueue"], item["dispatch_type"]) for item in plan["resources"]["callqueues"])
    assert dispatch == {"600": "Tiered Round-robin", "601": "Ring All", "602": "Linear Hunt"}
    assert {agent["availability"] for agent in _by(plan, "agents", callqueue="600")} == {"automatic", "manual"}
    # the main menu: business hours with a nested tier, holidays, default
    frames = sorted(item["time_frame"] for item in _by(plan, "autoattendants", user="500"))
    assert frames == ["*", "Business Hours", "Holidays"]
    business = _by(plan, "autoattendants", user="500", time_frame="Business Hours")[0]["menu"]
    assert business["option-3"]["auto-attendant"]["option-3"] == {"description": "Dr. Ibrahim voicemail", "destination-application": "to-voicemail",
                                                                  "destination-user": "109"}
    assert business["no-key-press"] == "option-0"
    # time router 700 and the lunch frame
    assert [item["time_frame"] for item in _by(plan, "answerrules", user="700")] == ["Holidays", "Lunch", "Business Hours", "*"]
    # only the ported main number is left out; SMS of the main number waits for the port
    numbers = [item["number"] for item in plan["resources"]["phonenumbers"]]
    assert "+12155550100" not in numbers and len(numbers) == len(inventory["dids"]) - 1
    assert "+12155550100" not in [item["number"] for item in plan["resources"]["smsnumbers"]]
    queue_sms = _by(plan, "smsnumbers", number="+12155550103")[0]
    assert queue_sms == {"number": "+12155550103", "application": "callqueue", "destination": "600", "carrier": "Example Messaging"}
    # greetings point at the collected audio; nothing secret leaks
    for greeting in plan["resources"]["greetings"]:
        if "file" in greeting:
            assert greeting["file"].startswith(str(state_dir))
    text = json.dumps(plan)
    for value in secrets.values():
        assert '"%s"' % value not in text
    # the fax-gateway routing could not be collected: it blocks until resolved
    assert [item["kind"] for item in plan["findings"] if item["severity"] == "blocking"] == ["unresolved_destination"]
