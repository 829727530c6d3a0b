# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The local folder backend: ``<path>/<host>/`` on a disk the controller mounts.

With no ``path`` (or ``path`` equal to the state directory) the state directory is its own
storage: pull and push copy nothing and only the lock is taken.  A ``path`` elsewhere (an NFS
or other shared mount) is mirrored to and from the state directory.  Locks are files
``<path>/.locks/<host>.json`` created exclusively, so two runs cannot both create one.
"""

from __future__ import annotations

import os

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import atomic_write, read_bytes
from ansible_collections.ucaas.migration.plugins.module_utils.state_backends.base import (
    LockHeld,
    StateBackendError,
    check_host,
    diff_trees,
    lock_bytes,
    lock_from_bytes,
    lock_takeover,
    mirror,
    pull_into,
    new_lock_record,
    read_tree,
)


class LocalBackend:
    kind = "local"

    def __init__(self, state_dir, path=None):
        self.state_dir = os.path.abspath(state_dir)
        self.path = os.path.abspath(path) if path else self.state_dir

    def describe(self):
        return "local folder %s" % self.path

    @property
    def same_folder(self):
        return os.path.realpath(self.path) == os.path.realpath(self.state_dir)

    def pull(self, host, check_mode=False):
        check_host(host)
        if self.same_folder:
            return dict(files=[], revision=None)
        files = pull_into(read_tree(os.path.join(self.path, host)), os.path.join(self.state_dir, host), check_mode=check_mode)
        return dict(files=files, revision=None)

    def push(self, host, message=None, lock_token=None, check_mode=False):
        check_host(host)
        self._check_still_held(host, lock_token)
        if self.same_folder:
            return dict(files=[], revision=None)
        target = os.path.join(self.path, host)
        source_files = read_tree(os.path.join(self.state_dir, host))
        if check_mode:
            return dict(files=diff_trees(read_tree(target), source_files), revision=None)
        return dict(files=mirror(source_files, target), revision=None)

    def _lock_path(self, host):
        return os.path.join(self.path, ".locks", "%s.json" % host)

    def holder(self, host):
        content = read_bytes(self._lock_path(check_host(host)))
        if content is None:
            return None
        record = lock_from_bytes(content)
        record["token"] = record.get("nonce")
        return record

    def acquire(self, host, owner, ttl_minutes, now=None):
        check_host(host)
        record = new_lock_record(host, owner, ttl_minutes, now=now)
        path = self._lock_path(host)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            held = self.holder(host) or {}
            reason = lock_takeover(held, owner, now=now)
            if reason is None:
                raise LockHeld(host, held) from None
            # a takeover is a replace, not a create: the last writer wins between two takeovers of a dead lock
            atomic_write(path, lock_bytes(record))
            return dict(record, token=record["nonce"], took_over=reason, previous_owner=held.get("owner"))
        except OSError as exc:
            raise StateBackendError("%s: cannot create the lock: %s" % (path, exc.strerror or exc)) from exc
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(lock_bytes(record))
        return dict(record, token=record["nonce"], took_over=None, previous_owner=None)

    def _check_still_held(self, host, lock_token):
        if not lock_token:
            return
        held = self.holder(host)
        if held is None or held.get("token") != lock_token:
            raise StateBackendError("the lock on the state of %s is no longer ours (now held by %s); not pushing over another run's state"
                                    % (host, (held or {}).get("owner", "nobody")))

    def release(self, host, lock_token):
        held = self.holder(host)
        if held is None or held.get("token") != lock_token:
            return False
        os.unlink(self._lock_path(host))
        return True
