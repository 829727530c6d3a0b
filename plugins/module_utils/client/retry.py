# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Retry policy: which answers are retried, and how long to wait before the next try."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random
import re
import time
from email.utils import parsedate_tz, mktime_tz

RETRYABLE_STATUSES = frozenset((429, 502, 503, 504))
# A create answered with one of these may still have been applied by the server.
AMBIGUOUS_STATUSES = frozenset((502, 504))

# Epoch values larger than this in RateLimit-Reset are absolute times, not deltas.
_EPOCH_THRESHOLD = 10 ** 9
_RATELIMIT_ITEM = re.compile(r'(?:^|[;,\s])([rt])\s*=\s*"?(\d+(?:\.\d+)?)"?', re.IGNORECASE)


class RetryPolicy:
    """Bounds for retries: attempts, total time, and exponential backoff with jitter.

    ``backoff_base``/``backoff_cap`` are seconds; tests set them near zero to run fast.
    ``max_retry_after`` caps how long a server hint may make us wait per try.
    """

    def __init__(self, max_attempts=6, max_total_seconds=300.0, backoff_base=0.5, backoff_cap=30.0,
                 max_retry_after=120.0, jitter=True, rng=None):
        if max_attempts < 1:
            raise ValueError('max_attempts must be at least 1')
        self.max_attempts = int(max_attempts)
        self.max_total_seconds = float(max_total_seconds)
        self.backoff_base = max(0.0, float(backoff_base))
        self.backoff_cap = max(0.0, float(backoff_cap))
        self.max_retry_after = max(0.0, float(max_retry_after))
        self.jitter = jitter
        self._rng = rng or random.Random()

    def backoff(self, attempt):
        """Delay before retry number ``attempt`` (1-based): full-jitter exponential backoff."""
        ceiling = min(self.backoff_cap, self.backoff_base * (2 ** max(0, attempt - 1)))
        if not self.jitter:
            return ceiling
        # Half fixed, half random: never zero, still spreads concurrent clients apart.
        return ceiling / 2.0 + self._rng.uniform(0, ceiling / 2.0)

    def delay(self, attempt, server_hint=None):
        """Delay before retry ``attempt``, honouring a server hint (Retry-After, RateLimit)."""
        if server_hint is not None:
            return min(max(0.0, server_hint), self.max_retry_after)
        return self.backoff(attempt)


def parse_retry_after(value, now=None):
    """Seconds to wait from a ``Retry-After`` value (delta seconds or HTTP date); None if unusable."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    parsed = parsedate_tz(text)
    if parsed is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, mktime_tz(parsed) - now)


def parse_ratelimit(headers, now=None):
    """Seconds until the rate limit resets, from ``RateLimit``-style headers; None if absent.

    Understands the structured IETF-draft ``RateLimit: "policy";r=0;t=31, ...`` (waits for the
    longest reset among exhausted policies, or the longest overall when none says r=0), and the
    older ``RateLimit-Reset`` / ``X-RateLimit-Reset`` (delta seconds, or epoch seconds).
    """
    if not headers:
        return None
    lookup = dict((str(k).lower(), v) for k, v in headers.items())
    structured = lookup.get('ratelimit')
    if structured:
        exhausted, all_resets = [], []
        for policy in str(structured).split(','):
            fields = dict((m.group(1).lower(), float(m.group(2))) for m in _RATELIMIT_ITEM.finditer(policy))
            if 't' in fields:
                all_resets.append(fields['t'])
                if fields.get('r', 1) <= 0:
                    exhausted.append(fields['t'])
        if exhausted:
            return max(exhausted)
        if all_resets:
            return max(all_resets)
    for name in ('ratelimit-reset', 'x-ratelimit-reset'):
        raw = lookup.get(name)
        if raw is None:
            continue
        try:
            seconds = float(str(raw).strip())
        except ValueError:
            continue
        if seconds > _EPOCH_THRESHOLD:
            now = time.time() if now is None else now
            seconds = seconds - now
        return max(0.0, seconds)
    return None


def server_wait_hint(headers, now=None):
    """Retry-After if present, else the RateLimit reset; None when the server gave no hint."""
    if not headers:
        return None
    lookup = dict((str(k).lower(), v) for k, v in headers.items())
    hint = parse_retry_after(lookup.get('retry-after'), now=now)
    if hint is not None:
        return hint
    return parse_ratelimit(headers, now=now)


def is_throttle(status, body_text, content_type=''):
    """True for answers that mean "slow down": 429, and 403 without a JSON body."""
    if status == 429:
        return True
    if status == 403:
        text = (body_text or '').strip()
        if not text:
            return True
        if 'json' in (content_type or '').lower() or text[:1] in ('{', '['):
            return False
        return True
    return False
