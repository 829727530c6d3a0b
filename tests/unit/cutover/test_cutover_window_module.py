# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ucaas.migration.cutover_window through ansible-playbook: allowed, refused, overridden."""
from __future__ import annotations

import json
from pathlib import Path

PLAYBOOK = Path(__file__).parent / "playbooks" / "window_guard.yml"


def test_guard_allows_refuses_and_records_the_override(run_playbook, tmp_path):
    result_file = tmp_path / "results.json"
    run = run_playbook(PLAYBOOK, "-i", "localhost,", "-c", "local", "-e", "result_file=%s" % result_file)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    results = json.loads(result_file.read_text())
    inside, refused, overridden = results["inside"], results["refused"], results["overridden"]
    assert inside["inside"] and inside["record"]["rehearsal"] and not inside["changed"]
    assert refused["failed"] and not refused["inside"]
    assert "is after the agreed window" in refused["msg"] and "override_reason" in refused["msg"]
    assert refused["record"]["reason"] is None
    assert overridden["overridden"] and overridden["record"]["reason"] == "partner asked for a late start"
    assert overridden["record"]["by"] == "omar" and overridden["record"]["now_used"] == "2026-12-03T21:15:00-05:00"
