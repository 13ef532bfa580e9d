#!/usr/bin/python3
"""A real SMTP server for the tests (aiosmtpd, Debian's python3-aiosmtpd): it receives every mail
the site sends and keeps it, decoded, for the tests to read.

  smtp-sink.py --port 2525 [--dir DIR] [--http-port 2526] [--refuse]

--dir       each mail is written there as NNNNN.json once received
--http-port GET /messages answers every mail received, as a JSON list (the browser tests read
            it); DELETE /messages forgets them
--refuse    answer every recipient with a permanent refusal (550): the site must retry, then
            give up

A mail as stored: {"from", "to": [...], "subject", "text", "html", "headers": {name: value}}.
"""
import argparse
import email
import email.policy
import json
import os
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

RECEIVED = []
LOCK = threading.Lock()


def decoded(envelope):
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    plain = message.get_body(preferencelist=('plain',))
    html = message.get_body(preferencelist=('html',))
    return {
        'from': envelope.mail_from,
        'to': list(envelope.rcpt_tos),
        'subject': str(message['subject'] or ''),
        'text': plain.get_content().replace('\r\n', '\n') if plain else '',
        'html': html.get_content().replace('\r\n', '\n') if html else '',
        'headers': {name: str(value) for name, value in message.items()},
    }


class Sink:
    def __init__(self, folder, refuse):
        self.folder = folder
        self.refuse = refuse

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return '550 5.7.1 Destinataire refuse par le serveur de test'
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        mail = decoded(envelope)
        with LOCK:
            RECEIVED.append(mail)
            number = len(RECEIVED)
        if self.folder:
            path = os.path.join(self.folder, f'{number:05d}.json')
            with open(path + '.part', 'w', encoding='utf-8') as out:
                json.dump(mail, out, ensure_ascii=False)
            os.replace(path + '.part', path)
        return '250 Message accepted'


class Messages(BaseHTTPRequestHandler):
    def do_GET(self):
        with LOCK:
            body = json.dumps(RECEIVED, ensure_ascii=False).encode('utf-8')
        self.send_response(200)
        self.send_header('Content-Type', 'application/json; charset=utf-8')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_DELETE(self):
        with LOCK:
            RECEIVED.clear()
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--dir')
    parser.add_argument('--http-port', type=int)
    parser.add_argument('--refuse', action='store_true')
    args = parser.parse_args()
    if args.dir:
        os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Sink(args.dir, args.refuse), hostname='127.0.0.1', port=args.port)
    controller.start()
    if args.http_port:
        http = ThreadingHTTPServer(('127.0.0.1', args.http_port), Messages)
        threading.Thread(target=http.serve_forever, daemon=True).start()
    print(f'smtp-sink listening on 127.0.0.1:{args.port}', flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == '__main__':
    main()
