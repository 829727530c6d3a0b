# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a piece of work cost the lab, from two ``LabServer.stats()`` snapshots."""
from __future__ import annotations

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def request_delta(before, after):
    """Requests per ``METHOD /path/template`` made between two stats snapshots (only those that changed)."""
    old = before["requests"]
    return dict((key, count - old.get(key, 0)) for key, count in after["requests"].items() if count != old.get(key, 0))


def write_requests(delta):
    """The writes of a request delta."""
    return dict((key, count) for key, count in delta.items() if key.split(" ", 1)[0] in WRITE_METHODS)
