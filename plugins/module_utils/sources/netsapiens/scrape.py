# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read one NetSapiens domain and its greeting audio (read-only on the source)."""

from __future__ import annotations

import hashlib
import os
import time
from urllib.parse import urljoin, urlsplit

from ansible_collections.ucaas.migration.plugins.module_utils.artifacts import write_if_changed
from ansible_collections.ucaas.migration.plugins.module_utils.client.concurrency import raise_first_error
from ansible_collections.ucaas.migration.plugins.module_utils.client.errors import NsNotFoundError
from ansible_collections.ucaas.migration.plugins.module_utils.client.gather import gather_domain

USER_TIMEFRAMES = "/domains/{domain}/users/{user}/timeframes"
AUDIO_TEMPLATE = "greeting audio (file-access-url)"
RETRY_STATUSES = (429, 500, 502, 503, 504)


def read_domain(client, domain, person_filter=None):
    """Every object of ``domain`` (as ``gather_domain`` returns them) plus personal time frames.

    ``usertimeframes`` are read for the users ``person_filter(user)`` accepts (all users when None).
    """
    objects = gather_domain(client, domain)
    users = [str(user["user"]) for user in objects.get("users", [])
             if user.get("user") not in (None, "") and (person_filter is None or person_filter(user))]

    def read_frames(user):
        try:
            frames = client.list(USER_TIMEFRAMES, path_params={"domain": domain, "user": user})
        except NsNotFoundError:
            return []
        return [dict(frame, user=frame.get("user") or user) for frame in frames]

    frames = []
    for items in raise_first_error(client.map(read_frames, users)):
        frames.extend(items)
    objects["usertimeframes"] = sorted(frames, key=lambda f: (str(f.get("user")), str(f.get("timeframe-name")), str(f.get("timeframe-id"))))
    return objects


def download(client, url):
    """Bytes behind a greeting's ``file-access-url``; ``(data, None)`` or ``(None, reason)``.

    The API credential is sent only to the API host itself; retries follow the client's policy.
    The URL may carry a token, so reasons never repeat it.
    """
    transport = client.transport
    absolute = urljoin(transport.root + "/", str(url))
    same_host = urlsplit(absolute).netloc == urlsplit(transport.root).netloc
    attempt = 0
    while True:
        attempt += 1
        headers = {"Accept": "*/*"}
        if same_host:
            headers["Authorization"] = transport.auth.authorization(transport)
        started = time.monotonic()
        status = None
        try:
            response = transport.session.get(absolute, headers=headers, allow_redirects=same_host,
                                             timeout=(transport.connect_timeout, transport.read_timeout))
            status = response.status_code
            data = response.content
            reason = "HTTP %s" % status
        except Exception as exc:  # pylint: disable=broad-except
            data, reason = None, "connection failed (%s)" % type(exc).__name__
        client.stats.record_call("GET", AUDIO_TEMPLATE, status, time.monotonic() - started)
        if status == 200 and data:
            return data, None
        if status == 200:
            reason = "empty file"
        if (status is None or status in RETRY_STATUSES) and attempt < client.retry.max_attempts:
            wait = client.retry.delay(attempt, None)
            client.stats.record_retry(str(status or "connection"), wait)
            time.sleep(wait)
            continue
        client.stats.record_error()
        return None, reason


def sha256_bytes(data):
    return hashlib.sha256(data).hexdigest()


def store_audio(dest, relative, data, check_mode=False):
    """Write ``data`` to ``dest/relative`` (atomically, only when it differs); True when (it would be) written."""
    changed, dummy_before = write_if_changed(os.path.join(dest, relative), data, check_mode=check_mode)
    return changed
