# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""finalize_port, decided from what the target holds: the next writes per ported number.

For each number the carrier has ported (status ``completed``), in this order, each step only
once the one before it shows on the target:

1. ``originals``: the original DID, routed like its temporary DID (the temporary DID's live
   routing while it routes calls, else the plan's routing of the temporary DID);
2. ``emergency``: every domain, site, user and device whose emergency caller ID is the
   temporary DID gets the original;
3. ``temporaries``: the temporary DID is deleted, or returned to the domain's pool as
   ``available-number`` (``after_port``), once its original routes and nothing still uses it
   as emergency caller ID;
4. ``smsnumbers``: SMS numbers of ported numbers marked for SMS with a 10DLC campaign.

:func:`plan_finalize` returns all four steps at once by applying each to a copy of the target
state (a check-mode preview shows everything a run would do).  The role writes one step, reads
the target again and plans again, so a later step is only written once the earlier one is
confirmed by a read: a failure in between leaves the original and the temporary DID routed.
"""

from __future__ import annotations

import copy

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import NormalizationError, e164_digits, normalize_e164
from ansible_collections.ucaas.migration.plugins.module_utils.porting.orders import INACTIVE, PORTED
from ansible_collections.ucaas.migration.plugins.module_utils.translate.findings import TranslationError
from ansible_collections.ucaas.migration.plugins.module_utils.translate.numbers import PORTED as PLANNED_PORTED, check_port, port_status

ROUTE_FIELDS = ("enabled", "application", "destination_user", "destination_host", "parameter", "caller_name_prefix")
AVAILABLE = "available-number"
AFTER_PORT = ("delete", "available")
# Kinds whose objects carry an emergency caller ID, and the options that identify an object of the kind.
EMERGENCY_KINDS = (("domains", ("domain",)), ("sites", ("site",)), ("users", ("user",)), ("devices", ("user", "device")))
EMERGENCY = "caller_id_number_emergency"
TARGET_KINDS = ("phonenumbers", "smsnumbers") + tuple(kind for kind, dummy in EMERGENCY_KINDS)
STAGES = ("finalized", "in_progress", "waiting", "not_ported", "not_ordered")


class FinalizeError(Exception):
    """finalize_port cannot decide safely; one line per problem, naming the number and what to fix."""


def digits(value):
    """A number as ns-api stores it (E.164 digits without ``+``); text that is no phone number stays as it is."""
    text = str(value or "").strip()
    try:
        return e164_digits(text)
    except (NormalizationError, ValueError):
        return text.lstrip("+")


def _norm(field, value):
    if field == "enabled":
        return value not in (False, "no", "false", "False")
    return "" if value is None else str(value).strip()


def same_route(one, other):
    return all(_norm(field, one.get(field)) == _norm(field, other.get(field)) for field in ROUTE_FIELDS)


def route_of(item):
    return dict((field, item[field]) for field in ROUTE_FIELDS if item.get(field) not in (None, ""))


class TargetState:
    """What the target holds, indexed: phone numbers and SMS numbers by digits, emergency holders per kind."""

    def __init__(self, target):
        target = target or {}
        for kind in sorted(set(target) - set(TARGET_KINDS)):
            raise FinalizeError("target: unknown kind %r (kinds: %s)" % (kind, ", ".join(TARGET_KINDS)))
        self.phonenumbers = dict((digits(item.get("number")), dict(item)) for item in target.get("phonenumbers") or [])
        self.smsnumbers = dict((digits(item.get("number")), dict(item)) for item in target.get("smsnumbers") or [])
        self.holders = dict((kind, [dict(item) for item in target.get(kind) or []]) for kind, dummy in EMERGENCY_KINDS)

    def live(self, number):
        item = self.phonenumbers.get(number)
        return item is not None and item.get("application") != AVAILABLE

    def referring(self, number):
        """``[(kind, identity options, item)]`` whose emergency caller ID is ``number`` (digits)."""
        found = []
        for kind, keys in EMERGENCY_KINDS:
            for item in self.holders[kind]:
                if item.get(EMERGENCY) and digits(item[EMERGENCY]) == number:
                    found.append((kind, keys, item))
        return found


class PortedNumber:
    """A DID the port brings, its temporary DID and what the carrier says about it."""

    def __init__(self, original, temporary, label, status):
        self.original = original            # E.164
        self.temporary = temporary          # E.164 or None
        self.label = label
        self.status = status                # NumberPort or None
        self.original_digits = digits(original)
        self.temporary_digits = digits(temporary) if temporary else None

    @property
    def ported(self):
        return self.status is not None and self.status.status == PORTED


def ported_numbers(inventory, port, statuses, region="US"):
    """``[PortedNumber]`` of the inventory's ported DIDs (sorted), after checking the port orders against them."""
    try:
        port = check_port(port, region)
    except TranslationError as exc:
        raise FinalizeError(str(exc))
    temporary_for = dict((entry["original"], entry["number"]) for entry in port["temporary"])
    numbers = []
    for did in (inventory or {}).get("dids") or []:
        try:
            number = normalize_e164(str(did.get("number")), region)
        except (NormalizationError, ValueError):
            continue  # the inventory was validated; an unusable number is reported there
        if port_status(dict(did, number=number), port) != PLANNED_PORTED:
            continue
        numbers.append(PortedNumber(number, temporary_for.get(number), did.get("label"), statuses.get(number)))
    numbers.sort(key=lambda entry: entry.original)
    problems = []
    known = set(entry.original for entry in numbers)
    for number in sorted(set(statuses) - known):
        problems.append("port order %s lists %s, which is not a ported DID of the inventory (ucaas_schedule.port.numbers)" % (
            statuses[number].order_id, number))
    for entry in numbers:
        if entry.ported and not entry.temporary:
            problems.append("%s has ported (order %s) but no temporary DID stands in for it (ucaas_schedule.port.temporary): "
                            "finalize_port routes an original like its temporary DID" % (entry.original, entry.status.order_id))
    if problems:
        raise FinalizeError("\n".join(problems))
    return numbers


class Finalize:
    """The steps for ``numbers`` on a target state; see the module docstring."""

    def __init__(self, numbers, plan, after_port="delete", sms=None):
        if after_port not in AFTER_PORT:
            raise FinalizeError("after_port: %r is not one of: %s" % (after_port, ", ".join(AFTER_PORT)))
        self.numbers = numbers
        self.after_port = after_port
        self.sms = sms or []
        self.domain = (plan or {}).get("domain")
        self.planned = dict((digits(item.get("number")), item) for item in ((plan or {}).get("resources") or {}).get("phonenumbers") or [])

    # -- per-number facts on a state ------------------------------------------------------------

    def _wanted_route(self, state, entry):
        if state.live(entry.temporary_digits):
            return route_of(state.phonenumbers[entry.temporary_digits])
        planned = self.planned.get(entry.temporary_digits)
        return route_of(planned) if planned else None

    def confirmed(self, state, entry):
        """The original routes calls on the target, like the temporary DID while that one still does."""
        original = state.phonenumbers.get(entry.original_digits)
        if original is None:
            return False
        if original.get("application") == AVAILABLE:
            # a spare number (unrouted at the source, its temporary DID planned unrouted) is done once it is on the target
            return self.spare(entry)
        if state.live(entry.temporary_digits):
            return same_route(original, state.phonenumbers[entry.temporary_digits])
        return True

    def spare(self, entry):
        planned = self.planned.get(entry.temporary_digits)
        return planned is not None and (planned.get("application") or AVAILABLE) == AVAILABLE

    def _temporary_done(self, state, entry):
        if self.after_port == "delete":
            return entry.temporary_digits not in state.phonenumbers
        return not state.live(entry.temporary_digits)

    def stage(self, state, entry):
        if entry.status is None:
            return "not_ordered"
        if entry.status.status in INACTIVE:
            return "not_ported"
        if not entry.ported:
            return "waiting"
        if self.confirmed(state, entry) and not state.referring(entry.temporary_digits) and self._temporary_done(state, entry):
            return "finalized"
        return "in_progress"

    # -- the steps, each applied to the state it hands on -----------------------------------------

    def _originals(self, state, problems):
        items = []
        for entry in self.numbers:
            if not entry.ported or self.confirmed(state, entry):
                continue
            route = self._wanted_route(state, entry)
            if route is None:
                problems.append("%s: its temporary DID %s neither routes calls on the target nor is in plan.json; re-run recreate" % (
                    entry.original, entry.temporary))
                continue
            item = dict(route, number=entry.original_digits, description=entry.label or "Ported number")
            items.append(item)
            state.phonenumbers[entry.original_digits] = dict(item)
        return items

    def _emergency(self, state):
        steps = dict((kind, []) for kind, dummy in EMERGENCY_KINDS)
        for entry in self.numbers:
            if not entry.ported or not self.confirmed(state, entry):
                continue
            for kind, keys, holder in state.referring(entry.temporary_digits):
                steps[kind].append(dict([(key, holder.get(key)) for key in keys] + [(EMERGENCY, entry.original_digits)]))
                holder[EMERGENCY] = entry.original_digits
        for kind in steps:
            steps[kind].sort(key=lambda item: [str(item.get(key)) for key in sorted(item)])
        return steps

    def _temporaries(self, state):
        deleted, returned = [], []
        for entry in self.numbers:
            if not entry.ported or not self.confirmed(state, entry) or state.referring(entry.temporary_digits):
                continue
            if self._temporary_done(state, entry):
                continue
            if self.after_port == "delete":
                deleted.append(dict(number=entry.temporary_digits))
                del state.phonenumbers[entry.temporary_digits]
            else:
                item = dict(number=entry.temporary_digits, application=AVAILABLE, destination_user="[*]",
                            description="Available (temporary number of %s until its port)" % entry.original)
                returned.append(item)
                state.phonenumbers[entry.temporary_digits].update(item)
        return dict(delete=deleted, available=returned)

    def _sms(self, state):
        by_number = dict((entry.original, entry) for entry in self.numbers)
        items, report = [], []
        for sms in self.sms:
            entry = by_number.get(sms["number"])
            record = dict(number=sms["number"], application=sms.get("application"), destination=sms.get("destination"),
                          carrier=sms.get("carrier"), campaign=sms.get("campaign"))
            reason = None
            if entry is None:
                reason = "%s is not a ported number; recreate plans the SMS numbers of numbers that are not ported" % sms["number"]
            elif not entry.ported:
                reason = "%s has not ported yet (%s); its SMS number is created after the port" % (
                    sms["number"], entry.status.describe() if entry.status else "no port order lists it")
            elif not sms.get("campaign"):
                reason = "%s has no 10DLC campaign reference (ucaas_sms.numbers[].campaign or the inventory's campaign_id)" % sms["number"]
            elif not sms.get("application") or not sms.get("destination"):
                reason = "%s has no user or queue to receive its messages (ucaas_sms.numbers[].user or .queue)" % sms["number"]
            elif not self.confirmed(state, entry):
                reason = "%s is not routed on the target yet; its SMS number follows its phone number" % sms["number"]
            if reason:
                record.update(state="refused", reason=reason)
                report.append(record)
                continue
            item = dict(number=digits(sms["number"]), application=sms["application"], destination=sms["destination"])
            if sms.get("carrier"):
                item["carrier"] = sms["carrier"]
            current = state.smsnumbers.get(item["number"])
            if current is None or any(_norm(key, current.get(key)) != _norm(key, value) for key, value in item.items()):
                items.append(item)
                state.smsnumbers[item["number"]] = dict(item)
                record["state"] = "to_create" if current is None else "to_update"
            else:
                record["state"] = "active"
            report.append(record)
        return items, report

    def run(self, target):
        """``{numbers, steps, sms, summary}``: the numbers as the target holds them now, and every step still to write."""
        now = TargetState(target)
        state = copy.deepcopy(now)
        problems = []
        steps = {"originals": self._originals(state, problems)}
        if problems:
            raise FinalizeError("\n".join(problems))
        steps["emergency"] = self._emergency(state)
        steps["temporaries"] = self._temporaries(state)
        steps["smsnumbers"], sms_report = self._sms(state)
        numbers = []
        for entry in self.numbers:
            status = entry.status.as_dict() if entry.status else {}
            numbers.append(dict(
                number=entry.original, temporary=entry.temporary, label=entry.label, order=status.get("order_id"),
                carrier=status.get("carrier"), port_status=status.get("status"), foc_date=status.get("foc_date"),
                completed_at=status.get("completed_at"), stage=self.stage(now, entry), stage_after=self.stage(state, entry),
                original_on_target=entry.original_digits in now.phonenumbers,
                temporary_on_target=("absent" if entry.temporary_digits not in now.phonenumbers
                                     else "routed" if now.live(entry.temporary_digits) else "available") if entry.temporary else None))
        return dict(domain=self.domain, numbers=numbers, steps=steps, sms=sms_report, summary=summarize(numbers, steps, sms_report))


def step_count(steps):
    return (len(steps["originals"]) + sum(len(items) for items in steps["emergency"].values())
            + len(steps["temporaries"]["delete"]) + len(steps["temporaries"]["available"]) + len(steps["smsnumbers"]))


def summarize(numbers, steps, sms_report):
    stages = dict((stage, 0) for stage in STAGES)
    for number in numbers:
        stages[number["stage"]] += 1
    sms = {}
    for record in sms_report:
        sms[record["state"]] = sms.get(record["state"], 0) + 1
    return dict(stages=stages, writes=step_count(steps), sms=dict(sorted(sms.items())))
