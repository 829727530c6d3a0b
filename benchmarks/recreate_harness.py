# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run playbooks/recreate.yml and benchmarks/uri_loop.yml against an in-process lab and measure them.

Shared by ``bench_recreate.py`` and the recreate fault tests:

* ``LabPartner``: a one-host partner inventory (folder) whose target is a lab, with the synthetic
  company's inventory.json and scope.json in its state directory;
* ``WriteRecorder``: records the successful writes the lab answers (method, path, JSON body), so the
  per-object ``uri`` loop can send exactly the writes the bulk path made;
* ``run_playbook``: ansible-playbook with this checkout's collection, timed, with the play recap;
* ``lab_dump``: the lab's objects, for comparing the final state of two runs.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import labpaths
import synthetic_company

labpaths.bootstrap()

from nslab.counters import WRITE_METHODS, request_delta, write_requests  # noqa: E402  pylint: disable=wrong-import-position

REPO = labpaths.REPO
RECREATE_PLAYBOOK = REPO / "playbooks" / "recreate.yml"
URI_LOOP_PLAYBOOK = REPO / "benchmarks" / "uri_loop.yml"
API_PREFIX = "/ns-api/v2"
RESELLER = "keystone-voice"
RESELLER_SEED = {"resellers": [{"reseller": RESELLER, "description": "Keystone Voice Partners"}]}
RECAP = re.compile(r"^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)


class PlaybookRun:
    """One ansible-playbook run: return code, output, wall seconds, recap of the host."""

    def __init__(self, completed, wall, host):
        self.returncode = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr
        self.wall = wall
        self.recap = None
        for match in RECAP.finditer(completed.stdout):
            if match.group(1) == host:
                self.recap = dict(zip(("ok", "changed", "unreachable", "failed"), map(int, match.groups()[1:])))

    @property
    def ok(self):
        return self.returncode == 0

    @property
    def output(self):
        return self.stdout + self.stderr


def playbook_env(extra=None):
    """Environment of ansible-playbook: this checkout's collection, unless BENCH_COLLECTIONS_PATH names another build."""
    collections = os.environ.get("BENCH_COLLECTIONS_PATH") or str(labpaths.collection_root())
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections, ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
               ANSIBLE_STDOUT_CALLBACK="default", ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_LOCALHOST_WARNING="0",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="0")
    for name in ("NS_API_URL", "NS_API_KEY", "NS_CLIENT_ID", "NS_CLIENT_SECRET", "NS_USERNAME", "NS_PASSWORD"):
        env.pop(name, None)
    env.update(extra or {})
    return env


def run_playbook(playbook, *args, host="localhost", env=None, timeout=7200):
    """Run ``ansible-playbook`` from this Python's environment; returns a PlaybookRun."""
    command = [str(Path(sys.executable).parent / "ansible-playbook"), "-e", "ansible_python_interpreter=%s" % sys.executable,
               *args, str(playbook)]
    started = time.monotonic()
    completed = subprocess.run(command, env=playbook_env(env), capture_output=True, text=True, timeout=timeout, check=False)
    return PlaybookRun(completed, time.monotonic() - started, host)


class LabPartner:
    """A one-host partner inventory in ``folder`` whose target platform is ``lab``."""

    def __init__(self, folder, lab, users, host="synthetic-co", customer=None, target_extra=None):
        self.folder = Path(folder)
        self.host = host
        self.users = users
        self.state = self.folder / "state"
        self.host_dir = synthetic_company.write_company(self.state, host, users, customer=customer)
        self.inventory = self.folder / "inventory"
        (self.inventory / "group_vars" / "all").mkdir(parents=True, exist_ok=True)
        (self.inventory / "hosts.yml").write_text(json.dumps({"all": {"children": {"migrations": {"hosts": {host: None}}}}}), encoding="utf-8")
        self.domain = "synthetic-%d.%s.service" % (users, RESELLER)
        target = {"api_url": lab.url, "api_key": lab.admin_api_key, "reseller": RESELLER, "domain": self.domain,
                  "description": customer or "Synthetic %d" % users}
        target.update(target_extra or {})
        group_vars = {
            "ansible_connection": "local", "ucaas_state_dir": str(self.state),
            "ucaas_partner": {"id": RESELLER, "name": "Keystone Voice Partners", "reseller": RESELLER},
            "ucaas_source": {"platform": "netsapiens", "default_region": "US", "time_zone": synthetic_company.TIME_ZONE},
            "ucaas_target": target,
        }
        (self.inventory / "group_vars" / "all" / "main.yml").write_text(json.dumps(group_vars, indent=1), encoding="utf-8")

    @property
    def journal(self):
        return self.host_dir / "journal.jsonl"

    def journal_entries(self):
        if not self.journal.exists():
            return []
        return [json.loads(line) for line in self.journal.read_text(encoding="utf-8").splitlines() if line.strip()]

    def plan(self):
        return json.loads((self.host_dir / "plan.json").read_text(encoding="utf-8"))

    def recreate(self, *args, env=None):
        return run_playbook(RECREATE_PLAYBOOK, "-i", str(self.inventory), *args, host=self.host, env=env)


class WriteRecorder:
    """Records the API writes a lab answered with 2xx, in the order they were answered.

    Wraps ``lab.dispatcher.dispatch`` (the lab runs in this process); ``close()`` restores it.
    ``on_write(count)`` is called after each recorded write (e.g. to inject faults mid-run).
    """

    def __init__(self, lab, on_write=None):
        self.lab = lab
        self.on_write = on_write
        self.writes = []
        self._lock = threading.Lock()
        self._dispatch = lab.dispatcher.dispatch
        lab.dispatcher.dispatch = self._recording

    def _recording(self, method, path, query_string, headers, raw):
        result = self._dispatch(method, path, query_string, headers, raw)
        if method in WRITE_METHODS and path.startswith(API_PREFIX + "/") and result[0] != "drop" and 200 <= result[0] < 300:
            content_type = (headers.get("Content-Type") or "application/json").split(";", 1)[0].strip()
            entry = {"method": method, "path": path[len(API_PREFIX):], "content_type": content_type}
            if content_type == "application/json":
                entry["body"] = json.loads(raw.decode("utf-8")) if raw else None
            with self._lock:
                self.writes.append(entry)
                count = len(self.writes)
            if self.on_write is not None:
                self.on_write(count)
        return result

    def close(self):
        self.lab.dispatcher.dispatch = self._dispatch


def lab_counts(before, after):
    """API calls between two ``lab.stats()`` snapshots: total, writes, and the per-template delta."""
    delta = request_delta(before, after)
    api = dict((key, count) for key, count in delta.items() if " %s/" % API_PREFIX in key or key.endswith(API_PREFIX))
    writes = write_requests(api)
    return {"total": sum(api.values()), "writes": sum(writes.values()), "requests": api}


def write_requests_file(path, writes, limit=None):
    """The uri loop's input: the JSON writes, in order (other content types cannot be replayed by ``uri``).

    Returns (replayable writes, writes left out as not replayable, writes written to the file);
    ``limit`` keeps only the first writes (a sample whose pace is measured).
    """
    replayable = [dict(method=w["method"], path=w["path"], body=w["body"]) for w in writes if w["content_type"] == "application/json"]
    sample = replayable[:limit] if limit else replayable
    Path(path).write_text(json.dumps(sample, indent=1), encoding="utf-8")
    return len(replayable), len(writes) - len(replayable), len(sample)


def run_uri_loop(lab, requests_file):
    """Send each request of ``requests_file`` with one ``ansible.builtin.uri`` call (a loop item)."""
    return run_playbook(URI_LOOP_PLAYBOOK, "-e", "bench_api_url=%s%s" % (lab.url, API_PREFIX),
                        "-e", "bench_api_key=%s" % lab.admin_api_key, "-e", "bench_requests_file=%s" % requests_file)


# Fields that differ between two labs holding the same configuration: ids and stamps the
# platform assigns, generated passwords, media URLs carrying ids, the lab's own bookkeeping (_*).
VOLATILE_FIELD = re.compile(r"(^_|(^|-)(id|ids|time|date|datetime|created|modified|updated|password|url|token)$)")


def _stable(value):
    if isinstance(value, dict):
        return dict((key, _stable(item)) for key, item in sorted(value.items()) if not VOLATILE_FIELD.search(key))
    if isinstance(value, list):
        return [_stable(item) for item in value]
    return value


def lab_dump(lab, stable=True):
    """Every visible object of the lab: ``{kind: [object, ...]}``.

    With ``stable`` (default) volatile fields are dropped and each kind's objects are sorted by
    content, so two labs that hold the same configuration give equal dumps even when the platform
    numbered their objects differently (time frames are stored under assigned ids); a duplicate
    shows as an extra object.
    """
    store = lab.store
    with store._lock:  # pylint: disable=protected-access
        store._promote()  # pylint: disable=protected-access
        rows = store._db.execute("SELECT kind, scope, name, body FROM objects ORDER BY kind, scope, name").fetchall()  # pylint: disable=protected-access
    dump = {}
    for kind, dummy, dummy, body in rows:
        value = json.loads(body)
        dump.setdefault(kind, []).append(_stable(value) if stable else value)
    if stable:
        for kind, objects in dump.items():
            objects.sort(key=lambda obj: json.dumps(obj, sort_keys=True))
    return dump
