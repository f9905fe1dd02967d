"""A small ORI API (VNG Open Raads- en Stateninformatie, 2.0.0-beta) served by the test itself
on 127.0.0.1: pages of ``page_size`` objects with ``next`` links, and faults on demand."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class OriServer:
    def __init__(self, collections: dict[str, list], *, page_size: int = 2):
        self.collections = collections
        self.page_size = page_size
        self.faults: dict[str, list[int]] = {}  # path → statuses to answer first, one per request
        self.garbage: set[str] = set()  # paths that answer something that is not a page
        self.hits: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.hits.append(self.path)
                parts = urlsplit(self.path)
                name = parts.path.strip("/").rsplit("/", 1)[-1]
                faults = server.faults.get(name)
                if faults:
                    return self._send(faults.pop(0), {"title": "fout"})
                if name in server.garbage:
                    return self._send(200, {"resultaten": "geen lijst"})
                if name not in server.collections:
                    return self._send(404, {"title": "onbekend"})
                page = int(parse_qs(parts.query).get("page", ["1"])[0])
                items = server.collections[name]
                chunk = items[(page - 1) * server.page_size : page * server.page_size]
                more = page * server.page_size < len(items)
                base = f"{server.url}{name}"
                self._send(
                    200,
                    {
                        "next": f"{base}?page={page + 1}" if more else None,
                        "previous": f"{base}?page={page - 1}" if page > 1 else None,
                        "results": chunk,
                    },
                )

            def _send(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/api/ori/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
