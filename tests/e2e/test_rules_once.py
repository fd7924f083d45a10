"""Each rule decided in one place (src/domain), seen from outside: the
refusals the web layer now takes from the domain name their rule id
(agenda: R1 and the state guard G; board decisions: R9 off the agenda and
twice; party-owned fields: R7; participant counts refuse personal data
by field name: R10), and the start page's to-do list shows exactly what the
move's guards still lack (R2, R3), and nothing once it is recorded."""

import lib
from lib import check, check_page, expect, expect_rules, test

K = "kansli@demo.bered.se"
KALMAR = "ledamot.kalmar@demo.bered.se"
REGION = "ledamot.region@demo.bered.se"


def new_case(ctx, k, kind, title):
    """A case of kind in the demo förbund with Kalmar and the region."""
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": kind, "title": title,
        "description": "Regeltest från e2e.", "finsam_malgrupp": True})
    cid = expect(r, 201, "create %s case" % kind).json()["id"]
    path = "/api/v1/cases/%d" % cid
    for key in ("0880", "08"):
        expect(k.api("PUT", path + "/parties/%d" % ctx.pa[key],
                     {"deltar": True}), 200, "%s deltar" % key)
    expect(k.api("POST", path + "/transitions", {"to": "utformning"}), 200,
           "%s -> utformning" % kind)
    return cid, path


def forankra(ctx, path):
    for key, email in (("0880", KALMAR), ("08", REGION)):
        led = ctx.api(email)
        expect(led.api("PUT", path + "/parties/%d" % ctx.pa[key],
                       {"forankrad": lib.today()}), 200, "förankrad")
        led.close()


@test
def test_agenda_and_decision_refusals_name_rules(ctx):
    k = ctx.api(K)
    r = k.api("POST", "/api/v1/forbund/%d/meetings" % ctx.fa,
              {"date": lib.today()})
    mp = "/api/v1/meetings/%d" % expect(r, 201, "meeting").json()["id"]
    # G: a Finsam insats still in utformning is not for the board yet.
    early, early_path = new_case(ctx, k, "finsam", "Regeltest tidig insats")
    expect_rules(k.api("POST", mp + "/agenda", {"case_id": early}), 409,
                 ["G"], "Finsam case in utformning on the agenda")
    # R1: an ESF+ case never, whatever its state.
    esf, _ = new_case(ctx, k, "esf", "Regeltest ESF+ till styrelsen")
    r = expect_rules(k.api("POST", mp + "/agenda", {"case_id": esf}), 409,
                     ["R1"], "ESF+ case on the agenda")
    check("G" not in r.rule_ids(), "ESF+ agenda refusal also names G: %s"
          % r.text[:300])
    # R9: no decision on a case that is not on the agenda ...
    forankra(ctx, early_path)
    expect(k.api("POST", early_path + "/transitions",
                 {"to": "ansvarsfordelning"}), 200, "-> ansvarsfordelning")
    expect_rules(k.api("POST", mp + "/decisions", {
        "case_id": early, "outcome": "avslag"}), 409, ["R9"],
        "decision on a case off the agenda")
    # ... nor twice on the same item.
    expect(k.api("POST", mp + "/agenda", {"case_id": early}), (200, 201),
           "Finsam case in ansvarsfordelning on the agenda")
    expect(k.api("POST", mp + "/decisions", {
        "case_id": early, "outcome": "avslag"}), (200, 201), "avslag")
    expect_rules(k.api("POST", mp + "/decisions", {
        "case_id": early, "outcome": "beviljad", "amount": 1,
        "period_start": lib.today(30), "period_end": lib.today(60)}),
        409, ["R9"], "a second decision on the same item")
    got = expect(k.api("GET", early_path), 200).json()
    check(got["state"] == "avslag", "case after the refused second "
          "decision is %r, want avslag" % got["state"])
    k.close()


@test
def test_start_page_todo_follows_the_guards(ctx):
    k = ctx.api(K)
    title = "Regeltest att-göra för parterna"
    cid, path = new_case(ctx, k, "esf", title)
    forankra(ctx, path)
    expect(k.api("POST", path + "/transitions", {"to": "overens"}), 200,
           "esf -> overens")
    # The move names R2 and R3, and so does Kalmar's to-do list.
    r = k.api("POST", path + "/transitions", {"to": "ansokan"})
    expect_rules(r, 409, ["R2", "R3"], "overens -> ansokan unrecorded")
    led = ctx.login(KALMAR)
    r = led.get("/")
    check_page(r, 200, "ledamot start page")
    start = r.text
    check(title in start, "start page does not list the waiting case")
    check("mandat saknas (R2)" in start and
          "ägarprövning saknas (R3)" in start,
          "start page lacks the R2/R3 items for the own party: %s"
          % start[start.find(title) - 200:start.find(title) + 400])
    # Recorded by the party's own ledamot: gone from its list.
    la = ctx.api(KALMAR)
    expect(la.api("PUT", path + "/parties/%d" % ctx.pa["0880"],
                  {"mandat": True, "agarprovning": "kan"}), 200,
           "Kalmar records mandate and examination")
    la.close()
    start = led.get("/").text
    i = start.find(title)
    check(i < 0 or "saknas (R2)" not in start[i:i + 400],
          "start page still lists R2 for a recorded mandate")
    # Someone else may not record them (R7), by the same single rule.
    r = k.api("PUT", path + "/parties/%d" % ctx.pa["08"], {"mandat": True})
    expect_rules(r, 403, ["R7"], "kansli records the region's mandate")
    k.close()


@test
def test_participants_refuse_personal_data(ctx):
    k = ctx.api(K)
    cid, _ = new_case(ctx, k, "finsam", "Regeltest deltagare")
    pp = "/api/v1/cases/%d/participants/%d" % (cid, int(lib.today()[:4]))
    good = {"women": 3, "men": 2, "to_work": 1, "to_studies": 0,
            "job_seeking": 1, "other": 0}
    for key, value in (("personnummer", "19800101-1234"),
                       ("namn", "Anna Andersson"),
                       ("email", "anna@example.se")):
        r = k.api("PUT", pp, dict(good, **{key: value}))
        lib.expect_field(r, key, "participants with %s (R10)" % key)
    got = expect(k.api("GET", "/api/v1/cases/%d/participants" % cid),
                 200).text
    check("19800101" not in got and "Anna" not in got,
          "a refused personal field was stored: %s" % got[:300])
    k.close()
