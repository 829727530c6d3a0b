# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Build a state backend from the ``ucaas_state_backend`` settings, and run pull/push/release with their locks."""

from __future__ import annotations

import os

from ansible_collections.ucaas.migration.plugins.module_utils.state_backends.base import StateBackendError
from ansible_collections.ucaas.migration.plugins.module_utils.state_backends.git import GitBackend
from ansible_collections.ucaas.migration.plugins.module_utils.state_backends.local import LocalBackend

BACKEND_TYPES = ("local", "git")
GIT_SETTINGS = ("url", "branch", "ssh_private_key_file", "author_name", "author_email")


def make_backend(state_dir, settings):
    """A backend for ``settings`` (``type`` plus that type's keys); unknown types and stray keys name the field."""
    settings = {key: value for key, value in dict(settings or {}).items() if value is not None}
    kind = settings.pop("type", "local")
    if kind == "local":
        if set(settings) - {"path"}:
            raise StateBackendError("backend: %s do not apply to the local backend (it takes path)" % ", ".join(sorted(set(settings) - {"path"})))
        return LocalBackend(state_dir, path=settings.get("path"))
    if kind == "git":
        stray = set(settings) - set(GIT_SETTINGS)
        if stray:
            raise StateBackendError("backend: %s do not apply to the git backend (it takes %s)" % (", ".join(sorted(stray)), ", ".join(GIT_SETTINGS)))
        return GitBackend(state_dir, url=settings.pop("url", None), **settings)
    raise StateBackendError("backend.type: %r is not one of %s" % (kind, ", ".join(BACKEND_TYPES)))


def pull(backend, host, lock=True, owner=None, ttl_minutes=240, check_mode=False):
    """Take the host's lock (unless ``lock`` is false or in check mode), then pull; the lock is released again if the pull fails."""
    held = None
    if lock and not check_mode:
        held = backend.acquire(host, owner, ttl_minutes)
    try:
        result = backend.pull(host, check_mode=check_mode)
        if not check_mode:
            # the phase writes its artifacts there, also on the very first run
            os.makedirs(os.path.join(backend.state_dir, host), exist_ok=True)
    except Exception:
        if held:
            backend.release(host, held["token"])
        raise
    return dict(result, lock=held)


def push(backend, host, message=None, lock_token=None, release_lock=True, check_mode=False):
    """Push (refusing when ``lock_token`` is no longer the host's lock), then release the lock."""
    result = backend.push(host, message=message, lock_token=lock_token, check_mode=check_mode)
    released = False
    if lock_token and release_lock and not check_mode:
        released = backend.release(host, lock_token)
    return dict(result, released=released)
