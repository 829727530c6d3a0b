# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""ns_greeting against the lab: uploads only on a sha256 change, re-runs read one list per user, never audio."""
from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter

import pytest

from nslab.counters import request_delta, write_requests
from nslab.media import greeting_audio, silent_wav

from ansible_collections.ucaas.migration.plugins.module_utils.client.api import NsApiClient
from ansible_collections.ucaas.migration.plugins.modules import ns_greeting

nslab_seeds = pytest.importorskip("nslab.seeds")

DOMAIN = "greet.example"
LIST = "GET /ns-api/v2/domains/{domain}/users/{user}/greetings"
CREATE = "POST /ns-api/v2/domains/{domain}/users/{user}/greetings"
UPDATE = "PUT /ns-api/v2/domains/{domain}/users/{user}/greetings/{index}"
DELETE = "DELETE /ns-api/v2/domains/{domain}/users/{user}/greetings/{index}"
AUDIO = "/_lab/media/greetings"


@pytest.fixture
def lab(ns_lab):
    ns_lab.load_seed(nslab_seeds.synthetic_domain(domain=DOMAIN, users=5, dids=0))
    return ns_lab


@pytest.fixture
def audio(tmp_path):
    """Three distinct WAV files and one MP3-named file."""
    files = {}
    for name, seconds in (("a", 1.0), ("b", 2.0), ("c", 3.0)):
        path = tmp_path / ("%s.wav" % name)
        path.write_bytes(silent_wav(seconds))
        files[name] = str(path)
    mp3 = tmp_path / "d.mp3"
    mp3.write_bytes(b"ID3" + bytes(range(256)) * 40)
    files["d"] = str(mp3)
    return files


def _sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def _args(lab, tmp_path, **kwargs):
    return dict({"url": lab.url, "api_key": lab.admin_api_key, "domain": DOMAIN, "max_concurrency": 4,
                 "retry_backoff_base": 0.01, "retry_backoff_cap": 0.05, "hash_store": str(tmp_path / "state" / "greeting-hashes.json")},
                **kwargs)


def _config(audio):
    return [{"user": "1000", "index": 1, "file": audio["a"], "script": "Unavailable"},
            {"user": "1000", "index": 2, "file": audio["d"]},
            {"user": "1001", "index": 1, "file": audio["b"]},
            {"user": "1002", "index": 1, "script": "Thank you for calling"}]


def _lab_greetings(lab, user):
    with NsApiClient(lab.url, api_key=lab.admin_api_key) as client:
        return client.list("/domains/{domain}/users/{user}/greetings", path_params={"domain": DOMAIN, "user": user})


def test_upload_then_rerun_reads_one_list_per_user_and_writes_nothing(run_module, lab, audio, tmp_path):
    before = lab.stats()
    result = run_module(ns_greeting.main, _args(lab, tmp_path, config=_config(audio)))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [
        ("1000/1", "created"), ("1000/2", "created"), ("1001/1", "created"), ("1002/1", "created")]
    assert write_requests(request_delta(before, lab.stats())) == {CREATE: 4}
    assert result["results"][0]["changes"]["sha256"] == {"before": None, "after": _sha(audio["a"])}
    # The uploaded bytes are the file's bytes.
    assert greeting_audio(lab.store, DOMAIN, "1001", 1) == open(audio["b"], "rb").read()
    store = json.loads((tmp_path / "state" / "greeting-hashes.json").read_text())
    assert store["greetings"] == {
        "greet.example/1000/1": {"sha256": _sha(audio["a"]), "file": audio["a"]},
        "greet.example/1000/2": {"sha256": _sha(audio["d"]), "file": audio["d"]},
        "greet.example/1001/1": {"sha256": _sha(audio["b"]), "file": audio["b"]},
    }
    assert [g["file-script-text"] for g in _lab_greetings(lab, "1000")] == ["Unavailable", ""]

    before = lab.stats()
    again = run_module(ns_greeting.main, _args(lab, tmp_path, config=_config(audio)))
    assert not again.get("failed"), again.get("msg")
    assert again["changed"] is False and again["summary"]["unchanged"] == 4
    delta = request_delta(before, lab.stats())
    assert delta == {LIST: 3}  # one list per user; no per-greeting GET, no audio download, no write
    assert not [key for key in delta if AUDIO in key]


def test_changed_file_is_uploaded_again_with_put_and_diff_shows_hashes_only(run_module, lab, audio, tmp_path):
    run_module(ns_greeting.main, _args(lab, tmp_path, config=_config(audio)))
    config = _config(audio)
    config[2]["file"] = audio["c"]
    before = lab.stats()
    result = run_module(ns_greeting.main, _args(lab, tmp_path, config=config, _ansible_diff=True))
    assert not result.get("failed"), result.get("msg")
    assert [entry["outcome"] for entry in result["results"]] == ["unchanged", "unchanged", "updated", "unchanged"]
    assert write_requests(request_delta(before, lab.stats())) == {UPDATE: 1}
    assert result["results"][2]["changes"] == {"sha256": {"before": _sha(audio["b"]), "after": _sha(audio["c"])}}
    (diff,) = result["diff"]
    assert diff["before"]["sha256"] == _sha(audio["b"]) and diff["after"]["sha256"] == _sha(audio["c"])
    assert diff["after"]["file"] == audio["c"]
    text = json.dumps(result)
    assert base64.b64encode(open(audio["c"], "rb").read()[:300]).decode()[:40] not in text
    assert "base64" not in text
    assert lab.stats()["requests"].get(LIST) is not None


def test_check_mode_writes_nothing_not_even_the_hash_store(run_module, lab, audio, tmp_path):
    before = lab.stats()
    result = run_module(ns_greeting.main, _args(lab, tmp_path, config=_config(audio), _ansible_check_mode=True))
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True and result["summary"]["created"] == 4
    assert write_requests(request_delta(before, lab.stats())) == {}
    assert not (tmp_path / "state" / "greeting-hashes.json").exists()


def test_missing_kept_hash_uploads_again_and_a_tts_script_change_updates(run_module, lab, audio, tmp_path):
    run_module(ns_greeting.main, _args(lab, tmp_path, config=_config(audio)))
    (tmp_path / "state" / "greeting-hashes.json").unlink()
    config = _config(audio)
    config[3]["script"] = "We are closed"
    before = lab.stats()
    result = run_module(ns_greeting.main, _args(lab, tmp_path, config=config))
    assert not result.get("failed"), result.get("msg")
    assert [entry["outcome"] for entry in result["results"]] == ["updated"] * 4
    assert result["results"][3]["changes"] == {"script": {"before": "Thank you for calling", "after": "We are closed"}}
    assert write_requests(request_delta(before, lab.stats())) == {UPDATE: 4}
    again = run_module(ns_greeting.main, _args(lab, tmp_path, config=config))
    assert again["changed"] is False


def test_switching_an_upload_to_text_to_speech_forgets_its_hash(run_module, lab, audio, tmp_path):
    run_module(ns_greeting.main, _args(lab, tmp_path, config=_config(audio)))
    result = run_module(ns_greeting.main, _args(lab, tmp_path, config=[{"user": "1001", "index": 1, "script": "Spoken"}]))
    assert not result.get("failed"), result.get("msg")
    assert result["results"][0]["changes"]["sha256"] == {"before": _sha(audio["b"]), "after": ""}
    store = json.loads((tmp_path / "state" / "greeting-hashes.json").read_text())
    assert "greet.example/1001/1" not in store["greetings"]
    assert _lab_greetings(lab, "1001")[0]["file-source"] == "tts"


def test_overridden_deleted_and_gathered(run_module, lab, audio, tmp_path):
    run_module(ns_greeting.main, _args(lab, tmp_path, config=_config(audio)))
    gathered = run_module(ns_greeting.main, _args(lab, tmp_path, state="gathered", scope={"match": "1000/.*"}))
    # Gathered items are valid config as they are: the index keeps its type.
    assert gathered["gathered"] == [
        {"user": "1000", "index": 1, "file": audio["a"], "script": "Unavailable", "sha256": _sha(audio["a"])},
        {"user": "1000", "index": 2, "file": audio["d"], "script": "", "sha256": _sha(audio["d"])}]
    result = run_module(ns_greeting.main, _args(lab, tmp_path, state="overridden", config=_config(audio)[:1], scope={"match": "1000/.*"}))
    assert not result.get("failed"), result.get("msg")
    assert [(entry["key"], entry["outcome"]) for entry in result["results"]] == [("1000/1", "unchanged"), ("1000/2", "deleted")]
    deleted = run_module(ns_greeting.main, _args(lab, tmp_path, state="deleted", config=[{"user": "1001", "index": 1}, {"user": "1001", "index": 9}]))
    assert [(entry["key"], entry["outcome"]) for entry in deleted["results"]] == [("1001/1", "deleted"), ("1001/9", "unchanged")]
    store = json.loads((tmp_path / "state" / "greeting-hashes.json").read_text())
    assert sorted(store["greetings"]) == ["greet.example/1000/1"]


def test_bad_input_fails_before_any_request(run_module, lab, audio, tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    before = lab.stats()
    result = run_module(ns_greeting.main, _args(lab, tmp_path, config=[
        {"user": "1000", "index": 1, "file": str(tmp_path / "missing.wav")},
        {"user": "1000", "index": 2, "file": str(tmp_path / "notes.txt")},
        {"user": "1000", "index": 0, "script": "x"},
        {"user": "1000", "index": 3}]))
    assert result["failed"]
    assert result["problems"] == [
        "config[0].file: no such file on the controller: %s" % (tmp_path / "missing.wav"),
        "config[1].file: expected a .wav or .mp3 file, got '%s'" % (tmp_path / "notes.txt"),
        "config[2].index: expected a greeting index of 1 or more, got 0"]
    wrong_hash = run_module(ns_greeting.main, _args(lab, tmp_path, config=[
        {"user": "1000", "index": 1, "file": audio["a"], "sha256": "0" * 64},
        {"user": "1000", "index": 3}]))
    assert wrong_hash["problems"] == [
        "config[0].sha256: does not match the file (the sha256 of %s is %s)" % (audio["a"], _sha(audio["a"])),
        "config[1].file: missing; a greeting needs a file (audio to upload) or a script (text to speech)"]
    no_store = run_module(ns_greeting.main, dict(_args(lab, tmp_path, config=_config(audio)), hash_store=None))
    assert no_store["problems"] == ["hash_store: required when an item has a file (the sha256 of each upload is kept there)"]
    assert lab.stats()["total"] == before["total"]


def test_faults_give_the_same_result_as_a_clean_run_without_duplicates(run_module, ns_lab_factory, audio, tmp_path):
    clean = ns_lab_factory(strict=True)
    faulty = ns_lab_factory(strict=True)
    for one in (clean, faulty):
        one.load_seed(nslab_seeds.synthetic_domain(domain=DOMAIN, users=5, dids=0))
    faulty.set_faults(rate_limit_percent=15, error_percent={503: 15}, retry_after=0.01, rng_seed=3)
    config = [{"user": str(1000 + n % 5), "index": 1 + n // 5, "file": audio["abc"[n % 3]]} for n in range(15)]
    results = [run_module(ns_greeting.main, _args(one, tmp_path / name, config=config)) for one, name in ((clean, "clean"), (faulty, "faulty"))]
    for result in results:
        assert not result.get("failed"), result.get("msg")
    assert results[0]["results"] == results[1]["results"]
    assert results[1]["api_stats"]["retries"] > 0
    faulty.clear_faults()
    for user in ("1000", "1001", "1002", "1003", "1004"):
        indexes = [g["ordinal-order"] for g in _lab_greetings(faulty, user)]
        assert not [index for index, count in Counter(indexes).items() if count > 1]
        assert indexes == [g["ordinal-order"] for g in _lab_greetings(clean, user)]
    again = run_module(ns_greeting.main, _args(faulty, tmp_path / "faulty", config=config))
    assert again["changed"] is False
