#!/usr/bin/env python3
"""contacts_bench.py: the contacts area's figures through HTTP, against a running faro.

usage: contacts_bench.py PORT ENGINE
environment (secrets stay out of the process list):
  BENCH_ADMIN_USER, BENCH_ADMIN_PW   an admin (creates the agents, the line, the integration)
  BENCH_SUP_USER, BENCH_SUP_PW       a supervisor (posts the announcements of the baseline)
  BENCH_AGENTS (300)                 agents, each signed in with one live stream
  BENCH_POPS (1000)                  ringing events timed (after BENCH_POPS/50 warm-up ones)
  BENCH_SECONDS (30)                 length of the autosave run
  BENCH_PROFILES                     how many generated profiles the database holds (their phones
                                     are +573 and 9 digits: 2 id and 2 id + 1, bench/people_gen.c)
  BENCH_FARO_PID, BENCH_PG_PID       processes whose CPU time is read (/proc/PID/stat, with children)

1. Signs in the agents (created through the admin API) and opens one GET /api/v1/events stream
   each, all in one selector loop with the HTTP connections, so every arrival is timestamped when
   it is read.
2. Baselines under the same streams: GET /api/v1/me on a keep-alive connection; an announcement's
   fan-out (time to the first and to the last of the streams).
3. The screen pop: signed `ringing` events for random agents (90 % callers from the profiles, 10 %
   unknown numbers), one at a time; time from just before the request is written to `contact_pop`
   on that agent's stream; then the two reads the contact screen makes (GET the contact, the phone
   lookup), timed from the pop. At the end: no stream saw a pop that was not its agent's.
4. Note autosave: each agent opens a contact, then saves its growing notes (PUT .../notes with the
   notes version) once a second for BENCH_SECONDS, on its own keep-alive connection, one save in
   flight per agent (as the browser does); before that, one agent saving alone (the baseline).
Prints "result contacts ENGINE: ..." lines; exits 1 when something failed.
"""
import atexit
import concurrent.futures
import hashlib
import hmac
import http.client
import json
import os
import random
import selectors
import socket
import subprocess
import sys
import time

PORT = int(sys.argv[1])
ENGINE = sys.argv[2]
AGENTS = int(os.environ.get("BENCH_AGENTS", "300"))
POPS = int(os.environ.get("BENCH_POPS", "1000"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "30"))
PROFILES = int(os.environ.get("BENCH_PROFILES", "1000000"))
LINE = "+576045551000"
HZ = os.sysconf("SC_CLK_TCK")
sel = selectors.DefaultSelector()
FSYNC_PROBE = r"""
import os, sys, time
path = os.path.join(sys.argv[1], "fsync-probe.tmp")
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
ts, end = [], time.perf_counter() + float(sys.argv[2])
while time.perf_counter() < end:
    os.write(fd, b"x" * 4096)
    t = time.perf_counter()
    os.fdatasync(fd)
    ts.append(time.perf_counter() - t)
    time.sleep(0.02)
os.close(fd)
os.unlink(path)
ts.sort()
print("%.2f %.2f %.2f %d %d" % (ts[len(ts) // 2] * 1000, ts[int(len(ts) * 0.99)] * 1000, ts[-1] * 1000,
                                sum(1 for x in ts if x > 0.05), len(ts)))
"""
failures = []


def say(msg):
    print("bench contacts %s: %s" % (ENGINE, msg), file=sys.stderr, flush=True)


def result(msg):
    print("result contacts %s: %s" % (ENGINE, msg), flush=True)


def pct(xs):
    """(p50, p99, max) in ms of a list of seconds"""
    if not xs:
        return (float("nan"),) * 3
    s = sorted(xs)
    return (s[len(s) // 2] * 1000, s[min(len(s) - 1, int(len(s) * 0.99))] * 1000, s[-1] * 1000)


def cpu_ticks(pid):
    """user+system ticks of pid and its direct children (PostgreSQL's backends)"""
    if not pid:
        return 0
    pids = [pid]
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            pids += [int(x) for x in f.read().split()]
    except OSError:
        pass
    t = 0
    for p in pids:
        try:
            with open("/proc/%d/stat" % p) as f:
                parts = f.read().rsplit(")", 1)[1].split()
            t += int(parts[11]) + int(parts[12])
        except (OSError, IndexError, ValueError):
            pass
    return t


# ---- blocking calls for the setup ----

def call(method, path, body=None, auth=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    h = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    if auth:
        h["Cookie"] = auth[0]
        if method != "GET":
            h["X-CSRF-Token"] = auth[1]
    c.request(method, path, body=data, headers=h)
    r = c.getresponse()
    raw = r.read()
    cookie = r.getheader("Set-Cookie")
    c.close()
    return r.status, (json.loads(raw) if raw else None), cookie


def login(user, pw):
    st, js, cookie = call("POST", "/api/v1/auth/login", {"username": user, "password": pw})
    if st != 200:
        raise SystemExit("login %s answered %d %s" % (user, st, js))
    return (cookie.split(";", 1)[0], js["csrf_token"])


# ---- the selector loop: raw keep-alive HTTP connections and SSE streams ----

class Conn:
    """one keep-alive HTTP/1.1 connection; send() queues a callback cb(status, body, t_read)"""

    def __init__(self):
        self.sock = socket.create_connection(("127.0.0.1", PORT))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""
        self.waiting = []
        sel.register(self.sock, selectors.EVENT_READ, self)

    def send(self, method, path, body=None, auth=None, headers=None, cb=None):
        data = json.dumps(body).encode() if body is not None and not isinstance(body, bytes) else body
        h = "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % (method, path, PORT)
        if auth:
            h += "Cookie: %s\r\n" % auth[0]
            if method != "GET":
                h += "X-CSRF-Token: %s\r\n" % auth[1]
        for k, v in (headers or {}).items():
            h += "%s: %s\r\n" % (k, v)
        if data is not None:
            h += "Content-Type: application/json\r\nContent-Length: %d\r\n" % len(data)
        t0 = time.perf_counter()
        self.waiting.append(cb)
        self.sock.sendall(h.encode() + b"\r\n" + (data or b""))
        return t0

    def readable(self, t):
        d = self.sock.recv(262144)
        if not d:
            raise SystemExit("faro closed a keep-alive connection")
        self.buf += d
        while True:
            i = self.buf.find(b"\r\n\r\n")
            if i < 0:
                return
            head = self.buf[:i].decode("latin-1").split("\r\n")
            n = None
            for line in head[1:]:
                k, _, v = line.partition(":")
                if k.strip().lower() == "content-length":
                    n = int(v)
            if n is None:
                raise SystemExit("an answer without Content-Length: %s" % head[0])
            if len(self.buf) < i + 4 + n:
                return
            body = self.buf[i + 4:i + 4 + n]
            self.buf = self.buf[i + 4 + n:]
            cb = self.waiting.pop(0)
            if cb:
                cb(int(head[0].split(" ", 2)[1]), body, t)

    def close(self):
        sel.unregister(self.sock)
        self.sock.close()


class Stream:
    """GET /api/v1/events for one session, chunked transfer decoded; keeps (t, event, data) it saw"""

    def __init__(self, idx, cookie):
        self.idx = idx
        self.sock = socket.create_connection(("127.0.0.1", PORT))
        self.sock.sendall(("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAccept: text/event-stream\r\n"
                           "Cookie: %s\r\n\r\n" % (PORT, cookie)).encode())
        self.raw = b""
        self.body = b""
        self.head = None
        self.chunked = False
        self.left = 0
        self.hello = False
        self.closed = False
        self.pops = []  # (t, contact id)
        self.counts = {}
        self.last = {}  # event name -> t of its latest arrival
        sel.register(self.sock, selectors.EVENT_READ, self)

    def readable(self, t):
        d = self.sock.recv(65536)
        if not d:
            self.closed = True
            sel.unregister(self.sock)
            return
        self.raw += d
        if self.head is None:
            i = self.raw.find(b"\r\n\r\n")
            if i < 0:
                return
            self.head = self.raw[:i].decode("latin-1")
            if not self.head.startswith("HTTP/1.1 200"):
                raise SystemExit("stream %d: %s" % (self.idx, self.head.split("\r\n")[0]))
            self.chunked = "chunked" in self.head.lower()
            self.raw = self.raw[i + 4:]
        if self.chunked:
            while True:
                if self.left == 0:
                    i = self.raw.find(b"\r\n")
                    if i < 0:
                        break
                    line = self.raw[:i]
                    self.raw = self.raw[i + 2:]
                    if not line:
                        continue
                    self.left = int(line.split(b";")[0], 16)
                    if self.left == 0:
                        self.closed = True
                        break
                take = self.raw[:self.left]
                if not take:
                    break
                self.body += take
                self.raw = self.raw[len(take):]
                self.left -= len(take)
        else:
            self.body += self.raw
            self.raw = b""
        self.body = self.body.replace(b"\r\n", b"\n")
        while True:
            i = self.body.find(b"\n\n")
            if i < 0:
                return
            block, self.body = self.body[:i].decode("utf-8", "replace"), self.body[i + 2:]
            ev, data = None, None
            for line in block.split("\n"):
                if line.startswith("event:"):
                    ev = line[6:].strip()
                elif line.startswith("data:"):
                    data = line[5:].strip()
            if not ev:
                continue
            self.counts[ev] = self.counts.get(ev, 0) + 1
            self.last[ev] = t
            if ev == "hello":
                self.hello = True
            elif ev == "contact_pop":
                self.pops.append((t, int(json.loads(data)["ref_id"])))


def pump(timeout):
    for key, _ in sel.select(timeout):
        t = time.perf_counter()
        key.data.readable(t)


def pump_until(pred, limit):
    deadline = time.perf_counter() + limit
    while not pred():
        left = deadline - time.perf_counter()
        if left <= 0:
            return False
        pump(min(left, 0.05))
    return True


def request(conn, method, path, body=None, auth=None, headers=None, limit=10.0):
    """sends and pumps until the answer: (status, body, t0, t_answer)"""
    got = []
    t0 = conn.send(method, path, body, auth, headers, lambda st, b, t: got.append((st, b, t)))
    if not pump_until(lambda: got, limit):
        raise SystemExit("no answer to %s %s within %.0f s" % (method, path, limit))
    return got[0][0], got[0][1], t0, got[0][2]


# ---- setup ----

def setup():
    admin = login(os.environ["BENCH_ADMIN_USER"], os.environ["BENCH_ADMIN_PW"])
    st, js, _ = call("GET", "/api/v1/admin/contact-settings", auth=admin)
    assert st == 200, js
    st, js, _ = call("PUT", "/api/v1/admin/contact-settings", {
        "version": js["settings"]["version"] if "settings" in js else js["version"],
        "lines": [{"name": "Línea bench", "phone": LINE, "channel": "voice"}]}, auth=admin)
    assert st == 200, js
    st, js, _ = call("POST", "/api/v1/admin/telephony/integrations", {"name": "bench"}, auth=admin)
    assert st == 201, js
    integ = (js["integration"]["id"], js["secret"])
    pw = "bench-%s" % os.urandom(9).hex()
    prefix = "cbench%d_" % os.getpid()

    def make(i):
        name = "%s%03d" % (prefix, i)
        st, js, _ = call("POST", "/api/v1/admin/users", {"username": name, "display_name": "Agente %d" % i,
                                                         "role": "agent", "password": pw}, auth=admin)
        assert st == 201, js
        return name, login(name, pw)

    t0 = time.time()
    with concurrent.futures.ThreadPoolExecutor(4) as ex:
        agents = list(ex.map(make, range(AGENTS)))
    say("%d agents created and signed in in %.1f s" % (AGENTS, time.time() - t0))
    sup = login(os.environ["BENCH_SUP_USER"], os.environ["BENCH_SUP_PW"])
    return integ, agents, sup


def sign(secret, ts, raw):
    return hmac.new(secret.encode(), str(ts).encode() + b"." + raw, hashlib.sha256).hexdigest()


def main():
    integ, agents, sup = setup()
    streams = [Stream(i, a[1][0]) for i, a in enumerate(agents)]
    t0 = time.perf_counter()
    if not pump_until(lambda: all(s.hello for s in streams), 60):
        raise SystemExit("not every stream got its hello within 60 s")
    say("%d streams open (all hellos in %.0f ms)" % (len(streams), (time.perf_counter() - t0) * 1000))
    faro_pid = int(os.environ.get("BENCH_FARO_PID", "0"))
    pg_pid = int(os.environ.get("BENCH_PG_PID", "0"))
    rng = random.Random(11)
    conn = Conn()

    # -- baseline 1: GET /api/v1/me under the streams
    me = []
    for i in range(max(200, POPS)):
        st, _, a, b = request(conn, "GET", "/api/v1/me", auth=agents[i % AGENTS][1])
        assert st == 200
        me.append(b - a)
    me50, me99, _ = pct(me[len(me) // 10:])

    # -- baseline 2: an announcement's fan-out to every stream
    first, last_, reply = [], [], []
    for r in range(20):
        before = [s.counts.get("announcement", 0) for s in streams]
        st, _, a, b = request(conn, "POST", "/api/v1/announcements", {"text": "bench %d" % r}, auth=sup)
        assert st == 201
        ok = pump_until(lambda: all(s.counts.get("announcement", 0) > n for s, n in zip(streams, before)), 10)
        if not ok:
            failures.append("announcement %d did not reach every stream" % r)
            continue
        arr = [s.last["announcement"] for s in streams]
        first.append(min(arr) - a)
        last_.append(max(arr) - a)
        reply.append(b - a)
    f50, f99, _ = pct(first)
    l50, l99, _ = pct(last_)
    result("baseline GET /api/v1/me under %d streams p50 %.2f ms p99 %.2f ms (%d requests); announcement "
           "fan-out (20 rounds) to the first stream p50 %.2f ms, to all %d p50 %.2f ms p99 %.2f ms, POST answered "
           "p50 %.2f ms" % (AGENTS, me50, me99, len(me) - len(me) // 10, f50, AGENTS, l50, l99, pct(reply)[0]))

    # -- the screen pop
    iid, secret = integ
    expected = {}  # stream index -> contact ids popped for it
    pop_t, ans_t, screen_t, known_n, misses = [], [], [], 0, 0
    warm = max(5, POPS // 50)
    screen_conn = Conn()
    t_start = time.perf_counter()
    for k in range(warm + POPS):
        if time.perf_counter() - t_start > 300:
            failures.append("the pop loop stopped after 300 s at event %d" % k)
            break
        ai = rng.randrange(AGENTS)
        if rng.random() < 0.9:
            pid = rng.randrange(1, PROFILES + 1)
            number = "+573%09d" % (2 * pid + rng.randrange(2))
            known = True
        else:
            number = "+573%09d" % rng.randrange(900000000, 999999999)
            known = False
        ev = {"type": "ringing", "call_id": "bench-%d-%d" % (os.getpid(), k), "from": number, "to": LINE,
              "agent": agents[ai][0], "channel": "voice"}
        raw = json.dumps(ev).encode()
        ts = int(time.time())
        hdr = {"X-Faro-Integration": str(iid), "X-Faro-Timestamp": str(ts),
               "X-Faro-Signature": sign(secret, ts, raw)}
        s = streams[ai]
        npops = len(s.pops)
        got = []
        a = conn.send("POST", "/api/v1/telephony/events", raw, None, hdr, lambda st, b, t: got.append((st, b, t)))
        ok = pump_until(lambda: got and len(s.pops) > npops, 5)
        if not got:
            raise SystemExit("no answer to a telephony event within 5 s")
        st, body, b = got[0]
        if st != 200:
            raise SystemExit("telephony event answered %d %s" % (st, body[:300]))
        evr = json.loads(body)["event"]
        cid = evr["contact_id"]
        expected.setdefault(ai, set()).add(cid)
        if evr["status"] != "done":
            failures.append("event %d: status %s reason %s" % (k, evr["status"], evr["reason"]))
        if not ok:
            misses += 1
            continue
        tp, pcid = s.pops[npops]
        if pcid != cid:
            failures.append("event %d: popped contact %d, the answer says %d" % (k, pcid, cid))
        # what the contact screen loads once the browser has the pop (the browser itself not included)
        sg = []
        screen_conn.send("GET", "/api/v1/contacts/%d" % cid, auth=agents[ai][1],
                         cb=lambda st, b, t: sg.append((st, t)))
        screen_conn.send("GET", "/api/v1/profiles/lookup?phone=%s" % number.replace("+", "%2B"),
                         auth=agents[ai][1], cb=lambda st, b, t: sg.append((st, t)))
        if not pump_until(lambda: len(sg) == 2, 10):
            raise SystemExit("the contact screen's reads did not answer within 10 s")
        if sg[0][0] != 200 or sg[1][0] != 200:
            raise SystemExit("the contact screen's reads answered %d, %d" % (sg[0][0], sg[1][0]))
        if k >= warm:
            pop_t.append(tp - a)
            ans_t.append(b - a)
            screen_t.append(sg[1][1] - tp)
            known_n += known
    pump_until(lambda: False, 1.0)  # late or stray pops
    stray = dup = 0
    for i, s in enumerate(streams):
        ids = [c for _, c in s.pops]
        stray += sum(1 for c in ids if c not in expected.get(i, ()))
        dup += len(ids) - len(set(ids))
    p50, p99, pmax = pct(pop_t)
    verdict = "ok" if p99 < 50 and not stray and not misses else "MISS"
    result("screen pop (signed ringing -> contact_pop on the agent's stream), %d agents streaming, %d profiles: "
           "p50 %.2f ms p99 %.2f ms max %.2f ms over %d events (%d known callers, %d unknown) goal p99 < 50 ms: %s; "
           "event answered p50 %.2f ms p99 %.2f ms; pops missing %d, on another agent's stream %d, duplicated %d; "
           "pop p50 = %.1fx GET /me p50, %.1fx announcement to first stream p50"
           % (AGENTS, PROFILES, p50, p99, pmax, len(pop_t), known_n, len(pop_t) - known_n, verdict,
              pct(ans_t)[0], pct(ans_t)[1], misses, stray, dup, p50 / me50, p50 / f50))
    s50, s99, _ = pct(screen_t)
    result("contact screen's reads after the pop (GET the contact + phone lookup, same agent, keep-alive; no "
           "browser): p50 %.2f ms p99 %.2f ms; pop + reads p50 %.2f ms" % (s50, s99, p50 + s50))
    screen_conn.close()

    # -- note autosave: each agent opens a contact
    saves = []
    for i, (_, auth) in enumerate(agents):
        st, body, _, _ = request(conn, "POST", "/api/v1/contacts", {"channel": "voice"}, auth=auth)
        if st != 201:
            raise SystemExit("POST /api/v1/contacts answered %d %s" % (st, body[:300]))
        c = json.loads(body)["contact"]
        saves.append({"id": c["id"], "v": c["notes_version"], "auth": auth, "text": "", "busy": False})
    words = ("llama porque su hijo no va al colegio desde hace dos semanas y no sabe a quien acudir; "
             "se le explica la ruta y acepta que la llamen manana ").split()

    def put(conn_, sv, cb):
        sv["text"] += rng.choice(words) + " "
        return conn_.send("PUT", "/api/v1/contacts/%d/notes" % sv["id"],
                          {"notes": sv["text"][-49000:], "notes_version": sv["v"]}, sv["auth"], cb=cb)

    alone = []
    sv0 = saves[0]
    for _ in range(200):
        got = []
        a = put(conn, sv0, lambda st, b, t: got.append((st, b, t)))
        pump_until(lambda: got, 10)
        st, body, b = got[0]
        if st != 200:
            raise SystemExit("notes save answered %d %s" % (st, body[:300]))
        sv0["v"] = json.loads(body)["notes_version"]
        alone.append(b - a)
    a50, a99, _ = pct(alone[20:])

    conns = [Conn() for _ in saves]
    lat, late, conflicts, errors = [], 0, 0, 0
    slow_at = []  # when (s into the run) the saves over 50 ms were sent
    canary, canary_slow, probe = [], [], {"busy": False, "due": 0.0}
    start = time.perf_counter() + 0.2
    for i, sv in enumerate(saves):
        sv["due"] = start + i / len(saves)  # spread over the second, as typists are
    end = start + SECONDS
    offered = sum(1 for sv in saves for k in range(int(SECONDS) + 1) if sv["due"] + k < end)
    probe_dir = os.environ.get("BENCH_FSYNC_DIR")
    fsync_probe = None
    if probe_dir:  # the disk's own fdatasync beside the run, for the ratio
        fsync_probe = subprocess.Popen([sys.executable, "-c", FSYNC_PROBE, probe_dir, str(SECONDS)],
                                       stdout=subprocess.PIPE, text=True)
        atexit.register(fsync_probe.kill)  # on a failure too
    cpu0, pg0, w0 = cpu_ticks(faro_pid), cpu_ticks(pg_pid), time.perf_counter()

    def done_cb(sv):
        def cb(st, body, t):
            nonlocal conflicts, errors
            sv["busy"] = False
            lat.append(t - sv["sent"])
            if t - sv["sent"] > 0.05:
                slow_at.append(sv["sent"] - w0)
            if st == 200:
                sv["v"] = json.loads(body)["notes_version"]
            elif st == 409:
                conflicts += 1
            else:
                errors += 1
        return cb

    while True:
        now = time.perf_counter()
        if now >= end and not any(sv["busy"] for sv in saves):
            break
        if now > end + 30:
            failures.append("autosaves still in flight 30 s after the end")
            break
        nxt = end
        for sv, c in zip(saves, conns):
            if sv["due"] <= now and sv["due"] < end and not sv["busy"]:
                if now - sv["due"] > 0.1:
                    late += 1
                sv["busy"] = True
                sv["sent"] = put(c, sv, done_cb(sv))
                sv["due"] += 1.0
                while sv["due"] <= now:  # a save that took over a second: the next one waits for it
                    sv["due"] += 1.0
            if not sv["busy"]:
                nxt = min(nxt, sv["due"])
        # the canary: GET /api/v1/me every 20 ms on its own connection, a read beside the saves
        if now < end and not probe["busy"] and now >= probe["due"]:
            probe["busy"], probe["due"] = True, now + 0.02

            def pcb(st, body, t, sent=now):
                probe["busy"] = False
                canary.append(t - sent)
                if t - sent > 0.05:
                    canary_slow.append(sent - w0)
            conn.send("GET", "/api/v1/me", auth=agents[0][1], cb=pcb)
        if not probe["busy"]:
            nxt = min(nxt, probe["due"])
        pump(max(0.0, min(nxt - time.perf_counter(), 0.05)))
    wall = time.perf_counter() - w0
    cpu = (cpu_ticks(faro_pid) - cpu0) / HZ
    pgcpu = (cpu_ticks(pg_pid) - pg0) / HZ
    n50, n99, nmax = pct(lat)
    verdict = "ok" if n99 < 50 and not errors else "MISS"
    pg = ""
    if pg_pid:
        pg = ", PostgreSQL's processes %.0f%% of one core" % (100 * pgcpu / wall)
    result("note autosave, %d agents each saving once a second for %.0f s (durable): p50 %.2f ms p99 %.2f ms "
           "max %.2f ms goal p99 < 50 ms: %s; %d saves in %.1f s = %.0f/s achieved of %d offered (%.0f/s), %d sent "
           "over 100 ms late, %d conflicts, %d errors; faro's CPU %.0f%% of one core (%.0f%% of the machine's %d)%s; "
           "one agent saving alone p50 %.2f ms p99 %.2f ms (ratio p50 %.1fx, p99 %.1fx); save p50 = %.1fx GET /me p50"
           % (AGENTS, SECONDS, n50, n99, nmax, verdict, len(lat), wall, len(lat) / wall, offered, offered / SECONDS,
              late, conflicts, errors, 100 * cpu / wall, 100 * cpu / wall / os.cpu_count(), os.cpu_count(), pg,
              a50, a99, n50 / a50, n99 / a99, n50 / me50))
    c50, c99, cmax = pct(canary)
    result("during the autosave, GET /api/v1/me every 20 ms (a read beside the saves): p50 %.2f ms p99 %.2f ms "
           "max %.2f ms over %d; over 50 ms: %d saves, %d of these reads" % (c50, c99, cmax, len(canary),
                                                                           len(slow_at), len(canary_slow)))
    if slow_at:
        say("saves over 50 ms, by second of the run: %s" % " ".join(
            "%d:%d" % (sec, sum(1 for x in slow_at if int(x) == sec)) for sec in sorted({int(x) for x in slow_at})))
    if canary_slow:
        say("reads over 50 ms, by second of the run: %s" % " ".join(
            "%d:%d" % (sec, sum(1 for x in canary_slow if int(x) == sec))
            for sec in sorted({int(x) for x in canary_slow})))
    if fsync_probe:
        try:
            out = fsync_probe.communicate(timeout=60)[0].split()
            f50, f99, fmax, fslow, fn = float(out[0]), float(out[1]), float(out[2]), int(out[3]), int(out[4])
            result("the disk beside the autosave: fdatasync of 4 KiB appended to a file in the database's "
                   "directory, 50 a second: p50 %.2f ms p99 %.2f ms max %.2f ms over %d, %d over 50 ms; save p99 = %.1fx "
                   "fdatasync p99" % (f50, f99, fmax, fn, fslow, n99 / f99 if f99 else 0))
        except (subprocess.TimeoutExpired, ValueError, IndexError):
            fsync_probe.kill()
            failures.append("the fdatasync probe gave no figures")
    if any(s.closed for s in streams):
        failures.append("%d streams closed during the run" % sum(s.closed for s in streams))
    for f in failures[:20]:
        say("FAILED: " + f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
