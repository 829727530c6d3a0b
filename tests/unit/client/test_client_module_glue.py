"""Connection options: doc fragment == argument spec, env fallbacks, fail_json messages of ns_info."""
from __future__ import annotations

import pytest
import yaml
from client_stub_server import Reply, StubServer

from ansible_collections.ucaas.migration.plugins.doc_fragments.connection import ModuleDocFragment
from ansible_collections.ucaas.migration.plugins.module_utils.client.module import (
    CONNECTION_ARGUMENT_SPEC, client_kwargs_from_params, connection_argument_spec,
)
from ansible_collections.ucaas.migration.plugins.modules import ns_info

API_KEY = "nsr_" + "z" * 56


@pytest.fixture
def stub():
    server = StubServer()
    yield server
    server.stop()


def test_doc_fragment_matches_argument_spec():
    documented = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]
    assert set(documented) == set(CONNECTION_ARGUMENT_SPEC)
    for name, spec in CONNECTION_ARGUMENT_SPEC.items():
        doc = documented[name]
        assert doc["type"] == spec["type"], name
        assert doc.get("default") == spec.get("default"), name
        assert bool(doc.get("required")) == bool(spec.get("required")), name
        if "fallback" in spec:
            for variable in spec["fallback"][1]:
                assert variable in " ".join(doc["description"]), name
    for secret in ("api_key", "client_secret", "password"):
        assert CONNECTION_ARGUMENT_SPEC[secret]["no_log"] is True


def test_connection_argument_spec_is_a_copy():
    spec = connection_argument_spec(domain=dict(type="str"))
    spec["url"]["required"] = False
    assert CONNECTION_ARGUMENT_SPEC["url"]["required"] is True and "domain" in spec


def test_client_kwargs_from_params_defaults():
    kwargs = client_kwargs_from_params({"url": "u", "api_key": "k"})
    assert kwargs["timeout"] == 30.0 and kwargs["max_concurrency"] == 4 and kwargs["max_attempts"] == 6
    assert kwargs["backoff_base"] == 0.5 and kwargs["confirm_timeout"] == 15.0


def test_env_fallbacks_and_bad_key_fail_cleanly(run_module, stub, monkeypatch):
    stub.sequence(Reply(401, {"code": 401, "message": "Authentication Required"}))
    monkeypatch.setenv("NS_API_URL", stub.url + "/")
    monkeypatch.setenv("NS_API_KEY", API_KEY)
    result = run_module(ns_info.main, {"domain": "acme"})
    assert result["failed"]
    assert result["msg"].startswith("Authentication failed at 127.0.0.1")
    assert "API key" in result["msg"] and "\n" not in result["msg"]
    assert result["api_error"]["status"] == 401 and result["api_stats"]["calls"] == 1
    assert API_KEY not in repr(result)
    assert stub.requests[0]["headers"]["Authorization"] == "Bearer " + API_KEY


def test_missing_credentials_fail_cleanly(run_module, monkeypatch):
    for name in ("NS_API_KEY", "NS_CLIENT_ID", "NS_CLIENT_SECRET", "NS_USERNAME", "NS_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    result = run_module(ns_info.main, {"url": "https://pbx.example.net", "domain": "acme"})
    assert result["failed"]
    assert result["msg"].startswith("No credentials")


def test_invalid_gather_choice_is_rejected(run_module):
    result = run_module(ns_info.main, {"url": "https://pbx.example.net", "api_key": API_KEY, "domain": "acme", "gather": ["fax"]})
    assert result["failed"]
    assert "gather" in result["msg"]


def test_missing_domain_is_one_clear_error(run_module, stub):
    stub.sequence(Reply(404, {"code": 404, "message": "Domain nowhere does not exist"}))
    result = run_module(ns_info.main, {"url": stub.url, "api_key": API_KEY, "domain": "nowhere"})
    assert result["failed"]
    assert result["msg"] == "ns-api GET /ns-api/v2/domains/nowhere -> 404: Domain nowhere does not exist"
