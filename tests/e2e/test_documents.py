"""Documents on a case (issue 10): uploaded as multipart/form-data, typed
by their content (libmagic), kept in the database in chunks with SHA-256,
versions kept, and downloaded byte-exact as attachments that can never
run as a page of Bered. Isolation, R1 and R7 hold for them."""

import hashlib
import io
import re
import sys
import uuid
import urllib.parse
import zipfile

import lib
from lib import check, expect, expect_rules, test

K = "kansli@demo.bered.se"
MIB = 1024 * 1024
LIMIT = 20 * MIB


def multipart(fields, files):
    """(body, content type) for fields {name: value} and files
    {name: (filename, bytes)}."""
    b = "----bered%s" % uuid.uuid4().hex
    out = io.BytesIO()
    for k, v in fields.items():
        out.write(("--%s\r\nContent-Disposition: form-data; name=\"%s\""
                   "\r\n\r\n%s\r\n" % (b, k, v)).encode())
    for k, (name, data) in files.items():
        out.write(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; "
                   "filename=\"%s\"\r\nContent-Type: "
                   "application/octet-stream\r\n\r\n" % (b, k, name))
                  .encode())
        out.write(data)
        out.write(b"\r\n")
    out.write(("--%s--\r\n" % b).encode())
    return out.getvalue(), "multipart/form-data; boundary=" + b


def upload(c, path, name, data, **fields):
    body, ctype = multipart(fields, {"file": (name, data)})
    return c.request("POST", path, body=body,
                     headers={"Content-Type": ctype,
                              "Accept": "application/json"})


def pdf(size=0):
    head = b"%PDF-1.4\n1 0 obj<<>>endobj\n"
    tail = b"\ntrailer<<>>\n%%EOF\n"
    pad = max(0, size - len(head) - len(tail))
    return head + b"0" * pad + tail


def zipped(entries, first=None):
    out = io.BytesIO()
    z = zipfile.ZipFile(out, "w")
    if first:
        z.writestr(zipfile.ZipInfo(first[0]), first[1])
    for k, v in entries:
        z.writestr(k, v)
    z.close()
    return out.getvalue()


def samples():
    """One small file of each allowed type, by the type it must get."""
    try:
        import openpyxl
    except ImportError:
        sys.path.append("/usr/lib/python3/dist-packages")
        import openpyxl
    x = io.BytesIO()
    openpyxl.Workbook().save(x)
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00"
           b"\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDAT"
           b"x\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00"
           b"IEND\xaeB`\x82")
    jpeg = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
    docx = zipped([
        ("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http:'
         '//schemas.openxmlformats.org/package/2006/content-types"><Overrid'
         'e PartName="/word/document.xml" ContentType="application/vnd.open'
         'xmlformats-officedocument.wordprocessingml.document.main+xml"/>'
         '</Types>'),
        ("_rels/.rels", '<?xml version="1.0"?><Relationships/>'),
        ("word/document.xml", '<?xml version="1.0"?><w:document/>')])
    odt = zipped([("content.xml", "<x/>")], first=(
        "mimetype", "application/vnd.oasis.opendocument.text"))
    ods = zipped([("content.xml", "<x/>")], first=(
        "mimetype", "application/vnd.oasis.opendocument.spreadsheet"))
    return [
        ("idé.pdf", pdf(), "application/pdf"),
        ("tabell.xlsx", x.getvalue(), "application/vnd.openxmlformats-"
         "officedocument.spreadsheetml.sheet"),
        ("text.docx", docx, "application/vnd.openxmlformats-"
         "officedocument.wordprocessingml.document"),
        ("text.odt", odt, "application/vnd.oasis.opendocument.text"),
        ("tabell.ods", ods, "application/vnd.oasis.opendocument.spreadsheet"),
        ("bild.png", png, "image/png"),
        ("foto.jpg", jpeg, "image/jpeg"),
        ("anteckning.txt", "Mål och behov: åäö ÅÄÖ\n".encode(),
         "text/plain"),
    ]


def new_case(ctx, c, kind, title):
    r = expect(c.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": kind, "title": title,
        "description": "", "finsam_malgrupp": True}), 201, "new case")
    return r.json()["id"]


def doc_path(cid):
    return "/api/v1/cases/%d/documents" % cid


def download(c, did):
    return c.request("GET", "/api/v1/documents/%d" % did)


@test
def documents_round_trip_byte_exact(ctx):
    k = ctx.api(K)
    cid = new_case(ctx, k, "esf", "E2E: dokument")
    for name, data, ctype in samples():
        r = expect(upload(k, doc_path(cid), name, data, kind="projektide"),
                   201, "upload " + name)
        d = r.json()
        check(d["content_type"] == ctype and d["size"] == len(data) and
              d["sha256"] == hashlib.sha256(data).hexdigest() and
              d["name"] == name and d["case_id"] == cid and
              d["kind"] == "projektide" and d["uploaded_by"] > 0,
              "%s: answered %r" % (name, d))
        g = expect(download(k, d["id"]), 200, "download " + name)
        check(g.body == data, "%s: %d bytes back, %d sent"
              % (name, len(g.body), len(data)))
        check(g.header("Content-Type").startswith(ctype) and
              g.header("X-Content-Type-Options") == "nosniff" and
              "sandbox" in (g.header("Content-Security-Policy") or "") and
              (g.header("Content-Disposition") or "").startswith(
                  "attachment"),
              "%s: download headers %r" % (name, g.headers))
    # Exactly 20 MiB is taken and comes back byte-exact.
    big = pdf(LIMIT)
    r = expect(upload(k, doc_path(cid), "stor.pdf", big, kind="ansokan"),
               201, "20 MiB")
    d = r.json()
    check(d["size"] == LIMIT and
          d["sha256"] == hashlib.sha256(big).hexdigest(), "20 MiB: %r" % d)
    g = expect(download(k, d["id"]), 200, "download 20 MiB")
    check(len(g.body) == LIMIT and g.body == big, "20 MiB came back as %d "
          "bytes" % len(g.body))
    before = len(expect(k.api("GET", doc_path(cid)), 200).json())
    # One byte more is 413, and nothing is kept.
    r = upload(k, doc_path(cid), "för-stor.pdf", pdf(LIMIT + 1),
               kind="ansokan")
    check(r.status == 413 and r.json()["error"]["code"] == "too_large",
          "20 MiB + 1: %d %s" % (r.status, r.text[:200]))
    # Types decided by the content, not the name.
    for name, data in (("sida.pdf", b"<!DOCTYPE html><html><body><script>"
                        b"alert(1)</script></body></html>"),
                       ("bild.png", b'<svg xmlns="http://www.w3.org/2000/'
                        b'svg"><script>alert(1)</script></svg>'),
                       ("arkiv.docx", zipped([("a.txt", "x")])),
                       ("program.pdf", b"\x7fELF\x02\x01\x01" + b"\0" * 64)):
        r = upload(k, doc_path(cid), name, data, kind="ovrigt")
        check(r.status == 415 and "typ" in r.json()["error"]["message"],
              "%s: %d %s" % (name, r.status, r.text[:200]))
    # Bad input names its field.
    lib.expect_field(upload(k, doc_path(cid), "a.pdf", pdf(), kind="okand"),
                     "kind", "an unknown kind")
    lib.expect_field(upload(k, doc_path(cid), "a.pdf", pdf()), "kind",
                     "no kind")
    body, ctype = multipart({"kind": "ovrigt"}, {})
    lib.expect_field(k.request("POST", doc_path(cid), body=body, headers={
        "Content-Type": ctype}), "file", "no file")
    r = k.request("POST", doc_path(cid), body=b'{"kind": "ovrigt"}',
                  headers={"Content-Type": "application/json"})
    check(r.status in (400, 415), "a JSON body: %d" % r.status)
    after = expect(k.api("GET", doc_path(cid)), 200).json()
    check(len(after) == before, "refused uploads were kept: %d, %d"
          % (before, len(after)))
    k.close()


@test
def documents_keep_versions(ctx):
    k = ctx.api(K)
    cid = new_case(ctx, k, "esf", "E2E: versioner")
    v1 = expect(upload(k, doc_path(cid), "ide.txt", b"version 1\n",
                       kind="projektide"), 201).json()
    v2 = expect(upload(k, doc_path(cid), "ide.txt", b"version 2\n",
                       kind="projektide", replaces=v1["id"]), 201).json()
    check(v2["version"] == 2 and v2["replaces"] == v1["id"] and
          v1["version"] == 1, "versions: %r %r" % (v1, v2))
    check(download(k, v1["id"]).body == b"version 1\n" and
          download(k, v2["id"]).body == b"version 2\n",
          "an old version is gone or changed")
    lst = expect(k.api("GET", doc_path(cid)), 200).json()
    check({d["id"] for d in lst} == {v1["id"], v2["id"]},
          "the list: %r" % lst)
    lib.expect_field(upload(k, doc_path(cid), "x.txt", b"x\n",
                            kind="projektide", replaces=999999), "replaces",
                     "a version of no document")
    other = new_case(ctx, k, "esf", "E2E: annat ärende")
    lib.expect_field(upload(k, doc_path(other), "x.txt", b"x\n",
                            kind="projektide", replaces=v1["id"]),
                     "replaces", "a version of another case's document")
    k.close()


@test
def documents_isolation_r1_r7(ctx):
    k = ctx.api(K)
    esf = new_case(ctx, k, "esf", "E2E: dokument R1")
    fin = new_case(ctx, k, "finsam", "E2E: dokument Finsam")
    e = expect(upload(k, doc_path(esf), "a.txt", b"esf\n",
                      kind="projektide"), 201).json()
    f = expect(upload(k, doc_path(fin), "b.txt", b"finsam\n",
                      kind="projektide"), 201).json()
    # Another förbund: 404 exactly as for a missing document.
    o = ctx.api("kansli.blekinge@demo.bered.se")
    missing = download(o, 99999999)
    for r in (download(o, e["id"]), download(o, f["id"]),
              o.api("GET", doc_path(esf)),
              upload(o, doc_path(esf), "c.txt", b"c\n", kind="ovrigt")):
        check(r.status == 404 and r.body == missing.body,
              "another förbund: %d %s" % (r.status, r.text[:200]))
    o.close()
    # R1: the styrelse never reaches a document of an ESF+ case.
    s = ctx.api("styrelse@demo.bered.se")
    check(download(s, e["id"]).status == 404 and
          s.api("GET", doc_path(esf)).status == 404,
          "R1: the styrelse reaches an ESF+ document")
    check(download(s, f["id"]).body == b"finsam\n",
          "the styrelse cannot read its Finsam insats's document")
    s.close()
    # R7: a medfinansieringsintyg is its party's, uploaded by its ledamot.
    pid = ctx.pa["0880"]
    r = upload(k, doc_path(esf), "intyg.pdf", pdf(),
               kind="medfinansieringsintyg", party_id=pid)
    expect_rules(r, 403, ["R7"], "the kansli uploads Kalmar's intyg")
    fk = ctx.api("ledamot.fk@demo.bered.se")
    expect_rules(upload(fk, doc_path(esf), "intyg.pdf", pdf(),
                        kind="medfinansieringsintyg", party_id=pid),
                 403, ["R7"], "FK's ledamot uploads Kalmar's intyg")
    fk.close()
    kal = ctx.api("ledamot.kalmar@demo.bered.se")
    lib.expect_field(upload(kal, doc_path(esf), "intyg.pdf", pdf(),
                            kind="medfinansieringsintyg"), "party_id",
                     "an intyg without its party")
    d = expect(upload(kal, doc_path(esf), "intyg.pdf", pdf(),
                      kind="medfinansieringsintyg", party_id=pid), 201,
               "Kalmar's ledamot uploads Kalmar's intyg").json()
    check(d["party_id"] == pid, "the intyg's party: %r" % d)
    kal.close()
    # Read-only roles upload nothing.
    n = ctx.api("nationell@demo.bered.se")
    r = upload(n, doc_path(esf), "n.txt", b"n\n", kind="ovrigt")
    check(r.status == 403, "the national role uploads: %d" % r.status)
    check(download(n, e["id"]).status == 200, "the national role reads")
    n.close()
    k.close()


@test
def documents_on_the_case_page(ctx):
    """The kansli uploads on the case page (multipart form with _csrf),
    sees it listed with the R10 reminder, downloads it; too large a file
    and a wrong type get Swedish pages."""
    k = ctx.api(K)
    cid = new_case(ctx, k, "esf", "E2E: dokument på sidan")
    k.close()
    c = ctx.login(K)
    page = c.get("/arenden/%d" % cid)
    lib.check_page(page, 200, "case page")
    check("personuppgifter om deltagare (R10)" in page.text and
          'enctype="multipart/form-data"' in page.text,
          "the case page lacks the upload form or R10")
    csrf = ctx.csrf_of(c, "/arenden/%d" % cid)
    body, ctype = multipart({"_csrf": csrf, "kind": "projektide"},
                            {"file": ("projektidé.pdf", pdf())})
    r = c.request("POST", "/arenden/%d/dokument" % cid, body=body,
                  headers={"Content-Type": ctype})
    check(r.status == 303, "upload from the page: %d %s"
          % (r.status, r.text[:300]))
    page = c.get("/arenden/%d" % cid)
    m = re.search(r'href="(/dokument/\d+)"[^>]*>projektidé\.pdf<',
                  page.text)
    check(m is not None, "the case page does not list the document")
    g = c.get(m.group(1))
    check(g.status == 200 and g.body == pdf(), "download from the page: %d"
          % g.status)
    body, ctype = multipart({"_csrf": csrf, "kind": "ovrigt"},
                            {"file": ("sida.pdf", b"<html><script>x"
                                      b"</script></html>")})
    r = c.request("POST", "/arenden/%d/dokument" % cid, body=body,
                  headers={"Content-Type": ctype})
    check(r.status == 415 and "PDF" in r.text, "a wrong type on the page: "
          "%d" % r.status)
    body, ctype = multipart({"kind": "ovrigt"},
                            {"file": ("a.txt", b"a\n")})
    r = c.request("POST", "/arenden/%d/dokument" % cid, body=body,
                  headers={"Content-Type": ctype})
    check(r.status == 403, "an upload without _csrf: %d" % r.status)
    c.close()


def hits(c, q):
    return expect(c.api("GET", "/api/v1/search?q=" +
                        urllib.parse.quote(q)), 200, "search " + q).json()


@test
def search_finds_only_what_the_user_may_see(ctx):
    """One search over cases, needs, comments and document names, ranked,
    with the matches marked; never another förbund's, never an ESF+ hit
    for the styrelse (R1); Swedish letters fold case."""
    k = ctx.api(K)
    esf = new_case(ctx, k, "esf", "Zebrafinkprojektet för unga")
    fin = new_case(ctx, k, "finsam", "Zebrafinkinsats i Kalmar")
    expect(k.api("POST", "/api/v1/cases/%d/comments" % esf,
                 {"text": "Zebrafinkmötet: Åtgärdsplanen är klar."}), 201)
    expect(upload(k, doc_path(esf), "zebrafink-plan.txt", b"plan\n",
                  kind="ovrigt"), 201)
    expect(k.api("POST", "/api/v1/forbund/%d/needs" % ctx.fa, {
        "malgrupp": "Unga zebrafinkar", "behov": "Stöd", "utbud": ""}),
        201)
    got = hits(k, "zebrafink")
    types = sorted(h["type"] for h in got)
    check(types == ["case", "case", "comment", "document", "need"],
          "the kansli's hits: %r" % got)
    for h in got:
        marked = [h["snippet"][a:b] for a, b in h["marks"]]
        check(marked and all(m.lower().startswith("zebrafink")
                             for m in marked),
              "the marks do not point at the match: %r" % h)
    check(len(hits(k, "ZEBRAFINK")) == len(got), "case matters")
    check([h["id"] for h in hits(k, "åtgärdsplan")] ==
          [h["id"] for h in hits(k, "ÅTGÄRDSPLAN")] and
          hits(k, "åtgärdsplan"), "å, ä, ö do not fold case")
    check(not hits(k, "atgardsplan"), "å is searched as a")
    check(len(hits(k, "zebrafink kalmar")) == 1, "every word must match")
    check(hits(k, 'zebra"fink') == [] and hits(k, "zebra* OR") == [],
          "the query syntax leaks through")
    lib.expect_field(k.api("GET", "/api/v1/search?q=%20%20"), "q",
                     "a query without words")
    s = ctx.api("styrelse@demo.bered.se")
    got = hits(s, "zebrafink")
    check([h["id"] for h in got] == [fin],
          "R1: the styrelse finds %r" % got)
    s.close()
    o = ctx.api("kansli.blekinge@demo.bered.se")
    check(hits(o, "zebrafink") == [], "another förbund finds A's cases")
    o.close()
    n = ctx.api("nationell@demo.bered.se")
    check(len(hits(n, "zebrafink")) == 5, "the national role")
    n.close()
    e = ctx.api("esf-kansli@demo.bered.se")
    check(all(h["type"] != "need" and h["case_id"] != fin
              for h in hits(e, "zebrafink")), "the esf-kansli's hits")
    e.close()
    # The page: the box in the header, marks, escaping.
    new_case(ctx, k, "esf", "<script>alert(1)</script> zebrafinkx")
    k.close()
    c = ctx.login(K)
    r = c.get("/sok?q=zebrafink")
    lib.check_page(r, 200, "search page")
    check('role="search"' in r.text and "<mark>" in r.text and
          "<script>alert" not in r.text and "&lt;script&gt;" in r.text,
          "the search page: %s" % r.text[-1500:])
    check('href="/arenden/%d"' % esf in r.text and
          'href="/arenden/%d#historik"' % esf in r.text,
          "the hits do not link to their cases")
    r = c.get("/sok?q=")
    check(r.status == 422 and "Skriv ett eller flera ord" in r.text,
          "an empty search: %d" % r.status)
    c.close()


@test
def beredningsgrupp_meetings(ctx):
    """The beredningsgrupp's meetings (issue 10): the kansli and the
    ledamöter keep them, ESF+ and Finsam cases and needs on the agenda,
    notes and minutes; the case page lists them; the styrelse never sees
    them (R1); another förbund's are missing."""
    k = ctx.api(K)
    esf = new_case(ctx, k, "esf", "E2E: idé för beredningsgruppen")
    fin = new_case(ctx, k, "finsam", "E2E: insats för beredningsgruppen")
    need = expect(k.api("POST", "/api/v1/forbund/%d/needs" % ctx.fa, {
        "malgrupp": "E2E-målgrupp", "behov": "b", "utbud": ""}), 201).json()
    base = "/api/v1/forbund/%d/group-meetings" % ctx.fa
    lib.expect_field(k.api("POST", base, {"date": "2026-02-30"}), "date",
                     "a date that does not exist")
    m = expect(k.api("POST", base, {"date": lib.today()}), 201).json()
    mp = "/api/v1/group-meetings/%d" % m["id"]
    led = ctx.api("ledamot.kalmar@demo.bered.se")
    for body in ({"case_id": esf, "note": "Idén bereds (ESF+)"},
                 {"case_id": fin}, {"need_id": need["id"], "note": "Behov"}):
        expect(led.api("POST", mp + "/items", body), 201, "item %r" % body)
    lib.expect_field(led.api("POST", mp + "/items", {"note": "x"}),
                     "case_id", "an item of nothing")
    lib.expect_field(led.api("POST", mp + "/items", {
        "case_id": esf, "need_id": need["id"]}), "case_id", "an item of both")
    pa = ctx.pa
    g = expect(k.api("PATCH", mp, {"attendees": [pa["fk"], pa["0880"]],
                                   "minutes": "Protokoll: åäö."}), 200).json()
    check(sorted(g["attendees"]) == sorted([pa["fk"], pa["0880"]]) and
          g["minutes"] == "Protokoll: åäö." and
          [i["case_id"] for i in g["items"]] == [esf, fin, None] and
          g["items"][0]["note"] == "Idén bereds (ESF+)",
          "the meeting: %r" % g)
    g["items"][1]["note"] = "Ny anteckning"
    g2 = expect(k.api("PATCH", mp, {"items": [
        {"case_id": i["case_id"], "need_id": i["need_id"], "note": i["note"]}
        for i in g["items"]]}), 200).json()
    check(g2["items"][1]["note"] == "Ny anteckning", "notes: %r" % g2)
    lib.expect_field(k.api("PATCH", mp, {"attendees": [999999]}), "items",
                     "a party of no förbund")
    lib.expect_field(k.api("PATCH", mp, {"date": "igår"}), "date", "date")
    check(expect(k.api("GET", mp), 200).json()["minutes"] ==
          "Protokoll: åäö.", "a refused PATCH changed the meeting")
    check(any(x["id"] == m["id"] for x in
              expect(k.api("GET", base), 200).json()), "the list")
    # A document of the meeting: R1 and isolation hold for it too.
    gd = expect(upload(k, mp + "/documents", "minnesanteckning.txt",
                       "Anteckningar från mötet\n".encode(),
                       kind="protokoll"), 201).json()
    check(gd["group_meeting_id"] == m["id"] and gd["case_id"] is None,
          "the meeting's document: %r" % gd)
    lib.expect_field(upload(k, mp + "/documents", "i.txt", b"i\n",
                            kind="medfinansieringsintyg"), "kind",
                     "an intyg on a meeting")
    # R1: the styrelse never sees them; another förbund: missing.
    s = ctx.api("styrelse@demo.bered.se")
    check(download(s, gd["id"]).status == 404,
          "R1: the styrelse downloads the group's document")
    for path in (mp, base):
        check(s.api("GET", path).status == 404, "R1: the styrelse sees %s"
              % path)
    check(s.api("POST", base, {"date": lib.today()}).status == 404,
          "R1: the styrelse creates a meeting")
    s.close()
    o = ctx.api("kansli.blekinge@demo.bered.se")
    check(download(o, gd["id"]).status == 404, "another förbund downloads")
    check(o.api("GET", mp).status == 404 and
          o.api("PATCH", mp, {"minutes": "x"}).status == 404 and
          o.api("POST", mp + "/items", {"case_id": esf}).status == 404,
          "another förbund reaches A's meeting")
    ob = expect(o.api("POST", "/api/v1/forbund/%d/group-meetings" % ctx.fb,
                      {"date": lib.today()}), 201).json()
    lib.expect_field(o.api("POST", "/api/v1/group-meetings/%d/items"
                           % ob["id"], {"case_id": esf}), "case_id",
                     "A's case on B's agenda")
    o.close()
    n = ctx.api("nationell@demo.bered.se")
    check(n.api("GET", mp).status == 200, "the national role reads")
    check(n.api("PATCH", mp, {"minutes": "x"}).status == 403,
          "the national role writes")
    n.close()
    led.close()
    k.close()
    # The pages: the case page lists the meeting; the styrelse sees none.
    c = ctx.login(K)
    r = c.get("/arenden/%d" % esf)
    check('href="/beredningsgrupp/moten/%d"' % m["id"] in r.text,
          "the case page does not list the meeting")
    for path in ("/beredningsgrupp", "/beredningsgrupp/moten/%d" % m["id"],
                 "/beredningsgrupp/moten/%d/protokoll" % m["id"]):
        lib.check_page(c.get(path), 200, path)
    page = lib.check_page(c.get("/beredningsgrupp/moten/%d" % m["id"]), 200)
    form = page.find_forms(r"/beredningsgrupp/moten/%d$" % m["id"])[0]
    vals = lib.form_values(form, {"minutes": "Sparat från sidan",
                                  "note_0": "Från sidan"})
    r = c.post_form(form["action"], vals)
    check(r.status == 303, "saving the meeting page: %d" % r.status)
    g = expect(ctx.api(K).api("GET", mp), 200).json()
    check(g["minutes"] == "Sparat från sidan" and
          g["items"][0]["note"] == "Från sidan" and
          sorted(g["attendees"]) == sorted([pa["fk"], pa["0880"]]),
          "the page saved %r" % g)
    r = c.post_form("/beredningsgrupp/moten/%d/punkt" % m["id"], {
        "_csrf": c.csrf, "punkt": "c%d" % fin, "note": "Igen"})
    check(r.status == 303, "an item from the page: %d" % r.status)
    r = c.post_form("/beredningsgrupp/moten/%d/punkt" % m["id"], {
        "_csrf": c.csrf, "punkt": "x1"})
    check(r.status == 422, "a bad item from the page: %d" % r.status)
    c.close()
    s = ctx.login("styrelse@demo.bered.se")
    r = s.get("/arenden/%d" % fin)
    check(r.status == 200 and "beredningsgrupp/moten" not in r.text and
          'href="/beredningsgrupp"' not in r.text,
          "R1: the styrelse's case page shows the group's meetings")
    check(s.get("/beredningsgrupp/moten/%d" % m["id"]).status == 404,
          "R1: the styrelse opens the meeting page")
    s.close()
