"""test_mail.py: the outbox and the SMTP sender against a real SMTP server on loopback."""
from harness import Env, SmtpServer, wait_until

FAST = ["--jobs-interval", "100", "--smtp-retry", "1"]


def outbox(c, mid):
    r = c.get("/api/v1/admin/outbox")
    assert r.status == 200, r.raw
    return next((m for m in r.json["items"] if m["id"] == mid), None)


def test_mail_test_message_is_delivered_and_its_status_is_visible_to_admins():
    smtp = SmtpServer()
    try:
        with Env(args=FAST + ["--smtp-url", smtp.url, "--smtp-from", "faro@linea.example"]) as env:
            admin = env.client("admin")
            r = admin.post("/api/v1/admin/outbox/test", {"to": "ana@example.org"})
            assert r.status == 201, r.raw
            mid = r.json["message"]["id"]
            msgs = smtp.wait_for(1)
            assert len(msgs) == 1
            m = msgs[0]
            assert m.envelope_to == ["ana@example.org"]
            assert m["From"] == "faro@linea.example"
            assert "prueba" in m["Subject"]
            assert "mensaje de prueba" in m.get_content()
            sent = wait_until(lambda: (outbox(admin, mid) or {}).get("status") == "sent" and outbox(admin, mid))
            assert sent and sent["attempts"] == 1 and sent["sent_ms"] and sent["last_error"] is None
            # only admins see the outbox or send tests
            for role in ("agent", "coordinator", "supervisor"):
                c = env.client(role)
                assert c.get("/api/v1/admin/outbox").status == 403
                assert c.post("/api/v1/admin/outbox/test", {"to": "x@example.org"}).status == 403
            # bad input changes nothing
            r = admin.post("/api/v1/admin/outbox/test", {"to": "not an address\r\nBcc: x@y.z"})
            assert r.status == 400 and r.code == "invalid_email"
            assert admin.get("/api/v1/admin/outbox?status=bogus").status == 400
            assert len(admin.get("/api/v1/admin/outbox").json["items"]) == 1
    finally:
        smtp.stop()


def test_mail_retries_with_backoff_until_the_server_accepts():
    smtp = SmtpServer(fail_first=2)
    try:
        with Env(args=FAST + ["--smtp-url", smtp.url]) as env:
            admin = env.client("admin")
            mid = admin.post("/api/v1/admin/outbox/test", {"to": "ana@example.org"}).json["message"]["id"]
            # after the first 451 the message waits, queued, with the server's answer
            m = wait_until(lambda: (lambda x: x if x and x["attempts"] >= 1 and x["status"] == "queued" else None)(
                outbox(admin, mid)))
            assert m and "451" in (m["last_error"] or ""), m
            assert m["next_attempt_ms"] > m["created_ms"]
            msgs = smtp.wait_for(1, timeout=15)
            assert len(msgs) == 1
            m = wait_until(lambda: (lambda x: x if x and x["status"] == "sent" else None)(outbox(admin, mid)))
            assert m and m["attempts"] == 3, m
    finally:
        smtp.stop()


def test_mail_refused_for_good_fails_at_once_and_can_be_sent_again():
    smtp = SmtpServer()
    try:
        with Env(args=FAST + ["--smtp-url", smtp.url]) as env:
            admin = env.client("admin")
            mid = admin.post("/api/v1/admin/outbox/test", {"to": "reject@example.org"}).json["message"]["id"]
            m = wait_until(lambda: (lambda x: x if x and x["status"] == "failed" else None)(outbox(admin, mid)))
            assert m and m["attempts"] == 1 and "550" in m["last_error"], m
            assert admin.get("/api/v1/admin/outbox?status=failed").json["items"][0]["id"] == mid
            ok = admin.post("/api/v1/admin/outbox/test", {"to": "ana@example.org"}).json["message"]["id"]
            wait_until(lambda: (outbox(admin, ok) or {}).get("status") == "sent")
            r = admin.post("/api/v1/admin/outbox/%d/retry" % ok)
            assert r.status == 409 and r.code == "not_failed"
            assert admin.post("/api/v1/admin/outbox/%d/retry" % mid).status == 204
            m = wait_until(lambda: (lambda x: x if x and x["status"] == "failed" and x["attempts"] == 1
                                    else None)(outbox(admin, mid)))
            assert m
    finally:
        smtp.stop()


def test_mail_waits_while_the_server_is_down_and_gives_up_after_the_attempts():
    smtp_port_holder = SmtpServer()
    port = smtp_port_holder.port
    smtp_port_holder.stop()  # nothing listens there now
    with Env(args=FAST + ["--smtp-url", "smtp://127.0.0.1:%d" % port, "--mail-attempts", "2"]) as env:
        admin = env.client("admin")
        mid = admin.post("/api/v1/admin/outbox/test", {"to": "ana@example.org"}).json["message"]["id"]
        m = wait_until(lambda: (lambda x: x if x and x["status"] == "failed" else None)(outbox(admin, mid)),
                       timeout=15)
        assert m and m["attempts"] == 2 and m["last_error"], m
        # the server comes back; an admin sends it again
        smtp = SmtpServer(port=port)
        try:
            assert admin.post("/api/v1/admin/outbox/%d/retry" % mid).status == 204
            assert len(smtp.wait_for(1)) == 1
            assert wait_until(lambda: (outbox(admin, mid) or {}).get("status") == "sent")
        finally:
            smtp.stop()


def test_mail_sender_address_with_a_header_break_is_refused_at_start():
    from harness import Database, faro
    db = Database()
    try:
        r = faro(["serve", "--listen", "127.0.0.1:0", "--smtp-from", "faro@linea.example\r\nBcc: x@evil.example"], db)
        assert r.returncode == 1 and "--smtp-from" in r.stderr, (r.returncode, r.stderr)
    finally:
        db.cleanup()
