"""The HTTP contract, exact: the route table matches the path as sent
(percent-escapes kept), so an encoded NUL or slash never routes to another
resource; every limit is answered by Bered itself (JSON under /api, the
Swedish error page otherwise); API bodies must be application/json (415);
the global --db flag goes before or after the subcommand."""

import json
import os

import lib
from lib import check, expect, test

K = "kansli@demo.bered.se"


def raw(port, request):
    status, hdrs, body, _ = lib.raw_http(port, request)
    return status, hdrs, body


def get(port, target, headers=b"", token=None):
    auth = b"Authorization: Bearer %s\r\n" % token.encode() if token else b""
    return raw(port, b"GET " + target.encode() + b" HTTP/1.1\r\nHost: x\r\n" +
               auth + headers + b"Connection: close\r\n\r\n")


def is_api_error(status, hdrs, body, want, what):
    check(status == want, "%s: status %d, want %d" % (what, status, want))
    check(hdrs.get("content-type", "").startswith("application/json"),
          "%s: Content-Type %r" % (what, hdrs.get("content-type")))
    j = json.loads(body.decode("utf-8"))
    check("code" in j.get("error", {}) and j["error"].get("message"),
          "%s: not the API's error object: %r" % (what, body[:200]))


def is_page_error(status, hdrs, body, want, what):
    check(status == want, "%s: status %d, want %d" % (what, status, want))
    check(hdrs.get("content-type", "").startswith("text/html"),
          "%s: Content-Type %r" % (what, hdrs.get("content-type")))
    check(b'lang="sv"' in body, "%s: not Bered's Swedish page: %r"
          % (what, body[:200]))


@test
def encoded_nul_and_slash_route_nowhere(ctx):
    tok = ctx.token(K)
    case = lib.items(ctx.api(K).api("GET", "/api/v1/cases?limit=1"))[0]
    cid = case["id"]
    status, _, _ = get(ctx.port, "/api/v1/cases/%d" % cid, token=tok)
    check(status == 200, "plain case path: %d" % status)
    for target in ("/api/v1/cases/%d%%00garbage" % cid,
                   "/api/v1/cases/%d%%2Ftransitions" % cid,
                   "/api/v1/cases/%d%%2ftransitions" % cid,
                   "/api/v1/cases/%%3%d" % cid):
        status, hdrs, body = get(ctx.port, target, token=tok)
        is_api_error(status, hdrs, body, 404, target)
    for target in ("/healthz%00.php", "/healthz%2F", "/arenden%2F1"):
        status, hdrs, body = get(ctx.port, target)
        check(status in (400, 404), "%s: status %d" % (target, status))
    status, _, body = get(ctx.port, "/healthz")
    check(status == 200 and b"ok" in body, "/healthz: %d" % status)


@test
def limits_answered_by_bered(ctx):
    tok = ctx.token(K)
    big = b"X-Filler: " + b"a" * 9000 + b"\r\n"
    status, hdrs, body = get(ctx.port, "/api/v1/me", headers=big, token=tok)
    is_api_error(status, hdrs, body, 431, "API headers over 8 KiB")
    status, hdrs, body = get(ctx.port, "/login", headers=big)
    is_page_error(status, hdrs, body, 431, "page headers over 8 KiB")
    status, hdrs, body = get(ctx.port, "/api/v1/cases/" + "1" * 5000,
                             token=tok)
    is_api_error(status, hdrs, body, 414, "API path over 4 KiB")
    status, hdrs, body = get(ctx.port, "/arenden?q=" + "a" * 5000)
    is_page_error(status, hdrs, body, 414, "page query over 4 KiB")
    # Just under the limits: answered normally.
    fine = b"X-Filler: " + b"a" * 6000 + b"\r\n"
    status, _, _ = get(ctx.port, "/api/v1/me", headers=fine, token=tok)
    check(status == 200, "6 KB of headers: %d" % status)


@test
def api_bodies_are_json(ctx):
    c = ctx.api(K)
    body = json.dumps({"forbund_id": ctx.fa, "kind": "esf", "title": "x"})
    for ctype in ("application/x-www-form-urlencoded", "text/plain",
                  "application/jsonx", None):
        h = {"Accept": "application/json"}
        if ctype:
            h["Content-Type"] = ctype
        r = c.request("POST", "/api/v1/cases", body=body, headers=h)
        expect(r, 415, "POST with Content-Type %r" % ctype)
        check(r.json()["error"]["code"] == "unsupported_media_type",
              "415 code: %r" % r.json())
    r = c.request("POST", "/api/v1/cases", body=body, headers={
        "Content-Type": "application/json; charset=utf-8"})
    expect(r, 201, "application/json; charset=utf-8")
    c.close()


@test
def global_db_flag_before_or_after(ctx):
    db = os.path.join(ctx.workdir, "flag-order.db")
    rc, out, _ = lib.run_cli(ctx.binary, ["--db", db, "migrate"])
    check(rc == 0 and os.path.exists(db), "--db X migrate: rc %d" % rc)
    rc, out, _ = lib.run_cli(ctx.binary, ["--db=" + db, "migrate"])
    check(rc == 0, "--db=X migrate: rc %d" % rc)
    rc, _, err = lib.run_cli(ctx.binary, ["--db"], check_rc=False)
    check(rc == 2, "--db without a command: rc %d" % rc)
