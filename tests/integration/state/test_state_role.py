# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ucaas.migration.state role around a phase, as AWX runs it: a fresh folder each job, the state in git."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ansible_collections.ucaas.migration.plugins.module_utils.state_backends import factory

PLAYBOOK = Path(__file__).parent / "playbooks" / "phase_with_state.yml"


def _inventory(folder, url, hosts=("northwind",)):
    folder.mkdir(parents=True)
    (folder / "hosts.yml").write_text(yaml.safe_dump({"all": {"children": {"migrations": {"hosts": {host: None for host in hosts}}}}}))
    (folder / "group_vars").mkdir()
    (folder / "group_vars" / "all.yml").write_text(yaml.safe_dump({
        "ansible_connection": "local", "ucaas_state_dir": str(folder / "state"),
        "ucaas_state_backend": {"type": "git", "url": url}}))
    return folder


def _run(run_playbook, inventory, *extra):
    return run_playbook(PLAYBOOK, "-i", str(inventory), *extra, env={"ANSIBLE_STDOUT_CALLBACK": "default"})


def _recap(run):
    return {name: dict(re.findall(r"(\w+)=(\d+)", counts)) for name, counts in re.findall(r"^(\S+)\s+:\s+(ok=.*)$", run.stdout, re.M)}


def test_each_job_starts_from_what_the_last_one_left(run_playbook, tmp_path, state_repo, git_server):
    name, url = state_repo
    first = _run(run_playbook, _inventory(tmp_path / "job1", url), "-e", "phase_output=first", "-e", "awx_job_id=1")
    assert first.returncode == 0, first.stdout[-3000:]
    second = _run(run_playbook, _inventory(tmp_path / "job2", url), "-e", "phase_output=second", "-e", "awx_job_id=2")
    assert second.returncode == 0, second.stdout[-3000:]
    assert (tmp_path / "job2" / "state" / "northwind" / "history.txt").read_text() == "first\nsecond\n"
    assert git_server.git(name, "show", "main:northwind/history.txt") == "first\nsecond\n"
    assert "phase with state" not in git_server.git(name, "log", "-1", "--format=%s", "main")
    assert git_server.git(name, "log", "-1", "--format=%s", "main").strip() == "A phase whose state lives in the backend: northwind (awx job 2)"
    assert git_server.git(name, "for-each-ref", "refs/ucaas-state-locks").strip() == ""


def test_rerun_in_the_same_folder_reports_no_change(run_playbook, tmp_path, state_repo):
    dummy_name, url = state_repo
    inventory = _inventory(tmp_path / "job", url)
    args = ("-e", "phase_output=same", "-e", "phase_record_history=false")
    assert _run(run_playbook, inventory, *args).returncode == 0
    again = _run(run_playbook, inventory, *args)
    assert again.returncode == 0, again.stdout[-3000:]
    assert _recap(again)["northwind"]["changed"] == "0", again.stdout[-3000:]


def test_a_failed_phase_still_stores_its_state_and_releases_the_lock(run_playbook, tmp_path, state_repo, git_server):
    name, url = state_repo
    failed = _run(run_playbook, _inventory(tmp_path / "job", url), "-e", "phase_output=journal", "-e", "phase_fail=true")
    assert failed.returncode != 0
    assert "the phase failed after writing its journal" in failed.stdout
    assert git_server.git(name, "show", "main:northwind/phase.txt") == "journal\n"
    assert git_server.git(name, "for-each-ref", "refs/ucaas-state-locks").strip() == ""


def test_a_locked_host_is_refused_naming_the_holder_and_its_state_is_untouched(run_playbook, tmp_path, state_repo, git_server):
    name, url = state_repo
    holder = factory.make_backend(str(tmp_path / "other"), dict(type="git", url=url))
    holder.acquire("northwind", "awx job 41 (dana)", 240)
    refused = _run(run_playbook, _inventory(tmp_path / "job", url), "-e", "phase_output=x", "-e", "awx_job_id=42")
    assert refused.returncode != 0
    assert "the state of northwind is locked by awx job 41 (dana)" in refused.stdout
    assert git_server.git(name, "for-each-ref", "refs/heads").strip() == ""
    assert holder.holder("northwind")["owner"] == "awx job 41 (dana)"


def test_several_hosts_of_one_partner_share_the_repository(run_playbook, tmp_path, state_repo, git_server):
    name, url = state_repo
    hosts = ("northwind", "harbor-clinic", "elm-street")
    run = _run(run_playbook, _inventory(tmp_path / "job", url, hosts), "-e", "phase_output=x", "--forks", "3")
    assert run.returncode == 0, run.stdout[-3000:]
    assert sorted(git_server.git(name, "ls-tree", "--name-only", "main").split()) == sorted(hosts)
