#!/usr/bin/env python3
"""A generated local origin for `lachan scan` figures (docs/scan.md): N pages, each linking
to the next three, a visible partner link, and every 50th page a hidden betting link.

    python3 benches/scan_origin.py 5000 &      # prints the port it listens on
    lachan scan -c CONFIG --site bench --max-pages 5000 --rate 100000 --concurrency 8
"""
import sys
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

N = int(sys.argv[1]) if len(sys.argv) > 1 else 5000


class Page(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        path = self.path.split("?")[0]
        k = int(path[3:]) if path.startswith("/p/") and path[3:].isdigit() else 0
        links = "".join(f'<a href="/p/{j}">Trang {j}</a> ' for j in range(k + 1, min(k + 4, N)))
        extra = '<a href="https://partner.test/">Thư viện</a>'
        if k % 50 == 0:
            extra += '<div style="display:none"><a href="https://nhacai.bet.test/">nhà cái</a></div>'
        body = (f"<!doctype html><html><head><title>Trang {k}</title></head><body>"
                f"<h1>Trang {k}</h1><p>{'Nội dung. ' * 40}</p>{links}{extra}</body></html>").encode()
        self.send_response(200 if path == "/" or path.startswith("/p/") else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    print(server.server_address[1], flush=True)
    server.serve_forever()
