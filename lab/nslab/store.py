# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SQLite state of the lab: one row per object, JSON bodies, delayed visibility.

Every object is addressed by ``(kind, scope, name)``: ``scope`` is the parent
(``""`` for top-level kinds, ``"<domain>"`` for domain objects,
``"<domain>/<user>"`` for per-user objects). Lists keep insertion order (``seq``)
so paging is stable. A write made with a visibility delay goes to ``pending``
and is applied once due; reads never see it earlier, write-side existence
checks do (the write reached the primary, only replication lags).
"""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from contextlib import contextmanager

_SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (
    kind TEXT NOT NULL, scope TEXT NOT NULL, name TEXT NOT NULL,
    body TEXT NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (kind, scope, name));
CREATE INDEX IF NOT EXISTS objects_by_seq ON objects (kind, scope, seq);
CREATE INDEX IF NOT EXISTS objects_by_name ON objects (kind, name);
CREATE TABLE IF NOT EXISTS pending (
    id INTEGER PRIMARY KEY AUTOINCREMENT, due REAL NOT NULL,
    kind TEXT NOT NULL, scope TEXT NOT NULL, name TEXT NOT NULL, body TEXT);
CREATE TABLE IF NOT EXISTS blobs (
    kind TEXT NOT NULL, scope TEXT NOT NULL, name TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (kind, scope, name));
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class Store:
    """Thread-safe object store on one SQLite connection (a file or ``:memory:``)."""

    def __init__(self, path=":memory:"):
        self.path = path
        self._lock = threading.RLock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA synchronous=OFF" if path == ":memory:" else "PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._depth = 0
        row = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM objects").fetchone()
        self._seq = row[0]

    def close(self):
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self):
        """Group writes (a seed, a create with side effects) into one commit."""
        with self._lock:
            outer = self._depth == 0
            if outer:
                self._db.execute("BEGIN")
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if outer:
                    self._db.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outer:
                self._db.execute("COMMIT")

    def clear(self):
        with self.transaction():
            for table in ("objects", "pending", "blobs", "meta"):
                self._db.execute("DELETE FROM %s" % table)

    # -- delayed visibility -------------------------------------------------
    def _promote(self):
        rows = self._db.execute("SELECT id, kind, scope, name, body FROM pending WHERE due <= ? ORDER BY id", (time.time(),)).fetchall()
        for row_id, kind, scope, name, body in rows:
            if body is None:
                self._db.execute("DELETE FROM objects WHERE kind=? AND scope=? AND name=?", (kind, scope, name))
            else:
                self._write(kind, scope, name, body)
            self._db.execute("DELETE FROM pending WHERE id=?", (row_id,))

    def _write(self, kind, scope, name, body_text):
        updated = self._db.execute("UPDATE objects SET body=? WHERE kind=? AND scope=? AND name=?", (body_text, kind, scope, name))
        if updated.rowcount == 0:
            self._seq += 1
            self._db.execute("INSERT INTO objects (kind, scope, name, body, seq) VALUES (?, ?, ?, ?, ?)", (kind, scope, name, body_text, self._seq))

    def _latest_pending(self, kind, scope, name):
        row = self._db.execute("SELECT body FROM pending WHERE kind=? AND scope=? AND name=? ORDER BY id DESC LIMIT 1", (kind, scope, name)).fetchone()
        return row

    # -- reads ----------------------------------------------------------------
    def get(self, kind, scope, name, include_pending=False):
        """One object, or None. ``include_pending`` also sees not-yet-visible writes."""
        with self._lock:
            self._promote()
            if include_pending:
                row = self._latest_pending(kind, scope, name)
                if row is not None:
                    return None if row[0] is None else json.loads(row[0])
            row = self._db.execute("SELECT body FROM objects WHERE kind=? AND scope=? AND name=?", (kind, scope, name)).fetchone()
            return json.loads(row[0]) if row else None

    def list(self, kind, scope=None, scope_prefix=None, start=0, limit=None, include_pending=False):
        """Objects of one kind in insertion order; ``scope=None`` means every scope."""
        with self._lock:
            self._promote()
            where, args = _where(kind, scope, scope_prefix)
            sql = "SELECT scope, name, body FROM objects WHERE " + where + " ORDER BY seq"
            if limit is not None and not include_pending:
                sql += " LIMIT ? OFFSET ?"
                args += [limit, start]
            rows = [(s, n, json.loads(b)) for s, n, b in self._db.execute(sql, args)]
            if not include_pending:
                return [body for dummy, dummy, body in rows]
            merged = {(s, n): body for s, n, body in rows}
            for s, n, b in self._db.execute("SELECT scope, name, body FROM pending WHERE kind=? ORDER BY id", (kind,)):
                if (scope is None or s == scope) and (scope_prefix is None or s.startswith(scope_prefix)):
                    if b is None:
                        merged.pop((s, n), None)
                    else:
                        merged[(s, n)] = json.loads(b)
            return list(merged.values())

    def count(self, kind, scope=None, scope_prefix=None):
        with self._lock:
            self._promote()
            where, args = _where(kind, scope, scope_prefix)
            return self._db.execute("SELECT COUNT(*) FROM objects WHERE " + where, args).fetchone()[0]

    def find(self, kind, name, include_pending=True):
        """``(scope, body)`` pairs of objects with this name in any scope (system-unique kinds)."""
        with self._lock:
            self._promote()
            found = {s: json.loads(b) for s, b in self._db.execute("SELECT scope, body FROM objects WHERE kind=? AND name=?", (kind, name))}
            if include_pending:
                for s, b in self._db.execute("SELECT scope, body FROM pending WHERE kind=? AND name=? ORDER BY id", (kind, name)):
                    if b is None:
                        found.pop(s, None)
                    else:
                        found[s] = json.loads(b)
            return sorted(found.items())

    # -- writes ---------------------------------------------------------------
    def put(self, kind, scope, name, body, delay=0.0):
        with self._lock:
            self._promote()
            text = json.dumps(body, sort_keys=True)
            if delay > 0:
                self._db.execute("INSERT INTO pending (due, kind, scope, name, body) VALUES (?, ?, ?, ?, ?)", (time.time() + delay, kind, scope, name, text))
            else:
                self._write(kind, scope, name, text)

    def delete(self, kind, scope, name, delay=0.0):
        with self._lock:
            self._promote()
            if delay > 0:
                self._db.execute("INSERT INTO pending (due, kind, scope, name, body) VALUES (?, ?, ?, ?, NULL)", (time.time() + delay, kind, scope, name))
            else:
                self._db.execute("DELETE FROM objects WHERE kind=? AND scope=? AND name=?", (kind, scope, name))
                self._db.execute("DELETE FROM blobs WHERE kind=? AND scope=? AND name=?", (kind, scope, name))

    def delete_scope(self, kinds, scope, delay=0.0):
        """Delete every object of ``kinds`` in ``scope`` (cascades)."""
        for kind in kinds:
            for body_scope, name in self.keys(kind, scope):
                self.delete(kind, body_scope, name, delay)

    def keys(self, kind, scope):
        with self._lock:
            self._promote()
            return self._db.execute("SELECT scope, name FROM objects WHERE kind=? AND scope=? ORDER BY seq", (kind, scope)).fetchall()

    # -- binary payloads (greeting audio) ------------------------------------------
    def put_blob(self, kind, scope, name, data):
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO blobs (kind, scope, name, data) VALUES (?, ?, ?, ?)", (kind, scope, name, data))

    def get_blob(self, kind, scope, name):
        with self._lock:
            row = self._db.execute("SELECT data FROM blobs WHERE kind=? AND scope=? AND name=?", (kind, scope, name)).fetchone()
            return bytes(row[0]) if row else None

    # -- small counters (ids) -------------------------------------------------
    def next_id(self, name):
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE name=?", (name,)).fetchone()
            value = int(row[0]) + 1 if row else 1
            self._db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", (name, str(value)))
            return value


def _where(kind, scope, scope_prefix):
    """SQL condition and arguments selecting one kind, optionally in one scope or under a scope prefix."""
    where, args = "kind=?", [kind]
    if scope is not None:
        where += " AND scope=?"
        args.append(scope)
    if scope_prefix is not None:
        where += " AND substr(scope, 1, ?) = ?"
        args += [len(scope_prefix), scope_prefix]
    return where, args
