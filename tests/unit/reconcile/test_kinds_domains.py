# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ns_domain's spec on plain data: reseller fencing, refusals of dangerous runs, fields of the Domain body."""
from __future__ import annotations

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_domains import configure_domain_spec, domain_spec
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.plan import ConfigError, Scope, gathered_items, plan, validate_config

CURRENT = [
    {"domain": "acme.r1.service", "reseller": "r1", "description": "Acme", "limits-max-users": 50, "voicemail-enabled": "yes",
     "caller-id-number": "12125550100", "email-send-from-address": "no-reply@acme.example"},
    {"domain": "beta.r1.service", "reseller": "r1", "description": "Beta"},
    {"domain": "gamma.r2.service", "reseller": "r2", "description": "Gamma"},
]


def _params(state="merged", config=(), reseller=None, scope=None):
    return {"state": state, "config": list(config), "reseller": reseller, "scope": scope}


def test_create_body_uses_the_vendor_field_names():
    spec = domain_spec()
    config = [{"domain": "new.r1.service", "reseller": "r1", "description": "New", "email_sender": "a@b.example", "max_callqueues": 3,
               "max_autoattendants": "2", "voicemail_transcription": "Google", "caller_id_number": "+1 212 555 0101"}]
    (action,) = plan(spec, "merged", validate_config(spec, config, "merged"), CURRENT)
    assert action.body == {"domain": "new.r1.service", "reseller": "r1", "description": "New", "email-send-from-address": "a@b.example",
                           "limits-max-call-queues": 3, "limits-max-auto-attendants": 2, "voicemail-transcription-enabled": "Google",
                           "caller-id-number": "12125550101"}


def test_names_match_without_case_and_unchanged_needs_no_write():
    spec = domain_spec()
    (action,) = plan(spec, "merged", validate_config(spec, [{"domain": "ACME.r1.service", "max_users": "50",
                                                             "voicemail_enabled": True}], "merged"), CURRENT)
    assert action.op == "unchanged" and action.label == "acme.r1.service"


def test_module_reseller_protects_other_resellers_and_fills_new_domains():
    spec = configure_domain_spec(domain_spec(), _params(reseller="r1"))
    config = [{"domain": "gamma.r2.service", "description": "Mine now"}, {"domain": "delta.r1.service", "description": "Delta"}]
    fenced, created = plan(spec, "merged", validate_config(spec, config, "merged"), CURRENT)
    assert fenced.op == "fail" and "domain of reseller 'r2'" in fenced.msg
    assert created.body["reseller"] == "r1"
    assert [item["domain"] for item in gathered_items(spec, CURRENT)] == ["acme.r1.service", "beta.r1.service"]


def test_without_module_reseller_a_new_domain_needs_one():
    spec = domain_spec()
    (action,) = plan(spec, "merged", validate_config(spec, [{"domain": "delta.r1.service", "description": "Delta"}], "merged"), CURRENT)
    assert action.op == "fail" and "missing reseller" in action.msg


@pytest.mark.parametrize("params", [
    _params("overridden"), _params("overridden", reseller="r1"), _params("overridden", scope={"match": ".*"}),
    _params("deleted", scope={"keys": ["beta.r1.service"]}),
])
def test_runs_that_delete_unlisted_domains_need_reseller_and_scope(params):
    with pytest.raises(ConfigError) as caught:
        configure_domain_spec(domain_spec(), params)
    assert "needs the module option reseller and a scope" in caught.value.problems[0]


def test_overridden_with_reseller_and_scope_deletes_only_that_resellers_domains():
    params = _params("overridden", reseller="r1", scope={"match": ".*"}, config=[{"domain": "acme.r1.service"}])
    spec = configure_domain_spec(domain_spec(), params)
    actions = plan(spec, "overridden", validate_config(spec, params["config"], "overridden"), CURRENT, scope=Scope(spec, match=".*"))
    assert [(action.label, action.op) for action in actions] == [("acme.r1.service", "update"), ("beta.r1.service", "delete")]
    # replaced semantics: texts cleared, the rest left alone
    assert sorted(actions[0].changes) == ["caller_id_number", "email_sender", "voicemail_transcription"]


def test_listed_items_may_not_name_another_reseller():
    with pytest.raises(ConfigError) as caught:
        configure_domain_spec(domain_spec(), _params(reseller="r1", config=[{"domain": "x", "reseller": "R1"}, {"domain": "y", "reseller": "r2"}]))
    assert caught.value.problems == ["config[1].reseller: 'r2' differs from the module option reseller 'r1'"]
    assert configure_domain_spec(domain_spec(), _params("deleted", config=[{"domain": "x"}])) is not None
