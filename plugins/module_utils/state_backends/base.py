# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every state backend shares: host names, folder trees, mirroring, lock records.

A backend keeps ``<host>/`` folders (the per-host state directories) somewhere that
outlives the machine a phase runs on.  ``pull`` makes ``<state_dir>/<host>/`` an exact copy of
what the backend holds; ``push`` makes the backend hold exactly ``<state_dir>/<host>/``.
A per-host lock, taken at pull and released after push, keeps two runs on the same host
from overwriting each other's artifacts.  A lock names its owner and expires, so a run that
died cannot block the host forever; the same owner may take its own lock back.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from datetime import datetime, timedelta, timezone

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactError, read_bytes, write_if_changed

HOST_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]*$")
# Files whose name says they hold (encrypted) secrets are written readable by the owner only.
PRIVATE_NAME = re.compile(r"(vault|secret)", re.IGNORECASE)


class StateBackendError(Exception):
    """The backend could not be read or written; the message names the host and the backend."""


class LockHeld(StateBackendError):
    """Another run holds the host's lock."""

    def __init__(self, host, record):
        self.record = record
        super().__init__("the state of %s is locked by %s since %s (until %s); wait for that run to finish, or let the lock expire"
                         % (host, record.get("owner") or "an unknown run", record.get("acquired_at"), record.get("expires_at")))


def check_host(host):
    """``host`` as a single folder name: no separators, no leading dot."""
    if not isinstance(host, str) or not HOST_PATTERN.match(host) or host in (".", ".."):
        raise StateBackendError("host: %r cannot name a state folder (letters, digits, '_', '.', '@', '-'; no '/')" % (host,))
    return host


def read_tree(folder):
    """``{relative posix path: bytes}`` of every regular file under ``folder`` (empty when it does not exist).

    Temporary files of an interrupted atomic write (``.<name>.*.tmp``) are not state and are left out.
    """
    files = {}
    if not os.path.isdir(folder):
        return files
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            if name.startswith(".") and name.endswith(".tmp"):
                continue
            path = os.path.join(root, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            relative = os.path.relpath(path, folder).replace(os.sep, "/")
            content = read_bytes(path)
            if content is not None:
                files[relative] = content
    return files


def file_mode(path, relative):
    """Keep an existing file's permissions; new files holding secrets get 0600, others 0644."""
    try:
        return os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        return 0o600 if PRIVATE_NAME.search(relative) else 0o644


def pull_into(files, folder, check_mode=False):
    """What pull does with the backend's ``files`` for a host: mirror them into ``folder``.

    A backend that holds nothing for the host (never pushed) leaves the local folder alone, so
    switching an existing state directory to a persistent backend never loses its artifacts:
    the first push uploads them.
    """
    if not files:
        return []
    return mirror(files, folder, check_mode=check_mode)


def mirror(files, folder, check_mode=False):
    """Make ``folder`` hold exactly ``files``; returns ``[{file, action}]`` (added, updated, removed), sorted."""
    changes = []
    current = read_tree(folder)
    try:
        for relative in sorted(files):
            path = os.path.join(folder, *relative.split("/"))
            if current.get(relative) == files[relative]:
                continue
            write_if_changed(path, files[relative], mode=file_mode(path, relative), check_mode=check_mode)
            changes.append(dict(file=relative, action="updated" if relative in current else "added"))
        for relative in sorted(set(current) - set(files)):
            if not check_mode:
                os.unlink(os.path.join(folder, *relative.split("/")))
            changes.append(dict(file=relative, action="removed"))
        if not check_mode:
            _remove_empty_folders(folder)
    except (ArtifactError, OSError) as exc:
        raise StateBackendError("%s: %s" % (folder, exc)) from exc
    return sorted(changes, key=lambda change: change["file"])


def _remove_empty_folders(folder):
    if not os.path.isdir(folder):
        return
    for root, dummy_dirs, dummy_names in sorted(os.walk(folder, topdown=False), reverse=False):
        if root != folder and not os.listdir(root):
            os.rmdir(root)


def diff_trees(before, after):
    """``[{file, action}]`` that turn ``before`` into ``after``."""
    changes = [dict(file=name, action="updated" if name in before else "added") for name in after if before.get(name) != after[name]]
    changes += [dict(file=name, action="removed") for name in before if name not in after]
    return sorted(changes, key=lambda change: change["file"])


def utc_now():
    return datetime.now(timezone.utc).replace(microsecond=0)


def stamp(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_stamp(text):
    try:
        return datetime.strptime(str(text), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def new_lock_record(host, owner, ttl_minutes, now=None):
    if not isinstance(ttl_minutes, int) or ttl_minutes < 1:
        raise StateBackendError("lock_ttl: %r must be a whole number of minutes, 1 or more" % (ttl_minutes,))
    now = now or utc_now()
    return dict(host=host, owner=owner or "unknown", acquired_at=stamp(now), expires_at=stamp(now + timedelta(minutes=ttl_minutes)),
                nonce=uuid.uuid4().hex)


def lock_takeover(record, owner, now=None):
    """Why a held lock may be taken over (``expired`` or ``same_owner``), or None when it may not."""
    if record.get("owner") == owner and owner:
        return "same_owner"
    expires = parse_stamp(record.get("expires_at"))
    if expires is None or expires <= (now or utc_now()):
        return "expired"
    return None


def lock_bytes(record):
    return (json.dumps(record, indent=2, sort_keys=True) + "\n").encode("utf-8")


def lock_from_bytes(content):
    try:
        record = json.loads(content.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, AttributeError):
        return {}
    return record if isinstance(record, dict) else {}
