# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Artifacts are written atomically and only when their content changes."""
from __future__ import annotations

import os

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils import artifacts


def test_write_creates_parent_and_reports_change(tmp_path):
    path = tmp_path / "state" / "host" / "a.json"
    changed, before = artifacts.write_if_changed(str(path), artifacts.json_bytes({"b": 1}))
    assert changed and before is None
    assert path.read_bytes() == b'{\n  "b": 1\n}\n'


def test_equal_content_is_left_alone(tmp_path):
    path = tmp_path / "a.txt"
    artifacts.write_if_changed(str(path), "same\n")
    os.utime(path, (1_000_000, 1_000_000))
    changed, before = artifacts.write_if_changed(str(path), "same\n")
    assert not changed and before == b"same\n"
    assert path.stat().st_mtime == 1_000_000


def test_check_mode_writes_nothing(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("old\n")
    changed, dummy = artifacts.write_if_changed(str(path), "new\n", check_mode=True)
    assert changed and path.read_text() == "old\n"


def test_mode_is_corrected(tmp_path):
    path = tmp_path / "secret.yml"
    artifacts.write_if_changed(str(path), "x", mode=0o644)
    changed, dummy = artifacts.write_if_changed(str(path), "x", mode=0o600)
    assert changed and (path.stat().st_mode & 0o777) == 0o600


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("old\n")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(artifacts.os, "replace", broken_replace)
    with pytest.raises(artifacts.ArtifactError, match="a.txt: cannot write: No space left on device"):
        artifacts.write_if_changed(str(path), "new\n")
    assert path.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_artifact_set_commits_in_order_and_diffs_text_only(tmp_path):
    (tmp_path / "b.md").write_text("old\n")
    files = artifacts.ArtifactSet(str(tmp_path))
    files.add("a.xlsx", b"PK\x03\x04binary", binary=True)
    files.add("b.md", "new\n")
    files.add("c.md", "")
    diff = files.diff()
    assert [d["after_header"].rsplit("/", 1)[1] for d in diff] == ["a.xlsx", "b.md", "c.md"]
    assert diff[0]["after"] == "(binary content, 10 bytes)\n"
    assert diff[1]["before"] == "old\n" and diff[1]["after"] == "new\n"
    result = files.commit()
    assert [(r["file"], r["changed"]) for r in result] == [("a.xlsx", True), ("b.md", True), ("c.md", True)]
    again = artifacts.ArtifactSet(str(tmp_path))
    again.add("b.md", "new\n")
    assert again.commit() == [dict(file="b.md", path=str(tmp_path / "b.md"), changed=False)]
    assert again.diff() == []
