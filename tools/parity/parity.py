#!/usr/bin/env python3
"""Side-by-side runner: the same route files and requests against Ocelot 25 and against this gateway.

Each scenario folder under scenarios/ holds route files (ocelot*.json, with {{STUB0}}.. for the echo stubs' ports) and
scenario.json (requests and what to compare). Both gateways get their own fresh echo stubs, so stateful features (caching,
rate limits, load balancing, circuit breakers) are compared request by request. Every difference is either listed in
expected-differences.json, naming the documentation that states it, or it is a failure.

See tools/parity/README.md. Exit code: 0 when nothing failed, 1 otherwise.
"""
import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import parity_http  # noqa: E402
import parity_compare  # noqa: E402
import parity_samples  # noqa: E402


def free_ports(count):
    import socket
    socks = [socket.socket() for _ in range(count)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


class Process:
    """A child process whose output goes to a log file; stopped by its own pid."""

    def __init__(self, name, args, log_path, env=None):
        self.name = name
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=os.path.dirname(log_path))

    def exited(self):
        return self.proc.poll() is not None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    def output(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()


class Gateway:
    """One gateway (Ocelot or ours) with its own echo stubs, started on a copy of the scenario's route folder."""

    def __init__(self, kind, command, work, scenario, settings, environment):
        self.kind = kind
        self.dir = os.path.join(work, kind)
        os.makedirs(self.dir, exist_ok=True)
        stub_count = max(1, scenario.get("stubs", 1))
        ports = free_ports(stub_count + 1)
        self.stub_ports, self.port = ports[:-1], ports[-1]
        self.folder = os.path.join(self.dir, "routes")
        copy_routes(scenario["_folder"], self.folder, self.stub_ports, scenario.get("_extra_files", {}))
        self.stubs = Process("stubs", [sys.executable, os.path.join(HERE, "echo_stub.py")] + [str(p) for p in self.stub_ports],
                             os.path.join(self.dir, "stubs.log"))
        env = dict(os.environ, ASPNETCORE_ENVIRONMENT=environment, DOTNET_ENVIRONMENT=environment, DOTNET_NOLOGO="1")
        args = command(self.port, self.folder) + ["--%s=%s" % (k, v) for k, v in settings.items()]
        self.process = Process(kind, args, os.path.join(self.dir, "gateway.log"), env)

    def wait_ready(self, timeout=60):
        """True once the gateway answers HTTP, False when it exited (a rejected configuration)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.exited():
                return False
            try:
                parity_http.send(self.port, {"method": "GET", "path": "/__parity_ready__"}, timeout=2)
                return True
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("%s did not start within %ss; see %s" % (self.kind, timeout, self.process.log_path))

    def stop(self):
        self.process.stop()
        self.stubs.stop()


def copy_routes(source, target, stub_ports, extra_files):
    os.makedirs(target, exist_ok=True)
    names = [n for n in os.listdir(source) if n.startswith("ocelot") and n.endswith(".json")] if source else []
    contents = {n: open(os.path.join(source, n)).read() for n in names}
    contents.update(extra_files)
    for name, text in contents.items():
        for i, port in enumerate(stub_ports):
            text = text.replace("{{STUB%d}}" % i, str(port))
        with open(os.path.join(target, name), "w") as f:
            f.write(text)


def build(args, work):
    host_out = os.path.join(work, "ocelot-host")
    print("Building the Ocelot host against %s ..." % args.ocelot_bin, flush=True)
    run_quiet(["dotnet", "build", os.path.join(HERE, "OcelotHost", "OcelotHost.csproj"), "-c", "Release", "-nologo", "-v", "quiet",
               "-p:OcelotBin=" + args.ocelot_bin, "-o", host_out])
    print("Building the gateway host ...", flush=True)
    run_quiet(["dotnet", "build", os.path.join(REPO, "gateway", "OcelotGateway.Host", "OcelotGateway.Host.csproj"), "-c", "Release",
               "-nologo", "-v", "quiet"])
    ocelot_dll = os.path.join(host_out, "OcelotParity.OcelotHost.dll")
    gateway_dll = os.path.join(REPO, "gateway", "OcelotGateway.Host", "bin", "Release", "net10.0", "OcelotGateway.Host.dll")
    return ocelot_dll, gateway_dll


def run_quiet(command):
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        print(result.stdout)
        sys.exit("build failed: " + " ".join(command))


def commands(ocelot_dll, gateway_dll):
    def ocelot(port, folder):
        return ["dotnet", ocelot_dll, "--urls", "http://127.0.0.1:%d" % port, "--Parity:RouteFolder=" + folder,
                "--Logging:LogLevel:Default=Warning"]

    def ours(port, folder):
        return ["dotnet", gateway_dll, "--contentRoot", os.path.dirname(gateway_dll), "--urls", "http://127.0.0.1:%d" % port,
                "--Gateway:ConfigFolder=" + folder, "--Gateway:ReloadOnChange=false",
                "--Serilog:MinimumLevel:Default=Warning"]

    return {"ocelot": ocelot, "gateway": ours}


def load_scenarios(names, ocelot_src, ocelot_bin, skipped):
    root = os.path.join(HERE, "scenarios")
    scenarios = []
    for name in sorted(os.listdir(root)):
        if names and name not in names:
            continue
        folder = os.path.join(root, name)
        with open(os.path.join(folder, "scenario.json")) as f:
            scenario = json.load(f)
        scenario["_name"] = name
        scenario["_folder"] = folder
        required = scenario.get("requiresOcelotAssembly")
        if required and not os.path.isfile(os.path.join(ocelot_bin, required)):
            print("skipping %s: the Ocelot build has no %s" % (name, required))
            skipped.append("%s (the Ocelot build has no %s)" % (name, required))
            continue
        if scenario.get("ocelotSamples"):
            if not ocelot_src:
                print("skipping %s: pass --ocelot-src (a checkout of Ocelot 25.0.0) to run Ocelot's sample configurations" % name)
                skipped.append("%s (no Ocelot checkout given)" % name)
                continue
            scenarios.extend(parity_samples.expand(scenario, ocelot_src))
            continue
        scenarios.append(scenario)
    return scenarios


def run_scenario(scenario, cmds, work, args):
    name = scenario["_name"]
    settings = dict(scenario.get("settings", {}))
    environment = scenario.get("environment", "Production")
    cases = scenario.get("cases")
    if cases:  # validation: one configuration per case, compared on accepted vs rejected
        results = []
        for case in cases:
            sub = dict(scenario, _extra_files={"ocelot.json": json.dumps(case["configuration"])})
            sub["_folder"] = None
            outcome = {}
            for kind in ("ocelot", "gateway"):
                gw = Gateway(kind, cmds[kind], os.path.join(work, name, case["name"]), sub, settings, environment)
                try:
                    ready = gw.wait_ready()
                    outcome[kind] = {"accepted": ready, "messages": parity_compare.problem_lines(gw.process.output())}
                finally:
                    gw.stop()
            results.append(parity_compare.compare_validation(case["name"], outcome["ocelot"], outcome["gateway"]))
        return results

    gateways = {kind: Gateway(kind, cmds[kind], os.path.join(work, name), scenario, settings, environment) for kind in cmds}
    try:
        ready = {kind: gw.wait_ready() for kind, gw in gateways.items()}
        if not any(ready.values()):
            raise RuntimeError("neither gateway accepted the route files of scenario %s; see %s and %s"
                               % (name, gateways["ocelot"].process.log_path, gateways["gateway"].process.log_path))
        if not all(ready.values()):
            outcome = {kind: {"accepted": ready[kind], "messages": parity_compare.problem_lines(gw.process.output())}
                       for kind, gw in gateways.items()}
            return [parity_compare.compare_validation("configuration accepted", outcome["ocelot"], outcome["gateway"])]
        results = []
        # Which request first got each downstream answer, per gateway: a cached answer names the request that fetched it.
        first_fetch = {kind: {} for kind in gateways}
        for request in expand_requests(scenario.get("requests", [])):
            request.setdefault("compareSequence", scenario.get("compareSequence", False))
            answers = {}
            for kind, gw in gateways.items():
                answers[kind] = parity_http.send(gw.port, request, stub_ports=gw.stub_ports, gateway_port=gw.port)
                echo = parity_compare.parse_json(answers[kind]["body"])
                if parity_compare.is_echo(echo):
                    answers[kind]["fetchedBy"] = first_fetch[kind].setdefault((echo["instance"], echo["sequence"]), request["name"])
            results.append(parity_compare.compare(request, answers["ocelot"], answers["gateway"]))
        return results
    finally:
        for gw in gateways.values():
            gw.stop()


def write_docs(table, args, skipped, rows):
    path = os.path.join(REPO, "docs", "differences-from-ocelot.md")
    begin, end = "<!-- parity-summary:start -->", "<!-- parity-summary:end -->"
    text = open(path).read()
    head, rest = text.split(begin, 1)
    tail = rest.split(end, 1)[1]
    scope = "all scenarios" if not args.scenarios else "scenarios " + ", ".join(args.scenarios)
    note = ("Last run (%s, %s): requests answered alike, requests whose differences are all documented above, and "
            "failures.\n\n" % (time.strftime("%Y-%m-%d"), scope))
    failed = ["%s: %s" % (name, ", ".join(counts["failed_names"])) for name, counts in rows if counts["failed"]]
    extra = ""
    if failed:
        extra += "\nFailed: %s.\n" % "; ".join(failed)
    if skipped:
        extra += "\nNot run: %s.\n" % "; ".join(skipped)
    with open(path, "w") as f:
        f.write(head + begin + "\n" + note + table + "\n" + extra + end + tail)


def expand_requests(requests):
    for request in requests:
        repeat = request.get("repeat", 1)
        for i in range(repeat):
            item = dict(request)
            if repeat > 1:
                item["name"] = "%s#%d" % (request["name"], i + 1)
            yield item


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ocelot-bin", default=os.environ.get("OCELOT_BIN"),
                        help="folder with a build of Ocelot 25.0 (Ocelot.dll and its dependencies); env OCELOT_BIN")
    parser.add_argument("--ocelot-src", default=os.environ.get("OCELOT_SRC"),
                        help="checkout of Ocelot 25.0.0, for its sample configurations; env OCELOT_SRC")
    parser.add_argument("--summary", help="write the summary table (markdown) to this file")
    parser.add_argument("--write-docs", action="store_true",
                        help="put the summary between the parity-summary markers of docs/differences-from-ocelot.md")
    parser.add_argument("--work", default=os.environ.get("PARITY_WORK"), help="scratch folder (default: a new temporary one)")
    parser.add_argument("scenarios", nargs="*", help="scenario folder names (default: all)")
    args = parser.parse_args()
    if not args.ocelot_bin or not os.path.isfile(os.path.join(args.ocelot_bin, "Ocelot.dll")):
        sys.exit("--ocelot-bin (or OCELOT_BIN) must name a folder holding a build of Ocelot 25.0 (Ocelot.dll); see tools/parity/README.md")
    work = args.work or tempfile.mkdtemp(prefix="ocelot-parity.")
    os.makedirs(work, exist_ok=True)
    expected = parity_compare.load_expected(os.path.join(HERE, "expected-differences.json"), REPO)
    ocelot_dll, gateway_dll = build(args, work)
    cmds = commands(ocelot_dll, gateway_dll)

    rows = []
    skipped = []
    for scenario in load_scenarios(set(args.scenarios), args.ocelot_src, args.ocelot_bin, skipped):
        print("\n=== %s: %s" % (scenario["_name"], scenario.get("description", "")), flush=True)
        results = run_scenario(scenario, cmds, work, args)
        counts = parity_compare.report(scenario["_name"], results, expected)
        rows.append((scenario["_name"], counts))

    ran = [name for name, _ in rows]
    unused = [e for e in expected if not e["_used"] and any(fnmatch.fnmatchcase(name, e["scenario"]) for name in ran)]
    table = parity_compare.summary(rows)
    print("\n" + table)
    for entry in unused:
        print("note: expected difference never seen: %s / %s / %s" % (entry["scenario"], entry["request"], entry["aspect"]))
    if args.summary:
        with open(args.summary, "w") as f:
            f.write(table + "\n")
    if args.write_docs:
        write_docs(table, args, skipped, rows)
    print("work folder (logs, route files): " + work)
    sys.exit(1 if any(c["failed"] for _, c in rows) else 0)


if __name__ == "__main__":
    main()
