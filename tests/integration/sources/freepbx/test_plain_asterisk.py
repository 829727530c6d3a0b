# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plain Asterisk (no FreePBX): the collector reads the configuration files alone."""
from __future__ import annotations

import json

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.validate import validate_inventory
from ansible_collections.ucaas.migration.plugins.module_utils.sources.freepbx.collect import collect


def _collect(root):
    return collect(dict(mode="auto", freepbx_conf=str(root / "etc/freepbx.conf"), asterisk_etc=str(root / "etc/asterisk"),
                        astdb=str(root / "var/lib/asterisk/astdb.sqlite3"), voicemail_spool=str(root / "var/spool/asterisk/voicemail"),
                        sounds_dir=str(root / "sounds"), customer="Riverside Print Shop", default_region="US", year=2026))


def test_plain_asterisk_collects_from_config_files(plain_asterisk_tree):
    result = _collect(plain_asterisk_tree)
    inventory = result["inventory"]
    assert inventory["source"]["platform"] == "asterisk"
    checked = validate_inventory(inventory, default_region="US", secrets=result["secrets"])
    assert checked.ok, "\n".join(checked.lines)
    users = dict((u["source_id"], u) for u in inventory["users"])
    assert sorted(users) == ["u-301", "u-302", "u-303", "u-304"]
    assert (users["u-301"]["first_name"], users["u-301"]["last_name"]) == ("Pat", "Kim")
    assert [b["source_id"] for b in inventory["voicemail_boxes"]] == ["vm-301", "vm-302", "vm-303"]
    assert [b["source_id"] for b in inventory["virtual_mailboxes"]] == ["vmb-390"]
    assert result["secrets"]["sip_password/301"] == "Plain-sip-301-secret;x"
    assert result["secrets"]["vm_pin/390"] == "3900"
    assert "Carrier-Trunk-Pass-77" not in json.dumps(result)
    queue = inventory["queues"][0]
    assert (queue["source_id"], queue["strategy"]) == ("q-500", "round_robin")
    assert [a["user_id"] for a in queue["agents"]] == ["u-301", "u-302"]
    dids = dict((d["source_id"], d["destination"]) for d in inventory["dids"])
    assert dids["did-16105550141"] == {"type": "user", "id": "u-301"}
    assert dids["did-16105550143"] == {"type": "queue", "id": "q-500"}
    assert dids["did-16105550144"] == {"type": "virtual_mailbox", "id": "vmb-390"}
    assert dids["did-16105550145"] == {"type": "user", "id": "u-303"}
    assert dids["did-16105550140"]["type"] == "not_collected"
    kinds = set(n["kind"] for n in inventory["not_collected"])
    assert {"dialplan", "device_mac", "astdb", "queue_agent"} <= kinds
    assert result["audio_files"][0]["file"] == "audio/vm-default-301-unavail.wav"
