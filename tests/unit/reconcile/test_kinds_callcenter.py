# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Specs of ns_callqueue, ns_callqueue_agent and ns_smsnumber on plain data: normalisers, planning, hooks."""
from __future__ import annotations

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsConflictError
from ansible_collections.ucaas.migration.plugins.module_utils.client.resources import get_kind
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds import smsnumber_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_callcenter import (
    QueueExtensionTaken, agent_normalizer, agent_spec, agent_spec_for, callqueue_spec, full_agent_id, normalize_extension,
)
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.plan import ConfigError, Scope, plan, validate_config
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import SpecValueError

DOMAIN = "acme.example"


@pytest.mark.parametrize("value, local, unbound", [
    ("201", "201", "201"),
    (" 201@acme.example ", "201", "201"),
    ("201@ACME.example", "201", "201"),
    ("sip:201wp@acme.example", "sip:201wp", "sip:201wp"),
    ("SIP:201wp", "sip:201wp", "sip:201wp"),
    ("201@other.example", "201@other.example", "201"),
    ("sip:9@other.example", "sip:9@other.example", "sip:9"),
])
def test_agent_ids_compare_without_the_own_domain(value, local, unbound):
    assert agent_normalizer(DOMAIN)(value) == local
    assert agent_normalizer()(value) == unbound


@pytest.mark.parametrize("value", ["", "@acme.example", "201@", "sip:", "201@a@b", "2 01"])
def test_agent_ids_refused(value):
    with pytest.raises(SpecValueError):
        agent_normalizer(DOMAIN)(value)


def test_full_agent_id_is_what_the_api_takes():
    assert full_agent_id("201", DOMAIN) == "201@acme.example"
    assert full_agent_id("SIP:201wp", DOMAIN) == "sip:201wp@acme.example"
    assert full_agent_id("201@Other.Example", DOMAIN) == "201@other.example"


def test_queue_extension_and_bounds():
    assert normalize_extension(300) == "300" and normalize_extension(" 300 ") == "300"
    with pytest.raises(SpecValueError):
        normalize_extension("sales")
    spec = callqueue_spec()
    assert spec.by_option["callback_max_hours"].normalize("6") == 6
    with pytest.raises(SpecValueError, match="out of range"):
        spec.by_option["callback_max_hours"].normalize(7)
    with pytest.raises(SpecValueError, match="out of range"):
        spec.by_option["agent_dispatch_timeout_seconds"].normalize(0)
    with pytest.raises(SpecValueError):
        spec.by_option["max_callers"].normalize(True)


def test_queue_reads_compare_equal_to_the_items_they_came_from():
    spec = callqueue_spec()
    current = [{"callqueue": "300", "description": "Sales", "callqueue-dispatch-type": "Ring All",
                "callqueue-max-current-callers-to-accept-new-callers": "5", "callqueue-require-available-agents-to-accept-new-callers": "yes",
                "callqueue-calculate-statistics": "no", "active-queued-calls-total-current": 3}]
    config = [{"callqueue": 300, "description": " Sales ", "dispatch_type": "Ring All", "max_callers": 5, "require_available_agents": True,
               "calculate_statistics": "no"}]
    (action,) = plan(spec, "merged", validate_config(spec, config, "merged"), current)
    assert action.op == "unchanged"
    (created,) = plan(spec, "merged", validate_config(spec, [{"callqueue": "301", "max_callers": 2, "recording": "yes"}], "merged"), current)
    assert created.body == {"callqueue": "301", "callqueue-max-current-callers-to-accept-new-callers": 2, "recording-configuration": "yes"}


def test_agent_keys_match_across_spellings_and_label_carries_the_queue():
    spec = agent_spec(DOMAIN)
    current = [{"callqueue": "300", "callqueue-agent-id": "201@acme.example", "callqueue-agent-wrap-up-allowance-seconds": "10"},
               {"callqueue": "300", "callqueue-agent-id": "201@other.example"},
               {"callqueue": "301", "callqueue-agent-id": "sip:201wp@acme.example", "auto-answer-enabled": "yes"}]
    config = [{"callqueue": "300", "agent": "201", "wrap_up_seconds": 10}, {"callqueue": "301", "agent": "sip:201wp", "auto_answer": True}]
    actions = plan(spec, "merged", validate_config(agent_spec(), config, "merged"), current)
    assert [(action.op, action.key) for action in actions] == [("unchanged", ("300", "201")), ("unchanged", ("301", "sip:201wp"))]
    overridden = plan(spec, "overridden", validate_config(agent_spec(), config, "overridden"), current, scope=Scope(spec, match="300/.*"))
    assert [(action.op, action.label) for action in overridden] == [
        ("update", "300/201@acme.example"), ("update", "301/sip:201wp@acme.example"), ("delete", "300/201@other.example")]


def test_agent_input_duplicates_across_spellings_and_foreign_domains_are_input_errors():
    spec = agent_spec()
    with pytest.raises(ConfigError) as raised:
        validate_config(spec, [{"callqueue": "300", "agent": "201"}, {"callqueue": "300", "agent": "201@acme.example"},
                               {"callqueue": "301", "agent": "201"}], "merged")
    assert raised.value.problems == ["config[1].agent: '300/201@acme.example' is listed twice (also config[0])"]
    params = {"domain": DOMAIN, "config": [{"callqueue": "300", "agent": "201@Other.example"}, {"callqueue": "300", "agent": "201"}],
              "scope": {"keys": ["300/sip:7@x.example", "300/201"]}}
    with pytest.raises(ConfigError) as foreign:
        agent_spec_for(agent_spec(), params)
    assert [problem.split(":")[0] for problem in foreign.value.problems] == ["config[0].agent", "scope.keys[0]"]
    bound = agent_spec_for(agent_spec(), dict(params, config=params["config"][1:], scope=None))
    assert bound.identity.normalize("201@other.example") == "201@other.example"


def test_agent_prepare_gives_items_their_full_id():
    spec = agent_spec(DOMAIN)
    desired = validate_config(spec, [{"callqueue": "300", "agent": "201"}, {"callqueue": "300", "agent": "sip:201wp"}], "merged")
    spec.hooks.prepare(None, spec, DOMAIN, [], desired)
    assert [(item.name, item.label) for item in desired] == [
        ("201@acme.example", "300/201@acme.example"), ("sip:201wp@acme.example", "300/sip:201wp@acme.example")]
    (action, dummy) = plan(spec, "merged", desired, [])
    assert action.body == {"callqueue-agent-id": "201@acme.example"}


def test_smsnumber_identity_and_update_body():
    spec = smsnumber_spec()
    assert spec.identity.normalize("+1 (212) 555-0100") == "12125550100"
    with pytest.raises(SpecValueError):
        spec.identity.normalize("555-0100")
    with pytest.raises(SpecValueError):
        spec.by_option["application"].normalize("fax")
    current = [{"number": "12125550100", "application": "user", "dest": "201", "carrier": "c1"}]
    (action,) = plan(spec, "replaced", validate_config(spec, [{"number": "2125550100", "application": "available"}], "replaced"), current)
    assert action.body == {"application": "available", "dest": ""}


class QueueClient:
    """Just enough of the client for the queue hooks; records what they do."""

    def __init__(self, users, platform_makes_user=True, conflict_on_user=False):
        self.users = dict((user["user"], user) for user in users)
        self.platform_makes_user = platform_makes_user
        self.conflict_on_user = conflict_on_user
        self.calls = []

    def list_kind(self, kind, domain=None, **parents):
        self.calls.append(("list", kind))
        return list(self.users.values())

    def find(self, kind, item, domain=None, **parents):
        self.calls.append(("find", kind, item["user"]))
        return None if self.conflict_on_user else self.users.get(item["user"])

    def create(self, kind, body, confirm=True, **parents):
        kind = get_kind(kind) if isinstance(kind, str) else kind
        self.calls.append(("create", kind.name, dict(body)))
        if kind.name == "callqueues" and self.platform_makes_user:
            self.users.setdefault(body["callqueue"], {"user": body["callqueue"], "service-code": "system-queue"})
        if kind.name == "users" and self.conflict_on_user:
            raise NsConflictError("exists")
        return dict(body)

    def update(self, kind, body, confirm=True, **parents):
        self.calls.append(("update", kind.name, dict(body), parents))
        return dict(body)


def _queue_actions(spec, config, current=()):
    return plan(spec, "merged", validate_config(spec, config, "merged"), list(current))


def test_queue_create_checks_the_extension_and_makes_a_missing_system_user():
    spec = callqueue_spec()
    client = QueueClient([{"user": "201"}, {"user": "400", "service-code": "system-aa"}, {"user": "500", "service-code": "system-queue"}],
                         platform_makes_user=False)
    free, on_user, on_attendant, orphan = _queue_actions(spec, [{"callqueue": "300", "description": "Sales"}, {"callqueue": "201"},
                                                                {"callqueue": "400"}, {"callqueue": "500"}])
    spec.hooks.write(client, spec, DOMAIN, free)
    with pytest.raises(QueueExtensionTaken, match="extension 201 is already an ordinary user"):
        spec.hooks.write(client, spec, DOMAIN, on_user)
    with pytest.raises(QueueExtensionTaken, match=r"service-code system-aa"):
        spec.hooks.write(client, spec, DOMAIN, on_attendant)
    spec.hooks.write(client, spec, DOMAIN, orphan)
    assert client.calls == [
        ("list", "users"), ("create", "callqueues", {"callqueue": "300", "description": "Sales"}), ("find", "users", "300"),
        ("create", "users", {"user": "300", "name-first-name": "Sales", "name-last-name": "300", "service-code": "system-queue"}),
        ("create", "callqueues", {"callqueue": "500"})]


def test_queue_create_keeps_a_user_the_platform_made_and_updates_address_the_queue():
    spec = callqueue_spec()
    client = QueueClient([], platform_makes_user=True)
    (create,) = _queue_actions(spec, [{"callqueue": "300"}])
    spec.hooks.write(client, spec, DOMAIN, create)
    assert [call[:2] for call in client.calls] == [("list", "users"), ("create", "callqueues"), ("find", "users")]
    racing = QueueClient([], platform_makes_user=False, conflict_on_user=True)
    spec = callqueue_spec()
    (create,) = _queue_actions(spec, [{"callqueue": "300"}])
    spec.hooks.write(racing, spec, DOMAIN, create)  # a 409 on the user means it exists now
    (update,) = _queue_actions(spec, [{"callqueue": "300", "description": "New"}], current=[{"callqueue": "300", "description": "Old"}])
    spec.hooks.write(racing, spec, DOMAIN, update)
    assert racing.calls[-1] == ("update", "callqueues", {"description": "New"}, {"domain": DOMAIN, "callqueue": "300"})


def test_queue_check_mode_reports_taken_extensions_and_reads_users_only_for_creates():
    spec = callqueue_spec()
    client = QueueClient([{"user": "201"}])
    actions = _queue_actions(spec, [{"callqueue": "201"}, {"callqueue": "300"}])
    spec.hooks.finish(client, spec, DOMAIN, actions, True)
    assert [(action.op, action.msg) for action in actions] == [
        ("fail", "cannot create it: extension 201 is already an ordinary user; free the extension or choose another one"), ("create", None)]
    quiet = QueueClient([{"user": "201"}])
    unchanged = _queue_actions(spec, [{"callqueue": "300"}], current=[{"callqueue": "300"}])
    callqueue_spec().hooks.finish(quiet, spec, DOMAIN, unchanged, True)
    callqueue_spec().hooks.finish(quiet, spec, DOMAIN, actions, False)
    assert quiet.calls == []
