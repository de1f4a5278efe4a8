#!/usr/bin/env python3
"""Publishes one import to RabbitMQ's database_import queue and prints its result from database_import_result.

    scripts/publish-import.py --account 1 --db 1 --feedback-id crm-42 email=ann@example.com _fname=Ann age:=31

name=value puts a string in the message's "data", name:=json any JSON value. The broker is
QuickImport__RabbitMq__Uri, else the one scripts/rabbitmq.sh starts (amqp://guest:guest@127.0.0.1:55672/).
The message is persistent and confirmed by the broker before the script waits (--wait seconds, 0 = not
at all) for the next result on database_import_result, which it takes off the queue: on a queue that
others read too it may be theirs; match it by feedback_id.

Python's standard library only: a minimal AMQP 0-9-1 client (PLAIN login, one channel, publisher
confirms, basic.get), so nothing needs installing.
"""
import argparse
import json
import os
import socket
import struct
import sys
import time
import urllib.parse

IMPORT_QUEUE = "database_import"
RESULT_QUEUE = "database_import_result"
FRAME_METHOD, FRAME_HEADER, FRAME_BODY, FRAME_HEARTBEAT = 1, 2, 3, 8
FRAME_END = b"\xce"


def shortstr(text):
    data = text.encode()
    return struct.pack("B", len(data)) + data


def longstr(data):
    return struct.pack(">I", len(data)) + data


class Amqp:
    def __init__(self, uri):
        parts = urllib.parse.urlparse(uri)
        if parts.scheme != "amqp":
            sys.exit(f"publish-import.py: only amqp:// URIs are supported, got {uri}")
        self.sock = socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5672), timeout=30)
        self.buffer = b""
        user = urllib.parse.unquote(parts.username or "guest")
        password = urllib.parse.unquote(parts.password or "guest")
        vhost = urllib.parse.unquote(parts.path[1:]) if len(parts.path) > 1 else "/"

        self.sock.sendall(b"AMQP\x00\x00\x09\x01")
        self.expect(0, 10, 10)  # connection.start
        self.method(0, 10, 11, struct.pack(">I", 0) + shortstr("PLAIN")
                    + longstr(f"\0{user}\0{password}".encode()) + shortstr("en_US"))
        _, tune = self.expect(0, 10, 30)  # connection.tune
        channel_max, frame_max, _ = struct.unpack(">HIH", tune[:8])
        self.frame_max = frame_max or 131072
        self.method(0, 10, 31, struct.pack(">HIH", channel_max, self.frame_max, 0))  # no heartbeats
        self.method(0, 10, 40, shortstr(vhost) + shortstr("") + b"\x00")
        self.expect(0, 10, 41)
        self.method(1, 20, 10, shortstr(""))
        self.expect(1, 20, 11)
        self.method(1, 85, 10, b"\x00")  # confirm.select
        self.expect(1, 85, 11)

    def frame(self, kind, channel, payload):
        self.sock.sendall(struct.pack(">BHI", kind, channel, len(payload)) + payload + FRAME_END)

    def method(self, channel, class_id, method_id, arguments=b""):
        self.frame(FRAME_METHOD, channel, struct.pack(">HH", class_id, method_id) + arguments)

    def read(self, size):
        while len(self.buffer) < size:
            chunk = self.sock.recv(65536)
            if not chunk:
                sys.exit("publish-import.py: the broker closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def next_frame(self):
        while True:
            kind, channel, size = struct.unpack(">BHI", self.read(7))
            payload = self.read(size)
            self.read(1)
            if kind != FRAME_HEARTBEAT:
                return kind, channel, payload

    def next_method(self):
        kind, channel, payload = self.next_frame()
        if kind != FRAME_METHOD:
            sys.exit(f"publish-import.py: unexpected frame type {kind}")
        class_id, method_id = struct.unpack(">HH", payload[:4])
        if (class_id, method_id) in ((10, 50), (20, 40)):  # connection.close, channel.close
            code, = struct.unpack(">H", payload[4:6])
            text = payload[7:7 + payload[6]].decode()
            sys.exit(f"publish-import.py: the broker refused: {code} {text}")
        return (class_id, method_id), payload[4:]

    def expect(self, channel, class_id, method_id):
        got, arguments = self.next_method()
        if got != (class_id, method_id):
            sys.exit(f"publish-import.py: expected method {class_id}.{method_id}, got {got[0]}.{got[1]}")
        return got, arguments

    def declare(self, queue):
        # Durable, as the service declares it: a message published before the service starts waits for it.
        self.method(1, 50, 10, struct.pack(">H", 0) + shortstr(queue) + b"\x02" + struct.pack(">I", 0))
        self.expect(1, 50, 11)

    def publish(self, queue, body):
        self.method(1, 60, 40, struct.pack(">H", 0) + shortstr("") + shortstr(queue) + b"\x01")  # mandatory
        # content-type and delivery-mode 2 (persistent)
        self.frame(FRAME_HEADER, 1, struct.pack(">HHQH", 60, 0, len(body), 0x9000)
                   + shortstr("application/json") + b"\x02")
        for start in range(0, len(body), self.frame_max - 8):
            self.frame(FRAME_BODY, 1, body[start:start + self.frame_max - 8])
        while True:
            got, _ = self.next_method()
            if got == (60, 50):  # basic.return: no such queue
                self.next_frame()
                sys.exit(f"publish-import.py: the broker has no queue {queue}")
            if got == (60, 80):  # basic.ack
                return
            if got == (60, 120):  # basic.nack
                sys.exit("publish-import.py: the broker refused the message (nack)")

    def get(self, queue):
        self.method(1, 60, 70, struct.pack(">H", 0) + shortstr(queue) + b"\x01")  # no-ack
        got, _ = self.next_method()
        if got == (60, 72):  # get-empty
            return None
        _, _, header = self.next_frame()
        size, = struct.unpack(">Q", header[4:12])
        body = b""
        while len(body) < size:
            body += self.next_frame()[2]
        return body

    def close(self):
        self.method(0, 10, 50, struct.pack(">H", 200) + shortstr("bye") + struct.pack(">HH", 0, 0))
        self.sock.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--uri", default=os.environ.get("QuickImport__RabbitMq__Uri") or "amqp://guest:guest@127.0.0.1:55672/")
    parser.add_argument("--account", type=int, required=True, help="account_id")
    parser.add_argument("--db", type=int, required=True, help="db_id")
    parser.add_argument("--matching", default="email")
    parser.add_argument("--field-name")
    parser.add_argument("--resource-id", type=int)
    parser.add_argument("--skip-triggers", action="store_true")
    parser.add_argument("--update-only", action="store_true")
    parser.add_argument("--feedback-id")
    parser.add_argument("--wait", type=float, default=10, help="seconds to wait for a result (0: do not)")
    parser.add_argument("fields", nargs="+", metavar="name=value|name:=json")
    args = parser.parse_args()

    data = {}
    for field in args.fields:
        if ":=" in field:
            name, value = field.split(":=", 1)
            data[name] = json.loads(value)
        elif "=" in field:
            name, value = field.split("=", 1)
            data[name] = value
        else:
            parser.error(f"'{field}' is neither name=value nor name:=json")

    message = {"account_id": args.account, "db_id": args.db, "data": data, "matching": args.matching,
               "skip_triggers": args.skip_triggers, "update_only": args.update_only}
    for name, value in (("field_name", args.field_name), ("resource_id", args.resource_id), ("feedback_id", args.feedback_id)):
        if value is not None:
            message[name] = value

    amqp = Amqp(args.uri)
    amqp.declare(IMPORT_QUEUE)
    amqp.declare(RESULT_QUEUE)
    amqp.publish(IMPORT_QUEUE, json.dumps(message).encode())
    print(f"published to {IMPORT_QUEUE}: {json.dumps(message)}")

    deadline = time.monotonic() + args.wait
    while args.wait > 0:
        result = amqp.get(RESULT_QUEUE)
        if result is not None:
            print(f"result from {RESULT_QUEUE}: {result.decode()}")
            break
        if time.monotonic() > deadline:
            print(f"no result on {RESULT_QUEUE} within {args.wait:g} s (is the service running with QuickImport__RabbitMq__Uri?)")
            amqp.close()
            return 1
        time.sleep(0.1)
    amqp.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
