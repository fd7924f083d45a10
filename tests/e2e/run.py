#!/usr/bin/env python3
"""End-to-end tests of Bered: `python3 tests/e2e/run.py path/to/bered`.

Creates a temporary database, runs `bered migrate` and `bered demo`, starts
`bered serve` on an ephemeral port (BERED_FAST_HASH=1) and drives it over
HTTP: the platform (login, sessions, CSRF, throttling, limits, headers,
keep-alive), the whole ESF+ routine through the API with every refusal on
the way, the HTML pages of the routine, the Finsam board and money, every API
answer against the OpenAPI document, and the CLI's exit statuses.
At the end the server gets SIGTERM and must exit 0, and its stderr must
hold no sanitizer report. Exits non-zero on any failure, with a summary.
"""

import json
import os
import re
import shutil
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import lib  # noqa: E402
from lib import Client, Failure, check, check_page, expect  # noqa: E402

DEMO_PASSWORD = "demo-losen-2026"
DEMO_FORBUND = "Samordningsförbundet Sydost-demo"
DEMO_FORBUND2 = "Samordningsförbundet Blekinge-demo"


class Ctx:
    """What every test gets: the server, tokens, demo ids, helpers."""

    def __init__(self, binary, workdir):
        self.binary = binary
        self.workdir = workdir
        self.db = os.path.join(workdir, "bered.db")
        self.server = None
        self.tokens = {}
        self.extra_servers = []
        self.notes = []

    @property
    def port(self):
        return self.server.port

    def cli(self, *args, check_rc=True):
        return lib.run_cli(self.binary, list(args) + ["--db", self.db],
                           check_rc=check_rc)

    def token(self, email):
        if email not in self.tokens:
            _, out, _ = self.cli("token", "create", "--email", email)
            m = re.search(r"\b[0-9a-f]{64}\b", out)
            check(m is not None, "bered token create --email %s printed no "
                  "token: %r" % (email, out))
            self.tokens[email] = m.group(0)
        return self.tokens[email]

    def api(self, email):
        """A keep-alive API client with email's bearer token."""
        return Client(self.port, token=self.token(email))

    def login(self, email, password=DEMO_PASSWORD, port=None):
        """A browser-like client logged in through the login form."""
        c = Client(port or self.port)
        r = c.get("/login")
        page = check_page(r, 200, "login form")
        forms = page.find_forms(r"/login(\?.*)?")
        check(forms, "GET /login: no <form method=post action=/login>")
        form = forms[0]
        user_f = pw_f = None
        for f in form["fields"]:
            t = f.get("type", "")
            if t == "password":
                pw_f = f["name"]
            elif t in ("email", "text") and user_f is None:
                user_f = f["name"]
        check(user_f and pw_f, "login form lacks e-mail/password fields: %s"
              % lib.field_names(form))
        vals = lib.form_values(form, {user_f: email, pw_f: password})
        r = c.post_form(form["action"] or "/login", vals)
        c.last_login = r
        c.login_fields = (form["action"] or "/login", user_f, pw_f, vals)
        if r.status == 303:
            c.csrf = self.csrf_of(c)
        return c

    def csrf_of(self, c, path="/"):
        r = c.get(path)
        if r.status == 303 and r.header("Location").startswith("/konto"):
            r = c.get(r.header("Location"))   # a one-time password first
        expect(r, 200, "page after login")
        m = re.search(r'name="_csrf"\s+value="([0-9a-f]{64})"', r.text) or \
            re.search(r'value="([0-9a-f]{64})"\s+name="_csrf"', r.text)
        check(m is not None, "GET %s: no _csrf hidden field on the page "
              "(a logout form at least)" % path)
        return m.group(1)


def discover_demo(ctx):
    """Ids of the demo förbund, its parties and a few demo cases."""
    admin = ctx.api("admin@demo.bered.se")
    r = expect(admin.api("GET", "/api/v1/forbund"), 200, "list förbund")
    fl = r.json()
    if isinstance(fl, dict):
        fl = fl.get("forbund") or fl.get("items") or []
    by_name = {f["name"]: f["id"] for f in fl}
    check(DEMO_FORBUND in by_name and DEMO_FORBUND2 in by_name,
          "the demo förbund are missing from GET /api/v1/forbund: %s"
          % list(by_name))
    ctx.fa = by_name[DEMO_FORBUND]
    ctx.fb = by_name[DEMO_FORBUND2]
    ctx.pa = {}
    for fid, store in ((ctx.fa, ctx.pa),):
        r = expect(admin.api("GET", "/api/v1/forbund/%d" % fid), 200)
        for p in r.json()["parties"]:
            store[p["kind"] if p["kind"] in ("fk", "af") else
                  p.get("code")] = p["id"]
    r = expect(admin.api("GET", "/api/v1/forbund/%d" % ctx.fb), 200)
    ctx.pb = {p["kind"] if p["kind"] in ("fk", "af") else p.get("code"):
              p["id"] for p in r.json()["parties"]}
    admin.close()


def load_tests():
    import test_platform  # noqa: F401
    import test_hostile_input  # noqa: F401
    import test_esf_api  # noqa: F401
    import test_pages  # noqa: F401
    import test_finsam  # noqa: F401
    import test_api_roles  # noqa: F401
    import test_isolation  # noqa: F401
    import test_xss_and_bodies  # noqa: F401
    import test_domain_edges  # noqa: F401
    import test_closed_cases  # noqa: F401
    import test_openapi  # noqa: F401
    import test_cli  # noqa: F401
    import test_faults_and_concurrency  # noqa: F401
    import test_http_contract  # noqa: F401
    import test_rules_once  # noqa: F401
    import test_hostile_clients  # noqa: F401
    import test_accounts  # noqa: F401
    import test_exports  # noqa: F401
    import test_national  # noqa: F401
    import test_documents  # noqa: F401
    import test_writes  # noqa: F401
    import test_instances  # noqa: F401
    lib.TESTS.append(every_fetched_page_valid)
    lib.TESTS.append(every_api_answer_documented)
    only = os.environ.get("BERED_E2E_ONLY")
    if only:  # a few tests by name, while one is being mended
        return [t for t in lib.TESTS if t.__name__ in only.split(",")]
    return lib.TESTS


def every_fetched_page_valid(ctx):
    """Each HTML page any test fetched, whatever it checked itself."""
    bad = []
    for r in lib.FETCHED_PAGES:
        p = lib.parse_page(r)
        if p.errors:
            bad.append("%s: %s" % (r.where(), "; ".join(p.errors[:5])))
    check(lib.FETCHED_PAGES, "no HTML page was fetched")
    check(not bad, "%d of %d fetched pages are invalid:\n    %s"
          % (len(bad), len(lib.FETCHED_PAGES), "\n    ".join(bad[:20])))


def every_api_answer_documented(ctx):
    """Each answer under /api/v1 that any test received matches the
    OpenAPI document: its status is documented for the operation and its
    body validates (the strict checker and jsonschema alike)."""
    import test_openapi as T
    c = lib.Client(ctx.port)
    doc = c.get("/api/v1/openapi.json").json()
    c.close()
    sp = T.Spec(doc)
    seen = 0
    for method, r in lib.API_ANSWERS:
        bare = r.path.partition("?")[0]
        tpl, op, _ = sp.find(method, bare)
        if op is None:
            if r.status != 404 and r.status != 405:
                sp.errors.append("%s %s -> %d: no operation"
                                 % (method, lib.short(r.path), r.status))
            continue
        seen += 1
        sp._answer(op, r, "%s %s -> %d" % (method, lib.short(r.path),
                                           r.status))
    check(seen > 500, "only %d API answers were recorded" % seen)
    check(not sp.errors, "%d of %d API answers do not match openapi.json:"
          "\n    %s" % (len(sp.errors), seen, "\n    ".join(sp.errors[:30])))


def pg_database(base, name, drop=False):
    """Creates (or drops) database name on the PostgreSQL server at base
    (a URL without a database); returns its URL."""
    import psycopg2
    c = psycopg2.connect(base + "/postgres")
    c.autocommit = True
    cur = c.cursor()
    cur.execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name)
    if not drop:
        cur.execute('CREATE DATABASE "%s"' % name)
    c.close()
    return base + "/" + name


def main():
    if len(sys.argv) != 2:
        print("usage: run.py path/to/bered", file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])
    if not os.access(binary, os.X_OK):
        print("e2e: %s is not an executable" % binary, file=sys.stderr)
        return 2
    t0 = time.time()
    workdir = tempfile.mkdtemp(prefix="bered-e2e-")
    ctx = Ctx(binary, workdir)
    pg = os.environ.get("BERED_E2E_PG")  # postgresql://user@host:port
    if pg:
        ctx.db = pg_database(pg, "bered_e2e_%d" % os.getpid())
    results = []
    keep = False
    try:
        # The global --db before the subcommand works as well as after it.
        lib.run_cli(binary, ["--db", ctx.db, "migrate"])
        _, out, _ = ctx.cli("demo", *lib.ESF_PERIOD)
        check("demo-losen-2026" in out and "kansli@demo.bered.se" in out,
              "bered demo did not print the logins: %r" % out[:300])
        _, out2, _ = ctx.cli("demo")
        check("kansli@demo.bered.se" in out2, "a second `bered demo` did "
              "not print the logins")
        ctx.server = lib.Server(binary, ctx.db, workdir).start()
        discover_demo(ctx)
        for fn in load_tests():
            name = fn.__name__
            t1 = time.time()
            try:
                fn(ctx)
                results.append((name, None, time.time() - t1))
            except Failure as e:
                results.append((name, str(e), time.time() - t1))
            except Exception:
                results.append((name, "crashed:\n" + traceback.format_exc(),
                                time.time() - t1))
            if not ctx.server.alive():
                results.append(("server alive after " + name,
                                "the server died (stderr tail):\n" +
                                ctx.server.stderr()[-3000:], 0))
                break
    except Failure as e:
        results.append(("setup", str(e), 0))
    except Exception:
        results.append(("setup", "crashed:\n" + traceback.format_exc(), 0))
    finally:
        if ctx.server is not None and ctx.server.alive() and \
                hasattr(ctx, "fa"):
            try:
                body = json.dumps({"forbund_id": ctx.fa, "kind": "esf",
                                   "title": "Mitt i avstängningen",
                                   "description": "x" * 2000})
                line, rc = lib.sigterm_with_request_in_flight(
                    ctx.server, ctx.token("kansli@demo.bered.se"), body)
                results.append(("SIGTERM finishes a request in flight",
                                None if " 201" in line else
                                "POST in flight at SIGTERM answered %r "
                                "(want 201)" % line, 0))
            except Exception:
                results.append(("SIGTERM finishes a request in flight",
                                "crashed:\n" + traceback.format_exc(), 0))
        servers = ([ctx.server] if ctx.server else []) + ctx.extra_servers
        for s in servers:
            alive = s.alive()
            rc = s.stop()
            if s is ctx.server or alive:
                results.append(("SIGTERM exits 0 (%s)" % s.name,
                                None if rc == 0 else
                                "exit status %r after SIGTERM" % (rc,), 0))
            bad = lib.sanitizer_reports(s.stderr())
            results.append(("no sanitizer report (%s)" % s.name,
                            None if not bad else
                            "stderr has %s:\n%s" % (bad, s.stderr()[-4000:]),
                            0))
    failed = [x for x in results if x[1] is not None]
    for name, err, dt in results:
        print("%-4s %-52s %5.1fs" % ("ok" if err is None else "FAIL", name,
                                     dt))
    for name, err, _ in failed:
        print("\n==== FAIL %s\n%s" % (name, err))
    for n in ctx.notes:
        print("note: " + n)
    print("\ne2e: %d checks, %d failed, %.1f s"
          % (len(results), len(failed), time.time() - t0))
    if failed and os.environ.get("BERED_E2E_KEEP"):
        keep = True
        print("e2e: kept %s" % workdir)
    if not keep:
        shutil.rmtree(workdir, ignore_errors=True)
        if pg:
            pg_database(pg, ctx.db.rsplit("/", 1)[1], drop=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
