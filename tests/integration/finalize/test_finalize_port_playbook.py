# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""collect -> recreate (temporary DIDs) -> finalize_port against the lab: a partial port, then the rest."""
from __future__ import annotations

from urllib.parse import quote

from nslab.counters import request_delta, write_requests

from finalize_support import PORTED, digits
from lab_migration import TARGET_DOMAIN, recap

FIRST = ("+12155550110", "+12155550115")
ROUTE = ("dial-rule-application", "dial-rule-translation-destination-user", "dial-rule-translation-destination-host", "enabled")


def cutover_emergency(migration):
    """What cutover leaves: emergency caller IDs on temporary DIDs (numbers that reach the platform before the port)."""
    main_temp = digits(PORTED["+12155550100"])
    migration.api("PUT", "/domains/%s" % TARGET_DOMAIN, {"caller-id-number-emergency": main_temp})
    migration.api("PUT", "/domains/%s/sites/%s" % (TARGET_DOMAIN, quote("Main Street")), {"caller-id-number-emergency": main_temp})
    for user, original in (("101", "+12155550110"), ("102", "+12155550111"), ("106", "+12155550115")):
        migration.api("PUT", "/domains/%s/users/%s" % (TARGET_DOMAIN, user), {"caller-id-number-emergency": digits(PORTED[original])})


def emergency(migration):
    domain = migration.api("GET", "/domains/%s" % TARGET_DOMAIN)
    site = migration.api("GET", "/domains/%s/sites/%s" % (TARGET_DOMAIN, quote("Main Street")))
    users = dict((user, migration.api("GET", "/domains/%s/users/%s" % (TARGET_DOMAIN, user))["caller-id-number-emergency"])
                 for user in ("101", "102", "106"))
    return domain["caller-id-number-emergency"], site["caller-id-number-emergency"], users


def assert_rerun_changes_nothing(migration):
    artifacts = migration.artifacts()
    before = migration.lab.stats()
    again = migration.run("finalize_port.yml")
    assert again.returncode == 0, again.stdout + again.stderr
    assert recap(again.stdout)["changed"] == 0, again.stdout
    assert write_requests(request_delta(before, migration.lab.stats())) == {}
    assert migration.artifacts() == artifacts


def test_partial_port_then_the_rest_with_sms_after_the_port(migration):
    collected = migration.run("collect.yml")
    assert collected.returncode == 0, collected.stdout + collected.stderr
    # numbers that are not ported move to the target in recreate: the lab holds a number in one domain at a time
    migration.release(set(migration.source_numbers()) - set(PORTED))
    for playbook, extra in (("recreate.yml", ()), ("approve_plan.yml", ("-e", "approval_by=Dana Whitfield"))):
        result = migration.run(playbook, *extra)
        assert result.returncode == 0, playbook + result.stdout + result.stderr
    numbers = migration.numbers()
    for original, temporary in PORTED.items():
        assert digits(original) not in numbers and digits(temporary) in numbers
    cutover_emergency(migration)
    temp_routes = dict((original, [numbers[digits(temporary)][field] for field in ROUTE]) for original, temporary in PORTED.items())

    # Two of five numbers ported: the old platform released them.
    migration.port_orders(FIRST)
    migration.release(FIRST)

    files = migration.artifacts()
    journal = len(migration.journal())
    before = migration.lab.stats()
    preview = migration.run("finalize_port.yml", "--check")
    assert preview.returncode == 0, preview.stdout + preview.stderr
    assert write_requests(request_delta(before, migration.lab.stats())) == {}
    assert migration.artifacts() == files and len(migration.journal()) == journal
    assert "steps: 2 original DID(s), 2 emergency caller ID(s), 2 temporary DID(s) to delete, 0 to return, 1 SMS number(s)" in preview.stdout

    first = migration.run("finalize_port.yml")
    assert first.returncode == 0, first.stdout + first.stderr
    assert recap(first.stdout)["changed"] > 0
    numbers = migration.numbers()
    for original, temporary in PORTED.items():
        if original in FIRST:
            assert [numbers[digits(original)][field] for field in ROUTE] == temp_routes[original]
            assert digits(temporary) not in numbers
        else:
            assert digits(original) not in numbers
            assert [numbers[digits(temporary)][field] for field in ROUTE] == temp_routes[original]
    domain_emergency, site_emergency, users = emergency(migration)
    assert (domain_emergency, site_emergency) == (digits(PORTED["+12155550100"]),) * 2
    assert users == {"101": "12155550110", "102": digits(PORTED["+12155550111"]), "106": "12155550115"}
    sms = migration.sms_numbers()
    assert sorted(sms) == ["12155550115"]
    assert (sms["12155550115"]["application"], sms["12155550115"]["dest"], sms["12155550115"]["carrier"]) == ("user", "106", "Keystone Messaging")
    assert ("+12155550100 has not ported yet (order KV-PORT-1182 at foc, FOC 2026-12-10); its SMS number is created after the port"
            in first.stdout)
    state = migration.port_state()
    stages = dict((entry["number"], entry["stage"]) for entry in state["numbers"])
    assert stages == {"+12155550100": "waiting", "+12155550103": "waiting", "+12155550110": "finalized", "+12155550111": "waiting",
                      "+12155550115": "finalized"}
    assert [(record["number"], record["state"]) for record in state["sms"]] == [
        ("+12155550100", "refused"), ("+12155550103", "refused"), ("+12155550115", "active")]
    entries = [entry for entry in migration.journal() if entry["phase"] == "finalize_port"]
    assert sorted((entry["kind"], entry["key"], entry["outcome"]) for entry in entries) == [
        ("phonenumbers", "12155550110", "created"), ("phonenumbers", "12155550115", "created"),
        ("phonenumbers", "14125550182", "deleted"), ("phonenumbers", "14125550184", "deleted"),
        ("smsnumbers", "12155550115", "created"), ("users", "101", "updated"), ("users", "106", "updated")]
    assert len({entry["run_id"] for entry in entries}) == 1

    assert_rerun_changes_nothing(migration)

    # The rest ported.
    migration.port_orders(set(PORTED))
    migration.release(set(PORTED) - set(FIRST))
    rest = migration.run("finalize_port.yml")
    assert rest.returncode == 0, rest.stdout + rest.stderr
    numbers = migration.numbers()
    for original, temporary in PORTED.items():
        assert [numbers[digits(original)][field] for field in ROUTE] == temp_routes[original]
        assert digits(temporary) not in numbers
    assert emergency(migration) == ("12155550100", "12155550100", {"101": "12155550110", "102": "12155550111", "106": "12155550115"})
    sms = migration.sms_numbers()
    assert sorted(sms) == ["12155550100", "12155550103", "12155550115"]
    assert (sms["12155550103"]["application"], sms["12155550103"]["dest"]) == ("callqueue", "600")
    state = migration.port_state()
    assert set(entry["stage"] for entry in state["numbers"]) == {"finalized"}
    assert state["summary"]["sms"] == {"active": 3}
    first_finalized = dict((entry["number"], entry["finalized_by"]) for entry in state["numbers"])
    assert first_finalized["+12155550110"] != first_finalized["+12155550100"]

    assert_rerun_changes_nothing(migration)
