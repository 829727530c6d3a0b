"""A scripted HTTP server for client unit tests: answers from a queue, records every request."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Reply:
    def __init__(self, status=200, body=None, headers=None, raw=None, drop=False):
        self.status = status
        self.body = body
        self.headers = headers or {}
        self.raw = raw
        self.drop = drop


class StubServer:
    """``script(fn)`` installs ``fn(request) -> Reply``; ``requests`` lists what arrived."""

    def __init__(self):
        self.requests = []
        self._handler_fn = lambda request: Reply(404, {"code": 404, "message": "nothing scripted"})
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw_body = self.rfile.read(length) if length else b""
                request = {"method": self.command, "path": self.path, "headers": dict(self.headers),
                           "body": raw_body.decode("utf-8", "replace")}
                try:
                    request["json"] = json.loads(raw_body) if raw_body else None
                except ValueError:
                    request["json"] = None
                stub.requests.append(request)
                reply = stub._handler_fn(request)
                if reply.drop:
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                payload = reply.raw if reply.raw is not None else (b"" if reply.body is None else json.dumps(reply.body).encode())
                self.send_response(reply.status)
                if reply.raw is None and reply.body is not None:
                    self.send_header("Content-Type", "application/json")
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self._thread.start()

    def script(self, fn):
        self._handler_fn = fn

    def sequence(self, *replies):
        """Answer with ``replies`` in order, then repeat the last one."""
        queue = list(replies)

        def fn(request):
            return queue.pop(0) if len(queue) > 1 else queue[0]
        self.script(fn)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
