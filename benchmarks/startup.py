#!/usr/bin/env python3
"""How fast a new gateway replica is useful, and how much memory it holds, for publish and runtime variants.

For each variant: the time from process start to the first 200 on the simple route (median of several starts), then one
cold start under load: requests per second and CPU per request in consecutive windows over the first minute (the JIT
warm-up curve), then 256 connections on the 50 ms route, with the largest resident set seen under load. Everything runs on
127.0.0.1 with the same pinning as run.sh (proxy and upstream on CPU 0, wrk on CPU 1). Not a test: CI does not run it.

usage: benchmarks/startup.py [--variants jit,r2r,...] [--starts 5] [--seconds 60] [--window 5] [--proxy-cpus 0] [--write FILE]

Variants are publish kinds (jit: plain publish; r2r: framework-dependent ReadyToRun; composite: the container image's build,
self-contained with one ReadyToRun composite image of framework and gateway; aot: the native build, one executable without
a JIT; aot-speed: the same compiled for speed over size) optionally
followed by '+' and runtime settings, e.g. "r2r+DOTNET_TieredPGO=0" or "r2r+DOTNET_gcServer=0+DOTNET_GCgen0size=0x400000".
With OCELOT_HOST_DLL set (see run.sh), Ocelot 25 runs as one more variant; "bare" is bare YARP (benchmarks/BareYarp, JIT). Every variant is published before the first
measurement, so no build shares the cores with one. --proxy-cpus "0,1" lets the proxy see both cores (the runtime then picks
Server GC unless the variant says otherwise; wrk still runs on CPU 1).
"""
import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(REPO, "benchmarks")
HOST = os.path.join(REPO, "gateway", "OcelotGateway.Host", "OcelotGateway.Host.csproj")
# With a runtime given, the host project compiles ReadyToRun, and composite when self-contained (its .csproj).
PUBLISH = {
    "jit": [],
    "r2r": ["-r", "linux-x64", "--self-contained", "false"],
    "composite": ["--use-current-runtime", "--self-contained"],  # as deploy/docker/gateway.Dockerfile publishes it
    # One native executable, no JIT (the Dockerfile's NATIVE=true); needs clang and zlib1g-dev.
    "aot": ["-r", "linux-x64", "-p:PublishAot=true"],
    "aot-speed": ["-r", "linux-x64", "-p:PublishAot=true", "-p:OptimizationPreference=Speed"],
}
NATIVE = ("composite", "aot", "aot-speed")  # started through their own executable

p = argparse.ArgumentParser()
p.add_argument("--variants", default="jit,r2r,composite,composite+DOTNET_TC_CallCountingDelayMs=0,composite+DOTNET_TieredPGO=0")
p.add_argument("--starts", type=int, default=5)
p.add_argument("--seconds", type=int, default=60)
p.add_argument("--window", type=int, default=5)
p.add_argument("--connections", type=int, default=64)
p.add_argument("--slow-seconds", type=int, default=10)
p.add_argument("--proxy-cpus", default="0")
p.add_argument("--publish-dir", default="", help="keep published variants here and reuse them in later runs (same commit only)")
p.add_argument("--write", default="")
args = p.parse_args()

work = tempfile.mkdtemp(prefix="ocelot-startup-")
procs = []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, **kw):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kw)


def start(cmd, env=None, cpus="0"):
    proc = subprocess.Popen(["taskset", "-c", cpus, *cmd], env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs.append(proc)
    return proc


def stop(proc):
    proc.kill()
    proc.wait()
    procs.remove(proc)


def first_200(url, proc, deadline=60.0):
    """Seconds from now until url answers 200, polled every 5 ms."""
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.005)
    raise RuntimeError(f"{url} did not answer 200 within {deadline} s")


def ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024


def wrk(url, seconds, connections, pid):
    """(requests/s, CPU µs per request, largest RSS MB) of one wrk run against a process."""
    before = ticks(pid)
    w = subprocess.Popen(["taskset", "-c", "1", "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-H", "Oc-Client: bench", url],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0.0
    while w.poll() is None:
        peak = max(peak, rss_mb(pid))
        time.sleep(0.25)
    out = w.stdout.read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    count = int(re.search(r"(\d+) requests in", out).group(1))
    cpu = (ticks(pid) - before) * 1e6 / os.sysconf("SC_CLK_TCK") / max(count, 1)
    return rps, cpu, max(peak, rss_mb(pid))


def publish(kind):
    out = os.path.join(args.publish_dir or work, "publish-" + kind)
    if not os.path.isdir(out):
        print(f"Publishing {kind} ...", flush=True)
        # A self-contained app starts through its own executable, a framework-dependent one through dotnet.
        apphost = "true" if kind in NATIVE else "false"
        # The SDK reuses ReadyToRun output under obj/ across publishes for the same runtime, even between a composite and
        # a plain one, which then crashes at start: each publish for a runtime starts from clean intermediate files.
        for project in ("OcelotGateway.Host", "OcelotGateway"):
            shutil.rmtree(os.path.join(REPO, "gateway", project, "obj", "Release", "net10.0", "linux-x64"), ignore_errors=True)
        run(["dotnet", "publish", HOST, "-c", "Release", "-nologo", "-v", "quiet", f"-p:UseAppHost={apphost}", "-o", out, *PUBLISH[kind]])
    return os.path.join(out, "OcelotGateway.Host.dll")


def loaded_assemblies(pid):
    with open(f"/proc/{pid}/maps") as f:
        return len({line.split()[-1] for line in f if line.rstrip().endswith(".dll")})


try:
    for tool in ("wrk", "taskset"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: benchmarks/run.sh installs it")
    run(["dotnet", "build", os.path.join(BENCH, "Upstream", "Upstream.csproj"), "-c", "Release", "-nologo", "-v", "quiet"])
    up_port = free_port()
    upstream = start(["dotnet", os.path.join(BENCH, "Upstream", "bin", "Release", "net10.0", "OcelotGateway.Benchmarks.Upstream.dll"),
                      "--urls", f"http://127.0.0.1:{up_port}"], {"ASPNETCORE_ENVIRONMENT": "Production"})
    routes = os.path.join(work, "routes")
    run(["python3", os.path.join(BENCH, "routes.py"), routes, os.path.join(work, "routes-many"), str(up_port)])
    first_200(f"http://127.0.0.1:{up_port}/json", upstream)

    variants = [v for v in args.variants.split(",") if v]
    if "bare" in variants:
        run(["dotnet", "build", os.path.join(BENCH, "BareYarp", "BareYarp.csproj"), "-c", "Release", "-nologo", "-v", "quiet"])
    ocelot = os.environ.get("OCELOT_HOST_DLL", "")
    if ocelot:
        variants.append("Ocelot 25")
    for kind in dict.fromkeys(v.split("+")[0] for v in variants if v not in ("Ocelot 25", "bare")):
        publish(kind)
    load_before = open("/proc/loadavg").read().split()[:3]
    results = []
    for variant in variants:
        if variant == "Ocelot 25":
            kind, env = "ocelot", {}
        elif variant == "bare":
            kind, env = "bare", {}
        else:
            kind, *settings = variant.split("+")
            env = dict(s.split("=", 1) for s in settings)
            dll = publish(kind)
        env = {**env, "ASPNETCORE_ENVIRONMENT": "Production", "DOTNET_ENVIRONMENT": "Production"}

        def launch(port):
            if kind == "bare":
                cmd = ["dotnet", os.path.join(BENCH, "BareYarp", "bin", "Release", "net10.0", "OcelotGateway.Benchmarks.BareYarp.dll"),
                       "--urls", f"http://127.0.0.1:{port}", "--upstream", f"http://127.0.0.1:{up_port}"]
            elif kind == "ocelot":
                cmd = ["dotnet", ocelot, "--urls", f"http://127.0.0.1:{port}", f"--Parity:RouteFolder={routes}",
                       "--Logging:LogLevel:Default=Warning"]
            else:
                entry = [dll[:-len(".dll")]] if kind in NATIVE else ["dotnet", dll]
                cmd = [*entry, "--contentRoot", os.path.dirname(dll), "--urls", f"http://127.0.0.1:{port}",
                       f"--Gateway:ConfigFolder={routes}", "--Gateway:ReloadOnChange=false",
                       "--Serilog:MinimumLevel:Default=Warning", "--Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime=Warning"]
            return start(cmd, env, args.proxy_cpus)

        json_path, slow_path = "/api/json", "/api/slow"  # bare YARP maps /api/{**rest} as the gateways' route folder does
        print(f"{variant}: {args.starts} starts ...", flush=True)
        starts = []
        for _ in range(args.starts):
            port = free_port()
            started = time.monotonic()
            proc = launch(port)
            starts.append(time.monotonic() - started + first_200(f"http://127.0.0.1:{port}{json_path}", proc))
            stop(proc)

        print(f"{variant}: {args.seconds} s under load from a cold start ...", flush=True)
        port = free_port()
        proc = launch(port)
        first_200(f"http://127.0.0.1:{port}{json_path}", proc)
        time.sleep(1)
        idle = rss_mb(proc.pid)  # after one request, before any load
        curve = [wrk(f"http://127.0.0.1:{port}{json_path}", args.window, args.connections, proc.pid)
                 for _ in range(args.seconds // args.window)]
        slow = wrk(f"http://127.0.0.1:{port}{slow_path}", args.slow_seconds, 256, proc.pid)
        assemblies = loaded_assemblies(proc.pid)
        stop(proc)
        results.append({"variant": variant, "first200_ms": 1000 * statistics.median(starts),
                        "first200_all": [round(1000 * s) for s in starts], "curve": curve, "slow": slow, "assemblies": assemblies, "idle_rss": idle})
        print(json.dumps(results[-1]), flush=True)  # so a later variant's failure loses nothing measured

    load_after = open("/proc/loadavg").read().split()[:3]
    windows = args.seconds // args.window
    shown = sorted({i for i in (0, 1, 2, 5, windows - 1) if i < windows})
    head = ["variant", "first 200 ms (median)"] + [f"req/s {i * args.window}–{(i + 1) * args.window} s" for i in shown] \
        + ["CPU µs/req, last window", "reaches 90 % of last window after", "RSS MB under load (64 / 256 conn.)", "RSS MB idle", "assemblies mapped"]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with benchmarks/startup.py: {args.starts} starts per variant, "
        f"then {windows} windows of {args.window} s at {args.connections} connections from a cold start, then {args.slow_seconds} s at 256 "
        f"connections on the 50 ms route; proxy on CPU {args.proxy_cpus}, wrk on CPU 1. "
        f"Load average before and after: {' '.join(load_before)} → {' '.join(load_after)}.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for r in results:
        rps = [c[0] for c in r["curve"]]
        target = 0.9 * rps[-1]
        reach = next((i for i, v in enumerate(rps) if v >= target), len(rps) - 1)
        curve_rss = max(c[2] for c in r["curve"])
        cells = [r["variant"], f"{r['first200_ms']:.0f} ({', '.join(map(str, r['first200_all']))})"] \
            + [f"{rps[i]:,.0f}" for i in shown] \
            + [f"{r['curve'][-1][1]:.1f}", f"{reach * args.window}–{(reach + 1) * args.window} s",
               f"{curve_rss:.0f} / {r['slow'][2]:.0f}", f"{r['idle_rss']:.0f}", str(r["assemblies"])]
        lines.append("| " + " | ".join(cells) + " |")
    text = "\n".join(lines)
    print("\n" + text)
    with open(os.path.join(work, "..", "ocelot-startup-last.json"), "w") as f:
        json.dump(results, f)
    if args.write:
        with open(args.write, "a", encoding="utf-8") as f:
            f.write(text + "\n\n")
finally:
    for proc in list(procs):
        proc.kill()
    shutil.rmtree(work, ignore_errors=True)
