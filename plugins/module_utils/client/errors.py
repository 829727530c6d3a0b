# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Exceptions raised by the ns-api client.

Every message is built from already-redacted parts: an exception text can end up
in a task result, a log line or a traceback, so it must never carry a secret.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class NsApiError(Exception):
    """Base class of every client error; ``str()`` is a one-line, secret-free message."""

    def __init__(self, message, method=None, path=None, status=None, server_message=None, host=None):
        super(NsApiError, self).__init__(message)
        self.message = message
        self.method = method
        self.path = path
        self.status = status
        self.server_message = server_message
        self.host = host

    def __str__(self):
        return self.message

    def to_dict(self):
        """Fields suitable for a module result (``fail_json`` keyword arguments)."""
        result = {}
        for key in ('method', 'path', 'status', 'server_message', 'host'):
            value = getattr(self, key)
            if value is not None:
                result[key] = value
        result['error_type'] = type(self).__name__
        return result


class NsConfigError(NsApiError):
    """The connection options are incomplete or inconsistent (no request was sent)."""


class NsConnectionError(NsApiError):
    """The host could not be reached (DNS, refused, TLS, timeout) after all retries."""


class NsHTTPError(NsApiError):
    """The API answered with an error status."""


class NsAuthError(NsHTTPError):
    """Authentication failed (401, or the token endpoint refused the credentials)."""


class NsPermissionError(NsHTTPError):
    """403 with a JSON body: the credentials lack permission (e.g. a read-only key)."""


class NsNotFoundError(NsHTTPError):
    """404: the object (or the route) does not exist."""


class NsConflictError(NsHTTPError):
    """409: the object already exists."""


class NsThrottledError(NsHTTPError):
    """The API kept throttling (429 / 403 without body) until the retry budget ran out."""


class NsServerError(NsHTTPError):
    """5xx after all retries."""


class NsWriteNotConfirmedError(NsApiError):
    """An accepted write (202) did not become visible on read-back within the bound."""


def http_error_class(status):
    """Exception class for an HTTP error status."""
    if status == 401:
        return NsAuthError
    if status == 403:
        return NsPermissionError
    if status == 404:
        return NsNotFoundError
    if status == 409:
        return NsConflictError
    if status == 429:
        return NsThrottledError
    if status is not None and status >= 500:
        return NsServerError
    return NsHTTPError
