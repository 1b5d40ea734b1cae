"""Ocelot's own sample configurations (read from a checkout of Ocelot, never copied here) as parity scenarios.

Every downstream host of a sample is pointed at an echo stub over plain http/ws (the samples name public hosts), and one
request is made per route: its upstream template with each placeholder filled in.
"""
import json
import os
import re


def expand(scenario, ocelot_src):
    scenarios = []
    for sample in scenario["ocelotSamples"]:
        folder = os.path.join(ocelot_src, sample["folder"])
        files = {}
        for name in sorted(os.listdir(folder)):
            if re.match(r"^ocelot(\..+)?\.json$", name, re.IGNORECASE):
                with open(os.path.join(folder, name), encoding="utf-8-sig") as f:
                    files[name] = rewrite(json.loads(strip_jsonc(f.read())))
        routes = [r for document in files.values() for r in document.get("Routes", [])]
        scenarios.append({
            "_name": "%s/%s" % (scenario["_name"], sample["name"]),
            "_folder": None,
            "_extra_files": {name: json.dumps(document, indent=2) for name, document in files.items()},
            "description": "Ocelot's %s with downstream hosts pointed at the echo stub" % sample["folder"],
            "stubs": 1,
            "settings": scenario.get("settings", {}),
            "requests": [request_for(route, i) for i, route in enumerate(routes)],
        })
    return scenarios


def rewrite(document):
    for route in document.get("Routes", []):
        route["DownstreamHostAndPorts"] = [{"Host": "127.0.0.1", "Port": "{{STUB0}}"}]
        scheme = (route.get("DownstreamScheme") or "http").lower()
        route["DownstreamScheme"] = "ws" if scheme in ("ws", "wss") else "http"
    return document


def request_for(route, index):
    template = route["UpstreamPathTemplate"]
    path = re.sub(r"\{[^}]+\}", "1", template)
    methods = route.get("UpstreamHttpMethod") or ["Get"]
    method = "GET" if any(m.upper() == "GET" for m in methods) else methods[0].upper()
    request = {"name": "Routes[%d] %s %s" % (index, method, template), "method": method, "path": path}
    if route["DownstreamScheme"] == "ws":
        request = {"name": "Routes[%d] websocket %s" % (index, template), "path": path, "websocket": ["hello"]}
    return request


def strip_jsonc(text):
    """Removes // and /* */ comments outside strings and trailing commas, as the configuration binder accepts them."""
    out, i, in_string = [], 0, False
    while i < len(text):
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith("//", i):
            i = text.find("\n", i)
            i = len(text) if i < 0 else i
            continue
        elif text.startswith("/*", i):
            i = text.find("*/", i) + 2
            continue
        else:
            out.append(c)
        i += 1
    return re.sub(r",(\s*[}\]])", r"\1", "".join(out))
