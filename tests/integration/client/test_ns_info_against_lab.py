"""ns_info against the lab: in-process (patched module args) and through ansible-playbook."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from ansible_collections.ucaas.migration.plugins.modules import ns_info

nslab_seeds = pytest.importorskip("nslab.seeds")

REPO = Path(__file__).resolve().parents[3]
COLLECTIONS = REPO / ".collections"
DOMAIN = "acme.example"
ALL_KINDS = {"domain", "sites", "users", "devices", "phonenumbers", "callqueues", "autoattendants", "timeframes",
             "answerrules", "greetings", "phones", "smsnumbers"}


@pytest.fixture
def lab(ns_lab):
    ns_lab.load_seed(nslab_seeds.synthetic_domain(domain=DOMAIN, users=30))
    return ns_lab


def test_ns_info_returns_every_kind_in_check_mode(run_module, lab):
    result = run_module(ns_info.main, {"url": lab.url, "api_key": lab.admin_api_key, "domain": DOMAIN, "max_concurrency": 4,
                        "_ansible_check_mode": True})
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is False
    assert set(result["objects"]) == ALL_KINDS
    assert result["objects"]["domain"]["domain"] == DOMAIN
    assert result["counts"]["users"] == len(result["objects"]["users"]) >= 30
    assert all("agents" in queue for queue in result["objects"]["callqueues"])
    assert all(rule["user"] for rule in result["objects"]["answerrules"])
    stats = result["api_stats"]
    assert stats["by_endpoint"]["GET /domains/{domain}/users/{user}/answerrules"] == result["counts"]["users"]
    assert stats["by_endpoint"]["GET /domains/{domain}/users"] == 1
    users = [user["user"] for user in result["objects"]["users"]]
    assert users == sorted(users)
    # The lab counted exactly what the client says it sent.
    lab_requests = lab.stats()["requests"]
    assert lab_requests["GET /ns-api/v2/domains/{domain}/users"] == 1
    assert lab.admin_api_key not in json.dumps(result)


def test_ns_info_gather_subset(run_module, lab):
    result = run_module(ns_info.main, {"url": lab.url, "api_key": lab.admin_api_key, "domain": DOMAIN, "gather": ["greetings"]})
    assert not result.get("failed"), result.get("msg")
    assert set(result["objects"]) == {"greetings"}
    assert "GET /domains/{domain}/sites" not in result["api_stats"]["by_endpoint"]


def test_ns_info_unknown_domain_fails_cleanly(run_module, lab):
    result = run_module(ns_info.main, {"url": lab.url, "api_key": lab.admin_api_key, "domain": "nowhere.example"})
    assert result["failed"]
    assert result["msg"].startswith("ns-api GET /ns-api/v2/domains/nowhere.example -> 404")
    assert result["api_error"]["status"] == 404


def test_ns_info_with_oauth(run_module, lab):
    args = dict(lab.oauth, url=lab.url, domain=DOMAIN, gather=["users"])
    result = run_module(ns_info.main, args)
    assert not result.get("failed"), result.get("msg")
    assert result["counts"]["users"] >= 30
    for secret in (lab.oauth["client_secret"], lab.oauth["password"]):
        assert secret not in json.dumps(result)


def test_ns_info_through_ansible_playbook(lab, tmp_path, run_playbook):
    assert (COLLECTIONS / "ansible_collections" / "ucaas" / "migration").exists()
    out_file = tmp_path / "result.json"
    playbook = tmp_path / "read.yml"
    playbook.write_text(textwrap.dedent("""\
        - name: Read a lab domain
          hosts: localhost
          gather_facts: false
          module_defaults:
            group/ucaas.migration.nsapi:
              url: "{url}"
              api_key: "{key}"
              max_concurrency: 4
          tasks:
            - name: Read the domain
              ucaas.migration.ns_info:
                domain: {domain}
              register: acme

            - name: Save the result
              ansible.builtin.copy:
                content: "{{{{ acme | to_json }}}}"
                dest: "{out}"
                mode: "0600"
        """).format(url=lab.url, key=lab.admin_api_key, domain=DOMAIN, out=out_file))
    completed = run_playbook(playbook, "-i", "localhost,", "-c", "local", "-v", cwd=tmp_path)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    result = json.loads(out_file.read_text())
    assert set(result["objects"]) == ALL_KINDS
    assert result["counts"]["users"] >= 30 and result["changed"] is False
    assert result["api_stats"]["calls"] > 0
    assert lab.admin_api_key not in completed.stdout + completed.stderr + out_file.read_text()


def test_ns_info_playbook_with_bad_key_fails_in_one_line(lab, tmp_path, run_playbook):
    bad_key = "nss_" + "7" * 56
    playbook = tmp_path / "bad.yml"
    playbook.write_text(textwrap.dedent("""\
        - name: Read with a bad key
          hosts: localhost
          gather_facts: false
          tasks:
            - name: Read the domain
              ucaas.migration.ns_info:
                url: "{url}"
                api_key: "{key}"
                domain: {domain}
        """).format(url=lab.url, key=bad_key, domain=DOMAIN))
    completed = run_playbook(playbook, "-i", "localhost,", "-c", "local", "-v", cwd=tmp_path)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 2, output
    assert "Authentication failed at 127.0.0.1" in output and "using API key" in output
    assert "Traceback" not in output and bad_key not in output
