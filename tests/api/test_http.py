"""The HTTP layer: routes, methods, limits, framing, headers, static files, logs."""
import json
import socket

from harness import Client, Env


def raw_request(server, data, read=65536):
    s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    s.sendall(data)
    out = b""
    try:
        while len(out) < read:
            d = s.recv(65536)
            if not d:
                break
            out += d
    except socket.timeout:
        pass
    s.close()
    return out


def test_unknown_route_and_wrong_method():
    with Env(users=False) as env:
        c = Client(env.server)
        r = c.get("/api/v1/nothing-here")
        assert r.status == 404 and r.code == "not_found"
        r = c.request("DELETE", "/api/v1/me")
        assert r.status == 405 and r.code == "method_not_allowed"
        r = c.request("TRACE", "/")
        assert r.status in (404, 405)
        assert c.get("/.git/config").status == 404
        assert c.get("/assets/../src/main.c").status == 404
        assert c.get("/assets/.hidden").status == 404
        assert c.get("/assets/i18n").status == 404  # no directory listings


def test_security_headers_on_every_response_class():
    with Env(users=False) as env:
        c = Client(env.server)
        for r in (c.get("/"), c.get("/api/v1/me"), c.get("/nope"), c.get("/healthz"),
                  c.post("/api/v1/auth/login", raw=b"x", headers={"Content-Type": "text/plain"})):
            csp = r.header("Content-Security-Policy")
            assert "default-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
            assert "unsafe-inline" not in csp
            assert r.header("X-Content-Type-Options") == "nosniff"
            assert r.header("Referrer-Policy") == "no-referrer"
            assert r.header("X-Request-Id")
            assert r.header("Server") is None  # no version banner
        assert c.get("/api/v1/me").header("Cache-Control") == "no-store"
        assert c.get("/").header("Content-Type") == "text/html; charset=utf-8"


def test_hsts_and_secure_cookie_behind_tls():
    with Env(args=["--secure-cookies"]) as env:
        c = Client(env.server)
        r = c.login(*env.users["agent"])
        assert r.header("Set-Cookie").startswith("__Host-faro=")
        assert "; Secure" in r.header("Set-Cookie") and "Domain" not in r.header("Set-Cookie")
        assert r.header("Strict-Transport-Security") == "max-age=31536000; includeSubDomains"


def test_json_body_rules():
    with Env() as env:
        c = env.client("agent")
        r = c.patch("/api/v1/me", raw=b'{"language":"en"}', headers={"Content-Type": "text/plain"})
        assert r.status == 415 and r.code == "unsupported_media_type"
        r = c.patch("/api/v1/me", raw=b'{"language": "en"', headers={"Content-Type": "application/json"})
        assert r.status == 400 and r.code == "invalid_json" and "line" in r.json["error"]["message"]
        r = c.patch("/api/v1/me", raw=b'{"display_name":"\xc0\xaf"}', headers={"Content-Type": "application/json"})
        assert r.status == 400 and r.code == "invalid_json"
        deep = b"[" * 1000 + b"]" * 1000
        r = c.patch("/api/v1/me", raw=deep, headers={"Content-Type": "application/json"})
        assert r.status == 400 and r.code == "invalid_json"
        r = c.patch("/api/v1/me", raw=b'{"language":"en","language":"es"}', headers={"Content-Type": "application/json"})
        assert r.status == 400
        r = c.patch("/api/v1/me", {"language": "en", "role": "admin"})
        assert r.status == 400 and r.code == "invalid"
        r = c.patch("/api/v1/me", {"language": 7})
        assert r.status == 400 and r.code == "invalid"
        me = c.get("/api/v1/me").json["user"]
        assert me["language"] == "es" and me["role"] == "agent"


def test_oversize_body_rejected_before_reading():
    with Env(users=False) as env:
        body = b"x" * (2 * 1024 * 1024)
        req = (b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               b"Content-Length: %d\r\n\r\n" % len(body))
        out = raw_request(env.server, req)  # the body is never sent: the answer comes first
        assert out.startswith(b"HTTP/1.1 413"), out[:200]
        assert b"payload_too_large" in out


def test_oversize_chunked_body():
    with Env(users=False) as env:
        chunk = b"x" * 65536
        req = b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        s = socket.create_connection(("127.0.0.1", env.server.port), timeout=10)
        s.sendall(req)
        try:
            for _ in range(20):  # 1.25 MiB
                s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            s.sendall(b"0\r\n\r\n")
        except OSError:
            pass
        out = s.recv(4096)
        s.close()
        assert out.startswith(b"HTTP/1.1 413"), out[:200]


def test_ambiguous_framing_rejected():
    with Env(users=False) as env:
        out = raw_request(env.server, b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                      b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        assert out.startswith(b"HTTP/1.1 400"), out[:200]
        out = raw_request(env.server, b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                                      b"Content-Length: 6\r\n\r\nhello!")
        assert out.startswith(b"HTTP/1.1 400"), out[:200]


def test_huge_headers_rejected():
    with Env(users=False) as env:
        out = raw_request(env.server, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 65536 + b"\r\n\r\n")
        assert out.split(b" ")[1] in (b"431", b"413", b"400"), out[:200]


def test_access_log_is_json_without_personal_data():
    with Env() as env:
        c = env.client("agent")
        name, pw = env.users["agent"]
        c.get("/api/v1/me")
        Client(env.server).login("a\nFAKE LINE", "secret-password-zz")
        logs = env.server.logs()
        lines = [l for l in logs.splitlines() if l.startswith("{")]
        reqs = [json.loads(l) for l in lines if '"msg":"request"' in l]
        assert reqs and all({"ts", "rid", "method", "route", "status", "ms"} <= set(r) for r in reqs)
        assert pw not in logs and "secret-password-zz" not in logs
        assert c.cookie.split("=", 1)[1] not in logs
        assert not any(l.startswith("FAKE") for l in logs.splitlines())


def test_head_and_static_assets():
    with Env(users=False) as env:
        c = Client(env.server)
        r = c.get("/assets/app.js")
        assert r.status == 200 and r.header("Content-Type").startswith("text/javascript")
        r = c.request("HEAD", "/")
        assert r.status == 200 and r.raw == b""
        r = c.get("/assets/i18n/es.json")
        assert r.status == 200 and json.loads(r.raw)


def test_json_output_escapes_html_characters():
    with Env() as env:
        c = env.client("admin")
        r = c.patch("/api/v1/me", {"display_name": "<img src=x onerror=alert(1)>&\u2028"})
        assert r.status == 200
        raw = c.get("/api/v1/me").raw
        assert b"<" not in raw and b">" not in raw and b"&" not in raw
        assert b"\\u003cimg" in raw and b"\\u2028" in raw
        assert c.get("/api/v1/me").json["user"]["display_name"] == "<img src=x onerror=alert(1)>&\u2028"


def test_graceful_shutdown_finishes_and_exits_zero():
    with Env(users=False) as env:
        assert Client(env.server).get("/healthz").status == 200
        assert env.server.stop() == 0
        assert "stopped" in env.server.logs()


def test_sigterm_lets_a_request_in_flight_finish():
    import threading
    import time
    with Env() as env:
        result = {}

        def slow_login():  # password hashing keeps this request busy for a while
            result["r"] = Client(env.server).login(*env.users["agent"])

        t = threading.Thread(target=slow_login)
        t.start()
        time.sleep(0.02)
        rc = env.server.stop()
        t.join(10)
        assert rc == 0
        assert result["r"].status == 200, result["r"].raw
