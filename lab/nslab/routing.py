# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Request routing for the emulated ns-api v2: path templates, errors, replies."""
from __future__ import annotations

import time
from urllib.parse import unquote

API_PREFIX = "/ns-api/v2"
ACCEPTED = {"code": 202, "message": "Accepted"}


class ApiError(Exception):
    """An error answered as ``{"code": N, "message": "..."}``."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message

    def body(self):
        return {"code": self.status, "message": self.message}


class ContractViolation(Exception):
    """A request that breaks the vendor contract (strict mode)."""

    def __init__(self, field, reason):
        super().__init__("%s: %s" % (field, reason))
        self.field = field
        self.reason = reason


class Call:
    """Everything a resource handler needs about one API request."""

    def __init__(self, lab, method, template, params, query, body, files=None, identity=None):
        self.lab = lab
        self.store = lab.store
        self.method = method
        self.template = template
        self.params = params
        self.query = query
        self.body = body if body is not None else {}
        self.files = files or {}
        self.content_type = "application/json"
        self.identity = identity or {}
        self.sync = False
        self.delay = 0.0

    def fields(self):
        """The request body without the transport-only ``synchronous`` flag."""
        if not isinstance(self.body, dict):
            raise ApiError(400, "Request body must be a JSON object")
        return {k: v for k, v in self.body.items() if k != "synchronous"}

    def reply(self, obj):
        """202 Accepted, or 200 + the object when ``synchronous: yes`` was asked."""
        return (200, obj) if self.sync else (202, dict(ACCEPTED))

    def page(self, rows=None, kind=None, scope=None, scope_prefix=None):
        """Apply ``start``/``limit`` (SQL-side when ``kind`` is given)."""
        start, limit = self.lab.page_window(self.query)
        if kind is not None:
            return self.store.list(kind, scope=scope, scope_prefix=scope_prefix, start=start, limit=limit)
        return rows[start:start + limit]


def now_text():
    """Timestamps as the API prints them."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())


class Router:
    """Maps ``METHOD /path/with/{params}`` templates to handlers.

    Literal segments win over parameters (``/users/count`` before ``/users/{user}``),
    so registration order does not matter.
    """

    def __init__(self):
        self._routes = []

    def add(self, method, template, handler):
        segments = template.strip("/").split("/") if template != "/" else []
        self._routes.append((method, template, segments, handler))
        self._routes.sort(key=lambda route: (len(route[2]), [s.startswith("{") for s in route[2]]))

    def templates(self):
        return sorted("%s %s" % (method, template) for method, template, dummy, dummy in self._routes)

    def match(self, method, path):
        """Return ``(template, handler, params)``; raise ApiError(404) when nothing matches."""
        parts = [unquote(p) for p in path.strip("/").split("/")] if path.strip("/") else []
        for route_method, template, segments, handler in self._routes:
            if route_method != method or len(segments) != len(parts):
                continue
            params = {}
            for segment, part in zip(segments, parts):
                if segment.startswith("{"):
                    if part == "":
                        break
                    params[segment[1:-1]] = part
                elif segment != part:
                    break
            else:
                return template, handler, params
        raise ApiError(404, "No Route Found [92]")
