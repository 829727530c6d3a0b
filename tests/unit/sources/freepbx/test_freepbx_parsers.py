# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parsers of the FreePBX/Asterisk adapter, without a database or Ansible."""
from __future__ import annotations

import os
import stat
import subprocess

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import InventoryBuilder, SourceError
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.asterisk_conf import (
    parse_caller_id,
    read_config,
    read_voicemail_conf,
    resolve_templates,
)
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.destinations import DestinationResolver, to_e164
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.mysql import (
    MysqlClient,
    TableUnavailable,
    parse_xml_rows,
    read_freepbx_conf,
)
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.timegroups import UnsupportedTime, parse_time_row, time_frame_entries

XML = b"""<?xml version="1.0"?>
<resultset statement="SELECT * FROM users" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <row>
\t<field name="extension">201</field>
\t<field name="name">Alice &amp; Co</field>
\t<field name="noanswer_dest"></field>
\t<field name="sipname" xsi:nil="true" />
  </row>
</resultset>
"""


def test_freepbx_conf_values(tmp_path):
    conf = tmp_path / "freepbx.conf"
    conf.write_text("<?php\n$amp_conf['AMPDBUSER'] = 'fpbx';\n$amp_conf[\"AMPDBPASS\"] = 'it\\'s';\n$amp_conf['AMPDBPORT'] = 3307;\n")
    assert read_freepbx_conf(str(conf)) == {"AMPDBUSER": "fpbx", "AMPDBPASS": "it's", "AMPDBPORT": "3307"}
    with pytest.raises(SourceError, match="cannot read the FreePBX configuration"):
        read_freepbx_conf(str(tmp_path / "missing.conf"))


def test_xml_rows_keep_null_apart_from_empty():
    assert parse_xml_rows(XML) == [{"extension": "201", "name": "Alice & Co", "noanswer_dest": "", "sipname": None}]
    assert parse_xml_rows(b"") == []


class FakeRun:
    """Stands in for subprocess.run; records the option file while it exists."""

    def __init__(self, returncode=0, stdout=XML, stderr=b""):
        self.result = subprocess.CompletedProcess([], returncode, stdout, stderr)
        self.argv = None
        self.defaults = None
        self.mode = None

    def __call__(self, argv, **kwargs):
        self.argv = argv
        path = argv[1].split("=", 1)[1]
        self.mode = stat.S_IMODE(os.stat(path).st_mode)
        with open(path) as handle:
            self.defaults = handle.read()
        return self.result


def test_client_passes_credentials_in_a_private_file_only():
    run = FakeRun()
    client = MysqlClient(command="mariadb", host="db.example", user="fpbx", password='p"w\\1', database="asterisk", runner=run)
    assert client.query("SELECT * FROM users")[0]["extension"] == "201"
    assert run.mode == 0o600
    assert 'password="p\\"w\\\\1"' in run.defaults
    assert not any("p\"w" in part for part in run.argv)
    assert not os.path.exists(run.argv[1].split("=", 1)[1])
    assert run.argv[0] == "mariadb" and "--xml" in run.argv


def test_client_errors():
    denied = FakeRun(1, b"", b"ERROR 1045 (28000): Access denied for user 'fpbx'@'localhost' (using password: YES)")
    client = MysqlClient(user="fpbx", password="s3cret-value", runner=denied)
    with pytest.raises(SourceError) as caught:
        client.query("SELECT 1")
    assert "refused the log-in" in str(caught.value) and "'fpbx'" in str(caught.value) and "s3cret" not in str(caught.value)
    missing = FakeRun(1, b"", b"ERROR 1146 (42S02) at line 1: Table 'asterisk.ivr_details' doesn't exist")
    with pytest.raises(TableUnavailable):
        MysqlClient(user="fpbx", runner=missing).query("SELECT * FROM ivr_details")


def test_config_reader_templates_includes_and_comments(tmp_path):
    (tmp_path / "inc.conf").write_text("[201](tmpl)\ncallerid=\"Alice\" <201> ; trailing comment\npassword=a\\;b\n")
    (tmp_path / "pjsip.conf").write_text("[tmpl](!)\ntype=endpoint\ncontext=internal\n#include inc.conf\n#tryinclude nothere.conf\n")
    sections = resolve_templates(read_config(str(tmp_path / "pjsip.conf")))
    assert [s.name for s in sections] == ["201"]
    assert sections[0].get("type") == "endpoint" and sections[0].get("password") == "a;b"
    assert parse_caller_id(sections[0].get("callerid")) == ("Alice", "201")


def test_voicemail_conf_entries(tmp_path):
    path = tmp_path / "voicemail.conf"
    path.write_text("[general]\nformat=wav\n[default]\n201 => -1234,Alice,a@x.example,,attach=yes|delete=no\n202 => ,Bob\n")
    boxes = read_voicemail_conf(str(path))
    assert boxes[("default", "201")]["pin"] == "-1234"
    assert boxes[("default", "201")]["options"] == {"attach": "yes", "delete": "no"}
    assert boxes[("default", "202")]["emails"] == [] and boxes[("default", "202")]["pin"] == ""


@pytest.mark.parametrize(("row", "expected"), [
    ("08:00-16:59|mon-fri|*|*", ("weekly", 5, {"day": "mon", "start": "08:00", "end": "17:00"})),
    ("22:00-05:59|sun|*|*", ("weekly", 2, {"day": "sun", "start": "22:00", "end": "24:00"})),
    ("*|*|24-26|dec", ("dates", 1, {"start_date": "2026-12-24", "end_date": "2026-12-26", "recurrence": "yearly"})),
    ("*|*|*|jul-aug", ("dates", 1, {"start_date": "2026-07-01", "end_date": "2026-08-31", "recurrence": "yearly"})),
])
def test_time_rows(row, expected):
    kind, entries = parse_time_row(row, 2026)
    assert (kind, len(entries), entries[0]) == expected


@pytest.mark.parametrize("row", ["*|mon|1-7|sep", "*|*|1|*", "25:00-26:00|*|*|*", "*|*|31|feb", "*|*"])
def test_time_rows_without_canonical_form(row):
    with pytest.raises(UnsupportedTime):
        parse_time_row(row, 2026)


def test_time_frame_entries_collect_unsupported_rows():
    weekly, dates, unsupported = time_frame_entries(["09:00-11:59|sat|*|*", "*|*|1|jan", "*|mon|1-7|sep"], 2026)
    assert weekly == [{"day": "sat", "start": "09:00", "end": "12:00"}]
    assert dates == [{"start_date": "2026-01-01", "recurrence": "yearly"}]
    assert unsupported[0][0] == "*|mon|1-7|sep"


def _resolver():
    builder = InventoryBuilder("freepbx", collected_at="2026-01-01T00:00:00Z")
    resolver = DestinationResolver(builder)
    resolver.users.update(["201", "202"])
    resolver.voicemail.add("201")
    resolver.virtual_mailboxes.add("800")
    resolver.hunt_groups.add("600")
    resolver.queues.add("700")
    resolver.time_conditions.add("1")
    resolver.ivr_menus.update({"3": ("aa-3", "main"), "4": ("aa-3", "ivr-4")})
    return builder, resolver


@pytest.mark.parametrize(("raw", "expected"), [
    ("ext-local,201,1", {"type": "user", "id": "u-201"}),
    ("from-did-direct,202,1", {"type": "user", "id": "u-202"}),
    ("ext-local,vmu201,1", {"type": "voicemail", "id": "vm-201"}),
    ("ext-local,vmb201,1", {"type": "voicemail", "id": "vm-201"}),
    ("vmu201", {"type": "voicemail", "id": "vm-201"}),
    ("ext-local,vmu800,1", {"type": "virtual_mailbox", "id": "vmb-800"}),
    ("from-did-direct,800,1", {"type": "virtual_mailbox", "id": "vmb-800"}),
    ("ext-group,600,1", {"type": "hunt_group", "id": "hg-600"}),
    ("ext-queues,700,1", {"type": "queue", "id": "q-700"}),
    ("ivr-3,s,1", {"type": "auto_attendant", "id": "aa-3"}),
    ("ivr-4,s,1", {"type": "auto_attendant_menu", "id": "aa-3", "menu": "ivr-4"}),
    ("timeconditions,1,1", {"type": "time_router", "id": "tc-1"}),
    ("app-blackhole,hangup,1", {"type": "hangup"}),
    ("app-directory,1,1", {"type": "directory"}),
])
def test_destinations(raw, expected):
    dummy, resolver = _resolver()
    assert resolver.resolve(raw) == expected


def test_menu_relative_destinations():
    dummy, resolver = _resolver()
    assert resolver.resolve("ivr-4,s,1", menu=("aa-3", "ivr-4", "main")) == {"type": "repeat_menu"}
    assert resolver.resolve("ivr-3,s,1", menu=("aa-3", "ivr-4", "main")) == {"type": "parent_menu"}


def test_unknown_destinations_share_one_not_collected_entry():
    builder, resolver = _resolver()
    first = resolver.resolve("app-announcement-2,s,1", {"type": "did", "id": "did-1"})
    second = resolver.resolve("app-announcement-2,s,1", {"type": "hunt_group", "id": "hg-600"})
    assert first == second and first["type"] == "not_collected"
    entry = builder.get("not_collected", first["id"])
    assert entry["kind"] == "announcement" and len(entry["related"]) == 2
    assert resolver.resolve("ext-local,299,1")["type"] == "not_collected"
    assert resolver.resolve("") is None


def test_numbers_without_phonenumbers_keep_the_plan(monkeypatch):
    from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx import destinations
    from ansible_collections.ucaas.migration.plugins.module_utils.inventory.normalize import MissingLibraryError

    def missing(*args):
        raise MissingLibraryError("phonenumbers")
    monkeypatch.setattr(destinations, "normalize_e164", missing)
    assert to_e164("(215) 555-0100") == "+12155550100"
    assert to_e164("12155550100") == "+12155550100"
    assert to_e164("00442079460000") == "+442079460000"
    assert to_e164("abc") is None
