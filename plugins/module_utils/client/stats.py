# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Call statistics of one client: calls per method and path template, retries, time spent."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import time


class CallStats:
    """Thread-safe counters; :meth:`as_dict` is what modules return as ``api_stats``."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._started = clock()
        self.calls = 0
        self.by_endpoint = {}
        self.by_status = {}
        self.retries = 0
        self.retry_reasons = {}
        self.reauthentications = 0
        self.request_seconds = 0.0
        self.wait_seconds = 0.0
        self.errors = 0

    @staticmethod
    def endpoint_key(method, template):
        """Counter key such as ``GET /domains/{domain}/users``."""
        return '%s %s' % (method.upper(), template)

    def record_call(self, method, template, status, seconds):
        """Count one HTTP exchange (``status`` None when no answer arrived)."""
        key = self.endpoint_key(method, template)
        status_key = str(status) if status is not None else 'no_response'
        with self._lock:
            self.calls += 1
            self.by_endpoint[key] = self.by_endpoint.get(key, 0) + 1
            self.by_status[status_key] = self.by_status.get(status_key, 0) + 1
            self.request_seconds += seconds

    def record_retry(self, reason, waited):
        """Count one retry and the time slept before it."""
        with self._lock:
            self.retries += 1
            self.retry_reasons[reason] = self.retry_reasons.get(reason, 0) + 1
            self.wait_seconds += waited

    def record_reauth(self):
        with self._lock:
            self.reauthentications += 1

    def record_error(self):
        with self._lock:
            self.errors += 1

    def as_dict(self):
        """Snapshot as plain data (sorted keys, rounded seconds)."""
        with self._lock:
            return {
                'calls': self.calls,
                'by_endpoint': dict(sorted(self.by_endpoint.items())),
                'by_status': dict(sorted(self.by_status.items())),
                'retries': self.retries,
                'retry_reasons': dict(sorted(self.retry_reasons.items())),
                'reauthentications': self.reauthentications,
                'errors': self.errors,
                'request_seconds': round(self.request_seconds, 3),
                'wait_seconds': round(self.wait_seconds, 3),
                'elapsed_seconds': round(self._clock() - self._started, 3),
            }
