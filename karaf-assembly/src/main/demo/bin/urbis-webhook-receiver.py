#!/usr/bin/env python3
"""The demo's webhook receiver: prints every alarm notification the platform POSTs, and whether its
X-Urbis-Signature (HMAC-SHA256 of the body under the shared secret) is right.

    python3 bin/urbis-webhook-receiver.py [port] [secret]     (defaults: 8099, the demo's secret)
"""
import hashlib
import hmac
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8099
SECRET = (sys.argv[2] if len(sys.argv) > 2 else "demo-webhook-secret-phan-thiet").encode()


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        expected = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
        trusted = hmac.compare_digest(expected, self.headers.get("X-Urbis-Signature", ""))
        print(("SIGNED " if trusted else "BAD SIGNATURE ") + self.headers.get("X-Urbis-Event", "?")
              + " delivery " + self.headers.get("X-Urbis-Delivery", "?"))
        print(json.dumps(json.loads(body), indent=2, ensure_ascii=False), flush=True)
        self.send_response(200 if trusted else 401)
        self.end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    print(f"Receiving on http://127.0.0.1:{PORT}/urbis-alarms", flush=True)
    HTTPServer(("127.0.0.1", PORT), Receiver).serve_forever()
