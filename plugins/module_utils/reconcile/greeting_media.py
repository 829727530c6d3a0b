# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Greeting audio on the controller: file checks, sha256, the upload bodies and the hash store.

The API never returns a greeting's audio hash (only a rounded size and a URL to download it),
so the sha256 of every uploaded file is kept in a small JSON file on the controller. A re-run
compares the file's sha256 with the kept one and never downloads audio.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import hashlib
import json
import os
import re
import tempfile

from ansible_collections.ucaas.migration.plugins.module_utils.reconcile.spec import SpecValueError, normalize_str

HASH_STORE_FORMAT = 'ucaas.migration/greeting-hashes-v1'
# Content types the upload operation documents for base64 files.
AUDIO_ENCODINGS = {'.wav': 'audio/wav', '.mp3': 'audio/mp3'}
_SHA256 = re.compile(r'^[0-9a-f]{64}$')
_CHUNK = 1024 * 1024


class HashStoreError(ValueError):
    """The hash store cannot be read or written; ``str()`` completes "hash_store: ..."."""


def normalize_audio_path(value):
    """A readable ``.wav``/``.mp3`` file on the controller (checked when the input is read, before any request)."""
    path = normalize_str(value)
    extension = os.path.splitext(path)[1].lower()
    if extension not in AUDIO_ENCODINGS:
        raise SpecValueError('expected a .wav or .mp3 file, got %r' % (path,))
    if not os.path.isfile(path):
        raise SpecValueError('no such file on the controller: %s' % path)
    if not os.access(path, os.R_OK):
        raise SpecValueError('file is not readable: %s' % path)
    return path


def normalize_sha256(value):
    """64 hex digits, lower case (an optional ``sha256:`` prefix is accepted)."""
    text = normalize_str(value).lower()
    if text.startswith('sha256:'):
        text = text[len('sha256:'):]
    if not _SHA256.match(text):
        raise SpecValueError('expected a sha256 (64 hexadecimal digits), got %r' % (value,))
    return text


def sha256_of_file(path):
    digest = hashlib.sha256()
    with open(path, 'rb') as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b''):
            digest.update(chunk)
    return digest.hexdigest()


def audio_encoding(path):
    return AUDIO_ENCODINGS[os.path.splitext(path)[1].lower()]


def upload_body(path, script, index=None):
    """JSON + base64 body of the create/update-from-upload operations (``convert`` lets the platform transcode)."""
    with open(path, 'rb') as handle:
        encoded = base64.b64encode(handle.read()).decode('ascii')
    body = {'synchronous': 'yes', 'script': script or '', 'convert': 'yes', 'encoding': audio_encoding(path), 'base64_file': encoded}
    if index is not None:
        body['index'] = int(index)
    return body


def tts_body(script, index=None):
    """Body of the create/update-with-TTS operations: the platform renders ``script``."""
    body = {'synchronous': 'yes', 'script': script}
    if index is not None:
        body['index'] = int(index)
    return body


def store_key(domain, user, index):
    return '%s/%s/%d' % (domain, user, int(index))


class GreetingHashStore:
    """``{"<domain>/<user>/<index>": {"sha256": ..., "file": ...}}`` in a JSON file; no secrets in it.

    Loaded once; :meth:`save` rewrites the file atomically (temporary file + rename in the same
    directory) and only when its content changed.
    """

    def __init__(self, path):
        self.path = path
        self.entries = {}
        self._loaded = {}
        if os.path.exists(path):
            try:
                with open(path, encoding='utf-8') as handle:
                    data = json.load(handle)
            except (OSError, ValueError) as exc:
                raise HashStoreError('cannot read %s: %s' % (path, exc))
            if not isinstance(data, dict) or data.get('format') != HASH_STORE_FORMAT or not isinstance(data.get('greetings'), dict):
                raise HashStoreError('%s is not a greeting hash store (format %s)' % (path, HASH_STORE_FORMAT))
            for key, entry in data['greetings'].items():
                if isinstance(entry, dict) and isinstance(entry.get('sha256'), str):
                    self.entries[key] = dict((name, str(entry[name])) for name in ('sha256', 'file') if entry.get(name))
        self._loaded = json.loads(json.dumps(self.entries))

    def get(self, domain, user, index):
        return self.entries.get(store_key(domain, user, index))

    def keep(self, domain, user, index, sha256, file_path=None):
        entry = {'sha256': sha256}
        if file_path:
            entry['file'] = file_path
        self.entries[store_key(domain, user, index)] = entry

    def forget(self, domain, user, index):
        self.entries.pop(store_key(domain, user, index), None)

    @property
    def changed(self):
        return self.entries != self._loaded

    def render(self):
        return json.dumps({'format': HASH_STORE_FORMAT, 'greetings': self.entries}, indent=2, sort_keys=True) + '\n'

    def save(self):
        """Write the store when it changed; True when the file was written."""
        if not self.changed:
            return False
        directory = os.path.dirname(os.path.abspath(self.path))
        try:
            if not os.path.isdir(directory):
                os.makedirs(directory)
            handle, temporary = tempfile.mkstemp(prefix='.greeting-hashes-', suffix='.tmp', dir=directory)
            try:
                with os.fdopen(handle, 'w', encoding='utf-8') as out:
                    out.write(self.render())
                os.replace(temporary, self.path)
            except BaseException:
                if os.path.exists(temporary):
                    os.unlink(temporary)
                raise
        except OSError as exc:
            raise HashStoreError('cannot write %s: %s' % (self.path, exc))
        self._loaded = json.loads(json.dumps(self.entries))
        return True
