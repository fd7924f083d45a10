"""Several instances on one database (issue 11): everything a user's
visit depends on (the session, its CSRF token, the login throttle, API
tokens) lives in the database, so two `bered serve` processes behind
Debian's nginx serve one user without sticky sessions."""

import os
import re
import shutil
import socket
import subprocess
import time

import lib
from lib import Client, check, check_page, expect, test
from test_faults_and_concurrency import login_post

K = "kansli@demo.bered.se"
NGINX_CONF = """worker_processes 1;
daemon off;
pid {d}/nginx.pid;
error_log {d}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {d}/body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
    upstream bered {{
        server 127.0.0.1:{a};
        server 127.0.0.1:{b};
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://bered;
            proxy_set_header Host $host:$server_port;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }}
    }}
}}
"""


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_nginx(ctx, a, b):
    """Debian's nginx on loopback, round robin over ports a and b."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    check(os.path.exists(binary), "nginx is not installed (tools/deps.sh "
          "installs nginx-light for make check)")
    d = os.path.join(ctx.workdir, "nginx")
    os.makedirs(d, exist_ok=True)
    port = free_port()
    with open(os.path.join(d, "nginx.conf"), "w") as f:
        f.write(NGINX_CONF.format(d=d, a=a, b=b, port=port))
    p = subprocess.Popen([binary, "-c", os.path.join(d, "nginx.conf"),
                          "-p", d], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return p, port
        except OSError:
            if p.poll() is not None:
                break
            time.sleep(0.05)
    p.kill()
    raise lib.Failure("nginx did not start: %r" % p.stderr.read()[-500:])


def on(port, c):
    """The same browser (its cookies) talking to another address."""
    other = Client(port)
    other.cookies = c.cookies
    return other


@test
def two_instances_serve_one_user(ctx):
    """Logged in through instance A, the user creates a case through
    instance B with the CSRF token A's page gave, reads it through nginx
    (which alternates between A and B), and logs out through A: the
    session is then gone on B too. Wrong passwords count across both
    instances (one throttle), and an API token works on either."""
    b = lib.Server(ctx.binary, ctx.db, ctx.workdir, "instance-b",
                   extra=["--trust-proxy"]).start()
    ctx.extra_servers.append(b)
    proxy, pport = start_nginx(ctx, ctx.port, b.port)
    try:
        user = ctx.login(K)                                   # through A
        expect(user.last_login, 303, "login through instance A")
        via_b = on(b.port, user)
        page = check_page(via_b.get("/arenden/ny"), 200,
                          "a page through instance B")
        form = page.find_forms(r"/arenden$")[0]
        vals = lib.form_values(form, {"title": "Två instanser",
                                      "kind": "esf",
                                      "finsam_malgrupp": "ja"})
        check(dict(vals).get("_csrf") == user.csrf, "instance B's page carries "
              "another CSRF token than A's session")
        r = via_b.post_form("/arenden", vals)
        expect(r, 303, "create a case through instance B")
        m = re.search(r"/arenden/(\d+)", r.header("Location") or "")
        check(m, "no case address after creating: %r" % r.header("Location"))
        cid = int(m.group(1))
        via_proxy = on(pport, user)
        for _ in range(6):      # round robin: both instances answer
            r = check_page(via_proxy.get("/arenden/%d" % cid), 200,
                           "the case through nginx")
            check("Två instanser" in r.text, "the case page through nginx")
        tok = Client(pport, token=ctx.token(K))
        for _ in range(4):
            got = expect(tok.api("GET", "/api/v1/cases/%d" % cid), 200,
                         "the API through nginx").json()
            check(got["title"] == "Två instanser", "API: %r" % got)
        tok.close()

        p = check_page(user.get("/"), 200, "start page through A")
        r = user.post_form("/logout", lib.form_values(p.find_forms(
            r"/logout")[0]))
        expect(r, (303, 200), "log out through instance A")
        r = via_b.get("/")
        expect(r, 303, "the session through B after logging out on A")
        check((r.header("Location") or "").startswith("/login"),
              "instance B still knows the session")
        via_proxy.cookies = via_b.cookies
        for _ in range(2):
            expect(via_proxy.get("/"), 303, "the dead session via nginx")

        # One throttle: 3 wrong passwords through B and 2 through C (both
        # trusting the proxy's address, one of their own) lock the account
        # (5 failures) on both. An address no other test uses, an unknown
        # account: nothing else is locked.
        c3 = lib.Server(ctx.binary, ctx.db, ctx.workdir, "instance-c",
                        extra=["--trust-proxy"]).start()
        ctx.extra_servers.append(c3)
        victim, addr = "okand.instans@example.se", "198.51.100.23"
        for i, port in enumerate((b.port, b.port, b.port, c3.port,
                                  c3.port)):
            r = login_post(port, victim, "fel", xff=addr)
            check(r.status != 429, "throttled after %d failures" % i)
        for port in (b.port, c3.port):
            r = login_post(port, victim, "fel", xff=addr)
            check(r.status == 429, "a login after 5 wrong passwords over "
                  "two instances: %d on port %d, not 429"
                  % (r.status, port))
        c3.stop()
        for c in (user, via_b, via_proxy):
            c.close()
    finally:
        proxy.terminate()
        proxy.wait(10)
        b.stop()
