# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Seeds: JSON descriptions of resellers and domains, using the API's own field names.

Shape (every list optional)::

    {"resellers": [{"reseller": "lab-reseller", "description": "Lab reseller"}],
     "domains": [{"domain": "acme.lab", "reseller": "lab-reseller", "description": "Acme",
                  "sites": [...], "timeframes": [...],
                  "users": [{"user": "1000", "name-first-name": "Ada", "name-last-name": "Byron", ...,
                             "devices": [...], "timeframes": [...], "greetings": [...], "answerrules": [...]}],
                  "callqueues": [{"callqueue": "6000", ..., "agents": [...]}],
                  "autoattendants": [...], "phonenumbers": [...], "smsnumbers": [...], "phones": [...]}]}

Each object is checked against the create operation's contract and created by
the same handler as ``POST`` (so user create adds its default answer rule and
queues/auto attendants make their system users). Errors name the seed path.
"""
from __future__ import annotations

import json
import os

from . import media, resources_callflow as flow, resources_core as core
from .routing import ApiError, Call

_D = "/domains/{domain}"
_U = _D + "/users/{user}"
# (seed key, create template, handler, child keys run per created object)
_USER_CHILDREN = [
    ("timeframes", _U + "/timeframes", flow.create_timeframe),
    ("devices", _U + "/devices", core.create_device),
    ("greetings", _U + "/greetings", media.create_greeting),
    ("answerrules", _U + "/answerrules", flow.create_rule),
]
_DOMAIN_CHILDREN = [
    ("sites", _D + "/sites", core.create_site),
    ("timeframes", _D + "/timeframes", flow.create_timeframe),
    ("users", _D + "/users", core.create_user),
    ("callqueues", _D + "/callqueues", flow.create_queue),
    ("autoattendants", _D + "/autoattendants", flow.create_attendant),
    ("phonenumbers", _D + "/phonenumbers", core.create_phonenumber),
    ("smsnumbers", _D + "/smsnumbers", core.create_smsnumber),
    ("phones", _D + "/phones", core.create_phone),
]
_NESTED = {"users": ("devices", "timeframes", "greetings", "answerrules"), "callqueues": ("agents",)}


def read_seed(seed):
    """A seed dict from a dict, a JSON text file path, or None."""
    if seed is None or isinstance(seed, dict):
        return seed
    with open(os.fspath(seed), encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict):
        raise ValueError("seed %s must hold a JSON object" % seed)
    return data


def seed_home(seed):
    """The first domain of a seed (what ``~`` resolves to for the lab's keys)."""
    domains = (seed or {}).get("domains") or []
    return domains[0].get("domain") if domains and isinstance(domains[0], dict) else None


def _create(lab, where, template, handler, params, item, children=()):
    if not isinstance(item, dict):
        raise ValueError("%s: expected an object" % where)
    body = {k: v for k, v in item.items() if k not in children}
    problems = lab.contract.check("POST", template, "application/json", body)
    if problems:
        raise ValueError("%s: %s" % (where, "; ".join("%s: %s" % p for p in problems)))
    call = Call(lab, "POST", template, dict(params), {}, body, identity=dict(lab.auth.home))
    try:
        handler(call)
    except ApiError as error:
        raise ValueError("%s: %s" % (where, error.message)) from None


def apply_seed(lab, seed):
    """Create everything a seed describes, in dependency order, in one transaction."""
    if not seed:
        return
    unknown = sorted(set(seed) - {"resellers", "domains"})
    if unknown:
        raise ValueError("seed: unknown top-level key(s) %s" % ", ".join(unknown))
    with lab.store.transaction():
        for index, reseller in enumerate(seed.get("resellers") or []):
            _create(lab, "resellers[%d]" % index, "/resellers", core.create_reseller, {}, reseller)
        for d_index, domain in enumerate(seed.get("domains") or []):
            where = "domains[%d]" % d_index
            children = [key for key, dummy, dummy in _DOMAIN_CHILDREN]
            _create(lab, where, "/domains", core.create_domain, {}, domain, children)
            params = {"domain": domain["domain"]}
            for key, template, handler in _DOMAIN_CHILDREN:
                for index, item in enumerate(domain.get(key) or []):
                    item_where = "%s.%s[%d]" % (where, key, index)
                    _create(lab, item_where, template, handler, params, item, _NESTED.get(key, ()))
                    if key == "users":
                        user_params = dict(params, user=str(item["user"]))
                        for child, child_template, child_handler in _USER_CHILDREN:
                            for c_index, child_item in enumerate(item.get(child) or []):
                                _create(lab, "%s.%s[%d]" % (item_where, child, c_index), child_template, child_handler, user_params, child_item)
                    if key == "callqueues":
                        queue_params = dict(params, callqueue=str(item["callqueue"]))
                        for a_index, agent in enumerate(item.get("agents") or []):
                            _create(lab, "%s.agents[%d]" % (item_where, a_index), _D + "/callqueues/{callqueue}/agents",
                                    flow.create_agent, queue_params, agent)


def synthetic_domain(domain="synthetic.lab", users=1000, reseller="lab-reseller", first_extension=1000,
                     queues=5, agents_per_queue=5, attendants=2, dids=None, devices_per_user=1, with_reseller=True):
    """A seed dict for scale tests: ``users`` users plus queues, auto attendants, DIDs, devices, time frames."""
    dids = users // 2 if dids is None else dids
    queue_base = ((first_extension + users) // 1000 + 1) * 1000
    attendant_base = queue_base + max(1000, ((queues // 1000) + 1) * 1000)
    weekday = {}
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday"):
        weekday["timeframe-weekly-%s-begin-time-1" % day] = "0900"
        weekday["timeframe-weekly-%s-end-time-1" % day] = "1700"
    user_rows = []
    for number in range(users):
        ext = str(first_extension + number)
        user_rows.append({
            "user": ext, "name-first-name": "User", "name-last-name": ext, "email": "user%s@%s" % (ext, domain),
            "user-scope": "Basic User", "site": "HQ", "department": "Dept %d" % (number % 10),
            "devices": [{"device": ext + "abcdefgh"[d]} for d in range(devices_per_user)],
        })
    queue_rows = [{"callqueue": str(queue_base + q), "description": "Queue %d" % q, "callqueue-dispatch-type": "Round-robin",
                   "agents": [{"callqueue-agent-id": "%d@%s" % (first_extension + (q * agents_per_queue + a) % max(users, 1), domain)}
                              for a in range(min(agents_per_queue, users))]}
                  for q in range(queues)]
    attendant_rows = [{"attendant-name": "Main Menu %d" % a, "user": str(attendant_base + a), "time-frame": "*",
                       "auto-attendant": {"option-0": {"destination-application": "to-user", "destination-user": str(first_extension)}}}
                      for a in range(attendants)]
    did_rows = [{"phonenumber": "1555%07d" % n, "dial-rule-application": "to-user",
                 "dial-rule-translation-destination-user": str(first_extension + n % max(users, 1)),
                 "dial-rule-translation-destination-host": domain, "dial-rule-description": "DID %d" % n} for n in range(dids)]
    seed = {"domains": [{
        "domain": domain, "reseller": reseller, "description": "Synthetic domain (%d users)" % users, "time-zone": "America/New_York",
        "sites": [{"site": "HQ"}],
        "timeframes": [
            {"timeframe-name": "Business Hours", "timeframe-type": "days-of-week", "timeframe-days-of-week-array": [weekday]},
            {"timeframe-name": "Holidays", "timeframe-type": "specific-dates", "timeframe-specific-dates-array": [{
                "timeframe-specific-dates-begin-date": "20291225", "timeframe-specific-dates-begin-time": "0000",
                "timeframe-specific-dates-end-date": "20291225", "timeframe-specific-dates-end-time": "2359",
                "timeframe-recurrence-type": "doesNotRecur"}]},
        ],
        "users": user_rows, "callqueues": queue_rows, "autoattendants": attendant_rows, "phonenumbers": did_rows,
    }]}
    if with_reseller:
        seed["resellers"] = [{"reseller": reseller, "description": "Lab reseller"}]
    return seed
