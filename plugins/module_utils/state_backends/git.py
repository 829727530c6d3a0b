# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The git backend: one branch of a git remote holds every host's folder, ``<host>/...``.

Each operation works in a throw-away bare repository with a shallow fetch of the branch
(an AWX container has nothing cached), builds trees with git's plumbing (no work tree,
no checkout) and pushes with ``--force-with-lease``, which the server applies as a
compare-and-swap on the ref:

- push: commit the host's folder on top of the fetched head; when another host's push
  advanced the branch meanwhile, rebuild on the new head and try again (only this host's
  folder changes, so there is never a conflict to resolve);
- lock: ``refs/ucaas-state-locks/<host>`` is created only if it does not exist (a lease on
  "absent"); its commit message is the lock record; release deletes it only if it is still
  ours (a lease on our commit).

Only the ``git`` command is needed; credentials are whatever git uses for the URL (an SSH
key given as ``ssh_private_key_file``, or the usual credential helpers for HTTPS).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from urllib.parse import urlsplit

from ansible_collections.ucaas.migration.plugins.module_utils.state_backends.base import (
    LockHeld,
    StateBackendError,
    check_host,
    diff_trees,
    lock_bytes,
    lock_from_bytes,
    lock_takeover,
    pull_into,
    new_lock_record,
    read_tree,
)

LOCK_REF_PREFIX = "refs/ucaas-state-locks/"
FETCHED_REF = "refs/ucaas/fetched"
PUSH_ATTEMPTS = 5
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
URL_USERINFO = re.compile(r"^([a-z][a-z0-9+.-]*://)[^/@]*@", re.IGNORECASE)


def redact_url(url):
    """The URL without user and password (for messages)."""
    return URL_USERINFO.sub(r"\1***@", str(url))


class GitBackend:
    kind = "git"

    def __init__(self, state_dir, url, branch="main", ssh_private_key_file=None, author_name="ucaas.migration",
                 author_email="ucaas-migration@localhost", git="git"):
        if not url:
            raise StateBackendError("backend.url: required for the git backend")
        if not branch or not re.match(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$", branch) or ".." in branch:
            raise StateBackendError("backend.branch: %r is not a usable branch name" % (branch,))
        self.state_dir = os.path.abspath(state_dir)
        self.url = url
        self.branch_ref = "refs/heads/%s" % branch
        self.git_command = git
        self.env = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_CONFIG_NOSYSTEM="1", LC_ALL="C",
                        GIT_AUTHOR_NAME=author_name, GIT_AUTHOR_EMAIL=author_email,
                        GIT_COMMITTER_NAME=author_name, GIT_COMMITTER_EMAIL=author_email)
        if ssh_private_key_file:
            self.env["GIT_SSH_COMMAND"] = "ssh -i %s -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=accept-new" % (
                ssh_private_key_file)
        self.repo = None

    def describe(self):
        return "git %s (%s)" % (redact_url(self.url), self.branch_ref[len("refs/heads/"):])

    # -- plumbing -----------------------------------------------------------------------
    def __enter__(self):
        self.repo = tempfile.mkdtemp(prefix="ucaas-state-git-")
        self._git("init", "-q", "--bare", self.repo, cwd=None)
        return self

    def __exit__(self, *exc_info):
        shutil.rmtree(self.repo, ignore_errors=True)
        self.repo = None

    def _git(self, *args, data=None, cwd=True, check=True):
        command = [self.git_command] + (["-C", self.repo] if cwd else []) + list(args)
        try:
            run = subprocess.run(command, input=data, capture_output=True, env=self.env, check=False, timeout=600)
        except FileNotFoundError:
            raise StateBackendError("the git backend needs the git command (apt-get install git)") from None
        except subprocess.TimeoutExpired:
            raise StateBackendError("%s: git %s did not finish within 10 minutes" % (self.describe(), args[0])) from None
        if check and run.returncode != 0:
            raise StateBackendError("%s: git %s failed: %s" % (self.describe(), args[0], self._error_text(run)))
        return run

    def _error_text(self, run):
        text = (run.stderr or b"").decode("utf-8", errors="replace").strip() or (run.stdout or b"").decode("utf-8", errors="replace").strip()
        text = text.replace(self.url, redact_url(self.url))
        userinfo = urlsplit(self.url).netloc.rpartition("@")[0] if "://" in self.url else ""
        if userinfo:
            # git repeats the credentials in some messages ("unable to look up user:token@host")
            text = text.replace(userinfo, "***")
        return text[-600:]

    def _remote_ref(self, ref):
        """The commit ``ref`` points at on the remote, or None."""
        run = self._git("ls-remote", "--", self.url, ref)
        for line in run.stdout.decode().splitlines():
            sha, name = line.split("\t", 1)
            if name == ref:
                return sha
        return None

    def _fetch(self, ref):
        """Fetch ``ref`` (shallow) and return its commit, or None when the remote has no such ref."""
        run = self._git("fetch", "-q", "--no-tags", "--depth", "1", self.url, "+%s:%s" % (ref, FETCHED_REF), check=False)
        if run.returncode != 0:
            if self._remote_ref(ref) is None:
                return None
            raise StateBackendError("%s: git fetch failed: %s" % (self.describe(), self._error_text(run)))
        return self._git("rev-parse", FETCHED_REF).stdout.decode().strip()

    def _push(self, source, ref, expected):
        """Compare-and-swap ``ref`` from ``expected`` (None: must not exist) to ``source`` (empty: delete); False if rejected."""
        lease = "--force-with-lease=%s:%s" % (ref, expected or "")
        run = self._git("push", "--porcelain", "--no-verify", lease, self.url, "%s:%s" % (source, ref), check=False)
        if run.returncode == 0:
            return True
        output = (run.stdout or b"").decode("utf-8", errors="replace")
        if any(line.startswith("!") for line in output.splitlines()):
            return False
        raise StateBackendError("%s: git push failed: %s" % (self.describe(), self._error_text(run)))

    def _tree_entries(self, tree, path=None):
        """``[(mode, type, sha, name)]`` of one tree (not recursive)."""
        args = ["ls-tree", "-z", tree] + ([path] if path else [])
        entries = []
        for item in self._git(*args).stdout.split(b"\0"):
            if not item:
                continue
            meta, name = item.split(b"\t", 1)
            mode, kind, sha = meta.decode().split(" ")
            entries.append((mode, kind, sha, name.decode("utf-8")))
        return entries

    def _read_host(self, commit, host):
        """``{relative path: bytes}`` of ``<host>/`` at ``commit``."""
        if commit is None:
            return {}
        listing = self._git("ls-tree", "-r", "-z", "--full-tree", commit, "--", host + "/").stdout
        paths = []
        for item in listing.split(b"\0"):
            if not item:
                continue
            meta, name = item.split(b"\t", 1)
            mode, kind, sha = meta.decode().split(" ")
            if kind == "blob" and mode in ("100644", "100755"):
                paths.append((name.decode("utf-8")[len(host) + 1:], sha))
        files = {}
        for relative, sha in paths:
            files[relative] = self._git("cat-file", "blob", sha).stdout
        return files

    def _write_tree(self, files):
        """Write ``{relative path: bytes}`` as nested tree objects; returns the top tree's sha (None when empty)."""
        children = {}
        blobs = {}
        for relative, content in files.items():
            head, sep, rest = relative.partition("/")
            if sep:
                children.setdefault(head, {})[rest] = content
            else:
                blobs[head] = content
        lines = []
        for name, content in blobs.items():
            sha = self._git("hash-object", "-w", "--no-filters", "--stdin", data=content).stdout.decode().strip()
            lines.append("100644 blob %s\t%s" % (sha, name))
        for name, subtree in children.items():
            lines.append("040000 tree %s\t%s" % (self._write_tree(subtree), name))
        if not lines:
            return None
        return self._git("mktree", "-z", data="".join(line + "\0" for line in lines).encode("utf-8")).stdout.decode().strip()

    def _root_with_host(self, head, host, host_tree):
        """The root tree of ``head`` with ``<host>/`` replaced by ``host_tree`` (None removes it)."""
        entries = [entry for entry in (self._tree_entries(head) if head else []) if entry[3] != host]
        if host_tree:
            entries.append(("040000", "tree", host_tree, host))
        if not entries:
            return EMPTY_TREE if head else None
        data = "".join("%s %s %s\t%s\0" % entry for entry in entries).encode("utf-8")
        return self._git("mktree", "-z", data=data).stdout.decode().strip()

    # -- the backend ----------------------------------------------------------------------
    def pull(self, host, check_mode=False):
        check_host(host)
        with self:
            head = self._fetch(self.branch_ref)
            files = pull_into(self._read_host(head, host), os.path.join(self.state_dir, host), check_mode=check_mode)
        return dict(files=files, revision=head)

    def push(self, host, message=None, lock_token=None, check_mode=False):
        check_host(host)
        local = read_tree(os.path.join(self.state_dir, host))
        with self:
            self._check_still_held(host, lock_token)
            for dummy_attempt in range(PUSH_ATTEMPTS):
                head = self._fetch(self.branch_ref)
                before = self._read_host(head, host)
                changes = diff_trees(before, local)
                if not changes or check_mode:
                    return dict(files=changes, revision=head)
                root = self._root_with_host(head, host, self._write_tree(local))
                parents = ["-p", head] if head else []
                commit = self._git("commit-tree", root, *parents, "-m", message or "%s: state" % host).stdout.decode().strip()
                if self._push(commit, self.branch_ref, head):
                    return dict(files=changes, revision=commit)
        raise StateBackendError("%s: the branch kept moving; gave up pushing the state of %s after %d attempts"
                                % (self.describe(), host, PUSH_ATTEMPTS))

    def holder(self, host):
        check_host(host)
        with self:
            return self._holder(host)

    def _holder(self, host):
        commit = self._fetch(LOCK_REF_PREFIX + host)
        if commit is None:
            return None
        message = self._git("log", "-1", "--format=%B", commit).stdout
        return dict(lock_from_bytes(message), token=commit)

    def acquire(self, host, owner, ttl_minutes, now=None):
        check_host(host)
        record = new_lock_record(host, owner, ttl_minutes, now=now)
        ref = LOCK_REF_PREFIX + host
        with self:
            # a root commit (no parent) of the empty tree whose message is the record: unique, never a fast-forward of another lock
            commit = self._git("commit-tree", EMPTY_TREE, "-m", lock_bytes(record).decode()).stdout.decode().strip()
            if self._push(commit, ref, None):
                return dict(record, token=commit, took_over=None, previous_owner=None)
            held = self._holder(host)
            if held is None:
                raise StateBackendError("%s: the lock of %s was released while taking it; run again" % (self.describe(), host))
            reason = lock_takeover(held, owner, now=now)
            if reason is None:
                raise LockHeld(host, held)
            if not self._push(commit, ref, held["token"]):
                raise LockHeld(host, self._holder(host) or held)
            return dict(record, token=commit, took_over=reason, previous_owner=held.get("owner"))

    def _check_still_held(self, host, lock_token):
        if not lock_token:
            return
        held = self._holder(host)
        if held is None or held.get("token") != lock_token:
            raise StateBackendError("the lock on the state of %s is no longer ours (now held by %s); not pushing over another run's state"
                                    % (host, (held or {}).get("owner", "nobody")))

    def release(self, host, lock_token):
        check_host(host)
        with self:
            return self._push("", LOCK_REF_PREFIX + host, lock_token)
