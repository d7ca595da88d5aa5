#!/usr/bin/env python3
"""The upstream for benches/attack.sh: serves files on GET and, on POST, reads the whole
body before it answers, as a form handler would, so that slow-body clients stay connected
through the gateway instead of being answered (and dropped) at once.

usage: attack_upstream.py PORT DIR
"""

import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args) -> None:
        pass


class Server(http.server.ThreadingHTTPServer):
    # The gateway opens one upstream connection per slow body, thousands at once.
    request_queue_size = 4096
    daemon_threads = True


if __name__ == "__main__":
    handler = functools.partial(Handler, directory=sys.argv[2])
    Server(("127.0.0.1", int(sys.argv[1])), handler).serve_forever()
