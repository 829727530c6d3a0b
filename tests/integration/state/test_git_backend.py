# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The git state backend against a real git server (git daemon on 127.0.0.1)."""
from __future__ import annotations

import os
import threading
from datetime import datetime, timedelta, timezone

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.state_backends import factory
from ansible_collections.ucaas.migration.plugins.module_utils.state_backends.base import LockHeld, StateBackendError, read_tree


def _backend(folder, url, **extra):
    return factory.make_backend(str(folder), dict(type="git", url=url, **extra))


def _write(folder, files):
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def test_push_then_pull_into_a_fresh_folder_copies_the_host_exactly(tmp_path, state_repo, git_server):
    name, url = state_repo
    files = {"inventory.json": b"{}\n", "audio/aa-main.wav": b"RIFF\x00\x01binary", "secrets.vault.yml": b"$ANSIBLE_VAULT;1.1;AES256\n"}
    _write(tmp_path / "first" / "northwind", files)
    first = _backend(tmp_path / "first", url)
    lock = factory.pull(first, "northwind", owner="awx job 1")["lock"]
    pushed = factory.push(first, "northwind", message="collect: northwind", lock_token=lock["token"])
    assert [change["action"] for change in pushed["files"]] == ["added", "added", "added"]
    assert pushed["released"] is True
    assert git_server.git(name, "log", "-1", "--format=%s", "main").strip() == "collect: northwind"

    fresh = _backend(tmp_path / "container", url)
    pulled = factory.pull(fresh, "northwind", owner="awx job 2")
    assert read_tree(str(tmp_path / "container" / "northwind")) == files
    assert pulled["revision"] == pushed["revision"]
    assert os.stat(tmp_path / "container" / "northwind" / "secrets.vault.yml").st_mode & 0o777 == 0o600
    assert factory.push(fresh, "northwind", lock_token=pulled["lock"]["token"])["files"] == []


def test_pull_mirrors_removals_and_leaves_other_hosts_alone(tmp_path, state_repo):
    dummy_name, url = state_repo
    _write(tmp_path / "a" / "h1", {"keep.json": b"1", "drop.json": b"2"})
    _write(tmp_path / "a" / "h2", {"other.json": b"3"})
    backend = _backend(tmp_path / "a", url)
    factory.push(backend, "h1")
    factory.push(backend, "h2")
    (tmp_path / "a" / "h1" / "drop.json").unlink()
    assert factory.push(backend, "h1")["files"] == [{"file": "drop.json", "action": "removed"}]
    _write(tmp_path / "b" / "h1", {"stale.txt": b"old", "drop.json": b"2"})
    pulled = factory.pull(_backend(tmp_path / "b", url), "h1", lock=False)
    assert pulled["files"] == [{"file": "drop.json", "action": "removed"}, {"file": "keep.json", "action": "added"},
                               {"file": "stale.txt", "action": "removed"}]
    assert read_tree(str(tmp_path / "b" / "h1")) == {"keep.json": b"1"}
    factory.pull(_backend(tmp_path / "c", url), "h2", lock=False)
    assert read_tree(str(tmp_path / "c" / "h2")) == {"other.json": b"3"}


def test_pull_from_a_backend_without_the_host_keeps_local_files(tmp_path, state_repo):
    dummy_name, url = state_repo
    _write(tmp_path / "h1", {"inventory.json": b"{}"})
    assert factory.pull(_backend(tmp_path, url), "h1", lock=False)["files"] == []
    assert read_tree(str(tmp_path / "h1")) == {"inventory.json": b"{}"}


def test_second_run_on_the_same_host_is_refused_while_the_first_holds_the_lock(tmp_path, state_repo):
    dummy_name, url = state_repo
    first = factory.pull(_backend(tmp_path / "a", url), "h1", owner="awx job 7 (dana)")
    with pytest.raises(LockHeld, match=r"the state of h1 is locked by awx job 7 \(dana\) since "):
        factory.pull(_backend(tmp_path / "b", url), "h1", owner="awx job 8 (omar)")
    assert factory.push(_backend(tmp_path / "a", url), "h1", lock_token=first["lock"]["token"])["released"] is True
    second = factory.pull(_backend(tmp_path / "b", url), "h1", owner="awx job 8 (omar)")
    assert second["lock"]["took_over"] is None


def test_expired_lock_is_taken_over_and_the_old_run_may_not_push(tmp_path, state_repo):
    dummy_name, url = state_repo
    backend = _backend(tmp_path / "a", url)
    long_ago = datetime.now(timezone.utc) - timedelta(hours=10)
    dead = backend.acquire("h1", "awx job 1", 60, now=long_ago)
    taken = factory.pull(_backend(tmp_path / "b", url), "h1", owner="awx job 2")
    assert taken["lock"]["took_over"] == "expired" and taken["lock"]["previous_owner"] == "awx job 1"
    _write(tmp_path / "a" / "h1", {"late.json": b"from the dead run"})
    with pytest.raises(StateBackendError, match="no longer ours .now held by awx job 2"):
        factory.push(backend, "h1", lock_token=dead["token"])
    assert backend.release("h1", dead["token"]) is False
    assert backend.holder("h1")["owner"] == "awx job 2"


def test_same_owner_takes_its_own_lock_back(tmp_path, state_repo):
    dummy_name, url = state_repo
    backend = _backend(tmp_path, url)
    backend.acquire("h1", "dana@laptop", 240)
    assert backend.acquire("h1", "dana@laptop", 240)["took_over"] == "same_owner"


def test_concurrent_pushes_of_different_hosts_all_land(tmp_path, state_repo, git_server):
    name, url = state_repo
    hosts = ["h%d" % index for index in range(4)]
    for host in hosts:
        _write(tmp_path / host / host, {"inventory.json": host.encode()})
    errors = []

    def push(host):
        try:
            factory.push(_backend(tmp_path / host, url), host, message=host)
        except StateBackendError as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=push, args=(host,)) for host in hosts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    listing = git_server.git(name, "ls-tree", "-r", "--name-only", "main").split()
    assert listing == ["%s/inventory.json" % host for host in hosts]


def test_check_mode_pull_and_push_change_nothing(tmp_path, state_repo, git_server):
    name, url = state_repo
    _write(tmp_path / "a" / "h1", {"x.json": b"1"})
    assert factory.push(_backend(tmp_path / "a", url), "h1", check_mode=True)["files"] == [{"file": "x.json", "action": "added"}]
    assert git_server.git(name, "for-each-ref").strip() == ""
    factory.push(_backend(tmp_path / "a", url), "h1")
    pulled = factory.pull(_backend(tmp_path / "b", url), "h1", check_mode=True)
    assert pulled["files"] == [{"file": "x.json", "action": "added"}] and pulled["lock"] is None
    assert not (tmp_path / "b" / "h1").exists()


def test_unreachable_remote_and_bad_settings_name_the_problem(tmp_path):
    with pytest.raises(StateBackendError, match=r"git git://\*\*\*@127\.0\.0\.1:1/none\.git \(main\): git ls-remote failed") as failure:
        factory.pull(_backend(tmp_path, "git://user:pw@127.0.0.1:1/none.git"), "h1", lock=False)
    assert "user:pw" not in str(failure.value)
    with pytest.raises(StateBackendError, match="backend.url: required"):
        factory.make_backend(str(tmp_path), dict(type="git"))
    with pytest.raises(StateBackendError, match=r"backend.type: 's3' is not one of local, git"):
        factory.make_backend(str(tmp_path), dict(type="s3"))
    with pytest.raises(StateBackendError, match="host: '../etc' cannot name a state folder"):
        factory.pull(factory.make_backend(str(tmp_path), {}), "../etc")
