# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""API keys and OAuth2 tokens of the lab.

* API keys look like the platform's: 4-character scope prefix (``nss_`` super
  user), 48 random characters, 8-character CRC; ``Authorization: Bearer <key>``.
  The read-only key answers 403 to anything but GET.
* ``POST /ns-api/v2/tokens`` (JSON or form) and the legacy
  ``POST /ns-api/oauth2/token/`` (form) implement the ``password`` and
  ``refresh_token`` grants. Access tokens live 3600 s; ``expire_all()`` ends every
  issued access token at once (refresh tokens stay valid) so refresh can be tested.

Every identity is a super user; ``~`` in a path resolves to the identity's own
domain and user. The lab keys (and an OAuth login without ``@domain``) belong
to user ``1000`` of the home domain: ``home_domain`` when given, otherwise the
first domain in the state.
"""
from __future__ import annotations

import secrets
import threading
import time
import zlib

from .routing import ApiError

TOKEN_LIFETIME = 3600
API_VERSION = "45.0"


def make_api_key(prefix="nss_"):
    """A key shaped like the platform's: prefix + 48 random + 8 CRC characters (60)."""
    body = secrets.token_hex(24)
    return prefix + body + format(zlib.crc32((prefix + body).encode()), "08x")


class Auth:
    """Known keys, OAuth client/user credentials and issued tokens."""

    def __init__(self, admin_api_key=None, readonly_api_key=None, oauth=None, home_domain=None, home_user="1000",
                 reseller="lab-reseller", first_domain=None):
        self._home_domain = home_domain
        self._first_domain = first_domain or (lambda: None)
        self._home_user = home_user
        self._reseller = reseller
        self.admin_api_key = admin_api_key or make_api_key()
        self.readonly_api_key = readonly_api_key or make_api_key()
        self.oauth = dict(oauth or {})
        self.oauth.setdefault("client_id", "lab-client")
        self.oauth.setdefault("client_secret", secrets.token_hex(16))
        self.oauth.setdefault("username", home_user if home_domain is None else "%s@%s" % (home_user, home_domain))
        self.oauth.setdefault("password", secrets.token_urlsafe(12))
        self._lock = threading.Lock()
        self._access = {}
        self._refresh = {}

    @property
    def home(self):
        """Who the lab keys are: ``~`` is the home domain, else the first domain in the state."""
        domain = self._home_domain or self._first_domain() or "lab.example"
        return {"reseller": self._reseller, "domain": domain, "user": self._home_user}

    def keys(self):
        return {
            self.admin_api_key: dict(self.home, **{"key-id": "lab-admin", "readonly": "no", "user-scope": "Super User",
                                                   "description": "lab read-write super user key"}),
            self.readonly_api_key: dict(self.home, **{"key-id": "lab-readonly", "readonly": "yes", "user-scope": "Super User",
                                                      "description": "lab read-only super user key"}),
        }

    def identify(self, header, method):
        """Identity for an ``Authorization`` header; raises 401/403 ApiError."""
        if not header or not header.lower().startswith("bearer "):
            raise ApiError(401, "Authentication Required")
        secret = header[7:].strip()
        key = self.keys().get(secret)
        if key is not None:
            if key["readonly"] == "yes" and method != "GET":
                raise ApiError(403, "Permission Denied: read-only API key")
            return dict(key, kind="apikey")
        with self._lock:
            token = self._access.get(secret)
        if token is None:
            raise ApiError(401, "Authentication Required")
        if token["expires"] <= time.time():
            raise ApiError(401, "Authentication Required: access token expired")
        return dict(token["identity"], kind="token")

    def expire_all(self):
        with self._lock:
            for token in self._access.values():
                token["expires"] = 0.0

    def clear_tokens(self):
        with self._lock:
            self._access.clear()
            self._refresh.clear()

    def _identity_for(self, username):
        user, dummy, domain = username.partition("@")
        home = self.home
        return {"reseller": home["reseller"], "domain": domain or home["domain"], "user": user,
                "user-scope": "Super User", "key-id": "", "readonly": "no"}

    def grant(self, fields):
        """Run a password or refresh_token grant; returns the v2 AccessToken body."""
        grant_type = fields.get("grant_type")
        if grant_type not in ("password", "refresh_token"):
            raise ApiError(400, "Unsupported grant_type %r" % (grant_type,))
        if fields.get("client_id") != self.oauth["client_id"] or fields.get("client_secret") != self.oauth["client_secret"]:
            raise ApiError(401, "Invalid client credentials")
        if grant_type == "password":
            if fields.get("username") != self.oauth["username"] or fields.get("password") != self.oauth["password"]:
                raise ApiError(401, "Invalid username or password")
            identity = self._identity_for(fields["username"])
        else:
            with self._lock:
                identity = self._refresh.get(fields.get("refresh_token") or "")
            if identity is None:
                raise ApiError(401, "Invalid refresh token")
        access, refresh = secrets.token_hex(16), secrets.token_hex(16)
        with self._lock:
            self._access[access] = {"identity": identity, "expires": time.time() + TOKEN_LIFETIME}
            self._refresh[refresh] = identity
        uid = "%s@%s" % (identity["user"], identity["domain"])
        return {
            "username": uid, "user": identity["user"], "territory": identity["reseller"], "domain": identity["domain"],
            "site": "", "group": "", "department": "", "uid": uid, "login": uid, "scope": identity["user-scope"],
            "user_email": "", "displayName": uid, "access_token": access, "expires_in": TOKEN_LIFETIME,
            "token_type": "Bearer", "refresh_token": refresh, "client_id": self.oauth["client_id"], "apiversion": API_VERSION,
        }

    @staticmethod
    def legacy_body(token):
        """The v1 ``/ns-api/oauth2/token/`` answer shape."""
        return {k: token[k] for k in ("access_token", "expires_in", "scope", "token_type", "refresh_token", "domain", "apiversion")}
