# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""LabServer: the ns-api v2 emulator as a threaded HTTP server.

The socket is bound when the object is made (so ``url`` is known at once);
``start()`` serves it from a daemon thread. The API lives under
``<url>/ns-api/v2``, the control endpoints under ``<url>/_lab``.
"""
from __future__ import annotations

import collections
import threading
import time
from http.server import ThreadingHTTPServer

from . import media, resources_callflow, resources_core
from .api import Dispatcher
from .auth import Auth
from .contract import Contract
from .faults import Faults
from .handler import handler_for
from .routing import ContractViolation, Router
from .seeds import apply_seed, read_seed, seed_home
from .store import Store

LOG_SIZE = 20000


class LabServer:
    """A running (or startable) emulator; see docs/lab.md."""

    def __init__(self, host="127.0.0.1", port=0, state=":memory:", seed=None, strict=True, faults=None,
                 admin_api_key=None, readonly_api_key=None, oauth=None, home_domain=None, contract=None, verbose=False):
        self.strict = strict
        self.verbose = verbose
        self.store = Store(state)
        self.contract = Contract.load(contract)
        self.faults = Faults(**(faults or {}))
        self._seed = read_seed(seed) if seed is not None else None
        self.auth = Auth(admin_api_key=admin_api_key, readonly_api_key=readonly_api_key, oauth=oauth,
                         home_domain=home_domain or seed_home(self._seed), first_domain=self._first_domain)
        self.router = Router()
        for module in (resources_core, resources_callflow, media):
            module.register(self.router)
        self.router.add("POST", "/tokens", None)  # answered by the dispatcher (no auth, may be disabled)
        self.dispatcher = Dispatcher(self)
        self._lock = threading.Lock()
        self._total = 0
        self._counts = collections.Counter()
        self._violations = []
        self._log = collections.deque(maxlen=LOG_SIZE)
        self._httpd = ThreadingHTTPServer((host, port), handler_for(self))
        self._httpd.daemon_threads = True
        self.host = host
        self.port = self._httpd.server_address[1]
        self._thread = None

    # -- lifecycle -------------------------------------------------------------------------
    @property
    def url(self):
        return "http://%s:%d" % (self.host, self.port)

    @property
    def api_url(self):
        return self.url + "/ns-api/v2"

    def start(self):
        """Serve from a daemon thread; a seed given to the constructor is loaded into an empty state."""
        if self._seed is not None and self.store.count("domain") == 0 and self.store.count("reseller") == 0:
            self.load_seed(self._seed)
        if self._thread is None:
            self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                            name="nslab-%d" % self.port, daemon=True)
            self._thread.start()
        return self

    def serve_forever(self):
        """Blocking variant used by the CLI."""
        if self._seed is not None and self.store.count("domain") == 0 and self.store.count("reseller") == 0:
            self.load_seed(self._seed)
        self._httpd.serve_forever()

    def stop(self):
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()
        self.store.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _first_domain(self):
        domains = self.store.list("domain", "", start=0, limit=1)
        return domains[0]["domain"] if domains else None

    # -- credentials -------------------------------------------------------------------------
    @property
    def admin_api_key(self):
        return self.auth.admin_api_key

    @property
    def readonly_api_key(self):
        return self.auth.readonly_api_key

    @property
    def oauth(self):
        return dict(self.auth.oauth)

    def expire_tokens(self):
        self.auth.expire_all()

    # -- faults ---------------------------------------------------------------------------------
    def set_faults(self, **kw):
        self.faults.update(**kw)

    def clear_faults(self):
        self.faults.clear()

    # -- state -----------------------------------------------------------------------------------
    def reset(self):
        """Empty state, counters, log and faults; keys stay valid, issued tokens are dropped."""
        self.store.clear()
        self.faults.clear()
        self.faults.reset_counters()
        self.auth.clear_tokens()
        with self._lock:
            self._total = 0
            self._counts.clear()
            self._violations = []
            self._log.clear()

    def load_seed(self, seed):
        """Load a seed (dict or path to a JSON file) through the same code paths as the API."""
        apply_seed(self, read_seed(seed))

    # -- bookkeeping -------------------------------------------------------------------------------
    def page_window(self, query):
        """``(start, limit)`` of a list request; out-of-range values break the contract."""
        minimum, maximum, default = self.contract.limit_bounds()
        try:
            start = int(query.get("start", 0) or 0)
            limit = int(query.get("limit", default) or default)
        except ValueError:
            raise ContractViolation("start/limit", "must be integers") from None
        if self.strict and (limit < minimum or limit > maximum):
            raise ContractViolation("limit", "%d is outside %d..%d" % (limit, minimum, maximum))
        if self.strict and start < 0:
            raise ContractViolation("start", "must be >= 0")
        return max(start, 0), min(max(limit, minimum), maximum)

    def count_request(self, method, template):
        with self._lock:
            self._total += 1
            self._counts["%s %s" % (method, template)] += 1

    def record_violation(self, method, path, field, reason):
        with self._lock:
            self._violations.append({"method": method, "path": path, "field": field, "reason": reason})

    def log_request(self, entry):
        entry = dict(entry, time=time.time())
        with self._lock:
            entry["seq"] = len(self._log) and self._log[-1]["seq"] + 1 or 1
            self._log.append(entry)

    def stats(self):
        with self._lock:
            return {"total": self._total, "requests": dict(sorted(self._counts.items())),
                    "faults_injected": dict(sorted(self.faults.injected.items())),
                    "contract_violations": [dict(v) for v in self._violations]}

    def request_log(self):
        with self._lock:
            return [dict(e) for e in self._log]
