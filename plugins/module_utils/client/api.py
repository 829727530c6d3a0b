# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ns-api v2 client used by the collection's modules.

:class:`NsApiClient` wraps a :class:`Transport` with paging, resource-aware
read/create/update/delete (creates never duplicate, accepted writes are confirmed
by reading back) and bounded concurrency for bulk work.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import logging
import time

from ansible_collections.ucaas.migration.plugins.module_utils.client.auth import build_auth
from ansible_collections.ucaas.migration.plugins.module_utils.client.concurrency import bounded_map
from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import (
    NsConfigError, NsConflictError, NsNotFoundError, NsWriteNotConfirmedError,
)
from ansible_collections.ucaas.migration.plugins.module_utils.client.paging import MAX_PAGE_LIMIT, iterate_pages
from ansible_collections.ucaas.migration.plugins.module_utils.client.redaction import Redactor
from ansible_collections.ucaas.migration.plugins.module_utils.client.resources import get_kind
from ansible_collections.ucaas.migration.plugins.module_utils.client.retry import RetryPolicy
from ansible_collections.ucaas.migration.plugins.module_utils.client.transport import LOGGER_NAME, Transport


def _as_list(data):
    if data is None:
        return []
    if isinstance(data, list):
        return data
    return [data]


def _same_value(sent, read):
    if isinstance(sent, (dict, list)):
        return sent == read
    return str(sent) == str(read) if read is not None else sent is None


class NsApiClient:
    """Client for one ns-api v2 host.

    Credentials: ``api_key``, or ``client_id``/``client_secret``/``username``/``password``
    (OAuth2 password grant). ``max_concurrency`` bounds the threads of :meth:`map`.
    ``confirm_timeout``/``confirm_interval`` bound the read-back polling of accepted writes.
    """

    def __init__(self, url, api_key=None, client_id=None, client_secret=None, username=None, password=None,
                 validate_certs=True, ca_path=None, timeout=30.0, connect_timeout=10.0, max_concurrency=4,
                 max_attempts=6, max_retry_seconds=300.0, backoff_base=0.5, backoff_cap=30.0, max_retry_after=120.0,
                 confirm_timeout=15.0, confirm_interval=0.2, page_limit=MAX_PAGE_LIMIT, logger=None,
                 sleep=time.sleep, clock=time.monotonic):
        self.redactor = Redactor([api_key, client_secret, password])
        auth = build_auth(self.redactor, api_key=api_key, client_id=client_id, client_secret=client_secret,
                          username=username, password=password)
        self.max_concurrency = max(1, int(max_concurrency or 1))
        self.retry = RetryPolicy(max_attempts=max_attempts, max_total_seconds=max_retry_seconds,
                                 backoff_base=backoff_base, backoff_cap=backoff_cap, max_retry_after=max_retry_after)
        self.log = logger or logging.getLogger(LOGGER_NAME)
        self.transport = Transport(url, auth, redactor=self.redactor, validate_certs=validate_certs, ca_path=ca_path,
                                   connect_timeout=connect_timeout, read_timeout=timeout, retry=self.retry,
                                   pool_size=self.max_concurrency, logger=self.log, sleep=sleep, clock=clock)
        self.confirm_timeout = float(confirm_timeout)
        self.confirm_interval = max(0.0, float(confirm_interval))
        self.page_limit = max(1, min(int(page_limit), MAX_PAGE_LIMIT))
        self._sleep = sleep
        self._clock = clock

    # -- plumbing -------------------------------------------------------------------------------------------

    @property
    def host(self):
        return self.transport.host

    @property
    def api_base(self):
        return self.transport.api_base

    @property
    def stats(self):
        return self.transport.stats

    @property
    def auth_method(self):
        return self.transport.auth.method_name

    def api_stats(self):
        """Call statistics as plain data (what modules return as ``api_stats``)."""
        result = self.stats.as_dict()
        result['max_concurrency'] = self.max_concurrency
        return result

    def redact(self, value):
        """Mask this connection's secrets (and secret-named fields) in text or data."""
        return self.redactor.data(value)

    def close(self):
        self.transport.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    # -- generic requests -----------------------------------------------------------------------------------

    def request(self, method, template, path_params=None, params=None, json_body=None, recover=None):
        """One request; returns the :class:`ApiResponse` (raises on error statuses)."""
        return self.transport.request(method, template, path_params=path_params, params=params,
                                      json_body=json_body, recover=recover)

    def get(self, template, params=None, **path_params):
        """GET and return the decoded body."""
        return self.request('GET', template, path_params=path_params, params=params).data

    def get_or_none(self, template, params=None, **path_params):
        """GET, returning None on 404."""
        try:
            return self.get(template, params=params, **path_params)
        except NsNotFoundError:
            return None

    def list(self, template, path_params=None, params=None, paged=True, page_limit=None):
        """Every item of a list endpoint, paging with ``start``/``limit`` when ``paged``."""
        params = dict(params or {})
        if not paged:
            return _as_list(self.request('GET', template, path_params=path_params, params=params or None).data)

        def fetch(start, limit):
            page_params = dict(params, start=start, limit=limit)
            return _as_list(self.request('GET', template, path_params=path_params, params=page_params).data)

        return list(iterate_pages(fetch, limit=page_limit or self.page_limit))

    def map(self, fn, items, max_workers=None):
        """Run ``fn(item)`` over ``items`` on the bounded pool; list of ``ItemResult`` in input order."""
        return bounded_map(fn, items, max_workers or self.max_concurrency)

    # -- resource-aware operations --------------------------------------------------------------------------

    def list_kind(self, kind, domain=None, domain_wide=False, **parents):
        """All objects of a kind under its parents (``domain_wide`` uses the domain-level listing)."""
        kind = get_kind(kind) if isinstance(kind, str) else kind
        params = dict(parents)
        if domain is not None:
            params['domain'] = domain
        template = kind.domain_list_path if domain_wide and kind.domain_list_path else kind.list_path
        return self.list(template, path_params=params, paged=kind.paged)

    def find(self, kind, item, **parents):
        """The existing object with ``item``'s identity, or None (read by path, else list and match)."""
        kind = get_kind(kind) if isinstance(kind, str) else kind
        if kind.can_read_by_identity(item, parents):
            found = self.get_or_none(kind.read_path, **kind.path_params(item, parents))
            if isinstance(found, list):
                found = found[0] if found else None
            return found
        wanted = kind.identity_of(dict(parents, **item))
        for candidate in self.list_kind(kind, **parents):
            if kind.identity_of(dict(parents, **candidate)) == wanted:
                return candidate
        return None

    def create(self, kind, body, confirm=True, **parents):
        """Create an object and return it as read back.

        Sends ``synchronous: yes`` where the API supports it. A retry after a timeout, a dropped
        connection or a 502/504 first re-reads by identity, so the object is never created twice.
        """
        kind = get_kind(kind) if isinstance(kind, str) else kind
        if not kind.create_path:
            raise NsConfigError('The API has no create operation for %s.' % kind.name)
        payload = dict(body)
        if kind.synchronous_create:
            payload['synchronous'] = 'yes'
        state = {'ambiguous': False}

        def recover():
            state['ambiguous'] = True
            return self.find(kind, body, **parents)

        try:
            response = self.request('POST', kind.create_path, path_params=parents, json_body=payload, recover=recover)
        except NsConflictError:
            # An earlier attempt went through but was not yet readable when re-checked: it is ours.
            if not state['ambiguous']:
                raise
            response = None
        if not confirm:
            return response.data if response is not None and isinstance(response.data, dict) else dict(body)
        return self._confirm(kind, body, parents, 'create')

    def update(self, kind, body, confirm=True, **parents):
        """Update an object (identity from ``body`` and ``parents``) and return it as read back."""
        kind = get_kind(kind) if isinstance(kind, str) else kind
        if not kind.update_path:
            raise NsConfigError('The API has no update operation for %s.' % kind.name)
        self.request('PUT', kind.update_path, path_params=kind.path_params(body, parents), json_body=dict(body))
        if not confirm:
            return dict(body)
        return self._confirm(kind, body, parents, 'update')

    def delete(self, kind, item, confirm=True, **parents):
        """Delete an object; returns True, or False when it was already absent."""
        kind = get_kind(kind) if isinstance(kind, str) else kind
        if not kind.delete_path:
            raise NsConfigError('The API has no delete operation for %s.' % kind.name)
        body = None
        if kind.body_identity:
            body = dict((field, item[field]) for field in kind.identity if field in item)
        try:
            self.request('DELETE', kind.delete_path, path_params=kind.path_params(item, parents), json_body=body)
        except NsNotFoundError:
            return False
        if confirm:
            self._poll(lambda: self.find(kind, item, **parents) is None, kind, item, 'delete')
        return True

    def _confirm(self, kind, body, parents, action):
        """Poll until the object is readable and shows the fields just written (write-only fields excepted)."""
        state = {}

        def visible():
            found = self.find(kind, body, **parents)
            state['found'] = found
            return found is not None and self._shows(kind, body, found)

        self._poll(visible, kind, body, action)
        return state['found']

    @staticmethod
    def _shows(kind, body, found):
        for field, value in body.items():
            if field in kind.write_only or field == 'synchronous' or field not in found:
                continue
            if not _same_value(value, found.get(field)):
                return False
        return True

    def _poll(self, condition, kind, item, action):
        deadline = self._clock() + self.confirm_timeout
        interval = self.confirm_interval
        while True:
            if condition():
                return
            if self._clock() + interval > deadline:
                identity = ', '.join('%s=%s' % pair for pair in zip(kind.identity, kind.identity_of(item)))
                raise NsWriteNotConfirmedError(self.redactor.text(
                    'The %s of %s (%s) was accepted by %s but not visible on read-back within %.0fs.' % (
                        action, kind.name, identity, self.host, self.confirm_timeout)), host=self.host)
            if interval > 0:
                self._sleep(interval)
            interval = min(interval * 2 or 0.05, 2.0)
