"""Starts a review station over a fresh demo database for the browser test and the benchmark.

Everything goes through the real `is03` binary: `is03 review demo` fills the database through
the ResultStore API, `is03 user add` creates accounts, `is03 review` serves it.
"""
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

PASSWORD = "correct horse battery"


def is03_binary():
    path = os.environ.get("IS03_BIN")
    if path:
        return path
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    # `make test` builds .build/debug; engineers' own scratch builds come after.
    for build, config in ((".build", "debug"), (".build", "release"), (".build-review", "debug")):
        candidate = os.path.join(root, build, config, "is03")
        if os.path.exists(candidate):
            return candidate
    raise SystemExit("is03 binary not found: build it (swift build) or set IS03_BIN")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Station:
    """A running `is03 review` over a demo database; use as a context manager."""

    def __init__(self, sheets=3, fields="crit.П1,crit.П2", users=(("olga", "operator"), ("sveta", "supervisor")),
                 share_one_image=False, participant_every=0, every_kind=False):
        self.dir = tempfile.mkdtemp(prefix="is03-review-")
        self.database = os.path.join(self.dir, "is03.sqlite")
        self.binary = is03_binary()
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        demo = [self.binary, "review", "demo", "--database", self.database, "--images", os.path.join(self.dir, "scans"),
                "--sheets", str(sheets), "--fields", fields, "--participant-every", str(participant_every)]
        if share_one_image:
            demo.append("--share-one-image")
        if every_kind:
            demo.append("--every-kind")
        subprocess.run(demo, check=True, stdout=subprocess.DEVNULL)
        for name, role in users:
            subprocess.run([self.binary, "user", "add", name, "--role", role, "--database", self.database, "--cost", "4"],
                           input=PASSWORD + "\n", text=True, check=True, stdout=subprocess.DEVNULL)
        self.process = None

    def __enter__(self):
        env = dict(os.environ, OMP_THREAD_LIMIT="1", OPENCV_LOG_LEVEL="ERROR")
        # Demo data are not produced by `is03 process`: recomputing results would replace its items.
        self.process = subprocess.Popen([self.binary, "review", "--database", self.database,
                                         "--listen", f"127.0.0.1:{self.port}", "--no-recompute"], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.base + "/login", timeout=1).read()
                return self
            except OSError:
                time.sleep(0.2)
        raise SystemExit("the review station did not start: " + self.process.stderr.read().decode())

    def __exit__(self, *exc):
        # SIGTERM: the station shuts down gracefully (ServiceLifecycle).
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise SystemExit("the review station did not stop on SIGTERM")


class Client:
    """A logged-in HTTP client (cookies + CSRF token), for the export check and the benchmark."""

    def __init__(self, base, name, password=PASSWORD):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        form = self.opener.open(base + "/login").read().decode()
        token = re.search(r'name="_csrf" value="([0-9a-f]{64})"', form).group(1)
        body = urllib.parse.urlencode({"name": name, "password": password, "_csrf": token}).encode()
        page = self.opener.open(base + "/login", data=body).read().decode()  # follows the redirect to /queue
        match = re.search(r'name="csrf-token" content="([0-9a-f]{64})"', page)
        if not match:
            raise SystemExit(f"login as {name} failed")
        self.csrf = match.group(1)

    def get(self, path):
        return self.opener.open(self.base + path).read()

    def post(self, path, payload):
        request = urllib.request.Request(self.base + path, data=json.dumps(payload).encode(), method="POST",
                                         headers={"Content-Type": "application/json", "X-CSRF-Token": self.csrf})
        with self.opener.open(request) as response:
            body = response.read()
            return json.loads(body) if body else None
