"""Finsam (issue 3): board meetings, the agenda (an ESF+ case refused with
R1), decisions that move cases (over_frame), the budget frame on known
examples, 422s, participant counts (R10), the styrelse role never seeing
ESF+ cases, and the board flow through the HTML forms."""

import re

import lib
from lib import check, check_page, expect, expect_rules, test

K = "kansli@demo.bered.se"
YEAR = int(lib.today()[:4])


def fields_named(r):
    return [f.get("field", "") for f in
            r.json().get("error", {}).get("fields", []) or []]


def expect_422_field(r, part, what):
    expect(r, 422, what)
    names = fields_named(r)
    check(any(part in n for n in names) or part in r.text,
          "%s: 422 does not name a field with %r: %s" % (what, part,
                                                       r.text[:400]))


def finsam_case(ctx, k, title, state="ansvarsfordelning"):
    """A Finsam case of the demo förbund walked to `state`."""
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "finsam", "title": title,
        "description": "Insats från e2e-testet.", "finsam_malgrupp": True})
    case = expect(r, 201, "create finsam case").json()
    path = "/api/v1/cases/%d" % case["id"]
    for key in ("0880", "08"):
        expect(k.api("PUT", path + "/parties/%d" % ctx.pa[key],
                     {"deltar": True}), 200, "finsam deltar")
    expect(k.api("POST", path + "/transitions", {"to": "utformning"}), 200,
           "finsam -> utformning")
    if state == "utformning":
        return case["id"]
    for key, email in (("0880", "ledamot.kalmar@demo.bered.se"),
                       ("08", "ledamot.region@demo.bered.se")):
        led = ctx.api(email)
        expect(led.api("PUT", path + "/parties/%d" % ctx.pa[key],
                       {"forankrad": lib.today()}), 200, "finsam förankrad")
        led.close()
    r = k.api("POST", path + "/transitions", {"to": "ansvarsfordelning"})
    expect(r, 200, "finsam -> ansvarsfordelning")
    return case["id"]


def demo_case(ctx, k, kind, state):
    cases = lib.items(k.api("GET", "/api/v1/cases?forbund_id=%d&kind=%s&"
                            "state=%s" % (ctx.fa, kind, state)))
    check(cases, "no demo %s case in %s" % (kind, state))
    return cases[0]


@test
def board_flow_api(ctx):
    k = ctx.api(K)
    budget = expect(k.api("GET", "/api/v1/forbund/%d/budgets/%d"
                          % (ctx.fa, YEAR)), 200, "demo budget").json()
    check(budget["frame"] > 0 and budget.get("remaining", 1) > 0,
          "demo budget of this year: %r" % budget)
    remaining = budget.get("remaining", budget["frame"])
    r = k.api("POST", "/api/v1/forbund/%d/meetings" % ctx.fa,
              {"date": lib.today()})
    m = expect(r, 201, "create meeting").json()
    mid = m["id"]
    expect(k.api("POST", "/api/v1/forbund/%d/meetings" % ctx.fa,
                 {"date": "2026-02-30"}), 422, "meeting on 2026-02-30")
    mp = "/api/v1/meetings/%d" % mid
    expect(k.api("GET", mp), 200, "GET meeting")
    # R1: an ESF+ case never reaches the agenda.
    esf = demo_case(ctx, k, "esf", "overens")
    r = k.api("POST", mp + "/agenda", {"case_id": esf["id"]})
    expect_rules(r, 409, ["R1"], "ESF+ case on the agenda")
    early = demo_case(ctx, k, "finsam", "identifierad")
    r = k.api("POST", mp + "/agenda", {"case_id": early["id"]})
    check(r.status in (409, 422), "Finsam case in identifierad on the "
          "agenda: expected 409/422, got %d" % r.status)
    expect(k.api("POST", mp + "/agenda", {"case_id": 99999999}), (404, 422),
           "unknown case on the agenda")
    # A granted insats within the frame, one beyond it, one refused.
    c1 = finsam_case(ctx, k, "E2E: insats inom ramen")
    c2 = finsam_case(ctx, k, "E2E: insats över ramen")
    c3 = finsam_case(ctx, k, "E2E: insats som avslås")
    r = k.api("POST", "/api/v1/cases/%d/transitions" % c1,
              {"to": "beviljad"})
    expect_rules(r, 409, ["R1"], "beviljad outside a board meeting")
    r = k.api("POST", mp + "/decisions", {"case_id": c1, "outcome":
                                          "beviljad", "amount": 1000})
    check(r.status in (409, 422), "decision on a case not on the agenda: "
          "expected 409/422, got %d" % r.status)
    for c in (c1, c2, c3):
        expect(k.api("POST", mp + "/agenda", {"case_id": c}), (200, 201),
               "Finsam case on the agenda")
    expect(k.api("POST", mp + "/decisions", {"case_id": c1, "outcome":
                                             "kanske"}), 422, "outcome kanske")
    expect(k.api("POST", mp + "/decisions", {"case_id": c1, "outcome":
                                             "beviljad", "amount": -5}),
           422, "negative amount")
    small = max(1, min(100000, remaining // 4))
    # The period starts today, in YEAR, whose budget the demo registered.
    r = k.api("POST", mp + "/decisions", {
        "case_id": c1, "outcome": "beviljad", "amount": small,
        "period_start": lib.today(), "period_end": lib.today(400)})
    j = expect(r, (200, 201), "grant within the frame").json()
    check(j.get("state") == "beviljad" and j.get("over_frame") is False,
          "grant within the frame: state %r over_frame %r"
          % (j.get("state"), j.get("over_frame")))
    big = {"case_id": c2, "outcome": "beviljad",
           "amount": remaining + 10 ** 7, "period_start": lib.today(),
           "period_end": lib.today(400)}
    # R9: beyond the frame only with the board's explicit confirmation.
    r = k.api("POST", mp + "/decisions", big)
    expect_rules(r, 409, ["R9"], "grant beyond the frame, unconfirmed")
    check("bekräfta" in r.text, "the refusal asks for the confirmation: %s"
          % r.text[:300])
    r = k.api("POST", mp + "/decisions", dict(big, confirm_over_frame=True))
    j = expect(r, (200, 201), "grant beyond the frame").json()
    check(j.get("state") == "beviljad" and j.get("over_frame") is True,
          "grant beyond the frame: state %r over_frame %r"
          % (j.get("state"), j.get("over_frame")))
    r = k.api("POST", mp + "/decisions", {"case_id": c3, "outcome": "avslag"})
    j = expect(r, (200, 201), "refusal").json()
    check(j.get("state") == "avslag", "refused case state %r"
          % j.get("state"))
    b2 = expect(k.api("GET", "/api/v1/forbund/%d/budgets/%d"
                      % (ctx.fa, YEAR)), 200).json()
    check(b2.get("over_frame") is True, "budget after the big grant: "
          "over_frame %r" % b2.get("over_frame"))
    mj = expect(k.api("GET", mp), 200).json()
    items = mj.get("agenda", mj.get("items", []))
    check(len(items) == 3, "meeting agenda has %d items, want 3"
          % len(items))
    # The case moves on without the board; participants as counts (R10).
    expect(k.api("POST", "/api/v1/cases/%d/transitions" % c1,
                 {"to": "genomforande"}), 200, "finsam -> genomforande")
    pp = "/api/v1/cases/%d/participants/%d" % (c1, YEAR)
    good = {"women": 7, "men": 5, "to_work": 2, "to_studies": 1,
            "job_seeking": 3, "other": 1}
    for key in good:
        bad = dict(good)
        bad[key] = -1
        expect_422_field(k.api("PUT", pp, bad), key, "participants %s=-1"
                         % key)
    expect_422_field(k.api("PUT", pp, dict(good, women="sju")), "women",
                     "participants women='sju'")
    r = k.api("PUT", pp, dict(good, name="Anna Andersson"))
    check(r.status == 422, "participants with a name (R10): expected 422, "
          "got %d" % r.status)
    expect(k.api("PUT", pp, good), 200, "participants")
    got = expect(k.api("GET", "/api/v1/cases/%d/participants" % c1),
                 200).json()
    rows = got if isinstance(got, list) else got.get("participants", got.get(
        "years", []))
    check(any(x.get("year") == YEAR and x.get("women") == 7 for x in rows),
          "GET participants: %r" % got)
    r = k.api("PUT", "/api/v1/cases/%d/participants/%d" % (esf["id"], YEAR),
              good)
    check(r.status in (409, 422), "participants on an ESF+ case: expected "
          "409/422, got %d" % r.status)
    f = expect(k.api("GET", "/api/v1/followup?forbund_id=%d" % ctx.fa),
               200).json()["finsam"]
    check(f["granted"] >= 5 and f["participants"] >= 12 and
          f["granted_amount"] >= small, "followup.finsam: %r" % f)
    k.close()


@test
def decisions_only_in_a_held_meeting(ctx):
    """R9: the board decides in a meeting held on or before today."""
    k = ctx.api(K)
    m = expect(k.api("POST", "/api/v1/forbund/%d/meetings" % ctx.fa,
                     {"date": lib.today(14)}), 201, "a coming meeting").json()
    mp = "/api/v1/meetings/%d" % m["id"]
    c = finsam_case(ctx, k, "E2E: beslut före mötet")
    expect(k.api("POST", mp + "/agenda", {"case_id": c}), (200, 201),
           "on the coming meeting's agenda")
    r = k.api("POST", mp + "/decisions", {"case_id": c, "outcome": "avslag"})
    expect_rules(r, 409, ["R9"], "a decision before the meeting is held")
    check(lib.today(14) in r.text, "the refusal names the meeting's day")
    got = expect(k.api("GET", "/api/v1/cases/%d" % c), 200).json()
    check(got["state"] == "ansvarsfordelning", "the case moved: %r"
          % got["state"])
    k.close()


@test
def grant_in_a_year_without_budget(ctx):
    """A grant whose period starts in a year with no registered budget says
    so (no_budget, the year in the message), on the API and the page."""
    k = ctx.api(K)
    year = YEAR + 3
    expect(k.api("GET", "/api/v1/forbund/%d/budgets/%d" % (ctx.fa, year)),
           404, "no budget %d" % year)
    m = expect(k.api("POST", "/api/v1/forbund/%d/meetings" % ctx.fa,
                     {"date": lib.today()}), 201, "meeting").json()
    mp = "/api/v1/meetings/%d" % m["id"]
    c = finsam_case(ctx, k, "E2E: insats utan budget")
    expect(k.api("POST", mp + "/agenda", {"case_id": c}), (200, 201),
           "on the agenda")
    grant = {"case_id": c, "outcome": "beviljad", "amount": 5000,
             "period_start": "%d-02-01" % year,
             "period_end": "%d-11-30" % year}
    r = k.api("POST", mp + "/decisions", grant)
    expect_rules(r, 409, ["R9"], "grant without budget, unconfirmed")
    check("Ingen budget är registrerad för %d" % year in r.text,
          "409 names the year: %s" % r.text[:300])
    r = k.api("POST", mp + "/decisions", dict(grant, confirm_over_frame=True))
    j = expect(r, (200, 201), "grant without budget").json()
    check(j.get("no_budget") is True and j.get("over_frame") is True and
          j.get("year") == year, "no_budget/over_frame/year: %r" %
          {x: j.get(x) for x in ("no_budget", "over_frame", "year")})
    check("Ingen budget är registrerad för %d" % year in
          j.get("over_frame_message", ""), "message: %r"
          % j.get("over_frame_message"))
    k.close()


@test
def budget_frame_math(ctx):
    admin = ctx.api("admin@demo.bered.se")
    r = admin.api("POST", "/api/v1/forbund", {
        "name": "E2E Samordningsförbund", "kommuner": ["0180", "0181"],
        "regioner": ["01"]})
    fb = expect(r, 201, "admin creates förbund").json()
    by = {p["kind"] if p["kind"] in ("fk", "af") else p["code"]: p["id"]
          for p in fb["parties"]}
    check(set(by) == {"fk", "af", "0180", "0181", "01"},
          "new förbund parties: %r" % fb["parties"])
    r = admin.api("POST", "/api/v1/forbund", {"name": "Fel", "kommuner":
                                              ["9999"], "regioner": ["01"]})
    expect_422_field(r, "kommuner", "unknown kommunkod 9999")
    r = admin.api("POST", "/api/v1/forbund", {"name": "Fel", "kommuner":
                                              ["0180"], "regioner": ["99"]})
    expect_422_field(r, "regioner", "unknown länskod 99")
    path = "/api/v1/forbund/%d/budgets/%d" % (fb["id"], YEAR)
    # The förbund's own kansli keeps its budget.
    r = admin.api("POST", "/api/v1/users", {
        "email": "kansli@e2e.bered.se", "name": "E2E kansli",
        "role": "kansli", "password": "ett-langt-losenord-1",
        "forbund_id": fb["id"], "party_id": None})
    expect(r, 201, "admin creates the new förbund's kansli")
    admin.close()
    admin = ctx.api("kansli@e2e.bered.se")
    expect(admin.api("GET", path), 404, "budget not set yet")

    def offers(fk, k1, s1, k2, s2, reg, sreg=1.0):
        return {"offers": [
            {"party_id": by["fk"], "amount": fk},
            {"party_id": by["0180"], "amount": k1, "share": s1},
            {"party_id": by["0181"], "amount": k2, "share": s2},
            {"party_id": by["01"], "amount": reg, "share": sreg}]}

    def pays(j):
        return {p["party_id"]: p["pays"] for p in j["parties"]}

    # S = 1000; kommuner 300 (share .6) and 100 (share .4); region 500.
    # Limits: 2S = 2000, 4*300/.6 = 2000, 4*100/.4 = 1000, 4*500 = 2000.
    # T = 1000, bound by kommun 0181. FK 500, kommuner 250 split .6/.4 =
    # 150 and 100, region 250.
    j = expect(admin.api("PUT", path, offers(1000, 300, 0.6, 100, 0.4, 500)),
               200, "budget PUT").json()
    check(j["year"] == YEAR and j["frame"] == 1000,
          "frame %r, want 1000" % j.get("frame"))
    check(j["binding_party_ids"] == [by["0181"]], "binding %r, want [%d]"
          % (j["binding_party_ids"], by["0181"]))
    want = {by["fk"]: 500, by["0180"]: 150, by["0181"]: 100, by["01"]: 250}
    check(pays(j) == want, "pays %r, want %r" % (pays(j), want))
    g = expect(admin.api("GET", path), 200, "budget GET").json()
    check(g["frame"] == 1000 and pays(g) == want and
          g["binding_party_ids"] == [by["0181"]], "GET differs: %r" % g)
    # Largest remainder: T = 20000 bound by the region; the kommun quarter
    # 5000 split 1/3 : 2/3 = 1666.665 : 3333.335 -> 1667 + 3333.
    j = expect(admin.api("PUT", path, offers(10001, 3000, 0.333333, 6000,
                                             0.666667, 5000)), 200).json()
    want = {by["fk"]: 10000, by["0180"]: 1667, by["0181"]: 3333,
            by["01"]: 5000}
    check(j["frame"] == 20000 and pays(j) == want and
          j["binding_party_ids"] == [by["01"]],
          "rounding example: frame %r binding %r pays %r, want 20000 [%d] %r"
          % (j["frame"], j["binding_party_ids"], pays(j), by["01"], want))
    # An odd frame: 4*151/.6 = 1006.67 -> T = 1006 (kommun 0180 binds);
    # every krona is paid by someone.
    j = expect(admin.api("PUT", path, offers(600, 151, 0.6, 200, 0.4, 400)),
               200).json()
    p = pays(j)
    check(j["frame"] == 1006 and sum(p.values()) == 1006 and
          p[by["fk"]] == 503 and j["binding_party_ids"] == [by["0180"]],
          "odd frame: %r" % j)
    check(abs(p[by["0180"]] - 150.9) < 1 and abs(p[by["0181"]] - 100.6) < 1,
          "odd frame kommun pays %r" % p)
    # Zero offers are allowed and give a zero frame.
    j = expect(admin.api("PUT", path, offers(0, 0, 0.5, 0, 0.5, 0)), 200,
               "all-zero budget").json()
    check(j["frame"] == 0 and sum(pays(j).values()) == 0, "zero: %r" % j)
    # 422s naming the field.
    body = offers(1000, 300, 0.6, 100, 0.4, 500)
    body["offers"] = body["offers"][1:]
    expect_422_field(admin.api("PUT", path, body), "offers",
                     "budget without FK's offer")
    body = offers(1000, 300, 0.6, 100, 0.4, 500)
    body["offers"] = body["offers"][:2] + body["offers"][3:]
    expect_422_field(admin.api("PUT", path, body), "offers",
                     "budget without kommun 0181")
    expect_422_field(admin.api("PUT", path, offers(1000, -300, 0.6, 100, 0.4,
                                                   500)), "amount",
                     "negative offer")
    expect_422_field(admin.api("PUT", path, offers(1000, 300, 0.5, 100, 0.4,
                                                   500)), "share",
                     "kommun shares summing to 0.9")
    expect_422_field(admin.api("PUT", path, offers(1000, 300, 0.6, 100, 0.4,
                                                   500, 0.5)), "share",
                     "region share 0.5")
    body = offers(1000, 300, 0.6, 100, 0.4, 500)
    body["offers"].append({"party_id": by["af"], "amount": 10})
    expect(admin.api("PUT", path, body), 422, "AF makes an offer")
    expect(admin.api("PUT", path, {"offers": "många"}), 422, "offers not a "
           "list")
    g = expect(admin.api("GET", path), 200).json()
    check(g["frame"] == 0, "a refused PUT changed the stored budget: %r" % g)
    # No split registered (no shares): T = min(2S, 4K, 4R) with the sums,
    # members pay by their offers (DOMAIN.md 2), the shares are null.
    nosplit = {"offers": [
        {"party_id": by["fk"], "amount": 2500000},
        {"party_id": by["0180"], "amount": 1000000},
        {"party_id": by["0181"], "amount": 225000},
        {"party_id": by["01"], "amount": 1250000}]}
    j = expect(admin.api("PUT", path, nosplit), 200, "no split").json()
    check(j["frame"] == 4900000, "frame without a split: %r" % j["frame"])
    got = pays(j)
    check(got[by["0180"]] == 1000000 and got[by["0181"]] == 225000 and
          got[by["fk"]] == 2450000 and got[by["01"]] == 1225000,
          "pays without a split: %r" % got)
    check(all(p["share"] is None for p in j["parties"]),
          "shares without a split: %r" % j["parties"])
    check(sorted(j["binding_party_ids"]) == sorted([by["0180"], by["0181"]]),
          "the kommuner bind together: %r" % j["binding_party_ids"])
    admin.close()


@test
def styrelse_never_sees_esf(ctx):
    s = ctx.api("styrelse@demo.bered.se")
    cases = lib.items(s.api("GET", "/api/v1/cases"))
    check(cases, "styrelse sees no cases at all")
    check(all(c["kind"] == "finsam" for c in cases),
          "styrelse sees ESF+ cases via the API: %s"
          % [c["title"] for c in cases if c["kind"] != "finsam"])
    r = s.api("GET", "/api/v1/cases?kind=esf")
    check(r.status == 404 or lib.items(r) == [],
          "GET /api/v1/cases?kind=esf as styrelse: %s" % r.text[:200])
    k = ctx.api(K)
    esf = demo_case(ctx, k, "esf", "beviljad")
    expect(s.api("GET", "/api/v1/cases/%d" % esf["id"]), 404,
           "styrelse GET an ESF+ case")
    expect(s.api("POST", "/api/v1/forbund/%d/meetings" % ctx.fa,
                 {"date": lib.today()}), 403, "styrelse creates a meeting")
    c = ctx.login("styrelse@demo.bered.se")
    esf_titles = [x["title"] for x in lib.items(k.api(
        "GET", "/api/v1/cases?forbund_id=%d&kind=esf" % ctx.fa))]
    for path in ("/", "/arenden", "/styrelse"):
        p = check_page(c.get(path), 200, "styrelse GET " + path)
        shown = [t for t in esf_titles if t in p.text]
        check(not shown, "styrelse page %s shows ESF+ cases (R1): %s"
              % (path, shown[:3]))
    check_page(c.get("/arenden/%d" % esf["id"]), 404,
               "styrelse GET an ESF+ case page")
    ms = lib.items(s.api("GET", "/api/v1/forbund/%d/meetings" % ctx.fa),
                   "meetings")
    for m in ms[:3]:
        for path in ("/styrelse/moten/%d" % m["id"],
                     "/styrelse/moten/%d/protokoll" % m["id"]):
            p = check_page(c.get(path), 200, "styrelse GET " + path)
            shown = [t for t in esf_titles if t in p.text]
            check(not shown, "%s shows ESF+ cases: %s" % (path, shown))
    for x in (s, k, c):
        x.close()


def select_options(form, name):
    return [v for v, _ in lib.option_values(form, name)]


@test
def board_flow_pages(ctx):
    k = ctx.api(K)
    cid = finsam_case(ctx, k, "E2E: insats via styrelsesidorna")
    esf = demo_case(ctx, k, "esf", "overens")
    c = ctx.login(K)
    p = check_page(c.get("/styrelse"), 200, "board page")
    f = p.find_forms(r"/styrelse")
    check(f, "GET /styrelse: no form to create a meeting")
    date_f = [x["name"] for x in f[0]["fields"] if x.get("type") == "date"
              or "date" in x["name"] or "datum" in x["name"]]
    check(date_f, "meeting form has no date field: %s"
          % lib.field_names(f[0]))
    r = c.post_form("/styrelse", lib.form_values(
        f[0], {date_f[0]: lib.today()}))
    check(r.status == 303, "POST /styrelse: expected 303, got %d: %s"
          % (r.status, r.text[:300]))
    loc = r.header("Location")
    m = re.fullmatch(r"/styrelse/moten/(\d+)(\?.*)?", loc or "")
    check(m is not None, "POST /styrelse redirected to %r" % loc)
    mid = int(m.group(1))
    page = check_page(c.get(loc), 200, "meeting page")
    af = page.find_forms(r"/styrelse/moten/%d/dagordning" % mid)
    check(af, "meeting page has no agenda form")
    af = af[0]
    sel = [x["name"] for x in af["fields"] if x["tag"] == "select"] or \
        ["case_id"]
    opts = select_options(af, sel[0])
    check(str(cid) in opts, "agenda form does not offer the Finsam case in "
          "ansvarsfordelning (options %s)" % opts)
    check(str(esf["id"]) not in opts, "agenda form offers an ESF+ case (R1)")
    r = c.post_form(af["action"], lib.form_values(af, {sel[0]:
                                                       str(esf["id"])}))
    p409 = check_page(r, 409, "ESF+ case posted to the agenda form")
    check("R1" in p409.text, "agenda refusal page does not name R1")
    r = c.post_form(af["action"], lib.form_values(af, {sel[0]: str(cid)}))
    check(r.status == 303, "agenda form: expected 303, got %d: %s"
          % (r.status, r.text[:300]))
    page = check_page(c.get(loc), 200, "meeting page with an item")
    df = page.find_forms(r"/styrelse/moten/%d/beslut" % mid)
    check(df, "meeting page has no decision form")
    df = [x for x in df if ("case_id", str(cid)) in lib.form_values(x)] or df
    df = df[0]
    names = lib.field_names(df)
    over = {}
    for n in names:
        if "amount" in n or "belopp" in n:
            over[n] = "250000000"   # beyond any frame of the demo
        elif "start" in n:
            over[n] = lib.today(30)
        elif "end" in n or "slut" in n:
            over[n] = lib.today(395)
    if "case_id" in names:
        over["case_id"] = str(cid)
    outcome = [x for x in df["fields"] if "outcome" in x["name"] or
               "beslut" in x["name"]]
    check(outcome, "decision form has no outcome field: %s" % names)
    over[outcome[0]["name"]] = "beviljad"
    r = c.post_form(df["action"], lib.form_values(df, over))
    # R9: over the frame, the page asks for the board's confirmation.
    p409 = check_page(r, 409, "decision over the frame, unconfirmed")
    check("confirm_over_frame" in r.text and "R9" in p409.text,
          "no confirmation step over the frame")
    cf = [x for x in p409.find_forms(r"/styrelse/moten/%d/beslut" % mid)
          if "confirm_over_frame" in lib.field_names(x)]
    check(cf, "the confirmation form keeps no confirm_over_frame box")
    r = c.post_form(cf[0]["action"], lib.form_values(
        cf[0], {"confirm_over_frame": "1"}))
    check(r.status == 303, "decision form: expected 303, got %d: %s"
          % (r.status, r.text[:400]))
    case = expect(k.api("GET", "/api/v1/cases/%d" % cid), 200).json()
    check(case["state"] == "beviljad" and
          case["granted_amount"] == 250000000,
          "after the decision form: state %r amount %r"
          % (case["state"], case.get("granted_amount")))
    pr = check_page(c.get("/styrelse/moten/%d/protokoll" % mid), 200,
                    "protokoll")
    check("E2E: insats via styrelsesidorna" in pr.text,
          "protokoll lacks the decided item")
    p = check_page(c.get("/budget?ar=%d" % YEAR), 200, "budget page")
    frame = expect(k.api("GET", "/api/v1/forbund/%d/budgets/%d"
                         % (ctx.fa, YEAR)), 200).json()["frame"]
    digits = re.sub(r"[\s\u00a0\u202f]", "", p.text)
    check(str(frame) in digits, "budget page does not show the frame %d"
          % frame)
    check_page(c.get("/arenden/%d" % cid), 200, "granted Finsam case page")
    k.close()
    c.close()


@test
def board_postpones_to_a_later_meeting(ctx):
    """The board may bordlägga a matter: the item is recorded as bordlagd,
    the case stays in ansvarsfordelning, goes on a later meeting's agenda
    and is decided there; the minutes say so."""
    k = ctx.api(K)
    mk = "/api/v1/forbund/%d/meetings" % ctx.fa
    m1 = expect(k.api("POST", mk, {"date": lib.today(-7)}), 201).json()["id"]
    m2 = expect(k.api("POST", mk, {"date": lib.today()}), 201).json()["id"]
    c = finsam_case(ctx, k, "E2E: bordläggs")
    p1, p2 = "/api/v1/meetings/%d" % m1, "/api/v1/meetings/%d" % m2
    expect(k.api("POST", p1 + "/agenda", {"case_id": c}), 201)
    j = expect(k.api("POST", p1 + "/decisions", {
        "case_id": c, "outcome": "bordlagd"}), 201, "bordlagd").json()
    check(j["state"] == "ansvarsfordelning", "a postponed case moved: %r"
          % j["state"])
    items = expect(k.api("GET", p1), 200).json()["agenda"]
    check([x["outcome"] for x in items if x["case_id"] == c] ==
          ["bordlagd"], "the item is not recorded as bordlagd: %r" % items)
    r = k.api("POST", p1 + "/decisions", {"case_id": c, "outcome": "avslag"})
    check(r.status == 409, "decided twice in one meeting: %d" % r.status)
    expect(k.api("POST", p2 + "/agenda", {"case_id": c}), 201,
           "on a later meeting's agenda")
    j = expect(k.api("POST", p2 + "/decisions", {
        "case_id": c, "outcome": "avslag"}), 201).json()
    check(j["state"] == "avslag", "decided at the later meeting: %r"
          % j["state"])
    page = ctx.login(K)
    pr = check_page(page.get("/styrelse/moten/%d/protokoll" % m1), 200)
    check("bordlägga" in pr.text, "the minutes do not say bordlagt")
    k.close()


@test
def agenda_ordered_and_struck_by_pages(ctx):
    """Before the meeting the kansli moves an item up and strikes an
    undecided one; after a decision the item stays."""
    k = ctx.api(K)
    m = expect(k.api("POST", "/api/v1/forbund/%d/meetings" % ctx.fa,
                     {"date": lib.today(3)}), 201).json()["id"]
    a = finsam_case(ctx, k, "E2E: först")
    b = finsam_case(ctx, k, "E2E: sedan")
    mp = "/api/v1/meetings/%d" % m
    for c in (a, b):
        expect(k.api("POST", mp + "/agenda", {"case_id": c}), 201)
    page = ctx.login(K)
    r = page.post_form("/styrelse/moten/%d/dagordning/%d/upp" % (m, b),
                       {"_csrf": page.csrf})
    expect(r, 303, "move b up")
    order = [x["case_id"] for x in expect(k.api("GET", mp), 200).json()
             ["agenda"]]
    check(order == [b, a], "agenda order after moving up: %r" % order)
    r = page.post_form("/styrelse/moten/%d/dagordning/%d/upp" % (m, b),
                       {"_csrf": page.csrf})
    p = check_page(r, 409, "moving the first item up")
    check("redan först" in p.text, "the refusal says why")
    r = page.post_form("/styrelse/moten/%d/dagordning/%d/stryk" % (m, a),
                       {"_csrf": page.csrf})
    expect(r, 303, "strike a")
    order = [x["case_id"] for x in expect(k.api("GET", mp), 200).json()
             ["agenda"]]
    check(order == [b], "agenda after striking: %r" % order)
    s = ctx.login("styrelse@demo.bered.se")
    r = s.post_form("/styrelse/moten/%d/dagordning/%d/stryk" % (m, b),
                    {"_csrf": s.csrf})
    check(r.status in (403, 404), "styrelse strikes an item: %d" % r.status)
    k.close()
