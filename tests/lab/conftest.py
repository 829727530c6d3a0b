# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers for the lab emulator's own tests."""
from __future__ import annotations

import json

import pytest
import requests

BASE_SEED = {
    "resellers": [{"reseller": "lab-reseller", "description": "Lab reseller"}],
    "domains": [{"domain": "acme.lab", "reseller": "lab-reseller", "description": "Acme", "time-zone": "America/New_York"}],
}


class Api:
    """A requests session bound to one lab and one credential."""

    def __init__(self, lab, key=None):
        self.lab = lab
        self.session = requests.Session()
        if key is not False:
            self.session.headers["Authorization"] = "Bearer " + (key or lab.admin_api_key)

    def url(self, path):
        return self.lab.api_url + path

    def get(self, path, **kw):
        return self.session.get(self.url(path), timeout=10, **kw)

    def post(self, path, body=None, **kw):
        return self.session.post(self.url(path), json=body, timeout=10, **kw)

    def put(self, path, body=None, **kw):
        return self.session.put(self.url(path), json=body, timeout=10, **kw)

    def delete(self, path, body=None, **kw):
        return self.session.delete(self.url(path), json=body, timeout=10, **kw)


@pytest.fixture
def api(ns_lab):
    """An admin-key client on a lab seeded with reseller ``lab-reseller`` and domain ``acme.lab``."""
    ns_lab.load_seed(BASE_SEED)
    return Api(ns_lab)


@pytest.fixture
def make_api():
    """``make_api(lab, key=None)``: a client with another credential (``key=False``: none)."""
    return Api


@pytest.fixture
def base_seed():
    return json.loads(json.dumps(BASE_SEED))
