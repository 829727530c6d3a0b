# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""AstDB reading."""
from __future__ import annotations

import sqlite3

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import SourceError
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.astdb import AstDB, read_astdb


def test_astdb_families(tmp_path):
    path = tmp_path / "astdb.sqlite3"
    connection = sqlite3.connect(str(path))
    connection.executescript("CREATE TABLE astdb (key VARCHAR(256), value VARCHAR(256), PRIMARY KEY(key));"
                             "INSERT INTO astdb VALUES ('/CF/201', '5551234'), ('/QPENALTY/700/agents/201', '0'), ('/QPENALTY/700/agents/202', '2');")
    connection.close()
    astdb = AstDB(read_astdb(str(path)))
    assert astdb.get("CF", "201") == "5551234" and astdb.get("CF", "202") is None
    assert astdb.family("QPENALTY", "700", "agents") == {"201": "0", "202": "2"}


def test_not_an_astdb(tmp_path):
    path = tmp_path / "other.sqlite3"
    sqlite3.connect(str(path)).close()
    with pytest.raises(SourceError, match="cannot read the AstDB"):
        read_astdb(str(path))
