"""The platform: health, headers, keep-alive, login and logout, sessions,
CSRF, login throttling, API tokens (CLI and /konto), the OpenAPI file."""

import hashlib
import json
import os
import re
import time

import lib
from lib import Client, check, check_page, expect, test

HERE = os.path.dirname(os.path.abspath(__file__))
ROUTES_C = os.path.join(HERE, "..", "..", "src", "http", "routes.c")


def sec_headers(r, html=None):
    """CSP without inline script, nosniff, frame-ancestors, charset."""
    csp = r.header("Content-Security-Policy") or ""
    check("frame-ancestors 'none'" in csp,
          "%s: CSP lacks frame-ancestors 'none': %r" % (r.where(), csp))
    m = re.search(r"script-src([^;]*)", csp) or \
        re.search(r"default-src([^;]*)", csp)
    check(m is not None and "'unsafe-inline'" not in m.group(1),
          "%s: CSP allows inline script or sets no script-src: %r"
          % (r.where(), csp))
    check((r.header("X-Content-Type-Options") or "").lower() == "nosniff",
          "%s: X-Content-Type-Options: nosniff missing" % r.where())
    ct = (r.header("Content-Type") or "").lower()
    check("charset=utf-8" in ct.replace(" ", ""),
          "%s: Content-Type without charset=utf-8: %r" % (r.where(), ct))


GOOD_PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>T</title></head>
<body><h1>Rubrik</h1><h2>Del</h2><ul><li>a<li>b</ul>
<form method="post" action="/x"><input type="hidden" name="_csrf" value="c">
<label for="f">Fält</label><input id="f" name="f">
<label>Inne <input type="checkbox" name="g"></label>
<select name="s" aria-label="Val"><option value="1">Ett</select>
<button type="submit">Spara</button></form></body></html>"""

BAD_PAGES = {
    "unbalanced": ("<div><span></div>", "closes"),
    "lang": ('<html lang="en">', "lang"),
    "label": ('<input id="q" name="q">', "no <label"),
    "duplicate id": ('<p id="f">x</p>', "not unique"),
    "two h1": ("<h1>Igen</h1>", "<h1>"),
    "skipped level": ("<h4>Djup</h4>", "skips"),
    "inline script": ("<script>alert(1)</script>", "inline <script>"),
    "inline style": ('<p style="color:red">x</p>', "style"),
    "csrf": ('<form method="post" action="/y"><button>x</button></form>',
             "_csrf"),
}


@test
def validator_self_check(ctx):
    """The page validator accepts a valid page and catches each fault."""
    p = lib.Page()
    p.feed(GOOD_PAGE)
    p.finish()
    check(not p.errors, "validator rejects a valid page: %s" % p.errors)
    for name, (snippet, word) in BAD_PAGES.items():
        html = GOOD_PAGE.replace("</body>", snippet + "</body>")
        if name == "lang":
            html = GOOD_PAGE.replace('<html lang="sv">', snippet)
        p = lib.Page()
        p.feed(html)
        p.finish()
        check(any(word in e for e in p.errors),
              "validator misses %s (errors: %s)" % (name, p.errors))


@test
def healthz_and_headers(ctx):
    c = Client(ctx.port)
    r = expect(c.get("/healthz"), 200)
    check(r.json() == {"status": "ok", "database": "ok"},
          "GET /healthz: body %r" % r.text)
    check((r.header("Content-Type") or "").startswith("application/json"),
          "GET /healthz: not JSON: %r" % r.header("Content-Type"))
    sec_headers(r)
    for path, status in (("/login", 200), ("/finns-inte", 404),
                         ("/api/v1/finns-inte", 404), ("/api/v1/me", 401)):
        r = c.get(path)
        expect(r, status)
        sec_headers(r)
        if not path.startswith("/api/"):
            check_page(r, status)
        else:
            check("error" in r.json(), "%s: error body not in API shape"
                  % r.where())
    r = expect(c.get("/api/v1/me", headers={"Authorization": "Bearer " +
                                             "0" * 64}), 401)
    check(r.json()["error"].get("code"), "401 without error.code")
    r = c.request("DELETE", "/healthz")
    expect(r, 405, "wrong method")
    check(r.header("Allow") and "GET" in r.header("Allow"),
          "405 without Allow: GET")
    c.close()


@test
def keep_alive(ctx):
    """Two requests on one connection reuse it (ARCHITECTURE.md pitfall)."""
    for who, path in ((None, "/healthz"), ("api", "/api/v1/me"),
                      ("page", "/arenden")):
        if who == "api":
            c = ctx.api("kansli@demo.bered.se")
        elif who == "page":
            c = ctx.login("kansli@demo.bered.se")
        else:
            c = Client(ctx.port)
        r1 = expect(c.get(path), 200)
        check(c.conn is not None and c.conn.sock is not None,
              "GET %s: connection closed after the first answer "
              "(Connection: %r)" % (path, r1.header("Connection")))
        sock = c.conn.sock
        r2 = expect(c.get(path), 200)
        for r in (r1, r2):
            check((r.header("Connection") or "").lower() != "close",
                  "%s: Connection: close, keep-alive broken" % r.where())
        check(c.conn is not None and c.conn.sock is sock,
              "GET %s twice: the second request used a new connection"
              % path)
        c.close()


@test
def login_logout(ctx):
    anon = Client(ctx.port)
    r = expect(anon.get("/"), 303, "start page without login")
    check((r.header("Location") or "").startswith("/login"),
          "GET / unauthenticated: Location %r" % r.header("Location"))
    r = expect(anon.get("/arenden"), 303)
    check("next=" in (r.header("Location") or ""),
          "GET /arenden unauthenticated: no next= in %r"
          % r.header("Location"))
    # Wrong password: no session, a valid page with the error.
    bad = ctx.login("kansli@demo.bered.se", "fel-losen")
    r = bad.last_login
    check(r.status in (200, 401, 422), "POST /login wrong password: "
          "expected 200/401/422 with the form, got %d" % r.status)
    check_page(r, r.status, "login refused")
    check(not bad.cookies, "wrong password set a cookie: %r" % bad.cookies)
    # Right password: a fresh cookie each time.
    c1 = ctx.login("kansli@demo.bered.se")
    expect(c1.last_login, 303, "login")
    sc = " ".join(c1.last_login.header_all("Set-Cookie"))
    check("HttpOnly" in sc and "SameSite=Lax" in sc,
          "session cookie lacks HttpOnly/SameSite=Lax: %r" % sc)
    check("Secure" not in sc, "Secure cookie without TLS/BERED_SECURE_"
          "COOKIES: %r" % sc)
    c2 = ctx.login("kansli@demo.bered.se")
    check(c1.cookies and c2.cookies and c1.cookies != c2.cookies,
          "two logins gave the same session id")
    old = dict(c1.cookies)
    p = check_page(c1.get("/"), 200, "start page")
    logout = p.find_forms(r"/logout")
    check(logout, "start page has no logout form")
    r = c1.post_form("/logout", lib.form_values(logout[0]))
    expect(r, (303, 200), "logout")
    check(not c1.cookies, "logout did not clear the cookie")
    # The old session id is dead on the server, not only in the browser.
    again = Client(ctx.port)
    again.cookies = old
    r = expect(again.get("/"), 303, "old session after logout")
    check((r.header("Location") or "").startswith("/login"),
          "old session after logout still logged in")
    # The other session is unaffected.
    expect(c2.get("/"), 200, "second session after first logout")
    for c in (anon, bad, c1, c2, again):
        c.close()


@test
def csrf_refused(ctx):
    c = ctx.login("kansli@demo.bered.se")
    before = ctx.api("kansli@demo.bered.se")
    n0 = len(lib.items(before.api("GET", "/api/v1/cases?forbund_id=%d"
                                  % ctx.fa)))
    fields = {"title": "CSRF-försök", "kind": "esf",
              "forbund_id": str(ctx.fa)}
    expect(c.post_form("/logout", {}), 403, "logout without _csrf")
    expect(c.post_form("/logout", {"_csrf": "0" * 64}), 403,
           "logout with wrong _csrf")
    expect(c.post_form("/arenden", fields), 403, "case form without _csrf")
    f2 = dict(fields, _csrf="a" * 64)
    expect(c.post_form("/arenden", f2), 403, "case form with wrong _csrf")
    # A token from another session does not work either.
    other = ctx.login("ledamot.fk@demo.bered.se")
    f3 = dict(fields, _csrf=other.csrf)
    expect(c.post_form("/arenden", f3), 403, "another session's _csrf")
    r = before.api("GET", "/api/v1/cases?forbund_id=%d" % ctx.fa)
    n1 = len(lib.items(r))
    check(n0 == n1, "a refused CSRF post created a case (%d -> %d)"
          % (n0, n1))
    expect(c.get("/"), 200, "session still valid after CSRF refusals")
    for x in (c, other, before):
        x.close()


def new_user(ctx, email, role="kansli", forbund=None, party=None):
    admin = ctx.api("admin@demo.bered.se")
    body = {"email": email, "name": "Testperson " + role, "role": role,
            "password": "ett-langt-losenord-1", "forbund_id": forbund,
            "party_id": party}
    r = expect(admin.api("POST", "/api/v1/users", body), 201,
               "admin creates user")
    check(r.json().get("id"), "POST /api/v1/users: no id")
    admin.close()
    return r.json()["id"]


@test
def login_throttling(ctx):
    email = "throttle@test.bered.se"
    new_user(ctx, email, "kansli", ctx.fa)
    for i in range(5):
        c = ctx.login(email, "fel-%d" % i)
        check(c.last_login.status not in (303, 429, 500),
              "wrong password #%d: got %d" % (i + 1, c.last_login.status))
        c.close()
    c = ctx.login(email, "fel-6")
    check(c.last_login.status == 429, "6th wrong password: expected 429, "
          "got %d" % c.last_login.status)
    check_page(c.last_login, 429, "throttled login page")
    c = ctx.login(email, "ett-langt-losenord-1")
    check(c.last_login.status == 429, "right password while throttled: "
          "expected 429, got %d" % c.last_login.status)
    # Another account from the same address is not locked out.
    c = ctx.login("ledamot.af@demo.bered.se")
    expect(c.last_login, 303, "other account after throttling")
    c.close()


def session_hash(c):
    val = list(c.cookies.values())[0]
    return hashlib.sha256(val.encode()).hexdigest()


@test
def session_expiry(ctx):
    """Idle and absolute expiry, by ageing the session rows in the
    database (the server reads them on every request), and by a second
    server with a tiny idle time if `serve` has such a flag."""
    now = int(time.time())
    for column, age, what in (("last_seen", 31 * 60, "idle 31 min"),
                              ("created", 13 * 3600, "absolute 13 h")):
        c = ctx.login("ledamot.region@demo.bered.se")
        expect(c.get("/"), 200, "fresh session")
        db = lib.db_connect(ctx.db)
        with db:
            n = db.execute("UPDATE session SET %s = ? WHERE id_hash = ?"
                           % column, (now - age, session_hash(c))).rowcount
        db.close()
        check(n == 1, "session row not found by SHA-256 of the cookie")
        r = expect(c.get("/"), 303, "session after " + what)
        check((r.header("Location") or "").startswith("/login"),
              "expired session (%s) not sent to /login" % what)
        c.close()
    _, out, err = ctx.cli("serve", "--help", check_rc=False)
    helptext = out + err
    flag = None
    for f in ("--session-idle", "--idle-timeout", "--session-timeout"):
        if f in helptext:
            flag = f
            break
    if flag is None:
        ctx.notes.append("serve has no --session-idle flag: idle expiry "
                         "tested by ageing the session row only")
        return
    s = lib.Server(ctx.binary, ctx.db, ctx.workdir, "idle-server",
                   extra=[flag, "1"]).start()
    ctx.extra_servers.append(s)
    c = ctx.login("ledamot.region@demo.bered.se", port=s.port)
    expect(c.last_login, 303, "login on idle-server")
    time.sleep(2.2)
    r = expect(c.get("/"), 303, "session after 2 s with %s 1" % flag)
    c.close()


@test
def api_tokens(ctx):
    me = ctx.api("ledamot.kalmar@demo.bered.se")
    r = expect(me.api("GET", "/api/v1/me"), 200)
    j = r.json()
    for k in ("id", "email", "name", "role", "forbund_id", "party_id"):
        check(k in j, "GET /api/v1/me lacks %r: %r" % (k, j))
    check(j["email"] == "ledamot.kalmar@demo.bered.se" and
          j["role"] == "ledamot" and j["forbund_id"] == ctx.fa and
          j["party_id"] == ctx.pa["0880"], "GET /api/v1/me: %r" % j)
    me.close()
    # A token made in the UI (/konto), then revoked there.
    c = ctx.login("ledamot.kalmar@demo.bered.se")
    p = check_page(c.get("/konto"), 200, "/konto")
    forms = p.find_forms(r"/konto/nycklar")
    check(forms, "/konto has no form posting to /konto/nycklar")
    vals = lib.form_values(forms[0])
    names = lib.field_names(forms[0])
    vals = [(k, "e2e-nyckel" if k == "name" or (k != "_csrf" and v == "")
             else v) for k, v in vals]
    r = c.post_form("/konto/nycklar", vals)
    if r.status == 303:
        r = c.get(r.header("Location"))
    page = check_page(r, (200, 201), "token created")
    m = re.search(r"\b[0-9a-f]{64}\b", page.text)
    check(m is not None, "POST /konto/nycklar: the new token is not shown "
          "(fields %s)" % names)
    tok = m.group(0)
    t = Client(ctx.port, token=tok)
    expect(t.api("GET", "/api/v1/me"), 200, "UI-made token")
    p = check_page(c.get("/konto"), 200, "/konto with a token")
    rev = p.find_forms(r"/konto/nycklar/\d+/aterkalla")
    check(rev, "/konto lists no revoke form for the new token")
    r = c.post_form(rev[-1]["action"], lib.form_values(rev[-1]))
    expect(r, (303, 200), "revoke token")
    # Revoke every token of this user made here until ours is dead.
    for f in rev[:-1]:
        c.post_form(f["action"], lib.form_values(f))
    t.close()
    t = Client(ctx.port, token=tok)
    expect(t.api("GET", "/api/v1/me"), 401, "revoked token")
    t.close()
    c.close()
    # Tokens made by the CLI for this user are separate and still work.
    me = ctx.api("ledamot.kalmar@demo.bered.se")
    ok = me.api("GET", "/api/v1/me")
    if ok.status == 401:
        ctx.tokens.pop("ledamot.kalmar@demo.bered.se", None)
    me.close()


def route_paths():
    out = []
    with open(ROUTES_C, encoding="utf-8") as f:
        for m in re.finditer(r'\{\s*"(\w+)",\s*"(/api/v1/[^"]*)"', f.read()):
            out.append((m.group(1).lower(), m.group(2)))
    return out


@test
def openapi_matches_routes(ctx):
    c = Client(ctx.port)
    r = expect(c.get("/api/v1/openapi.json"), 200)
    doc = r.json()
    check(str(doc.get("openapi", "")).startswith("3"),
          "openapi.json: openapi version %r" % doc.get("openapi"))
    paths = {re.sub(r"\{[^}]*\}", "{}", p): set(v.keys())
             for p, v in doc.get("paths", {}).items()}
    missing = []
    for method, path in route_paths():
        if path == "/api/v1/openapi.json":
            continue
        norm = path.replace(":id", "{}")
        if norm not in paths or method not in paths[norm]:
            missing.append("%s %s" % (method.upper(), path))
    check(not missing, "openapi.json lacks routes the server answers: %s"
          % missing)
    json.dumps(doc)
    c.close()
