# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Greeting hash store and upload bodies; answer-rule feature normalisation and order, without the API."""
from __future__ import annotations

import base64
import hashlib
import json
import os

import pytest

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.answerrule_rules import (
    canonical_features, feature_input_problems, feature_normalizer, feature_to_api, misplaced, read_sequence, reorder_body,
    target_sequence,
)
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.greeting_media import (
    GreetingHashStore, HashStoreError, normalize_audio_path, normalize_sha256, tts_body, upload_body,
)
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.kinds_user_media import (
    RULE_POSITION, AnswerRuleHooks, GreetingHooks, answerrule_spec, greeting_spec,
)
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.plan import ConfigError, plan, validate_config
from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import SpecValueError


# -- greetings ------------------------------------------------------------------------------------------------


def test_hash_store_round_trip_is_atomic_deterministic_and_only_written_on_change(tmp_path):
    path = tmp_path / "state" / "hashes.json"
    store = GreetingHashStore(str(path))
    assert store.save() is False and not path.exists()
    store.keep("d.example", "201", 2, "b" * 64, "/audio/b.wav")
    store.keep("d.example", "201", 1, "a" * 64)
    assert store.save() is True
    text = path.read_text()
    assert json.loads(text) == {"format": "ucaas.migration/greeting-hashes-v1", "greetings": {
        "d.example/201/1": {"sha256": "a" * 64}, "d.example/201/2": {"sha256": "b" * 64, "file": "/audio/b.wav"}}}
    assert os.listdir(path.parent) == ["hashes.json"]  # no temporary file left behind
    again = GreetingHashStore(str(path))
    assert again.get("d.example", "201", "2") == {"sha256": "b" * 64, "file": "/audio/b.wav"}
    assert again.save() is False
    again.forget("d.example", "201", 1)
    assert again.save() is True
    assert sorted(json.loads(path.read_text())["greetings"]) == ["d.example/201/2"]


def test_hash_store_refuses_a_foreign_file(tmp_path):
    path = tmp_path / "other.json"
    path.write_text('{"users": []}')
    with pytest.raises(HashStoreError, match="is not a greeting hash store"):
        GreetingHashStore(str(path))
    path.write_text("{not json")
    with pytest.raises(HashStoreError, match="cannot read"):
        GreetingHashStore(str(path))


def test_upload_and_tts_bodies(tmp_path):
    audio = tmp_path / "x.MP3"
    audio.write_bytes(b"\x00\x01abc")
    body = upload_body(str(audio), None, 3)
    assert body == {"synchronous": "yes", "script": "", "convert": "yes", "encoding": "audio/mp3",
                    "base64_file": base64.b64encode(b"\x00\x01abc").decode(), "index": 3}
    assert tts_body("Hello", "2") == {"synchronous": "yes", "script": "Hello", "index": 2}


def test_audio_path_and_sha256_normalisers(tmp_path):
    audio = tmp_path / "a.wav"
    audio.write_bytes(b"RIFF")
    assert normalize_audio_path(" %s " % audio) == str(audio)
    with pytest.raises(SpecValueError, match="no such file"):
        normalize_audio_path(str(tmp_path / "b.wav"))
    with pytest.raises(SpecValueError, match="expected a .wav or .mp3 file"):
        normalize_audio_path(str(tmp_path / "a.ogg"))
    assert normalize_sha256("SHA256:" + "A" * 64) == "a" * 64
    with pytest.raises(SpecValueError):
        normalize_sha256("abc")


def test_greeting_plan_compares_the_kept_sha256_not_the_path(tmp_path):
    audio = tmp_path / "a.wav"
    audio.write_bytes(b"RIFFdata")
    digest = hashlib.sha256(b"RIFFdata").hexdigest()
    store = GreetingHashStore(str(tmp_path / "h.json"))
    store.keep("d", "201", 1, digest, "/elsewhere/a.wav")
    hooks = GreetingHooks(store=store)
    spec = greeting_spec(hooks)
    config = [{"user": "201", "index": 1, "file": str(audio)}, {"user": "201", "index": 2, "file": str(audio)},
              {"user": "202", "index": 1, "script": "Closed"}]
    desired = validate_config(spec, config, "merged")
    current = [{"user": "201", "ordinal-order": 1, "file-script-text": ""}, {"user": "202", "ordinal-order": 1, "file-script-text": "Closed"}]
    current = hooks.prepare(None, spec, "d", current, desired)
    actions = plan(spec, "merged", desired, current)
    assert [(action.label, action.op) for action in actions] == [("201/1", "unchanged"), ("201/2", "create"), ("202/1", "unchanged")]
    assert actions[1].changes["sha256"] == {"before": None, "after": digest}


def test_greeting_configure_checks_across_options(tmp_path):
    audio = tmp_path / "a.wav"
    audio.write_bytes(b"RIFF")
    spec = greeting_spec()
    with pytest.raises(ConfigError) as caught:
        spec.hooks.configure(spec, {"state": "merged", "hash_store": None, "config": [
            {"user": "1", "index": 1, "script": "x", "sha256": "a" * 64}, {"user": "1", "index": 2, "file": str(audio)}]})
    assert caught.value.problems == ["config[0].sha256: given without a file; it is the sha256 of the file to upload",
                                     "hash_store: required when an item has a file (the sha256 of each upload is kept there)"]
    # Deleting needs neither a file nor a store.
    assert spec.hooks.configure(spec, {"state": "deleted", "hash_store": None, "config": [{"user": "1", "index": 2}]}) is spec


# -- answer rules ---------------------------------------------------------------------------------------------


def test_feature_normalisation_treats_what_the_api_leaves_out_as_off():
    with_parameters = feature_normalizer(True)
    assert with_parameters({"enabled": "yes", "parameters": [" vmail_201 ", 18005551234, ""]}) == {
        "enabled": True, "parameters": ["vmail_201", "18005551234"]}
    assert with_parameters({"enabled": "no"}) == {"enabled": False, "parameters": []}
    assert with_parameters({}) == {"enabled": False, "parameters": []}
    assert with_parameters({"enabled": True, "parameters": "user_300", "extra": 1}) == {"enabled": True, "parameters": ["user_300"]}
    assert feature_normalizer(False)({"enabled": "yes", "parameters": ["x"]}) == {"enabled": True, "parameters": []}
    with pytest.raises(SpecValueError, match="enabled"):
        with_parameters({"enabled": "maybe"})
    rule = canonical_features({"time-frame": "*", "do-not-disturb": {"enabled": "no"}, "forward-always": "garbage"})
    assert rule["do-not-disturb"] == rule["forward-always"] == rule["call-screening"] == {"enabled": False, "parameters": []}


def test_feature_api_form_and_input_problems():
    assert feature_to_api("forward-always", {"enabled": True, "parameters": ["vmail_1"]}) == {"enabled": "yes", "parameters": ["vmail_1"]}
    assert feature_to_api("do-not-disturb", {"enabled": False, "parameters": []}) == {"enabled": "no"}
    assert feature_input_problems("do_not_disturb", "do-not-disturb", {"enabled": True, "parameters": ["x"], "y": 1}) == [
        "do_not_disturb.y: unknown key (known: enabled, parameters)",
        "do_not_disturb.parameters: the API takes no parameters for do-not-disturb"]


def test_target_sequence_sorts_ordered_rules_into_their_slots_and_keeps_star_last():
    sequence = ["A", "X", "B", "*"]
    assert target_sequence(sequence, {"A": (2, 0), "B": (1, 1)}) == ["B", "X", "A", "*"]
    assert misplaced(sequence, {"A": (2, 0), "B": (1, 1)}) == {"A", "B"}
    assert target_sequence(["*", "A"], {}) == ["A", "*"]
    assert target_sequence(["A", "B", "*"], {"A": (1, 0), "B": (1, 1)}) == ["A", "B", "*"]  # ties: config order
    assert target_sequence(["A", "*"], {"Gone": (1, 0)}) == ["A", "*"]
    assert reorder_body(["B", "*"]) == [{"time-frame": "B"}, {"time-frame": "*"}]
    assert read_sequence([{"time-frame": "*", "order": 99}, {"time-frame": "B", "order": 2}, {"time-frame": "A", "order": "1"}]) == ["A", "B", "*"]


def test_answerrule_prepare_reads_positions_so_order_only_differs_when_a_rule_must_move():
    hooks = AnswerRuleHooks()
    spec = answerrule_spec(hooks)
    current = [{"user": "201", "time-frame": "*", "order": 99, "enabled": "yes"},
               {"user": "201", "time-frame": "A", "order": 1, "enabled": "yes"},
               {"user": "201", "time-frame": "B", "order": 2, "enabled": "yes"}]
    in_place = validate_config(spec, [{"user": "201", "time_frame": "A", "order": 10}, {"user": "201", "time_frame": "B", "order": 20}], "merged")
    prepared = hooks.prepare(None, spec, "d", [dict(rule) for rule in current], in_place)
    assert [rule[RULE_POSITION] for rule in prepared] == [None, 10, 20]
    assert [action.op for action in plan(spec, "merged", in_place, prepared)] == ["unchanged", "unchanged"]
    # A new rule C with order 1 lands at the bottom, above "*": A and B must move down.
    with_new = validate_config(spec, [{"user": "201", "time_frame": "C", "order": 1}, {"user": "201", "time_frame": "A", "order": 2},
                                      {"user": "201", "time_frame": "B", "order": 3}], "merged")
    prepared = hooks.prepare(None, spec, "d", [dict(rule) for rule in current], with_new)
    actions = plan(spec, "merged", with_new, prepared)
    assert [(action.op, action.changes.get("order")) for action in actions] == [
        ("create", {"before": None, "after": 1}), ("update", {"before": 1, "after": 2}), ("update", {"before": 2, "after": 3})]


def test_answerrule_overridden_never_deletes_an_unlisted_default_rule():
    hooks = AnswerRuleHooks(state="overridden")
    spec = answerrule_spec(hooks)
    current = [{"user": "201", "time-frame": "*", "enabled": "yes"}, {"user": "201", "time-frame": "A", "enabled": "yes"}]
    desired = validate_config(spec, [{"user": "201", "time_frame": "B", "enabled": True}], "overridden")
    actions = plan(spec, "overridden", desired, hooks.prepare(None, spec, "d", current, desired))
    assert [(action.label, action.op) for action in actions] == [("201/B", "create"), ("201/A", "delete")]
