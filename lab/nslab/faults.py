# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault injection: rate limits, 5xx, throttling 403, latency, dropped connections, lag.

Faults apply to ``/ns-api/...`` requests only, never to ``/_lab``. Decisions use
one ``random.Random`` seeded with ``rng_seed``, so a sequential test sees the
same faults on every run.
"""
from __future__ import annotations

import random
import threading

FAULT_DEFAULTS = {
    "rate_limit_every": 0,       # every Nth API request answers 429
    "rate_limit_percent": 0.0,   # or this share of requests
    "retry_after": 1.0,          # seconds, sent in Retry-After and RateLimit
    "error_percent": {},         # {500: p, 502: p, 503: p, 504: p}
    "forbidden_percent": 0.0,    # 403 with an empty body (operators that throttle by IP)
    "latency_ms": 0,             # added before every answer
    "drop_percent": 0.0,         # close the socket without an answer
    "visibility_delay_ms": 0,    # 202 writes become readable only after this delay
    "disable_v2_tokens": False,  # POST /ns-api/v2/tokens answers 404 (legacy core)
    "rng_seed": None,
}

_REASONS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}


def _format_seconds(value):
    return format(float(value), "g")


class Faults:
    """Current fault settings plus the counters of what was injected."""

    def __init__(self, **settings):
        self._lock = threading.Lock()
        self.settings = dict(FAULT_DEFAULTS)
        self._rng = random.Random()
        self._api_requests = 0
        self.injected = {}
        self.update(**settings)

    def update(self, **settings):
        """Change some settings; unknown names raise ValueError."""
        unknown = sorted(set(settings) - set(FAULT_DEFAULTS))
        if unknown:
            raise ValueError("unknown fault option(s): %s" % ", ".join(unknown))
        with self._lock:
            for name, value in settings.items():
                self.settings[name] = self._normalize(name, value)
            if "rng_seed" in settings:
                self._rng = random.Random(self.settings["rng_seed"])
            if "rate_limit_every" in settings:
                self._api_requests = 0  # "every Nth" counts from the moment it is set

    def clear(self):
        with self._lock:
            self.settings = dict(FAULT_DEFAULTS)
            self._rng = random.Random()
            self._api_requests = 0

    def reset_counters(self):
        with self._lock:
            self._api_requests = 0
            self.injected = {}

    def snapshot(self):
        with self._lock:
            settings = dict(self.settings)
            settings["error_percent"] = {str(k): v for k, v in settings["error_percent"].items()}
            return settings

    @staticmethod
    def _normalize(name, value):
        if name == "error_percent":
            codes = {}
            for code, percent in (value or {}).items():
                code = int(code)
                if code < 500 or code > 599:
                    raise ValueError("error_percent takes 5xx codes, not %s" % code)
                codes[code] = float(percent)
            return codes
        if name in ("rate_limit_every", "latency_ms", "visibility_delay_ms"):
            return int(value or 0)
        if name in ("rate_limit_percent", "forbidden_percent", "drop_percent", "retry_after"):
            return float(value or 0)
        if name == "disable_v2_tokens":
            return bool(value)
        return None if value is None else int(value)

    @property
    def visibility_delay(self):
        return self.settings["visibility_delay_ms"] / 1000.0

    @property
    def latency(self):
        return self.settings["latency_ms"] / 1000.0

    def _hit(self, percent):
        return percent > 0 and self._rng.random() * 100.0 < percent

    def count(self, name):
        with self._lock:
            self.injected[name] = self.injected.get(name, 0) + 1

    def decide(self):
        """Pick the fault for the next API request.

        Returns None, ``("drop",)`` or ``("answer", status, headers, body_or_None)``.
        """
        with self._lock:
            self._api_requests += 1
            cfg = self.settings
            if self._hit(cfg["drop_percent"]):
                fault = ("drop",)
            elif (cfg["rate_limit_every"] and self._api_requests % cfg["rate_limit_every"] == 0) or self._hit(cfg["rate_limit_percent"]):
                wait = _format_seconds(cfg["retry_after"])
                headers = {"Retry-After": wait, "RateLimit": '"lab";r=0;t=%s' % wait}
                fault = ("answer", 429, headers, {"code": 429, "message": "Too Many Requests"})
            elif self._hit(cfg["forbidden_percent"]):
                fault = ("answer", 403, {}, None)
            else:
                fault = None
                for code in sorted(cfg["error_percent"]):
                    if self._hit(cfg["error_percent"][code]):
                        fault = ("answer", code, {}, {"code": code, "message": _REASONS.get(code, "Server Error")})
                        break
            if fault is not None:
                name = "drop" if fault[0] == "drop" else str(fault[1])
                self.injected[name] = self.injected.get(name, 0) + 1
            return fault
