# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which ported numbers get an SMS number after the port, to whom, under which 10DLC campaign.

Two sources, merged per number (the partner's settings win field by field):

* the inventory's ``sms_numbers`` (what the source had: destination, carrier, ``campaign_id``),
  for numbers that are ported (recreate plans the others);
* the partner's settings ``ucaas_sms``::

      ucaas_sms:
        carrier: Keystone Messaging        # messaging carrier after the port (default of every number)
        numbers:
          - {number: "+12155550100", campaign: CXK2Q9A, user: "101"}
          - {number: "+12155550103", campaign: CXK2Q9A, queue: "600", carrier: Other Carrier}

10DLC brand and campaign registration happens with the messaging carrier (ns-api has no
resource for it); the campaign reference is required so that no number starts sending
before its campaign exists.
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import NormalizationError, normalize_e164

SETTINGS_KEYS = ("carrier", "numbers")
ENTRY_KEYS = ("number", "campaign", "user", "queue", "carrier")
# inventory destination type -> (SMS application, plan target kind)
DESTINATIONS = {"user": ("user", "users"), "queue": ("callqueue", "callqueues")}


class SmsSettingsError(Exception):
    """The SMS settings are not usable; one line per problem, naming the entry and field."""


def _text(value):
    if value is None:
        return None
    return str(value).strip() or None


def _targets(mapping):
    """``{(collection, source_id): [{kind, key}]}`` from the plan's mapping table."""
    found = {}
    for row in mapping or []:
        source = row.get("source") or {}
        found[(source.get("collection"), str(source.get("source_id")))] = row.get("targets") or []
    return found


def _inventory_destination(sms, targets):
    destination = sms.get("destination") or {}
    application, kind = DESTINATIONS.get(destination.get("type"), (None, None))
    if application is None:
        return None, None
    collection = "users" if destination["type"] == "user" else "queues"
    for target in targets.get((collection, str(destination.get("id"))), []):
        if target.get("kind") == kind:
            return application, str(target.get("key"))
    # a queue migrated as a hunt group or a user without a mapping row: not resolvable here
    for collection in ("hunt_groups", "queues", "users"):
        for target in targets.get((collection, str(destination.get("id"))), []):
            if target.get("kind") in ("users", "callqueues"):
                return ("user" if target["kind"] == "users" else "callqueue"), str(target.get("key"))
    return application, None


def sms_entries(inventory, mapping, settings, ported, region="US"):
    """The SMS numbers finalize_port considers: ``[{number, application, destination, carrier, campaign, listed}]``.

    ``ported`` is the set of ported numbers (E.164); inventory SMS numbers of other numbers are
    recreate's.  ``listed`` says the partner's settings name the number (then it is reported even
    when it is not part of the port).  Raises :class:`SmsSettingsError` on bad settings.
    """
    settings = settings or {}
    problems = []
    if not isinstance(settings, dict):
        raise SmsSettingsError("ucaas_sms: expected a mapping {carrier, numbers}, got %s" % type(settings).__name__)
    for key in sorted(set(settings) - set(SETTINGS_KEYS)):
        problems.append("ucaas_sms: unknown field %r (fields: %s)" % (key, ", ".join(SETTINGS_KEYS)))
    default_carrier = _text(settings.get("carrier"))
    targets = _targets(mapping)
    entries = {}
    for sms in (inventory or {}).get("sms_numbers") or []:
        try:
            number = normalize_e164(str(sms.get("number")), region)
        except (NormalizationError, ValueError):
            continue  # the inventory was validated; an unusable number is reported there
        if number not in ported:
            continue
        application, destination = _inventory_destination(sms, targets)
        entries[number] = dict(number=number, application=application, destination=destination,
                               carrier=default_carrier or _text(sms.get("carrier")), campaign=_text(sms.get("campaign_id")), listed=False)
    listed = settings.get("numbers") or []
    if not isinstance(listed, list):
        problems.append("ucaas_sms.numbers: expected a list of {number, campaign, user | queue, carrier}")
        listed = []
    for index, item in enumerate(listed):
        where = "ucaas_sms.numbers[%d]" % index
        if not isinstance(item, dict):
            problems.append("%s: expected a mapping {number, campaign, user | queue, carrier}" % where)
            continue
        for key in sorted(set(item) - set(ENTRY_KEYS)):
            problems.append("%s: unknown field %r (fields: %s)" % (where, key, ", ".join(ENTRY_KEYS)))
        try:
            number = normalize_e164(_text(item.get("number")) or "", region)
        except (NormalizationError, ValueError) as exc:
            problems.append("%s.number: %s" % (where, exc))
            continue
        if item.get("user") is not None and item.get("queue") is not None:
            problems.append("%s: give user or queue, not both" % where)
            continue
        entry = entries.get(number) or dict(number=number, application=None, destination=None, carrier=default_carrier, campaign=None)
        if entry.get("listed"):
            problems.append("%s.number: %s is listed twice" % (where, number))
            continue
        entry["listed"] = True
        if item.get("user") is not None:
            entry["application"], entry["destination"] = "user", _text(item["user"])
        elif item.get("queue") is not None:
            entry["application"], entry["destination"] = "callqueue", _text(item["queue"])
        if item.get("carrier") is not None:
            entry["carrier"] = _text(item["carrier"])
        if item.get("campaign") is not None:
            entry["campaign"] = _text(item["campaign"])
        entries[number] = entry
    if problems:
        raise SmsSettingsError("\n".join(problems))
    return [entries[number] for number in sorted(entries)]
