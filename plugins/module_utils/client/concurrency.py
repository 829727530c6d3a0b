# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bounded concurrency for bulk work: order preserved, one outcome per item."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor


class ItemResult:
    """Outcome of ``fn(item)``: ``value`` on success, ``error`` (the exception) on failure."""

    __slots__ = ('item', 'value', 'error')

    def __init__(self, item, value=None, error=None):
        self.item = item
        self.value = value
        self.error = error

    @property
    def ok(self):
        return self.error is None

    def __repr__(self):
        return 'ItemResult(item=%r, ok=%r)' % (self.item, self.ok)


def _call(fn, item):
    try:
        return ItemResult(item, value=fn(item))
    except Exception as exc:  # pylint: disable=broad-except
        # One failed item must not stop the others; the caller decides what a failure means.
        return ItemResult(item, error=exc)


def bounded_map(fn, items, max_workers=1):
    """Run ``fn`` over ``items`` with at most ``max_workers`` threads; results in input order."""
    items = list(items)
    workers = max(1, min(int(max_workers or 1), len(items) or 1))
    if workers == 1:
        return [_call(fn, item) for item in items]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda item: _call(fn, item), items))


def raise_first_error(results):
    """Values of ``results`` in order, re-raising the first failure."""
    for result in results:
        if result.error is not None:
            raise result.error
    return [result.value for result in results]
