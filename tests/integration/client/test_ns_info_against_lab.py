"""ns_info against the lab: in-process (patched module args) and through ansible-playbook."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args

from ansible_collections.ucaas.migration.plugins.modules import ns_info

nslab_seeds = pytest.importorskip("nslab.seeds")

REPO = Path(__file__).resolve().parents[3]
COLLECTIONS = REPO / ".collections"
DOMAIN = "acme.example"
ALL_KINDS = {"domain", "sites", "users", "devices", "phonenumbers", "callqueues", "autoattendants", "timeframes",
             "answerrules", "greetings", "phones", "smsnumbers"}


class ModuleExit(Exception):
    def __init__(self, result):
        super().__init__(result)
        self.result = result


class ModuleFail(ModuleExit):
    pass


@pytest.fixture
def run_module(monkeypatch):
    def exit_json(self, **result):
        raise ModuleExit(result)

    def fail_json(self, msg, **result):
        result["msg"] = msg
        raise ModuleFail(result)
    monkeypatch.setattr(basic.AnsibleModule, "exit_json", exit_json)
    monkeypatch.setattr(basic.AnsibleModule, "fail_json", fail_json)

    def run(args):
        with patch_module_args(args):
            ns_info.main()
    return run


@pytest.fixture
def lab(ns_lab):
    ns_lab.load_seed(nslab_seeds.synthetic_domain(domain=DOMAIN, users=30))
    return ns_lab


def test_ns_info_returns_every_kind_in_check_mode(run_module, lab):
    with pytest.raises(ModuleExit) as done:
        run_module({"url": lab.url, "api_key": lab.admin_api_key, "domain": DOMAIN, "max_concurrency": 4,
                    "_ansible_check_mode": True})
    result = done.value.result
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
    with pytest.raises(ModuleExit) as done:
        run_module({"url": lab.url, "api_key": lab.admin_api_key, "domain": DOMAIN, "gather": ["greetings"]})
    result = done.value.result
    assert set(result["objects"]) == {"greetings"}
    assert "GET /domains/{domain}/sites" not in result["api_stats"]["by_endpoint"]


def test_ns_info_unknown_domain_fails_cleanly(run_module, lab):
    with pytest.raises(ModuleFail) as failed:
        run_module({"url": lab.url, "api_key": lab.admin_api_key, "domain": "nowhere.example"})
    result = failed.value.result
    assert result["msg"].startswith("ns-api GET /ns-api/v2/domains/nowhere.example -> 404")
    assert result["api_error"]["status"] == 404


def test_ns_info_with_oauth(run_module, lab):
    args = dict(lab.oauth, url=lab.url, domain=DOMAIN, gather=["users"])
    with pytest.raises(ModuleExit) as done:
        run_module(args)
    result = done.value.result
    assert result["counts"]["users"] >= 30
    for secret in (lab.oauth["client_secret"], lab.oauth["password"]):
        assert secret not in json.dumps(result)


def _run_playbook(playbook, tmp_path):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(COLLECTIONS), ANSIBLE_NOCOLOR="1",
               ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_INVENTORY_UNPARSED_WARNING="0")
    for name in ("NS_API_URL", "NS_API_KEY", "NS_CLIENT_ID", "NS_CLIENT_SECRET", "NS_USERNAME", "NS_PASSWORD"):
        env.pop(name, None)
    executable = Path(sys.executable).parent / "ansible-playbook"
    command = [str(executable), "-i", "localhost,", "-c", "local", "-e", "ansible_python_interpreter=%s" % sys.executable,
               str(playbook), "-v"]
    return subprocess.run(command, env=env, cwd=str(tmp_path), capture_output=True, text=True, timeout=300, check=False)


def test_ns_info_through_ansible_playbook(lab, tmp_path):
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
    completed = _run_playbook(playbook, tmp_path)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    result = json.loads(out_file.read_text())
    assert set(result["objects"]) == ALL_KINDS
    assert result["counts"]["users"] >= 30 and result["changed"] is False
    assert result["api_stats"]["calls"] > 0
    assert lab.admin_api_key not in completed.stdout + completed.stderr + out_file.read_text()


def test_ns_info_playbook_with_bad_key_fails_in_one_line(lab, tmp_path):
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
    completed = _run_playbook(playbook, tmp_path)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 2, output
    assert "Authentication failed at 127.0.0.1" in output and "using API key" in output
    assert "Traceback" not in output and bad_key not in output
