"""Faults and concurrency: `serve --trust-proxy` (which address login
throttling counts), concurrent writers on one database (none lost, any
failure a clean error), re-hashing of passwords made with an older Argon2id
cost at login, and pages that show an error instead of an empty list when
the database fails under them."""

import json
import re
import socket
import sqlite3
import threading
import time
import urllib.parse

import lib
from lib import Client, check, check_page, expect, test

IP_LIMIT = 20       # IP_FACTOR (4) x the default 5 failures per account
PROXIED = "203.0.113.7"


def db_rows(ctx, sql, args=()):
    db = lib.db_connect(ctx.db)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def ip_failures(ctx, addr):
    return db_rows(ctx, "SELECT COUNT(*) FROM login_failure WHERE key = ?",
                   ("ip:" + addr,))[0][0]


def login_post(port, email, password, xff=None):
    """POST /login as a browser behind a proxy would; returns the answer."""
    c = Client(port)
    h = {"Content-Type": "application/x-www-form-urlencoded"}
    if xff is not None:
        h["X-Forwarded-For"] = xff
    body = urllib.parse.urlencode({"email": email, "password": password})
    try:
        return c.request("POST", "/login", body=body, headers=h)
    finally:
        c.close()


def raw_login(port, header_lines, email, password):
    """A login whose headers are written by hand (repeated header lines);
    returns the status code."""
    body = urllib.parse.urlencode({"email": email, "password": password})
    head = ("POST /login HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: %d\r\nConnection: close\r\n" % (port, len(body)))
    for line in header_lines:
        head += line + "\r\n"
    s = socket.create_connection(("127.0.0.1", port), timeout=15)
    s.sendall((head + "\r\n" + body).encode())
    data = b""
    while True:
        d = s.recv(65536)
        if not d:
            break
        data += d
    s.close()
    m = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    check(m is not None, "raw login: no status line in %r" % data[:200])
    return int(m.group(1))


@test
def trust_proxy_throttles_by_forwarded_address(ctx):
    """With --trust-proxy the last X-Forwarded-For address is the client:
    20 failures from it lock that address only; a bad header falls back to
    the socket address; without the flag the header is ignored."""
    t0 = int(time.time())
    local0 = ip_failures(ctx, "127.0.0.1")
    s = lib.Server(ctx.binary, ctx.db, ctx.workdir, "proxy-server",
                   extra=["--trust-proxy"]).start()
    ctx.extra_servers.append(s)
    try:
        for i in range(IP_LIMIT):
            r = login_post(s.port, "proxy%d@test.invalid" % i, "fel",
                           "198.51.100.1, " + PROXIED)
            check(r.status == 401, "failed login #%d via proxy: expected "
                  "401, got %d" % (i + 1, r.status))
        check(ip_failures(ctx, PROXIED) == IP_LIMIT,
              "failures not counted under the forwarded address %s: %d"
              % (PROXIED, ip_failures(ctx, PROXIED)))
        check(ip_failures(ctx, "198.51.100.1") == 0,
              "a client-supplied (not last) X-Forwarded-For entry was "
              "counted")
        r = login_post(s.port, "ledamot.af@demo.bered.se",
                       "demo-losen-2026", PROXIED)
        check(r.status == 429, "right password from the throttled "
              "forwarded address: expected 429, got %d" % r.status)
        check_page(r, 429, "throttled login page behind the proxy")
        r = login_post(s.port, "ledamot.af@demo.bered.se",
                       "demo-losen-2026", "203.0.113.8")
        check(r.status == 303, "another forwarded address is not "
              "throttled: expected 303, got %d" % r.status)
        # Spelled differently, an address is still the same client.
        r = login_post(s.port, "proxy-v6@test.invalid", "fel",
                       " 2001:DB8:0:0::1 ")
        check(r.status == 401, "IPv6 failure: got %d" % r.status)
        check(ip_failures(ctx, "2001:db8::1") == 1,
              "an IPv6 forwarded address is not kept in canonical form")
        # Repeated header lines: the last line's last entry counts.
        st = raw_login(s.port, ["X-Forwarded-For: " + PROXIED,
                                "X-Forwarded-For: 203.0.113.9"],
                       "proxy-lines@test.invalid", "fel")
        check(st == 401 and ip_failures(ctx, "203.0.113.9") == 1,
              "two X-Forwarded-For lines: status %d, the last line's "
              "address not counted" % st)
        # Malformed: ignored, the socket address counts (never the junk,
        # never an earlier entry of the header).
        for bad in ("not-an-address", PROXIED + ":8080", PROXIED + ", ",
                    PROXIED + " x", "", "1.2.3.4.5", "[::1]"):
            r = login_post(s.port, "ledamot.af@demo.bered.se",
                           "demo-losen-2026", bad)
            check(r.status == 303, "malformed X-Forwarded-For %r is not "
                  "ignored: expected 303 (socket address), got %d"
                  % (bad, r.status))
        before = ip_failures(ctx, "127.0.0.1")
        r = login_post(s.port, "proxy-bad@test.invalid", "fel", "junk")
        check(r.status == 401, "failure with a malformed header: %d"
              % r.status)
        check(ip_failures(ctx, "127.0.0.1") == before + 1,
              "a failure with a malformed X-Forwarded-For is not counted "
              "under the socket address")
        check(ip_failures(ctx, "junk") == 0, "a malformed header became "
              "a throttle key")
        check("addr=" + PROXIED in s.stderr(), "the request log does not "
              "name the forwarded address")
        # Without --trust-proxy the header proves nothing.
        r = login_post(ctx.port, "ledamot.af@demo.bered.se",
                       "demo-losen-2026", PROXIED)
        check(r.status == 303, "without --trust-proxy a throttled "
              "X-Forwarded-For address still counted: got %d" % r.status)
        before = ip_failures(ctx, "127.0.0.1")
        r = login_post(ctx.port, "noproxy@test.invalid", "fel",
                       "198.51.100.77")
        check(r.status == 401, "failure without proxy: %d" % r.status)
        check(ip_failures(ctx, "198.51.100.77") == 0 and
              ip_failures(ctx, "127.0.0.1") == before + 1,
              "without --trust-proxy the failure was not counted under "
              "the socket address")
        check("addr=198.51.100.77" not in ctx.server.stderr(),
              "without --trust-proxy the log names the forwarded address")
    finally:
        # Later tests log in from 127.0.0.1: leave its counter as it was.
        db = lib.db_connect(ctx.db)
        with db:
            db.execute("DELETE FROM login_failure WHERE key = "
                       "'ip:127.0.0.1' AND at >= ?", (t0,))
        db.close()
        check(ip_failures(ctx, "127.0.0.1") <= local0, "cleanup failed")


def write_cases(port, token, forbund, prefix, n, out, errors):
    """n case creations over one keep-alive connection."""
    c = Client(port, token=token)
    try:
        for i in range(n):
            title = "%s %d" % (prefix, i)
            try:
                r = c.api("POST", "/api/v1/cases",
                          {"forbund_id": forbund, "kind": "esf",
                           "title": title})
            except Exception as e:  # a dropped connection is a failure
                errors.append("%s: %r" % (title, e))
                continue
            if r.status == 201:
                out.append((r.json().get("id"), title))
                continue
            try:
                err = r.json().get("error", {})
            except Exception:
                err = {}
            if r.status in (409, 500, 503) and err.get("code") and \
                    err.get("message"):
                out.append((None, title))   # a clean refusal
            else:
                errors.append("%s: %d %s" % (title, r.status, r.text[:200]))
    finally:
        c.close()


def parallel_round(ctx, ports, n, prefix):
    token = ctx.token("kansli@demo.bered.se")
    outs, errors, threads = [], [], []
    for k, port in enumerate(ports):
        o = []
        outs.append(o)
        t = threading.Thread(target=write_cases, args=(
            port, token, ctx.fa, "%s %d" % (prefix, k), n, o, errors))
        threads.append(t)
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
        check(not t.is_alive(), "a writer did not finish in 120 s")
    check(not errors, "concurrent writes failed uncleanly:\n    %s"
          % "\n    ".join(errors[:10]))
    made = [x for o in outs for x in o if x[0] is not None]
    refused = [x for o in outs for x in o if x[0] is None]
    check(len(made) + len(refused) == n * len(ports), "answers missing")
    check(len(set(i for i, _ in made)) == len(made),
          "two writes got the same case id")
    stored = db_rows(ctx, "SELECT id, title FROM arende WHERE title LIKE ?",
                     (prefix + " %",))
    check(sorted(stored) == sorted(made), "%d cases answered 201 but %d "
          "are stored (lost or phantom writes)" % (len(made), len(stored)))
    c = ctx.api("kansli@demo.bered.se")
    for cid, title in made[::10]:
        r = expect(c.api("GET", "/api/v1/cases/%d" % cid), 200,
                   "read back a concurrently created case")
        check(r.json().get("title") == title, "case %d reads back %r, "
              "want %r" % (cid, r.json().get("title"), title))
    c.close()
    return len(made), len(refused)


@test
def concurrent_writers_none_lost(ctx):
    """2 x 50 parallel case creations on one server (two workers, two
    connections), then 2 x 25 on two server processes sharing the file:
    BEGIN IMMEDIATE + busy_timeout let every write through, or refuse it
    with a clear JSON error; every 201 is stored exactly once."""
    made, refused = parallel_round(ctx, [ctx.port, ctx.port], 50,
                                   "Parallell skrivning")
    check(refused == 0, "%d of 100 concurrent writes were refused (busy); "
          "the busy timeout should let them wait" % refused)
    s = lib.Server(ctx.binary, ctx.db, ctx.workdir, "writer-2",
                   extra=["--threads", "2"]).start()
    ctx.extra_servers.append(s)
    made, refused = parallel_round(ctx, [ctx.port, s.port], 25,
                                   "Parallell process")
    check(refused == 0, "%d of 50 writes from two processes were refused"
          % refused)
    check("store:" not in s.stderr(), "the second server logged a store "
          "error:\n%s" % s.stderr()[-1500:])


def pwhash_of(ctx, email):
    return db_rows(ctx, "SELECT pwhash FROM app_user WHERE lower(email) = ?",
                   (email,))[0][0]


@test
def login_rehashes_old_cost(ctx):
    """A hash made with another Argon2id cost (here the production cost,
    while the test server runs with the minimum) is replaced at the next
    successful login, audited; a wrong password changes nothing."""
    email = "rehash@test.bered.se"
    pw = "ett-langt-losenord-2"
    lib.run_cli(ctx.binary, ["user", "add", "--email", email, "--name",
                             "Omhashad Person", "--role", "kansli",
                             "--forbund", str(ctx.fa), "--password", pw,
                             "--db", ctx.db],
                env={"BERED_FAST_HASH": "0"})
    old = pwhash_of(ctx, email)
    check(old.startswith("$argon2id$") and "m=12288,t=3" in old,
          "bered user add did not use the production cost: %r" % old[:40])
    c = ctx.login(email, "fel-losenord")
    check(c.last_login.status == 401, "wrong password: %d"
          % c.last_login.status)
    check(pwhash_of(ctx, email) == old, "a failed login changed the hash")
    c = ctx.login(email, pw)
    expect(c.last_login, 303, "login with the old-cost hash")
    new = pwhash_of(ctx, email)
    check(new != old and new.startswith("$argon2id$") and
          "m=12288,t=3" not in new, "the hash was not re-made with the "
          "current cost: %r" % new[:40])
    uid = db_rows(ctx, "SELECT id FROM app_user WHERE email = ?",
                  (email,))[0][0]
    rows = db_rows(ctx, "SELECT user_id, old_value, new_value FROM audit "
                   "WHERE entity = 'user' AND entity_id = ? AND "
                   "field = 'pwhash'", (uid,))
    check(rows == [(uid, None, None)], "re-hash audit rows: %r" % rows)
    c.close()
    c = ctx.login(email, pw)
    expect(c.last_login, 303, "login with the re-made hash")
    check(pwhash_of(ctx, email) == new, "a current hash was re-made again")
    c.close()


INTERNAL = "Ett internt fel inträffade"


def broken_page(c, path, empty_text, what):
    """path must answer a whole 500 error page, never a page that shows
    an empty list (empty_text) in place of what could not be read."""
    r = c.get(path)
    p = check_page(r, 500, what)
    check(INTERNAL in p.text, "%s: the error page does not say an internal "
          "error happened: %r" % (r.where(), p.text[:300]))
    check(empty_text is None or empty_text not in p.text,
          "%s: still shows %r" % (r.where(), empty_text))


@test
@lib.sqlite_only
def store_failure_is_an_error_page(ctx):
    """A table that cannot be read (renamed away in a copy of the
    database under a second server) gives the 500 error page on every page
    that lists from it, not an empty list that looks like no data."""
    path = ctx.db.replace("bered.db", "broken.db")
    lib.copy_db(ctx.db, path)
    s = lib.Server(ctx.binary, path, ctx.workdir, "broken-server").start()
    ctx.extra_servers.append(s)
    kansli = ctx.login("kansli@demo.bered.se", port=s.port)
    expect(kansli.last_login, 303, "kansli login on the copy")
    admin = ctx.login("admin@demo.bered.se", port=s.port)
    expect(admin.last_login, 303, "admin login on the copy")
    fid = db_rows(ctx, "SELECT forbund_id FROM app_user WHERE email = ?",
                  ("kansli@demo.bered.se",))[0][0]
    cid = db_rows(ctx, "SELECT id FROM arende WHERE forbund_id = ? AND "
                  "kind = 'esf' ORDER BY id LIMIT 1", (fid,))[0][0]
    pages = [(kansli, "/utlysningar", "Inga utlysningar är registrerade"),
             (kansli, "/behov", "Inga behov är registrerade"),
             (kansli, "/styrelse", None),
             (kansli, "/arenden/%d" % cid, None),
             (admin, "/forbund", None),
             (admin, "/anvandare", None)]
    for c, p, _ in pages:
        check_page(c.get(p), 200, "before the break")
    db = sqlite3.connect(path, timeout=10)
    for t in ("utlysning", "need", "meeting", "audit", "forbund"):
        db.execute("ALTER TABLE %s RENAME TO %s_borta" % (t, t))
    db.commit()
    for c, p, empty in pages:
        broken_page(c, p, empty, "page over a table that cannot be read")
    db.execute("ALTER TABLE arende RENAME TO arende_borta")
    db.commit()
    db.close()
    broken_page(kansli, "/arenden", "Inga ärenden matchar urvalet",
                "case list over a broken table")
    broken_page(kansli, "/", "Inget ärende kan flyttas just nu",
                "start page over a broken table")
    # The follow-up reads its facts, kept beside the cases (migration 7).
    db = sqlite3.connect(path, timeout=10)
    db.execute("ALTER TABLE case_cube RENAME TO case_cube_borta")
    db.commit()
    db.close()
    broken_page(kansli, "/uppfoljning", None, "follow-up over a broken "
                "table")
    kansli.close()
    admin.close()
    check("store:" in s.stderr(), "the store errors were not logged")


@test
def board_decision_is_atomic(ctx):
    """A decision whose agenda record cannot be written (a trigger refuses
    it) leaves the case where it was: the move and the record are one
    change. Without the trigger the same decision goes through."""
    import test_finsam
    k = ctx.api(test_finsam.K)
    cid = test_finsam.finsam_case(ctx, k, "E2E: beslut som ska hålla ihop")
    m = expect(k.api("POST", "/api/v1/forbund/%d/meetings" % ctx.fa,
                     {"date": lib.today()}), 201, "create meeting").json()
    mp = "/api/v1/meetings/%d" % m["id"]
    expect(k.api("POST", mp + "/agenda", {"case_id": cid}), (200, 201),
           "case on the agenda")
    db = lib.db_connect(ctx.db)
    if lib.is_pg(ctx.db):
        db.execute("CREATE FUNCTION e2e_refuse() RETURNS trigger LANGUAGE "
                   "plpgsql AS $$ BEGIN RAISE EXCEPTION 'e2e'; END; $$")
        db.execute("CREATE TRIGGER e2e_no_decision BEFORE UPDATE OF outcome "
                   "ON agenda_item FOR EACH ROW WHEN (NEW.case_id = %d) "
                   "EXECUTE FUNCTION e2e_refuse()" % cid)
    else:
        db.execute("CREATE TRIGGER e2e_no_decision BEFORE UPDATE OF outcome "
                   "ON agenda_item WHEN NEW.case_id = %d BEGIN SELECT "
                   "RAISE(ABORT, 'e2e'); END" % cid)
    db.commit()
    try:
        r = k.api("POST", mp + "/decisions", {"case_id": cid,
                                              "outcome": "avslag"})
        check(r.status >= 400, "a decision whose record failed answered %d"
              % r.status)
        j = expect(k.api("GET", "/api/v1/cases/%d" % cid), 200).json()
        check(j.get("state") == "ansvarsfordelning", "the case moved to %r "
              "although its decision was not recorded" % j.get("state"))
        n = db_rows(ctx, "SELECT COUNT(*) FROM audit WHERE entity = "
                    "'arende' AND entity_id = ? AND to_state = 'avslag'",
                    (cid,))[0][0]
        check(n == 0, "the history records a move that did not happen")
    finally:
        if lib.is_pg(ctx.db):
            db.execute("DROP TRIGGER e2e_no_decision ON agenda_item")
            db.execute("DROP FUNCTION e2e_refuse")
        else:
            db.execute("DROP TRIGGER e2e_no_decision")
        db.commit()
        db.close()
    r = k.api("POST", mp + "/decisions", {"case_id": cid, "outcome": "avslag"})
    j = expect(r, (200, 201), "the same decision without the trigger").json()
    check(j.get("state") == "avslag", "state after the decision: %r"
          % j.get("state"))
    out = db_rows(ctx, "SELECT outcome FROM agenda_item WHERE meeting_id = ? "
                  "AND case_id = ?", (m["id"], cid))
    check(out == [("avslag",)], "agenda record after the decision: %r" % out)
    k.close()
