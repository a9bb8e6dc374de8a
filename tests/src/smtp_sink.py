# A real SMTP server for the notification tests (issue 15): aiosmtpd on 127.0.0.1:PORT.
# Every message it accepts is written to DIR/<id>.json (envelope, headers, decoded text and
# HTML parts); a recipient whose address starts with "rechazar" is refused with 550, one
# starting with "aplazar" deferred with 450, each reply naming the address (as Postfix does).
# Usage: python3 smtp_sink.py DIR PORT [DELAY_SECONDS]: with a delay, each message waits that
# long before it is accepted (a slow server, to stop pqrs in the middle of a delivery).
# A fourth argument `discard` accepts messages without parsing or writing them (the outbox
# bench: Python's e-mail parser, not pqrs, would otherwise set the pace).
import asyncio
import email
import email.policy
import json
import os
import sys
import threading
import uuid

from aiosmtpd.controller import Controller

OUT, PORT = sys.argv[1], int(sys.argv[2])
DELAY = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
DISCARD = len(sys.argv) > 4 and sys.argv[4] == "discard"


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
        }
        tmp = os.path.join(OUT, name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(tmp, os.path.join(OUT, name + ".json"))
        return "250 OK queued as " + name


controller = Controller(Sink(), hostname="127.0.0.1", port=PORT)
controller.start()
print("ready", flush=True)
threading.Event().wait()
