# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""NetSapiens -> canonical inventory: value conversions, time frames, routing destinations, answer-rule features.

Everything here is a pure function of ns-api objects (field names as in the vendor spec), so
the mapping tables can be tested without a server. See docs/sources/netsapiens.md.
"""

from __future__ import annotations

import re

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import (
    NormalizationError, normalize_e164, normalize_extension,
)

# callqueue-dispatch-type -> canonical queue strategy; "Call Park" has no canonical equivalent.
QUEUE_STRATEGIES = {
    "Round-robin": "round_robin",
    "Tiered Round-robin": "tiered_round_robin",
    "Ring All": "ring_all",
    "Linear Cascade": "linear_cascade",
    "Linear Hunt": "linear",
}

# Answer-rule features with a canonical kind.
FEATURE_KINDS = (
    ("forward-always", "forward_always"),
    ("forward-on-busy", "forward_busy"),
    ("forward-no-answer", "forward_no_answer"),
    ("forward-when-unregistered", "forward_unavailable"),
    ("simultaneous-ring", "simultaneous_ring"),
    ("do-not-disturb", "do_not_disturb"),
    ("call-screening", "call_screening"),
)
# Features the canonical model has no place for: recorded as not_collected when enabled.
UNSUPPORTED_FEATURES = {
    "forward-on-active": "forward while the user is already on a call",
    "forward-on-dnd": "forward while do-not-disturb is on",
    "forward-on-spam-call": "forward calls flagged as spam",
    "phone-numbers-to-allow": "allow list of caller numbers",
    "phone-numbers-to-reject": "reject list of caller numbers (call blocking)",
}
# Service codes of the users behind queues, auto attendants and time-of-day routers.
SYSTEM_QUEUE, SYSTEM_AA, SYSTEM_TOD = "system-queue", "system-aa", "system-tod"

WEEKDAY_FIELDS = (("monday", "mon"), ("tuesday", "tue"), ("wednesday", "wed"), ("thursday", "thu"),
                  ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun"))
YEARLY_DATE_RECURRENCES = ("yearly-on-selected-dates", "annual-month-day")
OWN_DEVICES = "<OwnDevices>"
# Voicemail e-mail behaviours that attach the audio / delete the message after mailing it.
ATTACHING_BEHAVIOURS = ("attnew", "attsave", "atttrash", "briefattnew", "briefattsave", "briefatttrash")
DELETING_BEHAVIOURS = ("atttrash", "briefatttrash")

_SLUG = re.compile(r"[^a-z0-9]+")
_ALIAS = re.compile(r"^(vmail|user|queue|phone|aa)_(.+)$")
_DID_ALIAS = re.compile(r"^\d+_(callqueue|attendant|pstn)_(.+)$")
_DIGITS = re.compile(r"^\+?\d+$")


def yes(value):
    """``"yes"``/``"no"`` (or booleans) as a boolean; None when absent or unrecognised."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if value is not None else ""
    if text in ("yes", "true", "1", "on"):
        return True
    if text in ("no", "false", "0", "off"):
        return False
    return None


def slug(text):
    """Lower-case identifier part: ``Business Hours`` -> ``business-hours``."""
    return _SLUG.sub("-", str(text).lower()).strip("-") or "x"


def menu_slug(text):
    return slug(text).replace("-", "_")


def hhmm(value):
    """``0830`` / ``08:30`` -> ``08:30``; ``2359`` stays ``23:59``; None for anything else."""
    text = str(value or "").replace(":", "").strip()
    if not re.match(r"^\d{3,4}$", text):
        return None
    text = text.zfill(4)
    hours, minutes = int(text[:2]), int(text[2:])
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        return None
    return "%02d:%02d" % (hours, minutes)


def iso_date(value):
    """``20261225`` / ``2026-12-25`` -> ``2026-12-25``; None otherwise."""
    text = str(value or "").replace("-", "").strip()
    if not re.match(r"^\d{8}$", text):
        return None
    return "%s-%s-%s" % (text[:4], text[4:6], text[6:])


def positive_int(value):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def e164(number, default_region):
    """An ns-api number (E.164 digits without ``+``) as E.164; None when it is not a valid number."""
    text = str(number or "").strip()
    if not _DIGITS.match(text):
        return None
    candidates = [text] if text.startswith("+") else ["+" + text, text]
    for candidate in candidates:
        try:
            return normalize_e164(candidate, default_region)
        except NormalizationError:
            continue
    return None


def extension_or_none(value):
    try:
        return normalize_extension(str(value))
    except NormalizationError:
        return None


def emails(value):
    """The ``email`` field is a semicolon (or comma) separated list."""
    return [part.strip() for part in re.split(r"[;,]", str(value or "")) if part.strip()]


def split_brand_model(text):
    """``Yealink T54W`` -> (``Yealink``, ``T54W``); a single word is the model."""
    parts = str(text or "").strip().split(None, 1)
    if len(parts) == 2:
        return parts[0], parts[1]
    return None, (parts[0] if parts else None)


def name_prefix(source_name):
    """``dial-rule-translation-source-name`` ``Sales_[*]`` -> ``Sales_`` (the caller-name prefix)."""
    text = str(source_name or "")
    if text.endswith("[*]") and len(text) > 3:
        return text[:-3]
    return None


def voicemail_notification(user):
    """Canonical voicemail notification of a user, or None when e-mail alerts are off."""
    if not yes(user.get("email-send-alert-new-voicemail-enabled")):
        return None
    behaviour = str(user.get("email-send-alert-new-voicemail-behavior") or "yes")
    if behaviour == "no":
        return None
    notification = {"emails": emails(user.get("email")), "attach_audio": behaviour in ATTACHING_BEHAVIOURS,
                    "delete_after_email": behaviour in DELETING_BEHAVIOURS}
    transcription = str(user.get("voicemail-transcription-enabled") or "")
    if transcription:
        notification["transcription"] = transcription.lower() != "no"
    if not notification["emails"]:
        del notification["emails"]
    return notification


# -- time frames -------------------------------------------------------------------------------------

def weekly_ranges(entry):
    """Weekly ranges of one ``timeframe-days-of-week-array`` entry (up to two ranges per day)."""
    ranges = []
    for field_day, day in WEEKDAY_FIELDS:
        for part in (1, 2):
            start = hhmm(entry.get("timeframe-weekly-%s-begin-time-%d" % (field_day, part)))
            end = hhmm(entry.get("timeframe-weekly-%s-end-time-%d" % (field_day, part)))
            if start and end and end > start:
                ranges.append({"day": day, "start": start, "end": end})
    return ranges


def date_range(entry):
    """A canonical date range from a ``timeframe-specific-dates-array`` entry; (range, unsupported recurrence)."""
    start_date = iso_date(entry.get("timeframe-specific-dates-begin-date"))
    if not start_date:
        return None, None
    result = {"start_date": start_date}
    end_date = iso_date(entry.get("timeframe-specific-dates-end-date"))
    if end_date and end_date != start_date:
        result["end_date"] = end_date
    start_time = hhmm(entry.get("timeframe-specific-dates-begin-time"))
    end_time = hhmm(entry.get("timeframe-specific-dates-end-time"))
    if start_time and end_time and not (start_time == "00:00" and end_time in ("23:59", "24:00")):
        result["start_time"], result["end_time"] = start_time, end_time
    recurrence = str(entry.get("timeframe-recurrence-type") or "doesNotRecur")
    unsupported = None
    if recurrence in YEARLY_DATE_RECURRENCES:
        result["recurrence"] = "yearly"
    else:
        result["recurrence"] = "none"
        if recurrence != "doesNotRecur":
            unsupported = recurrence
    return result, unsupported


def holiday(entry):
    """A canonical holiday from a ``timeframe-holiday-array`` entry (None without name or date)."""
    name = entry.get("timeframe-holiday-name")
    date = iso_date(entry.get("timeframe-holiday-begin-date"))
    if not name or not date:
        return None
    result = {"name": str(name), "date": date}
    country = str(entry.get("country-abbreviation") or "").upper()
    if re.match(r"^[A-Z]{2}$", country):
        result["country"] = country
    region = str(entry.get("state-province-abbreviation") or "")
    if region:
        result["region"] = region.split("-", 1)[1] if "-" in region else region
    result["recurring"] = str(entry.get("timeframe-recurrence-type") or "") == "yearlyOnHoliday"
    return result


def time_frame(frame, source_id, time_zone=None, owner_user_id=None):
    """Canonical time frame and a list of unsupported details (texts) for not_collected entries."""
    kind_map = {"always": "always", "days-of-week": "days_of_week", "specific-dates": "specific_dates",
                "holiday": "holidays", "custom": "custom"}
    unsupported = []
    weekly, dates, holidays = [], [], []
    for entry in frame.get("timeframe-days-of-week-array") or []:
        weekly.extend(weekly_ranges(entry))
        recurrence = str(entry.get("timeframe-recurrence-type") or "weekly")
        if recurrence != "weekly":
            unsupported.append("weekly recurrence %r (every %s %s)" % (
                recurrence, entry.get("timeframe-recurrence-custom-interval-count") or "?",
                entry.get("timeframe-recurrence-custom-interval") or "?"))
        if str(entry.get("timeframe-recurrence-end-option") or "never") != "never":
            unsupported.append("weekly hours end on %s" % (iso_date(entry.get("timeframe-recurrence-end-date")) or "a date"))
    for entry in frame.get("timeframe-specific-dates-array") or []:
        item, recurrence = date_range(entry)
        if item:
            dates.append(item)
        if recurrence:
            unsupported.append("date recurrence %r" % recurrence)
    for entry in frame.get("timeframe-holiday-array") or []:
        item = holiday(entry)
        if item:
            holidays.append(item)
    kind = kind_map.get(str(frame.get("timeframe-type") or ""))
    present = [name for name, items in (("days_of_week", weekly), ("specific_dates", dates), ("holidays", holidays)) if items]
    if kind is None or (kind not in ("always", "custom") and present and present != [kind]):
        kind = present[0] if len(present) == 1 else ("custom" if present else "always")
    result = {"source_id": source_id, "name": str(frame.get("timeframe-name") or source_id), "kind": kind,
              "time_zone": time_zone, "owner_user_id": owner_user_id,
              "source_attributes": {"timeframe-id": str(frame.get("timeframe-id") or ""),
                                    "timeframe-type": str(frame.get("timeframe-type") or "")}}
    if weekly:
        result["weekly"] = weekly
    if dates:
        result["dates"] = dates
    if holidays:
        result["holidays"] = holidays
    return result, unsupported


# -- routing -----------------------------------------------------------------------------------------

class Directory:
    """What each extension and SIP device of the domain is, for turning ns-api routing into destinations.

    ``unmapped(text)`` is called for a target that cannot be mapped; it must return the source id
    of a not_collected entry, so the destination becomes ``{"type": "not_collected", ...}``.
    """

    def __init__(self, default_region="US", unmapped=None):
        self.default_region = default_region
        self.extensions = {}      # extension -> destination
        self.voicemail = {}       # extension -> voicemail / virtual_mailbox destination
        self.device_owner = {}    # SIP device name -> extension
        self._unmapped = unmapped

    def add(self, extension, destination, voicemail=None):
        self.extensions[str(extension)] = destination
        if voicemail:
            self.voicemail[str(extension)] = voicemail

    def unmapped(self, text, reason):
        if self._unmapped is None:
            return None
        return {"type": "not_collected", "id": self._unmapped(text, reason)}

    def extension(self, value):
        """Destination of an extension, else an external number, else None."""
        text = str(value or "").strip()
        if text in self.extensions:
            return dict(self.extensions[text])
        if text in self.device_owner and self.device_owner[text] in self.extensions:
            return dict(self.extensions[self.device_owner[text]])
        if _DIGITS.match(text) and len(text.lstrip("+")) >= 7:
            number = e164(text, self.default_region)
            if number:
                return {"type": "external", "id": number}
        return None

    def mailbox(self, value):
        text = str(value or "").strip()
        if text in self.voicemail:
            return dict(self.voicemail[text])
        return None

    def route(self, application, target):
        """Destination of a dial-rule application + destination user (DIDs, auto attendant options).

        Returns None for ``available-number`` (routed nowhere).
        """
        application = str(application or "")
        text = "%s -> %s" % (application, target)
        if application == "available-number":
            return None
        if application == "hangup":
            return {"type": "hangup"}
        if application.startswith("to-voicemail"):
            return self.mailbox(target) or self.unmapped(text, "voicemail box %s is not in the domain" % target)
        if application.startswith(("to-user", "to-callqueue", "to-single-device")):
            return self.extension(target) or self.unmapped(text, "%s is not an extension, device or number of the domain" % target)
        return self.unmapped(text, "the dial-rule application %s has no equivalent in the canonical model" % application)

    def parameter(self, value):
        """Destination of one answer-rule parameter (alias grammar of NOTES.md 4.9); OWN_DEVICES passes through."""
        text = str(value or "").split(";", 1)[0].strip()
        if text == OWN_DEVICES:
            return OWN_DEVICES
        alias = _ALIAS.match(text)
        if alias:
            kind, target = alias.groups()
            if kind == "vmail":
                found = self.mailbox(target)
            else:
                found = self.extension(target)
            return found or self.unmapped(text, "%s does not name an object of the domain" % text)
        did_alias = _DID_ALIAS.match(text)
        if did_alias:
            found = self.extension(did_alias.group(2))
            return found or self.unmapped(text, "%s does not name an object of the domain" % text)
        if text.startswith("confirm_"):
            found = self.extension(text[len("confirm_"):])
            return found or self.unmapped(text, "%s is not a phone number" % text)
        return self.extension(text) or self.unmapped(text, "%s is not an extension, device or number of the domain" % text)


def fail_option(value, options):
    """``no-key-press`` / ``unassigned-key-press`` (repeat, hangup, option-N) as a destination."""
    text = str(value or "")
    if text == "repeat":
        return {"type": "repeat_menu"}
    if text == "hangup":
        return {"type": "hangup"}
    if text.startswith("option-"):
        return options.get(text[len("option-"):])
    return None


def answer_rule_features(rule):
    """``[(ns feature, canonical kind, parameters)]`` of the enabled features of one answer rule."""
    found = []
    for feature, kind in FEATURE_KINDS:
        value = rule.get(feature)
        if isinstance(value, dict) and yes(value.get("enabled")):
            found.append((feature, kind, list(value.get("parameters") or [])))
    return found


def unsupported_features(rule):
    """Enabled answer-rule features the canonical model cannot hold: ``[(feature, description, parameters)]``."""
    found = []
    for feature in sorted(UNSUPPORTED_FEATURES):
        value = rule.get(feature)
        if isinstance(value, dict) and yes(value.get("enabled")):
            found.append((feature, UNSUPPORTED_FEATURES[feature], list(value.get("parameters") or [])))
    return found


def agent_extension(agent_id, device_owner):
    """Extension of a queue agent: ``101@domain`` (user agent) or ``sip:101wp@domain`` (device agent)."""
    text = str(agent_id or "")
    if text.startswith("sip:"):
        device = text[4:].split("@", 1)[0]
        return device_owner.get(device)
    user = text.split("@", 1)[0]
    return user or None
