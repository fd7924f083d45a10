"""Writes under load and faults (issue 11): concurrent changes of one case
without a version are all applied (last writer wins field by field), a
stale version is still 409; a server killed with SIGKILL in the middle of
a burst of writes loses no write it acknowledged and leaves a consistent
database; /healthz says the database answers."""

import os
import subprocess
import threading
import time

import lib
from lib import Client, check, expect, test
from test_hostile_input import new_case

K = "kansli@demo.bered.se"

# Case fields a PATCH takes, one per writer: each writer owns its field.
FIELDS = ("description", "projektledare", "controller", "administrator",
          "esf_arende_id", "external_cofinancers")


def run_threads(targets):
    threads = [threading.Thread(target=t) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
        check(not t.is_alive(), "a writer did not finish in 120 s")


@test
def concurrent_patches_without_version_all_apply(ctx):
    """Six writers change six fields of one case at once, 15 times each,
    without a version, through two instances on one database: every
    answer is 200 (no conflict they did not ask about, no lost update)
    and the case ends with each writer's last value in its own field.
    Party rows (which have no version) likewise. A PATCH naming a stale
    version is still 409 and changes nothing."""
    tok = ctx.token(K)
    case = new_case(ctx.api(K), ctx, title="Samtidiga ändringar")
    cid = case["id"]
    answers, rounds = [], 15
    other = lib.Server(ctx.binary, ctx.db, ctx.workdir,
                       "patch-instance-2").start()
    ctx.extra_servers.append(other)
    ports = (ctx.port, other.port)

    def writer(field):
        c = Client(ports[FIELDS.index(field) % 2], token=tok)
        for i in range(rounds):
            r = c.api("PATCH", "/api/v1/cases/%d" % cid,
                      {field: "%s %d" % (field, i)})
            answers.append((field, r.status, r.text[:200]))
        c.close()
    run_threads([lambda f=f: writer(f) for f in FIELDS])
    bad = [a for a in answers if a[1] != 200]
    check(not bad, "%d of %d concurrent PATCHes without a version were "
          "not 200: %r" % (len(bad), len(answers), bad[:5]))
    got = expect(Client(ctx.port, token=tok).api(
        "GET", "/api/v1/cases/%d" % cid), 200).json()
    for f in FIELDS:
        check(got.get(f) == "%s %d" % (f, rounds - 1),
              "field %s ends as %r, not its writer's last value"
              % (f, got.get(f)))
    check(got["version"] == case["version"] + rounds * len(FIELDS),
          "version %d after %d saves from %d" % (
              got["version"], rounds * len(FIELDS), case["version"]))

    # Party rows: every row changed by the kansli at once (R5: never
    # Försäkringskassan as utförare).
    parties = [(p["party_id"], p["kind"] != "fk") for p in got["parties"]]
    answers.clear()

    def party_writer(pid, utforare):
        c = Client(ports[pid % 2], token=tok)
        for i in range(8):
            r = c.api("PUT", "/api/v1/cases/%d/parties/%d" % (cid, pid),
                      {"deltar": True, "utforare": utforare and i % 2 == 1})
            answers.append((pid, r.status, r.text[:200]))
        c.close()
    run_threads([lambda p=p: party_writer(*p) for p in parties])
    bad = [a for a in answers if a[1] != 200]
    check(not bad, "%d of %d concurrent party rows were not 200: %r"
          % (len(bad), len(answers), bad[:5]))

    c = Client(ctx.port, token=tok)
    now = expect(c.api("GET", "/api/v1/cases/%d" % cid), 200).json()
    check(all(p["deltar"] and p["utforare"] == (p["kind"] != "fk")
              for p in now["parties"]),
          "party rows after the concurrent writes: %r" % now["parties"])
    r = c.api("PATCH", "/api/v1/cases/%d" % cid,
              {"description": "Gammal läsning", "version": case["version"]})
    expect(r, 409, "PATCH with a stale version")
    after = expect(c.api("GET", "/api/v1/cases/%d" % cid), 200).json()
    check(after["description"] == now["description"] and
          after["version"] == now["version"],
          "a refused PATCH changed the case")
    c.close()
    other.stop()


@test
def sigkill_during_writes_loses_nothing_acknowledged(ctx):
    """Eight clients create cases as fast as they can on a server of their
    own; the server is killed with SIGKILL in the middle. Started again on
    the same file, it holds every case it answered 201 for, each whole
    (its party rows, its creation in the history, its follow-up facts),
    and PRAGMA integrity_check is ok."""
    tok = ctx.token(K)
    if lib.is_pg(ctx.db):
        path = ctx.db       # the server's own database is PostgreSQL's
    else:
        path = os.path.join(ctx.workdir, "kill.db")
        lib.copy_db(ctx.db, path)
    s = lib.Server(ctx.binary, path, ctx.workdir, "kill-server",
                   extra=["--threads", "4"]).start()
    acked, stop = [], threading.Event()

    def creator(k):
        c = Client(s.port, token=tok)
        i = 0
        while not stop.is_set():
            title = "Före dödsstöten %d-%d" % (k, i)
            i += 1
            try:
                r = c.api("POST", "/api/v1/cases", {
                    "forbund_id": ctx.fa, "kind": "finsam", "title": title,
                    "finsam_malgrupp": True})
            except Exception:
                return  # the server is gone: this one was not answered
            if r.status == 201:
                acked.append((r.json()["id"], title))
        c.close()
    threads = [threading.Thread(target=creator, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    deadline = time.time() + 20
    while len(acked) < 150 and time.time() < deadline:
        time.sleep(0.02)
    s.stop_kill()    # SIGKILL while the clients are still writing
    stop.set()
    for t in threads:
        t.join(30)
    check(len(acked) >= 150, "only %d creations answered before the kill"
          % len(acked))

    s2 = lib.Server(ctx.binary, path, ctx.workdir, "kill-server-2").start()
    ctx.extra_servers.append(s2)
    c = Client(s2.port, token=tok)
    for cid, title in acked[::15] + acked[-5:]:
        r = expect(c.api("GET", "/api/v1/cases/%d" % cid), 200,
                   "an acknowledged case after SIGKILL")
        check(r.json()["title"] == title, "case %d reads %r after SIGKILL"
              % (cid, r.json()["title"]))
    c.close()
    s2.stop()
    db = lib.db_connect(path)
    try:
        if lib.is_pg(path):
            # PostgreSQL's own check of every B-tree index (amcheck,
            # with the heap: every row is in its indexes).
            db.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
            n = db.execute(
                "SELECT count(bt_index_check(c.oid, true)) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am m ON "
                "m.oid = c.relam WHERE m.amname = 'btree' AND "
                "c.relnamespace = 'public'::regnamespace").fetchone()[0]
            check(n > 20, "amcheck checked only %d indexes" % n)
        else:
            check(db.execute("PRAGMA integrity_check").fetchone()[0] ==
                  "ok", "integrity_check after SIGKILL")
            check(db.execute("PRAGMA foreign_key_check").fetchall() == [],
                  "foreign keys broken after SIGKILL")
        stored = dict(db.execute(
            "SELECT id, title FROM arende WHERE title LIKE 'Före dödsstöten%'"))
        lost = [(i, t) for i, t in acked if stored.get(i) != t]
        check(not lost, "%d of %d acknowledged creations are gone after "
              "SIGKILL: %r" % (len(lost), len(acked), lost[:5]))
        half = db.execute(
            "SELECT a.id FROM arende a WHERE a.title LIKE 'Före dödsstöten%' "
            "AND (NOT EXISTS (SELECT 1 FROM arende_party p "
            "WHERE p.arende_id = a.id) OR NOT EXISTS (SELECT 1 FROM audit h "
            "WHERE h.entity = 'arende' AND h.entity_id = a.id) OR "
            "NOT EXISTS (SELECT 1 FROM case_fact f WHERE f.case_id = a.id))"
        ).fetchall()
        check(not half, "cases stored in part after SIGKILL: %r" % half[:5])
    finally:
        db.close()


@test
def healthz_says_the_database_answers(ctx):
    """/healthz is 200 {"status": "ok", "database": "ok"} while the
    database answers (its 503s: test_openapi's unreachable database and
    test_hostile_clients' full disk)."""
    r = expect(Client(ctx.port).get("/healthz"), 200, "healthz")
    check(r.json() == {"status": "ok", "database": "ok"},
          "healthz: %r" % r.text)
    check(r.header("Retry-After") is None, "Retry-After on a healthy 200")


@test
def postgres_restart_and_outage(ctx):
    """PostgreSQL restarted under a running Bered: the next requests are
    answered as usual (it reconnects by itself). While PostgreSQL is down,
    every request that needs it is 503 with Retry-After (the API, a page
    of a logged-in user, /healthz "unreachable"), never 500 and never
    "log in again"; when it is back, Bered serves again, not restarted."""
    pgdir = os.environ.get("BERED_E2E_PGDIR")
    if not lib.is_pg(ctx.db) or not pgdir:
        ctx.notes.append("postgres_restart_and_outage: PostgreSQL only")
        return
    pgsh = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                        "..", "tools", "pg.sh")
    k = ctx.api(K)
    user = ctx.login(K)
    case = new_case(k, ctx, title="Före omstarten")
    subprocess.run([pgsh, "restart", pgdir], check=True)
    for _ in range(4):   # each worker's connection finds it restarted
        r = expect(k.api("GET", "/api/v1/cases/%d" % case["id"]), 200,
                   "a read after PostgreSQL restarted")
    new_case(k, ctx, title="Efter omstarten")
    expect(user.get("/"), 200, "the start page after the restart")
    subprocess.run([pgsh, "stop", pgdir], check=True)
    try:
        for what, r in (
                ("create", k.api("POST", "/api/v1/cases", {
                    "forbund_id": ctx.fa, "kind": "esf",
                    "title": "Under avbrottet"})),
                ("read", k.api("GET", "/api/v1/cases/%d" % case["id"])),
                ("page", user.get("/arenden")),
                ("healthz", Client(ctx.port).get("/healthz"))):
            check(r.status == 503 and r.header("Retry-After"),
                  "%s while PostgreSQL is down: %d %r"
                  % (what, r.status, r.text[:200]))
        r = user.get("/arenden?state=overens")
        check('href="/arenden?state=overens">Försök igen' in r.text and
              "/login" not in r.text.split("<main", 1)[-1],
              "the page while PostgreSQL is down offers the same page "
              "again, not the login: %r" % r.text[-600:])
        r = Client(ctx.port).get("/healthz")
        check(r.json() == {"status": "unavailable",
                           "database": "unreachable"},
              "healthz while PostgreSQL is down: %r" % r.text)
    finally:
        subprocess.run([pgsh, "start", pgdir], check=True,
                       stdout=subprocess.DEVNULL)
    for _ in range(4):
        expect(k.api("GET", "/api/v1/cases/%d" % case["id"]), 200,
               "a read once PostgreSQL is back")
    new_case(k, ctx, title="Efter avbrottet")
    expect(user.get("/arenden"), 200, "a page once PostgreSQL is back")
    r = expect(Client(ctx.port).get("/healthz"), 200, "healthz once back")
    check(r.json()["database"] == "ok", "healthz: %r" % r.text)
    k.close()
    user.close()


@test
def busy_database_is_503(ctx):
    """A writer that cannot get its turn within 5 s (another process holds
    SQLite's write lock, or PostgreSQL's writers' lock) is answered 503
    with Retry-After, /healthz says "writes_failing", reads go on, and
    the next write after the lock is freed succeeds (and /healthz is ok)."""
    k = ctx.api(K)
    db = lib.db_connect(ctx.db)
    if lib.is_pg(ctx.db):
        db.execute("SELECT pg_advisory_xact_lock(4711)")
    else:
        db.execute("BEGIN IMMEDIATE")
    try:
        t0 = time.time()
        r = k.api("POST", "/api/v1/cases", {
            "forbund_id": ctx.fa, "kind": "esf", "title": "Medan låst"})
        check(r.status == 503 and r.header("Retry-After") and
              r.json()["error"]["code"] == "unavailable",
              "a write while the database is locked: %d %r"
              % (r.status, r.text[:200]))
        check(time.time() - t0 < 30, "the refusal took %.0f s"
              % (time.time() - t0))
        r = Client(ctx.port).get("/healthz")
        check(r.status == 503 and r.json()["database"] == "writes_failing",
              "healthz while writes fail: %d %r" % (r.status, r.text))
        expect(k.api("GET", "/api/v1/cases?limit=1"), 200,
               "a read while the database is locked")
    finally:
        if lib.is_pg(ctx.db):
            db.conn.rollback()
        else:
            db.rollback()
        db.close()
    new_case(k, ctx, title="Efter låset")
    r = expect(Client(ctx.port).get("/healthz"), 200, "healthz after")
    check(r.json()["database"] == "ok", "healthz: %r" % r.text)
    k.close()
