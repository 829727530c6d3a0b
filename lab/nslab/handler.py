# Copyright: (c) 2026, ucaas.migration contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP transport of the lab and its ``/_lab`` control endpoints.

``/_lab`` needs no credentials (the lab binds to 127.0.0.1 by default):

=======  ==========================================  ===========================================
GET      /_lab/stats                                 counters, injected faults, contract violations
GET      /_lab/requests                              request log (newest last)
POST     /_lab/reset                                 empty state, counters and faults (keys stay)
GET      /_lab/faults                                current fault settings
PUT      /_lab/faults                                change settings (JSON object; POST also works)
DELETE   /_lab/faults                                clear all faults
POST     /_lab/seed                                  load a seed (JSON body)
POST     /_lab/expire-tokens                         end every issued OAuth access token
GET      /_lab/keys                                  the API keys and OAuth credentials the lab accepts
GET      /_lab/routes                                the API operations the lab serves
GET      /_lab/media/greetings/{domain}/{user}/{i}   stored greeting audio (``file-access-url``)
=======  ==========================================  ===========================================
"""
from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from urllib.parse import unquote, urlsplit

from .media import greeting_audio


def _json_bytes(value):
    return json.dumps(value, indent=None, sort_keys=False).encode("utf-8")


class LabRequestHandler(BaseHTTPRequestHandler):
    """Reads the request, hands it to the lab, writes the answer (or drops it)."""

    protocol_version = "HTTP/1.1"
    server_version = "nslab/1.0"
    wbufsize = -1  # headers and body leave in one segment (no delayed-ACK stalls)
    disable_nagle_algorithm = True
    lab = None  # set on a per-server subclass

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if self.lab is not None and self.lab.verbose:
            super().log_message(format, *args)

    def do_GET(self):  # pylint: disable=invalid-name
        self._handle("GET")

    def do_POST(self):  # pylint: disable=invalid-name
        self._handle("POST")

    def do_PUT(self):  # pylint: disable=invalid-name
        self._handle("PUT")

    def do_DELETE(self):  # pylint: disable=invalid-name
        self._handle("DELETE")

    def do_PATCH(self):  # pylint: disable=invalid-name
        self._handle("PATCH")

    def _read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _send(self, status, headers, body, content_type="application/json"):
        if isinstance(body, (bytes, bytearray)):
            data = bytes(body)
        elif body is None:
            data = b""
        else:
            data = _json_bytes(body)
        self.send_response(status)
        if data:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _handle(self, method):
        parts = urlsplit(self.path)
        raw = self._read_body()
        if parts.path.startswith("/_lab/") or parts.path == "/_lab":
            status, body, content_type = self._lab_endpoint(method, parts.path, raw)
            self._send(status, {}, body, content_type)
            return
        result = self.lab.dispatcher.dispatch(method, parts.path, parts.query, self.headers, raw)
        if result[0] == "drop":
            self.close_connection = True  # finish() closes the socket; the client sees no answer
            return
        status, headers, body = result
        self._send(status, headers, body)

    def _lab_endpoint(self, method, path, raw):
        lab = self.lab
        route = path[len("/_lab"):].strip("/")
        try:
            body = json.loads(raw.decode("utf-8")) if raw else {}
        except ValueError:
            return 400, {"code": 400, "message": "Malformed JSON body"}, "application/json"
        try:
            answer = self._lab_route(lab, method, route, body)
        except (ValueError, TypeError) as error:
            return 400, {"code": 400, "message": str(error)}, "application/json"
        if answer is None:
            return 404, {"code": 404, "message": "No lab endpoint %s %s" % (method, path)}, "application/json"
        return answer

    @staticmethod
    def _lab_route(lab, method, route, body):
        ok = {"code": 200, "message": "OK"}
        simple = {
            ("GET", "stats"): lab.stats,
            ("GET", "requests"): lab.request_log,
            ("GET", "faults"): lambda: lab.faults.snapshot(),  # pylint: disable=unnecessary-lambda
            ("GET", "keys"): lambda: {"admin_api_key": lab.admin_api_key, "readonly_api_key": lab.readonly_api_key, "oauth": lab.oauth},
            ("GET", "routes"): lab.router.templates,
        }
        if (method, route) in simple:
            return 200, simple[(method, route)](), "application/json"
        if method == "POST" and route == "reset":
            lab.reset()
            return 200, ok, "application/json"
        if route == "faults" and method in ("PUT", "POST"):
            if not isinstance(body, dict):
                raise ValueError("fault settings must be a JSON object")
            lab.set_faults(**body)
            return 200, lab.faults.snapshot(), "application/json"
        if route == "faults" and method == "DELETE":
            lab.clear_faults()
            return 200, lab.faults.snapshot(), "application/json"
        if method == "POST" and route == "seed":
            lab.load_seed(body)
            return 200, ok, "application/json"
        if method == "POST" and route == "expire-tokens":
            lab.expire_tokens()
            return 200, ok, "application/json"
        parts = [unquote(p) for p in route.split("/")]
        if method == "GET" and len(parts) == 5 and parts[:2] == ["media", "greetings"]:
            data = greeting_audio(lab.store, parts[2], parts[3], parts[4])
            if data is None:
                return 404, {"code": 404, "message": "File not found."}, "application/json"
            return 200, data, "audio/wav"
        return None


def handler_for(lab):
    """A handler class bound to one LabServer."""
    return type("BoundLabRequestHandler", (LabRequestHandler,), {"lab": lab})
