# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.sources.spreadsheets.destinations import (
    FreepbxDestination,
    parse_freepbx_destination,
)


@pytest.mark.parametrize("text, kind, target, detail", [
    ("from-did-direct,201,1", "extension", "201", None),
    ("ext-local,201,1", "extension", "201", None),
    ("ext-local,vmu201,1", "voicemail", "201", "unavailable"),
    ("ext-local,vmb800,1", "voicemail", "800", "busy"),
    ("ext-group,600,1", "ring_group", "600", None),
    ("ext-queues,400,1", "queue", "400", None),
    ("ivr-3,s,1", "ivr", "3", None),
    ("timeconditions,2,1", "time_condition", "2", None),
    ("app-daynight,0,1", "call_flow_control", "0", None),
    ("app-announcement-4,s,1", "announcement", "4", None),
    ("ext-miscdests,5,1", "misc_destination", "5", None),
    ("ext-fax,1,1", "fax", "1", None),
    ("app-blackhole,hangup,1", "hangup", None, None),
    ("app-blackhole,busy,1", "terminate", None, "busy"),
    (" directory,1,1 ", "directory", "1", None),
    ("from-trunk,s,1", "unknown", None, None),
])
def test_parse(text, kind, target, detail):
    parsed = parse_freepbx_destination(text)
    assert (parsed.kind, parsed.target, parsed.detail) == (kind, target, detail)
    assert parsed.text == text.strip()


def test_empty_is_none_and_describe():
    assert parse_freepbx_destination("") is None and parse_freepbx_destination(None) is None
    assert parse_freepbx_destination("ext-group,600,1").describe() == "ring group 600"
    assert parse_freepbx_destination("app-blackhole,hangup,1") == FreepbxDestination("app-blackhole,hangup,1", "hangup")
