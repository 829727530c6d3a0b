# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The local folder backend: the state directory itself (lock only) or a shared mount mirrored to and from it."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.state_backends import factory
from ansible_collections.ucaas.migration.plugins.module_utils.state_backends.base import LockHeld, StateBackendError, read_tree


def test_state_dir_as_its_own_storage_only_locks(tmp_path):
    (tmp_path / "h1").mkdir()
    (tmp_path / "h1" / "inventory.json").write_text("{}")
    backend = factory.make_backend(str(tmp_path), {"type": "local"})
    pulled = factory.pull(backend, "h1", owner="dana@laptop")
    assert pulled["files"] == [] and (tmp_path / ".locks" / "h1.json").exists()
    with pytest.raises(LockHeld, match="locked by dana@laptop"):
        factory.pull(backend, "h1", owner="omar@laptop")
    assert factory.push(backend, "h1", lock_token=pulled["lock"]["token"]) == dict(files=[], revision=None, released=True)
    assert not (tmp_path / ".locks" / "h1.json").exists()
    assert read_tree(str(tmp_path / "h1")) == {"inventory.json": b"{}"}


def test_shared_folder_is_mirrored(tmp_path):
    shared = tmp_path / "mount"
    (tmp_path / "a" / "h1" / "audio").mkdir(parents=True)
    (tmp_path / "a" / "h1" / "audio" / "x.wav").write_bytes(b"RIFF")
    first = factory.make_backend(str(tmp_path / "a"), {"type": "local", "path": str(shared)})
    assert factory.push(first, "h1")["files"] == [{"file": "audio/x.wav", "action": "added"}]
    second = factory.make_backend(str(tmp_path / "b"), {"type": "local", "path": str(shared)})
    assert factory.pull(second, "h1", lock=False)["files"] == [{"file": "audio/x.wav", "action": "added"}]
    assert read_tree(str(tmp_path / "b" / "h1")) == {"audio/x.wav": b"RIFF"}


def test_expired_local_lock_is_taken_over(tmp_path):
    backend = factory.make_backend(str(tmp_path), {})
    backend.acquire("h1", "awx job 1", 30, now=datetime.now(timezone.utc) - timedelta(hours=1))
    assert backend.acquire("h1", "awx job 2", 30)["took_over"] == "expired"


def test_settings_of_another_backend_are_refused(tmp_path):
    with pytest.raises(StateBackendError, match="url do not apply to the local backend"):
        factory.make_backend(str(tmp_path), {"type": "local", "url": "git://x"})
    with pytest.raises(StateBackendError, match="lock_ttl"):
        factory.pull(factory.make_backend(str(tmp_path), {}), "h1", ttl_minutes=0)
