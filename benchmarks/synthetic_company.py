# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A synthetic customer as the collect phase would leave it: inventory.json and scope.json.

``company_inventory(users)`` builds a canonical inventory (``inventory/v1``) of ``users`` people,
each with a voicemail box, a desk phone and a direct number, plus a site, business hours and a
holiday time frame, a few call queues (one per 100 users, 1 to 20, 5 agents each), and one auto
attendant whose menu reaches the first queue and the operator. Same arguments, same bytes.

``write_company(state_dir, host, users)`` validates it (``validate_inventory``), classifies it
(the same rules as ``migration_scope``) and writes ``<state_dir>/<host>/inventory.json`` and
``scope.json``, so recreate can run without a collect. No secrets: voicemail PINs and SIP
passwords are left to the platform's defaults.

    python benchmarks/synthetic_company.py STATE_DIR HOST USERS
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

import labpaths  # noqa: E402  pylint: disable=wrong-import-position

labpaths.bootstrap()

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import json_bytes  # noqa: E402
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.validate import validate_inventory  # noqa: E402
from ansible_collections.ucaas.migration.plugins.module_utils.reports import scope as scope_rules  # noqa: E402
from ansible_collections.ucaas.migration.plugins.module_utils.reports import sow  # noqa: E402

COLLECTED_AT = "2026-11-20T15:00:00Z"
TIME_ZONE = "America/New_York"
FIRST_EXTENSION = 1000
FIRST_NAMES = ("Ada", "Ben", "Cora", "Dev", "Elena", "Femi", "Gus", "Hana", "Ivo", "June", "Kai", "Lena", "Milo", "Nia", "Omar", "Pia")
LAST_NAMES = ("Abbott", "Brooks", "Chen", "Diaz", "Evans", "Frost", "Gupta", "Hale", "Ito", "Jones", "Khan", "Lopez", "Moore", "Novak")
DEPARTMENTS = ("Front Desk", "Billing", "Clinical", "Sales", "Support", "Operations", "Finance", "Facilities")
# Area codes whose 555-01xx..555-9xxx block the phonenumbers library accepts as valid US numbers.
AREA_CODES = ("212", "312", "415", "617", "713")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def _slug(text):
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def extension_plan(users):
    """First extensions of users, queues and the auto attendant (no overlap for any size)."""
    queue_base = ((FIRST_EXTENSION + users) // 1000 + 1) * 1000
    return FIRST_EXTENSION, queue_base, queue_base + 1000


def queue_count(users):
    return max(1, min(20, users // 100))


def did_number(index):
    """A distinct valid US number per index: 5 area codes x 10,000 lines of exchange 555 (and 556...)."""
    area = AREA_CODES[index % len(AREA_CODES)]
    line = index // len(AREA_CODES)
    exchange = 555 + line // 10000
    return "+1%s%03d%04d" % (area, exchange, line % 10000)


def device_mac(index):
    return "0004f2%06x" % (index + 1)


def _user(index, extension, domain_mail):
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    last = "%s%d" % (LAST_NAMES[index % len(LAST_NAMES)], index // len(LAST_NAMES) + 1) if index >= len(LAST_NAMES) else LAST_NAMES[index]
    return {
        "source_id": "u-%s" % extension, "extension": extension, "first_name": first, "last_name": last,
        "display_name": "%s %s" % (first, last), "email": "%s.%s@%s" % (_slug(first), _slug(last), domain_mail),
        "department": DEPARTMENTS[index % len(DEPARTMENTS)], "site_id": "site-hq", "enabled": True,
        "directory": {"listed": True, "dial_by_name": True},
    }


def company_inventory(users, customer=None, email_domain=None):
    """The canonical inventory of a synthetic company of ``users`` users (see the module docstring)."""
    if users < 1:
        raise ValueError("users must be at least 1, not %r" % users)
    customer = customer or "Synthetic %d" % users
    mail = email_domain or "%s.example" % _slug(customer)
    user_base, queue_base, attendant_ext = extension_plan(users)
    inventory = {
        "schema_version": "inventory/v1",
        "source": {"platform": "netsapiens", "customer": customer, "collected_at": COLLECTED_AT,
                   "collector": "benchmarks/synthetic_company.py", "default_region": "US", "time_zone": TIME_ZONE},
        "sites": [{"source_id": "site-hq", "name": "HQ", "time_zone": TIME_ZONE}],
        "time_frames": [
            {"source_id": "tf-business-hours", "name": "Business Hours", "kind": "days_of_week", "time_zone": TIME_ZONE,
             "weekly": [{"day": day, "start": "08:00", "end": "17:00"} for day in WEEKDAYS]},
            {"source_id": "tf-holidays", "name": "Holidays", "kind": "specific_dates", "time_zone": TIME_ZONE,
             "dates": [{"name": "Christmas Day", "start_date": "2026-12-25"}, {"name": "New Year", "start_date": "2027-01-01"}]},
        ],
        "users": [], "voicemail_boxes": [], "devices": [], "dids": [], "queues": [], "auto_attendants": [],
    }
    for index in range(users):
        extension = str(user_base + index)
        user = _user(index, extension, mail)
        inventory["users"].append(user)
        inventory["voicemail_boxes"].append({
            "source_id": "vm-%s" % extension, "user_id": user["source_id"], "mailbox": extension, "enabled": True,
            "notification": {"emails": [user["email"]], "attach_audio": True, "delete_after_email": False}})
        inventory["devices"].append({
            "source_id": "dev-%s" % extension, "type": "desk_phone", "mac": device_mac(index), "brand": "Polycom",
            "model": "VVX 450", "name": "Phone %s" % extension, "site_id": "site-hq",
            "lines": [{"line": 1, "user_id": user["source_id"]}]})
        inventory["dids"].append({
            "source_id": "did-%s" % extension, "number": did_number(index), "label": "Direct %s" % extension,
            "usage": "direct", "site_id": "site-hq", "destination": {"type": "user", "id": user["source_id"]}})
    for number in range(queue_count(users)):
        extension = str(queue_base + number)
        agents = [{"user_id": "u-%d" % (user_base + (number * 5 + offset) % users), "tier": 0}
                  for offset in range(min(5, users))]
        inventory["queues"].append({
            "source_id": "q-%s" % extension, "extension": extension, "name": "Queue %d" % (number + 1),
            "strategy": "round_robin", "agents": agents, "agent_ring_seconds": 20, "max_wait_seconds": 300,
            "wrap_up_seconds": 10, "max_callers": 10, "join_when_no_agents": False, "site_id": "site-hq"})
    first_queue = inventory["queues"][0]["source_id"]
    operator = inventory["users"][0]["source_id"]
    inventory["auto_attendants"].append({
        "source_id": "aa-%d" % attendant_ext, "extension": str(attendant_ext), "name": "Main Menu", "site_id": "site-hq",
        "menus": [{"id": "main", "name": "Main menu",
                   "prompt_text": "Thank you for calling %s. For the team press 1. For the operator press 0." % customer,
                   "options": [{"key": "1", "destination": {"type": "queue", "id": first_queue}, "description": "Team"},
                               {"key": "0", "destination": {"type": "user", "id": operator}, "description": "Operator"}],
                   "dial_by_extension": True, "timeout_seconds": 10,
                   "timeout_destination": {"type": "user", "id": operator}}],
        "variants": [{"menu": "main"}]})
    main_number = did_number(users)
    inventory["dids"].append({
        "source_id": "did-main", "number": main_number, "label": "Main number", "usage": "main", "site_id": "site-hq",
        "destination": {"type": "auto_attendant", "id": "aa-%d" % attendant_ext}})
    return inventory


def company_scope(inventory):
    """The content of scope.json for an inventory (what ``migration_scope`` writes)."""
    scope = scope_rules.classify(inventory)
    inputs = sow.sow_inputs(inventory, scope, source_platform=inventory["source"]["platform"])
    return dict(schema="scope/v1", customer=inputs["customer"], counts=inputs["counts"], **scope)


class CompanyError(ValueError):
    """The generated inventory does not validate (a bug of the generator)."""


def _write(path, data):
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def write_company(state_dir, host, users, customer=None):
    """Write ``<state_dir>/<host>/inventory.json`` and ``scope.json``; return the host directory."""
    result = validate_inventory(company_inventory(users, customer=customer))
    if not result.ok:
        raise CompanyError("synthetic inventory of %d users does not validate:\n%s" % (users, "\n".join(result.lines)))
    inventory = result.inventory
    host_dir = Path(state_dir) / host
    host_dir.mkdir(parents=True, exist_ok=True)
    _write(host_dir / "inventory.json", json_bytes(inventory))
    _write(host_dir / "scope.json", json_bytes(company_scope(inventory)))
    return host_dir


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("state_dir")
    parser.add_argument("host")
    parser.add_argument("users", type=int)
    parser.add_argument("--customer")
    args = parser.parse_args(argv)
    print(write_company(args.state_dir, args.host, args.users, customer=args.customer))
    return 0


if __name__ == "__main__":
    sys.exit(main())
