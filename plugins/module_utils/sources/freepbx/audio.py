# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Audio files on the PBX: voicemail greetings and system recordings.

Files are listed (remote path, artifact path under ``audio/``, sha256), never copied:
the role fetches them with ``ansible.builtin.fetch``.
"""

from __future__ import annotations

import os
import re

from ansible_collections.ucaas.migration.plugins.module_utils.sources.builder import sha256_file

# Preferred encodings when one greeting exists in several (Asterisk keeps one per format).
AUDIO_EXTENSIONS = (("wav", "wav"), ("WAV", "wav"), ("g722", "g722"), ("ulaw", "ulaw"), ("ul", "ulaw"), ("alaw", "alaw"),
                    ("al", "alaw"), ("sln", "sln"), ("sln16", "sln"), ("gsm", "gsm"), ("mp3", "mp3"))
GREETINGS = (("unavail", "unavailable"), ("busy", "busy"), ("greet", "name"), ("temp", "temporary"))
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def find_audio(base_path):
    """The best existing file for ``base_path`` (no extension): (path, artifact extension, format) or None."""
    for extension, audio_format in AUDIO_EXTENSIONS:
        path = "%s.%s" % (base_path, extension)
        if os.path.isfile(path):
            return path, ("wav" if extension == "WAV" else extension), audio_format
    return None


def safe_name(text):
    return _UNSAFE.sub("-", text).strip("-") or "audio"


class AudioCatalog:
    """Audio assets registered with the builder, and the matching file list for the fetch."""

    def __init__(self, builder):
        self.builder = builder
        self.files = []

    def add(self, source_id, path, artifact_stem, artifact_extension, audio_format, name, purpose, attributes=None):
        digest = sha256_file(path)
        artifact = "audio/%s.%s" % (safe_name(artifact_stem), artifact_extension)
        self.builder.audio_asset(source_id, artifact, sha256=digest, name=name, audio_format=audio_format, purpose=purpose,
                                 source_attributes=dict(attributes or {}, remote_path=path))
        self.files.append(dict(remote_path=path, file=artifact, sha256=digest))
        return source_id

    def greetings(self, spool_dir, context, mailbox, owner_id):
        """Greetings of one mailbox as inventory greeting entries (the temporary greeting wins while present)."""
        found = []
        folder = os.path.join(spool_dir, context, mailbox)
        for stem, kind in GREETINGS:
            audio = find_audio(os.path.join(folder, stem))
            if audio is None:
                continue
            path, extension, audio_format = audio
            asset_id = "aud-vm-%s-%s-%s" % (context, mailbox, stem)
            self.add(asset_id, path, "vm-%s-%s-%s" % (context, mailbox, stem), extension, audio_format,
                     "%s greeting of mailbox %s" % (kind, mailbox), "voicemail_greeting", dict(mailbox_owner=owner_id))
            found.append(dict(kind=kind, audio_asset_id=asset_id))
        kinds = [greeting["kind"] for greeting in found]
        active = "temporary" if "temporary" in kinds else ("unavailable" if "unavailable" in kinds else None)
        for greeting in found:
            if greeting["kind"] == active:
                greeting["active"] = True
        return found
