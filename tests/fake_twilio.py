"""A local stand-in for Twilio's Messages API, answering as Twilio does (http.server in a thread).

Each POST takes the next planned answer (201 once the plan runs out): a status
and a JSON body shaped like Twilio's, or "hang" to keep the caller waiting past
its time-out. Every request is kept, with its form fields and Authorization.
"""

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ERRORS = {
    400: {"code": 21211, "message": "The 'To' number is not a valid phone number.", "status": 400},
    401: {"code": 20003, "message": "Authenticate", "status": 401},
    429: {"code": 20429, "message": "Too Many Requests", "status": 429},
    500: {"code": 20500, "message": "Internal Server Error", "status": 500},
    503: {"code": 20503, "message": "Service Unavailable", "status": 503},
}


class FakeTwilio:
    def __init__(self):
        self.requests: list[dict] = []
        self.plan: list[int | str] = []
        self.delay = 0.0  # seconds each answer waits, to hold a delivery open
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                with fake._lock:
                    fake.requests.append(
                        {
                            "path": self.path,
                            "form": {k: v[0] for k, v in form.items()},
                            "authorization": self.headers.get("Authorization", ""),
                            "content_type": self.headers.get("Content-Type", ""),
                        }
                    )
                    answer = fake.plan.pop(0) if fake.plan else 201
                    sid = f"SM{len(fake.requests):032d}"
                if fake.delay:
                    time.sleep(fake.delay)
                if answer == "hang":
                    time.sleep(3)
                    return
                body = {"sid": sid, "status": "queued"} if answer == 201 else ERRORS[answer]
                payload = json.dumps(body).encode()
                self.send_response(answer)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
