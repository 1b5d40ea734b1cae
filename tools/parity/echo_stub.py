#!/usr/bin/env python3
"""Downstream echo stub for the parity runner: one thread-per-connection HTTP/1.1 server per port on 127.0.0.1.

Every request is answered with JSON describing what arrived (instance index, method, path, raw target, query, headers in
arrival order, body), so the runner can compare the downstream requests two gateways make. A few paths change the answer:
  .../status/NNN     answer with status NNN (the echo still in the body)
  .../delay/MS       wait MS milliseconds first
  ?_h=Name:Value     answer with that response header (repeatable; URL-encoded)
  Upgrade: websocket accepted on any path without /status/: text frames are echoed back prefixed with "echo:"
Usage: echo_stub.py PORT [PORT...]   (the index of a port in the list is its instance number)
"""
import base64
import hashlib
import json
import re
import socketserver
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class EchoHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    instance = 0
    counter = None

    def log_message(self, *args):
        pass

    def _body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _handle(self):
        body = self._body()
        split = urllib.parse.urlsplit(self.path)
        path = split.path
        if self.headers.get("Upgrade", "").lower() == "websocket" and "/status/" not in path:
            return self._websocket()
        with self.counter["lock"]:
            self.counter["n"] += 1
            sequence = self.counter["n"]
        status = 200
        extra = []
        m = re.search(r"/status/(\d{3})", path)
        if m:
            status = int(m.group(1))
        m = re.search(r"/delay/(\d+)", path)
        if m:
            time.sleep(int(m.group(1)) / 1000.0)
        for item in urllib.parse.parse_qs(split.query).get("_h", []):
            name, _, value = item.partition(":")
            extra.append((name, value))
        echo = {
            "instance": self.instance,
            "sequence": sequence,
            "method": self.command,
            "path": urllib.parse.unquote(path),
            "rawTarget": self.path,
            "query": split.query,
            "headers": [[k, v] for k, v in self.headers.items()],
            "body": body.decode("utf-8", "replace"),
        }
        payload = json.dumps(echo).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Echo-Instance", str(self.instance))
        for name, value in extra:
            self.send_header(name, value)
        if self.command == "HEAD" or status in (204, 304):
            self.send_header("Content-Length", "0" if status != 304 else str(len(payload)))
            self.end_headers()
            return
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _websocket(self):
        key = self.headers.get("Sec-WebSocket-Key", "")
        accept = base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept)
        self.end_headers()
        self.wfile.flush()
        while True:
            frame = read_frame(self.rfile)
            if frame is None or frame[0] == 0x8:
                write_frame(self.wfile, 0x8, b"", mask=False)
                break
            opcode, data = frame
            if opcode == 0x1:
                write_frame(self.wfile, 0x1, b"echo:" + data, mask=False)
        self.close_connection = True

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _handle


def read_frame(stream):
    head = stream.read(2)
    if len(head) < 2:
        return None
    opcode = head[0] & 0x0F
    masked = head[1] & 0x80
    length = head[1] & 0x7F
    if length == 126:
        length = struct.unpack(">H", stream.read(2))[0]
    elif length == 127:
        length = struct.unpack(">Q", stream.read(8))[0]
    mask = stream.read(4) if masked else b"\0\0\0\0"
    data = bytes(b ^ mask[i % 4] for i, b in enumerate(stream.read(length)))
    return opcode, data


def write_frame(stream, opcode, data, mask):
    header = bytearray([0x80 | opcode])
    bit = 0x80 if mask else 0
    if len(data) < 126:
        header.append(bit | len(data))
    elif len(data) < 65536:
        header.append(bit | 126)
        header += struct.pack(">H", len(data))
    else:
        header.append(bit | 127)
        header += struct.pack(">Q", len(data))
    if mask:
        key = b"\x01\x02\x03\x04"
        header += key
        data = bytes(b ^ key[i % 4] for i, b in enumerate(data))
    stream.write(bytes(header) + data)
    stream.flush()


def serve(port, index):
    handler = type("Handler%d" % index, (EchoHandler,), {"instance": index, "counter": {"n": 0, "lock": threading.Lock()}})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    socketserver.TCPServer.allow_reuse_address = True
    ports = [int(p) for p in sys.argv[1:]]
    threads = [threading.Thread(target=serve, args=(p, i), daemon=True) for i, p in enumerate(ports)]
    for t in threads:
        t.start()
    print("ready", flush=True)
    for t in threads:
        t.join()
