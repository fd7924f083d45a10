"""Data isolation, adversarially: EVERY route of src/http/routes.c that
takes an id is tried by users of another förbund with förbund A's ids, and
must answer exactly what it answers for missing data (same status, same
body). Ids smuggled in bodies and forms (a need, a party, a case on an
agenda) are refused as if they did not exist. Nothing of A changes, and
no answer to B's users names A. R7 tricks on the API and the form."""

import re

import lib
from lib import check, check_page, expect, test
from test_platform import ROUTES_C

K = "kansli@demo.bered.se"
B_LED = "ledamot.karlskrona@demo.bered.se"
B_KANSLI = "kansli.b@isolation.bered.se"
B_PASSWORD = "ett-langt-losenord-1"
YEAR = int(lib.today()[:4])
MISSING = 99999999
A_NAME = "Sydost-demo"


def all_routes():
    """(method, pattern) of every route in routes.c."""
    with open(ROUTES_C, encoding="utf-8") as f:
        return [(m.group(1), m.group(2)) for m in re.finditer(
            r'\{\s*"(\w+)",\s*"(/[^"]*)"', f.read())]


def fill(pattern, ids):
    """pattern with each :id replaced by ids[segment before it]."""
    segs = pattern.split("/")
    out = []
    for i, s in enumerate(segs):
        out.append(str(ids[segs[i - 1]]) if s == ":id" else s)
    return "/".join(out)


def api_body(method, pattern, a):
    """A body that would be valid for A's own kansli."""
    return {
        "/api/v1/cases/:id": {"title": "Kapad"},
        "/api/v1/cases/:id/parties/:id": {"deltar": True},
        "/api/v1/cases/:id/transitions": {"to": "avbruten",
                                          "reason": "ingen_utlysning"},
        "/api/v1/forbund/:id/needs": {"malgrupp": "x", "behov": "y"},
        "/api/v1/forbund/:id/meetings": {"date": lib.today()},
        "/api/v1/meetings/:id/agenda": {"case_id": a["finsam"]},
        "/api/v1/meetings/:id/decisions": {"case_id": a["finsam"],
                                           "outcome": "avslag"},
        "/api/v1/forbund/:id/budgets/:id": {"offers": []},
        "/api/v1/cases/:id/participants/:id": {"women": 1, "men": 1},
        "/api/v1/users/:id": {"active": False},
        "/api/v1/forbund/:id/group-meetings": {"date": lib.today()},
        "/api/v1/group-meetings/:id": {"minutes": "Kapad"},
        "/api/v1/group-meetings/:id/items": {"case_id": a["esf"]},
    }.get(pattern) if method != "GET" else None


def form_body(pattern, a, csrf):
    f = {"_csrf": csrf}
    f.update({
        "/arenden/:id": {"f_grund": "1", "title": "Kapad"},
        "/arenden/:id/parter/:id": {"delade": "1",
                                    "deltar_%d" % a["parter"]: "on"},
        "/arenden/:id/overgang": {"to": "avbruten",
                                  "reason": "ingen_utlysning"},
        "/arenden/:id/deltagare": {"p_year": str(YEAR), "women": "1"},
        "/styrelse/moten/:id": {"date": lib.today()},
        "/beredningsgrupp/moten/:id": {"date": lib.today(),
                                       "minutes": "Kapad"},
        "/beredningsgrupp/moten/:id/punkt": {"punkt": "c%d" % a["esf"]},
        "/styrelse/moten/:id/dagordning": {"agenda_case_id":
                                           str(a["finsam"])},
        "/styrelse/moten/:id/beslut": {"case_id": str(a["finsam"]),
                                       "outcome": "avslag"},
    }.get(pattern, {}))
    return f


def a_objects(ctx):
    """Ids of förbund A's objects every probe points at."""
    k = ctx.api(K)
    cases = lib.items(k.api("GET", "/api/v1/cases?forbund_id=%d" % ctx.fa))
    esf = [c for c in cases if c["kind"] == "esf" and
           c["state"] == "utformning"][0]
    fin = [c for c in cases if c["kind"] == "finsam" and
           c["state"] == "ansvarsfordelning"][0]
    meeting = lib.items(k.api("GET", "/api/v1/forbund/%d/meetings"
                              % ctx.fa), "meetings")[0]
    body = ("--bered-b\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n"
            "ovrigt\r\n--bered-b\r\nContent-Disposition: form-data; name=\"file\""
            "; filename=\"a.txt\"\r\n\r\nA:s anteckning\r\n--bered-b--\r\n")
    doc = expect(k.request("POST", "/api/v1/cases/%d/documents" % esf["id"],
                           body=body, headers={
                               "Content-Type": "multipart/form-data; "
                               "boundary=bered-b"}), 201, "A's document").json()
    group = expect(k.api("POST", "/api/v1/forbund/%d/group-meetings" % ctx.fa,
                         {"date": lib.today()}), 201, "A's group").json()
    k.close()
    ctx.token(K)
    ctx.cli("token", "create", "--email", K)
    db = lib.db_connect(ctx.db)
    tok = db.execute("SELECT max(t.id) FROM api_token t JOIN app_user u "
                     "ON u.id = t.user_id WHERE u.email = ?",
                     (K,)).fetchone()[0]
    user = db.execute("SELECT id FROM app_user WHERE forbund_id = ? AND "
                      "role = 'ledamot' ORDER BY id LIMIT 1",
                      (ctx.fa,)).fetchone()[0]
    db.close()
    return {"esf": esf["id"], "finsam": fin["id"], "meeting": meeting["id"],
            "token": tok, "parter": ctx.pa["0880"], "esf_title": esf["title"],
            "fin_title": fin["title"], "user": user, "document": doc["id"],
            "group": group["id"]}


def ids_for(ctx, a, case):
    return {"cases": case, "arenden": case, "parties": ctx.pa["0880"],
            "parter": ctx.pa["0880"], "forbund": ctx.fa,
            "meetings": a["meeting"], "moten": a["meeting"],
            "budgets": YEAR, "participants": YEAR, "nycklar": a["token"],
            "agenda": a["finsam"], "dagordning": a["finsam"],
            "users": a["user"], "anvandare": a["user"],
            "documents": a["document"], "dokument": a["document"],
            "group-meetings": a["group"]}


def missing_ids():
    ids = {k: MISSING for k in ("cases", "arenden", "parties", "parter",
                                "forbund", "meetings", "moten", "nycklar",
                                "agenda", "dagordning", "users",
                                "anvandare", "documents", "dokument",
                                "group-meetings")}
    ids.update(budgets=YEAR, participants=YEAR)
    return ids


def ensure_b_kansli(ctx):
    admin = ctx.api("admin@demo.bered.se")
    r = admin.api("POST", "/api/v1/users", {
        "email": B_KANSLI, "name": "Kansli B", "role": "kansli",
        "password": B_PASSWORD, "forbund_id": ctx.fb})
    expect(r, (201, 409), "admin creates förbund B's kansli")
    admin.close()


def snapshot_a(ctx, a):
    """What must not change in A, whatever B sends."""
    k = ctx.api(K)
    out = {}
    for key in ("esf", "finsam"):
        c = expect(k.api("GET", "/api/v1/cases/%d" % a[key]), 200).json()
        out[key] = (c["version"], c["state"], c["title"], c["parties"])
    out["meeting"] = expect(k.api("GET", "/api/v1/meetings/%d"
                                  % a["meeting"]), 200).json()
    out["needs"] = len(lib.items(k.api("GET", "/api/v1/forbund/%d/needs"
                                       % ctx.fa), "needs"))
    out["meetings"] = len(lib.items(k.api(
        "GET", "/api/v1/forbund/%d/meetings" % ctx.fa), "meetings"))
    out["budget"] = k.api("GET", "/api/v1/forbund/%d/budgets/%d"
                          % (ctx.fa, YEAR)).text
    out["cases"] = len(lib.items(k.api("GET", "/api/v1/cases?forbund_id=%d"
                                       % ctx.fa)))
    out["documents"] = k.api("GET", "/api/v1/cases/%d/documents"
                             % a["esf"]).text
    out["group"] = k.api("GET", "/api/v1/group-meetings/%d" % a["group"]).text
    k.close()
    return out


def same_as_missing(r, miss, what, aid=None):
    """r answers like miss; aid, the id tried, may be named where miss
    names the missing id."""
    got = r.body
    if aid is not None:
        got = re.sub(rb"\b%d\b" % aid, b"%d" % MISSING, got)
    check(r.status == miss.status and r.status in (403, 404, 409, 422),
          "%s: answered %d, missing data answers %d: %s"
          % (what, r.status, miss.status, r.text[:300]))
    check(got == miss.body, "%s: the answer differs from the one for "
          "missing data:\n  got  %s\n  want %s"
          % (what, r.text[:300], miss.text[:300]))
    check(A_NAME not in r.text, "%s: names förbund A: %s"
          % (what, r.text[:300]))


@test
def every_route_other_forbund_is_missing(ctx):
    """Each route with an id, as B's ledamot and as B's kansli, through
    the API and through the pages, answers byte for byte what the same
    route answers for ids that do not exist."""
    ensure_b_kansli(ctx)
    a = a_objects(ctx)
    before = snapshot_a(ctx, a)
    # ESF-rådet's calls are shared by every förbund: no other förbund's.
    routes = [rt for rt in all_routes() if ":id" in rt[1] and
              not rt[1].startswith("/utlysningar/")]
    check(len(routes) >= 25, "routes.c: only %d routes with :id found"
          % len(routes))
    tried = 0
    for email in (B_LED, B_KANSLI):
        api = ctx.api(email)
        page = ctx.login(email, B_PASSWORD) if email == B_KANSLI else \
            ctx.login(email)
        expect(page.last_login, 303, "login " + email)
        for method, pat in routes:
            is_api = pat.startswith("/api/")
            cases = [a["esf"], a["finsam"]] if ":id" in pat and \
                ("/cases/" in pat or "/arenden/" in pat) else [a["esf"]]
            for case in cases:
                path = fill(pat, ids_for(ctx, a, case))
                miss = fill(pat, missing_ids())
                what = "%s %s as %s" % (method, path, email)
                if is_api:
                    body = api_body(method, pat, a)
                    r = api.api(method, path, body)
                    m = api.api(method, miss, body)
                elif method == "GET":
                    r, m = page.get(path), page.get(miss)
                else:
                    fb = form_body(pat, a, page.csrf)
                    r, m = page.post_form(path, fb), page.post_form(miss, fb)
                same_as_missing(r, m, what)
                tried += 1
        api.close()
        page.close()
    check(tried >= 60, "only %d probes ran" % tried)
    after = snapshot_a(ctx, a)
    for key in before:
        check(before[key] == after[key], "förbund A's %s changed after "
              "förbund B's requests: %r -> %r" % (key, before[key],
                                                  after[key]))
    t = lib.Client(ctx.port, token=ctx.token(K))
    expect(t.api("GET", "/api/v1/me"), 200, "A's token after B tried to "
           "revoke A's tokens")
    t.close()


def b_case_and_meeting(ctx, bk):
    r = bk.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fb, "kind": "finsam", "title": "B:s insats",
        "finsam_malgrupp": True})
    case = expect(r, 201, "B's kansli creates a case").json()
    r = bk.api("POST", "/api/v1/forbund/%d/meetings" % ctx.fb,
               {"date": lib.today()})
    meeting = expect(r, 201, "B's kansli creates a meeting").json()
    return case["id"], meeting["id"]


@test
def foreign_ids_in_bodies_are_missing(ctx):
    """A's ids inside B's requests: refused exactly like unknown ids."""
    ensure_b_kansli(ctx)
    a = a_objects(ctx)
    before = snapshot_a(ctx, a)
    bk = ctx.api(B_KANSLI)
    bcase, bmeet = b_case_and_meeting(ctx, bk)
    k = ctx.api(K)
    need = lib.items(k.api("GET", "/api/v1/forbund/%d/needs" % ctx.fa),
                     "needs")[0]["id"]
    k.close()
    cp = "/api/v1/cases/%d" % bcase
    probes = [
        ("POST", "/api/v1/cases", lambda x: {
            "forbund_id": x, "kind": "esf", "title": "t"}, ctx.fa),
        ("POST", "/api/v1/cases", lambda x: {
            "forbund_id": ctx.fb, "kind": "esf", "title": "t",
            "need_id": x}, need),
        ("POST", "/api/v1/cases", lambda x: {
            "forbund_id": ctx.fb, "kind": "esf", "title": "t",
            "parties": [x]}, ctx.pa["fk"]),
        ("PATCH", cp, lambda x: {"owner_party_id": x}, ctx.pa["0880"]),
        ("POST", "/api/v1/meetings/%d/agenda" % bmeet,
         lambda x: {"case_id": x}, a["finsam"]),
        ("POST", "/api/v1/meetings/%d/decisions" % bmeet,
         lambda x: {"case_id": x, "outcome": "avslag"}, a["finsam"]),
        ("PUT", "/api/v1/forbund/%d/budgets/%d" % (ctx.fb, YEAR),
         lambda x: {"offers": [{"party_id": x, "amount": 5}]},
         ctx.pa["fk"]),
    ]
    for method, path, mk, aid in probes:
        r = bk.api(method, path, mk(aid))
        m = bk.api(method, path, mk(MISSING))
        same_as_missing(r, m, "%s %s with A's id %d" % (method, path, aid),
                        aid)
    r = bk.api("PUT", cp + "/parties/%d" % ctx.pa["fk"], {"deltar": True})
    m = bk.api("PUT", cp + "/parties/%d" % MISSING, {"deltar": True})
    same_as_missing(r, m, "PUT B's case with A's party in the path")
    # The same through the pages.
    c = ctx.login(B_KANSLI, B_PASSWORD)
    pid = ctx.pa["fk"]
    for path, mk in (
            ("/arenden/%d/parter/%%d" % bcase,
             lambda x: {"delade": "1", "deltar_%d" % x: "on"}),
            ("/styrelse/moten/%d/dagordning" % bmeet,
             lambda x: {"agenda_case_id": str(x)}),
            ("/styrelse/moten/%d/beslut" % bmeet,
             lambda x: {"case_id": str(x), "outcome": "avslag"})):
        aid = pid if "parter" in path else a["finsam"]
        p1 = path % aid if "%d" in path else path
        p2 = path % MISSING if "%d" in path else path
        r = c.post_form(p1, dict(mk(aid), _csrf=c.csrf))
        m = c.post_form(p2, dict(mk(MISSING), _csrf=c.csrf))
        check(r.status == m.status and r.status >= 400,
              "POST %s with A's id: %d, with a missing id: %d"
              % (p1, r.status, m.status))
        check(A_NAME not in r.text and a["fin_title"] not in r.text,
              "POST %s with A's id shows A's data" % p1)
    # Förbund-scoped pages asked for A: B's own (or nothing), never A's.
    for path in ("/behov?forbund=%d", "/arenden?forbund=%d",
                 "/styrelse?forbund=%d", "/budget?forbund=%d&ar=" +
                 str(YEAR), "/uppfoljning?forbund=%d",
                 "/arenden/ny?forbund=%d"):
        r = c.get(path % ctx.fa)
        check(r.status < 500 and A_NAME not in r.text and
              a["esf_title"] not in r.text and a["fin_title"] not in r.text,
              "GET %s as B's kansli: %d, shows A's data"
              % (path % ctx.fa, r.status))
    # A's förbund id posted in B's forms lands in B or nowhere.
    for path, fields in (("/behov", {"malgrupp": "B", "behov": "B"}),
                         ("/styrelse", {"date": lib.today()}),
                         ("/arenden", {"kind": "esf", "title": "B"})):
        r = c.post_form(path, dict(fields, forbund_id=str(ctx.fa),
                                   _csrf=c.csrf))
        check(r.status < 500, "POST %s: %d" % (path, r.status))
    for r in (bk.api("GET", "/api/v1/cases?forbund_id=%d" % ctx.fa),
              bk.api("GET", "/api/v1/followup?forbund_id=%d" % ctx.fa)):
        expect(r, 404, "list of A as B's kansli")
    after = snapshot_a(ctx, a)
    check(before == after, "förbund A changed after B's requests")
    bk.close()
    c.close()


def party_row(case, pid):
    return [p for p in case["parties"] if p["party_id"] == pid][0]


@test
def r7_tricks(ctx):
    """R7 on both doors: another party's id in the path, partial bodies,
    and omitted fields never touch a party's own record."""
    k = ctx.api(K)
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "R7-tricks",
        "finsam_malgrupp": True,
        "parties": [ctx.pa["0880"], ctx.pa["08"], ctx.pa["af"]]})
    case = expect(r, 201).json()
    path = "/api/v1/cases/%d" % case["id"]
    kal, reg = ctx.pa["0880"], ctx.pa["08"]
    # Own fields are recorded from Utformning on (each in its step).
    expect(k.api("POST", path + "/transitions", {"to": "utformning"}), 200,
           "to utformning")
    kc = ctx.api("ledamot.kalmar@demo.bered.se")
    own = {"forankrad": lib.today(), "mandat": True,
           "agarprovning": "kan"}
    expect(kc.api("PUT", path + "/parties/%d" % kal, own), 200,
           "Kalmar records its own fields")
    rc = ctx.api("ledamot.region@demo.bered.se")
    # Region posts Kalmar's fields, alone or with Kalmar's own party id.
    for body in ({"mandat": False}, {"agarprovning": "avstar"},
                 {"forankrad": None}, {"agarprovning": None},
                 dict(own, mandat=False, party_id=reg),
                 {"deltar": True, "mandat": False}):
        r = rc.api("PUT", path + "/parties/%d" % kal, body)
        lib.expect_rules(r, 403, ["R7"], "Region PUTs Kalmar's row %r"
                         % body)
    for who in (k, ctx.api("esf-kansli@demo.bered.se")):
        r = who.api("PUT", path + "/parties/%d" % kal, {"mandat": False})
        check(r.status in (403, 404), "PUT Kalmar's mandat by %r: %d"
              % (who.token[:6], r.status))
    # Region's own row with Kalmar's id in the body touches only Region.
    r = rc.api("PUT", path + "/parties/%d" % reg, {"mandat": True,
                                                   "party_id": kal})
    check(r.status in (200, 422), "PUT Region with party_id=Kalmar: %d"
          % r.status)
    # Shared fields by anyone taking part; omitted fields stay. Kalmar's
    # co-financing is Kalmar's own (R7).
    lib.expect_rules(rc.api("PUT", path + "/parties/%d" % kal,
                            {"medfinansiar": True}), 403, ["R7"],
                     "Region sets Kalmar's co-financing")
    expect(rc.api("PUT", path + "/parties/%d" % kal, {"utforare": True}),
           200, "Region sets Kalmar's shared field")
    expect(kc.api("PUT", path + "/parties/%d" % kal, {"medfinansiar": True}),
           200, "Kalmar records its co-financing")
    expect(rc.api("PUT", path + "/parties/%d" % kal, {"deltar": True,
                                                      "mandat": True}),
           200, "Region sends Kalmar's unchanged mandat")
    row = party_row(expect(k.api("GET", path), 200).json(), kal)
    for f, v in own.items():
        check(row[f] == v, "Kalmar's %s is %r after others' PUTs, want %r"
              % (f, row[f], v))
    check(row["medfinansiar"] is True and row["deltar"] is True,
          "omitting fields reset Kalmar's shared fields: %r" % row)
    # The form: Region posts Kalmar's own fieldset, or omits it.
    page = ctx.login("ledamot.region@demo.bered.se")
    cid = case["id"]
    for fields in ({"egna": "1"},
                   {"egna": "1", "forankrad_%d" % kal: lib.today(),
                    "mandat_%d" % kal: "on", "agarprovning_%d" % kal: "kan",
                    "beslut_%d" % kal: "nej"},
                   {"egna": "1", "delade": "1", "deltar_%d" % kal: "on"}):
        r = page.post_form("/arenden/%d/parter/%d" % (cid, kal),
                           dict(fields, _csrf=page.csrf))
        p = check_page(r, 403, "Region posts Kalmar's own fields %r"
                       % sorted(fields))
        check("R7" in p.text, "403 page does not name R7")
    # Region's own form posted to Kalmar's path with Region's field names.
    r = page.post_form("/arenden/%d/parter/%d" % (cid, kal), {
        "_csrf": page.csrf, "egna": "1", "forankrad_%d" % reg: lib.today(),
        "mandat_%d" % reg: "on"})
    check_page(r, 403, "Region's own fields posted to Kalmar's path")
    # The shared part alone (no 'egna'): Kalmar's own fields untouched.
    r = page.post_form("/arenden/%d/parter/%d" % (cid, kal), {
        "_csrf": page.csrf, "delade": "1", "deltar_%d" % kal: "on",
        "medfinansiar_%d" % kal: "on"})
    expect(r, 303, "Region saves Kalmar's shared fields by form")
    row = party_row(expect(k.api("GET", path), 200).json(), kal)
    for f, v in own.items():
        check(row[f] == v, "after the form Kalmar's %s is %r, want %r"
              % (f, row[f], v))
    # Kalmar's own form without the shared fieldset keeps deltar.
    kp = ctx.login("ledamot.kalmar@demo.bered.se")
    r = kp.post_form("/arenden/%d/parter/%d" % (cid, kal), {
        "_csrf": kp.csrf, "egna": "1", "forankrad_%d" % kal: lib.today(),
        "medfinansiar_%d" % kal: "on", "mandat_%d" % kal: "on",
        "agarprovning_%d" % kal: "avstar"})
    expect(r, 303, "Kalmar's own fieldset alone")
    row = party_row(expect(k.api("GET", path), 200).json(), kal)
    check(row["deltar"] and row["medfinansiar"] and
          row["agarprovning"] == "avstar",
          "Kalmar's own fieldset reset its shared fields: %r" % row)
    hist = expect(k.api("GET", path), 200).json()["history"]
    check(len([h for h in hist if h["type"] == "change"]) >= 3,
          "party changes are not in the history: %r" % hist[-5:])
    for x in (k, kc, rc, page, kp):
        x.close()
