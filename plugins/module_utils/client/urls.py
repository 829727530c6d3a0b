# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Base URL normalization and path template expansion."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from urllib.parse import quote, urlsplit, urlunsplit

from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsConfigError

API_PREFIX = '/ns-api/v2'
LEGACY_TOKEN_PATH = '/ns-api/oauth2/token/'

_PLACEHOLDER = re.compile(r'\{([^{}]+)\}')


def normalize_base_url(url):
    """Return ``(root, api_base)`` for a user-supplied URL.

    Accepts ``host``, ``https://host``, ``https://host/``, ``https://host/ns-api``,
    ``https://host/ns-api/v2/`` (and any path prefix in front of ``/ns-api``).
    ``root`` is scheme + host (+ prefix), ``api_base`` is ``root + /ns-api/v2``.
    """
    if not isinstance(url, str) or not url.strip():
        raise NsConfigError('The ns-api URL is empty; set the url option or NS_API_URL.')
    text = url.strip()
    if '://' not in text:
        text = 'https://' + text
    parts = urlsplit(text)
    if parts.scheme not in ('http', 'https'):
        raise NsConfigError('The ns-api URL must use http or https, got scheme %r.' % parts.scheme)
    if not parts.hostname:
        raise NsConfigError('The ns-api URL %r has no host name.' % url)
    if parts.username or parts.password:
        raise NsConfigError('Credentials must not be embedded in the ns-api URL; use the auth options.')
    path = parts.path.rstrip('/')
    for suffix in (API_PREFIX, '/ns-api'):
        if path.endswith(suffix):
            path = path[:-len(suffix)]
            break
    root = urlunsplit((parts.scheme, parts.netloc, path, '', '')).rstrip('/')
    return root, root + API_PREFIX


def host_of(url):
    """Host name (with port) of a URL, for error messages."""
    return urlsplit(url).netloc or url


def expand_path(template, params=None):
    """Fill ``{name}`` placeholders of a path template with URL-quoted values.

    ``~`` stays literal (it means "mine" in ns-api paths).
    """
    params = params or {}

    def substitute(match):
        name = match.group(1)
        if name not in params or params[name] is None or params[name] == '':
            raise NsConfigError('Missing value for {%s} in path %s.' % (name, template))
        return quote(str(params[name]), safe='~@')

    return _PLACEHOLDER.sub(substitute, template)


def template_params(template):
    """Placeholder names of a path template, in order."""
    return _PLACEHOLDER.findall(template)
