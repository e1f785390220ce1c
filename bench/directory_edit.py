#!/usr/bin/python3
"""directory_edit.py FARO DB_URL [ROUNDS] [KINDS]: times administrators' directory edits through HTTP.

Serves DB_URL (a migrated, imported directory: e.g. a copy of a 100,000-service one) with FARO, signs
in an admin it adds, and per round edits: a service's name (kind "service"), the name of a location
of it ("location"), its organization's description ("organization"), and adds then deletes a phone
of it ("phone"). Each edit is one request that also brings the search index up to date in its
transaction. Prints the time of each kind (median and max, milliseconds). KINDS: comma-separated.
The targets are the first services by id (the admin list), one per round.
"""
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


class Admin:
    def __init__(self, port, user, password):
        self.port, self.cookie, self.csrf = port, None, None
        r = self.call("POST", "/api/v1/auth/login", {"username": user, "password": password})
        assert r[0] == 200, r

    def call(self, method, path, body=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=900)
        h = {"Origin": "http://127.0.0.1:%d" % self.port}
        if body is not None:
            h["Content-Type"] = "application/json"
        if self.cookie:
            h["Cookie"] = self.cookie
        if self.csrf and method != "GET":
            h["X-CSRF-Token"] = self.csrf
        c.request(method, path, json.dumps(body) if body is not None else None, h)
        r = c.getresponse()
        raw = r.read()
        if r.getheader("Set-Cookie"):
            self.cookie = r.getheader("Set-Cookie").split(";")[0]
        j = json.loads(raw) if raw else None
        if j and isinstance(j, dict) and j.get("csrf_token"):
            self.csrf = j["csrf_token"]
        c.close()
        return r.status, j

    def timed(self, method, path, body=None):
        t0 = time.perf_counter()
        st, j = self.call(method, path, body)
        ms = (time.perf_counter() - t0) * 1000
        assert st in (200, 201, 204), (method, path, st, j)
        return ms, j


def main():
    faro, db = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    kinds = (sys.argv[4] if len(sys.argv) > 4 else "service,location,organization,phone").split(",")
    user, password = "benchadmin", "bench-Admin-pass-2026!"
    subprocess.run([faro, "user", "add", user, "--role", "admin", "--name", "Bench", "--password-stdin",
                    "--db", db], input=password, text=True, capture_output=True)
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="faro-bench-", suffix=".log", delete=False)
    srv = subprocess.Popen([faro, "serve", "--db", db, "--listen", "127.0.0.1:%d" % port], stdout=log, stderr=log)
    try:
        for _ in range(600):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        a = Admin(port, user, password)
        base = "/api/v1/admin/directory/"
        svcs = a.call("GET", base + "services")[1]["items"][:rounds]
        times = {k: [] for k in kinds}
        for i, it in enumerate(svcs):
            s = it["record"]
            if "service" in kinds:
                ms, _ = a.timed("PATCH", base + "services/" + s["id"],
                                {"row_version": it["row_version"], "name": s["name"] + " (b%d)" % i})
                times["service"].append(ms)
            if "location" in kinds:
                sal = a.call("GET", base + "service_at_locations?service_id=" + s["id"])[1]["items"]
                if sal:
                    loc = a.call("GET", base + "locations/" + sal[0]["record"]["location_id"])[1]
                    ms, _ = a.timed("PATCH", base + "locations/" + loc["record"]["id"],
                                    {"row_version": loc["row_version"], "name": "Sede %d" % i})
                    times["location"].append(ms)
            if "organization" in kinds:
                org = a.call("GET", base + "organizations/" + s["organization_id"])[1]
                ms, _ = a.timed("PATCH", base + "organizations/" + org["record"]["id"],
                                {"row_version": org["row_version"], "description": "Edited %d" % i})
                times["organization"].append(ms)
            if "phone" in kinds:
                ms, p = a.timed("POST", base + "phones", {"service_id": s["id"], "number": "+57 601 555 %04d" % i})
                times["phone"].append(ms)
                ms, _ = a.timed("DELETE", base + "phones/%s?row_version=%d" % (p["record"]["id"], p["row_version"]))
                times["phone"].append(ms)
        for k in kinds:
            v = times[k]
            if v:
                print("%-13s n=%-3d median %9.1f ms  max %9.1f ms" % (k, len(v), statistics.median(v), max(v)))
    finally:
        srv.terminate()
        srv.wait(timeout=60)
        os.unlink(log.name)


if __name__ == "__main__":
    main()
