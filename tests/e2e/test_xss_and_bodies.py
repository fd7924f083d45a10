"""Hostile input on every route, in a förbund of its own: malformed
JSON and forms, impossible dates, odd ids, NUL bytes, control characters,
invalid UTF-8 and huge strings are answered 4xx (never 500); a refused
request changes nothing and writes no audit row, an accepted change
writes one. Markup in every text field is shown escaped on every page.
The login's `next` never leaves the site; error pages carry the security
headers; a refused move names every failing rule, in the API and on the
page alike."""

import re
import socket
import urllib.parse

import lib
from lib import check, check_page, expect, test
from test_isolation import all_routes, fill
from test_platform import sec_headers

PW = "ett-langt-losenord-1"
YEAR = int(lib.today()[:4])
XSS = '<script>alert(1)</script>"><img src=x onerror=1>javascript:alert(1)'
XSS_SHORT = '"><img src=x onerror=1>'
RAW_MARKS = ("<script>alert(1)", "<img src=x", "onerror=1>")
BAD_JSON = (b"{bad", b"", b"[]", b"null", b'"x"', b"\xff\xfe",
            b'{"title": "\xff"}', b'{"a": 1}\x00', b"[" * 20000,
            b'{"title": "a\\u0000b"}', b'{"x": 1e999999}',
            b'{"x": 99999999999999999999999}', b'{"a":1,"a":2}')
BAD_VALUES = (None, -1, 10 ** 20, "x" * 70000, "a\u0000b", "\u0001\u001b",
              "2026-02-30", {}, True)
BAD_FORM = ("%00", "%FF%FE", "%01%1B", "x" * 70000, "2026-02-30", "-1",
            "1e3", "99999999999999999999", "%C3", "0")


class World:
    """A förbund of its own with a kansli, ledamöter, cases, a meeting."""

    def __init__(self, ctx):
        self.ctx = ctx
        admin = ctx.api("admin@demo.bered.se")
        r = admin.api("POST", "/api/v1/forbund", {
            "name": "E2E Indata " + XSS, "kommuner": ["2480", "2482"],
            "regioner": ["24"]})
        if r.status == 409:
            r = admin.api("POST", "/api/v1/forbund", {
                "name": "E2E Indata 2", "kommuner": ["2480"],
                "regioner": ["24"]})
        f = expect(r, 201, "admin creates the input förbund").json()
        self.fid = f["id"]
        self.p = {p["kind"] if p["kind"] in ("fk", "af") else p["code"]:
                  p["id"] for p in f["parties"]}
        self.users = {}
        for key, role, party in (("kansli", "kansli", None),
                                 ("led", "ledamot", self.p["2480"]),
                                 ("fk", "ledamot", self.p["fk"]),
                                 ("reg", "ledamot", self.p["24"])):
            email = "%s.%d@indata.bered.se" % (key, self.fid)
            expect(admin.api("POST", "/api/v1/users", {
                "email": email, "name": "Namn " + XSS, "role": role,
                "password": PW, "forbund_id": self.fid,
                "party_id": party}), 201, "admin creates " + email)
            self.users[key] = email
        admin.close()
        self.k = ctx.api(self.users["kansli"])
        self.esf = self.case("esf")
        self.fin = self.case("finsam")
        r = self.k.api("POST", "/api/v1/forbund/%d/meetings" % self.fid,
                       {"date": lib.today(), "notes": XSS, "present": XSS})
        self.meeting = expect(r, 201, "meeting").json()["id"]

    def case(self, kind):
        r = self.k.api("POST", "/api/v1/cases", {
            "forbund_id": self.fid, "kind": kind, "title": XSS,
            "description": XSS + "\n" + XSS, "finsam_malgrupp": True,
            "parties": [self.p["fk"], self.p["2480"], self.p["24"]]})
        return expect(r, 201, "create %s case" % kind).json()["id"]

    def ids(self, kind="esf"):
        case = self.esf if kind == "esf" else self.fin
        return {"cases": case, "arenden": case, "parties": self.p["2480"],
                "parter": self.p["2480"], "forbund": self.fid,
                "meetings": self.meeting, "moten": self.meeting,
                "budgets": YEAR, "participants": YEAR, "nycklar": 1,
                "agenda": self.fin, "dagordning": self.fin, "users": 1,
                "anvandare": 1, "documents": 1, "dokument": 1,
                "group-meetings": 1}

    def login(self, key="kansli"):
        c = self.ctx.login(self.users[key], PW)
        expect(c.last_login, 303, "login " + self.users[key])
        return c

    def close(self):
        self.k.close()


def world(ctx):
    if not hasattr(ctx, "input_world"):
        ctx.input_world = World(ctx)
    return ctx.input_world


def audit_rows(ctx):
    db = lib.db_connect(ctx.db)
    n = db.execute("SELECT count(*) FROM audit").fetchone()[0]
    db.close()
    return n


def never_5xx(r, what=""):
    check(r.status < 500, "%s%s: %d (want 4xx): %s"
          % (what + ": " if what else "", r.where(), r.status, r.text[:300]))
    return r


VALID = {
    "/api/v1/forbund": {"name": "N", "kommuner": ["0180"],
                        "regioner": ["01"]},
    "/api/v1/users": {"email": "e@x.se", "name": "N", "role": "kansli",
                      "password": PW, "forbund_id": 1},
    "/api/v1/forbund/:id/needs": {"malgrupp": "m", "behov": "b",
                                  "utbud": "u"},
    "/api/v1/calls": {"title": "t", "reference": "r", "opens": "2026-01-01",
                      "closes": "2026-12-31", "esf_share_pct": 40},
    "/api/v1/cases": {"forbund_id": 1, "kind": "esf", "title": "t",
                      "description": "d", "finsam_malgrupp": True,
                      "need_id": 1},
    "/api/v1/cases/:id": {"title": "t", "project_start": "2026-01-01",
                          "granted_amount": 5, "owner_party_id": 1},
    "/api/v1/cases/:id/parties/:id": {"deltar": True, "medfinansiar": True,
                                      "medfinansiering": "m",
                                      "utforare": True},
    "/api/v1/cases/:id/transitions": {"to": "avbruten", "reason": "annat",
                                      "reason_text": "x", "comment": "c"},
    "/api/v1/forbund/:id/meetings": {"date": "2026-01-01", "notes": "n"},
    "/api/v1/meetings/:id/agenda": {"case_id": 1},
    "/api/v1/meetings/:id/decisions": {"case_id": 1, "outcome": "beviljad",
                                       "amount": 1, "period_start":
                                       "2026-01-01", "period_end":
                                       "2026-12-31"},
    "/api/v1/forbund/:id/budgets/:id": {"offers": [{"party_id": 1,
                                                    "amount": 1}]},
    "/api/v1/cases/:id/participants/:id": {"women": 1, "men": 1,
                                           "to_work": 0},
}


def bodies(pattern):
    """Raw bodies: malformed JSON, then one bad value per valid field."""
    import json
    out = list(BAD_JSON)
    base = VALID.get(pattern, {"x": 1})
    for key in base:
        for v in BAD_VALUES:
            out.append(json.dumps(dict(base, **{key: v})).encode())
    out.append(json.dumps({"offers": [{"party_id": v, "amount": v,
                                       "share": v} for v in
                                      BAD_VALUES[:6]]}).encode())
    return out


@test
def api_hostile_bodies_and_ids(ctx):
    """Every API route with a body gets every bad body; every route gets
    bad ids. 4xx only; a 4xx leaves no audit row and no change."""
    w = world(ctx)
    admin = ctx.api("admin@demo.bered.se")
    routes = all_routes()
    n = 0
    for method, pat in routes:
        if not pat.startswith("/api/") or method == "GET":
            continue
        who = admin if pat in ("/api/v1/forbund", "/api/v1/users") else w.k
        path = fill(pat, w.ids("finsam" if "participants" in pat
                               else "esf"))
        for raw in bodies(pat):
            a0 = audit_rows(ctx)
            before = w.k.api("GET", "/api/v1/cases/%d" % w.esf).body
            r = never_5xx(who.api(method, path, raw=raw),
                          "body %r" % raw[:60])
            n += 1
            if r.status >= 400:
                check(audit_rows(ctx) == a0, "%s with body %r answered %d "
                      "but wrote an audit row" % (r.where(), raw[:80],
                                                  r.status))
                after = w.k.api("GET", "/api/v1/cases/%d" % w.esf).body
                check(before == after, "%s with body %r answered %d but "
                      "changed the case" % (r.where(), raw[:80], r.status))
    for method, pat in routes:
        if ":id" not in pat:
            continue
        for bad in ("0", "-1", "1e3", "99999999999999999999", "007",
                    "%00", "1%20", "0x10", "+5", "%C3%A5"):
            path = re.sub(r":id", bad, pat)
            c = w.k if pat.startswith("/api/") else lib.Client(ctx.port)
            r = never_5xx(c.request(method, path, body=b"{}"))
            check(r.status in (303, 401, 404, 405),
                  "%s: %d for a bad id" % (r.where(), r.status))
            n += 1
    check(n > 800, "only %d hostile requests" % n)
    admin.close()


def post_variants(form):
    """(field, raw urlencoded body) with one field replaced by junk:
    three junk values per field, rotating so every junk value is used."""
    vals = lib.form_values(form)
    for i, (name, _) in enumerate(vals):
        if name == "_csrf":
            continue
        for j in range(3):
            junk = BAD_FORM[(3 * i + j) % len(BAD_FORM)]
            parts = ["%s=%s" % (urllib.parse.quote(k), urllib.parse.quote(v))
                     for k, v in vals]
            parts[i] = "%s=%s" % (urllib.parse.quote(name), junk)
            yield name, "&".join(parts)


@test
def forms_hostile_fields(ctx):
    """Every field of every form on the pages gets junk, one at a time."""
    w = world(ctx)
    pages = {"kansli": ["/arenden/%d" % w.esf, "/arenden/%d" % w.fin,
                        "/arenden/ny", "/behov", "/utlysningar", "/styrelse",
                        "/styrelse/moten/%d" % w.meeting,
                        "/budget?ar=%d" % YEAR, "/konto"],
             "led": ["/arenden/%d" % w.esf],
             "admin": ["/forbund", "/anvandare"]}
    n = 0
    for who, paths in pages.items():
        c = ctx.login("admin@demo.bered.se") if who == "admin" else \
            w.login(who)
        for path in paths:
            p = check_page(c.get(path), 200, "GET " + path)
            for form in p.forms:
                if form["method"] != "post" or \
                        form["action"] in ("/logout",):
                    continue
                before = w.k.api("GET", "/api/v1/cases/%d" % w.esf).body
                for name, body in post_variants(form):
                    a0 = audit_rows(ctx)
                    r = never_5xx(c.request(
                        "POST", form["action"], body=body, headers={
                            "Content-Type":
                            "application/x-www-form-urlencoded"}),
                        "%s field %s" % (path, name))
                    n += 1
                    if r.status < 400:
                        before = w.k.api("GET", "/api/v1/cases/%d"
                                         % w.esf).body
                        continue
                    check(audit_rows(ctx) == a0, "%s (%s junk) answered "
                          "%d but wrote an audit row" % (r.where(), name,
                                                         r.status))
                after = w.k.api("GET", "/api/v1/cases/%d" % w.esf).body
                check(before == after, "refused posts of the form to %s "
                      "changed the case" % form["action"])
        for q in ("forbund=%00", "kind=%FF", "page=-1", "page=1e3",
                  "ar=99999999999999999999", "from=2026-02-30", "to=x",
                  "state=%01", "ok=%3Cscript%3E", "lan=" + "9" * 5000):
            for path in ("/arenden", "/uppfoljning", "/budget", "/behov",
                         "/styrelse", "/arenden/ny", "/"):
                never_5xx(c.get(path + "?" + q))
                n += 1
        c.close()
    check(n > 250, "only %d hostile form posts" % n)


def fill_texts(ctx, w):
    """Puts markup into every text field the API and forms accept."""
    k = w.k
    led = ctx.api(w.users["led"])
    # The hostile bodies may have closed w.esf (avbruten): a closed case
    # takes no edit (G), so the texts go on a case that is still open.
    w.esf_texts = w.case("esf")
    esf = "/api/v1/cases/%d" % w.esf_texts
    for body in ({"external_cofinancers": XSS},
                 {"projektledare": XSS, "controller": XSS,
                  "administrator": XSS},
                 {"esf_arende_id": XSS_SHORT}):
        r = k.api("PATCH", esf, body)
        if r.status == 422:
            r = k.api("PATCH", esf, {f: XSS_SHORT for f in body})
        expect(r, 200, "PATCH %s with markup" % list(body))
    # The co-financing is the party's own (R7): its ledamot records it.
    led = ctx.api(w.users["led"])
    expect(led.api("PUT", esf + "/parties/%d" % w.p["2480"], {
        "medfinansiar": True, "medfinansiering": XSS}), 200,
        "medfinansiering with markup")
    led.close()
    expect(k.api("POST", "/api/v1/forbund/%d/needs" % w.fid, {
        "malgrupp": XSS, "behov": XSS, "utbud": XSS}), 201, "need")
    r = k.api("POST", "/api/v1/calls", {
        "title": XSS, "reference": XSS_SHORT, "opens": lib.today(-1),
        "closes": lib.today(20), "programomrade": XSS_SHORT})
    expect(r, 201, "call with markup")
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": w.fid, "kind": "esf", "title": "Avbryts " + XSS_SHORT,
        "finsam_malgrupp": True})
    cid = expect(r, 201).json()["id"]
    expect(k.api("POST", "/api/v1/cases/%d/transitions" % cid, {
        "to": "avbruten", "reason": "annat", "reason_text": XSS_SHORT,
        "comment": XSS}), 200, "avbruten with markup")
    c = w.login()
    p = check_page(c.get("/konto"), 200)
    f = p.find_forms(r"/konto/nycklar")[0]
    c.post_form("/konto/nycklar", lib.form_values(f, {"name": XSS_SHORT}))
    led.close()
    return c


def unescaped(text):
    low = text.lower()
    bad = [m for m in RAW_MARKS if m in text]
    bad += [m for m in ('href="javascript:', "href='javascript:",
                        'src="javascript:') if m in low]
    return bad


@test
def markup_is_escaped_everywhere(ctx):
    w = world(ctx)
    c = fill_texts(ctx, w)
    paths = ["/", "/arenden", "/arenden/%d" % w.esf,
             "/arenden/%d" % w.esf_texts, "/arenden/%d" % w.fin,
             "/behov", "/utlysningar", "/styrelse", "/konto",
             "/styrelse/moten/%d" % w.meeting,
             "/styrelse/moten/%d/protokoll" % w.meeting, "/uppfoljning",
             "/budget?ar=%d" % YEAR, "/arenden/ny"]
    shown = 0
    for who, client in (("kansli", c), ("led", w.login("led"))):
        for path in paths:
            r = client.get(path)
            check_page(r, r.status, "%s GET %s" % (who, path))
            bad = unescaped(r.text)
            check(not bad, "%s GET %s shows markup unescaped: %s"
                  % (who, path, bad))
            shown += r.text.count("&lt;script&gt;") + \
                r.text.count("&lt;img")
    a = ctx.login("admin@demo.bered.se")
    for path in ("/forbund", "/forbund/%d" % w.fid, "/anvandare",
                 "/uppfoljning?forbund=%d" % w.fid, "/arenden?forbund=%d"
                 % w.fid):
        r = a.get(path)
        check_page(r, 200, "admin GET " + path)
        check(not unescaped(r.text), "admin GET %s shows markup unescaped"
              % path)
        shown += r.text.count("&lt;script&gt;")
    check(shown >= 20, "the markup was shown escaped only %d times: the "
          "texts did not reach the pages" % shown)
    # A page's refusal echoes posted text escaped too.
    r = c.post_form("/behov", {"_csrf": c.csrf, "malgrupp": XSS,
                               "behov": ""})
    check_page(r, 422, "need form refused with markup")
    check(not unescaped(r.text), "the refused need form echoes markup raw")
    for x in (c, a):
        x.close()


def local(loc):
    """A Location a browser resolves to this site."""
    u = urllib.parse.urlsplit(loc)
    return loc.startswith("/") and not loc.startswith("//") and \
        "\\" not in loc and not u.scheme and not u.netloc and \
        not any(ord(ch) < 0x21 for ch in loc)


@test
def login_next_stays_on_site(ctx):
    w = world(ctx)
    evil = ("//evil.example", "/\\evil.example", "https://evil.example/",
            "http:evil.example", "javascript:alert(1)", "/%2F/evil.example",
            "\\\\evil.example", "/\t/evil.example", "/x\r\nSet-Cookie: a=b",
            "%2F%2Fevil.example", " //evil.example", "///evil.example")
    for nxt in evil:
        q = urllib.parse.quote(nxt, safe="")
        c = lib.Client(ctx.port)
        r = c.get("/login?next=" + q)
        check_page(r, 200, "GET /login?next=" + q)
        vals = [("email", w.users["kansli"]), ("password", PW),
                ("next", nxt)]
        r = c.post_form("/login?next=" + q, vals)
        expect(r, 303, "login with next=%r" % nxt)
        loc = r.header("Location") or ""
        check(local(loc), "login with next=%r redirects to %r"
              % (nxt, loc))
        r = c.get("/login?next=" + q)
        loc = r.header("Location") or ""
        check(r.status == 303 and local(loc), "logged-in GET /login?"
              "next=%r redirects to %r" % (nxt, loc))
        c.close()
    c = lib.Client(ctx.port)
    r = c.post_form("/login", [("email", w.users["kansli"]),
                               ("password", PW),
                               ("next", "/arenden/%d" % w.esf)])
    check(r.header("Location") == "/arenden/%d" % w.esf,
          "a local next is not followed: %r" % r.header("Location"))
    c.close()


def head_413(port, path, cookie=""):
    """Posts a 2 MB form and reads the answer's head."""
    import http.client
    n = 2 * 1024 * 1024
    s = socket.create_connection(("127.0.0.1", port), timeout=20)
    try:
        s.sendall(("POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: "
                   "application/x-www-form-urlencoded\r\nCookie: %s\r\n"
                   "Content-Length: %d\r\n\r\n" % (path, cookie, n)
                   ).encode() + b"x" * n)
    except OSError:
        pass
    resp = http.client.HTTPResponse(s, method="POST")
    resp.begin()
    s.close()
    return lib.Response("POST", path, resp.status, resp.getheaders(), b"")


@test
def error_pages_carry_security_headers(ctx):
    w = world(ctx)
    c = w.login()
    cookies = c.last_login.header_all("Set-Cookie")
    answers = [c.get("/finns-inte"), c.request("DELETE", "/arenden"),
               c.get("/arenden/99999999"), c.request("PUT", "/login"),
               c.post_form("/arenden", {"title": "x"}),
               c.request("POST", "/arenden", body="a=%zz", headers={
                   "Content-Type": "application/x-www-form-urlencoded"}),
               lib.Client(ctx.port).get("/api/v1/me"),
               w.k.api("GET", "/api/v1/finns-inte"),
               w.k.api("POST", "/api/v1/cases", raw=b"{"),
               w.k.api("DELETE", "/api/v1/cases")]
    for r in answers:
        check(400 <= r.status < 500, "%s: want 4xx" % r.where())
        sec_headers(r)
        if "html" in (r.header("Content-Type") or ""):
            check_page(r, r.status, "error page")
    r = head_413(ctx.port, "/arenden")
    check(r.status == 303, "2 MB form without a session: %d (the login "
          "is asked for before the body is read)" % r.status)
    r = head_413(ctx.port, "/arenden", "; ".join(
        "%s=%s" % kv for kv in c.cookies.items()))
    check(r.status == 413, "2 MB form: %d" % r.status)
    sec_headers(r)
    r = c.post_form("/logout", {"_csrf": c.csrf})
    cookies += r.header_all("Set-Cookie")
    check(cookies, "no Set-Cookie seen at login and logout")
    for sc in cookies:
        check("HttpOnly" in sc and "SameSite=Lax" in sc and "Path=/" in sc,
              "cookie without HttpOnly, SameSite=Lax or Path=/: %r" % sc)
    c.close()


@test
def refusal_names_every_failing_rule(ctx):
    """The API's rules array and the page's 409 name the same failures,
    every one of them, and the case page lists them before the move."""
    w = world(ctx)
    k = w.k
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": w.fid, "kind": "esf", "title": "Alla regler",
        "finsam_malgrupp": True,
        "parties": [w.p["fk"], w.p["2480"], w.p["24"]]})
    cid = expect(r, 201).json()["id"]
    path = "/api/v1/cases/%d" % cid
    expect(k.api("POST", path + "/transitions", {"to": "utformning"}), 200)
    c = w.login()
    lib.expect_rules(k.api("POST", path + "/transitions", {
        "to": "avbruten"}), 409, ["G"], "avbruten without a reason")
    for to, want in (("overens", ["G"]), ("partsbeslut", ["G"]),
                     ("utanfor_rutinen", ["R6"])):
        r = k.api("POST", path + "/transitions", {"to": to})
        lib.expect_rules(r, 409, want, "move to " + to)
        msgs = [x["message"] for x in r.json()["error"]["rules"]]
        p = check_page(c.post_form("/arenden/%d/overgang" % cid, {
            "_csrf": c.csrf, "to": to}), 409, "page move to " + to)
        for m in msgs:
            check(" ".join(m.split()) in p.text, "the 409 page of the move "
                  "to %s lacks the failing rule %r" % (to, m))
    # Walk to overens; then every guard of ansokan fails at once.
    led = ctx.api(w.users["led"])
    expect(led.api("PUT", path + "/parties/%d" % w.p["2480"], {
        "forankrad": lib.today()}), 200)
    r = k.api("POST", path + "/transitions", {"to": "overens"})
    lib.expect_rules(r, 409, ["G"], "overens with two unförankrade")
    check(len(r.json()["error"]["rules"]) == 1 and "Region" in
          r.json()["error"]["rules"][0]["message"] and "Försäkrings" in
          r.json()["error"]["rules"][0]["message"],
          "the förankring rule does not name both parties: %s" % r.text)
    for key, pid in (("fk", w.p["fk"]), ("reg", w.p["24"])):
        own = ctx.api(w.users[key])
        expect(own.api("PUT", path + "/parties/%d" % pid, {
            "forankrad": lib.today()}), 200, key + " förankrar")
        own.close()
    expect(k.api("POST", path + "/transitions", {"to": "overens"}), 200)
    expect(k.api("PATCH", path, {"owner_party_id": w.p["fk"],
                                 "finsam_malgrupp": False}), 200)
    r = k.api("POST", path + "/transitions", {"to": "ansokan"})
    lib.expect_rules(r, 409, ["G", "R2", "R3", "R4", "R5", "R6"],
                     "ansokan with nothing done")
    msgs = [x["message"] for x in r.json()["error"]["rules"]]
    check(len(msgs) >= 7, "ansokan refused with only %d rules: %s"
          % (len(msgs), msgs))
    p = check_page(c.post_form("/arenden/%d/overgang" % cid, {
        "_csrf": c.csrf, "to": "ansokan"}), 409, "page move to ansokan")
    missing = [m for m in msgs if " ".join(m.split()) not in p.text]
    check(not missing, "the 409 page lacks failing rules: %s" % missing)
    p = check_page(c.get("/arenden/%d" % cid), 200, "case page")
    missing = [m for m in msgs if " ".join(m.split()) not in p.text]
    check(not missing, "the case page's next step lacks: %s" % missing)
    for x in (c, led):
        x.close()


@test
def every_change_is_audited(ctx):
    """Each kind of change writes audit rows naming its user."""
    w = world(ctx)
    k = w.k
    admin = ctx.api("admin@demo.bered.se")
    me = expect(k.api("GET", "/api/v1/me"), 200).json()["id"]
    aid = expect(admin.api("GET", "/api/v1/me"), 200).json()["id"]
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": w.fid, "kind": "finsam", "title": "Granskad",
        "parties": [w.p["2480"], w.p["24"]]})
    cid = expect(r, 201).json()["id"]
    cp = "/api/v1/cases/%d" % cid
    steps = [
        (k, "PATCH", cp, {"description": "ny text"}, me),
        (k, "PUT", cp + "/parties/%d" % w.p["fk"], {"deltar": True}, me),
        (k, "POST", cp + "/transitions", {"to": "utformning"}, me),
        (k, "POST", "/api/v1/forbund/%d/needs" % w.fid,
         {"malgrupp": "m", "behov": "b"}, me),
        (k, "POST", "/api/v1/calls", {"title": "Granskad",
                                      "reference": "2026/AUDIT1", "opens":
                                      lib.today(), "closes": lib.today(9)},
         me),
        (k, "POST", "/api/v1/forbund/%d/meetings" % w.fid,
         {"date": lib.today(3)}, me),
        (k, "PUT", "/api/v1/forbund/%d/budgets/%d" % (w.fid, YEAR),
         {"offers": [{"party_id": w.p["fk"], "amount": 1000},
                     {"party_id": w.p["2480"], "amount": 250, "share": 0.5},
                     {"party_id": w.p["2482"], "amount": 250, "share": 0.5},
                     {"party_id": w.p["24"], "amount": 500}]}, me),
        (k, "PUT", "/api/v1/cases/%d/participants/%d" % (cid, YEAR),
         {"women": 2, "men": 3}, me),
        (admin, "POST", "/api/v1/users", {
            "email": "granskad.%d@indata.bered.se" % w.fid, "name": "G",
            "role": "nationell", "password": PW}, aid),
    ]
    for who, method, path, body, uid in steps:
        db = lib.db_connect(ctx.db)
        top = db.execute("SELECT coalesce(max(id), 0) FROM audit"
                         ).fetchone()[0]
        db.close()
        r = who.api(method, path, body)
        check(r.status in (200, 201), "%s: %d %s" % (r.where(), r.status,
                                                      r.text[:200]))
        db = lib.db_connect(ctx.db)
        rows = db.execute("SELECT user_id, entity FROM audit WHERE id > ?",
                          (top,)).fetchall()
        db.close()
        check(rows and all(u == uid for u, _ in rows), "%s %s wrote audit "
              "rows %r (want >= 1 by user %d)" % (method, path, rows, uid))
    hist = expect(k.api("GET", cp), 200).json()["history"]
    kinds = [h["type"] for h in hist]
    check("change" in kinds and "transition" in kinds and
          all(h["user_id"] == me for h in hist), "case history: %r" % hist)
    admin.close()


@test
def budget_shares_never_vanish(ctx):
    """A share too small to store, a share of 0 %, or a misspelt key is
    refused by name: none may silently become 'not given' (equal)."""
    w = world(ctx)
    bp = "/api/v1/forbund/%d/budgets/%d" % (w.fid, YEAR + 1)

    def offers(s1, s2):
        return {"offers": [{"party_id": w.p["fk"], "amount": 1000},
                           {"party_id": w.p["2480"], "amount": 300,
                            "share": s1},
                           {"party_id": w.p["2482"], "amount": 100,
                            "share": s2},
                           {"party_id": w.p["24"], "amount": 500}]}
    for body, field in ((offers(1e-9, 1e-9), "offers[1].share"),
                        (dict(offers(0.6, 0.4), offer=[]), "offer")):
        r = w.k.api("PUT", bp, body)
        lib.expect_field(r, field, "budget %r" % body)
    expect(w.k.api("GET", bp), 404, "a refused budget was stored")
    c = w.login()
    p = check_page(c.get("/budget?ar=%d" % (YEAR + 1)), 200)
    f = [x for x in p.find_forms(r"/budget(\?.*)?")
         if "andel-%d" % w.p["2480"] in lib.field_names(x)][0]
    vals = lib.form_values(f, {
        "belopp-%d" % w.p["fk"]: "1000", "belopp-%d" % w.p["2480"]: "300",
        "belopp-%d" % w.p["2482"]: "100", "belopp-%d" % w.p["24"]: "500",
        "andel-%d" % w.p["2480"]: "0", "andel-%d" % w.p["2482"]: "0",
        "andel-%d" % w.p["24"]: "100"})
    r = c.post_form(f["action"], vals)
    check_page(r, 422, "budget form with 0 % shares")
    check("andel-%d" % w.p["2480"] in r.text, "the 0 % share is not "
          "pointed at")
    expect(w.k.api("GET", bp), 404, "a refused budget form was stored")
    c.close()
