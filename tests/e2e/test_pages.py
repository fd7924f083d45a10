"""The HTML pages of the routine over HTTP: every page is validated
(balanced tags, lang="sv", labels, unique ids, one h1, heading order, no
inline script or style), forms are posted as a browser would post them,
refusals come back as pages naming the rule."""

import re

import lib
from lib import check, check_page, expect, test

K = "kansli@demo.bered.se"


def follow(c, r, what):
    expect(r, 303, what)
    loc = r.header("Location") or ""
    check(loc.startswith("/"), "%s: Location %r" % (what, loc))
    return loc, check_page(c.get(loc), 200, what + " (after redirect)")


def one_form(page, action_re, what, pred=None):
    forms = page.find_forms(action_re)
    if pred:
        forms = [f for f in forms if pred(f)]
    check(forms, "%s: no form posting to %s" % (what, action_re))
    return forms[0]


def move_form(page, cid, to):
    def has_to(f):
        return ("to", to) in lib.form_values(f)
    forms = [f for f in page.find_forms(r"/arenden/%d/overgang" % cid)
             if has_to(f)]
    return forms[0] if forms else None


@test
def pages_of_every_state(ctx):
    """Every demo case page, as kansli: valid, no-store, process map."""
    c = ctx.login(K)
    k = ctx.api(K)
    cases = lib.items(k.api("GET", "/api/v1/cases?forbund_id=%d" % ctx.fa))
    states = {x["state"] for x in cases}
    want = {"identifierad", "utformning", "overens", "ansokan", "partsbeslut",
            "inskickad", "beviljad", "avslag", "genomforande",
            "slutrapporterad", "avslutad", "avbruten", "utanfor_rutinen",
            "ansvarsfordelning"}
    check(want <= states, "the demo lacks cases in states %s"
          % sorted(want - states))
    for kind in ("esf", "finsam"):
        ks = {x["state"] for x in cases if x["kind"] == kind}
        need = want - {"ansvarsfordelning"} if kind == "esf" else \
            {"identifierad", "utformning", "ansvarsfordelning", "beviljad",
             "avslag", "genomforande", "avslutad", "avbruten"}
        check(need <= ks, "demo %s cases lack states %s"
              % (kind, sorted(need - ks)))
    fb_owner = [x for x in cases if x["kind"] == "esf" and
                x.get("owner_party_id") == ctx.pa["fk"] and
                x["state"] == "genomforande"]
    check(fb_owner, "the demo has no ESF+ case in genomforande with FK "
          "as (fallback) owner")
    for x in cases:
        r = c.get("/arenden/%d" % x["id"])
        p = check_page(r, 200, "case page %s (%s)" % (x["id"], x["state"]))
        check("no-store" in (r.header("Cache-Control") or ""),
              "GET /arenden/%d: no Cache-Control: no-store" % x["id"])
        check(x["title"] in p.text, "case page %d lacks its title"
              % x["id"])
    for path in ("/", "/arenden", "/arenden/ny", "/behov", "/utlysningar",
                 "/uppfoljning", "/konto", "/arenden?kind=esf",
                 "/arenden?state=beviljad"):
        check_page(c.get(path), 200, "GET " + path)
    a = ctx.login("admin@demo.bered.se")
    for path in ("/forbund", "/forbund/%d" % ctx.fa, "/anvandare",
                 "/uppfoljning", "/arenden"):
        check_page(a.get(path), 200, "admin GET " + path)
    r = c.get("/arenden")
    rows = len(re.findall(r'href="/arenden/\d+"', r.text))
    check(rows >= 20, "GET /arenden as kansli links %d cases, want >= 20 "
          "(the benchmark page)" % rows)
    for x in (c, k, a):
        x.close()


@test
def start_page_todo(ctx):
    c = ctx.login("ledamot.region@demo.bered.se")
    p = check_page(c.get("/"), 200, "start page of ledamot.region")
    check("Steg till arbete för personer med psykisk ohälsa" in p.text,
          "start page of Region's ledamot does not list the case waiting "
          "for Region's förankring")
    check("Förebygga och motverka arbetslöshet" in p.text,
          "start page does not show the call closing in 10 days")
    c.close()
    # The esf-kansli: a case waiting for FK's förankring, and FK's own.
    k = ctx.api(K)
    r = expect(k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "Väntar på FK:s "
        "förankring", "finsam_malgrupp": True,
        "parties": [ctx.pa["fk"], ctx.pa["0880"]]}), 201, "case with FK")
    cid = r.json()["id"]
    expect(k.api("POST", "/api/v1/cases/%d/transitions" % cid,
                 {"to": "utformning"}), 200, "to utformning")
    k.close()
    e = ctx.login("esf-kansli@demo.bered.se")
    p = e.get("/")
    check_page(p, 200, "start page of the esf-kansli")
    waiting, owned = p.text.split("Försäkringskassan är projektägare", 1)
    check("Väntar på FK:s förankring" in waiting and "förankring saknas"
          in waiting, "the esf-kansli is not told FK's förankring is "
          "awaited")
    check("Samverkan för återgång i arbete" in owned, "the esf-kansli's "
          "start page lacks the project FK owns")
    e.close()


@test
def case_routine_by_forms(ctx):
    c = ctx.login(K)
    p = check_page(c.get("/arenden/ny"), 200, "new case form")
    f = one_form(p, r"/arenden", "GET /arenden/ny")
    names = lib.field_names(f)
    for n in ("title", "kind"):
        check(n in names, "new case form lacks %r: %s" % (n, names))
    check("finsam_malgrupp" in names, "new case form lacks the Finsam "
          "målgrupp choice: %s" % names)
    vals = lib.form_values(f, {"title": "E2E via formulär", "kind": "esf",
                               "description": "Skapad i webbläsaren.",
                               "finsam_malgrupp": "ja"})
    r = c.post_form(f["action"], vals)
    loc, page = follow(c, r, "POST /arenden")
    m = re.fullmatch(r"/arenden/(\d+)(\?.*)?", loc)
    check(m is not None, "POST /arenden redirected to %r" % loc)
    cid = int(m.group(1))
    check("E2E via formulär" in page.text, "new case page lacks the title")
    # Too early: a refusal page with status 409 naming the rule.
    mf = move_form(page, cid, "utformning")
    check(mf is not None, "case page offers no move to utformning")
    r = c.post_form(mf["action"], lib.form_values(mf))
    p409 = check_page(r, 409, "move to utformning with no parties")
    check("Minst två parter" in p409.text or "G" in p409.text,
          "409 page does not say what is missing")
    mf = move_form(page, cid, "utanfor_rutinen")
    check(mf is not None, "case page offers no move to utanfor_rutinen")
    r = c.post_form(mf["action"], lib.form_values(mf))
    p409 = check_page(r, 409, "move to utanfor_rutinen (R6)")
    check("R6" in p409.text, "409 page for utanfor_rutinen does not name R6")
    # Party forms: FK and Kalmar take part.
    for key in ("fk", "0880"):
        pid = ctx.pa[key]
        page = check_page(c.get("/arenden/%d" % cid), 200)
        pf = one_form(page, r"/arenden/%d/parter/%d" % (cid, pid),
                      "party form %s" % key)
        vals = lib.form_values(pf, {"deltar_%d" % pid: True,
                                    "medfinansiar_%d" % pid: True})
        r = c.post_form(pf["action"], vals)
        follow(c, r, "POST party form %s" % key)
    k = ctx.api(K)
    case = expect(k.api("GET", "/api/v1/cases/%d" % cid), 200).json()
    dl = sorted(p["party_id"] for p in case["parties"] if p["deltar"])
    check(dl == sorted([ctx.pa["fk"], ctx.pa["0880"]]),
          "after the party forms, deltar = %s" % dl)
    page = check_page(c.get("/arenden/%d" % cid), 200)
    mf = move_form(page, cid, "utformning")
    r = c.post_form(mf["action"], lib.form_values(mf))
    follow(c, r, "move to utformning")
    case = expect(k.api("GET", "/api/v1/cases/%d" % cid), 200).json()
    check(case["state"] == "utformning", "state after the move form: %s"
          % case["state"])
    # R7 in the browser: AF's ledamot posts Kalmar's förankring.
    af = ctx.login("ledamot.af@demo.bered.se")
    kal = ctx.pa["0880"]
    page = check_page(af.get("/arenden/%d" % cid), 200, "case as AF")
    check(not page.find_forms(r"/arenden/%d/parter/%d" % (cid, kal),
                              "post") or
          "forankrad_%d" % kal not in
          lib.field_names(page.find_forms(r"/arenden/%d/parter/%d"
                                          % (cid, kal))[0]),
          "AF's ledamot is offered Kalmar's own fields (R7)")
    r = af.post_form("/arenden/%d/parter/%d" % (cid, kal),
                     {"_csrf": af.csrf, "egna": "1",
                      "forankrad_%d" % kal: lib.today()})
    p403 = check_page(r, 403, "AF posts Kalmar's förankring")
    check("R7" in p403.text, "403 page does not name R7")
    # Kalmar's ledamot records its own förankring through its form.
    kc = ctx.login("ledamot.kalmar@demo.bered.se")
    page = check_page(kc.get("/arenden/%d" % cid), 200, "case as Kalmar")
    pf = one_form(page, r"/arenden/%d/parter/%d" % (cid, kal), "own form")
    check("forankrad_%d" % kal in lib.field_names(pf),
          "Kalmar's ledamot is not offered its own förankring field")
    r = kc.post_form(pf["action"], lib.form_values(
        pf, {"forankrad_%d" % kal: lib.today()}))
    follow(kc, r, "Kalmar records förankring")
    case = expect(k.api("GET", "/api/v1/cases/%d" % cid), 200).json()
    row = [p for p in case["parties"] if p["party_id"] == kal][0]
    check(row["forankrad"] == lib.today(), "förankring via form: %r" % row)
    # A bad date in the case form: 4xx page with the error by the field.
    page = check_page(c.get("/arenden/%d" % cid), 200)
    cf = one_form(page, r"/arenden/%d" % cid, "case fields form")
    vals = lib.form_values(cf, {"title": ""})
    r = c.post_form(cf["action"], vals)
    check_page(r, 422, "case form with empty title")
    check('aria-invalid="true"' in r.text or "aria-describedby" in r.text,
          "422 form does not tie the error to the field")
    for x in (c, k, af, kc):
        x.close()


@test
def needs_and_calls_pages(ctx):
    c = ctx.login(K)
    p = check_page(c.get("/behov"), 200, "needs page")
    f = one_form(p, r"/behov", "GET /behov")
    vals = lib.form_values(f, {"malgrupp": "E2E-målgrupp <b>",
                               "behov": "Behov & stöd", "utbud": "Inget"})
    r = c.post_form("/behov", vals)
    if r.status == 303:
        _, p = follow(c, r, "POST /behov")
    else:
        p = check_page(r, (200, 201), "POST /behov")
    p = check_page(c.get("/behov"), 200)
    check("E2E-målgrupp <b>" in p.text, "the new need is not listed")
    check("E2E-målgrupp <b>" not in c.get("/behov").text,
          "need text is not escaped in HTML")
    r = c.post_form("/behov", lib.form_values(f, {"malgrupp": "",
                                                  "behov": ""}))
    check_page(r, 422, "POST /behov empty")
    p = check_page(c.get("/utlysningar"), 200, "calls page")
    f = one_form(p, r"/utlysningar", "GET /utlysningar")
    vals = lib.form_values(f, {"title": "E2E-utlysning", "reference":
                               "2026/09950", "opens": lib.today(),
                               "closes": "2026-02-30", "esf_share_pct": "46"})
    check_page(c.post_form("/utlysningar", vals), 422, "call with 2026-02-30")
    vals = lib.form_values(f, {"title": "E2E-utlysning", "reference":
                               "2026/09950", "opens": lib.today(),
                               "closes": lib.today(40), "esf_share_pct": "46"})
    r = c.post_form("/utlysningar", vals)
    if r.status == 303:
        follow(c, r, "POST /utlysningar")
    else:
        check_page(r, (200, 201), "POST /utlysningar")
    check("E2E-utlysning" in check_page(c.get("/utlysningar"), 200).text,
          "the new call is not listed")
    c.close()


@test
def stale_forms_never_overwrite(ctx):
    """Lost updates: a form carries the version it was read at; a save
    after someone else's change is refused in Swedish, shows what is
    saved now and keeps what the user typed."""
    k = ctx.api(K)
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "Förlorad ändring",
        "finsam_malgrupp": True, "parties": [ctx.pa["fk"], ctx.pa["0880"]]})
    cid = expect(r, 201).json()["id"]
    c = ctx.login(K)
    page = check_page(c.get("/arenden/%d" % cid), 200)
    form = one_form(page, r"^/arenden/%d$" % cid, "fields form")
    check(form["fragment"] == "meddelande", "the fields form lands on the "
          "message: %r" % form["fragment"])
    # Someone else changes the description meanwhile.
    led = ctx.api("ledamot.kalmar@demo.bered.se")
    expect(led.api("PATCH", "/api/v1/cases/%d" % cid,
                   {"description": "Kalmars text"}), 200)
    r = c.post_form(form["action"], lib.form_values(
        form, {"title": "Kanslits nya titel"}))
    p = check_page(r, 409, "a stale fields form")
    check("ändrats av någon annan" in p.text and "Kalmars text" in p.text,
          "the refusal shows what is saved now: %s" % p.text[:600])
    check('value="Kanslits nya titel"' in r.text, "the typed title is kept")
    check('autofocus' in r.text and 'id="meddelande"' in r.text,
          "the message takes the focus")
    got = expect(k.api("GET", "/api/v1/cases/%d" % cid), 200).json()
    check(got["description"] == "Kalmars text" and
          got["title"] == "Förlorad ändring", "a stale form overwrote: %r"
          % {x: got[x] for x in ("title", "description")})
    # The refused page's form carries the new version: having read the
    # change, the user keeps Kalmar's text and saves again.
    form = one_form(lib.parse_page(r), r"^/arenden/%d$" % cid, "form again")
    r = c.post_form(form["action"], lib.form_values(
        form, {"description": "Kalmars text"}))
    expect(r, 303, "saving again after reading the change")
    got = expect(k.api("GET", "/api/v1/cases/%d" % cid), 200).json()
    check(got["title"] == "Kanslits nya titel" and
          got["description"] == "Kalmars text", "second save: %r" % got)
    # The party row form the same way.
    page = check_page(c.get("/arenden/%d" % cid), 200)
    pf = one_form(page, r"^/arenden/%d/parter/%d$" % (cid, ctx.pa["fk"]),
                  "FK's row form")
    expect(k.api("PUT", "/api/v1/cases/%d/parties/%d" % (cid, ctx.pa["af"]),
                 {"deltar": True}), 200)
    r = c.post_form(pf["action"], lib.form_values(pf))
    check_page(r, 409, "a stale party form")
    check("ändrats av någon annan" in r.text, "party refusal in Swedish")
    # A refused move lands on its message, which takes the focus.
    page = check_page(c.get("/arenden/%d" % cid), 200)
    mf = move_form(page, cid, "avbruten")  # no reason given: refused
    check(mf["fragment"] == "meddelande", "move form fragment %r"
          % mf["fragment"])
    r = c.post_form(mf["action"], lib.form_values(mf))
    check_page(r, (409, 422), "a refused move")
    check(re.search(r'<div[^>]*id="meddelande"[^>]*autofocus', r.text),
          "the refused move's message has the focus")
    for x in (k, led):
        x.close()


@test
def needs_show_their_cases_and_favicon(ctx):
    """A need lists the cases started from it (as the user may see them);
    every page names the favicon, which is served."""
    k = ctx.api(K)
    need = lib.items(k.api("GET", "/api/v1/forbund/%d/needs" % ctx.fa),
                     key="needs")[0]
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "Från behovet",
        "finsam_malgrupp": True, "need_id": need["id"]})
    cid = expect(r, 201).json()["id"]
    c = ctx.login(K)
    p = check_page(c.get("/behov"), 200, "needs page")
    check('href="/arenden/%d"' % cid in c.get("/behov").text,
          "the need does not list its case")
    check("Ärenden från behovet" in p.text, "no column of cases")
    check('rel="icon" href="/static/favicon.svg"' in c.get("/").text,
          "pages name no favicon")
    r = c.get("/static/favicon.svg")
    expect(r, 200, "favicon")
    check((r.header("Content-Type") or "").startswith("image/svg+xml"),
          "favicon type %r" % r.header("Content-Type"))
    k.close()


@test
def admin_picks_members_by_name(ctx):
    """The admin picks a förbund's kommuner and regioner by name (one
    fold per län), no codes to type; a bad choice keeps what was ticked."""
    a = ctx.login("admin@demo.bered.se")
    p = check_page(a.get("/forbund"), 200, "förbund page")
    f = one_form(p, r"^/forbund$", "the förbund form")
    names = lib.field_names(f)
    check("kommun_0180" in names and "region_01" in names,
          "no boxes by name: %s" % names[:10])
    check("Upplands Väsby" in p.text and "Region Stockholm" in p.text,
          "kommuner and regioner are not named")
    r = a.post_form("/forbund", {"_csrf": a.csrf, "name": "E2E via namn",
                                 "kommun_0180": "1"})
    p = check_page(r, 422, "a förbund without a region")
    check('id="kommun_0180" name="kommun_0180" value="1" checked' in r.text,
          "the ticked kommun is not kept")
    r = a.post_form("/forbund", {"_csrf": a.csrf, "name": "E2E via namn",
                                 "kommun_0180": "1", "kommun_0181": "1",
                                 "region_01": "1"})
    loc, page = follow(a, r, "POST /forbund by name")
    check("Stockholms kommun" in page.text or "Stockholm" in page.text,
          "the new förbund lacks its kommun")


@test
def user_form_offers_the_chosen_forbunds_parties(ctx):
    """The admin first chooses the förbund (no script), then the party
    list offers only that förbund's parties."""
    a = ctx.login("admin@demo.bered.se")
    p = check_page(a.get("/anvandare"), 200, "users page")
    check(not any("party_id" in lib.field_names(f)
                  for f in p.find_forms(r"^/anvandare$")),
          "a party list before a förbund is chosen")
    p = check_page(a.get("/anvandare?forbund=%d" % ctx.fa), 200)
    f = one_form(p, r"^/anvandare$", "user form", pred=lambda x:
                 "party_id" in lib.field_names(x))
    opts = [v for v, _ in lib.option_values(f, "party_id")]
    check(str(ctx.pa["0880"]) in opts and str(ctx.pb["fk"]) not in opts,
          "party options are not the chosen förbund's: %r" % opts)


@test
def comments_on_a_case(ctx):
    """Anyone who sees a case comments on it (issue 10): the comment is in
    the history with who and when, never edited; refusals keep the text;
    another förbund and (for ESF+) the styrelse get 404."""
    k = ctx.api(K)
    esf = expect(k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "Kommenteras",
        "finsam_malgrupp": True}), 201, "ESF+ case").json()["id"]
    fin = expect(k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "finsam",
        "title": "Finsam kommenteras"}), 201, "Finsam case").json()["id"]
    k.close()
    led = ctx.login("ledamot.kalmar@demo.bered.se")
    p = check_page(led.get("/arenden/%d" % esf), 200, "case page")
    f = one_form(p, r"/arenden/%d/kommentar" % esf, "comment form")
    check("R10" in p.text, "the comment form lacks the R10 reminder")
    r = led.post_form(f["action"], lib.form_values(
        f, {"text": "Vi behöver prata om <b>målgruppen</b>."}))
    loc, page = follow(led, r, "comment")
    check("Kommentaren har lagts till" in page.text, "no confirmation")
    hist = led.get(loc).text.split('id="historik"', 1)[1]
    check("Kommentar" in hist and "Sara Nilsson" in hist and
          "&lt;b&gt;målgruppen&lt;/b&gt;" in hist,
          "the history does not show the comment, escaped, with who")
    # An empty comment: 422, the form and its message again.
    r = led.post_form(f["action"], lib.form_values(f, {"text": "   "}))
    check_page(r, 422, "empty comment")
    check("Kommentar" in r.text and "aria-invalid" in r.text,
          "the refused comment's page marks no field")
    led.close()
    # The API lists it among the case's comments and in its history.
    k = ctx.api(K)
    case = expect(k.api("GET", "/api/v1/cases/%d" % esf), 200).json()
    check([c["text"] for c in case["comments"]] ==
          ["Vi behöver prata om <b>målgruppen</b>."] and
          case["comments"][0]["user_name"] == "Sara Nilsson",
          "comments: %r" % case["comments"])
    check(any(h["type"] == "comment" for h in case["history"]),
          "the history has no comment entry")
    c = expect(k.api("POST", "/api/v1/cases/%d/comments" % esf,
                     {"text": "Rättelse: målgruppen är unga vuxna."}), 201,
               "correction").json()
    check(c["text"].startswith("Rättelse") and c["at"], "answer %r" % c)
    case = expect(k.api("GET", "/api/v1/cases/%d" % esf), 200).json()
    check(len(case["comments"]) == 2, "a correction replaced the comment")
    for m in ("PUT", "PATCH", "DELETE"):
        expect(k.api(m, "/api/v1/cases/%d/comments" % esf,
                     {"text": "x"}), 405, "%s a comment" % m)
    k.close()
    # Another förbund's kansli and the styrelse (ESF+, R1): 404, on page
    # and API alike; the styrelse comments on a Finsam insats.
    other = ctx.login("kansli.blekinge@demo.bered.se")
    p = other.get("/arenden/%d" % esf)
    check_page(p, 404, "another förbund's case page")
    r = other.post_form("/arenden/%d/kommentar" % esf, {
        "_csrf": other.csrf, "text": "Hej"})
    check_page(r, 404, "a comment on another förbund's case")
    other.close()
    s = ctx.login("styrelse@demo.bered.se")
    r = s.post_form("/arenden/%d/kommentar" % esf, {"_csrf": s.csrf,
                                                    "text": "Hej"})
    check_page(r, 404, "R1: the styrelse comments on an ESF+ case")
    r = s.post_form("/arenden/%d/kommentar" % fin, {"_csrf": s.csrf,
                                                    "text": "Bra insats."})
    follow(s, r, "the styrelse comments on a Finsam insats")
    s.close()
