# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The change journal: entries from resource-module results, append-only, torn lines, the module."""
from __future__ import annotations

import json

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils import journal
from ansible_collections.ucaas.migration.plugins.modules import migration_journal

AT = "2026-12-03T23:04:11Z"
RESULTS = [
    {"key": "200", "outcome": "unchanged"},
    {"key": "201", "outcome": "created", "changes": {"first_name": {"before": None, "after": "Ana"},
                                                     "voicemail_pin": {"before": None, "after": "********"}}},
    {"key": "202", "outcome": "updated", "changes": {"email": {"before": "a@x.example", "after": "b@x.example"}}},
    {"key": "203", "outcome": "deleted", "changes": {"first_name": {"before": "Old", "after": None}}},
    {"key": "204", "outcome": "failed", "changes": {"last_name": {"before": "", "after": "Ng"}}, "msg": "400 bad last name"},
    {"key": "205", "outcome": "skipped", "msg": "system user"},
]


def test_only_writes_are_journaled_with_before_and_after():
    entries = journal.entries_from_results(RESULTS, "users", "run-1", AT, domain="acme.example")
    assert [(entry["key"], entry["outcome"]) for entry in entries] == [
        ("201", "created"), ("202", "updated"), ("203", "deleted"), ("204", "failed")]
    created, updated, deleted, failed = entries
    assert created["before"] == {} and created["after"] == {"first_name": "Ana", "voicemail_pin": "********"}
    assert updated["before"] == {"email": "a@x.example"} and updated["after"] == {"email": "b@x.example"}
    assert deleted["before"] == {"first_name": "Old"} and deleted["after"] == {}
    assert failed["msg"] == "400 bad last name" and failed["after"] == {"last_name": "Ng"}
    assert all(entry["run_id"] == "run-1" and entry["phase"] == "recreate" and entry["kind"] == "users" and entry["at"] == AT
               and entry["domain"] == "acme.example" for entry in entries)


def test_secret_looking_options_are_masked_even_when_the_module_did_not():
    changes = {"sip_password": {"before": "old-secret", "after": "new-secret"}, "mac": {"before": "", "after": "0004f2aabbcc"}}
    results = [{"key": "201/201", "outcome": "updated", "changes": changes}]
    entry = journal.entries_from_results(results, "devices", "run-1", AT)[0]
    assert entry["before"] == {"sip_password": "********", "mac": ""}
    assert entry["after"] == {"sip_password": "********", "mac": "0004f2aabbcc"}
    assert "secret" not in journal.entry_line(entry).replace("sip_password", "")


def test_a_task_that_failed_without_results_gets_one_failed_entry():
    entries = journal.entries_from_results([], "domains", "run-1", AT, task_failed=True, task_msg="Cannot reach ns-api")
    assert entries == [{"at": AT, "run_id": "run-1", "phase": "recreate", "kind": "domains", "key": None, "outcome": "failed",
                        "before": {}, "after": {}, "msg": "Cannot reach ns-api"}]
    assert journal.entries_from_results([], "domains", "run-1", AT) == []


def test_bad_results_name_the_item():
    with pytest.raises(journal.JournalError, match="item 201: changes must be a mapping"):
        journal.entries_from_results([{"key": "201", "outcome": "updated", "changes": ["x"]}], "users", "r", AT)
    with pytest.raises(journal.JournalError, match="every item must be a mapping"):
        journal.entries_from_results(["201"], "users", "r", AT)


def test_append_only_keeps_earlier_lines_and_sorts_keys(tmp_path):
    path = tmp_path / "state" / "host" / journal.JOURNAL_NAME
    first = journal.entries_from_results(RESULTS[:2], "users", "run-1", AT)
    second = journal.entries_from_results(RESULTS[2:3], "users", "run-2", AT)
    assert journal.append_entries(str(path), first) == 1
    assert journal.append_entries(str(path), []) == 0
    assert journal.append_entries(str(path), second) == 1
    lines = path.read_text().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith('{"after":{"first_name":"Ana"')
    assert [json.loads(line)["run_id"] for line in lines] == ["run-1", "run-2"]
    entries, problems = journal.read_journal(str(path))
    assert [entry["key"] for entry in entries] == ["201", "202"] and problems == []


def test_a_torn_last_line_is_reported_and_the_next_entries_start_on_their_own_line(tmp_path):
    path = tmp_path / journal.JOURNAL_NAME
    journal.append_entries(str(path), journal.entries_from_results(RESULTS[1:2], "users", "run-1", AT))
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"at":"2026-12-03T23:05:00Z","run_id":"run-1","kind":"us')
    journal.append_entries(str(path), journal.entries_from_results(RESULTS[2:3], "users", "run-2", AT))
    entries, problems = journal.read_journal(str(path))
    assert [entry["key"] for entry in entries] == ["201", "202"]
    assert problems == ["line 2: not a JSON object (an interrupted write?)"]


def test_missing_journal_reads_empty(tmp_path):
    assert journal.read_journal(str(tmp_path / "none.jsonl")) == ([], [])


def test_module_appends_and_check_mode_writes_nothing(run_module, tmp_path):
    args = {"dest": str(tmp_path), "kind": "users", "results": RESULTS, "run_id": "run-9", "domain": "acme.example"}
    checked = run_module(migration_journal.main, dict(args, _ansible_check_mode=True))
    assert checked["changed"] and checked["appended"] == 4
    assert not (tmp_path / journal.JOURNAL_NAME).exists()
    result = run_module(migration_journal.main, args)
    assert result["changed"] and result["appended"] == 4 and result["path"] == str(tmp_path / journal.JOURNAL_NAME)
    assert len((tmp_path / journal.JOURNAL_NAME).read_text().splitlines()) == 4
    unchanged = run_module(migration_journal.main, dict(args, results=[{"key": "201", "outcome": "unchanged"}]))
    assert not unchanged["changed"] and unchanged["appended"] == 0


def test_module_journals_a_failed_task(run_module, tmp_path):
    result = run_module(migration_journal.main, {"dest": str(tmp_path), "kind": "sites", "run_id": "r", "task_failed": True,
                                                 "task_msg": "Authentication failed"})
    assert result["appended"] == 1 and result["entries"][0]["msg"] == "Authentication failed"
