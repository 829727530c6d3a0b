# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Authentication: a static API key, or OAuth2 password grant with refresh.

The OAuth token endpoint is ``POST /ns-api/v2/tokens`` (JSON); cores that answer it
with 404 get the legacy ``POST /ns-api/oauth2/token/`` (form fields) instead.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import time

from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsAuthError, NsConfigError, NsNotFoundError

# Refresh this many seconds before the announced expiry, so a token never dies mid-request.
EXPIRY_MARGIN_SECONDS = 30.0


class ApiKeyAuth:
    """``Authorization: Bearer <api key>``; a 401 cannot be fixed by re-authenticating."""

    method_name = 'API key'
    can_reauthenticate = False

    def __init__(self, api_key, redactor):
        if not api_key:
            raise NsConfigError('An API key is required for API key authentication.')
        self._api_key = api_key
        redactor.add(api_key)

    def authorization(self, token_client):
        return 'Bearer %s' % self._api_key

    def reauthenticate(self, token_client, rejected_header):
        raise NsConfigError('An API key cannot be refreshed.')

    def describe(self):
        return self.method_name


class OAuth2PasswordAuth:
    """OAuth2 password grant, refreshed with the refresh token (or a new password grant).

    ``token_client`` (the transport) provides ``post_token(path_kind, body)`` which returns the
    decoded JSON answer or raises; the auth object only decides what to ask for.
    """

    method_name = 'OAuth2 password grant'
    can_reauthenticate = True

    def __init__(self, client_id, client_secret, username, password, redactor, clock=time.time):
        missing = [name for name, value in (('client_id', client_id), ('client_secret', client_secret),
                                            ('username', username), ('password', password)) if not value]
        if missing:
            raise NsConfigError('OAuth2 authentication needs %s.' % ', '.join(missing))
        self.client_id = client_id
        self.username = username
        self._client_secret = client_secret
        self._password = password
        self._redactor = redactor
        redactor.add(client_secret)
        redactor.add(password)
        self._clock = clock
        self._lock = threading.Lock()
        self._access_token = None
        self._refresh_token = None
        self._expires_at = None
        self.use_legacy_endpoint = False
        self.token_requests = 0

    def describe(self):
        return '%s (client_id %s, username %s)' % (self.method_name, self.client_id, self.username)

    def authorization(self, token_client):
        with self._lock:
            if self._access_token is None or self._expiring():
                self._obtain(token_client)
            return 'Bearer %s' % self._access_token

    def reauthenticate(self, token_client, rejected_header):
        """Get a fresh token after a 401, unless another thread already did."""
        with self._lock:
            if self._access_token is not None and rejected_header != 'Bearer %s' % self._access_token:
                return
            self._access_token = None
            self._obtain(token_client)

    def _expiring(self):
        return self._expires_at is not None and self._clock() >= self._expires_at - EXPIRY_MARGIN_SECONDS

    def _obtain(self, token_client):
        if self._refresh_token:
            try:
                self._store(self._request(token_client, {
                    'grant_type': 'refresh_token', 'client_id': self.client_id,
                    'client_secret': self._client_secret, 'refresh_token': self._refresh_token,
                }))
                return
            except NsAuthError:
                # Refresh tokens expire too; fall back to a full password grant.
                self._refresh_token = None
        self._store(self._request(token_client, {
            'grant_type': 'password', 'client_id': self.client_id, 'client_secret': self._client_secret,
            'username': self.username, 'password': self._password,
        }))

    def _request(self, token_client, body):
        self.token_requests += 1
        if not self.use_legacy_endpoint:
            try:
                return token_client.post_token('v2', body, self.describe())
            except NsNotFoundError:
                self.use_legacy_endpoint = True
        return token_client.post_token('legacy', body, self.describe())

    def _store(self, answer):
        if not isinstance(answer, dict) or not answer.get('access_token'):
            raise NsAuthError('The token endpoint answered without an access_token (%s).' % self.describe())
        self._access_token = str(answer['access_token'])
        self._redactor.add(self._access_token)
        refresh = answer.get('refresh_token')
        if refresh:
            self._refresh_token = str(refresh)
            self._redactor.add(self._refresh_token)
        try:
            lifetime = float(answer.get('expires_in'))
        except (TypeError, ValueError):
            lifetime = None
        self._expires_at = self._clock() + lifetime if lifetime else None


def build_auth(redactor, api_key=None, client_id=None, client_secret=None, username=None, password=None):
    """Pick the auth method from the options given; an API key wins when both are set."""
    if api_key:
        return ApiKeyAuth(api_key, redactor)
    if any((client_id, client_secret, username, password)):
        return OAuth2PasswordAuth(client_id, client_secret, username, password, redactor)
    raise NsConfigError('No credentials: set api_key (NS_API_KEY), or client_id, client_secret, username and password '
                        '(NS_CLIENT_ID, NS_CLIENT_SECRET, NS_USERNAME, NS_PASSWORD).')
