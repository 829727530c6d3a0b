# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read-back: every object of plan.json against the target as ``gather_domain`` read it.

Each kind is compared the way its resource module compares it: the plan's items go through
the module spec's ``validate_config``, the read objects through the spec's hooks (``prepare``:
attendant tiers in canonical form, answer-rule positions, the greeting sha256 kept at upload),
and ``plan(spec, 'merged', ...)`` says per item whether the module would change anything. An
item the module would leave ``unchanged`` passes; one it would create is missing; one it would
update differs, option by option. Write-only values (voicemail PINs, SIP passwords) are never
compared: the API does not return them, so the journal is the evidence they were sent.
"""

from __future__ import annotations

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds import (
    phonenumber_spec, site_spec, smsnumber_spec, timeframe_spec, user_spec,
)
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_attendants import autoattendant_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_callcenter import agent_spec, callqueue_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_devices import device_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_domains import domain_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_user_media import (
    GreetingHooks, answerrule_spec, greeting_spec,
)
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.plan import ConfigError, plan, validate_config

PASS, FAIL, WARN, SKIP = "pass", "fail", "warn", "skip"
STATUSES = (PASS, FAIL, WARN, SKIP)
# plan.json kinds in apply order, each with the topic its checks report under.
KIND_TOPICS = (("domains", "objects"), ("sites", "objects"), ("timeframes", "time_frames"), ("users", "users"),
               ("devices", "devices"), ("callqueues", "queues"), ("agents", "queues"), ("autoattendants", "attendants"),
               ("greetings", "greetings"), ("answerrules", "answer_rules"), ("phonenumbers", "did_routing"), ("smsnumbers", "sms"))
CALLER_ID_OPTIONS = ("caller_id_name", "caller_id_number", "caller_id_number_emergency")
VOICEMAIL_OPTIONS = ("voicemail_enabled", "voicemail_transcription", "voicemail_email_alert", "voicemail_user_control")
WRITE_OUTCOMES = ("created", "updated")


def spec_for(kind, domain, hash_store=None):
    """The resource module's spec of a plan.json kind (greetings read the kept sha256 from ``hash_store``)."""
    factories = {
        "domains": domain_spec, "sites": site_spec, "timeframes": timeframe_spec, "users": user_spec, "devices": device_spec,
        "callqueues": callqueue_spec, "agents": lambda: agent_spec(domain), "autoattendants": autoattendant_spec,
        "greetings": lambda: greeting_spec(GreetingHooks(store=hash_store)), "answerrules": answerrule_spec,
        "phonenumbers": phonenumber_spec, "smsnumbers": smsnumber_spec,
    }
    return factories[kind]()


def current_objects(kind, gathered):
    """The read objects of a plan kind from ``gather_domain``'s result (agents come nested in their queue)."""
    if kind == "domains":
        return [gathered["domain"]] if isinstance(gathered.get("domain"), dict) and gathered["domain"] else []
    if kind == "agents":
        return [dict(agent, callqueue=agent.get("callqueue") or queue.get("callqueue"))
                for queue in gathered.get("callqueues") or [] for agent in queue.get("agents") or []]
    return list(gathered.get(kind) or [])


def check(topic, kind, key, status, message, differences=None, **extra):
    entry = {"id": "%s:%s/%s" % (topic, kind, key), "topic": topic, "kind": kind, "key": str(key), "status": status, "message": message}
    if differences:
        entry["differences"] = differences
    entry.update(extra)
    return entry


def _shown(value):
    if isinstance(value, (dict, list)):
        return value
    return "" if value is None else value


def _without_write_only(spec, items):
    hidden = set(spec.write_only_options)
    return [dict((option, value) for option, value in item.items() if option not in hidden) for item in items]


def _differences(action, options=None):
    found = []
    for option in sorted(action.changes):
        if options is not None and option not in options:
            continue
        change = action.changes[option]
        found.append({"option": option, "planned": _shown(change.get("after")), "actual": _shown(change.get("before"))})
    return found


def _difference_text(differences):
    return "; ".join("%s is %s on the target, planned %s" % (item["option"], _brief(item["actual"]), _brief(item["planned"]))
                     for item in differences)


def _brief(value):
    text = repr(value) if isinstance(value, (dict, list)) else ("''" if value == "" else str(value))
    return text if len(text) <= 160 else text[:157] + "..."


def kind_actions(kind, items, gathered, domain, hash_store=None):
    """``[Action]`` of the module's merged plan for the planned items of one kind (raises ConfigError on a bad plan)."""
    spec = spec_for(kind, domain, hash_store)
    desired = validate_config(spec, _without_write_only(spec, items), "merged")
    current = current_objects(kind, gathered)
    prepare = spec.hook("prepare")
    if prepare is not None:
        current = prepare(None, spec, domain, current, desired)
    return spec, plan(spec, "merged", desired, current)


def _action_checks(kind, topic, action, options=None, label=None):
    """One check of one planned item from the module's planned action (limited to ``options`` when given)."""
    what = label or "%s %s" % (kind, action.label)
    if action.op == "create":
        return check(topic, kind, action.label, FAIL, "%s is missing on the target" % what)
    if action.op == "fail":
        return check(topic, kind, action.label, FAIL, "%s: %s" % (what, action.msg))
    differences = _differences(action, options) if action.op == "update" else []
    if differences:
        return check(topic, kind, action.label, FAIL, "%s differs: %s" % (what, _difference_text(differences)), differences)
    return check(topic, kind, action.label, PASS, "%s is as planned" % what)


def journal_sent_secrets(journal_entries):
    """``{(kind, key): set(options)}`` of write-only options the journal shows as sent (masked values)."""
    sent = {}
    for entry in journal_entries or []:
        if entry.get("outcome") not in WRITE_OUTCOMES:
            continue
        after = entry.get("after") or {}
        for option in ("voicemail_pin", "sip_password"):
            if option in after:
                sent.setdefault((entry.get("kind"), str(entry.get("key"))), set()).add(option)
    return sent


def _pin_check(item, sent):
    user = str(item.get("user"))
    pin = item.get("voicemail_pin")
    planned = isinstance(pin, dict) and pin.get("is_set") or (pin not in (None, "") and not isinstance(pin, dict))
    if not planned:
        return check("voicemail", "users", user, WARN,
                     "user %s: no voicemail PIN is known for the mailbox; the user sets one at first login" % user)
    if "voicemail_pin" in sent.get(("users", user), ()):
        return check("voicemail", "users", user, PASS,
                     "user %s: the planned voicemail PIN was sent (journal); the API never returns a PIN, so its value cannot be read back"
                     % user)
    return check("voicemail", "users", user, WARN,
                 "user %s: a voicemail PIN is planned but no journal entry shows it was sent (the user existed before); "
                 "run recreate with recreate_update_password=always to set it" % user)


def user_checks(action, item, sent):
    """A user's read-back as three checks: its own fields, its caller ID, its voicemail (enabled, options, PIN)."""
    own = [field.option for field in user_spec().fields if field.option not in CALLER_ID_OPTIONS + VOICEMAIL_OPTIONS]
    if action.op in ("create", "fail"):
        return [_action_checks("users", "users", action)]
    checks = [_action_checks("users", "users", action, own),
              _action_checks("users", "caller_id", action, CALLER_ID_OPTIONS, label="user %s caller ID" % action.label),
              _action_checks("users", "voicemail", action, VOICEMAIL_OPTIONS, label="user %s voicemail" % action.label)]
    checks[1]["id"] = "caller_id:users/%s" % action.label
    checks[2]["id"] = "voicemail:users/%s" % action.label
    checks[1]["topic"], checks[2]["topic"] = "caller_id", "voicemail"
    if any(option in item for option in CALLER_ID_OPTIONS):
        planned = ", ".join("%s %s" % (option, item[option]) for option in CALLER_ID_OPTIONS if option in item)
        if checks[1]["status"] == PASS:
            checks[1]["message"] = "user %s caller ID is as planned (%s)" % (action.label, planned)
    if item.get("voicemail_enabled") is not False:
        checks.append(_pin_check(item, sent))
        checks[-1]["id"] = "voicemail_pin:users/%s" % action.label
    return checks


def _greeting_check(action):
    result = _action_checks("greetings", "greetings", action)
    if action.op == "update" and "sha256" in action.changes and not action.changes["sha256"].get("before"):
        result["message"] = ("greeting %s exists, but no sha256 is kept for it in greetings.sha256.json: the audio on the target "
                             "cannot be confirmed to be the planned file" % action.label)
    return result


def extra_agents(spec, items, gathered, domain):
    """Agents on the target in a planned queue that the plan does not list (a queue ringing someone unexpected)."""
    planned = set()
    queues = set()
    for item in validate_config(spec, _without_write_only(spec, items), "merged"):
        planned.add(item.key)
        queues.add(item.key[0])
    found = []
    for api_object in current_objects("agents", gathered):
        key = spec.key_of_api(api_object)
        if key is not None and key[0] in queues and key not in planned:
            label = spec.label_of_api(api_object)
            found.append(check("queues", "agents", label, FAIL, "agents %s is on the target but not in the plan (queue %s rings an unplanned agent)"
                               % (label, key[0])))
    return found


def readback_checks(plan_document, gathered, hash_store=None, journal_entries=None):
    """Every planned item of plan.json checked against ``gathered``; returns ``(checks, problems)``.

    ``problems`` are plan items the module spec refuses (one line each); they fail verification too.
    """
    domain = plan_document.get("domain")
    resources = plan_document.get("resources") or {}
    sent = journal_sent_secrets(journal_entries)
    checks, problems = [], []
    for kind, topic in KIND_TOPICS:
        items = resources.get(kind) or []
        if not items:
            continue
        try:
            spec, actions = kind_actions(kind, items, gathered, domain, hash_store)
        except ConfigError as exc:
            problems.extend("plan.json resources.%s %s" % (kind, problem) for problem in exc.problems)
            continue
        by_index = dict((action.index, action) for action in actions if action.index is not None)
        for index, item in enumerate(items):
            action = by_index.get(index)
            if action is None:
                continue
            if kind == "users":
                checks.extend(user_checks(action, item, sent))
            elif kind == "greetings":
                checks.append(_greeting_check(action))
            else:
                checks.append(_action_checks(kind, topic, action))
        if kind == "agents":
            checks.extend(extra_agents(spec, items, gathered, domain))
    return checks, problems
