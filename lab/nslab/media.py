# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Greetings: TTS, JSON + base64 and multipart uploads; the bytes are stored.

Reads report ``file-size-kilobytes`` (``"%.1f"`` of bytes / 1024) and
``file-duration-seconds`` (exact for WAV, bytes / 16000 for other formats, i.e.
128 kbit/s). TTS greetings are rendered as silent 8 kHz WAVs about as long as
the script takes to read. As NOTES.md documents, a multipart PUT answers
"Missing action"; updates by upload use POST with the existing ``index``.
"""
from __future__ import annotations

import base64
import binascii
import io
import wave

from email.parser import BytesParser
from email.policy import HTTP

from .resources_core import require_user, stamp, user_scope
from .routing import ApiError

COMPRESSED_BYTES_PER_SECOND = 16000


def silent_wav(seconds, rate=8000):
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\x00\x00" * int(rate * seconds))
    return buffer.getvalue()


def audio_duration(data):
    """Whole seconds of audio (at least 1 for non-empty data)."""
    try:
        with wave.open(io.BytesIO(data), "rb") as audio:
            seconds = audio.getnframes() / float(audio.getframerate())
    except (wave.Error, EOFError, ZeroDivisionError):
        seconds = len(data) / float(COMPRESSED_BYTES_PER_SECOND)
    return max(1, int(round(seconds))) if data else 0


def parse_multipart(content_type, raw):
    """Split a multipart/form-data body into text fields and files."""
    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + raw)
    if not message.is_multipart():
        raise ApiError(400, "Malformed multipart body")
    fields, files = {}, {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        payload = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None:
            files[name] = (filename, part.get_content_type(), payload)
        else:
            fields[name] = payload.decode(part.get_content_charset() or "utf-8")
    return fields, files


def _index(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError(400, "Invalid index %r" % (value,)) from None


def _audio_from_request(call, fields):
    """Return ``(bytes, source)`` from an upload, base64 or a TTS script."""
    upload = call.files.get("File")
    if upload is not None:
        return upload[2], "upload"
    if fields.get("base64_file"):
        try:
            return base64.b64decode(str(fields["base64_file"]), validate=True), "upload"
        except (binascii.Error, ValueError):
            raise ApiError(400, "base64_file is not valid base64") from None
    if fields.get("script"):
        words = len(str(fields["script"]).split())
        return silent_wav(max(1.0, words / 2.5)), "tts"
    raise ApiError(400, "Missing file information.")


def _store_greeting(call, index, fields, current=None):
    domain, user = call.params["domain"], call.params["user"]
    data, source = _audio_from_request(call, fields)
    if not data:
        raise ApiError(400, "Missing file information.")
    body = dict(current or {})
    body.update({
        "domain": domain, "user": user, "index": index, "ordinal-order": index,
        "filename": "greeting-%d.wav" % index,
        "file-duration-seconds": audio_duration(data),
        "file-size-kilobytes": "%.1f" % (len(data) / 1024.0),
        "file-access-url": "%s/_lab/media/greetings/%s/%s/%d" % (call.lab.url, domain, user, index),
        "file-script-text": str(fields.get("script", body.get("file-script-text", ""))),
        "file-source": source,
    })
    if source == "tts":
        body["text-to-speech-voice-id"] = str(fields.get("voice_id") or "en-US-Wavenet-C")
        body["text-to-speech-language"] = str(fields.get("voice_language") or "en-US")
    stamp(body, created=current is None)
    scope = user_scope(domain, user)
    with call.store.transaction():
        call.store.put("greeting", scope, str(index), body, call.delay)
        call.store.put_blob("greeting", scope, str(index), data)
    return body


def list_greetings(call):
    domain, user = call.params["domain"], call.params["user"]
    require_user(call, domain, user)
    rows = sorted(call.store.list("greeting", user_scope(domain, user)), key=lambda g: g["index"])
    return 200, call.page(rows=rows)


def count_greetings(call):
    domain, user = call.params["domain"], call.params["user"]
    require_user(call, domain, user)
    return 200, {"total": call.store.count("greeting", user_scope(domain, user))}


def create_greeting(call):
    domain, user = call.params["domain"], call.params["user"]
    require_user(call, domain, user, for_write=True)
    fields = call.fields()
    scope = user_scope(domain, user)
    if fields.get("index") not in (None, ""):
        index = _index(fields["index"])
    else:
        index = max([g["index"] for g in call.store.list("greeting", scope, include_pending=True)] or [0]) + 1
    # POST with an existing index replaces it (the way uploads update, see NOTES.md)
    current = call.store.get("greeting", scope, str(index), include_pending=True)
    return call.reply(_store_greeting(call, index, fields, current))


def _existing(call, for_write):
    domain, user = call.params["domain"], call.params["user"]
    require_user(call, domain, user, for_write)
    index = _index(call.params["index"])
    found = call.store.get("greeting", user_scope(domain, user), str(index), include_pending=for_write)
    if found is None:
        raise ApiError(404, "File does not exist.")
    return index, found


def get_greeting(call):
    return 200, _existing(call, False)[1]


def update_greeting(call):
    if call.files or "multipart" in call.content_type:
        raise ApiError(400, "Missing action")
    index, current = _existing(call, True)
    return call.reply(_store_greeting(call, index, call.fields(), current))


def delete_greeting(call):
    index, dummy = _existing(call, True)
    call.store.delete("greeting", user_scope(call.params["domain"], call.params["user"]), str(index), call.delay)
    return call.reply({})


def greeting_audio(store, domain, user, index):
    """Bytes behind a greeting's ``file-access-url`` (served under /_lab)."""
    return store.get_blob("greeting", user_scope(domain, user), str(index))


def register(router):
    g = "/domains/{domain}/users/{user}/greetings"
    for method, template, handler in (
        ("GET", g, list_greetings), ("POST", g, create_greeting), ("GET", g + "/count", count_greetings),
        ("GET", g + "/{index}", get_greeting), ("PUT", g + "/{index}", update_greeting), ("DELETE", g + "/{index}", delete_greeting),
    ):
        router.add(method, template, handler)
