"""harness.py: starts the real faro binary on a fresh database and talks HTTP to it.

Used by every tests/api/test_*.py; the same tests run against SQLite and PostgreSQL.
Only the Python standard library is used, so the suite needs nothing but Debian's python3.
"""
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid

FARO = os.environ.get("FARO_BIN", "build/asan/faro")
PG_URL = os.environ.get("FARO_TEST_PG")  # postgres://postgres@127.0.0.1:PORT/faro when the backend is PostgreSQL


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def strong_password():
    return "pw-" + secrets.token_urlsafe(18)


class Database:
    """A fresh, empty database for one test: a temp SQLite file or a new PostgreSQL database."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="faro-api-")
        if PG_URL:
            self.name = "t_" + uuid.uuid4().hex[:12]
            self.psql("CREATE DATABASE " + self.name, db="postgres")
            base = PG_URL.rsplit("/", 1)[0]
            self.url = base + "/" + self.name
            self.kind = "postgres"
        else:
            self.url = "sqlite:" + os.path.join(self.dir, "faro.db")
            self.kind = "sqlite"

    def psql(self, sql, db=None):
        base = PG_URL.rsplit("/", 1)[0]
        url = base + "/" + (db or self.name)
        return subprocess.run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                              capture_output=True, text=True)

    def sql(self, sql):
        """Runs sql by hand, as an operator would (outside faro). Returns (ok, stdout+stderr)."""
        if self.kind == "postgres":
            r = self.psql(sql)
        else:
            r = subprocess.run(["sqlite3", self.url[len("sqlite:"):], sql], capture_output=True, text=True)
        return r.returncode == 0, (r.stdout + r.stderr).strip()

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)
        if PG_URL:
            self.psql("DROP DATABASE IF EXISTS " + self.name + " WITH (FORCE)", db="postgres")


def faro(args, db, stdin=None, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([FARO] + args + ["--db", db.url], input=stdin, capture_output=True, text=True, env=e,
                          timeout=60)


class Server:
    """One faro process on a free port; stop() sends SIGTERM and waits."""

    def __init__(self, db, args=(), clock_file=None, port=None):
        self.db = db
        self.port = port or free_port()
        self.log_path = os.path.join(db.dir, "server-%d.log" % self.port)
        env = dict(os.environ)
        if clock_file:
            env["FARO_TEST_CLOCK_FILE"] = clock_file
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen([FARO, "serve", "--db", db.url, "--listen", "127.0.0.1:%d" % self.port]
                                     + list(args), stdout=self.log, stderr=self.log, env=env)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError("faro did not start: " + self.logs())

    def logs(self):
        if not self.log.closed:
            self.log.flush()
        with open(self.log_path) as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


class Response:
    def __init__(self, r):
        self.status = r.status
        self.headers = r.getheaders()
        self.raw = r.read()
        try:
            self.json = json.loads(self.raw) if self.raw else None
        except ValueError:
            self.json = None

    def header(self, name):
        vals = [v for k, v in self.headers if k.lower() == name.lower()]
        return vals[0] if vals else None

    def headers_named(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def code(self):
        return (self.json or {}).get("error", {}).get("code")


class Client:
    """A browser-like client: keeps the session cookie and sends the CSRF token it was given."""

    def __init__(self, server):
        self.server = server
        self.cookie = None
        self.csrf = None

    def request(self, method, path, body=None, headers=None, raw=None, csrf=True):
        h = {"Host": "127.0.0.1:%d" % self.server.port}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        if raw is not None:
            data = raw
        if self.cookie:
            h["Cookie"] = self.cookie
        if csrf and self.csrf and method not in ("GET", "HEAD"):
            h["X-CSRF-Token"] = self.csrf
        h.update(headers or {})
        c = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        c.request(method, path, body=data, headers=h)
        r = Response(c.getresponse())
        c.close()
        for v in r.headers_named("Set-Cookie"):
            name_value = v.split(";", 1)[0]
            if "Max-Age=0" in v:
                self.cookie = None
            else:
                self.cookie = name_value
        return r

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body=body, **kw)

    def login(self, username, password):
        r = self.post("/api/v1/auth/login", {"username": username, "password": password})
        if r.status == 200:
            self.csrf = r.json["csrf_token"]
        return r


class EventStream:
    """Reads a Server-Sent Events stream in a thread; events() returns what arrived."""

    def __init__(self, server, cookie, last_event_id=None, origin=None):
        self.sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
        req = "GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAccept: text/event-stream\r\n" % server.port
        if cookie:
            req += "Cookie: %s\r\n" % cookie
        if last_event_id is not None:
            req += "Last-Event-ID: %s\r\n" % last_event_id
        if origin:
            req += "Origin: %s\r\n" % origin
        self.sock.sendall((req + "\r\n").encode())
        self.buf = b""
        self.closed = False
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        try:
            while True:
                d = self.sock.recv(65536)
                if not d:
                    break
                with self.lock:
                    self.buf += d
        except OSError:
            pass
        self.closed = True

    def text(self):
        with self.lock:
            return self.buf.decode("utf-8", "replace")

    def status(self):
        t = self.text()
        return int(t.split(" ", 2)[1]) if t.startswith("HTTP/1.1 ") else None

    def events(self):
        """Named events as dicts {id, event, data}, in order."""
        body = self.text().split("\r\n\r\n", 1)[-1]
        out = []
        for block in body.replace("\r\n", "\n").split("\n\n"):
            ev = {}
            for line in block.split("\n"):
                if ":" in line and not line.startswith(":"):
                    k, v = line.split(":", 1)
                    ev[k.strip()] = v.strip()
            if "event" in ev:
                if "data" in ev:
                    try:
                        ev["data"] = json.loads(ev["data"])
                    except ValueError:
                        pass
                out.append(ev)
        return out

    def wait_for(self, pred, timeout=5.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for e in self.events():
                if pred(e):
                    return e
            time.sleep(0.02)
        return None

    def wait_closed(self, timeout=5.0):
        deadline = time.time() + timeout
        while time.time() < deadline and not self.closed:
            time.sleep(0.02)
        return self.closed

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def add_user(db, username, role, password=None, extra=()):
    password = password or strong_password()
    r = faro(["user", "add", username, "--role", role, "--name", username.title(), "--password-stdin"] + list(extra),
             db, stdin=password)
    assert r.returncode == 0, r.stderr
    return password


class Env:
    """A fresh database, its users (one per role) and a running server; use with `with`."""

    ROLES = ("agent", "coordinator", "supervisor", "admin")

    def __init__(self, args=(), clock=False, users=True):
        self.db = Database()
        self.clock_file = None
        if clock:
            self.clock_file = os.path.join(self.db.dir, "clock")
            self.set_clock(0)
        self.users = {}
        if users:
            for role in self.ROLES:
                self.users[role] = (role + "1", add_user(self.db, role + "1", role))
        self.servers = [Server(self.db, args, self.clock_file)]
        self.server = self.servers[0]

    def set_clock(self, offset_ms):
        with open(self.clock_file, "w") as f:
            f.write(str(int(offset_ms)))

    def another_server(self, args=()):
        s = Server(self.db, args, self.clock_file)
        self.servers.append(s)
        return s

    def client(self, role=None, server=None):
        c = Client(server or self.server)
        if role:
            r = c.login(*self.users[role])
            assert r.status == 200, (r.status, r.raw)
        return c

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for s in self.servers:
            s.stop()
        self.db.cleanup()
        return False


def faro_routes():
    """Every route of the dispatcher's tables, from `faro routes --json` (the binary under test):
    [{"method", "path", "roles": [names], "public", "csrf", "password_ok"}]."""
    p = subprocess.run([FARO, "routes", "--json"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, (p.returncode, p.stderr)
    return json.loads(p.stdout)


def backend_only(kind):
    """Marks a test of a feature only one engine has (run.py runs it on that engine)."""
    def mark(fn):
        fn.backend_only = kind
        return fn
    return mark


SMTP_SINK = r'''
import json, os, sys
from aiosmtpd.controller import Controller
port, folder, fail_first = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
class Sink:
    def __init__(self):
        self.n = 0
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"
    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        if self.n <= fail_first:
            return "451 4.3.0 try again later"
        path = os.path.join(folder, "%06d.json" % self.n)
        with open(path + ".tmp", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos,
                       "data": envelope.content.decode("utf-8", "replace")}, f)
        os.rename(path + ".tmp", path)
        return "250 OK"
c = Controller(Sink(), hostname="127.0.0.1", port=port)
c.start()
print("ready", flush=True)
sys.stdin.read()
c.stop()
'''


class SmtpServer:
    """A real SMTP server on loopback (Debian's python3-aiosmtpd) that keeps what it receives.

    fail_first: answer 451 (try later) to that many messages first. Recipients starting with
    "reject" get 550. messages() returns the accepted ones as email.message objects."""

    def __init__(self, fail_first=0, port=None):
        self.port = port or free_port()
        self.dir = tempfile.mkdtemp(prefix="faro-smtp-")
        py = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3"
        self.proc = subprocess.Popen([py, "-c", SMTP_SINK, str(self.port), self.dir, str(fail_first)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if line.strip() != "ready":
            raise RuntimeError("the SMTP test server did not start")
        self.url = "smtp://127.0.0.1:%d" % self.port

    def messages(self):
        import email
        import email.policy
        out = []
        for name in sorted(os.listdir(self.dir)):
            if name.endswith(".json"):
                with open(os.path.join(self.dir, name)) as f:
                    d = json.load(f)
                m = email.message_from_string(d["data"], policy=email.policy.default)
                m.envelope_to = d["to"]
                out.append(m)
        return out

    def wait_for(self, n, timeout=10.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            ms = self.messages()
            if len(ms) >= n:
                return ms
            time.sleep(0.05)
        return self.messages()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def wait_until(pred, timeout=10.0, step=0.05):
    """Polls pred() until it returns something true; returns that value, or None on timeout."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return None
