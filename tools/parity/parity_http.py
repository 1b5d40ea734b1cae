"""Sending one scenario request to a gateway exactly as written (raw target, headers, body), HTTP or WebSocket."""
import base64
import hashlib
import hmac
import http.client
import json
import socket
import time

from echo_stub import read_frame, write_frame

# Test-only key for the JWTs the scenarios send; scenarios declare the same key to both gateways (see scenarios/auth).
JWT_KEY = b"parity-only-signing-key-with-enough-bytes!"
JWT_ISSUER = "https://issuer.parity"
JWT_AUDIENCE = "gateway"


def mint(claims, issuer=JWT_ISSUER, lifetime=300):
    def b64(data):
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    now = int(time.time())
    payload = {"iss": issuer, "aud": JWT_AUDIENCE, "nbf": now - 60, "iat": now - 60, "exp": now + lifetime}
    payload.update(claims)
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64(json.dumps(payload).encode())
    signature = hmac.new(JWT_KEY, ("%s.%s" % (head, body)).encode(), hashlib.sha256).digest()
    return "%s.%s.%s" % (head, body, b64(signature))


def request_headers(request):
    headers = list((request.get("headers") or {}).items())
    token = request.get("token")
    if token is not None:
        jwt = mint(token.get("claims", {}), token.get("issuer", JWT_ISSUER), token.get("lifetime", 300))
        headers.append(("Authorization", "Bearer " + jwt))
    return headers


def send(port, request, stub_ports=(), gateway_port=None, timeout=30):
    if request.get("websocket") is not None:
        return websocket(port, request, stub_ports, gateway_port, timeout)
    if request.get("delayBeforeMs"):
        time.sleep(request["delayBeforeMs"] / 1000.0)
    body = request.get("body")
    if body is not None and not isinstance(body, str):
        body = json.dumps(body)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest(request.get("method", "GET"), request["path"], skip_accept_encoding=True)
        for name, value in request_headers(request):
            conn.putheader(name, value)
        data = body.encode() if body is not None else None
        if data is not None:
            conn.putheader("Content-Length", str(len(data)))
        conn.endheaders(data)
        response = conn.getresponse()
        payload = response.read()
        return answer(response.status, response.getheaders(), payload, stub_ports, gateway_port)
    finally:
        conn.close()


def websocket(port, request, stub_ports, gateway_port, timeout):
    key = "cGFyaXR5LWhhbmRzaGFrZQ=="  # fixed, so both gateways' Sec-WebSocket-Accept can be compared
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        lines = ["GET %s HTTP/1.1" % request["path"], "Host: 127.0.0.1:%d" % port, "Upgrade: websocket", "Connection: Upgrade",
                 "Sec-WebSocket-Key: " + key, "Sec-WebSocket-Version: 13"]
        lines += ["%s: %s" % (n, v) for n, v in request_headers(request)]
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        stream = sock.makefile("rwb")
        status_line = stream.readline().decode()
        status = int(status_line.split()[1])
        headers = []
        while True:
            line = stream.readline().decode().rstrip("\r\n")
            if not line:
                break
            name, _, value = line.partition(":")
            headers.append((name.strip(), value.strip()))
        received = []
        if status == 101:
            for message in request["websocket"]:
                write_frame(stream, 0x1, message.encode(), mask=True)
                frame = read_frame(stream)
                received.append(frame[1].decode() if frame else None)
            write_frame(stream, 0x8, b"", mask=True)
            return answer(status, headers, json.dumps({"websocket": received}).encode(), stub_ports, gateway_port)
        length = int(dict((n.lower(), v) for n, v in headers).get("content-length", "0") or 0)
        return answer(status, headers, stream.read(length) if length else b"", stub_ports, gateway_port)
    finally:
        sock.close()


def answer(status, headers, payload, stub_ports, gateway_port):
    ports = {str(p): "{{STUB%d}}" % i for i, p in enumerate(stub_ports)}
    if gateway_port:
        ports[str(gateway_port)] = "{{GATEWAY}}"
    return {"status": status, "headers": list(headers), "body": payload.decode("utf-8", "replace"), "ports": ports}
