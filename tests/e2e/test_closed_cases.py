"""A case in a final state (avslutad, avbruten, utanfor_rutinen, avslag) is
closed: its fields and its party rows take no edit, through the API or the
case page (rule G, rules_fields.c case_closed_check), and the case page
shows the facts without forms. An open case takes the same edits, so each
refusal here is the lock and not some other check."""

import re

import lib
from lib import check, check_page, expect, expect_field, expect_rules, test

K = "kansli@demo.bered.se"
CLOSED = "Ärendet är avslutat"
FINAL = {"esf": ("avslutad", "avbruten", "utanfor_rutinen", "avslag"),
         "finsam": ("avslutad", "avbruten", "avslag")}


def closed_answer(r, what):
    """A 422 naming field state, its message saying the case is closed."""
    expect_field(r, "state", what)
    msgs = [f.get("message", "") for f in r.json()["error"]["fields"]]
    check(any(CLOSED in m for m in msgs), "%s: 422 does not say %r: %s"
          % (what, CLOSED, r.text[:400]))


def refused_everywhere(ctx, k, led, case):
    """Every edit of the closed case is refused and changes nothing."""
    path = "/api/v1/cases/%d" % case["id"]
    what = "%s case %d (%s)" % (case["kind"], case["id"], case["state"])
    before = expect(k.api("GET", path), 200).json()
    closed_answer(k.api("PATCH", path, {"title": "Ändrad efteråt"}),
                  "PATCH title of " + what)
    closed_answer(k.api("PATCH", path, {"description": "x",
                                        "finsam_malgrupp": False}),
                  "PATCH description of " + what)
    closed_answer(k.api("PATCH", path, {}), "empty PATCH of " + what)
    pid = ctx.pa["0880"]
    r = expect_rules(k.api("PUT", path + "/parties/%d" % pid,
                           {"deltar": True, "utforare": True}),
                     409, ["G"], "PUT party of " + what)
    check(CLOSED in r.text, "PUT party of %s: 409 does not say %r: %s"
          % (what, CLOSED, r.text[:400]))
    # The party's own ledamot is refused by the lock too, not by R7.
    expect_rules(led.api("PUT", path + "/parties/%d" % pid,
                         {"forankrad": lib.today()}), 409, ["G"],
                 "ledamot's PUT of own fields on " + what)
    after = expect(k.api("GET", path), 200).json()
    check(after.get("version") == before.get("version") and
          after["title"] == before["title"] and
          after["parties"] == before["parties"],
          "%s changed although every edit was refused" % what)


@test
def closed_cases_refuse_api_edits(ctx):
    k = ctx.api(K)
    led = ctx.api("ledamot.kalmar@demo.bered.se")
    cases = lib.items(k.api("GET", "/api/v1/cases?forbund_id=%d" % ctx.fa))
    seen = set()
    for kind, states in FINAL.items():
        for state in states:
            found = [x for x in cases if x["kind"] == kind and
                     x["state"] == state]
            check(found, "the demo has no %s case in %s" % (kind, state))
            refused_everywhere(ctx, k, led, found[0])
            seen.add((kind, state))
    check(len(seen) == 7, "checked only %s" % sorted(seen))
    # The same edits pass while a case is open.
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "Öppet ärende",
        "finsam_malgrupp": True})
    cid = expect(r, 201, "create an open case").json()["id"]
    path = "/api/v1/cases/%d" % cid
    expect(k.api("PATCH", path, {"title": "Ändrat medan öppet"}), 200,
           "PATCH of an open case")
    expect(k.api("PUT", path + "/parties/%d" % ctx.pa["0880"],
                 {"deltar": True}), 200, "PUT party of an open case")
    for x in (k, led):
        x.close()


def edit_forms(page, cid):
    """The forms of the case page that change fields or party rows."""
    return page.find_forms(r"/arenden/%d" % cid) + \
        page.find_forms(r"/arenden/%d/parter/\d+" % cid)


@test
def closed_case_page_is_read_only(ctx):
    k = ctx.api(K)
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "Avbryts i e2e",
        "finsam_malgrupp": True})
    cid = expect(r, 201, "create case").json()["id"]
    path = "/api/v1/cases/%d" % cid
    expect(k.api("PUT", path + "/parties/%d" % ctx.pa["0880"],
                 {"deltar": True}), 200, "deltar while open")
    c = ctx.login(K)
    page = check_page(c.get("/arenden/%d" % cid), 200, "open case page")
    forms = edit_forms(page, cid)
    check(len(forms) >= 2, "the open case page offers %d edit forms, want "
          "the fields form and the party forms" % len(forms))
    fields_form = page.find_forms(r"/arenden/%d" % cid)[0]
    party_form = page.find_forms(r"/arenden/%d/parter/\d+" % cid)[0]
    check(CLOSED not in page.text, "an open case page says it is closed")

    expect(k.api("POST", path + "/transitions", {
        "to": "avbruten", "reason": "annat", "reason_text": "Testet"}),
        200, "-> avbruten")
    page = check_page(c.get("/arenden/%d" % cid), 200, "closed case page")
    check(not edit_forms(page, cid), "the closed case page still offers "
          "forms to change fields or parties")
    check(CLOSED in page.text, "the closed case page does not say %r"
          % CLOSED)
    check("Avbruten" in page.text, "the closed case page does not name "
          "its state")
    check("Avbryts i e2e" in page.text, "the closed case page does not "
          "show its fields read-only")

    # A form opened before the case closed is refused when posted.
    vals = lib.form_values(fields_form, {"title": "Ändrat i gammal flik"})
    r = c.post_form(fields_form["action"], vals)
    p = check_page(r, 422, "POST of the fields form to a closed case")
    check(CLOSED in p.text, "the refused fields form does not say %r"
          % CLOSED)
    r = c.post_form(party_form["action"], lib.form_values(party_form))
    p = check_page(r, 409, "POST of a party form to a closed case")
    check(CLOSED in p.text, "the refused party form does not say %r"
          % CLOSED)
    j = expect(k.api("GET", path), 200).json()
    check(j["title"] == "Avbryts i e2e" and j["state"] == "avbruten",
          "the closed case changed: %r" % {x: j.get(x) for x in
                                           ("title", "state")})
    check(re.search(r"Uppgifter om ärendet", page.text) is not None,
          "the closed case page lacks its fields section")
    for x in (c, k):
        x.close()
