# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Glue between AnsibleModule and the client: shared options, client construction, error reporting.

The argument spec here must match ``plugins/doc_fragments/connection.py`` option for option.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible.module_utils.basic import env_fallback

from ansible_collections.ucaas.migration.plugins.module_utils.client.api import NsApiClient
from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsApiError

CONNECTION_ARGUMENT_SPEC = dict(
    url=dict(type='str', required=True, fallback=(env_fallback, ['NS_API_URL'])),
    api_key=dict(type='str', no_log=True, fallback=(env_fallback, ['NS_API_KEY'])),
    client_id=dict(type='str', fallback=(env_fallback, ['NS_CLIENT_ID'])),
    client_secret=dict(type='str', no_log=True, fallback=(env_fallback, ['NS_CLIENT_SECRET'])),
    username=dict(type='str', fallback=(env_fallback, ['NS_USERNAME'])),
    password=dict(type='str', no_log=True, fallback=(env_fallback, ['NS_PASSWORD'])),
    validate_certs=dict(type='bool', default=True, fallback=(env_fallback, ['NS_VALIDATE_CERTS'])),
    ca_path=dict(type='path', fallback=(env_fallback, ['NS_CA_PATH'])),
    timeout=dict(type='float', default=30.0, fallback=(env_fallback, ['NS_TIMEOUT'])),
    connect_timeout=dict(type='float', default=10.0),
    max_concurrency=dict(type='int', default=4, fallback=(env_fallback, ['NS_MAX_CONCURRENCY'])),
    retry_max_attempts=dict(type='int', default=6),
    retry_max_time=dict(type='float', default=300.0),
    retry_backoff_base=dict(type='float', default=0.5),
    retry_backoff_cap=dict(type='float', default=30.0),
    confirm_timeout=dict(type='float', default=15.0),
)


def connection_argument_spec(**extra):
    """A fresh copy of the connection options, merged with a module's own options."""
    spec = copy.deepcopy(CONNECTION_ARGUMENT_SPEC)
    spec.update(extra)
    return spec


def client_kwargs_from_params(params):
    """NsApiClient keyword arguments from module parameters."""
    return dict(
        url=params.get('url'),
        api_key=params.get('api_key'),
        client_id=params.get('client_id'),
        client_secret=params.get('client_secret'),
        username=params.get('username'),
        password=params.get('password'),
        validate_certs=params.get('validate_certs', True),
        ca_path=params.get('ca_path'),
        timeout=params.get('timeout') or 30.0,
        connect_timeout=params.get('connect_timeout') or 10.0,
        max_concurrency=params.get('max_concurrency') or 4,
        max_attempts=params.get('retry_max_attempts') or 6,
        max_retry_seconds=params.get('retry_max_time') if params.get('retry_max_time') is not None else 300.0,
        backoff_base=params.get('retry_backoff_base') if params.get('retry_backoff_base') is not None else 0.5,
        backoff_cap=params.get('retry_backoff_cap') if params.get('retry_backoff_cap') is not None else 30.0,
        confirm_timeout=params.get('confirm_timeout') if params.get('confirm_timeout') is not None else 15.0,
    )


def fail_from_error(module, error, client=None, **result):
    """``fail_json`` with the error's one-line message (never a traceback), its fields and the stats."""
    details = error.to_dict() if isinstance(error, NsApiError) else {'error_type': type(error).__name__}
    message = str(error)
    if client is not None:
        message = client.redactor.text(message)
        details = client.redact(details)
        result['api_stats'] = client.api_stats()
    module.fail_json(msg=message, api_error=details, **result)


def client_from_module(module):
    """Build an :class:`NsApiClient` from the module's parameters; fails the module on bad options."""
    try:
        return NsApiClient(**client_kwargs_from_params(module.params))
    except NsApiError as exc:
        fail_from_error(module, exc)
    except ValueError as exc:
        module.fail_json(msg='Invalid connection options: %s' % exc)
