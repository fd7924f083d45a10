"""Edges of the domain rules: Region Gotland (kommun 0980 with
regional tasks), the year a Finsam grant counts in, participant exits never
beyond the participants (R10), the styrelse never seeing ESF+ matters (R1),
the projektägare read-only after the agreement, the field locks of
case_fields_check over the API, and the demo's backdated calendar
(days_in_state)."""

import re

import lib
from lib import check, check_page, expect, expect_field, test

K = "kansli@demo.bered.se"
YEAR = int(lib.today()[:4])
PW = "ett-langt-losenord-gotland"


def csrf_post(c, path, fields):
    return c.post_form(path, dict(fields, _csrf=c.csrf))


def one_case(k, ctx, kind, state):
    cases = lib.items(k.api("GET", "/api/v1/cases?forbund_id=%d&kind=%s&"
                            "state=%s" % (ctx.fa, kind, state)))
    check(cases, "no demo %s case in %s" % (kind, state))
    return expect(k.api("GET", "/api/v1/cases/%d" % cases[0]["id"]),
                  200).json()


def finsam_on_agenda(ctx, k, title):
    """A new Finsam case of the demo förbund in ansvarsfordelning."""
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "finsam", "title": title,
        "description": "Insats från e2e-testet.", "finsam_malgrupp": True})
    cid = expect(r, 201, "create finsam case").json()["id"]
    path = "/api/v1/cases/%d" % cid
    for key in ("0880", "08"):
        expect(k.api("PUT", path + "/parties/%d" % ctx.pa[key],
                     {"deltar": True}), 200, "finsam deltar")
    expect(k.api("POST", path + "/transitions", {"to": "utformning"}), 200)
    for key, email in (("0880", "ledamot.kalmar@demo.bered.se"),
                       ("08", "ledamot.region@demo.bered.se")):
        led = ctx.api(email)
        expect(led.api("PUT", path + "/parties/%d" % ctx.pa[key],
                       {"forankrad": lib.today()}), 200, "förankrad")
        led.close()
    expect(k.api("POST", path + "/transitions",
                 {"to": "ansvarsfordelning"}), 200, "-> ansvarsfordelning")
    return cid


@test
def gotland_is_kommun_0980(ctx):
    admin = ctx.api("admin@demo.bered.se")
    r = admin.api("POST", "/api/v1/forbund", {
        "name": "E2E Gotland med 09", "kommuner": ["0980"],
        "regioner": ["09"]})
    expect(r, 422, "region 09")
    named = [f.get("field", "") for f in r.json()["error"].get("fields",
                                                               [])]
    check(any(n.startswith("regioner") for n in named) and
          "Region Gotland är kommun 0980" in r.text,
          "region 09: 422 must name regioner and explain Region Gotland: "
          "%s" % r.text[:400])
    r = admin.api("POST", "/api/v1/forbund", {
        "name": "E2E utan region", "kommuner": ["0180"], "regioner": []})
    expect_field(r, "regioner", "no region and no Gotland")
    r = admin.api("POST", "/api/v1/forbund", {
        "name": "E2E Samordningsförbundet Gotland", "kommuner": ["0980"],
        "regioner": []})
    fb = expect(r, 201, "Gotland förbund without a region").json()
    kinds = sorted(p["kind"] for p in fb["parties"])
    check(kinds == ["af", "fk", "kommun"], "Gotland parties %r"
          % fb["parties"])
    got = [p for p in fb["parties"] if p["kind"] == "kommun"][0]
    check(got["name"] == "Region Gotland" and got["code"] == "0980",
          "the 0980 party: %r" % got)
    fid, fk = fb["id"], [p["id"] for p in fb["parties"]
                         if p["kind"] == "fk"][0]
    expect(admin.api("POST", "/api/v1/users", {
        "email": "kansli@gotland.bered.se", "name": "Gotlands kansli",
        "role": "kansli", "password": PW, "forbund_id": fid,
        "party_id": None}), 201, "Gotland kansli")
    admin.close()
    # The budget: Region Gotland carries both quarters (domain/finsam.c).
    k = ctx.api("kansli@gotland.bered.se")
    r = k.api("PUT", "/api/v1/forbund/%d/budgets/%d" % (fid, YEAR), {
        "offers": [{"party_id": fk, "amount": 1000000},
                   {"party_id": got["id"], "amount": 400000}]})
    b = expect(r, 200, "Gotland budget").json()
    check(b["frame"] == 800000 and b["binding_party_ids"] == [got["id"]],
          "Gotland frame: %r" % b)
    # An ESF+ case with FK and Region Gotland: rules and pages work.
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": fid, "kind": "esf", "title": "E2E Gotlandsidé",
        "description": "x", "finsam_malgrupp": True})
    cid = expect(r, 201, "Gotland ESF+ case").json()["id"]
    for pid in (fk, got["id"]):
        expect(k.api("PUT", "/api/v1/cases/%d/parties/%d" % (cid, pid),
                     {"deltar": True}), 200)
    expect(k.api("POST", "/api/v1/cases/%d/transitions" % cid,
                 {"to": "utformning"}), 200, "Gotland case -> utformning")
    k.close()
    c = ctx.login("kansli@gotland.bered.se", password=PW)
    check(c.last_login.status == 303, "Gotland kansli cannot log in")
    p = check_page(c.get("/budget?ar=%d" % YEAR), 200, "Gotland budget page")
    check("800" in p.text and "Region Gotland" in p.text and
          "regionernas fjärdedel" in p.text,
          "the Gotland budget page lacks the frame or Region Gotland")
    p = check_page(c.get("/arenden/%d" % cid), 200, "Gotland case page")
    check("R4" in p.text, "the Gotland case page shows no R4 conditions")
    # The admin form: 09 refused beside the field, an empty region taken.
    a = ctx.login("admin@demo.bered.se")
    r = csrf_post(a, "/forbund", {"name": "E2E Gotland form", "kommuner":
                                  "0980", "regioner": "09"})
    check_page(r, 422, "admin form with region 09")
    check("Region Gotland är kommun 0980" in r.text,
          "the form does not explain Region Gotland for 09")
    r = csrf_post(a, "/forbund", {"name": "E2E Gotland form", "kommuner":
                                  "0980", "regioner": ""})
    expect(r, 303, "admin form: Gotland with no region")
    # A name already taken is refused by the store, so by the form too.
    adm = ctx.api("admin@demo.bered.se")
    n = len(lib.items(adm.api("GET", "/api/v1/forbund")))
    r = csrf_post(a, "/forbund", {"name": "e2e Gotland form", "kommuner":
                                  "0980", "regioner": ""})
    check_page(r, 422, "admin form with a name already taken")
    check("Det finns redan ett förbund med det namnet" in r.text,
          "the form does not say the name is taken")
    check(len(lib.items(adm.api("GET", "/api/v1/forbund"))) == n,
          "a second förbund with the same name was created")
    adm.close()


@test
def grant_counts_in_its_period_year(ctx):
    k = ctx.api(K)
    later = YEAR + 2
    pa = ctx.pa
    share = 0.25
    r = k.api("PUT", "/api/v1/forbund/%d/budgets/%d" % (ctx.fa, later), {
        "offers": [{"party_id": pa["fk"], "amount": 2000000}] +
        [{"party_id": pa[c], "amount": 250000, "share": share}
         for c in ("0880", "0881", "0862", "0834")] +
        [{"party_id": pa["08"], "amount": 1000000, "share": 1.0}]})
    expect(r, 200, "budget of %d" % later)

    def granted(year):
        return expect(k.api("GET", "/api/v1/forbund/%d/budgets/%d"
                            % (ctx.fa, year)), 200).json()["granted_sum"]

    now0, later0 = granted(YEAR), granted(later)
    cid = finsam_on_agenda(ctx, k, "E2E: bidrag som börjar om två år")
    m = expect(k.api("POST", "/api/v1/forbund/%d/meetings" % ctx.fa,
                     {"date": lib.today()}), 201, "meeting").json()
    mp = "/api/v1/meetings/%d" % m["id"]
    expect(k.api("POST", mp + "/agenda", {"case_id": cid}), (200, 201))
    amount = 123457
    r = k.api("POST", mp + "/decisions", {
        "case_id": cid, "outcome": "beviljad", "amount": amount,
        "period_start": "%d-02-01" % later,
        "period_end": "%d-12-31" % later})
    j = expect(r, (200, 201), "grant for %d" % later).json()
    check(j.get("over_frame") is False, "a small grant within %d's frame "
          "is flagged over_frame: %r" % (later, j))
    check(granted(YEAR) == now0, "a grant starting in %d counted in %d"
          % (later, YEAR))
    check(granted(later) == later0 + amount, "a grant starting in %d is "
          "not counted in that year: %d -> %d" % (later, later0,
                                                 granted(later)))
    k.close()
    c = ctx.login(K)
    p = check_page(c.get("/budget?ar=%d" % later), 200, "budget page")
    check("den beviljade perioden börjar" in p.text,
          "the budget page does not explain which year a grant counts in")
    # The meeting's money box shows the year its grant counts in.
    r = c.get("/styrelse/moten/%d" % m["id"])
    p = check_page(r, 200, "meeting page")
    h = re.search(r'<h2 id="ram">([^<]*)</h2>', r.text)
    check(h is not None and str(later) in h.group(1) and
          str(YEAR) not in h.group(1), "the meeting's money box is headed "
          "%r, want the grant's year %d only" % (h and h.group(1), later))
    check("Beviljat av styrelsen %d" % later in p.text and
          "den beviljade perioden börjar" in p.text, "the meeting page does "
          "not show %d's grants or say which year a grant counts in" % later)


@test
def participant_exits_within_participants(ctx):
    k = ctx.api(K)
    cases = lib.items(k.api("GET", "/api/v1/cases?forbund_id=%d&kind=finsam"
                            "&state=genomforande" % ctx.fa))
    check(cases, "no Finsam case in genomforande")
    cid = cases[0]["id"]
    case = expect(k.api("GET", "/api/v1/cases/%d" % cid), 200).json()
    first = int(case["project_start"][:4])
    # Counts belong to a year of the granted period, not another.
    expect_field(k.api("PUT", "/api/v1/cases/%d/participants/%d"
                       % (cid, first - 1), {"women": 1}), "year",
                 "a year before the granted period")
    pp = "/api/v1/cases/%d/participants/%d" % (cid, first)
    bad = {"women": 2, "men": 1, "to_work": 2, "to_studies": 1,
           "job_seeking": 1, "other": 0}
    expect_field(k.api("PUT", pp, bad), "to_work", "exits beyond "
                 "participants")
    expect(k.api("PUT", pp, dict(bad, job_seeking=0)), 200,
           "exits equal to the participants")
    k.close()
    c = ctx.login(K)
    r = csrf_post(c, "/arenden/%d/deltagare" % cid, {
        "p_year": str(first), "p_women": "1", "p_men": "0",
        "p_to_work": "1", "p_to_studies": "1", "p_job_seeking": "0",
        "p_other": "0"})
    p = check_page(r, 422, "participants form, exits beyond participants")
    check("Fler har avslutat insatsen" in p.text,
          "the form does not say why the exits are refused")


@test
def styrelse_sees_no_esf_matters(ctx):
    s = ctx.login("styrelse@demo.bered.se")
    p = check_page(s.get("/"), 200, "styrelse start page")
    check("/utlysningar" not in p.links, "styrelse nav links /utlysningar")
    expect(s.get("/utlysningar"), 404, "styrelse GET /utlysningar")
    r = s.get("/arenden")
    check_page(r, 200, "styrelse case list")
    opts = re.findall(r'<option value="([a-z_]*)"', r.text)
    for code in ("esf", "overens", "ansokan", "partsbeslut", "inskickad",
                 "slutrapporterad", "utanfor_rutinen"):
        check(code not in opts, "styrelse case filter offers %r" % code)
    for code in ("finsam", "ansvarsfordelning", "beviljad"):
        check(code in opts, "styrelse case filter lacks %r" % code)
    t = lib.Client(ctx.port, token=ctx.token("styrelse@demo.bered.se"))
    expect(t.api("GET", "/api/v1/calls"), 404, "styrelse GET /api/v1/calls")
    t.close()
    k = ctx.login(K)
    p = check_page(k.get("/"), 200, "kansli start page")
    check("/utlysningar" in p.links, "kansli nav lacks /utlysningar")
    check_page(k.get("/utlysningar"), 200, "kansli GET /utlysningar")
    kt = ctx.api(K)
    expect(kt.api("GET", "/api/v1/calls"), 200, "kansli GET /api/v1/calls")
    kt.close()


@test
def owner_read_only_after_agreement(ctx):
    k = ctx.api(K)
    c = ctx.login(K)
    after = []
    for state in ("ansokan", "partsbeslut", "inskickad"):
        after += lib.items(k.api("GET", "/api/v1/cases?forbund_id=%d&kind="
                                 "esf&state=%s" % (ctx.fa, state)))
    check(after, "no demo ESF+ case past overens")
    for x in after:
        r = c.get("/arenden/%d" % x["id"])
        check_page(r, 200, "case page %d" % x["id"])
        check('name="owner_party_id"' not in r.text,
              "case %d in %s still offers an owner select"
              % (x["id"], x["state"]))
        check("Projektägare" in r.text, "case %d hides its owner"
              % x["id"])
    for x in lib.items(k.api("GET", "/api/v1/cases?forbund_id=%d&kind=esf&"
                             "state=overens" % ctx.fa)):
        r = c.get("/arenden/%d" % x["id"])
        check('name="owner_party_id"' in r.text, "case %d in overens "
              "offers no owner select" % x["id"])
    k.close()


@test
def field_locks_over_the_api(ctx):
    k = ctx.api(K)
    a = one_case(k, ctx, "esf", "ansokan")
    others = [p["party_id"] for p in a["parties"] if p.get("deltar") and
              p["party_id"] != a["owner_party_id"]]
    check(others, "case %d has no other participating party" % a["id"])
    expect_field(k.api("PATCH", "/api/v1/cases/%d" % a["id"],
                       {"owner_party_id": others[0]}), "owner_party_id",
                 "owner changed after overens")
    s = one_case(k, ctx, "esf", "inskickad")
    sp = "/api/v1/cases/%d" % s["id"]
    expect_field(k.api("PATCH", sp, {"submitted_on": "2020-01-02"}),
                 "submitted_on", "submitted_on changed after inskickad")
    calls = [x["id"] for x in lib.items(k.api("GET", "/api/v1/calls"),
                                        "calls") if x["id"] != s["call_id"]]
    check(calls, "no other call to move the application to")
    expect_field(k.api("PATCH", sp, {"call_id": calls[0]}), "call_id",
                 "call changed after inskickad")
    f = one_case(k, ctx, "finsam", "genomforande")
    expect_field(k.api("PATCH", "/api/v1/cases/%d" % f["id"],
                       {"granted_amount": f["granted_amount"] + 1000}),
                 "granted_amount", "granted_amount outside a decision")
    cid = finsam_on_agenda(ctx, k, "E2E: belopp utan beslut")
    expect_field(k.api("PATCH", "/api/v1/cases/%d" % cid,
                       {"granted_amount": 5000}), "granted_amount",
                 "granted_amount before the board decided")
    k.close()


@test
def demo_calendar_days_in_state(ctx):
    n = ctx.api("nationell@demo.bered.se")
    r = expect(n.api("GET", "/api/v1/followup?forbund_id=%d" % ctx.fa), 200,
               "followup")
    days = r.json()["esf"]["days_in_state"]
    for state in ("identifierad", "utformning", "overens", "ansokan",
                  "partsbeslut", "inskickad", "beviljad", "genomforande"):
        check(days.get(state, 0) >= 5, "days_in_state[%s] = %r: the demo "
              "walks its cases through weeks, not one instant (%r)"
              % (state, days.get(state), days))
    check(days["identifierad"] < 120, "identifierad averages %r days: the "
          "demo's cases did not move on from it" % days["identifierad"])
    n.close()
    c = ctx.login("nationell@demo.bered.se")
    p = check_page(c.get("/uppfoljning"), 200, "follow-up page")
    check("Tid i varje läge" in p.text, "follow-up page lacks the table of "
          "time in each state")
