"""The national demo (issue 8): `bered demo --national` builds the country
through the state machine, and its follow-up adds up: the funnel never
grows, the groups sum to the whole, kommun coverage stays within 290."""
import os

import lib
from lib import Client, check, expect, test

NAT = "nationell.demo.bered.se"


def refused(ctx, args, rc, words):
    code, out, err = lib.run_cli(ctx.binary, args, check_rc=False)
    check(code == rc and words in (out + err),
          "bered %s: exit %d (want %d), %r" % (" ".join(args), code, rc,
                                              (out + err)[:300]))


@test
def national_demo_adds_up(ctx):
    db = os.path.join(ctx.workdir, "national.db")
    args = ["--db", db, "demo", "--national", "--years", "1"] + \
        lib.ESF_PERIOD
    _, out, _ = lib.run_cli(ctx.binary, args, timeout=600)
    check("samordningsförbund över hela landet" in out and
          "nationell@" + NAT in out, "the national demo printed %r"
          % out[:300])
    _, out, _ = lib.run_cli(ctx.binary, args)
    check("finns redan" in out, "a second run did not say so: %r" % out)
    refused(ctx, ["--db", db, "demo", "--national", "--scale", "0"], 2,
            "--scale")
    refused(ctx, ["--db", db, "demo", "--years", "3"], 2, "--national")
    refused(ctx, ["--db", ctx.db, "demo", "--national"], 1, "tom databas")
    refused(ctx, ["--db", db, "demo"], 1, "egen databas")

    s = lib.Server(ctx.binary, db, ctx.workdir, "national-server").start()
    ctx.extra_servers.append(s)
    try:
        _, out, _ = lib.run_cli(ctx.binary, ["--db", db, "token", "create",
                                             "--email", "nationell@" + NAT])
        token = out.strip().split()[-1]
        n = Client(s.port, token=token)
        f = expect(n.api("GET", "/api/v1/followup"), 200, "followup").json()
        e, fin = f["esf"], f["finsam"]
        agreed = sum(e["owners"].values())
        check(e["identified"] >= agreed >= e["applied"] >= e["granted"],
              "the funnel grows: %r" % e)
        check((e["granted"] > 0) == (e["granted_amount"] > 0),
              "ESF+ granted %d cases but %d kronor" % (e["granted"],
                                                      e["granted_amount"]))
        check(e["granted"] + e["refused"] <= e["applied"],
              "more decisions than applications: %r" % e)
        check(e["fk_fallback_owner"] == e["owners"]["fk"],
              "FK as fallback owner differs from FK's ownerships: %r" % e)
        check(150 <= e["identified"] <= 300 and 900 <= fin["identified"]
              <= 1300, "a year should hold about 200 ESF+ ideas and 1,100 "
              "Finsam insatser: %r / %r" % (e["identified"],
                                           fin["identified"]))
        check(fin["granted"] <= fin["identified"], "Finsam: %r" % fin)
        cov = f["kommuner_by_lan"]
        check(len(cov) == 21 and sum(c["total"] for c in cov) == 290,
              "coverage does not list the 21 län and 290 kommuner")
        members = sum(c["members"] for c in cov)
        check(members == f["kommuner_members"] and 250 <= members < 290,
              "kommun coverage: %d members, %d reported (some left out "
              "on purpose)" % (members, f["kommuner_members"]))
        check(all(len(c["not_members"]) == c["total"] - c["members"]
                  for c in cov), "not_members does not match the counts")
        for by in ("forbund", "year", "lan"):
            g = expect(n.api("GET", "/api/v1/followup?group_by=" + by), 200,
                       by).json()["rows"]
            if by == "forbund":
                check(60 <= len(g) <= 90, "about 70 förbund, got %d"
                      % len(g))
            for k in ("identified", "granted"):
                total = sum(r["finsam"][k] for r in g)
                if by == "lan":
                    # A förbund counts in every län it has members in.
                    check(total >= fin[k], "by län, Finsam %s %d < %d"
                          % (k, total, fin[k]))
                else:
                    check(total == fin[k], "by %s, Finsam %s: %d != %d"
                          % (by, k, total, fin[k]))
            for k in ("identified", "applied", "granted", "refused",
                      "no_application", "outside_routine"):
                total = sum(r["esf"][k] for r in g)
                if by != "lan":
                    check(total == e[k], "by %s, ESF+ %s: %d != %d"
                          % (by, k, total, e[k]))
            for r in g:
                check(r["esf"]["identified"] >= r["esf"]["applied"] >=
                      r["esf"]["granted"], "the funnel grows in %r"
                      % r["label"])
        check(e["days_median"] and all(
            e["days_median"][s] <= e["days_p90"][s]
            for s in e["days_median"]), "median above the 90th percentile: "
            "%r %r" % (e["days_median"], e["days_p90"]))
        n.close()
    finally:
        s.stop()
