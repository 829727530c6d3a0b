# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read Asterisk's AstDB (``astdb.sqlite3``): user-set forwards, DND, follow-me state.

Opened read-only so a running Asterisk is never disturbed.
"""

from __future__ import annotations

import sqlite3

from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import SourceError


def read_astdb(path):
    """All keys as {"/CF/201": "5551234", ...}; raises SourceError when the file is not an AstDB."""
    try:
        connection = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    except sqlite3.Error as exc:
        raise SourceError("%s: cannot open the AstDB: %s" % (path, exc))
    try:
        rows = connection.execute("SELECT key, value FROM astdb").fetchall()
    except sqlite3.Error as exc:
        raise SourceError("%s: cannot read the AstDB: %s" % (path, exc))
    finally:
        connection.close()
    return dict((str(key), "" if value is None else str(value)) for key, value in rows)


class AstDB:
    """Family/key access to the AstDB keys (``get('CF', '201')``)."""

    def __init__(self, keys=None):
        self.keys = keys or {}

    def get(self, *parts):
        return self.keys.get("/" + "/".join(parts))

    def family(self, *parts):
        """Keys below ``/part/...`` as {rest: value}."""
        prefix = "/" + "/".join(parts) + "/"
        return dict((key[len(prefix):], value) for key, value in self.keys.items() if key.startswith(prefix))
