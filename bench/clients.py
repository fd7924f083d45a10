#!/usr/bin/env python3
"""bench/clients.py - part of `make bench`: Bered's memory under hostile and
mixed clients (issue 12), on the demo data, with the production Argon2id
cost. Prints figures; it is not a timed test.

1. Slow bodies: 500 unauthenticated connections (from 8 loopback addresses,
   under the per-address limit) each send the headers of a login form and
   most of its body, then hold; then 200 logged-in connections (API token)
   each send most of a 256 KiB body and hold. The added RSS (VmRSS) is
   printed after each wave. Target: 500 such connections add <= 32 MiB.
2. Mixed load: 8 clients for BENCH_MIX_SECONDS (default 30) s, each in turn
   reading (the case list page and the API list), writing (a new case via
   the API) and logging in and out (Argon2id). Prints the requests of each
   kind and the peak RSS (VmHWM) of the whole run. Target: <= 32 MiB.

BENCH_STRICT=1 makes a missed target exit 1.
"""

import http.client
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "build", "bered")
USER = "kansli@demo.bered.se"
PASSWORD = "demo-losen-2026"
MIX_SECONDS = float(os.environ.get("BENCH_MIX_SECONDS", "30"))
ADDRS = ["127.0.0.%d" % i for i in range(2, 10)]


def status_kib(pid, key):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def mib(kib):
    return kib / 1024.0


def start(db, tmp):
    out = open(os.path.join(tmp, "serve.out"), "wb+")
    p = subprocess.Popen([BINARY, "serve", "--db", db, "--listen",
                          "127.0.0.1:0", "--quiet"], stdout=out,
                         stderr=open(os.path.join(tmp, "serve.err"), "wb"))
    for _ in range(100):
        out.seek(0)
        m = re.search(rb"listening on http://127\.0\.0\.1:(\d+)", out.read())
        if m:
            return p, int(m.group(1))
        time.sleep(0.1)
    p.kill()
    sys.exit("bench: bered serve printed no 'listening on' line")


def login(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = urllib.parse.urlencode({"email": USER, "password": PASSWORD})
    c.request("POST", "/login", body, {
        "Content-Type": "application/x-www-form-urlencoded"})
    r = c.getresponse()
    r.read()
    m = re.search(r"bered_session=([0-9a-f]{64})", r.getheader("Set-Cookie")
                  or "")
    if r.status != 303 or not m:
        sys.exit("bench: login answered %d" % r.status)
    return c, "bered_session=" + m.group(1)


def hold(port, n, head, body_len, send_len, addrs):
    """n connections each sending head (Content-Length body_len) and
    send_len bytes of the body, spread over addrs; returns the sockets."""
    socks = []
    for i in range(n):
        s = socket.socket()
        s.bind((addrs[i % len(addrs)], 0))
        s.settimeout(5)
        try:
            s.connect(("127.0.0.1", port))
            s.sendall(head % body_len + b"x" * send_len)
        except OSError:
            s.close()
            continue
        socks.append(s)
    return socks


def closed(socks):
    """How many of socks the server has answered or closed."""
    n = 0
    for s in socks:
        s.setblocking(False)
        try:
            d = s.recv(1, socket.MSG_PEEK)
            n += 1 if d is not None else 0
        except BlockingIOError:
            pass
        except OSError:
            n += 1
    return n


def slow_bodies(pid, port, token):
    base = status_kib(pid, "VmRSS")
    print("slow bodies: RSS before %.1f MiB" % mib(base))
    head = (b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: "
            b"application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n")
    t0 = time.time()
    anon = hold(port, 500, head, 4000, 3900, ADDRS)
    time.sleep(0.5)
    a1 = status_kib(pid, "VmRSS")
    print("  500 unauthenticated login bodies (3,900 of 4,000 bytes): %d "
          "held, RSS +%.1f MiB" % (len(anon), mib(a1 - base)))
    head = (b"POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nAuthorization: "
            b"Bearer " + token.encode() + b"\r\nContent-Type: "
            b"application/json\r\nContent-Length: %d\r\n\r\n")
    auth = hold(port, 200, head, 256 * 1024, 250 * 1024, ADDRS)
    time.sleep(0.5)
    a2 = status_kib(pid, "VmRSS")
    print("  + 200 logged-in API bodies (250 of 256 KiB): %d sent, "
          "RSS +%.1f MiB in all" % (len(auth), mib(a2 - base)))
    wait = max(0.0, 11 - (time.time() - t0))
    time.sleep(wait)
    print("  after %.0f s: %d of %d connections answered or dropped by the "
          "server (body deadline)" % (time.time() - t0,
                                      closed(anon + auth),
                                      len(anon) + len(auth)))
    for s in anon + auth:
        s.close()
    return a1 - base, a2 - base


def mixed(pid, port, token, cookie):
    counts = {"read": 0, "write": 0, "login": 0, "error": 0}
    lock = threading.Lock()
    stop = time.time() + MIX_SECONDS

    def client(i):
        api = http.client.HTTPConnection("127.0.0.1", port, timeout=30,
                                         source_address=(ADDRS[i], 0))
        n = 0
        while time.time() < stop:
            kind = ("read", "read", "write", "read", "login")[n % 5]
            n += 1
            try:
                if kind == "read":
                    api.request("GET", "/arenden", headers={"Cookie": cookie})
                    r = api.getresponse()
                    r.read()
                    ok = r.status == 200
                    api.request("GET", "/api/v1/cases", headers={
                        "Authorization": "Bearer " + token})
                    r = api.getresponse()
                    r.read()
                    ok = ok and r.status == 200
                elif kind == "write":
                    api.request("POST", "/api/v1/cases", (
                        '{"forbund_id": 1, "kind": "esf", "title": '
                        '"Blandad last %d-%d", "finsam_malgrupp": true}'
                        % (i, n)), {"Authorization": "Bearer " + token,
                                    "Content-Type": "application/json"})
                    r = api.getresponse()
                    r.read()
                    ok = r.status == 201
                else:
                    c, _ = login(port)
                    c.close()
                    ok = True
            except (OSError, http.client.HTTPException):
                ok = False
                api.close()
            with lock:
                counts[kind if ok else "error"] += 1
        api.close()

    try:
        with open("/proc/%d/clear_refs" % pid, "w") as f:
            f.write("5")
        reset = True
    except OSError:
        reset = False
    threads = [threading.Thread(target=client, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    hwm = status_kib(pid, "VmHWM")
    print("  now: RssAnon %.1f MiB, RssFile %.1f MiB, RssShmem %.1f MiB" % (
        mib(status_kib(pid, "RssAnon")), mib(status_kib(pid, "RssFile")),
        mib(status_kib(pid, "RssShmem"))))
    print("mixed load, 8 clients for %.0f s: %d reads (page + API), %d "
          "case creations, %d logins (Argon2id m=12 MiB), %d errors"
          % (MIX_SECONDS, counts["read"], counts["write"], counts["login"],
             counts["error"]))
    print("  peak RSS (VmHWM)%s: %.1f MiB" % (
        "" if reset else " (could not reset: includes the slow bodies)",
        mib(hwm)))
    return hwm


def main():
    if not os.path.exists(BINARY):
        sys.exit("bench: build/bered is missing (make build/bered)")
    tmp = tempfile.mkdtemp(prefix="bered-clients.")
    db = os.path.join(tmp, "bench.db")
    subprocess.run([BINARY, "demo", "--db", db], check=True,
                   stdout=subprocess.DEVNULL)
    out = subprocess.run([BINARY, "token", "create", "--db", db, "--email",
                          USER], check=True, capture_output=True, text=True)
    token = re.search(r"\b[0-9a-f]{64}\b", out.stdout).group(0)
    try:
        # Each part on a server of its own: the peak of one is not the
        # other's (freed memory need not go back to the system).
        p, port = start(db, tmp)
        try:
            add1, add2 = slow_bodies(p.pid, port, token)
        finally:
            p.terminate()
            p.wait()
        p, port = start(db, tmp)
        try:
            _, cookie = login(port)
            hwm = mixed(p.pid, port, token, cookie)
        finally:
            p.terminate()
            p.wait()
    finally:
        subprocess.run(["rm", "-rf", tmp])
    miss = 0
    for label, v in (("500 slow unauthenticated bodies add <= 32 MiB",
                      add1), ("mixed load peak <= 32 MiB", hwm)):
        ok = v <= 32 * 1024
        miss += not ok
        print("target %s: %.1f MiB %s" % (label, mib(v),
                                          "met" if ok else "MISSED"))
    print("(the 200 logged-in bodies on top: +%.1f MiB; the server keeps at "
          "most 16 MiB of bodies at once and answers 503 beyond)" % mib(add2))
    if os.environ.get("BENCH_STRICT") == "1" and miss:
        sys.exit(1)


if __name__ == "__main__":
    main()
