# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Writing phase artifacts: atomically, and only when their content changes.

Every artifact writer goes through :func:`write_if_changed`, so a re-run with the same
inputs leaves files (and their modification times) alone and reports no change, and a
run that fails half-way never leaves a truncated file behind: content goes to a temporary
file in the same directory, which then replaces the artifact in one rename.
"""

from __future__ import annotations

import json
import os
import tempfile


class ArtifactError(Exception):
    """An artifact could not be read or written; the message names the file."""


def json_bytes(data):
    """The one way JSON artifacts are serialized: sorted as given, indented, UTF-8, final newline."""
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def text_bytes(text):
    return text.encode("utf-8") if isinstance(text, str) else bytes(text)


def read_bytes(path):
    """The current content of ``path``, or None when it does not exist."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ArtifactError("%s: cannot read: %s" % (path, exc.strerror or exc)) from exc


def atomic_write(path, content, mode=0o644):
    """Replace ``path`` with ``content`` (bytes) in one rename; creates the parent directory."""
    directory = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(directory, exist_ok=True)
        handle, temp_path = tempfile.mkstemp(prefix=".%s." % os.path.basename(path), suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ArtifactError("%s: cannot write: %s" % (path, exc.strerror or exc)) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_path, mode)
        os.replace(temp_path, path)
    except OSError as exc:
        _remove_quietly(temp_path)
        raise ArtifactError("%s: cannot write: %s" % (path, exc.strerror or exc)) from exc
    except BaseException:
        _remove_quietly(temp_path)
        raise


def _remove_quietly(path):
    try:
        os.unlink(path)
    except OSError:
        pass


def write_if_changed(path, content, mode=0o644, check_mode=False):
    """Write ``content`` (bytes or str) to ``path`` unless it already holds exactly that.

    Returns ``(changed, before)``: whether the file was (or, in check mode, would be)
    written, and its previous content (None when it did not exist) for diffs.  Permissions
    are corrected too when the content is equal but the mode differs.
    """
    content = text_bytes(content)
    before = read_bytes(path)
    if before == content:
        if not check_mode and (os.stat(path).st_mode & 0o7777) != mode:
            os.chmod(path, mode)
            return True, before
        return False, before
    if not check_mode:
        atomic_write(path, content, mode=mode)
    return True, before


class ArtifactSet:
    """Several artifacts of one task: plans every write first, then writes them.

    ``add`` computes nothing on disk; ``commit`` writes what changed.  Used by modules
    that render several files so that a rendering error stops the task before any file
    is replaced.
    """

    def __init__(self, dest, mode=0o644):
        self.dest = dest
        self.mode = mode
        self.pending = []

    def add(self, name, content, binary=False):
        self.pending.append((name, text_bytes(content), binary))

    def path(self, name):
        return os.path.join(self.dest, name)

    def commit(self, check_mode=False):
        """Write every pending artifact; returns ``[{"file", "path", "changed"}]`` in the order added."""
        results = []
        for name, content, dummy_binary in self.pending:
            changed, dummy_before = write_if_changed(self.path(name), content, mode=self.mode, check_mode=check_mode)
            results.append(dict(file=name, path=self.path(name), changed=changed))
        return results

    def diff(self):
        """Before/after of every pending text artifact that differs (for ``--diff``)."""
        diffs = []
        for name, content, binary in self.pending:
            before = read_bytes(self.path(name))
            if before == content:
                continue
            if binary:
                before = None if before is None else ("(binary content, %d bytes)\n" % len(before)).encode()
                content = ("(binary content, %d bytes)\n" % len(content)).encode()
            diffs.append(dict(before_header=self.path(name), after_header=self.path(name),
                              before=_printable(before), after=_printable(content)))
        return diffs


def _printable(content):
    if content is None:
        return ""
    return content.decode("utf-8", errors="replace")
