#!/usr/bin/env python3
"""bench/upload.py - part of `make bench`: documents of 20 MiB (issue 10),
on the demo data, release build. Prints figures; it is not a timed test.

1. One client: upload a 20 MiB PDF to a case (POST
   /api/v1/cases/{id}/documents, multipart) and download it again (GET
   /api/v1/documents/{id}), five times each; the median and the slowest.
   Target: each under 1 s.
2. Eight clients upload 20 MiB each at the same time; the server's peak
   RSS (VmHWM, reset before the wave) and the time until all are stored.
   Target: peak RSS under 64 MiB (the files are streamed to a temporary
   file and into the database a chunk at a time, never held whole).

BENCH_STRICT=1 makes a missed target exit 1.
"""

import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "build", "bered")
USER = "kansli@demo.bered.se"
SIZE = 20 * 1024 * 1024
BOUNDARY = "----bered-bench"


def status_kib(pid, key):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def body(data):
    head = ("--%s\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n"
            "ansokan\r\n--%s\r\nContent-Disposition: form-data; "
            "name=\"file\"; filename=\"ansokan.pdf\"\r\nContent-Type: "
            "application/pdf\r\n\r\n" % (BOUNDARY, BOUNDARY)).encode()
    return head + data + ("\r\n--%s--\r\n" % BOUNDARY).encode()


def upload(port, token, case, payload):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    t0 = time.monotonic()
    c.request("POST", "/api/v1/cases/%d/documents" % case, body=payload,
              headers={"Authorization": "Bearer " + token,
                       "Content-Type": "multipart/form-data; boundary=" +
                       BOUNDARY})
    r = c.getresponse()
    text = r.read()
    dt = time.monotonic() - t0
    c.close()
    if r.status != 201:
        sys.exit("bench: upload answered %d: %r" % (r.status, text[:200]))
    return dt, int(re.search(rb'"id":(\d+)', text).group(1))


def download(port, token, doc):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    t0 = time.monotonic()
    c.request("GET", "/api/v1/documents/%d" % doc,
              headers={"Authorization": "Bearer " + token})
    r = c.getresponse()
    n = len(r.read())
    dt = time.monotonic() - t0
    c.close()
    if r.status != 200 or n != SIZE:
        sys.exit("bench: download answered %d with %d bytes" % (r.status, n))
    return dt


def main():
    tmp = tempfile.mkdtemp(prefix="bered-upload.")
    db = os.path.join(tmp, "bench.db")
    subprocess.run([BINARY, "demo", "--db", db], check=True,
                   stdout=subprocess.DEVNULL)
    out = subprocess.run([BINARY, "--db", db, "token", "create", "--email",
                          USER], check=True, capture_output=True, text=True)
    token = re.search(r"\b[0-9a-f]{64}\b", out.stdout).group(0)
    log = open(os.path.join(tmp, "serve.out"), "wb+")
    p = subprocess.Popen([BINARY, "serve", "--db", db, "--listen",
                          "127.0.0.1:0", "--quiet"], stdout=log,
                         stderr=subprocess.DEVNULL)
    port = None
    for _ in range(100):
        log.seek(0)
        m = re.search(rb"listening on http://127\.0\.0\.1:(\d+)", log.read())
        if m:
            port = int(m.group(1))
            break
        time.sleep(0.1)
    if port is None:
        sys.exit("bench: the server did not start")
    try:
        data = b"%PDF-1.4\n" + bytes(i * 7 % 251 for i in range(256)) * \
            ((SIZE - 9) // 256) + b"\n" * ((SIZE - 9) % 256)
        payload = body(data)
        case = 1
        ups, downs = [], []
        for _ in range(5):
            dt, doc = upload(port, token, case, payload)
            ups.append(dt)
            downs.append(download(port, token, doc))
        print("Documents of 20 MiB (release build, %d CPU(s))"
              % os.cpu_count())
        print("%-34s %9s %9s  target" % ("one client", "median_s", "max_s"))
        miss = 0
        for name, v in (("upload 20 MiB", ups), ("download 20 MiB", downs)):
            ok = max(v) < 1.0
            miss += not ok
            print("%-34s %9.3f %9.3f  < 1 s %s" % (
                name, statistics.median(v), max(v),
                "met" if ok else "MISSED"))
        base = status_kib(p.pid, "VmRSS")
        try:
            with open("/proc/%d/clear_refs" % p.pid, "w") as f:
                f.write("5")
        except OSError:
            print("(could not reset VmHWM: the peak includes the above)")
        times = []
        threads = [threading.Thread(
            target=lambda: times.append(upload(port, token, case,
                                               payload)[0]))
            for _ in range(8)]
        t0 = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - t0
        hwm = status_kib(p.pid, "VmHWM")
        ok = hwm < 64 * 1024 and len(times) == 8
        miss += not ok
        print("8 clients uploading 20 MiB each: all stored in %.2f s "
              "(slowest %.2f s)" % (wall, max(times)))
        print("server RSS before %.1f MiB, peak during %.1f MiB  "
              "target < 64 MiB %s" % (base / 1024.0, hwm / 1024.0,
                                      "met" if ok else "MISSED"))
        if os.environ.get("BENCH_STRICT") == "1" and miss:
            sys.exit(1)
    finally:
        p.terminate()
        p.wait()
        subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    main()
