# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``start``/``limit`` pagination."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsApiError

MAX_PAGE_LIMIT = 1000


def iterate_pages(fetch_page, limit=MAX_PAGE_LIMIT, start=0):
    """Yield the items of every page until a short (or empty) page ends the list.

    ``fetch_page(start, limit)`` returns one page as a list. A page longer than ``limit``
    means the server ignores paging and sent the whole list. A server that honours
    ``limit`` but ignores ``start`` would loop forever, so a repeated page is an error.
    """
    limit = max(1, min(int(limit), MAX_PAGE_LIMIT))
    previous = None
    while True:
        page = fetch_page(start, limit)
        if page is None:
            page = []
        if not isinstance(page, list):
            raise NsApiError('Expected a list page at start=%d, got %s.' % (start, type(page).__name__))
        if page and page == previous:
            raise NsApiError('The server returned the same page again at start=%d; it ignores paging.' % start)
        yield from page
        if len(page) != limit:
            return
        previous = page
        start += len(page)
