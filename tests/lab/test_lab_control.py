# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Counters, request log, reset, seed loader, persistence, CLI."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import requests

from nslab import LabServer, synthetic_domain


LAB_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "lab")


def test_counters_by_method_and_path_template(api, ns_lab):
    for ext in ("1000", "1001"):
        api.post("/domains/acme.lab/users", {"user": ext, "name-first-name": "A", "name-last-name": ext})
        api.get("/domains/acme.lab/users/" + ext)
    stats = requests.get(ns_lab.url + "/_lab/stats", timeout=10).json()
    assert stats["requests"]["POST /ns-api/v2/domains/{domain}/users"] == 2
    assert stats["requests"]["GET /ns-api/v2/domains/{domain}/users/{user}"] == 2
    assert stats["total"] == 4
    log = ns_lab.request_log()
    assert [e["status"] for e in log] == [202, 200, 202, 200]
    assert log[0]["auth"] == "lab-admin" and log[0]["template"] == "/ns-api/v2/domains/{domain}/users"


def test_reset_empties_state_but_keeps_keys(api, ns_lab):
    key = ns_lab.admin_api_key
    ns_lab.set_faults(latency_ms=1)
    assert requests.post(ns_lab.url + "/_lab/reset", timeout=10).status_code == 200
    assert ns_lab.admin_api_key == key
    assert api.get("/domains").json() == []
    assert ns_lab.stats()["requests"] == {"GET /ns-api/v2/domains": 1}
    assert ns_lab.faults.snapshot()["latency_ms"] == 0


def test_seed_loader_over_http_and_synthetic_domain(ns_lab, make_api):
    seed = synthetic_domain(domain="syn.lab", users=50, queues=2, attendants=1, dids=10)
    assert requests.post(ns_lab.url + "/_lab/seed", json=seed, timeout=10).status_code == 200
    api = make_api(ns_lab)
    users = api.get("/domains/syn.lab/users", params={"limit": 1000}).json()
    service_codes = sorted(u["service-code"] for u in users if u["service-code"])
    assert service_codes == ["system-aa", "system-queue", "system-queue"]
    assert len(users) == 53
    assert api.get("/domains/syn.lab/phonenumbers/count").json() == {"total": 10}
    assert len(api.get("/domains/syn.lab/timeframes").json()) == 2
    assert len(api.get("/domains/syn.lab/agents").json()) == 10
    bad = requests.post(ns_lab.url + "/_lab/seed", json={"domains": [{"domain": "syn.lab", "reseller": "lab-reseller", "description": "again"}]}, timeout=10)
    assert bad.status_code == 400 and "Domain Already Exists" in bad.json()["message"]


def test_state_persists_in_a_file_across_restart(tmp_path, make_api, base_seed):
    state = str(tmp_path / "lab.sqlite")
    first = LabServer(state=state, seed=base_seed, admin_api_key="nss_" + "a" * 56).start()
    make_api(first).post("/domains/acme.lab/users", {"user": "1000", "name-first-name": "Ada", "name-last-name": "Byron"})
    first.stop()
    second = LabServer(state=state, seed=base_seed, admin_api_key="nss_" + "a" * 56).start()
    try:
        assert make_api(second).get("/domains/acme.lab/users/1000").json()["name-first-name"] == "Ada"
        assert make_api(second).get("/domains").status_code == 200  # seed not re-applied over existing state
        assert len(make_api(second).get("/domains").json()) == 1
    finally:
        second.stop()


def test_cli_starts_and_serves(tmp_path, base_seed):
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps(base_seed))
    env = dict(os.environ, PYTHONPATH=LAB_DIR, NSLAB_ADMIN_KEY="nss_" + "c" * 56)
    command = [sys.executable, "-m", "nslab", "serve", "--port", "0", "--state", str(tmp_path / "s.sqlite"), "--seed", str(seed),
               "--rate-limit-every", "2", "--retry-after", "0"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    try:
        first_line = process.stdout.readline()
        assert first_line.startswith("nslab serving http://127.0.0.1:")
        api_url = first_line.split()[-1]
        headers = {"Authorization": "Bearer nss_" + "c" * 56}
        answers = [requests.get(api_url + "/domains/acme.lab", headers=headers, timeout=10).status_code for dummy in range(2)]
        assert answers == [200, 429]
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def test_synthetic_thousand_user_domain_reads_many_times(ns_lab, make_api):
    started = time.monotonic()
    ns_lab.load_seed(synthetic_domain(users=1000))
    api = make_api(ns_lab)
    for dummy in range(10):
        assert len(api.get("/domains/synthetic.lab/users", params={"limit": 1000}).json()) == 1000
    assert ns_lab.stats()["requests"]["GET /ns-api/v2/domains/{domain}/users"] == 10
    assert time.monotonic() - started < 60  # generous: catches accidental quadratic behaviour only


def test_documented_seed_example_loads(ns_lab, make_api):
    with open(os.path.join(os.path.dirname(LAB_DIR), "docs", "lab.md"), encoding="utf-8") as handle:
        text = handle.read()
    section = text[text.index("## Seed format"):]
    example = json.loads(section[section.index("```json") + len("```json"):section.index("```", section.index("```json") + 7)])
    ns_lab.load_seed(example)
    api = make_api(ns_lab)
    rules = [r["time-frame"] for r in api.get("/domains/acme.lab/users/1000/answerrules").json()]
    assert rules == ["Business Hours", "*"]
    assert api.get("/domains/acme.lab/users/7000").json()["service-code"] == "system-aa"
    assert api.get("/domains/acme.lab/users/1000/greetings/1").json()["file-source"] == "tts"
