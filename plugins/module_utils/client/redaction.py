# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Keep secrets out of exception texts, log lines and module results.

Two complementary rules: any *known secret value* (the api key, client secret,
password, tokens of this connection) is replaced wherever it appears in text,
and any value stored under a *secret-looking key* (``password``, ``access_token``,
``device-sip-registration-password``...) is masked in structured data.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

MASK = '********'

# Keys whose values are secrets whatever their content (compared lower-cased).
SECRET_KEYS = frozenset((
    'api_key', 'apikey', 'key', 'authorization', 'password', 'client_secret', 'access_token',
    'refresh_token', 'token', 'refresh', 'passcode',
    'device-sip-registration-password', 'device-provisioning-password', 'voicemail-login-pin',
    'global-one-time-pass', 'secret',
))

# Shorter strings are not tracked: masking "no" or "1" would garble unrelated text.
MIN_SECRET_LENGTH = 4


def is_secret_key(name):
    """True when a mapping key names a secret."""
    if not isinstance(name, str):
        return False
    lowered = name.lower()
    return lowered in SECRET_KEYS or lowered.endswith('password') or lowered.endswith('_secret')


class Redactor:
    """Registry of the secret values of one connection; thread-safe."""

    def __init__(self, secrets=None):
        self._lock = threading.Lock()
        self._secrets = set()
        for value in secrets or ():
            self.add(value)

    def add(self, value):
        """Track a secret value (tokens are added as they are issued)."""
        if isinstance(value, bytes):
            value = value.decode('utf-8', 'replace')
        if isinstance(value, str) and len(value) >= MIN_SECRET_LENGTH:
            with self._lock:
                self._secrets.add(value)

    def text(self, value):
        """Return ``value`` as text with every tracked secret masked."""
        if value is None:
            return value
        if isinstance(value, bytes):
            value = value.decode('utf-8', 'replace')
        if not isinstance(value, str):
            value = str(value)
        with self._lock:
            # Longest first so a secret containing another is masked whole.
            secrets = sorted(self._secrets, key=len, reverse=True)
        for secret in secrets:
            if secret in value:
                value = value.replace(secret, MASK)
        return value

    def data(self, value):
        """Deep copy of ``value`` with secret keys masked and secret values replaced in strings."""
        if isinstance(value, dict):
            return dict((k, MASK if is_secret_key(k) and v not in (None, '') else self.data(v)) for k, v in value.items())
        if isinstance(value, (list, tuple)):
            return [self.data(item) for item in value]
        if isinstance(value, (str, bytes)):
            return self.text(value)
        return value


def mask_secret_fields(value):
    """Mask values under secret keys only (for data that never saw a :class:`Redactor`)."""
    return Redactor().data(value)
