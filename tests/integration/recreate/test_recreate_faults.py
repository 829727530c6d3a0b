# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/recreate.yml under faults: injected 429/503, an apply cut off by dropped connections
while writes become visible late, then a re-run. The final lab state must equal a clean run's,
with no duplicates, and the journal must tell the truth about the writes."""
from __future__ import annotations

import collections
import json
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))

import recreate_harness as harness  # noqa: E402  pylint: disable=wrong-import-position

from nslab.server import LabServer  # noqa: E402  pylint: disable=wrong-import-position,wrong-import-order

USERS = 12
# Quick retries: the lab's Retry-After is 50 ms, and the client's own backoff starts at 50 ms.
FAST_RETRIES = {"retry_backoff_base": 0.05, "retry_backoff_cap": 0.5, "retry_max_attempts": 12, "confirm_timeout": 20}
WRITE_OUTCOMES = ("created", "updated", "deleted")


def _lab():
    lab = LabServer(strict=True).start()
    lab.load_seed(harness.RESELLER_SEED)
    return lab


def _entries(partner, outcomes=WRITE_OUTCOMES):
    return [entry for entry in partner.journal_entries() if entry["outcome"] in outcomes]


def _keys(entries):
    return sorted((entry["kind"], entry["key"]) for entry in entries)


def _unmatched(entries, writes):
    """Journal entries without a write the lab accepted that names every part of the entry's key (path or JSON body)."""
    texts = [unquote(write["path"]) + " " + json.dumps(write.get("body"), sort_keys=True) for write in writes]
    return [(entry["kind"], entry["key"]) for entry in entries
            if not any(all(part in text for part in entry["key"].split("/")) for text in texts)]


def _rerun_changes_nothing(partner, lab):
    before = lab.stats()
    rerun = partner.recreate()
    assert rerun.ok, rerun.output
    assert rerun.recap["changed"] == 0, rerun.stdout
    assert harness.lab_counts(before, lab.stats())["writes"] == 0


@pytest.fixture(scope="module", name="clean")
def clean_fixture(tmp_path_factory):
    """A clean recreate of the company: the lab state it leaves, its journal and its writes."""
    lab = _lab()
    try:
        partner = harness.LabPartner(tmp_path_factory.mktemp("clean"), lab, USERS, target_extra=FAST_RETRIES)
        recorder = harness.WriteRecorder(lab)
        run = partner.recreate()
        recorder.close()
        assert run.ok, run.output
        assert lab.stats()["contract_violations"] == []
        yield {"dump": harness.lab_dump(lab), "journal": _entries(partner), "writes": recorder.writes}
    finally:
        lab.stop()


def test_clean_run_journals_every_write(clean):
    journal = clean["journal"]
    assert journal, "the clean run journaled no write"
    created = collections.Counter(entry["kind"] for entry in journal if entry["outcome"] == "created")
    for kind in ("domains", "users", "devices", "callqueues", "agents", "autoattendants", "phonenumbers"):
        assert created[kind] > 0, kind
    assert created["users"] >= USERS and created["phonenumbers"] == USERS + 1
    # Each journal entry is one write the lab accepted (reads-backs and follow-up calls may add writes, never remove them).
    assert len(journal) <= len(clean["writes"])
    assert _unmatched(journal, clean["writes"]) == []
    assert len(set(_keys(journal))) == len(journal), "an object was journaled twice"


def test_ten_percent_429_503_gives_the_clean_result(clean, tmp_path):
    lab = _lab()
    try:
        partner = harness.LabPartner(tmp_path, lab, USERS, target_extra=FAST_RETRIES)
        lab.set_faults(rate_limit_percent=5, error_percent={503: 5}, retry_after=0.05, rng_seed=20261125)
        run = partner.recreate()
        injected = lab.stats()["faults_injected"]
        lab.clear_faults()
        assert run.ok, run.output
        assert injected.get("429", 0) > 0 and injected.get("503", 0) > 0, injected
        assert harness.lab_dump(lab) == clean["dump"]
        assert _keys(_entries(partner)) == _keys(clean["journal"])
        assert [entry for entry in partner.journal_entries() if entry["outcome"] == "failed"] == []
        assert lab.stats()["contract_violations"] == []
    finally:
        lab.stop()


def test_interrupted_apply_then_rerun_converges_with_a_consistent_journal(clean, tmp_path):
    lab = _lab()
    try:
        partner = harness.LabPartner(tmp_path, lab, USERS, target_extra=dict(FAST_RETRIES, retry_max_attempts=3))
        cut_after = len(clean["writes"]) // 2

        def cut_connections(count):
            if count == cut_after:
                lab.set_faults(drop_percent=100)

        lab.set_faults(visibility_delay_ms=300, rng_seed=7)
        recorder = harness.WriteRecorder(lab, on_write=cut_connections)
        first = partner.recreate()
        recorder.close()
        assert not first.ok, "the run was expected to stop when every connection dropped"
        assert lab.stats()["faults_injected"].get("drop", 0) > 0
        first_journal = partner.journal_entries()
        first_writes = [entry for entry in first_journal if entry["outcome"] in WRITE_OUTCOMES]
        assert first_writes, "nothing was journaled before the cut"
        # Every write the journal claims was accepted by the lab (2xx), and none is claimed twice.
        assert len(first_writes) <= len(recorder.writes)
        assert _unmatched(first_writes, recorder.writes) == []
        assert len(set(_keys(first_writes))) == len(first_writes)
        clean_keys = set(_keys(clean["journal"]))
        assert set(_keys(first_writes)) <= clean_keys

        lab.set_faults(drop_percent=0, visibility_delay_ms=300)
        recorder = harness.WriteRecorder(lab)
        second = partner.recreate()
        recorder.close()
        assert second.ok, second.output
        lab.clear_faults()
        journal = partner.journal_entries()
        second_writes = [entry for entry in journal[len(first_journal):] if entry["outcome"] in WRITE_OUTCOMES]
        assert _unmatched(second_writes, recorder.writes) == []
        # No object is created twice across the two runs, and nothing the first run completed is redone.
        created = collections.Counter((entry["kind"], entry["key"]) for entry in first_writes + second_writes if entry["outcome"] == "created")
        assert [key for key, count in created.items() if count > 1] == []
        assert set(_keys(first_writes)).isdisjoint(_keys(second_writes))
        # Every write of the clean run is journaled by one of the two runs, or was the failed item whose
        # write reached the lab before its answer was dropped (journaled as failed, then found unchanged).
        failed = set(_keys(entry for entry in first_journal if entry["outcome"] == "failed"))
        missing = clean_keys - set(_keys(first_writes + second_writes))
        assert missing <= failed, sorted(missing - failed)
        assert harness.lab_dump(lab) == clean["dump"]
        _rerun_changes_nothing(partner, lab)
        assert lab.stats()["contract_violations"] == []
    finally:
        lab.stop()
