# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One API request, transport-free: route, count, inject faults, authenticate, check, run.

``dispatch`` returns ``("drop",)`` (close without answering) or
``(status, headers, body)`` where body is a JSON-able value or None (empty).
"""
from __future__ import annotations

import json
import time
from urllib.parse import parse_qs

from .media import parse_multipart
from .routing import API_PREFIX, ApiError, Call, ContractViolation

LEGACY_TOKEN_PATHS = ("/ns-api/oauth2/token", "/ns-api/oauth2/token/")
NO_ROUTE = ApiError(404, "No Route Found [92]")
ANONYMOUS = {("GET", "/version")}


def parse_body(content_type, raw):
    """Return ``(value, files)`` for a request body; raises ApiError(400) if malformed."""
    if not raw:
        return None, {}
    if content_type.startswith("multipart/form-data"):
        return parse_multipart(content_type, raw)
    if content_type.startswith("application/x-www-form-urlencoded"):
        return {k: v[-1] for k, v in parse_qs(raw.decode("utf-8"), keep_blank_values=True).items()}, {}
    try:
        return json.loads(raw.decode("utf-8")), {}
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "Malformed JSON body") from None


def media_type(content_type):
    return (content_type or "application/json").split(";", 1)[0].strip().lower() or "application/json"


class Dispatcher:
    """Runs API requests against a LabServer's store, auth, faults and contract."""

    def __init__(self, lab):
        self.lab = lab

    def dispatch(self, method, path, query_string, headers, raw):
        lab = self.lab
        query = {k: v[-1] for k, v in parse_qs(query_string, keep_blank_values=True).items()}
        entry = {"method": method, "path": path, "query": query_string, "template": None, "fault": None, "auth": None}
        template, handler, params = None, None, {}
        if path.startswith(API_PREFIX + "/"):
            try:
                template, handler, params = lab.router.match(method, path[len(API_PREFIX):])
            except ApiError:
                template = None
        elif path in LEGACY_TOKEN_PATHS and method == "POST":
            template = "legacy-token"
        entry["template"] = (API_PREFIX + template) if template and template != "legacy-token" else (LEGACY_TOKEN_PATHS[1] if template else None)
        lab.count_request(method, entry["template"] or path)
        try:
            if lab.faults.latency > 0:
                lab.faults.count("latency")
                time.sleep(lab.faults.latency)
            fault = lab.faults.decide()
            if fault is not None:
                entry["fault"] = "drop" if fault[0] == "drop" else fault[1]
                return self._finish(entry, fault)
            result = self._run(method, template, handler, params, query, headers, raw, entry)
        except ContractViolation as violation:
            lab.record_violation(method, entry["template"] or path, violation.field, violation.reason)
            result = (400, {}, {"code": 400, "message": "%s: %s" % (violation.field, violation.reason)})
        except ApiError as error:
            result = (error.status, {}, error.body())
        except Exception as error:  # pylint: disable=broad-exception-caught
            # a lab bug must still answer, and visibly so, rather than look like a dropped connection
            result = (500, {"X-Nslab-Error": type(error).__name__}, {"code": 500, "message": "lab error: %s" % error})
        return self._finish(entry, result)

    def _finish(self, entry, result):
        entry["status"] = None if result[0] == "drop" else result[1] if result[0] == "answer" else result[0]
        self.lab.log_request(entry)
        if result[0] == "answer":
            return result[1:]
        return result

    def _run(self, method, template, handler, params, query, headers, raw, entry):
        lab = self.lab
        full_content_type = headers.get("Content-Type") or "application/json"
        content_type = media_type(full_content_type)
        if template == "legacy-token":
            body, dummy = parse_body(full_content_type, raw)
            token = lab.auth.grant(body if isinstance(body, dict) else {})
            return 200, {}, lab.auth.legacy_body(token)
        if template is None:
            raise NO_ROUTE
        if template == "/tokens":
            if lab.faults.settings["disable_v2_tokens"]:
                raise NO_ROUTE
            body, dummy = parse_body(full_content_type, raw)
            self._check_contract(method, template, content_type, body, {})
            return 200, {}, lab.auth.grant(body if isinstance(body, dict) else {})
        identity = {}
        if (method, template) not in ANONYMOUS:
            identity = lab.auth.identify(headers.get("Authorization"), method)
            entry["auth"] = identity.get("key-id") or "token"
        for name, key in (("domain", "domain"), ("user", "user"), ("reseller", "reseller")):
            if params.get(name) == "~":
                params[name] = identity.get(key, "")
        body, files = parse_body(full_content_type, raw)
        self._check_contract(method, template, content_type, body, files)
        call = Call(lab, method, template, params, query, body, files, identity)
        call.content_type = content_type
        if isinstance(body, dict) and body.get("synchronous") == "yes" and lab.contract.accepts_field(method, template, "synchronous"):
            call.sync = True  # the controller waits until the write is readable
        else:
            call.delay = lab.faults.visibility_delay
        status, payload = handler(call)
        return status, {}, payload

    def _check_contract(self, method, template, content_type, body, files):
        if not self.lab.strict:
            return
        checked = body
        if files:
            checked = dict(body or {})
            checked.update({name: upload[2] for name, upload in files.items()})
        problems = self.lab.contract.check(method, template, content_type, checked)
        for field, reason in problems:
            self.lab.record_violation(method, API_PREFIX + template, field, reason)
        if problems:
            raise ApiError(400, "; ".join("%s: %s" % problem for problem in problems))
