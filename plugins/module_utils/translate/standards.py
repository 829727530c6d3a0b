# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The provider's configuration standards: documented defaults, three layers merged, checked.

The role ``recreate`` documents the same defaults (roles/recreate/defaults/main.yml); a unit
test keeps the two equal.  Layers, later wins, dicts merged recursively: these defaults,
``ucaas_standards`` (provider), ``ucaas_standards_overrides`` (partner),
``ucaas_standards_host_overrides`` (host).
"""

from __future__ import annotations

import copy
import re

from ansible_collections.ucaas.migration.plugins.module_utils.translate.findings import TranslationError

DEFAULT_STANDARDS = {
    "domain_name_pattern": "{customer_slug}.{reseller}.service",
    "reseller": None,
    "dial_plan": None,
    "dial_policy": "US and Canada",
    "time_zone": "America/New_York",
    "time_zone_map": {},
    "area_code": None,
    "email_sender": None,
    "extension_length": None,
    "extension_prefix": "",
    "extension_collision": "fail",
    "collision_prefix": "9",
    "renumber_start": None,
    "reserved_extensions": ["911", "933", "988"],
    "device_name_suffixes": {
        "desk_phone": "", "cordless": "c", "conference": "cf", "softphone": "wp", "ata": "ata",
        "door_phone": "d", "paging": "pg", "other": "x",
    },
    "device_transport": None,
    "voicemail": {
        "enabled": True,
        "transcription": False,
        "transcription_engine": "Google",
        "attach_audio": True,
        "delete_after_email": False,
        "user_control": True,
        "no_answer_to_voicemail": True,
        "busy_to_voicemail": True,
    },
    "user_scope": "Basic User",
    "keep_source_user_scope": True,
    "mailbox_user_scope": "No Portal",
    "service_user_scope": "No Portal",
    "caller_id": {"policy": "source", "name_max_length": 15},
    "caller_id_name_max_length": None,
    "operator_extension": None,
    "temporary_did": {"description": "Temporary number until the port completes"},
    "domain_limits": {"max_users": None, "max_callqueues": None, "max_autoattendants": None},
}
# Keys other phases read from the same variables (kept, not checked here).
FOREIGN_KEYS = ("cutover_window",)
EXTENSION_COLLISION_POLICIES = ("fail", "prefix", "renumber")
CALLER_ID_POLICIES = ("source", "site", "domain")
USER_SCOPES = ('Advanced User', 'Basic User', 'Call Center Agent', 'Call Center Supervisor', 'NDP', 'No Portal',
               'Office Manager', 'Reseller', 'Simple User', 'Site Manager', 'Super User')
TRANSCRIPTION_ENGINES = ('Deepgram', 'Google', 'Mutare', 'Voicebase')
_SUFFIX = re.compile(r"^[a-z0-9]{0,6}$")
_DIGITS = re.compile(r"^[0-9]*$")


def merge(base, override):
    """Recursive merge (dicts merged, anything else replaced), like Ansible's combine(recursive=True)."""
    result = copy.deepcopy(base)
    for key, value in (override or {}).items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def merged_standards(*layers):
    """Defaults, then each layer (None skipped); returns (standards, warnings). Raises TranslationError on bad values."""
    standards = copy.deepcopy(DEFAULT_STANDARDS)
    for layer in layers:
        if layer is None:
            continue
        if not isinstance(layer, dict):
            raise TranslationError("standards: expected a mapping, got %s" % type(layer).__name__)
        standards = merge(standards, layer)
    return standards, check_standards(standards)


def _fail(key, message):
    raise TranslationError("standards.%s: %s" % (key, message))


def check_standards(standards):
    """Raise on a bad value; return warnings for keys nobody reads."""
    warnings = []
    for key in sorted(standards):
        if key not in DEFAULT_STANDARDS and key not in FOREIGN_KEYS:
            warnings.append("standards.%s: unknown key (not used by the translation)" % key)
    pattern = standards["domain_name_pattern"]
    if not isinstance(pattern, str) or "{customer_slug}" not in pattern and "{customer}" not in pattern:
        _fail("domain_name_pattern", "must be a string with {customer_slug}, e.g. '{customer_slug}.{reseller}.service'")
    if standards["extension_collision"] not in EXTENSION_COLLISION_POLICIES:
        _fail("extension_collision", "%r is not one of: %s" % (standards["extension_collision"], ", ".join(EXTENSION_COLLISION_POLICIES)))
    length = standards["extension_length"]
    if length is not None and (not isinstance(length, int) or isinstance(length, bool) or not 2 <= length <= 10):
        _fail("extension_length", "expected an integer from 2 to 10 or null, got %r" % (length,))
    for key in ("extension_prefix", "collision_prefix"):
        if not isinstance(standards[key], str) or not _DIGITS.match(standards[key]):
            _fail(key, "expected digits as a string, got %r" % (standards[key],))
    if standards["renumber_start"] is not None and not _DIGITS.match(str(standards["renumber_start"])):
        _fail("renumber_start", "expected an extension (digits), got %r" % (standards["renumber_start"],))
    if not isinstance(standards["reserved_extensions"], list):
        _fail("reserved_extensions", "expected a list of extensions")
    for kind, suffix in sorted((standards["device_name_suffixes"] or {}).items()):
        if suffix is None:
            continue
        if not isinstance(suffix, str) or not _SUFFIX.match(suffix):
            _fail("device_name_suffixes.%s" % kind, "expected up to 6 lower-case letters or digits, got %r" % (suffix,))
    for key in ("user_scope", "mailbox_user_scope", "service_user_scope"):
        if standards[key] not in USER_SCOPES:
            _fail(key, "%r is not one of: %s" % (standards[key], ", ".join(USER_SCOPES)))
    voicemail = standards["voicemail"]
    if not isinstance(voicemail, dict):
        _fail("voicemail", "expected a mapping")
    if voicemail.get("transcription_engine") not in TRANSCRIPTION_ENGINES:
        _fail("voicemail.transcription_engine", "%r is not one of: %s" % (voicemail.get("transcription_engine"), ", ".join(TRANSCRIPTION_ENGINES)))
    for key in ("enabled", "transcription", "attach_audio", "delete_after_email", "user_control", "no_answer_to_voicemail", "busy_to_voicemail"):
        if not isinstance(voicemail.get(key), bool):
            _fail("voicemail.%s" % key, "expected true or false, got %r" % (voicemail.get(key),))
    caller_id = standards["caller_id"]
    if not isinstance(caller_id, dict) or caller_id.get("policy") not in CALLER_ID_POLICIES:
        _fail("caller_id.policy", "%r is not one of: %s" % ((caller_id or {}).get("policy"), ", ".join(CALLER_ID_POLICIES)))
    if not isinstance(standards["time_zone_map"], dict):
        _fail("time_zone_map", "expected a mapping of IANA time zone to a time zone the platform accepts")
    return warnings


def caller_id_name_max_length(standards):
    """The CNAM length limit; the flat ``caller_id_name_max_length`` key wins over ``caller_id.name_max_length``."""
    flat = standards.get("caller_id_name_max_length")
    return int(flat) if flat else int(standards["caller_id"].get("name_max_length") or 0)


def slug(text):
    """Lower-case letters and digits joined by single dashes: 'Acme Dental Group' -> 'acme-dental-group'."""
    return re.sub(r"[^a-z0-9]+", "-", str(text or "").lower()).strip("-")


def domain_name(standards, target, customer):
    """The target domain: ``target.domain`` when set, else the naming pattern filled in."""
    if target.get("domain"):
        return str(target["domain"]).strip().lower()
    reseller = target.get("reseller") or standards.get("reseller")
    customer_slug = slug(target.get("customer_slug") or customer)
    if not customer_slug:
        raise TranslationError("target.domain: not set and the customer name is empty, so domain_name_pattern cannot be applied")
    values = dict(customer_slug=customer_slug, customer=customer_slug, reseller=slug(reseller or ""))
    if "{reseller}" in standards["domain_name_pattern"] and not values["reseller"]:
        raise TranslationError("target.reseller: required by standards.domain_name_pattern %r" % standards["domain_name_pattern"])
    try:
        return standards["domain_name_pattern"].format(**values)
    except (KeyError, IndexError) as exc:
        raise TranslationError("standards.domain_name_pattern: unknown placeholder %s (use {customer_slug}, {reseller})" % exc)
