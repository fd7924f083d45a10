"""Hostile clients (issue 12): every request gets Bered's own answer at
once, bodies are not kept before the asker is known, one address cannot
take every connection, the login throttle counts atomically and fails
closed, and a full disk is a 503 with Retry-After while reads go on."""

import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.parse

import lib
from lib import Client, check, check_page, expect, test

ACCOUNT_LIMIT = 5   # --login-max-failures default
PER_IP = 64         # CONN_PER_IP in src/http/http.c


def raw(port, data, wait=5.0, src="127.0.0.1"):
    """(status, head text, body, seconds) of data sent on a fresh
    connection; status 0 when nothing came."""
    st, hdrs, body, secs = lib.raw_http(port, data, wait, src)
    head = "\r\n".join("%s: %s" % kv for kv in hdrs.items())
    return st, head, body, secs


def answered_at_once(port, what, data, want, api=False):
    st, head, body, secs = raw(port, data)
    check(st == want, "%s: expected %s at once, got %r after %.1f s"
          % (what, want, st, secs))
    check(secs < 2, "%s: the answer took %.1f s" % (what, secs))
    if api:
        check("application/json" in head.lower() and b'"error"' in body,
              "%s: an /api answer that is not Bered's JSON error: %r"
              % (what, head[:200]))
    return head, body


@test
def answers_never_silent(ctx):
    """Requests libmicrohttpd alone would leave unanswered until the
    timeout get Bered's own 400/414/431 at once: JSON under /api."""
    p = ctx.port
    many = "&".join("a%d=b" % i for i in range(240))
    answered_at_once(p, "240 query parameters (page)",
                     b"GET /login?%s HTTP/1.1\r\nHost: x\r\n\r\n"
                     % many.encode(), 400)
    answered_at_once(p, "2,000 tiny query parameters (API)",
                     b"GET /api/v1/cases?%s HTTP/1.1\r\nHost: x\r\n\r\n"
                     % "&".join("a" * 2000).encode(), 400, api=True)
    answered_at_once(p, "a 5 KB query (API)",
                     b"GET /api/v1/cases?q=%s HTTP/1.1\r\nHost: x\r\n\r\n"
                     % (b"x" * 5000), 414, api=True)
    answered_at_once(p, "Transfer-Encoding: gzip, chunked",
                     b"POST /api/v1/cases HTTP/1.1\r\nHost: x\r\n"
                     b"Transfer-Encoding: gzip, chunked\r\n\r\n"
                     b"3\r\nabc\r\n0\r\n\r\n", 400, api=True)
    answered_at_once(p, "two different Content-Length",
                     b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 3"
                     b"\r\nContent-Length: 5\r\n\r\nabcde", 400)
    answered_at_once(p, "Content-Length and Transfer-Encoding",
                     b"POST /api/v1/cases HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Length: 3\r\nTransfer-Encoding: chunked\r\n"
                     b"\r\n3\r\nabc\r\n0\r\n\r\n", 400, api=True)
    answered_at_once(p, "HTTP/1.1 without Host",
                     b"GET /api/v1/me HTTP/1.1\r\n\r\n", 400, api=True)
    answered_at_once(p, "HTTP/1.0 without Host (allowed)",
                     b"GET /healthz HTTP/1.0\r\n\r\n", 200)
    answered_at_once(p, "the same Content-Length twice (allowed)",
                     b"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0"
                     b"\r\nContent-Length: 0\r\n\r\n", 200)
    # Headers too large for Bered's limit: its own 431.
    answered_at_once(p, "10 KB of headers (API)",
                     b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Pad: %s\r\n"
                     b"\r\n" % (b"p" * 10000), 431, api=True)
    expect(Client(p).get("/healthz"), 200, "server alive")


@test
def bodies_wait_for_the_asker(ctx):
    """Who is asking is decided from the headers: an unknown client's body
    is answered (401, 303) before it is sent; each route keeps only its own
    limit (login 8 KiB); a body that does not come in time is dropped."""
    p = ctx.port
    # A client that waits for "100 Continue" is answered from the headers,
    # before it sends its body.
    for path, want, what in (
            (b"/api/v1/cases", 401, "an API body without a token"),
            (b"/arenden", 303, "a form body without a session"),
            (b"/finns-inte", 404, "a body to no route")):
        st, head, _, secs = raw(p, b"POST %s HTTP/1.1\r\nHost: x\r\n"
                                b"Content-Type: application/json\r\n"
                                b"Expect: 100-continue\r\n"
                                b"Content-Length: 200000\r\n\r\n" % path,
                                wait=3)
        check(st == want and secs < 2 and "100 continue" not in head.lower(),
              "%s: expected %d before the body, got %r after %.1f s"
              % (what, want, st, secs))
    # Sent with its body, it is read and dropped, never kept: same answer.
    st, _, _, secs = raw(p, b"POST /api/v1/cases HTTP/1.1\r\nHost: x\r\n"
                         b"Content-Type: application/json\r\n"
                         b"Content-Length: 200000\r\n\r\n" + b" " * 200000)
    check(st == 401 and secs < 2, "a 200 KB API body without a token: got "
          "%r after %.1f s" % (st, secs))
    # The login form takes a few hundred bytes, not a megabyte.
    body = urllib.parse.urlencode({"email": "a@b.se",
                                   "password": "x" * 9000}).encode()
    st, head, _, _ = raw(p, b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type"
                         b": application/x-www-form-urlencoded\r\nContent-"
                         b"Length: %d\r\n\r\n%s" % (len(body), body))
    check(st == 413, "a 9 KB login form: expected 413, got %r" % st)
    # Logged in, a form may be large (a case with long texts) ...
    k = ctx.api("kansli@demo.bered.se")
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "Lång text",
        "description": "å" * 4000, "finsam_malgrupp": True})
    expect(r, 201, "a case with 4,000 characters of å (8 KB of JSON)")
    # ... but a body that stops coming is dropped within the deadline.
    tok = ctx.token("kansli@demo.bered.se")
    s = socket.create_connection(("127.0.0.1", p), timeout=20)
    t0 = time.time()
    s.sendall(b"POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nAuthorization: "
              b"Bearer %s\r\nContent-Type: application/json\r\n"
              b"Content-Length: 1000\r\n\r\n{\"title\": " % tok.encode())
    try:
        got = s.recv(100)
    except (socket.timeout, ConnectionResetError):
        got = None
    secs = time.time() - t0
    s.close()
    check(got == b"" and secs < 10, "a stalled body: the connection should "
          "close within the deadline (5 s), got %r after %.1f s"
          % (got, secs))
    expect(Client(p).get("/healthz"), 200, "server alive")


@test
def one_address_cannot_take_every_connection(ctx):
    """libmicrohttpd's per-address limit: 127.0.0.1 gets at most 64
    connections; another address is still served."""
    held = []
    refused = False
    try:
        for _ in range(PER_IP + 10):
            s = socket.create_connection(("127.0.0.1", ctx.port), timeout=5)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            s.settimeout(2)
            try:
                d = s.recv(4096)
            except socket.timeout:
                d = b"?"
            except ConnectionResetError:
                d = b""
            if not d.startswith(b"HTTP/1.1 200"):
                refused = True
                s.close()
                break
            held.append(s)
        check(refused and len(held) <= PER_IP, "127.0.0.1 was not limited: "
              "%d connections held, refused=%s" % (len(held), refused))
        st, _, _, _ = raw(ctx.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n"
                          b"\r\n", src="127.0.0.2")
        check(st == 200, "another address while 127.0.0.1 is at its limit: "
              "got %r" % st)
    finally:
        for s in held:
            s.close()
    time.sleep(0.3)
    expect(Client(ctx.port).get("/healthz"), 200, "127.0.0.1 served again "
           "once its connections closed")


@test
def throttle_counts_parallel_attempts_once(ctx):
    """30 wrong passwords for one account at once: at most 5 are checked
    (401), the rest 429. Behind --trust-proxy so that the attempts count
    under an address of their own."""
    s = lib.Server(ctx.binary, ctx.db, ctx.workdir, "throttle-server",
                   extra=["--trust-proxy"]).start()
    ctx.extra_servers.append(s)
    email = "parallell@test.invalid"
    got = []
    lock = threading.Lock()

    def attempt():
        c = Client(s.port)
        body = urllib.parse.urlencode({"email": email, "password": "fel"})
        r = c.request("POST", "/login", body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-For": "198.51.100.77"})
        c.close()
        with lock:
            got.append(r.status)

    threads = [threading.Thread(target=attempt) for _ in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    checked = got.count(401)
    check(len(got) == 30 and checked <= ACCOUNT_LIMIT and
          checked + got.count(429) == 30,
          "30 parallel wrong passwords: %d checked (limit %d), answers %r"
          % (checked, ACCOUNT_LIMIT, sorted(got)))
    s.stop()


def small_fs(ctx):
    """A directory on a tmpfs of its own (a disk that can be filled), or
    None when this machine does not let the test mount one."""
    d = tempfile.mkdtemp(dir=ctx.workdir, prefix="fulldisk.")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", d],
                       capture_output=True)
    return d if r.returncode == 0 else None


def fill(path):
    """Writes a file until the disk under it is full (it may be already)."""
    try:
        f = open(path, "wb", buffering=0)  # nothing left to flush at close
    except OSError:
        return
    with f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
        try:
            os.fsync(f.fileno())
        except OSError:
            pass


@test
@lib.sqlite_only
def full_disk_is_503_and_nothing_is_lost(ctx):
    """The database on a full disk: writes and logins answer 503 with
    Retry-After and a message that says so (page and API); reads go on;
    when space returns, writes work again and nothing committed is lost."""
    d = small_fs(ctx)
    check(d is not None, "cannot mount a tmpfs for the full-disk test "
          "(run the suite as root, as .ci/run does)")
    try:
        tok = ctx.token("kansli@demo.bered.se")
        path = os.path.join(d, "full.db")
        lib.copy_db(ctx.db, path)
        s = lib.Server(ctx.binary, path, ctx.workdir, "full-server").start()
        ctx.extra_servers.append(s)
        kansli = ctx.login("kansli@demo.bered.se", port=s.port)
        expect(kansli.last_login, 303, "login before the disk is full")
        api = Client(s.port, token=tok)
        case = {"forbund_id": ctx.fa, "kind": "esf",
                "title": "Sparat före", "finsam_malgrupp": True}
        expect(api.api("POST", "/api/v1/cases", case), 201, "before")
        n_before = int(api.api("GET", "/api/v1/cases").header(
            "X-Total-Count"))
        fill(os.path.join(d, "fyllnad"))

        r = api.api("POST", "/api/v1/cases", dict(case, title="Full disk"))
        check(r.status == 503 and r.header("Retry-After"),
              "API write on a full disk: expected 503 with Retry-After, got "
              "%d %r" % (r.status, r.text[:200]))
        check(r.json().get("error", {}).get("code") == "unavailable",
              "API 503: error code %r" % r.text[:200])
        r = Client(s.port).get("/healthz")
        check(r.status == 503 and r.header("Retry-After") and r.json() == {
            "status": "unavailable", "database": "writes_failing"},
              "/healthz while writes fail: %d %r" % (r.status, r.text))
        page = kansli.get("/arenden/ny")
        form = lib.parse_page(page).find_forms(r"/arenden")[0]
        r = kansli.post_form("/arenden", lib.form_values(
            form, {"title": "Full disk via sidan", "kind": "esf",
                   "finsam_malgrupp": "ja"}))
        check(r.status == 503 and r.header("Retry-After") and
              "kan inte spara just nu" in r.text and
              "Full disk via sidan" in r.text,
              "form on a full disk: expected the form again with the 503 "
              "message and what was typed, got %d" % r.status)
        check_page(r, 503, "full-disk page")
        c = Client(s.port)
        c.get("/login")
        r = c.post_form("/login", {"email": "ledamot.af@demo.bered.se",
                                   "password": "demo-losen-2026"})
        check(r.status == 503 and r.header("Retry-After"),
              "login on a full disk (the throttle cannot count): expected "
              "503, got %d" % r.status)
        expect(kansli.get("/arenden"), 200, "reading on a full disk")
        r = api.api("GET", "/api/v1/cases")
        expect(r, 200, "API read on a full disk")
        n = int(r.header("X-Total-Count"))
        check(n == n_before, "cases before and during the full disk: %d "
              "then %d" % (n_before, n))

        os.unlink(os.path.join(d, "fyllnad"))
        expect(api.api("POST", "/api/v1/cases", dict(case, title="Efter")),
               201, "a write once space is back")
        r = expect(Client(s.port).get("/healthz"), 200, "healthz once "
                   "space is back and a write succeeded")
        check(r.json()["database"] == "ok", "healthz: %r" % r.text)
        n = int(api.api("GET", "/api/v1/cases").header("X-Total-Count"))
        check(n == n_before + 1, "after the full disk: %d cases, expected "
              "%d" % (n, n_before + 1))
        s.stop()
        db = sqlite3.connect(path)
        ok = db.execute("PRAGMA integrity_check").fetchone()[0]
        db.close()
        check(ok == "ok", "integrity_check after the full disk: %r" % ok)
    finally:
        subprocess.run(["umount", "-l", d], capture_output=True)
        shutil.rmtree(d, ignore_errors=True)


@test
def fk_eligibility_only_for_esf(ctx):
    """R4 concerns ESF+ projects: for a Finsam insats the question has no
    answer (409), for an ESF+ case the conditions are listed."""
    k = ctx.api("kansli@demo.bered.se")
    cases = k.api("GET", "/api/v1/cases?limit=1000").json()
    esf = [c for c in cases if c["kind"] == "esf"][0]
    fin = [c for c in cases if c["kind"] == "finsam"][0]
    r = k.api("GET", "/api/v1/cases/%d/fk-eligibility" % esf["id"])
    expect(r, 200, "fk-eligibility of an ESF+ case")
    check(r.json().get("conditions"), "no conditions listed: %r" % r.text)
    r = k.api("GET", "/api/v1/cases/%d/fk-eligibility" % fin["id"])
    expect(r, 409, "fk-eligibility of a Finsam insats")
    check("ESF+" in r.json()["error"]["message"], "the 409 does not say why:"
          " %r" % r.text)
    expect(k.api("GET", "/api/v1/cases/99999999/fk-eligibility"), 404,
           "fk-eligibility of a missing case")
