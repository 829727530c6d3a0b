# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Port status per number: the provider interface and the port-orders file of the inventory.

finalize_port asks a :class:`PortStatusProvider` which numbers the losing carrier has
released.  The one built in, :class:`InventoryPortOrders`, reads the port orders the
engineer keeps in the inventory (``host_vars/<host>/port_orders.yml`` defining
``ucaas_port_orders``).  A carrier API plugs in later as another subclass registered in
:data:`PROVIDERS`: it answers :meth:`PortStatusProvider.statuses` with the same
:class:`NumberPort` records, and nothing else changes.

An order::

    {id, carrier, account, status, foc_date, completed_at, note,
     numbers: ["+12155550100", {number, status, foc_date, completed_at}, ...]}

A number entry's own status wins over its order's (a partial port: the order is at ``foc``
and two of its numbers are ``completed``).  Only ``completed`` counts as ported.
"""

from __future__ import annotations

import datetime
import re

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import NormalizationError, normalize_e164

# In the order a port goes through them; rejected and cancelled orders end without a port.
PORT_STATUSES = ("draft", "submitted", "foc", "completed", "rejected", "cancelled")
PORTED = "completed"
INACTIVE = ("rejected", "cancelled")
ORDER_KEYS = ("id", "carrier", "account", "status", "foc_date", "completed_at", "note", "numbers")
NUMBER_KEYS = ("number", "status", "foc_date", "completed_at", "note")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?)?$")


class PortOrderError(Exception):
    """The port orders are not usable; the message has one line per problem, naming the order and field."""


class NumberPort:
    """What the carrier says about one number."""

    __slots__ = ("number", "order_id", "carrier", "account", "status", "foc_date", "completed_at")

    def __init__(self, number, order_id, carrier=None, account=None, status="submitted", foc_date=None, completed_at=None):
        self.number = number
        self.order_id = order_id
        self.carrier = carrier
        self.account = account
        self.status = status
        self.foc_date = foc_date
        self.completed_at = completed_at

    @property
    def ported(self):
        return self.status == PORTED

    def describe(self):
        """``order PO-1 at foc, FOC 2026-12-10``: for messages about a number that has not ported."""
        text = "order %s at %s" % (self.order_id, self.status)
        if self.foc_date:
            text += ", FOC %s" % self.foc_date
        return text

    def as_dict(self):
        return dict((name, getattr(self, name)) for name in self.__slots__)


class PortStatusProvider:
    """Where finalize_port learns which numbers have ported.

    Subclasses set :attr:`name`, take their settings as keyword arguments and implement
    :meth:`statuses`.  They must not guess: a number the carrier has not confirmed is
    simply not ``completed``.
    """

    name = None

    def statuses(self):
        """``{E.164 number: NumberPort}`` for every number the provider knows of."""
        raise NotImplementedError


def _text(value):
    if value is None:
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value).strip() or None


def _date(value, where, problems, pattern=_DATE, what="a date YYYY-MM-DD"):
    text = _text(value)
    if text is not None and not pattern.match(text):
        problems.append("%s: expected %s, got %r" % (where, what, value))
        return None
    return text


class InventoryPortOrders(PortStatusProvider):
    """Port orders kept in the inventory (``ucaas_port_orders``), checked as a whole before use."""

    name = "inventory"

    def __init__(self, orders=None, default_region="US"):
        self.default_region = default_region or "US"
        self._statuses = self._parse(orders or [])

    def statuses(self):
        return dict(self._statuses)

    def _number(self, value, where, problems):
        try:
            return normalize_e164(_text(value) or "", self.default_region)
        except (NormalizationError, ValueError) as exc:
            problems.append("%s: %s" % (where, exc))
            return None

    def _status(self, value, where, problems, default=None):
        if value is None:
            return default
        if value not in PORT_STATUSES:
            problems.append("%s: %r is not one of: %s" % (where, value, ", ".join(PORT_STATUSES)))
            return None
        return value

    def _parse(self, orders):
        problems = []
        if not isinstance(orders, list):
            raise PortOrderError("ucaas_port_orders: expected a list of port orders, got %s" % type(orders).__name__)
        seen_ids = set()
        active = {}
        inactive = {}
        for index, order in enumerate(orders):
            where = "ucaas_port_orders[%d]" % index
            if not isinstance(order, dict):
                problems.append("%s: expected a mapping {id, carrier, account, status, foc_date, completed_at, numbers}" % where)
                continue
            order_id = _text(order.get("id"))
            if order_id:
                where = "port order %s" % order_id
            for key in sorted(set(order) - set(ORDER_KEYS)):
                problems.append("%s: unknown field %r (fields: %s)" % (where, key, ", ".join(ORDER_KEYS)))
            if not order_id:
                problems.append("%s.id: required (the carrier's order or PON number)" % where)
            elif order_id in seen_ids:
                problems.append("%s: the id is used by another order" % where)
            seen_ids.add(order_id)
            status = self._status(order.get("status"), where + ".status", problems)
            if order.get("status") is None:
                problems.append("%s.status: required (%s)" % (where, ", ".join(PORT_STATUSES)))
            foc_date = _date(order.get("foc_date"), where + ".foc_date", problems)
            completed_at = _date(order.get("completed_at"), where + ".completed_at", problems, _STAMP, "a date or an ISO-8601 time")
            if status == "foc" and not foc_date:
                problems.append("%s.foc_date: required when the status is foc (the date the carrier committed to)" % where)
            numbers = order.get("numbers")
            if not isinstance(numbers, list) or not numbers:
                problems.append("%s.numbers: expected a non-empty list of phone numbers" % where)
                continue
            for position, entry in enumerate(numbers):
                entry_where = "%s.numbers[%d]" % (where, position)
                if isinstance(entry, dict):
                    for key in sorted(set(entry) - set(NUMBER_KEYS)):
                        problems.append("%s: unknown field %r (fields: %s)" % (entry_where, key, ", ".join(NUMBER_KEYS)))
                    number = self._number(entry.get("number"), entry_where + ".number", problems)
                    number_status = self._status(entry.get("status"), entry_where + ".status", problems, status)
                    number_foc = _date(entry.get("foc_date"), entry_where + ".foc_date", problems) or foc_date
                    number_done = _date(entry.get("completed_at"), entry_where + ".completed_at", problems, _STAMP,
                                        "a date or an ISO-8601 time") or completed_at
                else:
                    number = self._number(entry, entry_where, problems)
                    number_status, number_foc, number_done = status, foc_date, completed_at
                if number is None or number_status is None or not order_id:
                    continue
                record = NumberPort(number, order_id, carrier=_text(order.get("carrier")), account=_text(order.get("account")),
                                    status=number_status, foc_date=number_foc, completed_at=number_done if number_status == PORTED else None)
                if number_status in INACTIVE:
                    inactive.setdefault(number, record)
                elif number in active:
                    problems.append("%s: %s is also in port order %s; a number is in one active order (reject or cancel the other)" % (
                        entry_where, number, active[number].order_id))
                else:
                    active[number] = record
        if problems:
            raise PortOrderError("\n".join(problems))
        statuses = dict(inactive)
        statuses.update(active)
        return statuses


PROVIDERS = {InventoryPortOrders.name: InventoryPortOrders}


def port_status_provider(name, **settings):
    """The provider registered as ``name``, built with its settings."""
    if name not in PROVIDERS:
        raise PortOrderError("provider: %r is not a port status provider (known: %s)" % (name, ", ".join(sorted(PROVIDERS))))
    return PROVIDERS[name](**settings)
