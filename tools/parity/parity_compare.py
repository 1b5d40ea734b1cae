"""Comparing two gateways' answers aspect by aspect, and sorting differences into expected (documented) and failed."""
import fnmatch
import json
import os
import re
import sys

# Response headers every server sets its own way; never compared.
IGNORED_RESPONSE = {"date", "server", "transfer-encoding", "content-length", "connection", "keep-alive"}
# Downstream headers that differ per request by design (trace context); compared on presence only.
PRESENCE_ONLY_DOWNSTREAM = {"traceparent", "tracestate"}


def normalize(text, ports):
    if not isinstance(text, str):
        return text
    return re.sub(r"\d{2,5}", lambda m: ports.get(m.group(0), m.group(0)), text)


def header_map(pairs, ports):
    result = {}
    for name, value in pairs:
        key = name.lower()
        value = normalize(value, ports)
        result[key] = value if key not in result else result[key] + ", " + value
    return result


def is_echo(value):
    return isinstance(value, dict) and "rawTarget" in value and "instance" in value and "headers" in value


def parse_json(text):
    try:
        return json.loads(text)
    except ValueError:
        return None


def compare(request, ocelot, gateway):
    volatile = {h.lower() for h in request.get("volatile", [])}
    diffs = []

    def diff(aspect, a, b):
        if a != b:
            diffs.append((aspect, a, b))

    diff("status", ocelot["status"], gateway["status"])
    oh, gh = header_map(ocelot["headers"], ocelot["ports"]), header_map(gateway["headers"], gateway["ports"])
    for name in sorted(set(oh) | set(gh)):
        if name in IGNORED_RESPONSE:
            continue
        if name in volatile:
            diff("header:" + name, name in oh, name in gh)
        else:
            diff("header:" + name, oh.get(name), gh.get(name))

    ob, gb = parse_json(ocelot["body"]), parse_json(gateway["body"])
    compare_bodies("", ob, gb, ocelot, gateway, volatile, diff, request)
    return {"name": request["name"], "request": request, "ocelot": ocelot, "gateway": gateway, "diffs": diffs}


def compare_bodies(prefix, ob, gb, ocelot, gateway, volatile, diff, request):
    if is_echo(ob) and is_echo(gb):
        if request.get("compareSequence") and not prefix:
            diff("downstream.fetched-by", ocelot.get("fetchedBy"), gateway.get("fetchedBy"))
        compare_echo(prefix + "downstream", ob, gb, ocelot["ports"], gateway["ports"], volatile, diff)
        return
    if isinstance(ob, dict) and isinstance(gb, dict) and any(is_echo(v) for v in ob.values()):
        for key in sorted(set(ob) | set(gb)):
            compare_bodies("%s%s." % (prefix, key), ob.get(key), gb.get(key), ocelot, gateway, volatile, diff, request)
        return
    if prefix:
        diff(prefix + "body", normalize(json.dumps(ob), ocelot["ports"]), normalize(json.dumps(gb), gateway["ports"]))
        return
    diff("body", normalize(ocelot["body"], ocelot["ports"]), normalize(gateway["body"], gateway["ports"]))


def compare_echo(prefix, o, g, oports, gports, volatile, diff):
    diff(prefix + ".reached-instance", o["instance"], g["instance"])
    diff(prefix + ".method", o["method"], g["method"])
    diff(prefix + ".target", normalize(o["rawTarget"], oports), normalize(g["rawTarget"], gports))
    diff(prefix + ".body", o["body"], g["body"])
    oh, gh = header_map(o["headers"], oports), header_map(g["headers"], gports)
    for name in sorted(set(oh) | set(gh)):
        if name in PRESENCE_ONLY_DOWNSTREAM or name in volatile:
            diff(prefix + ".header:" + name, name in oh, name in gh)
        else:
            diff(prefix + ".header:" + name, oh.get(name), gh.get(name))


def compare_validation(name, ocelot, gateway):
    diffs = []
    if ocelot["accepted"] != gateway["accepted"]:
        diffs.append(("accepted", ocelot["accepted"], gateway["accepted"]))
    return {"name": name, "request": {"name": name}, "ocelot": ocelot, "gateway": gateway, "diffs": diffs, "validation": True}


def problem_lines(output, limit=6):
    keep = []
    for line in output.splitlines():
        text = line.strip()
        if re.search(r"error|invalid|fail|problem|unable|exception", text, re.IGNORECASE) and not text.startswith("at "):
            keep.append(text[:300])
    return keep[:limit]


def load_expected(path, repo):
    with open(path) as f:
        entries = json.load(f)
    for entry in entries:
        docs = os.path.join(repo, entry["docs"])
        if not os.path.isfile(docs):
            sys.exit("expected-differences.json: %s names %s, which does not exist" % (entry["aspect"], entry["docs"]))
        text = " ".join(open(docs).read().split())
        if " ".join(entry["quote"].split()) not in text:
            sys.exit("expected-differences.json: the quote for %s / %s is not in %s: %r"
                     % (entry["scenario"], entry["aspect"], entry["docs"], entry["quote"]))
        entry["_used"] = False
    return entries


def expectation(expected, scenario, result, aspect):
    base = result["name"].split("#")[0]
    both_error = not result.get("validation") and result["ocelot"]["status"] >= 400 and result["gateway"]["status"] >= 400
    for entry in expected:
        if entry.get("when") == "both-error" and not both_error:
            continue
        if fnmatch.fnmatchcase(scenario, entry["scenario"]) and fnmatch.fnmatchcase(base, entry["request"]) \
                and fnmatch.fnmatchcase(aspect, entry["aspect"]):
            entry["_used"] = True
            return entry
    return None


def report(scenario, results, expected):
    counts = {"requests": len(results), "matched": 0, "expected": 0, "failed": 0, "failed_names": []}
    for result in results:
        unexpected = []
        documented = []
        for aspect, a, b in result["diffs"]:
            entry = expectation(expected, scenario, result, aspect)
            (documented if entry else unexpected).append((aspect, a, b, entry))
        if unexpected:
            counts["failed"] += 1
            counts["failed_names"].append(result["name"])
            print("  FAIL  %s" % result["name"])
            for aspect, a, b, _ in unexpected:
                print("        %s\n          ocelot : %s\n          gateway: %s" % (aspect, short(a), short(b)))
            describe(result)
        elif documented:
            counts["expected"] += 1
            print("  diff  %s (documented: %s)" % (result["name"], ", ".join(sorted({d[0] for d in documented}))))
        else:
            counts["matched"] += 1
            print("  same  %s" % result["name"])
    return counts


def describe(result):
    if result.get("validation"):
        for kind in ("ocelot", "gateway"):
            side = result[kind]
            print("        %s %s: %s" % (kind, "accepted" if side["accepted"] else "rejected", " | ".join(side["messages"]) or "-"))
        return
    request = result["request"]
    print("        request: %s %s %s" % (request.get("method", "GET"), request["path"], json.dumps(request.get("headers", {}))))
    for kind in ("ocelot", "gateway"):
        side = result[kind]
        ports = side["ports"]
        headers = "; ".join("%s: %s" % (n, normalize(v, ports)) for n, v in side["headers"] if n.lower() not in ("date", "server"))
        print("        %-7s %s  %s" % (kind, side["status"], headers))
        body = parse_json(side["body"])
        if is_echo(body):
            down = "; ".join("%s: %s" % (n, normalize(v, ports)) for n, v in body["headers"])
            print("                downstream #%s: %s %s  %s  body=%s" % (body["instance"], body["method"],
                                                                       normalize(body["rawTarget"], ports), down, short(body["body"])))
        else:
            print("                body: %s" % short(normalize(side["body"], ports)))


def short(value, limit=400):
    text = value if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= limit else text[:limit] + "..."


def summary(rows):
    lines = ["| Scenario | Requests | Matched | Expected (documented) | Failed |", "|---|---:|---:|---:|---:|"]
    total = {"requests": 0, "matched": 0, "expected": 0, "failed": 0}
    for name, counts in rows:
        lines.append("| %s | %d | %d | %d | %d |" % (name, counts["requests"], counts["matched"], counts["expected"], counts["failed"]))
        for key in total:
            total[key] += counts[key]
    lines.append("| **All** | **%d** | **%d** | **%d** | **%d** |" % (total["requests"], total["matched"], total["expected"], total["failed"]))
    return "\n".join(lines)
