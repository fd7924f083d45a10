"""Roles (DOMAIN.md 6, src/domain/perm.c) through the API and the pages,
in two förbund of their own with a user per party and per role: who sees
what (404 when not visible), who may do what (403 when visible but not
allowed), what lists show to whom, and the API's 422/409 shapes the
other suites do not pin down (field names, rule ids, stale versions).
Adopted from a helper's API smoke script and folded into the suite."""

import lib
from lib import check, check_page, expect, expect_field, expect_rules, test

PW = "tre-gröna-katter-12"


def fields(r):
    return sorted(f["field"] for f in
                  r.json().get("error", {}).get("fields", []) or [])


def rules(r):
    return sorted({x["rule"] for x in r.json()["error"].get("rules", [])})


class Roles:
    """Förbund F1 (Malmö, Lund, Skåne) and F2 (Gotland) with users."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.admin = ctx.api("admin@demo.bered.se")
        r = self.admin.api("POST", "/api/v1/forbund", {
            "name": "E2E Roller Skåne", "kommuner": ["1280", "9999", "1280"],
            "regioner": []})
        expect(r, 422, "förbund with bad codes")
        check(fields(r) == ["kommuner[1]", "kommuner[2]", "regioner"],
              "förbund with bad codes names %s" % fields(r))
        r = self.admin.api("POST", "/api/v1/forbund", raw="{bad")
        check(r.status == 400 and
              r.json()["error"]["code"] == "malformed_json",
              "malformed förbund body: %d %s" % (r.status, r.text[:200]))
        self.f1, self.p = self.forbund("E2E Roller Skåne", ["1280", "1281"],
                                       ["12"])
        check(sorted(self.names) == sorted([
            "Försäkringskassan", "Arbetsförmedlingen", "Malmö kommun",
            "Lunds kommun", "Region Skåne"]), "parties %s" % self.names)
        # Region Gotland is kommun 0980: no region of its own.
        self.f2, self.p2 = self.forbund("E2E Roller Gotland", ["0980"], [])
        self.tok = {}
        for key, role, fid, pid in (
                ("fk", "ledamot", self.f1, self.p["fk"]),
                ("af", "ledamot", self.f1, self.p["af"]),
                ("malmo", "ledamot", self.f1, self.p["1280"]),
                ("lund", "ledamot", self.f1, self.p["1281"]),
                ("reg", "ledamot", self.f1, self.p["12"]),
                ("kansli", "kansli", self.f1, None),
                ("styr", "styrelse", self.f1, None),
                ("got", "ledamot", self.f2, self.p2["0980"])):
            self.user(key, role, fid, pid)
        self.tok["esf"] = ctx.token("esf-kansli@demo.bered.se")
        self.tok["nat"] = ctx.token("nationell@demo.bered.se")
        self.c = {k: lib.Client(ctx.port, token=t)
                  for k, t in self.tok.items()}

    def forbund(self, name, kommuner, regioner):
        r = self.admin.api("POST", "/api/v1/forbund", {
            "name": name, "kommuner": kommuner, "regioner": regioner})
        f = expect(r, 201, "create " + name).json()
        self.names = [p["name"] for p in f["parties"]]
        return f["id"], {p["code"] or p["kind"]: p["id"]
                         for p in f["parties"]}

    def email(self, key):
        return "%s@roller.bered.se" % key

    def user(self, key, role, fid, pid):
        body = {"email": self.email(key), "name": key, "role": role,
                "password": PW, "forbund_id": fid, "party_id": pid}
        expect(self.admin.api("POST", "/api/v1/users", body), 201,
               "user " + key)
        self.tok[key] = self.ctx.token(self.email(key))

    def close(self):
        self.admin.close()
        for c in self.c.values():
            c.close()


def roles(ctx):
    if not hasattr(ctx, "roles_world"):
        ctx.roles_world = Roles(ctx)
    return ctx.roles_world


@test
def admin_users_and_forbund(ctx):
    w = roles(ctx)
    a, c = w.admin, w.c
    r = a.api("POST", "/api/v1/users", {
        "email": w.email("fk"), "name": "x", "role": "kansli",
        "password": "tre-gröna-katter-12", "forbund_id": w.f1})
    expect(r, 409, "a second user with the same e-mail")
    r = a.api("POST", "/api/v1/users", {
        "email": "q@roller.bered.se", "name": "x", "role": "ledamot",
        "password": "short", "forbund_id": w.f1,
        "party_id": w.p2["0980"]})
    expect(r, 422)
    check(fields(r) == ["party_id", "password"], "user with a short "
          "password and another förbund's party: %s" % fields(r))
    for who in ("kansli", "esf", "nat", "malmo"):
        expect(c[who].api("POST", "/api/v1/users", {"email": "q@x.se"}),
               403, "POST /users as " + who)
        expect(c[who].api("POST", "/api/v1/forbund", {"name": "x"}), 403,
               "POST /forbund as " + who)
    fl = lib.items(c["got"].api("GET", "/api/v1/forbund"), "forbund")
    check([f["id"] for f in fl] == [w.f2], "förbund list of F2's ledamot: "
          "%s" % fl)
    expect(c["got"].api("GET", "/api/v1/forbund/%d" % w.f1), 404)
    f = expect(c["malmo"].api("GET", "/api/v1/forbund/%d" % w.f1),
               200).json()
    check(len(f["parties"]) == 5, "F1 has %d parties" % len(f["parties"]))


@test
def needs_and_calls_by_role(ctx):
    w = roles(ctx)
    c = w.c
    np = "/api/v1/forbund/%d/needs" % w.f1
    r = c["malmo"].api("POST", np, {"malgrupp": "Unga", "behov": "Stöd",
                                    "utbud": ""})
    w.need = expect(r, 201, "ledamot records a need").json()["id"]
    expect(c["kansli"].api("POST", np, {"malgrupp": "U", "behov": "S"}),
           201, "kansli records a need")
    for who, st in (("styr", 403), ("nat", 403), ("esf", 403),
                    ("got", 404)):
        expect(c[who].api("POST", np, {"malgrupp": "U", "behov": "S"}), st,
               "POST needs as " + who)
    for who, st in (("styr", 200), ("nat", 200), ("got", 404)):
        expect(c[who].api("GET", np), st, "GET needs as " + who)
    r = c["got"].api("POST", "/api/v1/forbund/%d/needs" % w.f2,
                     {"malgrupp": "Unga", "behov": "Stöd"})
    w.need2 = expect(r, 201).json()["id"]
    call = {"title": "Utlysning roller", "reference": "2026/1",
            "opens": "2026-01-01", "closes": "2025-01-01"}
    expect_field(c["kansli"].api("POST", "/api/v1/calls", call), "closes",
                 "a call closing before it opens")
    call.update(opens="2025-01-01", closes="2030-12-31")
    w.call = expect(c["kansli"].api("POST", "/api/v1/calls", call), 201
                    ).json()["id"]
    # A reference is ESF-rådet's id of the call: it is unique.
    r = c["esf"].api("POST", "/api/v1/calls", call)
    expect(r, 409, "the same reference twice")
    check("2026/1" in r.json()["error"]["message"], "409 names the "
          "reference: %s" % r.text[:200])
    expect(c["esf"].api("POST", "/api/v1/calls", dict(call,
                                                        reference="2026/2")),
           201, "esf-kansli records a call")
    for who in ("malmo", "styr", "nat"):
        expect(c[who].api("POST", "/api/v1/calls", call), 403,
               "POST /calls as " + who)


@test
def cases_by_role(ctx):
    w = roles(ctx)
    c, p = w.c, w.p
    base = {"forbund_id": w.f1, "kind": "esf", "title": "Projekt"}
    expect_field(c["malmo"].api("POST", "/api/v1/cases",
                                dict(base, need_id=w.need2)), "need_id")
    expect_field(c["malmo"].api("POST", "/api/v1/cases",
                                dict(base, forbund_id=w.f2)), "forbund_id")
    r = c["malmo"].api("POST", "/api/v1/cases", dict(
        base, kind="nope", title=5))
    check(r.status == 422 and fields(r) == ["kind", "title"],
          "bad kind and title: %s" % r.text[:200])
    r = c["malmo"].api("POST", "/api/v1/cases", dict(
        base, title="x" * 201))
    check(fields(r) == ["title"], "title of 201 bytes: %s" % r.text[:200])
    r = c["malmo"].api("POST", "/api/v1/cases", dict(
        base, parties=[w.p2["0980"], "x"]))
    check(fields(r) == ["parties[1]"], "parties: %s" % r.text[:200])
    r = c["malmo"].api("POST", "/api/v1/cases", dict(
        base, parties=[w.p2["0980"]]))
    check(fields(r) == ["parties[0]"], "parties: %s" % r.text[:200])
    for who in ("styr", "nat", "esf"):
        expect(c[who].api("POST", "/api/v1/cases", base), 403,
               "POST /cases as " + who)
    r = c["malmo"].api("POST", "/api/v1/cases", dict(
        base, title="ESF-projekt unga", description="Beskr.",
        finsam_malgrupp=True, need_id=w.need,
        parties=[p["fk"], p["1280"], p["12"]]))
    w.esf = expect(r, 201).json()["id"]
    r = c["malmo"].api("POST", "/api/v1/cases", dict(
        base, kind="finsam", title="Finsam-insats"))
    w.fin = expect(r, 201).json()["id"]
    r = c["malmo"].api("POST", "/api/v1/cases", dict(
        base, title="Utan FK", parties=[p["1280"], p["12"]]))
    w.esf_nofk = expect(r, 201).json()["id"]
    # Who sees what: 404 when not visible; 403 when visible, not allowed.
    see = {"malmo": (200, 200, 200), "kansli": (200, 200, 200),
           "styr": (404, 200, 404), "esf": (200, 404, 404),
           "nat": (200, 200, 200), "got": (404, 404, 404)}
    # FK's ESF office acts only where FK owns the project.
    edit = {"malmo": (200, 200), "kansli": (200, 200),
            "styr": (404, 403), "esf": (403, 404), "nat": (403, 403),
            "got": (404, 404)}
    for who, want in see.items():
        for cid, st in zip((w.esf, w.fin, w.esf_nofk), want):
            for sub in ("", "/fk-eligibility"):
                # R4 concerns ESF+: a visible Finsam insats is 409 there.
                fin = sub and cid == w.fin and st == 200
                expect(c[who].api("GET", "/api/v1/cases/%d%s" % (cid, sub)),
                       409 if fin else st, "GET case %d%s as %s"
                       % (cid, sub, who))
    for who, want in edit.items():
        for cid, st in zip((w.esf, w.fin), want):
            r = c[who].api("PATCH", "/api/v1/cases/%d" % cid,
                           {"description": "av " + who})
            expect(r, st, "PATCH case %d as %s" % (cid, who))
            r = c[who].api("PUT", "/api/v1/cases/%d/parties/%d"
                           % (cid, p["af"]), {"utforare": True})
            expect(r, st, "PUT a party row of %d as %s" % (cid, who))
            r = c[who].api("POST", "/api/v1/cases/%d/transitions" % cid,
                           {"to": "avbruten"})
            expect(r, 409 if st == 200 else st,
                   "move case %d as %s" % (cid, who))
    # Only the parties taking part act: Lund takes no part in the ESF+
    # case, so it may neither edit nor move it, but it may join (own row).
    cp = "/api/v1/cases/%d" % w.esf
    expect(c["lund"].api("PATCH", cp, {"description": "av lund"}), 403,
           "PATCH by a party that takes no part")
    expect(c["lund"].api("POST", cp + "/transitions", {"to": "avbruten",
                                                       "reason": "annat",
                                                       "reason_text": "x"}),
           403, "a party that takes no part moves the case")
    expect(c["lund"].api("PUT", cp + "/parties/%d" % p["12"],
                         {"utforare": True}), 403, "another party's row")
    expect(c["lund"].api("PUT", cp + "/parties/%d" % p["1281"],
                         {"deltar": True}), 200, "Lund joins with its row")
    expect(c["lund"].api("PUT", cp + "/parties/%d" % p["1281"],
                         {"deltar": False}), 200, "and leaves again")
    # Lists: by förbund, kind and role.
    ids = lambda r: [x["id"] for x in lib.items(r)]  # noqa: E731
    expect_field(c["malmo"].api("GET", "/api/v1/cases?state=bogus"),
                 "state")
    check(ids(c["malmo"].api("GET", "/api/v1/cases?kind=esf")) ==
          [w.esf, w.esf_nofk] or sorted(ids(c["malmo"].api(
              "GET", "/api/v1/cases?kind=esf"))) == sorted(
              [w.esf, w.esf_nofk]), "kind=esf list of F1")
    check(ids(c["styr"].api("GET", "/api/v1/cases")) == [w.fin],
          "styrelse lists only its Finsam case")
    mine = lib.items(c["esf"].api("GET", "/api/v1/cases"))
    check(w.esf in [x["id"] for x in mine] and w.esf_nofk not in
          [x["id"] for x in mine] and all(x["kind"] == "esf"
                                          for x in mine),
          "esf-kansli's list: %s" % [(x["id"], x["kind"]) for x in mine])
    check(ids(c["got"].api("GET", "/api/v1/cases")) == [],
          "F2's ledamot lists cases")
    expect(c["got"].api("GET", "/api/v1/cases?forbund_id=%d" % w.f1), 404)


@test
def routine_refusals_by_role(ctx):
    w = roles(ctx)
    c, p = w.c, w.p
    cp = "/api/v1/cases/%d" % w.esf
    mv = cp + "/transitions"
    expect_field(c["malmo"].api("POST", mv, {"to": "flying"}), "to")
    expect_field(c["kansli"].api("POST", mv, {"to": 5}), "to")
    expect_rules(c["malmo"].api("POST", mv, {"to": "overens"}), 409, ["G"])
    expect(c["malmo"].api("POST", mv, {"to": "utformning",
                                       "comment": "Start"}), 200)
    r = c["malmo"].api("PUT", cp + "/parties/%d" % p["12"],
                       {"forankrad": lib.today()})
    expect(r, 403)
    check(rules(r) == ["R7"], "R7 refusal lists %s" % rules(r))
    r = c["fk"].api("PUT", cp + "/parties/%d" % p["fk"], {"utforare": True})
    expect(r, 409)
    check(rules(r) == ["R5"], "FK as utförare lists %s" % rules(r))
    expect_field(c["fk"].api("PUT", cp + "/parties/%d" % p["fk"],
                             {"deltar": "yes"}), "deltar")
    expect(c["fk"].api("PUT", cp + "/parties/999999", {"deltar": True}),
           404)
    r = c["esf"].api("PUT", cp + "/parties/%d" % p["fk"], {"mandat": True})
    check(rules(r) == ["R7"], "esf-kansli records FK's own mandat: %s"
          % r.text[:200])
    for key, who in (("fk", "fk"), ("1280", "malmo"), ("12", "reg")):
        expect(c[who].api("PUT", cp + "/parties/%d" % p[key], {
            "forankrad": lib.today(), "mandat": True,
            "agarprovning": "kan" if key == "1280" else "avstar",
            "medfinansiar": True, "utforare": key != "fk",
            "medfinansiering": "100 000 kr"}), 200, "own row " + key)
    expect(c["kansli"].api("POST", mv, {"to": "overens"}), 200)
    expect_rules(c["kansli"].api("POST", mv, {"to": "ansokan"}), 409, ["G"])
    expect_field(c["kansli"].api("PATCH", cp, {"owner_party_id":
                                               w.p2["0980"]}),
                 "owner_party_id")
    expect_field(c["kansli"].api("PATCH", cp, {"state": "beviljad"}),
                 "state")
    expect(c["kansli"].api("PATCH", cp, {"owner_party_id": p["1280"],
                                         "version": 1}), 409,
           "PATCH with a stale version")
    r = c["kansli"].api("PATCH", cp, {"owner_party_id": p["1280"],
                                      "call_id": w.call,
                                      "projektledare": "Anna"})
    check(expect(r, 200).json()["owner_party_id"] == p["1280"], "owner")
    r = c["kansli"].api("PATCH", cp, {"projektledare": None})
    check(expect(r, 200).json()["projektledare"] is None,
          "PATCH null does not clear")
    for to in ("ansokan", "partsbeslut"):
        expect(c["malmo"].api("POST", mv, {"to": to}), 200, "move " + to)
    expect_rules(c["malmo"].api("POST", mv, {"to": "inskickad"}), 409,
                 ["G", "R8"])
    for key, who in (("fk", "fk"), ("1280", "malmo"), ("12", "reg")):
        expect(c[who].api("PUT", cp + "/parties/%d" % p[key],
                          {"beslut": "ja"}), 200)
    expect(c["malmo"].api("PATCH", cp, {"submitted_on": lib.today(),
                                        "esf_arende_id": "2025/00042"}),
           200)
    expect(c["malmo"].api("POST", mv, {"to": "inskickad"}), 200)
    expect(c["malmo"].api("PATCH", cp, {"decision_on": lib.today(),
                                        "granted_amount": 1500000}), 200)
    r = expect(c["malmo"].api("POST", mv, {"to": "beviljad"}), 200)
    moves = [(h["from"], h["to"]) for h in r.json()["history"]
             if h["type"] == "transition"]
    check(moves[-1] == ("inskickad", "beviljad"), "history %s" % moves)
    # Off-ramp reasons.
    r = c["lund"].api("POST", "/api/v1/cases", {
        "forbund_id": w.f1, "kind": "esf", "title": "Avbryts",
        "identified_on": "2024-05-05"})
    mv2 = "/api/v1/cases/%d/transitions" % expect(r, 201).json()["id"]
    expect_field(c["lund"].api("POST", mv2, {"to": "avbruten",
                                             "reason": "xx"}), "reason")
    expect_rules(c["lund"].api("POST", mv2, {"to": "avbruten"}), 409, ["G"])
    r = c["lund"].api("POST", mv2, {"to": "avbruten",
                                    "reason": "ingen_utlysning"})
    check(expect(r, 200).json()["reason"] == "ingen_utlysning", "reason")


@test
def esf_kansli_and_followup(ctx):
    w = roles(ctx)
    c, p = w.c, w.p
    r = c["malmo"].api("POST", "/api/v1/cases", {
        "forbund_id": w.f1, "kind": "esf", "title": "FK äger",
        "finsam_malgrupp": True, "parties": [p["fk"], p["1280"]]})
    cp = "/api/v1/cases/%d" % expect(r, 201).json()["id"]
    # FK's ESF office acts where FK owns the project, not before.
    expect(c["esf"].api("POST", cp + "/transitions", {"to": "utformning"}),
           403, "esf-kansli moves an ESF+ case FK does not own")
    expect(c["kansli"].api("POST", cp + "/transitions",
                           {"to": "utformning"}), 200)
    for key, who in (("fk", "fk"), ("1280", "malmo")):
        expect(c[who].api("PUT", cp + "/parties/%d" % p[key], {
            "forankrad": lib.today(), "mandat": True,
            "agarprovning": "avstar", "medfinansiar": True,
            "utforare": key != "fk"}), 200)
    expect(c["kansli"].api("POST", cp + "/transitions", {"to": "overens"}),
           200)
    expect(c["esf"].api("PATCH", cp, {"owner_party_id": p["fk"]}), 403,
           "esf-kansli chooses FK as owner")
    expect(c["kansli"].api("PATCH", cp, {"owner_party_id": p["fk"]}), 200)
    el = expect(c["esf"].api("GET", cp + "/fk-eligibility"), 200).json()
    check(el["eligible"] is True, "FK fallback: %r" % el)
    expect(c["esf"].api("POST", cp + "/transitions", {"to": "ansokan"}), 200)
    f = "/api/v1/followup?forbund_id=%d" % w.f1
    got = expect(c["esf"].api("GET", f), 200).json()
    check(got["esf"]["fk_fallback_owner"] == 1, "fk_fallback_owner %r"
          % got["esf"])
    own = expect(c["malmo"].api("GET", "/api/v1/followup?from=2025-01-01"),
                 200).json()
    check(own.get("forbund_id") == w.f1, "a ledamot's follow-up is not "
          "its own förbund's: %r" % own.get("forbund_id"))
    for who, q, st in (("malmo", "forbund_id=%d" % w.f2, 404),
                       ("nat", "from=2025-02-30", 422),
                       ("nat", "from=2025-05-01&to=2025-01-01", 422),
                       ("nat", "lan=01", 200), ("nat", "lan=02", 422),
                       ("styr", "", 200), ("esf", "", 200)):
        expect(c[who].api("GET", "/api/v1/followup?" + q), st,
               "followup?%s as %s" % (q, who))


@test
def finsam_and_board_by_role(ctx):
    """The board and the money: kansli edits, styrelse reads, esf-kansli
    sees nothing Finsam, nationell and admin read."""
    w = roles(ctx)
    c = w.c
    c["admin"] = w.admin
    mp = "/api/v1/forbund/%d/meetings" % w.f1
    r = c["kansli"].api("POST", mp, {"date": lib.today()})
    mid = expect(r, 201).json()["id"]
    bp = "/api/v1/forbund/%d/budgets/%d" % (w.f1, int(lib.today()[:4]))
    offers = {"offers": [{"party_id": w.p["fk"], "amount": 1000},
                         {"party_id": w.p["1280"], "amount": 250,
                          "share": 0.5},
                         {"party_id": w.p["1281"], "amount": 250,
                          "share": 0.5},
                         {"party_id": w.p["12"], "amount": 500}]}
    expect(c["kansli"].api("PUT", bp, offers), 200)
    fin = "/api/v1/cases/%d" % w.fin
    table = {
        # who: meetings GET, meeting GET, POST meeting, budget GET,
        #      budget PUT, participants GET
        "kansli": (200, 200, 201, 200, 200, 200),
        "styr": (200, 200, 403, 200, 403, 200),
        "malmo": (403, 403, 403, 200, 403, 200),
        "esf": (403, 403, 403, 403, 403, 404),
        "nat": (200, 200, 403, 200, 403, 200),
        "admin": (200, 200, 403, 200, 403, 200),
        "got": (404, 404, 404, 404, 404, 404),
    }
    for who, want in table.items():
        got = (c[who].api("GET", mp).status,
               c[who].api("GET", "/api/v1/meetings/%d" % mid).status,
               c[who].api("POST", mp, {"date": lib.today()}).status,
               c[who].api("GET", bp).status,
               c[who].api("PUT", bp, offers).status,
               c[who].api("GET", fin + "/participants").status)
        check(got == want, "Finsam rights of %s: got %s, want %s"
              % (who, got, want))
        for path, body in (("/api/v1/meetings/%d/agenda" % mid,
                            {"case_id": w.fin}),
                           ("/api/v1/meetings/%d/decisions" % mid,
                            {"case_id": w.fin, "outcome": "avslag"}),
                           (fin + "/participants/%s" % lib.today()[:4],
                            {"women": 1}),
                           (fin + "/participants/%s" % lib.today()[:4],
                            {"women": -1})):
            if who in ("kansli", "malmo") and "participants" in path:
                continue
            r = c[who].api("PUT" if "participants" in path else "POST",
                           path, body)
            if who == "kansli":
                check(r.status in (409, 422), "%s as kansli: %d"
                      % (path, r.status))
            else:
                seen = want[5] if "participants" in path else want[0]
                expect(r, 404 if seen == 404 else 403,
                       "%s as %s" % (path, who))
    del c["admin"]


def titles(ctx, kind):
    k = ctx.api("kansli@demo.bered.se")
    out = [x["title"] for x in lib.items(k.api(
        "GET", "/api/v1/cases?forbund_id=%d&kind=%s" % (ctx.fa, kind)))]
    k.close()
    return out


@test
def pages_by_role(ctx):
    """Every page for every demo role: never 5xx, styrelse never shows an
    ESF+ case, esf-kansli never a Finsam one; read-only roles get 403 for
    every change, even with bad input."""
    esf, fin = titles(ctx, "esf"), titles(ctx, "finsam")
    k = ctx.api("kansli@demo.bered.se")
    cases = lib.items(k.api("GET", "/api/v1/cases?forbund_id=%d" % ctx.fa))
    meeting = lib.items(k.api("GET", "/api/v1/forbund/%d/meetings"
                              % ctx.fa), "meetings")[0]["id"]
    k.close()
    ecase = [x["id"] for x in cases if x["kind"] == "esf"][0]
    fcase = [x["id"] for x in cases if x["kind"] == "finsam"][0]
    pages = ["/", "/arenden", "/arenden?kind=esf", "/arenden?kind=finsam",
             "/arenden/ny", "/behov", "/utlysningar", "/forbund",
             "/anvandare", "/uppfoljning", "/styrelse", "/budget", "/konto",
             "/forbund/%d" % ctx.fa, "/styrelse/moten/%d" % meeting,
             "/styrelse/moten/%d/protokoll" % meeting]
    hide = {"styrelse": esf, "esf-kansli": fin}
    for role in ("styrelse", "esf-kansli", "nationell", "ledamot.af",
                 "kansli", "admin"):
        c = ctx.login(role + "@demo.bered.se")
        for path in pages:
            r = c.get(path)
            check(r.status in (200, 403, 404), "%s GET %s: %d"
                  % (role, path, r.status))
            check_page(r, r.status, "%s GET %s" % (role, path))
            shown = [t for t in hide.get(role, []) if t in r.text]
            check(not shown, "%s GET %s shows %s" % (role, path, shown[:3]))
        for cid in (ecase, fcase):
            r = c.get("/arenden/%d" % cid)
            check(r.status in (200, 404), "%s GET case: %d" % (role,
                                                              r.status))
        if role in ("nationell", "admin", "styrelse"):
            for path, form in (
                    ("/arenden/%d" % fcase, {"f_grund": "1", "title": ""}),
                    ("/arenden/%d/parter/%d" % (fcase, ctx.pa["af"]),
                     {"delade": "1", "medfinansiering_%d" % ctx.pa["af"]:
                      "x" * 9000}),
                    ("/arenden/%d/overgang" % fcase, {"to": "rymden"}),
                    ("/arenden/%d/deltagare" % fcase, {"p_year": "x"}),
                    ("/arenden", {"kind": "esf", "title": "",
                                  "forbund_id": str(ctx.fa)}),
                    ("/behov", {"malgrupp": "", "forbund_id": str(ctx.fa)})):
                r = c.post_form(path, dict(form, _csrf=c.csrf))
                expect(r, 403, "%s POST %s with bad input" % (role, path))
        c.close()


@test
def misspelt_keys_are_refused(ctx):
    """A misspelt key (finsam_malgrup) would silently keep a default that
    decides R4 and R6: every creating body names it in a 422."""
    w = roles(ctx)
    k = w.c["kansli"]
    r = k.api("POST", "/api/v1/forbund/%d/meetings" % w.f1,
              {"date": lib.today(9)})
    mid = expect(r, 201).json()["id"]
    for path, body, typo in (
            ("/api/v1/cases", {"forbund_id": w.f1, "kind": "esf",
                               "title": "Stavfel", "finsam_malgrup": True},
             "finsam_malgrup"),
            ("/api/v1/forbund/%d/needs" % w.f1, {"malgrupp": "m",
                                                 "behov": "b", "utbdu": "u"},
             "utbdu"),
            ("/api/v1/calls", {"title": "t", "reference": "2026/MS1",
                               "opens": "2026-01-01",
                               "closes": "2026-02-01", "esf_andel": 40},
             "esf_andel"),
            ("/api/v1/forbund/%d/meetings" % w.f1, {"date": "2026-01-01",
                                                    "anteckningar": "x"},
             "anteckningar"),
            ("/api/v1/meetings/%d/agenda" % mid, {"case_id": w.fin,
                                                  "position": 1}, "position"),
            ("/api/v1/meetings/%d/decisions" % mid, {
                "case_id": w.fin, "outcome": "avslag", "kommentar": "x"},
             "kommentar"),
            ("/api/v1/forbund/%d/budgets/2030" % w.f1, {"offers": [],
                                                        "offer": []},
             "offer")):
        before = len(lib.items(k.api("GET", "/api/v1/cases?forbund_id=%d"
                                     % w.f1)))
        expect_field(k.api("PUT" if "budgets" in path else "POST", path,
                           body), typo, "%s with key %s" % (path, typo))
        check(len(lib.items(k.api("GET", "/api/v1/cases?forbund_id=%d"
                                  % w.f1))) == before, "a refused body "
              "created a case")
    # The admin's creating bodies too: nothing is created on a typo.
    admin = ctx.api("admin@demo.bered.se")
    for path, body, typo in (
            ("/api/v1/forbund", {"name": "E2E Stavfelsförbund",
                                 "kommuner": ["0180"], "regioner": ["01"],
                                 "kommun": ["0114"]}, "kommun"),
            ("/api/v1/users", {"email": "stavfel@e2e.bered.se",
                               "name": "Stavfel", "role": "kansli",
                               "password": "ett-langt-losenord-9",
                               "forbund_id": w.f1, "partyid": 1},
             "partyid")):
        expect_field(admin.api("POST", path, body), typo,
                     "%s with key %s" % (path, typo))
    names = [f["name"] for f in lib.items(admin.api("GET", "/api/v1/forbund"),
                                           "forbund")]
    check("E2E Stavfelsförbund" not in names, "a refused body created a "
          "förbund")
    rc, _, _ = ctx.cli("token", "create", "--email", "stavfel@e2e.bered.se",
                       check_rc=False)
    check(rc != 0, "a refused body created a user")
    admin.close()
