# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Greeting uploads: JSON + base64 and multipart; bytes stored, size and duration reported."""
from __future__ import annotations

import base64
import io
import wave

import requests


def _wav(seconds, rate=8000):
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\x01\x00" * int(rate * seconds))
    return buffer.getvalue()


def _user(api):
    api.post("/domains/acme.lab/users", {"user": "1000", "name-first-name": "Ada", "name-last-name": "Byron"})


def test_base64_upload_stores_bytes_and_reports_size_and_duration(api):
    _user(api)
    audio = _wav(3)
    body = {"index": 2, "script": "Please hold", "convert": "yes", "encoding": "audio/wav", "base64_file": base64.b64encode(audio).decode()}
    created = api.post("/domains/acme.lab/users/1000/greetings", dict(body, synchronous="yes"))
    assert created.status_code == 200
    greeting = created.json()
    assert greeting["ordinal-order"] == 2
    assert greeting["file-duration-seconds"] == 3
    assert greeting["file-size-kilobytes"] == "%.1f" % (len(audio) / 1024.0)
    assert requests.get(greeting["file-access-url"], timeout=10).content == audio


def test_multipart_upload_and_update_by_post(api):
    _user(api)
    files = {"File": ("hello.wav", _wav(5), "audio/wav")}
    created = api.session.post(api.url("/domains/acme.lab/users/1000/greetings"), files=files,
                               data={"synchronous": "yes", "script": "Hello", "convert": "yes"}, timeout=10)
    assert created.status_code == 200, created.text
    assert created.json()["ordinal-order"] == 1 and created.json()["file-duration-seconds"] == 5
    replaced = api.session.post(api.url("/domains/acme.lab/users/1000/greetings"), files={"File": ("b.wav", _wav(2), "audio/wav")},
                                data={"synchronous": "yes", "index": "1"}, timeout=10)
    assert replaced.json()["file-duration-seconds"] == 2
    assert api.get("/domains/acme.lab/users/1000/greetings/count").json() == {"total": 1}
    # a multipart PUT fails as NOTES.md documents ("Missing action")
    put = api.session.put(api.url("/domains/acme.lab/users/1000/greetings/1"), files=files, data={"synchronous": "yes"}, timeout=10)
    assert put.status_code == 400 and put.json()["message"] == "Missing action"


def test_tts_greeting_and_delete(api):
    _user(api)
    assert api.post("/domains/acme.lab/users/1000/greetings", {"synchronous": "no", "script": "one two three four five"}).status_code == 202
    listed = api.get("/domains/acme.lab/users/1000/greetings").json()
    assert listed[0]["file-source"] == "tts" and listed[0]["file-duration-seconds"] == 2
    assert api.delete("/domains/acme.lab/users/1000/greetings/1").status_code == 202
    assert api.get("/domains/acme.lab/users/1000/greetings/1").status_code == 404
