# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Dial by extension end to end: an inventory's menus, their translation as the platform stores and reads it back,
and the call-flow comparison of both sides."""
from __future__ import annotations

import datetime

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.callflow.compare import compare_call_flows, mismatches, summary
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.simulate import simulate
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.source import graph_from_inventory
from ansible_collections.ucaas.migration.plugins.module_utils.callflow.target import graph_from_target
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_attendants import normalize_tier
from ansible_collections.ucaas.migration.plugins.module_utils.translate.plan import build_plan

from callflow_cases import at, call

START = datetime.date(2026, 11, 30)
MAIN = "+12155550100"
MONDAY_10 = at(2026, 11, 30, 10)


def _menu(menu_id, dial_by_extension, options):
    menu = {"id": menu_id, "name": menu_id.title(), "prompt_text": "The %s menu." % menu_id, "options": options,
            "timeout_destination": {"type": "hangup"}, "invalid_destination": {"type": "hangup"}}
    if dial_by_extension is not None:
        menu["dial_by_extension"] = dial_by_extension
    return menu


def _inventory(main_dials):
    """Attendant 500: a main menu (dialling as given) whose key 1 opens a staff menu that does not allow dialling."""
    main = _menu("main", main_dials, [
        {"key": "1", "destination": {"type": "auto_attendant_menu", "id": "aa-500", "menu": "staff"}},
        {"key": "2", "destination": {"type": "user", "id": "u-201"}}])
    staff = _menu("staff", False, [{"key": "1", "destination": {"type": "user", "id": "u-202"}}])
    return {
        "schema_version": "inventory/v1",
        "source": {"platform": "freepbx", "collected_at": "2026-11-20T00:00:00Z", "default_region": "US", "time_zone": "America/New_York"},
        "users": [{"source_id": "u-%s" % ext, "extension": ext, "first_name": name, "last_name": "Test"}
                  for ext, name in (("201", "Ann"), ("202", "Bo"))],
        "auto_attendants": [{"source_id": "aa-500", "extension": "500", "name": "Main", "menus": [main, staff], "variants": [{"menu": "main"}]}],
        "dids": [{"source_id": "did-main", "number": MAIN, "usage": "main", "destination": {"type": "auto_attendant", "id": "aa-500"}}],
    }


def _target(inventory, tmp_path):
    """The planned attendants as the platform reads them back (canonical form: defaults left out), the users and the DID."""
    plan = build_plan(inventory, standards={"extension_length": 3}, target={"reseller": "r", "description": "Test", "domain": "test.r.service"},
                      port={"numbers": "all"}, state_dir=str(tmp_path))[0]
    attendants = [{"user": item["user"], "attendant-name": item["name"], "time-frame": item["time_frame"],
                   "auto-attendant": normalize_tier(item["menu"])} for item in plan["resources"]["autoattendants"]]
    users = [{"user": ext, "voicemail-enabled": "no"} for ext in ("201", "202")] + [{"user": "500", "service-code": "system-aa"}]
    return {"domain": {"time-zone": "America/New_York"}, "users": users, "autoattendants": attendants,
            "phonenumbers": [{"phonenumber": MAIN[1:], "dial-rule-application": "to-user", "dial-rule-translation-destination-user": "500",
                              "enabled": "yes"}]}


@pytest.mark.parametrize("main_dials", [True, None, False])
def test_menus_with_and_without_dial_by_extension_agree(main_dials, tmp_path):
    inventory = _inventory(main_dials)
    objects = _target(inventory, tmp_path)
    main = objects["autoattendants"][0]["auto-attendant"]
    switched_off = ["no", "no", "no"]
    # allowed or unstated: the platform's default (yes) is left as it is; not allowed: every length is switched off
    assert [main.get("%d-digit-dial-by-extension" % size) for size in (3, 4, 5)] == (switched_off if main_dials is False else [None] * 3)
    assert [main["option-1"]["auto-attendant"].get("%d-digit-dial-by-extension" % size) for size in (3, 4, 5)] == switched_off
    source, target = graph_from_inventory(inventory), graph_from_target(objects)
    comparisons = compare_call_flows(source, target, START)
    assert summary(comparisons)["mismatch"] == 0, "\n".join(item.message() for item in mismatches(comparisons))
    assert (("201",) in set(item.scenario.keys for item in comparisons)) is (main_dials is not False)
    dialled = {"kind": "hangup"} if main_dials is False else {"kind": "ring", "targets": ["202"]}
    for graph in (source, target):
        assert simulate(graph, MAIN, call(MONDAY_10, ["202"])).outcome.to_dict() == dialled
        # the staff menu hangs up on a key it does not know, an extension included
        assert simulate(graph, MAIN, call(MONDAY_10, ["1", "201"])).outcome.to_dict() == {"kind": "hangup"}
        assert simulate(graph, MAIN, call(MONDAY_10, ["1", "1"])).outcome.to_dict() == {"kind": "ring", "targets": ["202"]}
