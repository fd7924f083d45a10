"""Shared machinery of the end-to-end suite: the server under test, an HTTP
client that keeps one connection alive and carries cookies, an HTML
validator (structure and the WCAG points we can check mechanically), a form
reader, and small assertion helpers.

Python 3 standard library only.
"""

import http.client
import json
import os
import re
import select
import signal
import socket
import sqlite3
import subprocess
import threading
import time
import urllib.parse
from html.parser import HTMLParser


def short(path, n=100):
    return path if len(path) <= n else path[:n] + "...(%d chars)" % len(path)


class Failure(AssertionError):
    """A failed check; the message says route, request, expected and got."""


def check(cond, msg):
    if not cond:
        raise Failure(msg)


# ---------------------------------------------------------------- server


class Server:
    """`bered serve` on an ephemeral port, stderr kept in a file."""

    def __init__(self, binary, db, workdir, name="server", extra=(), env=None):
        self.binary = binary
        self.db = db
        self.name = name
        self.errpath = os.path.join(workdir, name + ".stderr")
        self.outlines = []
        # The ESF+ programme period (R4) is set from the test's own day, so
        # the suite passes whatever the calendar says.
        self.extra = ESF_PERIOD + list(extra)
        self.env = dict(os.environ)
        self.env["BERED_FAST_HASH"] = "1"
        self.env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
        if env:
            self.env.update(env)
        self.proc = None
        self.port = None

    def start(self, timeout=20.0):
        self.errfile = open(self.errpath, "wb")
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--db", self.db, "--listen",
             "127.0.0.1:0"] + self.extra,
            stdout=subprocess.PIPE, stderr=self.errfile, env=self.env)
        deadline = time.time() + timeout
        buf = b""
        fd = self.proc.stdout.fileno()
        while time.time() < deadline:
            r, _, _ = select.select([fd], [], [], 0.2)
            if r:
                chunk = os.read(fd, 4096)
                if not chunk:
                    break
                buf += chunk
                m = re.search(rb"listening on http://127\.0\.0\.1:(\d+)", buf)
                if m:
                    self.port = int(m.group(1))
                    break
            if self.proc.poll() is not None:
                break
        if self.port is None:
            self.stop_kill()
            raise Failure("%s did not print 'listening on "
                          "http://127.0.0.1:PORT' (stdout %r, stderr %r)"
                          % (self.name, buf[-500:], self.stderr()[-800:]))
        self.outlines.append(buf)
        # Keep draining stdout so the server never blocks on a full pipe.
        threading.Thread(target=self._drain, daemon=True).start()
        return self

    def _drain(self):
        try:
            for line in self.proc.stdout:
                self.outlines.append(line)
        except (OSError, ValueError):
            pass

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout=20.0):
        """SIGTERM; returns the exit status (None if it had to be killed).
        Safe to call again: later calls return the same status."""
        if self.proc is None:
            return None
        if self.proc.returncode is not None:
            if not self.errfile.closed:
                self.errfile.close()
            return self.proc.returncode
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            rc = None
        if not self.errfile.closed:
            self.errfile.close()
        return rc

    def stop_kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        try:
            self.errfile.close()
        except Exception:
            pass

    def stderr(self):
        try:
            with open(self.errpath, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""


SANITIZER_MARKS = ("ERROR: AddressSanitizer", "runtime error:",
                   "LeakSanitizer", "ERROR: UndefinedBehaviorSanitizer")


def sanitizer_reports(text):
    return [m for m in SANITIZER_MARKS if m in text]


def run_cli(binary, args, env=None, check_rc=True, timeout=120):
    e = dict(os.environ)
    e["BERED_FAST_HASH"] = "1"
    if env:
        e.update(env)
    p = subprocess.run([binary] + args, capture_output=True, env=e,
                       timeout=timeout)
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    bad = sanitizer_reports(err)
    if bad:
        raise Failure("bered %s: sanitizer report %s:\n%s"
                      % (" ".join(args), bad, err[-2000:]))
    if check_rc and p.returncode != 0:
        raise Failure("bered %s exited %d: %s"
                      % (" ".join(args), p.returncode, err.strip()[-500:]))
    return p.returncode, out, err


# ---------------------------------------------------------------- HTTP


def raw_http(port, request, timeout=20, src="127.0.0.1"):
    """Sends request bytes on a fresh connection from address src; returns
    (status, headers dict, body bytes, seconds), status 0 when nothing
    came before the connection closed or the timeout."""
    s = socket.socket()
    s.settimeout(timeout)
    s.bind((src, 0))
    t0 = time.time()
    s.connect(("127.0.0.1", port))
    data = b""
    try:
        s.sendall(request)
        while True:
            d = s.recv(65536)
            if not d:
                break
            data += d
            head, sep, body = data.partition(b"\r\n\r\n")
            if sep:
                n = _raw_headers(head).get("content-length", "-1")
                if int(n) >= 0 and len(body) >= int(n):
                    break
    except (socket.timeout, ConnectionResetError, BrokenPipeError):
        pass
    s.close()
    secs = time.time() - t0
    head, _, body = data.partition(b"\r\n\r\n")
    line = head.split(b"\r\n", 1)[0].split()
    status = int(line[1]) if len(line) > 1 and line[1].isdigit() else 0
    return status, _raw_headers(head), body, secs


def _raw_headers(head):
    hdrs = {}
    for line in head.decode("latin-1").split("\r\n")[1:]:
        k, _, v = line.partition(":")
        hdrs[k.strip().lower()] = v.strip()
    return hdrs


class _PgConn:
    """psycopg2 behind sqlite3's interface: execute() with "?" marks."""

    def __init__(self, conn):
        self.conn = conn

    def execute(self, sql, args=()):
        cur = self.conn.cursor()
        cur.execute(sql.replace("%", "%%").replace("?", "%s"), tuple(args))
        return cur

    def commit(self):
        self.conn.commit()

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if kind is None:
            self.conn.commit()
        else:
            self.conn.rollback()

    def close(self):
        self.conn.close()


def is_pg(db):
    return db.startswith("postgres://") or db.startswith("postgresql://")


def db_connect(db):
    """The test database, a SQLite file or a PostgreSQL URL, as a
    connection with sqlite3's execute() and "?" parameters."""
    if is_pg(db):
        import psycopg2
        return _PgConn(psycopg2.connect(db))
    return sqlite3.connect(db, timeout=10)


def sqlite_only(fn):
    """A test of SQLite's own file (copies, corruption, a full disk):
    on PostgreSQL it is left out, with a note saying so."""
    def run(ctx):
        if is_pg(ctx.db):
            ctx.notes.append("%s: SQLite only (%s)" % (
                fn.__name__, (fn.__doc__ or "").strip().split("\n")[0]))
            return
        fn(ctx)
    run.__name__ = fn.__name__
    run.__doc__ = fn.__doc__
    return run


def copy_db(src, dst):
    """A consistent copy of the SQLite database src (online backup)."""
    a = sqlite3.connect(src, timeout=10)
    b = sqlite3.connect(dst)
    a.backup(b)
    a.close()
    b.close()


class Response:
    def __init__(self, method, path, status, headers, body):
        self.method = method
        self.path = path
        self.status = status
        self.headers = headers          # list of (name, value)
        self.body = body
        self._json = None

    def header(self, name):
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return None

    def header_all(self, name):
        name = name.lower()
        return [v for k, v in self.headers if k.lower() == name]

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        if self._json is None:
            try:
                self._json = json.loads(self.body.decode("utf-8"))
            except ValueError:
                raise Failure("%s %s: answer is not JSON (status %d): %r"
                              % (self.method, self.path, self.status,
                                 self.body[:300]))
        return self._json

    def where(self):
        return "%s %s -> %d" % (self.method, short(self.path), self.status)

    def rule_ids(self):
        """Rule ids named in an API error (failing ones)."""
        try:
            err = self.json().get("error", {})
        except Failure:
            return []
        return [r.get("rule") for r in err.get("rules", []) or []
                if isinstance(r, dict)]


# Every HTML answer any test received; validated once more at the end.
FETCHED_PAGES = []
# Every JSON answer under /api/v1 any test received (the OpenAPI document
# is checked against all of them at the end: run.py).
API_ANSWERS = []


class Client:
    """One keep-alive connection with a cookie jar (no redirects followed)."""

    def __init__(self, port, token=None):
        self.port = port
        self.token = token
        self.cookies = {}
        self.conn = None

    def _connect(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port,
                                               timeout=30)

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None, headers=None, retry=True):
        if self.conn is None:
            self._connect()
        h = {"Host": "127.0.0.1:%d" % self.port}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in
                                    self.cookies.items())
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        if headers:
            h.update(headers)
        if isinstance(body, str):
            body = body.encode("utf-8")
        try:
            self.conn.request(method, path, body=body, headers=h)
            resp = self.conn.getresponse()
            data = resp.read()
        except (http.client.RemoteDisconnected, BrokenPipeError,
                ConnectionResetError, http.client.CannotSendRequest):
            # The server may close an idle keep-alive connection.
            self.close()
            if not retry:
                raise
            return self.request(method, path, body, headers, retry=False)
        r = Response(method, path, resp.status, resp.getheaders(), data)
        if path.startswith("/api/v1/") and len(API_ANSWERS) < 20000:
            API_ANSWERS.append((method, r))
        if (r.header("Content-Type") or "").startswith("text/html") and \
                not 300 <= r.status < 400 and r.body.strip() and \
                len(FETCHED_PAGES) < 2000:
            FETCHED_PAGES.append(r)
        for sc in r.header_all("Set-Cookie"):
            name, _, rest = sc.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in sc.lower() or value == "":
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value
        if (r.header("Connection") or "").lower() == "close":
            self.close()
        return r

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post_form(self, path, fields, **kw):
        body = urllib.parse.urlencode(fields)
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, body=body, headers=h, **kw)

    def api(self, method, path, obj=None, raw=None):
        h = {"Accept": "application/json"}
        body = None
        if raw is not None:
            body = raw
            h["Content-Type"] = "application/json"
        elif obj is not None:
            body = json.dumps(obj)
            h["Content-Type"] = "application/json"
        return self.request(method, path, body=body, headers=h)


def expect(r, status, what=""):
    """Checks r.status is status (int or tuple); returns r."""
    ok = r.status in status if isinstance(status, tuple) else \
        r.status == status
    if not ok:
        raise Failure("%s%s %s: expected %s, got %d: %s"
                      % (what + ": " if what else "", r.method, short(r.path),
                         status, r.status, r.text[:600]))
    return r


def expect_rules(r, status, rules, what=""):
    """An API refusal with every rule id in rules among the failing ones."""
    expect(r, status, what)
    got = r.rule_ids()
    missing = [x for x in rules if x not in got]
    if missing:
        raise Failure("%s%s %s: expected failing rules %s, got %s: %s"
                      % (what + ": " if what else "", r.method, r.path,
                         rules, got, r.text[:600]))
    for e in r.json()["error"].get("rules", []):
        if e.get("ok") is not False:
            raise Failure("%s %s: a refusal lists a rule that is not "
                          "failing: %r" % (r.method, r.path, e))
        if not e.get("message"):
            raise Failure("%s %s: rule without a message: %r"
                          % (r.method, r.path, e))
    return r


def expect_field(r, field, what=""):
    """A 422 naming field (in fields[] or in the message)."""
    expect(r, 422, what)
    err = r.json().get("error", {})
    named = [f.get("field") for f in err.get("fields", []) or []
             if isinstance(f, dict)]
    if field not in named and field not in err.get("message", ""):
        raise Failure("%s%s %s: 422 does not name field %r: %s"
                      % (what + ": " if what else "", r.method, r.path,
                         field, r.text[:400]))
    return r


# ---------------------------------------------------------------- HTML

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
# Elements whose end tag HTML lets an author omit.
OPTIONAL_END = {"p", "li", "option", "optgroup", "td", "th", "tr", "thead",
                "tbody", "tfoot", "dt", "dd", "colgroup", "caption"}
UNLABELLED_OK = {"hidden", "submit", "button", "reset", "image"}


class Page(HTMLParser):
    """Parses one page; .errors lists every validation failure."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.errors = []
        self.stack = []
        self.ids = {}
        self.label_for = set()
        self.controls = []      # (tag, attrs, inside_label)
        self.headings = []
        self.forms = []
        self.form = None
        self.select = None
        self.textarea = None
        self.html_lang = None
        self.doctype = False
        self.charset = False
        self.text_parts = []
        self.title = ""
        self._in_title = False
        self.links = []

    def handle_decl(self, decl):
        if decl.lower().startswith("doctype html"):
            self.doctype = True

    def _close_implied(self, tag):
        # A new li/option/tr/td... closes an open sibling of that kind.
        siblings = {"li": {"li"}, "option": {"option"}, "tr": {"tr", "td",
                    "th"}, "td": {"td", "th"}, "th": {"td", "th"},
                    "dt": {"dt", "dd"}, "dd": {"dt", "dd"}}
        if tag in siblings:
            while self.stack and self.stack[-1] in siblings[tag] and \
                    self.stack[-1] in OPTIONAL_END:
                self.stack.pop()

    def handle_starttag(self, tag, attrs):
        a = {}
        for k, v in attrs:
            if k in a:
                self.errors.append("attribute %s repeated on <%s>" % (k, tag))
            a[k] = v if v is not None else ""
        for k in a:
            if k.startswith("on"):
                self.errors.append("inline event handler %s on <%s> "
                                   "(CSP forbids it)" % (k, tag))
        if "style" in a:
            self.errors.append("style attribute on <%s> (CSP forbids "
                               "inline style)" % tag)
        if tag == "style":
            self.errors.append("<style> element (CSP forbids inline style)")
        if tag == "script" and "src" not in a:
            self.errors.append("inline <script> (CSP forbids it)")
        if "id" in a:
            if a["id"] in self.ids:
                self.errors.append("id %r is not unique" % a["id"])
            self.ids[a["id"]] = tag
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "meta" and (a.get("charset", "").lower() == "utf-8" or
                              "utf-8" in a.get("content", "").lower()):
            self.charset = True
        if tag == "title":
            self._in_title = True
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "label" and "for" in a:
            self.label_for.add(a["for"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        self._form_start(tag, a)
        if tag in ("input", "select", "textarea"):
            self.controls.append((tag, a, "label" in self.stack))
        if tag in VOID:
            return
        self._close_implied(tag)
        self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag == "title":
            self._in_title = False
        self._form_end(tag)
        if tag not in self.stack:
            self.errors.append("</%s> without an open <%s>" % (tag, tag))
            return
        while self.stack and self.stack[-1] != tag and \
                self.stack[-1] in OPTIONAL_END:
            self.stack.pop()
        if self.stack[-1] != tag:
            self.errors.append("</%s> closes <%s> (open: %s)"
                               % (tag, self.stack[-1],
                                  " > ".join(self.stack[-5:])))
            while self.stack and self.stack[-1] != tag:
                self.stack.pop()
        self.stack.pop()

    def handle_data(self, data):
        self.text_parts.append(data)
        if self._in_title:
            self.title += data
        if self.textarea is not None:
            self.textarea["value"] += data
        if self.select is not None and self.select.get("_opt") is not None:
            self.select["_opt"]["text"] += data

    # ---- forms
    def _form_start(self, tag, a):
        if tag == "form":
            # The fragment (where the answer lands, #meddelande) is not
            # part of the request: kept apart from the action.
            action, _, frag = a.get("action", "").partition("#")
            self.form = {"action": action, "fragment": frag,
                         "method": a.get("method", "get").lower(),
                         "fields": [], "buttons": [], "attrs": a}
            self.forms.append(self.form)
            return
        if self.form is None:
            return
        f = self.form
        if tag == "input":
            t = a.get("type", "text").lower()
            if t in ("submit", "image", "button"):
                if "name" in a:
                    f["buttons"].append((a["name"], a.get("value", "")))
                return
            if "name" not in a:
                return
            f["fields"].append({"tag": "input", "type": t, "name": a["name"],
                                "value": a.get("value", "on" if t in
                                               ("checkbox", "radio") else ""),
                                "checked": "checked" in a, "attrs": a})
        elif tag == "button":
            if "name" in a:
                f["buttons"].append((a["name"], a.get("value", "")))
        elif tag == "select" and "name" in a:
            self.select = {"tag": "select", "name": a["name"], "options": [],
                           "attrs": a, "_opt": None}
            f["fields"].append(self.select)
        elif tag == "option" and self.select is not None:
            o = {"value": a.get("value"), "selected": "selected" in a,
                 "text": ""}
            self.select["options"].append(o)
            self.select["_opt"] = o
        elif tag == "textarea" and "name" in a:
            self.textarea = {"tag": "textarea", "name": a["name"],
                             "value": "", "attrs": a}
            f["fields"].append(self.textarea)

    def _form_end(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "option" and self.select is not None:
            self.select["_opt"] = None

    def finish(self):
        self.close()
        if self.stack:
            self.errors.append("unclosed elements at the end: %s"
                               % " > ".join(self.stack))
        if not self.doctype:
            self.errors.append("no <!DOCTYPE html>")
        if self.html_lang != "sv":
            self.errors.append('<html lang="sv"> missing (lang=%r)'
                               % self.html_lang)
        if not self.charset:
            self.errors.append('no <meta charset="utf-8">')
        if not self.title.strip():
            self.errors.append("empty <title>")
        n1 = self.headings.count(1)
        if n1 != 1:
            self.errors.append("%d <h1> elements (want exactly one)" % n1)
        prev = 0
        for lvl in self.headings:
            if lvl > prev + 1:
                self.errors.append("heading level skips from h%d to h%d"
                                   % (prev, lvl))
            prev = lvl
        for tag, a, in_label in self.controls:
            t = a.get("type", "text").lower() if tag == "input" else tag
            if t in UNLABELLED_OK:
                continue
            if a.get("aria-label") or a.get("aria-labelledby") or in_label:
                continue
            if a.get("id") and a["id"] in self.label_for:
                continue
            self.errors.append("<%s name=%r id=%r> has no <label for> and no "
                               "aria-label" % (tag, a.get("name"),
                                               a.get("id")))
        for f in sorted(self.label_for):
            if f not in self.ids:
                self.errors.append("<label for=%r> names no element" % f)
        for f in self.forms:
            if f["method"] == "post" and f["action"] != "/login":
                names = [x["name"] for x in f["fields"]]
                if "_csrf" not in names:
                    self.errors.append("POST form to %r has no _csrf field"
                                       % f["action"])
        return self

    @property
    def text(self):
        return " ".join("".join(self.text_parts).split())

    def find_forms(self, action_re, method="post"):
        return [f for f in self.forms if f["method"] == method and
                re.fullmatch(action_re, f["action"])]


def parse_page(r):
    p = Page()
    p.feed(r.text)
    return p.finish()


def check_page(r, status=200, what=""):
    """Checks status, content type, headers and validity; returns Page."""
    expect(r, status, what)
    ct = r.header("Content-Type") or ""
    check(ct.lower().replace(" ", "") == "text/html;charset=utf-8",
          "%s: Content-Type %r, want text/html; charset=utf-8"
          % (r.where(), ct))
    p = parse_page(r)
    if p.errors:
        raise Failure("%s%s: invalid page:\n    %s"
                      % (what + ": " if what else "", r.where(),
                         "\n    ".join(p.errors[:15])))
    return p


def form_values(form, overrides=None, drop=()):
    """The values a browser would send for form, with overrides applied.

    overrides: name -> value; a value of None removes the field; for a
    checkbox, True/False checks/unchecks it."""
    overrides = dict(overrides or {})
    out = []
    for f in form["fields"]:
        name = f["name"]
        if name in drop:
            continue
        if name in overrides:
            v = overrides[name]
            if f.get("type") == "checkbox":
                if v is True:
                    out.append((name, f["value"]))
                elif v not in (False, None):
                    out.append((name, v))
                overrides.pop(name)
                continue
            if f.get("type") == "radio":
                if f["value"] == v:
                    out.append((name, v))
                continue
            if v is not None:
                out.append((name, v))
            overrides.pop(name)
            continue
        if f["tag"] == "select":
            sel = [o for o in f["options"] if o["selected"]] or \
                f["options"][:1]
            for o in sel:
                out.append((name, o["value"] if o["value"] is not None
                            else o["text"]))
        elif f.get("type") in ("checkbox", "radio"):
            if f["checked"]:
                out.append((name, f["value"]))
        else:
            out.append((name, f["value"]))
    for k, v in overrides.items():
        if v is not None and v is not False:
            out.append((k, "on" if v is True else v))
    return out


def field_names(form):
    return [f["name"] for f in form["fields"]]


def option_values(form, name):
    for f in form["fields"]:
        if f["name"] == name and f["tag"] == "select":
            return [(o["value"], o["text"].strip()) for o in f["options"]]
    return []


# ---------------------------------------------------------------- registry

TESTS = []


def test(fn):
    """Registers a test function fn(ctx); run.py runs them in order."""
    TESTS.append(fn)
    return fn


def today(offset=0):
    import datetime
    return (datetime.date.today() + datetime.timedelta(days=offset)).isoformat()


# The programme period every server of the suite runs with (R4): calls for
# two more years, activity for four, counted from the day the suite runs.
ESF_CALLS_UNTIL = today(2 * 365)
ESF_ACTIVITY_UNTIL = today(4 * 365)
ESF_PERIOD = ["--esf-calls-until", ESF_CALLS_UNTIL,
              "--esf-activity-until", ESF_ACTIVITY_UNTIL]


def items(r, key="cases"):
    """A list answer, whether a bare array or wrapped as {key: [...]}."""
    j = r.json()
    if isinstance(j, list):
        return j
    if isinstance(j, dict):
        for k in (key, "items", "data"):
            if isinstance(j.get(k), list):
                return j[k]
    raise Failure("%s: not a list answer: %r" % (r.where(), r.text[:300]))


def sigterm_with_request_in_flight(server, token, body):
    """Starts a POST, sends SIGTERM while its body is half sent, finishes
    the body, and returns (status line of the answer, exit status)."""
    import socket
    data = body.encode("utf-8")
    s = socket.create_connection(("127.0.0.1", server.port), timeout=15)
    head = ("POST /api/v1/cases HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
            "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
            "Content-Length: %d\r\nConnection: close\r\n\r\n"
            % (server.port, token, len(data))).encode()
    half = len(data) // 2
    s.sendall(head + data[:half])
    time.sleep(0.3)
    server.proc.send_signal(signal.SIGTERM)
    time.sleep(0.3)
    answer = b""
    try:
        s.sendall(data[half:])
        while True:
            d = s.recv(65536)
            if not d:
                break
            answer += d
    except OSError:
        pass
    s.close()
    rc = server.stop()
    return answer.split(b"\r\n", 1)[0].decode("latin-1"), rc
