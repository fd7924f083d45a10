"""Exports from the pages (issue 8): the case list and the calls as CSV
and XLSX, the whole selection the page shows, read back by openpyxl; the
styrelse's export holds no ESF+ case (R1) and it gets no calls."""

import html
import io
import re
import sys

import lib

from lib import check, check_page, test

try:
    import openpyxl
except ImportError:     # Debian's python3-openpyxl, another interpreter
    sys.path.append("/usr/lib/python3/dist-packages")
    import openpyxl

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet(r, what):
    check(r.status == 200 and r.header("Content-Type") == XLSX and
          "attachment" in (r.header("Content-Disposition") or ""),
          "%s: %d %r" % (what, r.status, r.header("Content-Type")))
    return openpyxl.load_workbook(io.BytesIO(r.body)).active


@test
def page_exports_follow_the_page(ctx):
    k = ctx.login("kansli@demo.bered.se")
    r = k.get("/arenden?kind=esf")
    check_page(r, 200, "ESF+ case list")
    check('href="/arenden?kind=esf&amp;format=xlsx"' in r.text,
          "the list offers no download of its selection")
    ws = sheet(k.get("/arenden?kind=esf&format=xlsx"), "kansli xlsx")
    kinds = {ws.cell(row=i, column=3).value for i in range(2, ws.max_row + 1)}
    check(ws.max_row > 1 and kinds == {"ESF+-projekt"},
          "the ESF+ selection exported %r" % kinds)
    r = k.get("/arenden?format=csv")
    check(r.status == 200 and r.body.startswith(b"\xef\xbb\xbf") and
          "text/csv" in r.header("Content-Type"), "kansli CSV")
    check('"Förbundets namn"' in r.text.splitlines()[0] and
          "Samordningsförbundet Sydost-demo" in r.text,
          "the case list's file does not name the förbund")
    ws = sheet(k.get("/utlysningar?format=xlsx"), "calls xlsx")
    check(ws.max_row > 1 and ws.freeze_panes == "A2", "calls xlsx")
    r = k.get("/uppfoljning")
    check("format=xlsx" in r.text, "the follow-up page has no download")
    ws = sheet(k.get("/uppfoljning?format=xlsx"), "follow-up xlsx")
    check(ws.cell(row=ws.max_row, column=1).value == "Totalt",
          "the follow-up file has no total row")
    k.close()
    s = ctx.login("styrelse@demo.bered.se")
    ws = sheet(s.get("/arenden?format=xlsx"), "styrelse xlsx")
    kinds = {ws.cell(row=i, column=3).value for i in range(2, ws.max_row + 1)}
    check(kinds <= {"Finsam-insats"}, "R1: the styrelse's export holds %r"
          % kinds)
    check_page(s.get("/utlysningar?format=csv"), 404,
               "R1: the styrelse exports calls")
    s.close()


def upload(c, text):
    """POST /utlysningar/import as a browser sends a file."""
    b = "----bered-e2e"
    body = ("--%s\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
            "%s\r\n--%s\r\nContent-Disposition: form-data; name=\"plan\"; "
            "filename=\"plan.csv\"\r\nContent-Type: text/csv\r\n\r\n%s\r\n"
            "--%s--\r\n" % (b, c.csrf, b, text, b))
    return c.request("POST", "/utlysningar/import", body=body.encode(),
                     headers={"Content-Type":
                              "multipart/form-data; boundary=" + b})


@test
def calls_plan_upload(ctx):
    k = ctx.login("kansli@demo.bered.se")
    r = k.get("/utlysningar")
    check('enctype="multipart/form-data"' in r.text,
          "the calls page has no upload")
    r = upload(k, "title;reference;opens;closes;focus;esf_share\n"
                  "Uppladdad plan;UP-2032/1;2032-01-01;2032-02-28;;50\n")
    check(r.status == 303 and "ok=import" in r.header("Location"),
          "upload: %d %r" % (r.status, r.header("Location")))
    p = check_page(k.get("/utlysningar"), 200, "calls after the upload")
    check("Uppladdad plan" in p.text, "the uploaded call is not listed")
    r = upload(k, "title;reference;opens;closes;focus;esf_share\n"
                  "Bra rad;UP-2032/2;2032-01-01;2032-02-28;;50\n"
                  "Dålig rad;UP-2032/3;2032-01-01;igår;;50\n")
    p = check_page(r, 422, "a plan with a bad row")
    check("Rad 3" in p.text and "Inget lästes in" in p.text,
          "the refusal does not name the row")
    check("Bra rad" not in check_page(k.get("/utlysningar"), 200,
                                      "calls after the refusal").text,
          "a refused plan imported its good row")
    k.close()
    led = ctx.login("ledamot.kalmar@demo.bered.se")
    check_page(upload(led, "title;reference;opens;closes\n"
                           "X;UP-9;2032-01-01;2032-01-02\n"), 403,
               "a ledamot uploads a plan")
    led.close()


@test
def calls_can_be_edited(ctx):
    k = ctx.login("kansli@demo.bered.se")
    p = check_page(k.get("/utlysningar"), 200, "calls")
    links = [a for a in re.findall(r'href="(/utlysningar/\d+)"', k.get(
        "/utlysningar").text)]
    check(links, "the calls page offers no edit link")
    page = k.get(links[0])
    form = lib.parse_page(page).find_forms(links[0] + "$")[0]
    vals = lib.form_values(form, {"title": "Omdöpt utlysning"})
    r = k.post_form(links[0], vals)
    check(r.status == 303, "saving a call: %d" % r.status)
    check("Omdöpt utlysning" in check_page(k.get("/utlysningar"), 200,
                                           "calls").text,
          "the new title is not shown")
    r = k.post_form(links[0], dict(vals, closes="2000-01-01",
                                   opens="2000-02-01"))
    check_page(r, 422, "a call that closes before it opens")
    k.close()
    led = ctx.login("ledamot.kalmar@demo.bered.se")
    check_page(led.get(links[0]), 403, "a ledamot edits a call")
    led.close()
    s = ctx.login("styrelse@demo.bered.se")
    check_page(s.get(links[0]), 404, "R1: the styrelse opens a call")
    s.close()
    del p


def feed_link(c):
    """Makes a new feed on /konto; returns its path /kalender/T.ics."""
    c.get("/konto")
    r = c.post_form("/konto/kalender", {"_csrf": c.csrf})
    check(r.status == 200, "making a feed: %d" % r.status)
    m = re.search(r"(/kalender/[0-9a-f]{64}\.ics)", r.text)
    check(m is not None, "the new feed link is not shown")
    return m.group(1)


def ical_events(ctx, body):
    """The feed read by libical: [(uid, dtstart, is_date, summary)]."""
    import os
    import subprocess
    path = os.path.join(ctx.workdir, "feed.ics")
    with open(path, "wb") as f:
        f.write(body)
    tool = os.path.join(os.path.dirname(ctx.binary), "tests", "ical_check")
    p = subprocess.run([tool, path], capture_output=True, text=True)
    check(p.returncode == 0, "libical refuses the feed: %s" % p.stderr)
    return [tuple(ln.split("|", 3)) for ln in p.stdout.splitlines()]


@test
def calendar_feed(ctx):
    k = ctx.login("kansli@demo.bered.se")
    path = feed_link(k)
    anon = lib.Client(ctx.port)
    r = anon.get(path)
    check(r.status == 200 and r.header("Content-Type").startswith(
        "text/calendar"), "the feed: %d %r" % (r.status,
                                             r.header("Content-Type")))
    check(all(len(ln) <= 75 for ln in r.body.split(b"\r\n")) and
          b"REFRESH-INTERVAL" in r.body, "lines over 75 octets or no "
          "refresh interval")
    ev = ical_events(ctx, r.body)
    check(ev and all(e[2] == "1" for e in ev), "not all-day events: %r"
          % ev[:3])
    uids = [e[0] for e in ev]
    check(len(set(uids)) == len(uids), "UIDs repeat: %r" % uids)
    check(any(e[3].startswith("Utlysningen stänger: ") for e in ev),
          "no call closing dates")
    again = [e[0] for e in ical_events(ctx, anon.get(path).body)]
    check(again == uids, "UIDs are not stable between two fetches")
    # A new link ends the old one; revoking ends the new one.
    path2 = feed_link(k)
    check(anon.get(path).status == 404, "the old feed still works")
    r = k.post_form("/konto/kalender/aterkalla", {"_csrf": k.csrf})
    check(r.status == 303, "revoking: %d" % r.status)
    check(anon.get(path2).status == 404, "a revoked feed still works")
    check(anon.get("/kalender/" + "0" * 64 + ".ics").status == 404 and
          anon.get("/kalender/x.ics").status == 404, "a made-up feed")
    k.close()
    s = ctx.login("styrelse@demo.bered.se")
    ev = ical_events(ctx, anon.get(feed_link(s)).body)
    check(not any("Utlysningen" in e[3] or "skicka in" in e[3]
                  for e in ev), "R1: the styrelse's feed holds ESF+ dates")
    s.close()
    anon.close()


@test
def followup_compares_side_by_side(ctx):
    nat = ctx.login("nationell@demo.bered.se")
    p = check_page(nat.get("/uppfoljning?sort=esf"), 200, "follow-up")
    r = nat.get("/uppfoljning?sort=esf")
    check("Förbunden sida vid sida" in p.text and "Över tid" in p.text,
          "the follow-up page has no comparison tables")
    check('aria-sort="descending"' in r.text, "the sorted column is not "
          "marked with aria-sort")
    part = r.text.split("Förbunden sida vid sida</caption>", 1)[1]
    part = part.split("</tbody>", 1)[0]
    first = [int(v) for v in re.findall(
        r'<th scope="row">[^<]*</th><td class="num"><a href="[^"]*">(\d+)'
        r'</a></td>', part)]
    check(len(first) >= 2 and first == sorted(first, reverse=True),
          "sorted by ESF+ identified, largest first: %r" % first)
    nat.close()
    s = ctx.login("styrelse@demo.bered.se")
    r = s.get("/uppfoljning")
    check("Över tid" in r.text and "ESF+ identifierade" not in r.text,
          "R1: the styrelse's comparison shows ESF+ columns")
    s.close()


def figure_links(page):
    return [(html.unescape(h), int(v)) for h, v in re.findall(
        r'<a href="(/arenden\?fu=[^"]+)">(\d+)</a>', page)]


def list_count(page):
    m = re.search(r"Ärenden: (\d+) st", page)
    if m:
        return int(m.group(1))
    return 0 if "Inga ärenden matchar" in page else None


@test
def followup_figures_link_to_their_cases(ctx):
    """Every figure links to the case list with the same selection, and
    that list holds exactly that many cases (issue 8)."""
    for who, period in (("nationell@demo.bered.se", ""),
                        ("kansli@demo.bered.se", ""),
                        ("kansli@demo.bered.se", "?per=kvartal"),
                        ("kansli@demo.bered.se",
                         "?from=%s-01-01&to=%s-12-31"
                         % (lib.today()[:4], lib.today()[:4])),
                        ("styrelse@demo.bered.se", "")):
        c = ctx.login(who)
        p = c.get("/uppfoljning" + period)
        check_page(p, 200, "follow-up")
        links = figure_links(p.text)
        check(len(links) >= (4 if who.startswith("styrelse") else 20),
              "%s: only %d figures are links" % (who, len(links)))
        if who.startswith("styrelse"):
            check(all("fu=esf" not in h for h, _ in links),
                  "R1: the styrelse gets links to ESF+ cases")
        seen = set()
        for href, v in links:
            if href in seen:
                continue
            seen.add(href)
            r = c.get(href)
            check_page(r, 200, "cases behind " + href)
            check("Urval från uppföljningen" in r.text,
                  "%s does not say which selection it shows" % href)
            n = list_count(r.text)
            check(n == v, "%s %s: the figure is %d, the list holds %r"
                  % (who, href, v, n))
        c.close()
    # The API's case list takes the same selection.
    k = ctx.api("kansli@demo.bered.se")
    f = lib.expect(k.api("GET", "/api/v1/followup"), 200, "followup").json()
    for code, want in (("esf", f["esf"]["identified"]),
                       ("esf-beviljade", f["esf"]["granted"]),
                       ("esf-ansokan", f["esf"]["applied"]),
                       ("finsam-beviljade", f["finsam"]["granted"])):
        r = lib.expect(k.api("GET", "/api/v1/cases?fu=" + code), 200, code)
        check(int(r.header("X-Total-Count")) == want,
              "API fu=%s: %s cases, the figure is %d"
              % (code, r.header("X-Total-Count"), want))
    for bad in ("fu=okand", "fu=esf&from=2025-13-01", "fu=esf&lan=99",
                "fu=finsam&kind=esf"):
        lib.expect(k.api("GET", "/api/v1/cases?" + bad), 422, bad)
    k.close()
    c = ctx.login("kansli@demo.bered.se")
    r = c.get("/arenden?fu=okand")
    check(r.status == 400 and "okänt" in r.text,
          "an unknown selection is not refused in Swedish: %d"
          % r.status)
    r = c.get("/arenden?fu=esf&from=2025-02-30")
    check(r.status == 400, "a bad date in the selection: %d"
          % r.status)
    c.close()


@test
def followup_money_adds_up(ctx):
    """The ESF+ money applied for is the sum of the applications' amounts;
    Finsam money against each year's frame is what the budget page says
    for each förbund, and the country's is their sum; quarters add up to
    the whole (issue 8)."""
    k = ctx.api("kansli@demo.bered.se")
    f = lib.expect(k.api("GET", "/api/v1/followup"), 200).json()
    ids = [c["id"] for c in lib.items(lib.expect(
        k.api("GET", "/api/v1/cases?fu=esf-ansokan&limit=500"), 200))]
    want = 0
    for i in ids:
        c = lib.expect(k.api("GET", "/api/v1/cases/%d" % i), 200).json()
        want += c["applied_amount"] or 0
    check(len(ids) == f["esf"]["applied"] and want > 0 and
          f["esf"]["applied_amount"] == want,
          "applied_amount %r, the applications' sum %d over %d cases"
          % (f["esf"]["applied_amount"], want, len(ids)))
    # A new idea's amount: kept, refused when negative or not a number.
    c = lib.expect(k.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": "esf", "title": "E2E: sökt belopp",
        "description": "", "finsam_malgrupp": True}), 201).json()
    cp = "/api/v1/cases/%d" % c["id"]
    for bad in (-5, "mycket", 10 ** 13):
        lib.expect_field(k.api("PATCH", cp, {"applied_amount": bad}),
                         "applied_amount", "applied_amount %r" % (bad,))
    got = lib.expect(k.api("PATCH", cp, {"applied_amount": 4200000}),
                     200).json()
    check(got["applied_amount"] == 4200000, "PATCH applied_amount: %r"
          % got.get("applied_amount"))
    f2 = lib.expect(k.api("GET", "/api/v1/followup"), 200).json()
    check(f2["esf"]["applied_amount"] == f["esf"]["applied_amount"],
          "an idea not yet applied for counts as applied for")
    # Frames: per förbund as its budget page, the country as their sum.
    fr = lib.expect(k.api("GET", "/api/v1/followup"), 200).json()[
        "finsam"]["frames"]
    check(fr, "the kansli's förbund has no frames")
    for y in fr:
        b = k.api("GET", "/api/v1/forbund/%d/budgets/%d" % (ctx.fa, y["year"]))
        frame = b.json()["frame"] if b.status == 200 else 0
        granted = b.json()["granted_sum"] if b.status == 200 else None
        check(y["frame"] == frame and y["budgets"] == (b.status == 200)
              and y["remaining"] == y["frame"] - y["granted"] and
              (granted is None or y["granted"] == granted),
              "%d: %r, the budget page %d %r" %
              (y["year"], y, b.status, b.text[:200]))
    n = ctx.api("nationell@demo.bered.se")
    total = {}
    for fb in lib.items(lib.expect(n.api("GET", "/api/v1/forbund"), 200)):
        for y in lib.expect(n.api("GET", "/api/v1/followup?forbund_id=%d"
                                  % fb["id"]), 200).json()["finsam"][
                                      "frames"]:
            t = total.setdefault(y["year"], [0, 0, 0])
            t[0] += y["frame"]
            t[1] += y["granted"]
            t[2] += y["budgets"]
    fr = lib.expect(n.api("GET", "/api/v1/followup"), 200).json()[
        "finsam"]["frames"]
    check({y["year"]: [y["frame"], y["granted"], y["budgets"]]
           for y in fr} == total,
          "the country's frames %r are not the förbund's sum %r"
          % (fr, total))
    # Quarters: keys, and they add up to the year's figures.
    fq = lib.expect(n.api("GET", "/api/v1/followup?group_by=quarter"),
                    200).json()
    fy = lib.expect(n.api("GET", "/api/v1/followup?group_by=year"),
                    200).json()
    check(all(re.fullmatch(r"\d{4}-Q[1-4]", r["key"]) for r in fq["rows"]),
          "quarter keys: %r" % [r["key"] for r in fq["rows"]])
    for y in fy["rows"]:
        qs = [r for r in fq["rows"] if r["key"].startswith("%d-" % y["key"])]
        for part, fig in (("esf", "identified"), ("esf", "applied_amount"),
                          ("finsam", "identified"), ("finsam", "granted")):
            check(sum(r[part][fig] for r in qs) == y[part][fig],
                  "%d %s.%s: quarters %r, the year %r" % (
                      y["key"], part, fig, [r[part][fig] for r in qs],
                      y[part][fig]))
    r = n.api("GET", "/api/v1/followup?group_by=manad")
    lib.expect_field(r, "group_by", "group_by=manad")
    n.close()
    c = ctx.login("kansli@demo.bered.se")
    r = c.get("/uppfoljning")
    check("Finsam-medel mot årets ram" in r.text and
          "Sökta ESF+-medel" in r.text, "the page lacks the money")
    r = c.get("/uppfoljning?per=vecka")
    check(r.status == 422 and "per år eller per kvartal" in r.text,
          "?per=vecka: %d" % r.status)
    r = c.get("/uppfoljning?per=kvartal&format=csv")
    body = r.body.decode("utf-8-sig", "replace")
    check(r.status == 200 and re.search(r"\n\"?\d{4} K[1-4]", body),
          "the per-quarter file has no quarters: %r" % body[:300])
    k.close()
    c.close()


@test
def case_pages_walk_the_whole_list(ctx):
    """GET /api/v1/cases pages in the store (issue 8): for every role,
    walking ?limit=7 with the Link header gives exactly the whole list,
    in its order, X-Total-Count rows, only what the role may see; a page
    after a case the user cannot see is 422 like one after no case."""
    others = {}
    for who in ("kansli@demo.bered.se", "ledamot.kalmar@demo.bered.se",
                "styrelse@demo.bered.se", "esf-kansli@demo.bered.se",
                "nationell@demo.bered.se", "kansli.blekinge@demo.bered.se"):
        k = ctx.api(who)
        whole = lib.expect(k.api("GET", "/api/v1/cases?limit=1000"), 200)
        want = [c["id"] for c in whole.json()]
        check(int(whole.header("X-Total-Count")) == len(want) and
              whole.header("Link") is None,
              "%s: %s of %d, Link %r" % (who, whole.header("X-Total-Count"),
                                         len(want), whole.header("Link")))
        kinds = {c["kind"] for c in whole.json()}
        if who.startswith("styrelse"):
            check(kinds <= {"finsam"}, "R1: the styrelse lists %r" % kinds)
        if who.startswith("esf-kansli"):
            check(kinds <= {"esf"}, "the esf-kansli lists %r" % kinds)
        got, path = [], "/api/v1/cases?limit=7"
        while path:
            r = lib.expect(k.api("GET", path), 200, who + " " + path)
            check(int(r.header("X-Total-Count")) == len(want),
                  "%s %s: X-Total-Count %s" % (who, path,
                                               r.header("X-Total-Count")))
            got += [c["id"] for c in r.json()]
            m = re.match(r"<([^>]+)>; rel=\"next\"", r.header("Link") or "")
            path = m.group(1) if m else None
            check(len(got) <= len(want), "%s: the pages go on" % who)
        check(got == want, "%s: the pages %r are not the list %r"
              % (who, got[:20], want[:20]))
        others[who] = set(want)
        k.close()
    k = ctx.api("kansli.blekinge@demo.bered.se")
    foreign = sorted(others["kansli@demo.bered.se"] -
                     others["kansli.blekinge@demo.bered.se"])[0]
    lib.expect_field(k.api("GET", "/api/v1/cases?after=%d" % foreign),
                     "after", "a page after another förbund's case")
    k.close()
