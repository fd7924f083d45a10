"""Accounts that can be managed, the audit log and e-mail notifications
(issue 9): deactivation ends sessions and tokens at once, the kansli
manages only its förbund's ledamöter and styrelse, password rules and
one-time passwords, the audit page and its CSV, and mail through a local
SMTP sink: the right people get the right mail once; a sink that refuses
or disappears (also across a restart of Bered) loses nothing."""

import time

import lib
import smtpsink
from lib import Client, check, check_page, expect, test

ADMIN = "admin@demo.bered.se"
K = "kansli@demo.bered.se"
STYRELSE = "styrelse@demo.bered.se"
PW = "gula-tulpaner-i-maj"
NEW_PW = "sju-sorters-kakor-i-kväll"


def db_one(ctx, sql, args=()):
    db = lib.db_connect(ctx.db)
    try:
        return db.execute(sql, args).fetchone()
    finally:
        db.close()


def party_id(ctx, fid, name):
    return db_one(ctx, "SELECT id FROM party WHERE forbund_id = ? AND "
                  "name = ?", (fid, name))[0]


def new_user(ctx, email, role="ledamot", party="Kalmar kommun", fid=None):
    """A user of förbund A made at the command line; returns its id."""
    fid = fid or ctx.fa
    args = ["user", "add", "--email", email, "--name", "Testa " + role,
            "--role", role, "--password", PW, "--forbund", str(fid),
            "--db", ctx.db]
    if role == "ledamot":
        args += ["--party", str(party_id(ctx, fid, party))]
    lib.run_cli(ctx.binary, args)
    return db_one(ctx, "SELECT id FROM app_user WHERE email = ?",
                  (email,))[0]


@test
def deactivated_user_is_out_at_once(ctx):
    uid = new_user(ctx, "avstangd@e2e.bered.se")
    page = ctx.login("avstangd@e2e.bered.se", PW)
    expect(page.last_login, 303, "login before")
    api = ctx.api("avstangd@e2e.bered.se")
    expect(api.api("GET", "/api/v1/me"), 200, "token before")
    admin = ctx.api(ADMIN)
    r = expect(admin.api("PATCH", "/api/v1/users/%d" % uid,
                         {"active": False}), 200, "deactivate")
    check(r.json()["active"] is False, "PATCH answer: %r" % r.text)
    r = page.get("/arenden")
    check(r.status == 303 and r.header("Location").startswith("/login"),
          "the deactivated user's session: %d %r"
          % (r.status, r.header("Location")))
    expect(api.api("GET", "/api/v1/me"), 401, "the deactivated user's token")
    c = ctx.login("avstangd@e2e.bered.se", PW)
    expect(c.last_login, 401, "login of a deactivated user")
    # Nothing they did disappears: their name stays in the history.
    aid = db_one(ctx, "SELECT id FROM app_user WHERE email = ?",
                 (ADMIN,))[0]
    log = expect(admin.api("GET", "/api/v1/audit?user_id=%d&limit=1000"
                           % aid), 200).json()
    check(any(a["entity"] == "user" and a["entity_id"] == uid and
              a["field"] == "active" for a in log),
          "the deactivation is not in the audit log")
    # Back again: login works, the old token stays revoked.
    expect(admin.api("PATCH", "/api/v1/users/%d" % uid, {"active": True}),
           200, "reactivate")
    expect(api.api("GET", "/api/v1/me"), 401, "the old token after "
           "reactivation")
    c = ctx.login("avstangd@e2e.bered.se", PW)
    expect(c.last_login, 303, "login after reactivation")
    for x in (page, api, admin, c):
        x.close()


@test
def kansli_manages_only_its_people(ctx):
    led = new_user(ctx, "kanslins-ledamot@e2e.bered.se")
    kan = new_user(ctx, "annan-kansli@e2e.bered.se", role="kansli")
    other = new_user(ctx, "annat-forbund@e2e.bered.se",
                     party="Karlskrona kommun", fid=ctx.fb)
    k = ctx.login(K)
    p = check_page(k.get("/anvandare"), 200, "the kansli's user list")
    check("kanslins-ledamot@e2e.bered.se" in p.text and
          "annat-forbund@e2e.bered.se" not in p.text,
          "the kansli's list shows the wrong users")
    page = check_page(k.get("/anvandare/%d" % led), 200, "edit form")
    form = page.find_forms(r"/anvandare/%d$" % led)[0]
    vals = lib.form_values(form, {"name": "Ändrad Ledamot"})
    r = k.post_form("/anvandare/%d" % led, vals)
    expect(r, 303, "the kansli renames its ledamot")
    check(db_one(ctx, "SELECT name FROM app_user WHERE id = ?",
                 (led,))[0] == "Ändrad Ledamot", "the name was not saved")
    r = k.post_form("/anvandare/%d" % led, dict(vals, role="admin"))
    check_page(r, 403, "the kansli makes someone admin")
    check(db_one(ctx, "SELECT role FROM app_user WHERE id = ?",
                 (led,))[0] == "ledamot", "the role changed anyway")
    check_page(k.get("/anvandare/%d" % kan), 403, "another kansli")
    check_page(k.post_form("/anvandare/%d" % kan, vals), 403,
               "saving another kansli")
    check_page(k.get("/anvandare/%d" % other), 404,
               "another förbund's user")
    # Deactivating through the form (the box not ticked).
    vals = lib.form_values(form, {"name": "Ändrad Ledamot"},
                           drop=("active",))
    expect(k.post_form("/anvandare/%d" % led, vals), 303, "deactivate")
    check(db_one(ctx, "SELECT active FROM app_user WHERE id = ?",
                 (led,))[0] == 0, "the form did not deactivate")
    # Nobody switches themselves off.
    admin = ctx.api(ADMIN)
    aid = db_one(ctx, "SELECT id FROM app_user WHERE email = ?",
                 (ADMIN,))[0]
    r = admin.api("PATCH", "/api/v1/users/%d" % aid, {"active": False})
    expect(r, 422, "the admin deactivates itself")
    s = ctx.login(STYRELSE)
    check_page(s.get("/anvandare"), 403, "the styrelse's user list")
    check_page(s.get("/logg"), 403, "the styrelse's audit log")
    for x in (k, admin, s):
        x.close()


@test
def password_change_and_rules(ctx):
    email = "byter-losen@e2e.bered.se"
    new_user(ctx, email)
    other = ctx.login(email, PW)
    c = ctx.login(email, PW)
    c.get("/konto")

    def change(cur, new, again=None):
        return c.post_form("/konto/losenord", {
            "_csrf": c.csrf, "current": cur, "new": new,
            "repeat": new if again is None else again})
    for cur, new, again, why in (
            ("fel-fel-fel-fel", NEW_PW, None, "wrong current"),
            (PW, NEW_PW, NEW_PW + "x", "two different"),
            (PW, "kort", None, "too short"),
            (PW, email, None, "the e-mail address"),
            (PW, "Sommar2026!!", None, "a common password"),
            (PW, "abcabcabcabcabc", None, "a repeat")):
        r = change(cur, new, again)
        check_page(r, 422, "password change refused: " + why)
    r = change(PW, NEW_PW)
    check(r.status == 303 and "ok=losenord" in r.header("Location"),
          "password change: %d" % r.status)
    expect(c.get("/arenden"), 200, "this session goes on")
    r = other.get("/arenden")
    check(r.status == 303, "another session of the user goes on after the "
          "change: %d" % r.status)
    expect(ctx.login(email, PW).last_login, 401, "the old password")
    expect(ctx.login(email, NEW_PW).last_login, 303, "the new password")
    c.close()


@test
def one_time_password_must_be_replaced(ctx):
    email = "engang@e2e.bered.se"
    uid = new_user(ctx, email)
    old = ctx.login(email, PW)
    admin = ctx.login(ADMIN)
    admin.get("/anvandare/%d" % uid)
    r = admin.post_form("/anvandare/%d/losenord" % uid,
                        {"_csrf": admin.csrf, "password": "kort"})
    check_page(r, 422, "a one-time password that breaks the rules")
    r = admin.post_form("/anvandare/%d/losenord" % uid,
                        {"_csrf": admin.csrf,
                         "password": "tillfälligt-lösen-42"})
    expect(r, 303, "the admin sets a one-time password")
    check(old.get("/arenden").status == 303, "the user's session survived")
    c = ctx.login(email, "tillfälligt-lösen-42")
    expect(c.last_login, 303, "login with the one-time password")
    r = c.get("/arenden")
    check(r.status == 303 and r.header("Location").startswith("/konto"),
          "before the change every page leads to the password form: %d %r"
          % (r.status, r.header("Location")))
    p = check_page(c.get("/konto?byt=1"), 200, "the forced form")
    check("engångslösenord" in p.text and
          not p.find_forms(r"/konto/nycklar"),
          "the forced page shows more than the password form")
    r = c.post_form("/konto/losenord", {
        "_csrf": c.csrf, "current": "tillfälligt-lösen-42", "new": NEW_PW,
        "repeat": NEW_PW})
    expect(r, 303, "the user replaces the one-time password")
    expect(c.get("/arenden"), 200, "pages open again")
    k = ctx.login(K)
    check_page(k.post_form("/anvandare/%d/losenord" % uid,
                           {"_csrf": k.csrf, "password": NEW_PW + "1"}),
               403, "the kansli sets a one-time password")
    for x in (old, admin, c, k):
        x.close()


@test
def audit_page_and_csv(ctx):
    k = ctx.api(K)
    r = expect(k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "Loggprov",
        "finsam_malgrupp": True}), 201, "a case for the log")
    cid = r.json()["id"]
    expect(k.api("PATCH", "/api/v1/cases/%d" % cid,
                 {"title": "=HYPERLINK(\"http://x\")"}), 200,
           "a formula-looking title")
    c = ctx.login(K)
    p = check_page(c.get("/logg?case_id=%d" % cid), 200, "the audit page")
    check("HYPERLINK" in p.text, "the page lacks the case's creation")
    r = c.get("/logg?case_id=%d&format=csv" % cid)
    check(r.status == 200 and "text/csv" in r.header("Content-Type") and
          r.body.startswith(b"\xef\xbb\xbf"), "CSV: %d %r"
          % (r.status, r.header("Content-Type")))
    text = r.body.decode("utf-8-sig")
    check('"\'=HYPERLINK' in text and "\r\n" in text and ";" in text,
          "a formula-looking text was not neutralised: %r" % text[:400])
    bcase = db_one(ctx, "SELECT id FROM arende WHERE forbund_id = ? "
                   "LIMIT 1", (ctx.fb,))[0]
    p = check_page(c.get("/logg?case_id=%d" % bcase), 200,
                   "another förbund's case in the filter")
    check("0 ändringar" in p.text, "the kansli sees another förbund's "
          "rows")
    check_page(c.get("/logg?from=ig%C3%A5r"), 422, "a bad date in the filter")
    k.close()
    c.close()


# ---- e-mail ---------------------------------------------------------------

def wait_for(pred, secs=15.0):
    end = time.time() + secs
    while time.time() < end:
        if pred():
            return True
        time.sleep(0.2)
    return pred()


def mail_server(ctx, sink, name="mail-server"):
    s = lib.Server(ctx.binary, ctx.db, ctx.workdir, name, extra=[
        "--smtp", "smtp://127.0.0.1:%d" % sink.port,
        "--mail-from", "bered@e2e.bered.se",
        "--base-url", "https://bered.example.se/"]).start()
    ctx.extra_servers.append(s)
    return s


def about(sink, addr, title):
    return [m for m in sink.to(addr) if title in m["subject"]]


def move(api, cid, to):
    return expect(api.api("POST", "/api/v1/cases/%d/transitions" % cid,
                          {"to": to}), 200, "move to " + to)


def esf_case(api, ctx, title, parties):
    ids = [party_id(ctx, ctx.fa, p) for p in parties]
    r = api.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": title,
        "finsam_malgrupp": True, "parties": ids})
    return expect(r, 201, "case " + title).json()["id"]


@test
def mail_reaches_the_right_people_once(ctx):
    # Without --smtp nothing is queued (the main server).
    k0 = ctx.api(K)
    cid0 = esf_case(k0, ctx, "Utan e-post", ["Kalmar kommun",
                                             "Nybro kommun"])
    move(k0, cid0, "utformning")
    check(db_one(ctx, "SELECT COUNT(*) FROM notice WHERE case_id = ?",
                 (cid0,))[0] == 0, "notices made without --smtp")
    k0.close()

    sink = smtpsink.Sink()
    s = mail_server(ctx, sink)
    try:
        k = Client(s.port, token=ctx.token(K))
        av = Client(s.port, token=ctx.token("ledamot.af@demo.bered.se"))
        expect(av.api("PUT", "/api/v1/me/notifications", {"mode": "av"}), 200)
        title = "Mejlprov för parterna"
        cid = esf_case(k, ctx, title, ["Försäkringskassan",
                                       "Arbetsförmedlingen", "Kalmar kommun"])
        move(k, cid, "utformning")
        for who in ("ledamot.fk@demo.bered.se", "ledamot.kalmar@demo.bered.se"):
            check(wait_for(lambda: len(about(sink, who, title)) >= 2),
                  "%s got %r" % (who, [m["subject"] for m in sink.to(who)]))
        time.sleep(2)
        for who in ("ledamot.fk@demo.bered.se", "ledamot.kalmar@demo.bered.se"):
            got = sorted(m["subject"] for m in about(sink, who, title))
            check(got == ["Bered: Väntar på er: " + title,
                          "Bered: Ärendet har flyttats: " + title],
                  "%s: expected one move and one wait, got %r" % (who, got))
        msg = about(sink, "ledamot.fk@demo.bered.se", title)[0]
        text = smtpsink.text_of(msg)
        check("https://bered.example.se/arenden/%d" % cid in text and
              "Hej " in text and smtpsink.html_of(msg).strip(),
              "the mail lacks its link, greeting or HTML part: %r" % text)
        for who, why in (("ledamot.af@demo.bered.se", "chose av"),
                         ("ledamot.nybro@demo.bered.se", "not a party"),
                         ("styrelse@demo.bered.se", "R1: ESF+"),
                         (K, "the kansli is not told of a move")):
            got = [m["subject"] for m in about(sink, who, title)]
            check(got == [], "%s (%s) got %r" % (who, why, got))
        # When every party has anchored it, the case can move: the kansli hears.
        for who, party in (("ledamot.fk@demo.bered.se", "Försäkringskassan"),
                           ("ledamot.af@demo.bered.se", "Arbetsförmedlingen"),
                           ("ledamot.kalmar@demo.bered.se", "Kalmar kommun")):
            c = Client(s.port, token=ctx.token(who))
            expect(c.api("PUT", "/api/v1/cases/%d/parties/%d"
                         % (cid, party_id(ctx, ctx.fa, party)),
                         {"forankrad": lib.today()}), 200, who + " anchors")
            c.close()
        check(wait_for(lambda: about(sink, K, "Kan flyttas: " + title)),
              "the kansli was not told the case can move: %r"
              % [m["subject"] for m in sink.to(K)])
        expect(av.api("PUT", "/api/v1/me/notifications", {"mode": "direkt"}),
               200)

        # A sink that refuses, then accepts: the mail comes, once.
        sink.refuse = True
        title2 = "Mejlprov när servern vägrar"
        cid2 = esf_case(k, ctx, title2, ["Nybro kommun", "Kalmar kommun"])
        move(k, cid2, "utformning")
        check(wait_for(lambda: db_one(
            ctx, "SELECT COUNT(*) FROM outbox WHERE subject LIKE ? AND "
            "attempts > 0 AND sent_at IS NULL AND last_error IS NOT NULL",
            ("%" + title2,))[0] > 0, 10), "no failed attempt recorded")
        a = ctx.login(ADMIN, port=s.port)
        p = check_page(a.get("/utkorg"), 200, "the admin's outbox")
        check(title2 in p.text and "Väntar" in p.text,
              "the outbox page does not show the waiting mail")
        sink.refuse = False
        who = "ledamot.nybro@demo.bered.se"
        check(wait_for(lambda: len(about(sink, who, title2)) >= 2, 20),
              "after the refusal the mail never came: %r"
              % [m["subject"] for m in sink.to(who)])

        # The sink disappears, Bered restarts, the sink comes back.
        port = sink.port
        sink.stop()
        title3 = "Mejlprov över en omstart"
        cid3 = esf_case(k, ctx, title3, ["Torsås kommun", "Kalmar kommun"])
        move(k, cid3, "utformning")
        check(wait_for(lambda: db_one(
            ctx, "SELECT COUNT(*) FROM outbox WHERE subject LIKE ? AND "
            "sent_at IS NULL", ("%" + title3,))[0] >= 2, 10),
            "nothing queued while the sink was away")
        k.close()
        av.close()
        a.close()
        check(s.stop() == 0, "Bered did not stop cleanly with mail waiting")
    finally:  # a failure must not leave them to the next test
        s.stop()
        sink.stop()
    # As if it had failed for hours: the next try an hour away.
    db = lib.db_connect(ctx.db)
    db.execute("UPDATE outbox SET next_try = ? WHERE sent_at IS NULL AND "
               "subject LIKE ?", (int(time.time()) + 3600, "%" + title3))
    db.commit()
    db.close()
    sink2 = smtpsink.Sink(port)
    s2 = mail_server(ctx, sink2, "mail-server-2")
    try:
        # A restart tries what waited at once, whatever its back-off.
        who = "ledamot.torsas@demo.bered.se"
        check(wait_for(lambda: db_one(
            ctx, "SELECT COUNT(*) FROM outbox WHERE subject LIKE ? AND "
            "sent_at IS NULL", ("%" + title3,))[0] == 0, 10),
            "the outbox still holds the mail after the restart")
        time.sleep(1.5)
        check(len(about(sink2, who, title3)) == 2, "not sent once: %r"
              % [m["subject"] for m in about(sink2, who, title3)])
    finally:
        s2.stop()
        sink2.stop()


@test
def daily_digest_is_one_mail(ctx):
    sink = smtpsink.Sink()
    who = "ledamot.emmaboda@demo.bered.se"
    db = lib.db_connect(ctx.db)
    db.execute("UPDATE app_user SET notify_mode = 'dagligen', last_digest "
               "= NULL WHERE email = ?", (who,))
    db.commit()
    db.close()
    s = mail_server(ctx, sink, "digest-server")
    try:
        k = Client(s.port, token=ctx.token(K))
        title = "Mejlprov sammanfattning"
        cid = esf_case(k, ctx, title, ["Emmaboda kommun", "Kalmar kommun"])
        move(k, cid, "utformning")
        check(wait_for(lambda: len(sink.to(who)) >= 1), "no digest came")
        time.sleep(1.5)
        mails = sink.to(who)
        check(len(mails) == 1, "a digest a day, got %d mails: %r"
              % (len(mails), [m["subject"] for m in mails]))
        text = smtpsink.text_of(mails[0])
        check(text.count(title) >= 2, "the digest lacks the move and the "
              "wait: %r" % text[:600])
        k.close()
    finally:
        s.stop()
        sink.stop()
