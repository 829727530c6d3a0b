# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The provisioning sheet and the onsite schedule: content, determinism, window rules."""
from __future__ import annotations

import copy
import io
import zipfile

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import ArtifactSet
from ansible_collections.ucaas.migration.plugins.module_utils.reports.onsite import build_onsite_schedule, render_schedule
from ansible_collections.ucaas.migration.plugins.module_utils.reports.provisioning import CSV_NAME, HTML_NAME, XLSX_NAME, render_sheet
from ansible_collections.ucaas.migration.plugins.module_utils.reports.timeline import ScheduleError

WINDOW = {"cutover": {"date": "2026-12-03", "window_start": "18:00", "window_end": "21:00", "time_zone": "America/New_York"}}


def _entry(source_id, mac, status="to_provision", site="Main", onsite=False, special=False, redirect="vendor_redirect", **extra):
    entry = {"source_id": source_id, "mac": mac, "status": status, "site": site, "site_id": "site-" + site.lower(), "location": "Desk " + source_id,
             "brand": "Yealink", "model": "T54W", "target_model": "Yealink T54W", "catalog_name": "Yealink T54W",
             "lines": [{"line": 1, "extension": source_id[-3:], "device": source_id[-3:]}], "redirect": redirect,
             "redirect_service": "Yealink RPS (YMCS)", "onsite": onsite, "special_access": special, "action": "Do it.", "reason": "",
             "provisioning_url": "https://ndp.example/cfg/", "not_carried": []}
    entry.update(extra)
    return entry


@pytest.fixture(name="entries")
def entries_fixture():
    return [
        _entry("dev-201", "805ec0a10201", not_carried=[{"setting": "allow", "value": "ulaw", "reason": "codecs are set by the platform"}]),
        _entry("dev-202", "805ec0a10202", onsite=True, redirect="manual", location="Reception"),
        _entry("dev-203", "805ec0a10203", site="Annex", onsite=True, redirect="onsite_factory_reset"),
        _entry("dev-204", "805ec0a10204", site="Annex", special=True, redirect="dhcp_option"),
        _entry("dev-old", "0004f2000331", status="unsupported", reason="End of life", target_model=None, catalog_name="Poly SoundPoint IP 331"),
        _entry("dev-nomac", None, status="excluded", reason="dev-nomac mac: missing"),
    ]


def test_sheet_rows_statuses_and_reasons(entries):
    results = [{"key": "805ec0a10201", "outcome": "created"}, {"key": "805ec0a10202", "outcome": "unchanged"},
               {"key": "805ec0a10203", "outcome": "failed", "msg": "MAC 805ec0a10203 is provisioned in domain other"}]
    files, rows = render_sheet(entries, results, domain="acme.example")
    by_mac = dict((row["MAC"], row) for row in rows)
    assert [row["MAC"] for row in rows] == ["0004f2000331", "805ec0a10201", "805ec0a10202", "805ec0a10203", "805ec0a10204", ""]
    assert by_mac["805ec0a10201"]["Status"] == "provisioned" and by_mac["805ec0a10202"]["Status"] == "provisioned"
    assert by_mac["805ec0a10203"]["Status"] == "failed" and "other" in by_mac["805ec0a10203"]["Action or reason"]
    assert by_mac["805ec0a10204"]["Status"] == "to provision" and by_mac["805ec0a10204"]["Special access"] == "yes"
    assert by_mac["805ec0a10202"]["Onsite needed"] == "yes" and by_mac["805ec0a10202"]["Redirect method"] == "manual entry"
    assert by_mac["805ec0a10201"]["Redirect method"] == "vendor redirect (Yealink RPS (YMCS))"
    assert by_mac["0004f2000331"]["Status"] == "unsupported" and by_mac["0004f2000331"]["Action or reason"] == "End of life"
    assert by_mac["805ec0a10201"]["Extensions (line: extension)"] == "1: 201"
    assert files[CSV_NAME].startswith("MAC,Model,Source model,Extensions (line: extension),Site")
    assert "Not provisioned: what we need from you" in files[HTML_NAME] and "codecs are set by the platform" in files[HTML_NAME]
    workbook = zipfile.ZipFile(io.BytesIO(files[XLSX_NAME]))
    assert "xl/worksheets/sheet3.xml" in workbook.namelist()


def test_sheet_is_byte_identical_for_the_same_input(entries, tmp_path):
    first, dummy = render_sheet(entries, [], collected_at="2026-11-20T10:00:00Z")
    second, dummy = render_sheet(copy.deepcopy(list(reversed(entries))), [], collected_at="2026-11-20T10:00:00Z")
    assert first == second
    artifacts = ArtifactSet(str(tmp_path))
    for name, content in first.items():
        artifacts.add(name, content)
    assert all(item["changed"] for item in artifacts.commit())
    again = ArtifactSet(str(tmp_path))
    for name, content in second.items():
        again.add(name, content)
    assert not any(item["changed"] for item in again.commit())


def test_onsite_schedule_groups_by_site_with_slots_inside_the_window(entries):
    schedule = build_onsite_schedule(entries, WINDOW, customer="Acme", minutes_per_device=15, start_offset_minutes=30,
                                     provisioning_url="https://ndp.example/cfg/")
    assert [site["site"] for site in schedule["sites"]] == ["Annex", "Main"]
    annex, main = schedule["sites"]
    assert [device["source_id"] for device in annex["onsite"]] == ["dev-203"]
    assert [device["source_id"] for device in annex["special_access"]] == ["dev-204"]
    assert annex["slot"] == {"start": "2026-12-03T18:30:00-05:00", "end": "2026-12-03T18:45:00-05:00", "time_zone": "America/New_York",
                             "fits": True, "people": 1}
    assert annex["special_access_due"]["by"] == "2026-12-03T18:00:00-05:00" and "https://ndp.example/cfg/" in annex["special_access_due"]["task"]
    assert main["onsite"][0]["location"] == "Reception" and main["special_access"] == []
    assert schedule["summary"] == {"sites": 2, "onsite": 2, "special_access": 1}
    files = render_schedule(schedule)
    assert "## Annex" in files["onsite_schedule.md"] and "18:30 to 18:45" in files["onsite_schedule.md"]
    assert files == render_schedule(build_onsite_schedule(list(reversed(entries)), WINDOW, customer="Acme", minutes_per_device=15,
                                                          start_offset_minutes=30, provisioning_url="https://ndp.example/cfg/"))


def test_a_site_that_does_not_fit_is_cut_at_the_window_end_and_reported(entries):
    many = [_entry("dev-%d" % number, "805ec0b%05d" % number, onsite=True, redirect="manual") for number in range(300, 320)]
    schedule = build_onsite_schedule(many, WINDOW, minutes_per_device=10)
    slot = schedule["sites"][0]["slot"]
    assert slot["fits"] is False and slot["end"] == "2026-12-03T21:00:00-05:00"
    assert any("need 200 minutes onsite" in warning for warning in schedule["warnings"])


def test_no_window_yet_lists_the_work_without_slots(entries):
    schedule = build_onsite_schedule(entries, {})
    assert all(site["slot"] is None for site in schedule["sites"])
    assert any("no reprovisioning window agreed yet" in warning for warning in schedule["warnings"])
    assert "slot to be agreed" in render_schedule(schedule)["onsite_schedule.md"]


def test_a_window_against_the_rules_is_refused_naming_the_field(entries):
    saturday = {"cutover": dict(WINDOW["cutover"], date="2026-12-05")}
    with pytest.raises(ScheduleError, match="ucaas_schedule.cutover.date"):
        build_onsite_schedule(entries, saturday)
