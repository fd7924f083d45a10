"""One ESF+ case through the whole routine via the API, with every refusal
on the way: each move is first tried too early (409 naming the failing
rules), the missing data is supplied, and the move then succeeds. FK ends
up as fallback projektägare (R4) with an överenskommelse (R5); R7 is tried
from other parties, R8 with a closed call. Then the off-ramps."""

import lib
from lib import check, expect, expect_rules, test

K = "kansli@demo.bered.se"
LED = {"fk": "ledamot.fk@demo.bered.se", "af": "ledamot.af@demo.bered.se",
       "0880": "ledamot.kalmar@demo.bered.se",
       "08": "ledamot.region@demo.bered.se"}
PARTS = ("fk", "af", "0880", "08")


class Routine:
    def __init__(self, ctx):
        self.ctx = ctx
        self.k = ctx.api(K)
        self.led = {p: ctx.api(e) for p, e in LED.items()}
        self.case = None

    def close(self):
        self.k.close()
        for c in self.led.values():
            c.close()

    @property
    def path(self):
        return "/api/v1/cases/%d" % self.case["id"]

    def move(self, to, status=200, rules=(), who=None, **extra):
        body = {"to": to, "comment": "e2e: till " + to}
        body.update(extra)
        r = (who or self.k).api("POST", self.path + "/transitions", body)
        what = "move %s -> %s" % (self.case["state"], to)
        if status == 200:
            expect(r, 200, what)
            check(r.json()["state"] == to, "%s: answered state %r"
                  % (what, r.json().get("state")))
            self.case = r.json()
        else:
            expect_rules(r, status, list(rules), what)
            again = expect(self.k.api("GET", self.path), 200)
            check(again.json()["state"] == self.case["state"],
                  "%s was refused but the state changed" % what)
        return r

    def party(self, key, body, status=200, who=None, what=""):
        pid = self.ctx.pa[key]
        c = who or self.k
        r = c.api("PUT", self.path + "/parties/%d" % pid, body)
        expect(r, status, what or "PUT party %s %r" % (key, body))
        if status == 200:
            self.case = r.json()
            row = [p for p in r.json()["parties"] if p["party_id"] == pid][0]
            for k, v in body.items():
                check(row.get(k) == v, "PUT party %s: %s is %r, sent %r"
                      % (key, k, row.get(k), v))
        return r

    def patch(self, body, status=200):
        r = self.k.api("PATCH", self.path, body)
        expect(r, status, "PATCH %r" % body)
        if status == 200:
            self.case = r.json()
            for k, v in body.items():
                check(self.case.get(k) == v, "PATCH: %s is %r, sent %r"
                      % (k, self.case.get(k), v))
        return r


def make_calls(k):
    """A call that closed yesterday and one open for a month (R8)."""
    out = []
    for title, ref, opens, closes in (
            ("E2E Stängd utlysning", "2026/09901", -60, -1),
            ("E2E Öppen utlysning", "2026/09902", -30, 30)):
        r = k.api("POST", "/api/v1/calls", {
            "title": title, "reference": ref, "opens": lib.today(opens),
            "closes": lib.today(closes)})
        expect(r, 201, "POST /api/v1/calls")
        check(r.json().get("id"), "POST /api/v1/calls without id")
        out.append(r.json())
    calls = lib.items(k.api("GET", "/api/v1/calls"), "calls")
    ids = [c["id"] for c in calls]
    check(all(c["id"] in ids for c in out), "GET /api/v1/calls misses the "
          "new calls")
    return out


def rule_states(conditions):
    return {(c["rule"], c["ok"]) for c in conditions}


@test
def esf_whole_routine(ctx):
    t = Routine(ctx)
    k = t.k
    closed, open_ = make_calls(k)
    needs = lib.items(k.api("GET", "/api/v1/forbund/%d/needs" % ctx.fa),
                      "needs")
    check(needs, "the demo förbund has no needs")
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "E2E: hela rutinen",
        "description": "Ett ESF+-projekt genom hela rutinen.",
        "finsam_malgrupp": True, "need_id": needs[0]["id"]})
    expect(r, 201, "create case")
    t.case = r.json()
    check(t.case["state"] == "identifierad" and
          t.case["need_id"] == needs[0]["id"], "new case: %r" % t.case)
    ids = {p["party_id"] for p in t.case["parties"]}
    check(set(ctx.pa.values()) <= ids, "new case lacks party rows: %s vs %s"
          % (ids, ctx.pa))
    check(not any(p["deltar"] for p in t.case["parties"]),
          "a new case has parties that deltar")
    # 1 -> 2: at least two parties.
    t.move("utformning", 409, ["G"])
    t.party("fk", {"deltar": True})
    # R7: a party's co-financing commitment is its own.
    r = t.party("fk", {"medfinansiar": True}, 403, what="kansli records "
                "FK's co-financing")
    check("R7" in r.text, "403 does not name R7: %s" % r.text[:300])
    t.party("fk", {"medfinansiar": True}, who=t.led["fk"])
    t.move("utformning", 409, ["G"])
    t.party("0880", {"deltar": True})
    t.party("0880", {"medfinansiar": True}, who=t.led["0880"])
    t.party("af", {"deltar": True})
    t.party("08", {"deltar": True})
    t.move("utformning")
    # 2 -> 3: every participant förankrad; R7 from other parties.
    t.move("overens", 409, ["G"])
    r = t.party("0880", {"forankrad": lib.today()}, 403, who=t.led["fk"],
                what="FK's ledamot records Kalmar's förankring")
    check("R7" in r.rule_ids() or "R7" in r.text, "403 does not name R7: %s"
          % r.text[:300])
    r = t.party("0880", {"forankrad": lib.today()}, 403,
                what="kansli records a party's förankring")
    check("R7" in r.text, "403 does not name R7: %s" % r.text[:300])
    for p in PARTS[:3]:
        t.party(p, {"forankrad": lib.today()}, who=t.led[p])
    t.move("overens", 409, ["G"])
    t.party("08", {"forankrad": lib.today()}, who=t.led["08"])
    t.move("overens")
    # 3 -> 4: owner, mandate (R2), examination (R3); FK as fallback (R4/R5).
    t.move("ansokan", 409, ["G", "R2", "R3"])
    for p in PARTS:
        t.party(p, {"mandat": True, "agarprovning":
                    "kan" if p == "0880" else "avstar"}, who=t.led[p])
    t.patch({"owner_party_id": ctx.pa["fk"]})
    r = expect(k.api("GET", t.path + "/fk-eligibility"), 200)
    el = r.json()
    check(el["eligible"] is False, "fk-eligibility: eligible with Kalmar "
          "wanting to own and AF/Region not co-financing: %r" % el)
    check(all(c["rule"] == "R4" and c.get("message")
              for c in el["conditions"]) and len(el["conditions"]) >= 5,
          "fk-eligibility: conditions %r" % el["conditions"])
    failing = [c["message"] for c in el["conditions"] if not c["ok"]]
    check(len(failing) == 2, "fk-eligibility: expected exactly two failing "
          "conditions (owner wish, co-financing), got %r" % failing)
    t.move("ansokan", 409, ["R4", "R5"])
    r = t.party("fk", {"utforare": True}, 409, what="FK as utförare")
    check("R5" in r.rule_ids(), "FK utförare refused without R5: %s"
          % r.text[:300])
    t.party("0880", {"agarprovning": "avstar"}, who=t.led["0880"])
    t.party("af", {"utforare": True})
    t.party("af", {"medfinansiar": True}, who=t.led["af"])
    t.move("ansokan", 409, ["R4"])
    t.party("08", {"medfinansiar": True}, who=t.led["08"])
    el = expect(k.api("GET", t.path + "/fk-eligibility"), 200).json()
    check(el["eligible"] is True and all(c["ok"] for c in el["conditions"]),
          "fk-eligibility once every condition holds: %r" % el)
    t.move("ansokan")
    check(t.case["owner_party_id"] == ctx.pa["fk"], "owner is not FK")
    # 4 -> 5: an utlysning is linked (R8).
    t.move("partsbeslut", 409, ["R8"])
    # R8 at the link: a call that has closed cannot be linked at all.
    r = t.patch({"call_id": closed["id"]}, 422)
    lib.expect_field(r, "call_id", "a closed call linked")
    check("R8" in r.text and closed["closes"] in r.text,
          "the refusal names R8 and the closing day: %s" % r.text[:300])
    t.patch({"call_id": open_["id"]})
    t.move("partsbeslut")
    # 5 -> 6: every party's beslut (R7 again), submitted in time (R8).
    t.move("inskickad", 409, ["G", "R8"])
    r = t.party("fk", {"beslut": "ja"}, 403, who=t.led["af"],
                what="AF's ledamot records FK's beslut")
    check("R7" in r.text, "403 does not name R7: %s" % r.text[:300])
    for p in PARTS:
        t.party(p, {"beslut": "ja"}, who=t.led[p])
    # Dates that cannot be true: before the case was identified (back-
    # dating would defeat R8), or in the future.
    for bad in ("2020-01-01", lib.today(1)):
        r = t.patch({"submitted_on": bad}, 422)
        lib.expect_field(r, "submitted_on", "submitted_on %s" % bad)
        check(bad in r.text, "the refusal names the date: %s" % r.text[:300])
    t.patch({"submitted_on": lib.today()})
    t.move("inskickad")
    # 6 -> 7: ESF-rådet's decision.
    t.move("beviljad", 409, ["G"])
    t.patch({"decision_on": lib.today(), "granted_amount": 3200000,
             "esf_arende_id": "2026/77001"})
    t.move("beviljad")
    # 7 -> 8: projektorganisation and, FK being owner, överenskommelse (R5).
    t.move("genomforande", 409, ["G", "R5"])
    # The project ran (its period may start before the decision); the
    # final report comes after its end and no later than today.
    t.patch({"project_start": lib.today(-400), "project_end": lib.today(-2),
             "projektledare": "Pia Projekt", "controller": "Cesar Controller",
             "administrator": "Ada Admin"})
    r = t.move("genomforande", 409, ["R5"])
    check(r.rule_ids() == ["R5"], "only R5 should fail now: %s"
          % r.rule_ids())
    t.patch({"overenskommelse_on": lib.today()})
    t.move("genomforande")
    # 8 -> 9 -> end.
    t.move("slutrapporterad", 409, ["G"])
    r = t.patch({"final_report_on": lib.today(-3)}, 422)
    lib.expect_field(r, "final_report_on", "final report before the end")
    r = t.patch({"final_report_on": lib.today(1)}, 422)
    lib.expect_field(r, "final_report_on", "final report in the future")
    t.patch({"final_report_on": lib.today()})
    t.move("slutrapporterad")
    t.move("avslutad")
    t.move("utformning", 409, ["G"])
    # History: every move, in order, with who and when.
    case = expect(k.api("GET", t.path), 200).json()
    moves = [(h["from"], h["to"]) for h in case["history"]
             if h.get("from") is not None or h.get("to") is not None]
    want = ["utformning", "overens", "ansokan", "partsbeslut", "inskickad",
            "beviljad", "genomforande", "slutrapporterad", "avslutad"]
    check([m[1] for m in moves if m[0] is not None] == want,
          "history moves %r, want %r" % (moves, want))
    check(all(h.get("at") for h in case["history"]), "history without at")
    fk = [p for p in case["parties"] if p["party_id"] == ctx.pa["fk"]][0]
    check(fk["utforare"] is False and fk["beslut"] == "ja",
          "FK row at the end: %r" % fk)
    # Follow-up counts it.
    r = expect(k.api("GET", "/api/v1/followup?forbund_id=%d" % ctx.fa), 200)
    f = r.json()
    for key in ("identified", "applied", "granted", "refused",
                "no_application", "outside_routine", "fk_fallback_owner",
                "owners", "cofinancers", "no_application_reasons"):
        check(key in f.get("esf", {}), "followup.esf lacks %r" % key)
    for key in ("identified", "granted", "granted_amount", "participants"):
        check(key in f.get("finsam", {}), "followup.finsam lacks %r" % key)
    check(f["esf"]["fk_fallback_owner"] >= 2, "followup: fk_fallback_owner "
          "%r, want >= 2 (demo + this case)" % f["esf"]["fk_fallback_owner"])
    t.close()


@test
def esf_offramps_and_rights(ctx):
    t = Routine(ctx)
    k = t.k
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "E2E: avbryts",
        "finsam_malgrupp": True})
    t.case = expect(r, 201).json()
    t.move("avbruten", 409, ["G"])
    t.move("avbruten", reason="ingen_utlysning")
    check(t.case["reason"] == "ingen_utlysning", "reason not recorded: %r"
          % t.case.get("reason"))
    t.move("identifierad", 409, ["G"])
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "E2E: utanför",
        "finsam_malgrupp": True})
    t.case = expect(r, 201).json()
    t.move("utanfor_rutinen", 409, ["R6"])
    t.patch({"finsam_malgrupp": False})
    t.move("utanfor_rutinen")
    # Who may move: nationell reads only; styrelse never sees ESF+ (R1).
    r = k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "E2E: rättigheter",
        "finsam_malgrupp": True})
    t.case = expect(r, 201).json()
    nat = ctx.api("nationell@demo.bered.se")
    expect(nat.api("GET", t.path), 200, "nationell reads the case")
    r = nat.api("POST", t.path + "/transitions", {"to": "avbruten",
                                                  "reason": "ingen_utlysning"})
    expect(r, 403, "nationell moves a case")
    sty = ctx.api("styrelse@demo.bered.se")
    expect(sty.api("GET", t.path), 404, "styrelse reads an ESF+ case")
    r = sty.api("POST", t.path + "/transitions", {"to": "avbruten",
                                                  "reason": "ingen_utlysning"})
    expect(r, 404, "styrelse moves an ESF+ case")
    esf = ctx.api("esf-kansli@demo.bered.se")
    expect(esf.api("GET", t.path), 404, "esf-kansli reads an ESF+ case "
           "where FK does not take part")
    t.party("fk", {"deltar": True})
    expect(esf.api("GET", t.path), 200, "esf-kansli reads an ESF+ case "
           "where FK takes part")
    for c in (nat, sty, esf):
        c.close()
    t.close()
