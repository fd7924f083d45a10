"""The command line of API.md: `bered --version`, `--help`, `CMD --help`,
and for each subcommand the exit status convention: 0 on success, 1 on a
refused or failed action with exactly one line on standard error, 2 on bad
usage. A user added and a token created on the command line work in the
API with the rights given. (`serve` until SIGTERM, exit 0, and `demo`
twice are run.py's own checks.)"""

import os
import re
import socket
import sqlite3

import lib
from lib import Client, check, expect, test

PW = "ett-langt-losenord-3"
COMMANDS = ("migrate", "serve", "user", "token", "demo")


def bered(ctx, args, rc, db=None, out=None, what=""):
    """Runs bered args (with --db db unless db is False) and checks the
    exit status and the convention's stderr; returns (stdout, stderr)."""
    argv = list(args) + ([] if db is False else ["--db", db or ctx.db])
    got, o, e = lib.run_cli(ctx.binary, argv, check_rc=False)
    label = "bered %s%s" % (" ".join(argv), " (%s)" % what if what else "")
    check(got == rc, "%s: exit status %d, want %d (stdout %r, stderr %r)"
          % (label, got, rc, o[:200], e[:300]))
    lines = [x for x in e.splitlines() if x.strip()]
    if rc == 1:
        check(len(lines) == 1, "%s: a refusal must be one line on stderr, "
              "got %d: %r" % (label, len(lines), e[:400]))
    if rc == 2:
        check(lines, "%s: bad usage without a message on stderr" % label)
    if rc != 0:
        check(not o.strip(), "%s: failed but printed %r on stdout"
              % (label, o[:200]))
    if out is not None:
        check(re.search(out, o), "%s: stdout %r does not match %r"
              % (label, o[:300], out))
    return o, e


@test
def cli_version_and_help(ctx):
    bered(ctx, ["--version"], 0, db=False, out=r"^bered \d+\.\d+")
    o, _ = bered(ctx, ["--help"], 0, db=False)
    for c in COMMANDS:
        check(re.search(r"^\s+%s\s" % c, o, re.M), "bered --help does not "
              "list %s: %r" % (c, o[:500]))
    check("--db" in o, "bered --help does not mention --db")
    bered(ctx, [], 2, db=False, what="no command")
    bered(ctx, ["nosuch"], 2, db=False, what="unknown command")
    for c in COMMANDS + ("user add", "token create"):
        o, e = bered(ctx, c.split() + ["--help"], 0, db=False,
                     out=r"^Användning: bered %s" % c.split()[0])
        check(not e.strip(), "bered %s --help wrote on stderr: %r"
              % (c, e[:200]))
        check("--db" in o, "bered %s --help does not mention --db" % c)
    o, _ = bered(ctx, ["serve", "--help"], 0, db=False)
    for flag in ("--listen", "--threads", "--quiet", "--trust-proxy",
                 "--esf-calls-until", "--esf-activity-until",
                 "--session-idle", "--session-absolute"):
        check(flag in o, "bered serve --help does not mention %s" % flag)
    o, _ = bered(ctx, ["user", "add", "--help"], 0, db=False)
    for word in ("--email", "--name", "--role", "--password", "--forbund",
                 "--party", "ledamot", "esf-kansli", "nationell"):
        check(word in o, "bered user add --help does not mention %s" % word)


@test
def cli_migrate(ctx):
    db = os.path.join(ctx.workdir, "cli-migrate.db")
    bered(ctx, ["migrate"], 0, db=db, what="fresh database")
    bered(ctx, ["migrate"], 0, db=db, what="again: safe to repeat")
    bered(ctx, ["migrate", "--db=" + db], 0, db=False, what="--db=URL")
    bered(ctx, ["migrate", "extra"], 2, db=db, what="stray argument")
    bered(ctx, ["migrate", "--force"], 2, db=db, what="unknown flag")
    bered(ctx, ["migrate", "--db"], 2, db=False, what="--db without URL")
    bered(ctx, ["migrate"], 1, db=os.path.join(ctx.workdir, "no", "such",
                                               "dir", "x.db"),
          what="database cannot be opened")
    # A database migrated by a newer binary is refused, not downgraded.
    newer = os.path.join(ctx.workdir, "cli-newer.db")
    bered(ctx, ["migrate"], 0, db=newer)
    con = sqlite3.connect(newer)
    con.execute("INSERT INTO schema_version (version, applied_at) "
                "VALUES (999, '2099-01-01T00:00:00Z')")
    con.commit()
    con.close()
    bered(ctx, ["migrate"], 1, db=newer, what="schema newer than bered")
    bered(ctx, ["serve", "--listen", "127.0.0.1:0"], 1, db=newer,
          what="schema newer than bered")
    # PostgreSQL that cannot be reached: one line, no password shown.
    gone = "postgresql://bered:hemligt@127.0.0.1:1/bered"
    for args in (["migrate"], ["serve", "--listen", "127.0.0.1:0"]):
        _, e = bered(ctx, args, 1, db=gone, what="PostgreSQL unreachable")
        check("PostgreSQL" in e and "hemligt" not in e,
              "bered %s on an unreachable PostgreSQL: %r" % (args[0], e))
    bered(ctx, ["demo", "extra"], 2, db=db, what="stray argument")
    bered(ctx, ["demo"], 1, db=os.path.join(ctx.workdir, "no", "x.db"),
          what="database cannot be opened")


@test
def cli_serve_refusals(ctx):
    db = os.path.join(ctx.workdir, "cli-serve.db")
    for args, what in (
            (["--bogus"], "unknown flag"),
            (["--threads", "0"], "threads 0"),
            (["--threads", "many"], "threads not a number"),
            (["--listen", "nonsense"], "listen without a port"),
            (["--listen", "127.0.0.1:99999"], "port out of range"),
            (["--esf-calls-until", "2027-02-30"], "invalid date"),
            (["--session-idle", "0"], "session-idle 0"),
            (["--listen"], "listen without a value"),
            (["127.0.0.1:8080"], "address without --listen")):
        bered(ctx, ["serve"] + args, 2, db=db, what=what)
    bered(ctx, ["serve", "--listen", "127.0.0.1:0"], 1,
          db=os.path.join(ctx.workdir, "no", "such", "x.db"),
          what="database cannot be opened")
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        _, e = bered(ctx, ["serve", "--quiet", "--listen",
                           "127.0.0.1:%d" % port], 1, db=db,
                     what="port in use")
        check(str(port) in e, "port in use: the message does not name the "
              "address: %r" % e)
    finally:
        s.close()


@test
def cli_user_add_and_token(ctx):
    add = ["user", "add", "--name", "Cli Testsson", "--password", PW]
    e1, e2 = "cli-kansli@e2e.bered.se", "cli-ledamot@e2e.bered.se"
    for args, what in (
            (["user"], "no subcommand"),
            (["user", "del", "--email", e1], "unknown subcommand"),
            (["user", "add", "--email", e1], "--name, --role missing"),
            (add + ["--email", e1, "--role", "chef"], "unknown role"),
            (add + ["--email", "ingen-snabel-a", "--role", "admin"],
             "not an e-mail address"),
            (add + ["--email", e1, "--role", "kansli", "--forbund", "x"],
             "förbund not an id"),
            (add + ["--email", e1, "--role", "kansli", "--forbund",
                    str(ctx.fa), "stray"], "stray argument"),
            (["user", "add", "--name", "N", "--password", "kort-losen",
              "--email", e1, "--role", "admin"], "password under 12"),
            (add + ["--email", e1, "--role", "kansli", "--forbund"],
             "--forbund without a value")):
        bered(ctx, args, 2, what=what)
    for args, what in (
            (add + ["--email", e1, "--role", "kansli"],
             "kansli without a förbund"),
            (add + ["--email", e1, "--role", "ledamot", "--forbund",
                    str(ctx.fa)], "ledamot without a party"),
            (add + ["--email", e1, "--role", "kansli", "--forbund",
                    "987654321"], "förbund missing"),
            (add + ["--email", e1, "--role", "ledamot", "--forbund",
                    str(ctx.fa), "--party", str(ctx.pb["fk"])],
             "party of another förbund"),
            (add + ["--email", "kansli@demo.bered.se", "--role", "admin"],
             "e-mail taken")):
        bered(ctx, args, 1, what=what)
    o, _ = bered(ctx, add + ["--email", e1, "--role", "kansli",
                             "--forbund", str(ctx.fa)], 0, out=r"^\d+\s*$")
    kid = int(o)
    o, _ = bered(ctx, add + ["--email", e2, "--role", "ledamot",
                             "--party", str(ctx.pa["0880"])], 0,
                 out=r"^\d+\s*$", what="förbund taken from the party")
    lid = int(o)
    bered(ctx, ["token"], 2, what="no subcommand")
    bered(ctx, ["token", "create"], 2, what="no --email")
    bered(ctx, ["token", "create", "--email", e1, "stray"], 2,
          what="stray argument")
    bered(ctx, ["token", "create", "--email", "ingen@e2e.bered.se"], 1,
          what="no such user")
    for email, uid, role, party in ((e1, kid, "kansli", None),
                                    (e2, lid, "ledamot", ctx.pa["0880"])):
        o, _ = bered(ctx, ["token", "create", "--email", email], 0,
                     out=r"^[0-9a-f]{64}\s*$")
        c = Client(ctx.port, token=o.strip())
        me = expect(c.api("GET", "/api/v1/me"), 200, "token of " + email)
        me = me.json()
        check(me["id"] == uid and me["role"] == role and
              me["forbund_id"] == ctx.fa and me["party_id"] == party,
              "bered user add %s: /api/v1/me says %r" % (email, me))
        c.close()


@test
@lib.sqlite_only
def cli_backup_and_restore(ctx):
    """bered backup FILE copies the database while the server serves and
    writes (SQLite's online backup); the documented restore (the copy as
    the database of a server) gives back exactly what was saved."""
    import shutil
    import threading
    k = ctx.api("kansli@demo.bered.se")
    before = expect(k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "Före kopian",
        "finsam_malgrupp": True}), 201).json()
    stop = threading.Event()

    def writer():
        w = ctx.api("kansli@demo.bered.se")
        while not stop.is_set():
            w.api("POST", "/api/v1/cases", {
                "forbund_id": ctx.fa, "kind": "finsam",
                "title": "Under kopian", "finsam_malgrupp": True})
        w.close()
    t = threading.Thread(target=writer)
    t.start()
    path = os.path.join(ctx.workdir, "kopia.db")
    try:
        bered(ctx, ["backup", path], 0, out="Säkerhetskopian")
    finally:
        stop.set()
        t.join()
    bered(ctx, ["backup", path], 1, what="over an existing file")
    bered(ctx, ["backup"], 2, what="without a file")
    bered(ctx, ["backup", os.path.join(ctx.workdir, "nej", "x.db")], 1,
          what="into a missing folder")
    db = sqlite3.connect(path)
    check(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok",
          "the copy is not consistent")
    check(db.execute("SELECT title FROM arende WHERE id = ?",
                     (before["id"],)).fetchone() == ("Före kopian",),
          "the copy lacks the case saved before it")
    db.close()
    after = expect(k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "Efter kopian",
        "finsam_malgrupp": True}), 201).json()
    k.close()
    # The restore in the README: the copy becomes a server's database.
    restored = os.path.join(ctx.workdir, "aterstalld.db")
    shutil.copyfile(path, restored)
    s = lib.Server(ctx.binary, restored, ctx.workdir, "restored").start()
    ctx.extra_servers.append(s)
    c = lib.Client(s.port, token=ctx.token("kansli@demo.bered.se"))
    got = expect(c.api("GET", "/api/v1/cases/%d" % before["id"]), 200)
    check(got.json()["title"] == "Före kopian", "restored: %r" % got.text)
    check(c.api("GET", "/api/v1/cases/%d" % after["id"]).status == 404,
          "the restore holds a case saved after the copy")
    c.close()


@test
def cli_migrate_data(ctx):
    """bered migrate-data moves a förbund's SQLite database into a new,
    empty database (PostgreSQL when the suite runs on it, else another
    SQLite file): every table's row count and checksum the same, a server
    on the target answers the same cases and follow-up as one on the
    source, new rows get new ids; refused into a non-empty target, from an
    unmigrated source, and without --from and --to; a password in the URL
    is never printed."""
    src = os.path.join(ctx.workdir, "flytt-kalla.db")
    if lib.is_pg(ctx.db):
        import run
        bered(ctx, ["demo"], 0, db=src)     # a förbund's SQLite file
        base = ctx.db.rsplit("/", 1)[0]
        dst = run.pg_database(base, "bered_flytt_%d" % os.getpid())
        user, rest = dst.split("://", 1)[1].split("@", 1)
        with_pw = "postgresql://%s:hemligt@%s" % (user, rest)
    else:
        lib.copy_db(ctx.db, src)
        dst = with_pw = os.path.join(ctx.workdir, "flytt-mal.db")
    o, _ = bered(ctx, ["migrate-data", "--from", src, "--to", with_pw], 0,
                 db=False, out=r"kontrollsummor stämmer")
    check("hemligt" not in o, "the password was printed: %r" % o[-300:])
    check(o.count(" lika") == 23 and "SKILJER" not in o,
          "not every table the same: %r" % o[:2000])
    bered(ctx, ["migrate-data", "--from", src, "--to", dst], 1, db=False,
          what="into a database that is not empty")
    bered(ctx, ["migrate-data", "--from", src], 2, db=False,
          what="without --to")
    bered(ctx, ["migrate-data", "--to", dst, "extra"], 2, db=False,
          what="stray argument")
    empty = os.path.join(ctx.workdir, "flytt-tom.db")
    open(empty, "wb").close()
    bered(ctx, ["migrate-data", "--from", empty, "--to",
                os.path.join(ctx.workdir, "flytt-x.db")], 1, db=False,
          what="from a database that is not migrated")
    # A server on each: the same answers.
    tok_src = lib.Server(ctx.binary, src, ctx.workdir, "flytt-kalla").start()
    tok_dst = lib.Server(ctx.binary, dst, ctx.workdir, "flytt-mal").start()
    ctx.extra_servers += [tok_src, tok_dst]
    _, out, _ = lib.run_cli(ctx.binary, ["token", "create", "--email",
                                         "nationell@demo.bered.se", "--db",
                                         src])
    token = re.search(r"\b[0-9a-f]{64}\b", out).group(0)
    a = Client(tok_src.port, token=token)
    # The token was made after the move: the target's user gets its own.
    _, out, _ = lib.run_cli(ctx.binary, ["token", "create", "--email",
                                         "nationell@demo.bered.se", "--db",
                                         dst])
    b = Client(tok_dst.port, token=re.search(r"\b[0-9a-f]{64}\b",
                                             out).group(0))
    for path in ("/api/v1/cases?limit=1000", "/api/v1/followup",
                 "/api/v1/followup?group_by=forbund", "/api/v1/forbund"):
        ra, rb = expect(a.api("GET", path), 200), expect(b.api("GET", path),
                                                         200)
        check(ra.json() == rb.json(), "GET %s differs between the source "
              "and the target" % path)
    cases = b.api("GET", "/api/v1/cases?limit=1000").json()
    top = max(c["id"] for c in cases)
    k = ctx.login("kansli@demo.bered.se", port=tok_dst.port)
    expect(k.last_login, 303, "the kansli logs in on the target")
    _, out, _ = lib.run_cli(ctx.binary, ["token", "create", "--email",
                                         "kansli@demo.bered.se", "--db",
                                         dst])
    kb = Client(tok_dst.port, token=re.search(r"\b[0-9a-f]{64}\b",
                                              out).group(0))
    fb = expect(kb.api("GET", "/api/v1/me"), 200).json()["forbund_id"]
    r = expect(kb.api("POST", "/api/v1/cases", {
        "forbund_id": fb, "kind": "esf", "title": "Efter flytten"}), 201,
        "a new case on the target")
    check(r.json()["id"] > top, "a new case got id %d, not after %d"
          % (r.json()["id"], top))
    for c in (a, b, k, kb):
        c.close()
    tok_src.stop()
    tok_dst.stop()
    if lib.is_pg(ctx.db):
        run.pg_database(base, dst.rsplit("/", 1)[1], drop=True)
