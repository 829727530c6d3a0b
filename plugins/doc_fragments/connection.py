# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """Connection options shared by every module that talks to the ns-api v2."""

    DOCUMENTATION = r'''
options:
  url:
    description:
      - Base URL of the NetSapiens API host, for example V(https://api.example.net).
      - V(/ns-api/v2) is appended when missing; a URL that already ends in V(/ns-api/v2) (with or without a trailing slash) is used as is.
      - A bare host name is taken as V(https://<host>).
      - If not set, the value of the E(NS_API_URL) environment variable is used.
    type: str
    required: true
  api_key:
    description:
      - 'API key sent as C(Authorization: Bearer <key>). Preferred for automation.'
      - When both O(api_key) and the OAuth2 options are set, O(api_key) is used.
      - If not set, the value of the E(NS_API_KEY) environment variable is used.
    type: str
  client_id:
    description:
      - OAuth2 client ID for the password grant (with O(client_secret), O(username) and O(password)).
      - If not set, the value of the E(NS_CLIENT_ID) environment variable is used.
    type: str
  client_secret:
    description:
      - OAuth2 client secret.
      - If not set, the value of the E(NS_CLIENT_SECRET) environment variable is used.
    type: str
  username:
    description:
      - Login name for the OAuth2 password grant, for example V(admin@example).
      - If not set, the value of the E(NS_USERNAME) environment variable is used.
    type: str
  password:
    description:
      - Password for the OAuth2 password grant.
      - If not set, the value of the E(NS_PASSWORD) environment variable is used.
    type: str
  validate_certs:
    description:
      - Verify the server's TLS certificate. Only turn this off against a lab.
      - If not set, the value of the E(NS_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_path:
    description:
      - CA bundle (PEM file or directory) used to verify the server certificate instead of the system store.
      - If not set, the value of the E(NS_CA_PATH) environment variable is used.
    type: path
  timeout:
    description:
      - Seconds to wait for an answer to one request (read timeout).
      - If not set, the value of the E(NS_TIMEOUT) environment variable is used.
    type: float
    default: 30.0
  connect_timeout:
    description:
      - Seconds to wait for a TCP/TLS connection to the host.
    type: float
    default: 10.0
  max_concurrency:
    description:
      - Maximum number of requests the module runs at the same time for bulk work.
      - Keep it low for operators that throttle by IP address.
      - If not set, the value of the E(NS_MAX_CONCURRENCY) environment variable is used.
    type: int
    default: 4
  retry_max_attempts:
    description:
      - Maximum number of attempts per request (first try included) on 429, 502, 503, 504, 403 without a JSON body
        (throttling) and connection errors.
    type: int
    default: 6
  retry_max_time:
    description:
      - Upper bound in seconds on the total time one request may spend retrying, waits included.
    type: float
    default: 300.0
  retry_backoff_base:
    description:
      - First backoff delay in seconds; it doubles on every retry (with jitter) up to O(retry_backoff_cap).
      - A C(Retry-After) or C(RateLimit) header from the server takes precedence.
    type: float
    default: 0.5
  retry_backoff_cap:
    description:
      - Largest backoff delay in seconds.
    type: float
    default: 30.0
  confirm_timeout:
    description:
      - Seconds to keep reading back an accepted (HTTP 202) write until it becomes visible.
    type: float
    default: 15.0
notes:
  - All modules of this collection that talk to the ns-api are in the action group C(ucaas.migration.nsapi), so the
    connection options can be set once for a play with C(module_defaults) and C(group/ucaas.migration.nsapi).
  - Secrets (API key, client secret, password, tokens) never appear in results, errors or logs.
requirements:
  - requests
'''
