"""A local SMTP sink for the tests (issue 9): enough of RFC 5321 for
libcurl (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), one thread per
connection, every accepted message kept as an email.message. It can refuse
(451 at MAIL FROM: a temporary failure) and be stopped and started again
on the same port (the server "disappears and comes back")."""

import email
import email.policy
import socket
import threading


class Sink:
    def __init__(self, port=0):
        self.messages = []      # (envelope_to, email.message.EmailMessage)
        self.refuse = False
        self.lock = threading.Lock()
        self.port = port
        self.sock = None
        self.start()

    def start(self):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", self.port))
        s.listen(16)
        self.port = s.getsockname()[1]
        self.sock = s
        threading.Thread(target=self._accept, args=(s,), daemon=True).start()

    def stop(self):
        if self.sock is not None:
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.sock.close()
            self.sock = None

    def _accept(self, s):
        while True:
            try:
                c, _ = s.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(c,),
                             daemon=True).start()

    def _serve(self, c):
        f = c.makefile("rb")

        def say(line):
            c.sendall(line.encode() + b"\r\n")
        try:
            say("220 sink ESMTP")
            rcpt = []
            while True:
                line = f.readline()
                if not line:
                    return
                cmd = line.decode("latin-1").strip()
                verb = cmd.split(" ", 1)[0].upper()
                if verb == "EHLO":
                    say("250-sink")
                    say("250 8BITMIME")
                elif verb == "HELO":
                    say("250 sink")
                elif verb == "MAIL":
                    if self.refuse:
                        say("451 4.3.0 try again later")
                    else:
                        rcpt = []
                        say("250 ok")
                elif verb == "RCPT":
                    rcpt.append(cmd.split(":", 1)[1].strip().strip("<>"))
                    say("250 ok")
                elif verb == "DATA":
                    say("354 go on")
                    data = b""
                    while True:
                        ln = f.readline()
                        if not ln or ln == b".\r\n":
                            break
                        if ln.startswith(b".."):
                            ln = ln[1:]
                        data += ln
                    msg = email.message_from_bytes(
                        data, policy=email.policy.default)
                    with self.lock:
                        for r in rcpt:
                            self.messages.append((r, msg))
                    say("250 queued")
                elif verb in ("RSET", "NOOP"):
                    say("250 ok")
                elif verb == "QUIT":
                    say("221 bye")
                    return
                else:
                    say("502 not implemented")
        except OSError:
            pass
        finally:
            c.close()

    def to(self, addr):
        with self.lock:
            return [m for r, m in self.messages if r == addr]

    def all(self):
        with self.lock:
            return list(self.messages)


def text_of(msg):
    """The plain text part of a message."""
    part = msg.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def html_of(msg):
    part = msg.get_body(preferencelist=("html",))
    return part.get_content() if part is not None else ""
