# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""netsapiens_collect against the lab seeded with Acme Dental Group (lab/seeds/acme-dental-group.json)."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import textwrap
from pathlib import Path

import pytest
import requests

from ansible_collections.ucaas.migration.plugins.module_utils.inventory.model import dumps
from ansible_collections.ucaas.migration.plugins.module_utils.inventory.validate import validate_inventory
from ansible_collections.ucaas.migration.plugins.modules import netsapiens_collect

REPO = Path(__file__).resolve().parents[3]
SEED = REPO / "lab" / "seeds" / "acme-dental-group.json"
DOMAIN = "acmedental.lab"


@pytest.fixture(scope="module")
def seed():
    return json.loads(SEED.read_text(encoding="utf-8"))


@pytest.fixture
def lab(ns_lab):
    ns_lab.load_seed(str(SEED))
    return ns_lab


def _collect(run_module, lab, dest, **extra):
    args = {"url": lab.url, "api_key": lab.readonly_api_key, "domain": DOMAIN, "dest": str(dest)}
    args.update(extra)
    return run_module(netsapiens_collect.main, args)


def _seed_users(seed):
    return seed["domains"][0]["users"]


def _people(seed):
    return [u for u in _seed_users(seed) if not u.get("service-code") and u.get("user-scope") != "No Portal"]


def _without_stamp(inventory):
    """The inventory as artifacts write it (model.dumps), with the collection stamp blanked."""
    copy = json.loads(json.dumps(inventory))
    copy["source"]["collected_at"] = "-"
    return dumps(copy)


def test_collected_inventory_validates_and_matches_the_seed(run_module, lab, seed, tmp_path):
    result = _collect(run_module, lab, tmp_path)
    assert not result.get("failed"), result.get("msg")
    inventory = result["inventory"]
    check = validate_inventory(inventory, "US", result["secrets"])
    assert check.ok, "\n".join(check.lines)

    domain = seed["domains"][0]
    people = _people(seed)
    assert len(people) >= 40
    assert sorted(u["extension"] for u in inventory["users"]) == sorted(u["user"] for u in people)
    assert len(inventory["voicemail_boxes"]) == len(people)
    assert len(inventory["dids"]) == len(domain["phonenumbers"]) == 50
    assert len(inventory["queues"]) == len(domain["callqueues"])
    assert {q["extension"]: len(q["agents"]) for q in inventory["queues"]} == {
        q["callqueue"]: len(q["agents"]) for q in domain["callqueues"]}
    assert sorted(a["extension"] for a in inventory["auto_attendants"]) == sorted({a["user"] for a in domain["autoattendants"]})
    main = next(a for a in inventory["auto_attendants"] if a["extension"] == "500")
    assert {m["id"] for m in main["menus"]} == {"holidays", "business_hours", "business_hours_3", "default"}
    assert main["variants"] == [{"time_frame_id": "tf-holidays", "menu": "holidays"},
                                {"time_frame_id": "tf-business-hours", "menu": "business_hours"}, {"menu": "default"}]
    option_3 = next(o for m in main["menus"] if m["id"] == "business_hours" for o in m["options"] if o["key"] == "3")
    assert option_3["destination"] == {"type": "auto_attendant_menu", "id": "aa-500", "menu": "business_hours_3"}
    frames = {f["name"]: f for f in inventory["time_frames"]}
    assert sorted(frames) == sorted(f["timeframe-name"] for f in domain["timeframes"])
    assert len(frames["Holidays"]["holidays"]) == 6 and frames["Holidays"]["kind"] == "holidays"
    assert frames["Office Closures"]["kind"] == "specific_dates"
    assert sorted(v["extension"] for v in inventory["virtual_mailboxes"]) == ["801", "802"]
    phones = [d for d in inventory["devices"] if d.get("mac")]
    assert len(phones) == 30
    assert {(d["brand"], d["model"]) for d in phones} == {("Yealink", "T54W"), ("Polycom", "VVX 450"), ("Grandstream", "GRP2614")}
    assert len(inventory["sms_numbers"]) == len(domain["smsnumbers"])
    assert [r["extension"] for r in inventory["time_routers"]] == ["700"]
    main_did = next(d for d in inventory["dids"] if d["number"] == "+12155550100")
    assert main_did["destination"] == {"type": "time_router", "id": "tr-700"}

    kinds = {(r["user_id"], r["kind"]) for r in inventory["answer_rules"]}
    assert {("u-103", "forward_busy"), ("u-103", "forward_no_answer"), ("u-116", "forward_unavailable"),
            ("u-106", "forward_always"), ("u-105", "simultaneous_ring"), ("u-137", "do_not_disturb")} <= kinds

    gaps = {entry["source_id"]: entry for entry in inventory["not_collected"]}
    pins = gaps["voicemail-pins"]
    assert len(pins["related"]) == len(people) + 2
    assert all(box["pin"] == {"is_set": False} for box in inventory["voicemail_boxes"])
    assert "answer-rule-116-business-hours-forward-on-active" in gaps
    assert "answer-rule-137-business-hours-phone-numbers-to-reject" in gaps
    fax = next(d for d in inventory["dids"] if d["number"] == "+12155550106")
    assert fax["destination"]["type"] == "not_collected" and fax["destination"]["id"] in gaps

    greeting_count = sum(len(u.get("greetings", [])) for u in _seed_users(seed))
    assert len(inventory["audio_assets"]) == len(result["audio_files"]) == greeting_count
    for asset in inventory["audio_assets"]:
        data = (tmp_path / asset["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == asset["sha256"]
        assert data.startswith(b"RIFF")
    assert result["changed"] is True


def test_second_collect_is_identical_and_writes_nothing(run_module, lab, tmp_path):
    first = _collect(run_module, lab, tmp_path)
    stamps = dict((name, os.stat(tmp_path / name).st_mtime_ns) for name in first["audio_files"])
    second = _collect(run_module, lab, tmp_path)
    assert second["changed"] is False
    assert _without_stamp(second["inventory"]) == _without_stamp(first["inventory"])
    assert stamps == dict((name, os.stat(tmp_path / name).st_mtime_ns) for name in second["audio_files"])


def test_changed_greeting_is_rewritten(run_module, lab, tmp_path):
    first = _collect(run_module, lab, tmp_path)
    before = (tmp_path / "audio" / "ns-101-greeting-1.wav").read_bytes()
    wav = base64.b64decode(json.loads(SEED.read_text())["domains"][0]["users"][1]["greetings"][0]["base64_file"])
    # The documented way to replace an uploaded greeting: POST with the existing index.
    answer = requests.post("%s/ns-api/v2/domains/%s/users/101/greetings" % (lab.url, DOMAIN),
                           headers={"Authorization": "Bearer %s" % lab.admin_api_key},
                           json={"index": 1, "script": "new", "convert": "no", "encoding": "audio/wav",
                                 "base64_file": base64.b64encode(wav).decode("ascii"), "synchronous": "yes"}, timeout=10)
    assert answer.status_code == 200, answer.text
    second = _collect(run_module, lab, tmp_path)
    assert second["changed"] is True
    assert (tmp_path / "audio" / "ns-101-greeting-1.wav").read_bytes() == wav != before
    assert first["audio_files"] == second["audio_files"]


def test_check_mode_writes_nothing(run_module, lab, tmp_path):
    result = _collect(run_module, lab, tmp_path / "state", _ansible_check_mode=True)
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True
    assert not (tmp_path / "state").exists()
    assert validate_inventory(result["inventory"], "US", result["secrets"]).ok


def test_no_pin_or_sip_password_in_the_result(run_module, lab, seed, tmp_path):
    result = _collect(run_module, lab, tmp_path)
    text = json.dumps(result)
    pins = [u["voicemail-login-pin"] for u in _seed_users(seed) if u.get("voicemail-login-pin")]
    assert pins and not [pin for pin in pins if '"%s"' % pin in text or "vm_pin/%s" % pin in text]
    devices = requests_json(lab, "/domains/%s/devices" % DOMAIN)
    passwords = [d["device-sip-registration-password"] for d in devices]
    assert len(passwords) == 44
    assert not [password for password in passwords if password in text]
    assert lab.readonly_api_key not in text
    assert result["secrets"] == {}


def requests_json(lab, path):
    answer = requests.get(lab.url + "/ns-api/v2" + path, headers={"Authorization": "Bearer %s" % lab.admin_api_key},
                          params={"limit": 1000}, timeout=10)
    answer.raise_for_status()
    return answer.json()


def test_wrong_key_is_one_clear_error(run_module, lab, tmp_path):
    result = _collect(run_module, lab, tmp_path, api_key="nss_not-a-key")
    assert result["failed"]
    host = lab.url.split("//", 1)[1]
    assert result["msg"].startswith("NetSapiens source %s, domain %s: Authentication failed at %s" % (host, DOMAIN, host))
    assert "\n" not in result["msg"] and "nss_not-a-key" not in result["msg"]
    assert not (tmp_path / "audio").exists()


def test_unknown_domain_and_unreachable_host(run_module, lab, tmp_path):
    result = _collect(run_module, lab, tmp_path, domain="nowhere.lab")
    assert result["failed"] and "NetSapiens source" in result["msg"] and "-> 404" in result["msg"]
    result = run_module(netsapiens_collect.main, {"url": "http://127.0.0.1:9", "api_key": "nss_x", "domain": DOMAIN,
                                                  "dest": str(tmp_path), "retry_max_attempts": 1, "connect_timeout": 2})
    assert result["failed"]
    assert result["msg"].startswith("NetSapiens source 127.0.0.1:9, domain %s: Cannot reach ns-api at 127.0.0.1:9" % DOMAIN)


def test_through_ansible_playbook(run_playbook, lab, tmp_path):
    playbook = tmp_path / "collect.yml"
    playbook.write_text(textwrap.dedent("""\
        - name: Collect Acme Dental Group from the lab
          hosts: localhost
          gather_facts: false
          tasks:
            - name: Collect the source domain
              ucaas.migration.netsapiens_collect:
                url: "{{ lab_url }}"
                api_key: "{{ lab_key }}"
                domain: acmedental.lab
                dest: "{{ state_dir }}"
                customer: Acme Dental Group
              register: collected
              no_log: true

            - name: Check what was collected
              ansible.builtin.assert:
                that:
                  - collected.inventory.users | length == 44
                  - collected.inventory.dids | length == 50
                  - collected.inventory.source.customer == 'Acme Dental Group'
                  - collected.audio_files | length == 13
        """))
    state = tmp_path / "state"
    variables = ["-e", "lab_url=%s" % lab.url, "-e", "lab_key=%s" % lab.readonly_api_key, "-e", "state_dir=%s" % state]
    first = run_playbook(playbook, "-i", "localhost,", "-c", "local", *variables)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "changed=1" in first.stdout
    second = run_playbook(playbook, "-i", "localhost,", "-c", "local", *variables)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "changed=0" in second.stdout
    assert len(list((state / "audio").iterdir())) == 13
