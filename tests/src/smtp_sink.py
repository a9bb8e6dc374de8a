# A real SMTP server for the notification tests (issue 15): aiosmtpd on 127.0.0.1:PORT.
# Every message it accepts is written to DIR/<id>.json (envelope, headers, decoded text and
# HTML parts); a recipient whose address starts with "rechazar" is refused with 550, one
# starting with "aplazar" deferred with 450, each reply naming the address (as Postfix does).
# Usage: python3 smtp_sink.py DIR PORT [DELAY_SECONDS]: with a delay, each message waits that
# long before it is accepted (a slow server, to stop pqrs in the middle of a delivery).
# A fourth argument `discard` accepts messages without parsing or writing them (the outbox
# bench: Python's e-mail parser, not pqrs, would otherwise set the pace).
# A fifth argument, JSON, secures the server: {"cert": PEM, "key": PEM} offers STARTTLS and
# requires it before mail ({"tls": "implicit"} too: TLS from the first byte, as on port 465);
# {"user": U, "password": P} requires AUTH PLAIN/LOGIN with them. Each message's record says
# whether it came over TLS and as which user.
import asyncio
import email
import email.policy
import json
import os
import ssl
import sys
import threading
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

OUT, PORT = sys.argv[1], int(sys.argv[2])
DELAY = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
DISCARD = len(sys.argv) > 4 and sys.argv[4] == "discard"
OPTIONS = json.loads(sys.argv[5]) if len(sys.argv) > 5 else {}


class Sink:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # As Postfix answers, naming the address.
        if address.lower().startswith("rechazar"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if address.lower().startswith("aplazar"):
            return "450 4.2.0 <%s>: Recipient address rejected: Greylisted" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if DELAY:
            await asyncio.sleep(DELAY)
        if DISCARD:
            return "250 OK discarded"
        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        parts = {}
        for part in msg.walk():
            ctype = part.get_content_type()
            if ctype in ("text/plain", "text/html") and not part.is_multipart():
                parts[ctype] = part.get_content()
        name = uuid.uuid4().hex
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": {k.lower(): str(v) for k, v in msg.items()},
            "text": parts.get("text/plain"),
            "html": parts.get("text/html"),
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "user": session.login_data.decode() if session.login_data else None,
        }
        tmp = os.path.join(OUT, name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(tmp, os.path.join(OUT, name + ".json"))
        return "250 OK queued as " + name


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login.decode() == OPTIONS["user"]
        and auth_data.password.decode() == OPTIONS["password"]
    )
    return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


secured = {}
if "cert" in OPTIONS:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(OPTIONS["cert"], OPTIONS["key"])
    if OPTIONS.get("tls") == "implicit":
        secured["ssl_context"] = context
    else:
        secured.update(tls_context=context, require_starttls=True)
if "user" in OPTIONS:
    # aiosmtpd counts only STARTTLS as TLS for `auth_require_tls`: over TLS from the first byte
    # it would offer no AUTH at all, so the requirement is left to the connection itself.
    secured.update(
        authenticator=authenticator,
        auth_required=True,
        auth_require_tls="cert" in OPTIONS and OPTIONS.get("tls") != "implicit",
    )

controller = Controller(Sink(), hostname="127.0.0.1", port=PORT, **secured)
controller.start()
print("ready", flush=True)
threading.Event().wait()
