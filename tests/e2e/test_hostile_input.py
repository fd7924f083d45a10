"""Bad input is answered 4xx, never 500 and never a crash; bodies over the
limit get 413; another förbund's data is 404 exactly like missing data."""

import socket
import urllib.parse

import lib
from lib import Client, check, check_page, expect, expect_field, test

BIG = 20 * 1024 * 1024


def never_500(r):
    check(400 <= r.status < 500, "%s: expected a 4xx answer, got %d: %s"
          % (r.where(), r.status, r.text[:300]))
    return r


def new_case(c, ctx, kind="esf", title="Robusthetsprov"):
    r = c.api("POST", "/api/v1/cases", {
        "forbund_id": ctx.fa, "kind": kind, "title": title,
        "description": "Skapat av e2e-testet.", "finsam_malgrupp": True})
    expect(r, 201, "create case")
    j = r.json()
    check(j.get("id") and j.get("state") == "identifierad",
          "POST /api/v1/cases: %r" % j)
    return j


@test
def malformed_json_and_types(ctx):
    k = ctx.api("kansli@demo.bered.se")
    for raw in ("{bad json", "", "[]", '"text"', "null", "{" * 50000,
                "[" * 100000, '{"title": "\xff"}', "\x00"):
        never_500(k.api("POST", "/api/v1/cases", raw=raw))
    r = k.request("POST", "/api/v1/cases", body=b'{"title": "\xff\xfe"}',
                  headers={"Content-Type": "application/json"})
    never_500(r)
    base = {"forbund_id": ctx.fa, "kind": "esf", "title": "Fält",
            "finsam_malgrupp": True}
    for field, bad in (("forbund_id", "abc"), ("kind", "rymd"),
                       ("title", 5), ("title", ""), ("title", "x" * 5000),
                       ("finsam_malgrupp", "ja"),
                       ("need_id", 99999999), ("need_id", "tre"),
                       ("forbund_id", 1.5)):
        body = dict(base)
        body[field] = bad
        expect_field(k.api("POST", "/api/v1/cases", body), field,
                     "POST /api/v1/cases with %s=%r" % (field, bad))
    never_500(k.api("POST", "/api/v1/cases", dict(base, forbund_id=99999999)))
    # jansson refuses \u0000 in strings: 400 or 422, never 500.
    never_500(k.api("POST", "/api/v1/cases", dict(base, title="a\u0000b")))
    case = new_case(k, ctx)
    cid = case["id"]
    path = "/api/v1/cases/%d" % cid
    for body, field in (({"project_start": "2026-02-30"}, "project_start"),
                        ({"project_start": "2026-13-01"}, "project_start"),
                        ({"project_end": "igår"}, "project_end"),
                        ({"submitted_on": 20260101}, "submitted_on"),
                        ({"granted_amount": -5}, "granted_amount"),
                        ({"granted_amount": "100"}, "granted_amount"),
                        ({"granted_amount": 1e30}, "granted_amount"),
                        ({"owner_party_id": ctx.pb["fk"]}, "owner_party_id"),
                        ({"call_id": 99999999}, "call_id"),
                        ({"title": ""}, "title"),
                        ({"finsam_malgrupp": 1}, "finsam_malgrupp")):
        expect_field(k.api("PATCH", path, body), field,
                     "PATCH %s %r" % (path, body))
    r = k.api("PATCH", path, {"project_start": "2026-06-01",
                              "project_end": "2026-01-01"})
    never_500(r)
    check(r.status == 422, "PATCH with project_end before project_start: "
          "expected 422, got %d" % r.status)
    tr = path + "/transitions"
    for body, field in (({"to": "rymden"}, "to"), ({"to": 3}, "to"),
                        ({}, "to"), ({"to": "utformning", "comment": 7},
                                     "comment")):
        expect_field(k.api("POST", tr, body), field, "POST %s %r" % (tr, body))
    pp = path + "/parties/%d" % ctx.pa["af"]
    for body, field in (({"deltar": "yes"}, "deltar"),
                        ({"medfinansiar": 1}, "medfinansiar"),
                        ({"agarprovning": "kanske"}, "agarprovning"),
                        ({"beslut": "kanske"}, "beslut")):
        never_500(k.api("PUT", pp, body))
    own = ctx.api("ledamot.af@demo.bered.se")
    expect_field(own.api("PUT", pp, {"forankrad": "2026-02-30"}), "forankrad",
                 "PUT party forankrad 2026-02-30")
    expect_field(own.api("PUT", pp, {"agarprovning": "kanske"}),
                 "agarprovning", "PUT party agarprovning kanske")
    expect(k.api("PUT", path + "/parties/99999999", {"deltar": True}), 404,
           "PUT an unknown party")
    expect(k.api("PUT", path + "/parties/%d" % ctx.pb["af"],
                 {"deltar": True}), 404, "PUT another förbund's party")
    for c in (k, own):
        c.close()


@test
def bad_ids_and_queries(ctx):
    k = ctx.api("kansli@demo.bered.se")
    for p in ("/api/v1/cases/abc", "/api/v1/cases/99999999999999999999",
              "/api/v1/cases/0", "/api/v1/cases/-1", "/api/v1/cases/1e3",
              "/api/v1/cases/%00", "/api/v1/cases/007",
              "/api/v1/cases/99999999", "/api/v1/cases/1/",
              "/api/v1/forbund/abc/budgets/2026",
              "/api/v1/meetings/99999999999999999999999"):
        r = k.api("GET", p)
        never_500(r)
        check(r.status == 404, "GET %s: expected 404, got %d" % (p, r.status))
    for q in ("forbund_id=abc", "kind=rymd", "state=flygande",
              "forbund_id=-4", "forbund_id=99999999999999999999999"):
        r = never_500(k.api("GET", "/api/v1/cases?" + q))
        check(r.status in (400, 404, 422), "GET /api/v1/cases?%s: %d"
              % (q, r.status))
    for q in ("from=2026-02-30", "to=31-12-2026", "forbund_id=x", "lan=xyz"):
        never_500(k.api("GET", "/api/v1/followup?" + q))
    never_500(k.api("PUT", "/api/v1/forbund/%d/budgets/99999" % ctx.fa,
                    {"offers": []}))
    never_500(k.api("PUT", "/api/v1/forbund/%d/budgets/1" % ctx.fa,
                    {"offers": "alla"}))
    k.close()
    c = ctx.login("kansli@demo.bered.se")
    for p in ("/arenden/abc", "/arenden/99999999999999999999",
              "/arenden/0", "/styrelse/moten/abc", "/forbund/-2"):
        check_page(c.get(p), 404, "GET " + p)
    # Forms: broken encoding and bad values, 4xx with the form shown.
    r = c.request("POST", "/arenden", body="title=%zz&_csrf=" + c.csrf,
                  headers={"Content-Type":
                           "application/x-www-form-urlencoded"})
    never_500(r)
    r = c.post_form("/arenden", {"_csrf": c.csrf, "title": "",
                                 "kind": "esf", "forbund_id": str(ctx.fa)})
    never_500(r)
    check_page(r, r.status, "case form with empty title")
    check("title" in r.text, "empty title: the form does not point at the "
          "title field")
    r = c.get("/arenden?x=" + urllib.parse.quote("å" * 4000))
    check(r.status < 500, "%s: 5xx for a long unknown query" % r.where())
    c.close()


def raw_post(port, path, headers, body_len, chunked=False, extra=b""):
    """Sends a large body over a raw socket; returns the status line."""
    s = socket.create_connection(("127.0.0.1", port), timeout=20)
    head = "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % (path, port)
    for k, v in headers.items():
        head += "%s: %s\r\n" % (k, v)
    if chunked:
        head += "Transfer-Encoding: chunked\r\n"
    else:
        head += "Content-Length: %d\r\n" % body_len
    s.sendall(head.encode() + b"\r\n")
    chunk = b"a" * 65536
    sent = 0
    try:
        while sent < body_len:
            if chunked:
                s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            else:
                s.sendall(chunk)
            sent += len(chunk)
        if chunked:
            s.sendall(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError, socket.timeout):
        pass
    data = b""
    try:
        while b"\r\n" not in data:
            d = s.recv(4096)
            if not d:
                break
            data += d
    except (ConnectionResetError, socket.timeout):
        pass
    s.close()
    return data.split(b"\r\n", 1)[0].decode("latin-1")


@test
def body_limit_413(ctx):
    tok = ctx.token("kansli@demo.bered.se")
    auth = {"Authorization": "Bearer " + tok,
            "Content-Type": "application/json"}
    line = raw_post(ctx.port, "/api/v1/cases", auth, BIG)
    check(" 413" in line, "POST /api/v1/cases with a 20 MB body "
          "(Content-Length): expected 413, got %r" % line)
    line = raw_post(ctx.port, "/api/v1/cases", auth, 2 * 1024 * 1024,
                    chunked=True)
    check(" 413" in line, "POST /api/v1/cases with a 2 MB chunked body: "
          "expected 413, got %r" % line)
    c = ctx.login("kansli@demo.bered.se")
    cookie = "; ".join("%s=%s" % kv for kv in c.cookies.items())
    line = raw_post(ctx.port, "/arenden", {
        "Cookie": cookie,
        "Content-Type": "application/x-www-form-urlencoded"}, BIG)
    check(" 413" in line, "POST /arenden with a 20 MB form: expected 413, "
          "got %r" % line)
    c.close()
    h = Client(ctx.port)
    expect(h.get("/healthz"), 200, "server alive after 413s")
    h.close()
    # Very long header: refused with a 4xx or a closed connection, never 500.
    s = socket.create_connection(("127.0.0.1", ctx.port), timeout=10)
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: " +
              b"a" * 100000 + b"\r\n\r\n")
    try:
        data = s.recv(200)
    except (ConnectionResetError, socket.timeout):
        data = b""
    s.close()
    check(not data or data.split(b" ")[1][:1] == b"4",
          "100 KB header: expected 4xx or close, got %r" % data[:60])
    h = Client(ctx.port)
    expect(h.get("/healthz"), 200, "server alive after a huge header")
    h.close()


@test
def other_forbund_gets_404(ctx):
    k = ctx.api("kansli@demo.bered.se")
    cases = lib.items(k.api("GET", "/api/v1/cases?forbund_id=%d" % ctx.fa))
    check(len(cases) >= 20, "demo förbund lists %d cases, want >= 20"
          % len(cases))
    esf = [c for c in cases if c["kind"] == "esf"][0]
    fin = [c for c in cases if c["kind"] == "finsam"][0]
    meetings = lib.items(k.api("GET", "/api/v1/forbund/%d/meetings"
                               % ctx.fa), "meetings")
    check(len(meetings) >= 2, "demo has %d meetings, want 2" % len(meetings))
    k.close()
    b = ctx.api("ledamot.karlskrona@demo.bered.se")
    missing = b.api("GET", "/api/v1/cases/99999999")
    expect(missing, 404)
    cid = esf["id"]
    pid = ctx.pa["0880"]
    probes = [
        ("GET", "/api/v1/cases/%d" % cid, None),
        ("PATCH", "/api/v1/cases/%d" % cid, {"title": "Kapat"}),
        ("PUT", "/api/v1/cases/%d/parties/%d" % (cid, pid), {"deltar": True}),
        ("POST", "/api/v1/cases/%d/transitions" % cid, {"to": "avbruten",
                                                        "reason": "annat"}),
        ("GET", "/api/v1/cases/%d/fk-eligibility" % cid, None),
        ("GET", "/api/v1/cases/%d/participants" % fin["id"], None),
        ("PUT", "/api/v1/cases/%d/participants/2026" % fin["id"],
         {"women": 1, "men": 1, "to_work": 0, "to_studies": 0,
          "job_seeking": 0, "other": 0}),
        ("GET", "/api/v1/forbund/%d" % ctx.fa, None),
        ("GET", "/api/v1/forbund/%d/needs" % ctx.fa, None),
        ("POST", "/api/v1/forbund/%d/needs" % ctx.fa,
         {"malgrupp": "x", "behov": "y", "utbud": "z"}),
        ("GET", "/api/v1/forbund/%d/budgets/%s" % (ctx.fa, lib.today()[:4]),
         None),
        ("GET", "/api/v1/forbund/%d/meetings" % ctx.fa, None),
        ("GET", "/api/v1/meetings/%d" % meetings[0]["id"], None),
        ("POST", "/api/v1/meetings/%d/agenda" % meetings[0]["id"],
         {"case_id": fin["id"]}),
    ]
    for method, path, body in probes:
        r = b.api(method, path, body)
        check(r.status == 404, "%s %s as another förbund's ledamot: "
              "expected 404, got %d: %s" % (method, path, r.status,
                                            r.text[:200]))
        check(r.json()["error"].get("code") ==
              missing.json()["error"].get("code"),
              "%s %s: 404 differs from a missing case's (%r vs %r)"
              % (method, path, r.text[:200], missing.text[:200]))
    mine = lib.items(b.api("GET", "/api/v1/cases"))
    check(all(c["forbund_id"] == ctx.fb for c in mine),
          "GET /api/v1/cases as förbund B shows other förbund's cases")
    r = b.api("GET", "/api/v1/cases?forbund_id=%d" % ctx.fa)
    check(r.status == 404 or lib.items(r) == [],
          "GET /api/v1/cases?forbund_id=A as B: %d %s" % (r.status,
                                                         r.text[:200]))
    fl = lib.items(b.api("GET", "/api/v1/forbund"), "forbund")
    check(all(f["id"] != ctx.fa for f in fl),
          "GET /api/v1/forbund as B lists förbund A")
    b.close()
    c = ctx.login("ledamot.karlskrona@demo.bered.se")
    for p in ("/arenden/%d" % cid, "/forbund/%d" % ctx.fa):
        check_page(c.get(p), 404, "GET %s as förbund B" % p)
    page = check_page(c.get("/arenden"), 200, "case list as förbund B")
    check(esf["title"] not in page.text, "the case list of förbund B shows "
          "förbund A's case %r" % esf["title"])
    r = c.post_form("/arenden/%d/overgang" % cid,
                    {"_csrf": c.csrf, "to": "avbruten"})
    check(r.status == 404, "POST /arenden/%d/overgang as förbund B: "
          "expected 404, got %d" % (cid, r.status))
    c.close()
