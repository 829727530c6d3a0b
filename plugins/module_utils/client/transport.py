# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP transport: one ``requests`` session, auth headers, TLS, timeouts, retries and statistics."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import logging
import re
import time
import traceback
from urllib.parse import urlsplit

try:
    import requests
    from requests.adapters import HTTPAdapter
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import (
    NsAuthError, NsConfigError, NsConnectionError, NsThrottledError, http_error_class,
)
from ansible_collections.ucaas.migration.plugins.module_utils.client.redaction import Redactor
from ansible_collections.ucaas.migration.plugins.module_utils.client.retry import (
    AMBIGUOUS_STATUSES, RETRYABLE_STATUSES, RetryPolicy, is_throttle, server_wait_hint,
)
from ansible_collections.ucaas.migration.plugins.module_utils.client.stats import CallStats
from ansible_collections.ucaas.migration.plugins.module_utils.client.urls import (
    LEGACY_TOKEN_PATH, expand_path, host_of, normalize_base_url,
)

LOGGER_NAME = 'ucaas.migration.nsapi'
USER_AGENT = 'ucaas.migration-nsapi-client/1.0'
IDEMPOTENT_METHODS = frozenset(('GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'))

_ERRNO_TEXT = re.compile(r'\[Errno -?\d+\] ([^\'")]+)')


class ApiResponse:
    """A decoded answer: ``status``, ``data`` (JSON or text or None), ``headers``.

    ``recovered`` is True when a retried create found its object on re-read instead of
    sending the request again.
    """

    __slots__ = ('status', 'data', 'headers', 'recovered')

    def __init__(self, status, data, headers=None, recovered=False):
        self.status = status
        self.data = data
        self.headers = headers or {}
        self.recovered = recovered

    def __repr__(self):
        return 'ApiResponse(status=%r)' % self.status


def describe_connection_error(exc):
    """Short reason of a requests connection failure, without the urllib3 wrapping."""
    text = str(exc)
    if HAS_REQUESTS and isinstance(exc, requests.exceptions.SSLError):
        return 'TLS error (certificate verification failed or TLS handshake refused)'
    if HAS_REQUESTS and isinstance(exc, requests.exceptions.ConnectTimeout):
        return 'connection timed out'
    if HAS_REQUESTS and isinstance(exc, requests.exceptions.ReadTimeout):
        return 'no answer within the read timeout'
    match = _ERRNO_TEXT.search(text)
    if match:
        return match.group(1).strip()
    for marker in ('Name or service not known', 'nodename nor servname', 'Connection refused', 'Connection reset',
                   'RemoteDisconnected', 'Connection aborted', 'timed out'):
        if marker in text:
            return marker
    return type(exc).__name__


def _decode(response):
    text = response.text
    if not text or not text.strip():
        return None
    content_type = response.headers.get('Content-Type', '')
    if 'json' in content_type or text.lstrip()[:1] in ('{', '['):
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text


def _server_message(data, fallback):
    if isinstance(data, dict):
        for key in ('message', 'error_description', 'error'):
            if data.get(key):
                return str(data[key])
    if isinstance(data, str) and data.strip():
        first = data.strip().splitlines()[0]
        if first.lstrip().startswith('<'):
            return fallback + ' (not an ns-api JSON answer; check the url option)'
        return first[:200]
    return fallback


class Transport:
    """Sends requests to one ns-api host with auth, retries, throttling and statistics.

    ``auth`` is an auth object from :mod:`.auth`; ``sleep`` and ``clock`` are injectable
    so tests run without real waits.
    """

    def __init__(self, url, auth, redactor=None, validate_certs=True, ca_path=None, connect_timeout=10.0,
                 read_timeout=30.0, retry=None, pool_size=4, logger=None, sleep=time.sleep,
                 clock=time.monotonic, stats=None):
        if not HAS_REQUESTS:
            raise NsConfigError('The Python library requests is required by the ns-api client.')
        self.root, self.api_base = normalize_base_url(url)
        self.host = host_of(self.root)
        # Path shown in messages: the real one on the server, including any prefix of the URL.
        self.api_path = urlsplit(self.api_base).path
        self.auth = auth
        self.redactor = redactor or Redactor()
        self.retry = retry or RetryPolicy()
        self.connect_timeout = float(connect_timeout)
        self.read_timeout = float(read_timeout)
        self.log = logger or logging.getLogger(LOGGER_NAME)
        self.sleep = sleep
        self.clock = clock
        self.stats = stats or CallStats(clock=clock)
        self.session = requests.Session()
        self.session.trust_env = True
        if not validate_certs:
            self.session.verify = False
        elif ca_path:
            self.session.verify = ca_path
        else:
            self.session.verify = True
        adapter = HTTPAdapter(pool_connections=2, pool_maxsize=max(2, int(pool_size) * 2), max_retries=0)
        self.session.mount('https://', adapter)
        self.session.mount('http://', adapter)
        self.session.headers.update({'Accept': 'application/json', 'User-Agent': USER_AGENT})

    def close(self):
        self.session.close()

    # -- token endpoint (called by the OAuth2 auth object) -------------------------------------------------

    def post_token(self, flavour, body, auth_description):
        """POST a grant to the v2 token endpoint (JSON) or the legacy one (form); returns the JSON answer."""
        if flavour == 'v2':
            url, template, kwargs = self.api_base + '/tokens', '/tokens', {'json': body}
        else:
            url, template, kwargs = self.root + LEGACY_TOKEN_PATH, LEGACY_TOKEN_PATH, {'data': body}
        response = self._send_with_retry('POST', url, template, template, kwargs, authenticated=False)
        if response.status in (200, 201):
            return response.data
        message = _server_message(response.data, 'HTTP %s' % response.status)
        if response.status == 404:
            raise http_error_class(404)(self._text('Token endpoint %s not found on %s.' % (template, self.host)),
                                        method='POST', path=template, status=404, host=self.host)
        raise NsAuthError(
            self._text('Authentication failed at %s using %s: %s %s -> %s: %s' % (
                self.host, auth_description, 'POST', template, response.status, message)),
            method='POST', path=template, status=response.status, server_message=self._text(message), host=self.host)

    # -- API requests ---------------------------------------------------------------------------------------

    def request(self, method, template, path_params=None, params=None, json_body=None, recover=None):
        """Send one API request (relative ``template`` such as ``/domains/{domain}/users``).

        Returns an :class:`ApiResponse` for 2xx; raises an :class:`NsApiError` subclass otherwise.
        ``recover`` (for creates) is called before re-sending after an ambiguous failure and may
        return the object the earlier attempt already created.
        """
        method = method.upper()
        path = expand_path(template, path_params)
        kwargs = {}
        if params:
            kwargs['params'] = params
        if json_body is not None:
            kwargs['json'] = json_body
        response = self._send_with_retry(method, self.api_base + path, template, self.api_path + path, kwargs,
                                         authenticated=True, recover=recover)
        if response.recovered or 200 <= response.status < 300:
            return response
        raise self._http_error(method, self.api_path + path, response)

    def _http_error(self, method, path, response):
        message = _server_message(response.data, 'HTTP %s' % response.status)
        if response.status == 404 and 'No Route Found' in message:
            message += ' (no such API route at %s: check the url option and the core version)' % self.host
        if response.status == 401:
            text = 'Authentication failed at %s using %s: %s %s -> 401: %s' % (
                self.host, self.auth.describe(), method, path, message)
        else:
            text = 'ns-api %s %s -> %s: %s' % (method, path, response.status, message)
        self.stats.record_error()
        return http_error_class(response.status)(
            self._text(text), method=method, path=path, status=response.status,
            server_message=self._text(message), host=self.host)

    def _text(self, text):
        return self.redactor.text(text)

    def _send_with_retry(self, method, url, template, shown_path, kwargs, authenticated, recover=None):
        started = self.clock()
        deadline = started + self.retry.max_total_seconds
        attempt = 0
        reauthenticated = False
        while True:
            attempt += 1
            headers = {}
            if authenticated:
                headers['Authorization'] = self.auth.authorization(self)
            reason, hint, ambiguous, failure = None, None, False, None
            sent_at = self.clock()
            try:
                raw = self.session.request(method, url, headers=headers, timeout=(self.connect_timeout, self.read_timeout),
                                           allow_redirects=False, **kwargs)
            except requests.exceptions.RequestException as exc:
                elapsed = self.clock() - sent_at
                self.stats.record_call(method, template, None, elapsed)
                reason = 'timeout' if isinstance(exc, requests.exceptions.Timeout) else 'connection'
                # Nothing reached the server when the connection itself failed.
                ambiguous = not isinstance(exc, requests.exceptions.ConnectTimeout)
                failure = exc
                self.log.debug('%s %s failed after %.3fs: %s', method, shown_path, elapsed,
                               self._text(describe_connection_error(exc)))
            else:
                elapsed = self.clock() - sent_at
                status = raw.status_code
                self.stats.record_call(method, template, status, elapsed)
                self.log.debug('%s %s -> %s in %.3fs', method, shown_path, status, elapsed)
                data = _decode(raw)
                response = ApiResponse(status, data, dict(raw.headers))
                if status == 401 and authenticated and self.auth.can_reauthenticate and not reauthenticated:
                    reauthenticated = True
                    self.stats.record_reauth()
                    self.log.info('%s %s -> 401; obtaining a new token and retrying once', method, shown_path)
                    self.auth.reauthenticate(self, headers.get('Authorization'))
                    attempt -= 1
                    continue
                throttled = is_throttle(status, raw.text, raw.headers.get('Content-Type', ''))
                if not throttled and status not in RETRYABLE_STATUSES:
                    return response
                reason = str(status)
                hint = server_wait_hint(raw.headers)
                ambiguous = status in AMBIGUOUS_STATUSES
                failure = response
            now = self.clock()
            wait = self.retry.delay(attempt, hint)
            if attempt >= self.retry.max_attempts or now + wait > deadline:
                raise self._exhausted(method, shown_path, failure, attempt, now - started)
            self.stats.record_retry(reason, wait)
            self.log.info('%s %s: %s; retry %d/%d in %.2fs', method, shown_path, reason, attempt,
                          self.retry.max_attempts - 1, wait)
            if wait > 0:
                self.sleep(wait)
            if ambiguous and recover is not None and method not in IDEMPOTENT_METHODS:
                found = recover()
                if found is not None:
                    self.log.info('%s %s: the earlier attempt was applied; not sending it again', method, shown_path)
                    return ApiResponse(200, found, recovered=True)

    def _exhausted(self, method, path, failure, attempts, seconds):
        self.stats.record_error()
        tries = '%d attempt%s in %.1fs' % (attempts, '' if attempts == 1 else 's', seconds)
        if isinstance(failure, ApiResponse):
            status = failure.status
            message = _server_message(failure.data, 'HTTP %s' % status)
            if status in (429, 403):
                text = 'ns-api %s %s: still throttled by %s (%s) after %s' % (method, path, self.host, status, tries)
                cls = NsThrottledError
            else:
                text = 'ns-api %s %s -> %s: %s (after %s)' % (method, path, status, message, tries)
                cls = http_error_class(status)
            return cls(self._text(text), method=method, path=path, status=status,
                       server_message=self._text(message), host=self.host)
        reason = describe_connection_error(failure) if failure is not None else 'unknown error'
        text = 'Cannot reach ns-api at %s (%s %s): %s, after %s' % (self.host, method, path, reason, tries)
        return NsConnectionError(self._text(text), method=method, path=path, host=self.host)
