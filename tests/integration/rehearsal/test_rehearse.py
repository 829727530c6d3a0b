# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""scripts/rehearse.sh on a partner inventory whose target is "production": after a real collect from a source lab, the
rehearsal runs recreate -> approve_plan -> provision_phones -> cutover -> verify on its own lab, and the source, the
production target and the production state directory are never touched. The guard refuses before anything runs when the
target would not be the lab.

The partner inventory is the demo partner's (inventories/lab-demo) with its source pointed at the test's source lab, its
target at a "production" listener that counts connections, a git state backend nobody can reach, and its credentials in
a vault.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest
import yaml
from nslab.counters import request_delta, write_requests

REPO = Path(__file__).resolve().parents[3]
DEMO = REPO / "inventories" / "lab-demo"
HOST = "acme-dental-group"
SEED = REPO / "lab" / "seeds" / "acme-dental-group.json"
# The demo partner's variables that hold no connection: copied as they are.
COPIED = ("acceptance.yml", "contacts.yml", "port_orders.yml", "schedule.yml", "scope.yml", "sms.yml")
PRODUCTION_KEY = "nss_production_secret_do_not_leak_4f1c"
ENV = {"ANSIBLE_STDOUT_CALLBACK": "default", "ANSIBLE_FORCE_COLOR": "0", "ANSIBLE_RETRY_FILES_ENABLED": "0"}


class Production:
    """A TCP listener standing in for the production API: it only counts the connections it is offered."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.url = "http://127.0.0.1:%d" % self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn = self.sock.accept()[0]
            except (socket.timeout, OSError):
                continue
            self.connections += 1
            conn.close()

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


@pytest.fixture(name="production")
def production_fixture():
    listener = Production()
    yield listener
    listener.stop()


def write_partner(folder, source_url, source_key, production_url):
    """The partner inventory in folder/inventory (state in folder/state); returns (inventory, vault password file)."""
    from ansible.parsing.vault import VaultLib, VaultSecret  # pylint: disable=import-outside-toplevel

    inventory = folder / "inventory"
    host_vars = inventory / "host_vars" / HOST
    group_vars = inventory / "group_vars" / "all"
    host_vars.mkdir(parents=True)
    group_vars.mkdir(parents=True)
    shutil.copy(DEMO / "hosts.yml", inventory / "hosts.yml")
    shutil.copy(DEMO / "group_vars" / "all" / "partner.yml", group_vars / "partner.yml")
    for name in COPIED:
        shutil.copy(DEMO / "host_vars" / HOST / name, host_vars / name)
    (group_vars / "connection.yml").write_text(yaml.safe_dump({
        "ansible_connection": "local",
        "ansible_python_interpreter": "{{ ansible_playbook_python }}",
        "ucaas_state_dir": str(folder / "state"),
        # production keeps its state in git; a rehearsal never pulls from or pushes to it
        "ucaas_state_backend": {"type": "git", "url": "git://127.0.0.1:9/migration-state.git"},
    }))
    (host_vars / "source.yml").write_text(yaml.safe_dump({"ucaas_source": {
        "platform": "netsapiens", "url": source_url, "api_key": "{{ vault_source_api_key }}", "domain": "acmedental.lab",
        "customer": "Acme Dental Group", "default_region": "US", "time_zone": "America/New_York"}}))
    (host_vars / "target.yml").write_text(yaml.safe_dump({"ucaas_target": {
        "api_url": production_url, "api_key": "{{ vault_production_api_key }}", "reseller": "{{ ucaas_partner.reseller }}",
        "domain": "acmedental.keystone-voice.service", "description": "Acme Dental Group", "validate_certs": True}}))
    password = folder / "partner.vault-password"
    password.write_text("rehearsal-test-only\n")
    vault = VaultLib([("default", VaultSecret(b"rehearsal-test-only"))])
    secrets = yaml.safe_dump({"vault_source_api_key": source_key, "vault_production_api_key": PRODUCTION_KEY})
    (host_vars / "vault.yml").write_bytes(vault.encrypt(secrets))
    return inventory, password


def rehearse(folder, inventory, password, *args):
    environment = dict(os.environ, TMPDIR=str(folder), **ENV)
    for name in ("NS_API_URL", "NS_API_KEY", "NS_CLIENT_ID", "NS_CLIENT_SECRET", "NS_USERNAME", "NS_PASSWORD"):
        environment.pop(name, None)
    command = ["bash", str(REPO / "scripts" / "rehearse.sh"), "--inventory", str(inventory), "--host", HOST,
               "--vault-password-file", str(password), *args]
    return subprocess.run(command, env=environment, cwd=str(folder), capture_output=True, text=True, timeout=1200, check=False)


def tree(folder):
    """Every file under folder: relative path -> bytes."""
    return dict((str(path.relative_to(folder)), path.read_bytes()) for path in sorted(Path(folder).rglob("*")) if path.is_file())


def test_rehearsal_runs_on_the_lab_and_touches_nothing_real(tmp_path, ns_lab_factory, run_playbook, production):
    source = ns_lab_factory(seed=str(SEED), strict=True)
    inventory, password = write_partner(tmp_path, source.url, source.admin_api_key, production.url)
    collected = run_playbook(REPO / "playbooks" / "collect.yml", "-i", str(inventory), "--vault-password-file", str(password), env=ENV)
    assert collected.returncode == 0, collected.stdout[-4000:] + collected.stderr[-2000:]
    production_state = tree(tmp_path / "state")
    assert "%s/inventory.json" % HOST in production_state
    before = source.stats()

    rehearsal = tmp_path / "rehearsal"
    result = rehearse(tmp_path, inventory, password, "--dir", str(rehearsal))
    output = result.stdout + result.stderr
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]

    # what the engineer looks at afterwards
    host_dir = rehearsal / HOST
    for name in ("plan.json", "mapping.csv", "cutover_plan.html", "verify_results.json", "post_migration_report.html"):
        assert (host_dir / name).is_file(), name
    assert json.loads((host_dir / "verify_results.json").read_text())["passed"] is True
    assert json.loads((host_dir / "approval.json").read_text())["approved_by"] == "rehearsal"
    for phase in ("recreate", "approve_plan", "provision_phones", "cutover", "verify"):
        assert re.search(r"rehearse: \[%s\] %s: ok=\d+ +changed=\d+ failed=0" % (phase, HOST), output), phase
    assert "verification passed" in output and "post_migration_report.html" in output
    # the cutover ran on the rehearsal clock (the middle of 18:00-21:00 America/New_York) and never at the source
    assert "rehearsal clock 2026-12-03T19:30:00-05:00" in output
    journal = [json.loads(line) for line in (host_dir / "cutover_journal.jsonl").read_text().splitlines()]
    window = next(entry for entry in journal if entry["kind"] == "window")
    assert window["outcome"] == "inside" and window["after"]["rehearsal"] is True
    assert not [entry for entry in journal if entry.get("system") == "source"]

    # production: the state directory byte for byte, the source lab, the target
    assert tree(tmp_path / "state") == production_state
    delta = request_delta(before, source.stats())
    assert write_requests(delta) == {}
    assert delta == {}, "the rehearsal read the source: %s" % delta
    assert production.connections == 0
    # the production key is read by no phase and written nowhere
    assert PRODUCTION_KEY not in output
    assert not [name for name, data in tree(rehearsal).items() if PRODUCTION_KEY.encode() in data]
    # the rehearsal's lab is stopped
    lab_url = re.search(r"starting the lab at (http://127\.0\.0\.1:\d+)", output).group(1)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", int(lab_url.rsplit(":", 1)[1])), timeout=2).close()


@pytest.fixture(name="collected_partner")
def collected_partner_fixture(tmp_path, production):
    """A partner inventory whose collect "has run" (the guard reads no artifact, so an empty inventory.json will do)."""
    inventory, password = write_partner(tmp_path, "http://127.0.0.1:9", "nss_unused", production.url)
    (tmp_path / "state" / HOST).mkdir(parents=True)
    (tmp_path / "state" / HOST / "inventory.json").write_text("{}\n")
    return tmp_path, inventory, password


def test_rehearsal_refuses_a_target_that_is_not_the_lab(collected_partner, production):
    folder, inventory, password = collected_partner
    # an engineer's extra vars (loaded after the rehearsal's) put the production target back
    extra = folder / "more-vars.yml"
    extra.write_text(yaml.safe_dump({"ucaas_target": {"api_url": production.url, "api_key": PRODUCTION_KEY,
                                                      "domain": "acmedental.keystone-voice.service"}}))
    production_state = tree(folder / "state")
    result = rehearse(folder, inventory, password, "--dir", str(folder / "rehearsal"), "--extra-vars", str(extra))
    assert result.returncode != 0, result.stdout
    assert "REFUSED: the target of %s (ucaas_target.api_url) would not be the rehearsal's lab" % HOST in result.stderr
    assert "nothing was run" in result.stderr
    assert "starting the lab" not in result.stdout and "[recreate]" not in result.stdout
    assert not (folder / "rehearsal").exists()
    assert tree(folder / "state") == production_state
    assert production.connections == 0
    assert PRODUCTION_KEY not in result.stdout + result.stderr


@pytest.mark.parametrize("args, message", [
    (("--phases", "collect recreate"), "collect reads the real source"),
    (("--dir", "{state}"), "overlaps the production state"),
])
def test_rehearsal_refuses_before_running_anything(collected_partner, args, message):
    folder, inventory, password = collected_partner
    production_state = tree(folder / "state")
    result = rehearse(folder, inventory, password, *(arg.format(state=folder / "state") for arg in args))
    assert result.returncode != 0 and message in result.stderr, result.stdout + result.stderr
    assert tree(folder / "state") == production_state


def test_rehearsal_needs_a_collect(tmp_path, production):
    inventory, password = write_partner(tmp_path, "http://127.0.0.1:9", "nss_unused", production.url)
    result = rehearse(tmp_path, inventory, password, "--dir", str(tmp_path / "rehearsal"))
    assert result.returncode != 0 and "run collect for %s first" % HOST in result.stderr, result.stdout + result.stderr
    assert not (tmp_path / "rehearsal").exists()
