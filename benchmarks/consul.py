#!/usr/bin/env python3
"""Measures the Consul figures of docs/consul.md against a real `consul agent -dev` on loopback (ports chosen here, own
data dir): failover time and failed requests versus the check interval, configuration (KV) propagation to two gateway
replicas, and the time to heal after Consul loses its state. Processes run as in production: the Release build of the
gateway host and of the Stock sample, each a process of its own.

    dotnet build OcelotGateway.sln -c Release && python3 benchmarks/consul.py [--quick]

The consul binary comes from CONSUL_BINARY, the PATH, or tests/tools/get-consul.sh (Debian bullseye's package, 1.8.7).
A measurement, not a test: it prints a table and asserts nothing."""
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = "bin/Release/net10.0"
GATEWAY = os.path.join(ROOT, "gateway/OcelotGateway.Host", BIN, "OcelotGateway.Host.dll")
STOCK = os.path.join(ROOT, "services/Stock.Api", BIN, "Stock.Api.dll")
QUICK = "--quick" in sys.argv
PAUSE = 0.01  # between two requests of the load loop: about 80 requests/s on one connection
processes = []


def consul_binary():
    found = os.environ.get("CONSUL_BINARY") or shutil.which("consul")
    if found:
        return found
    return subprocess.run(["bash", os.path.join(ROOT, "tests/tools/get-consul.sh")], check=True, capture_output=True, text=True).stdout.strip()


def free_ports(count):
    held, ports = [], []
    while len(ports) < count:
        tcp = socket.socket()
        tcp.bind(("127.0.0.1", 0))
        port = tcp.getsockname()[1]
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            udp.bind(("127.0.0.1", port))
        except OSError:
            tcp.close()
            udp.close()
            continue
        held += [tcp, udp]
        ports.append(port)
    for s in held:
        s.close()
    return ports


def spawn(args, env=None, cwd=None):
    process = subprocess.Popen(args, env={**os.environ, **(env or {})}, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    processes.append(process)
    return process


def kill(process):
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
        process.wait()


def request(port, path, method="GET", body=None, timeout=5):
    """(status, body); status 0 when nothing answered."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""
    finally:
        connection.close()


def wait_for(condition, what, timeout=60):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for " + what)
        time.sleep(0.05)


class Agent:
    def __init__(self, binary):
        self.binary = binary
        self.ports = free_ports(5)
        self.http = self.ports[0]
        self.process = None
        self.data = None

    def start(self):
        self.data = tempfile.mkdtemp(prefix="consul-measure-")
        p = [str(x) for x in self.ports]
        self.process = spawn([self.binary, "agent", "-dev", "-bind", "127.0.0.1", "-client", "127.0.0.1", "-http-port", p[0], "-dns-port", p[1],
                              "-serf-lan-port", p[2], "-serf-wan-port", p[3], "-server-port", p[4], "-grpc-port", "-1",
                              "-data-dir", self.data, "-log-level", "warn"])

    def wait_leader(self):
        wait_for(lambda: len(request(self.http, "/v1/status/leader")[1].strip()) > 2, "a Consul leader")

    def kill(self):
        kill(self.process)
        shutil.rmtree(self.data, ignore_errors=True)

    def passing(self, service):
        status, body = request(self.http, "/v1/health/service/" + service + "?passing")
        return len(json.loads(body)) if status == 200 else -1

    def registered(self, service):
        status, body = request(self.http, "/v1/agent/services")
        return status == 200 and any(s["Service"] == service for s in json.loads(body).values())

    def key(self, key):
        status, body = request(self.http, "/v1/kv/" + key + "?raw")
        return body if status == 200 else None


def start_stock(agent, port, **consul):
    settings = {"Consul__Address": "http://127.0.0.1:%d" % agent.http, "Serilog__MinimumLevel__Default": "Warning", "Urls": "http://127.0.0.1:%d" % port}
    settings.update({"Consul__" + k: v for k, v in consul.items()})
    process = spawn(["dotnet", STOCK], env=settings, cwd=os.path.dirname(STOCK))
    wait_for(lambda: request(port, "/health/ready")[0] == 200, "Stock.Api on %d" % port)
    return process


def start_gateway(agent, folder, consul_source=False):
    port = free_ports(1)[0]
    settings = {"Urls": "http://127.0.0.1:%d" % port, "Gateway__ConfigFolder": folder, "Gateway__ReloadOnChange": "false",
                "Serilog__MinimumLevel__Default": "Warning", "ASPNETCORE_ENVIRONMENT": "Production"}
    if consul_source:
        settings["Gateway__ConfigurationSource"] = "Consul"
    process = spawn(["dotnet", GATEWAY], env=settings, cwd=os.path.dirname(GATEWAY))
    wait_for(lambda: request(port, "/health/ready")[0] == 200, "the gateway on %d" % port)
    return process, port


def route_folder(agent, routes):
    folder = tempfile.mkdtemp(prefix="consul-measure-routes-")
    with open(os.path.join(folder, "ocelot.json"), "w") as f:
        json.dump(configuration(agent, routes), f)
    return folder


def configuration(agent, routes):
    return {"Routes": routes, "GlobalConfiguration": {"ServiceDiscoveryProvider": {"Host": "127.0.0.1", "Port": agent.http, "Type": "Consul"}}}


def stock_route(upstream="/stock/{everything}"):
    return {"UpstreamPathTemplate": upstream, "DownstreamPathTemplate": "/api/stocks/{everything}", "DownstreamScheme": "http",
            "ServiceName": "stock", "LoadBalancerOptions": {"Type": "RoundRobin"}}


def failover(binary, interval, runs):
    """Two instances, one killed (SIGKILL) while requests flow: how long the gateway kept sending some to it, and how many failed."""
    agent = Agent(binary)
    agent.start()
    agent.wait_leader()
    gateway, gport = start_gateway(agent, route_folder(agent, [stock_route()]))
    survivor = start_stock(agent, free_ports(1)[0], CheckInterval="00:00:%02d" % interval)
    results = []
    for _ in range(runs):
        victim = start_stock(agent, free_ports(1)[0], CheckInterval="00:00:%02d" % interval)
        wait_for(lambda: agent.passing("stock") == 2, "two passing instances")
        time.sleep(0.5)  # the gateway's blocking query returns within milliseconds of Consul's change
        killed = time.monotonic()
        kill(victim)
        requests, failures, last_failure = 0, 0, None
        while time.monotonic() - killed < interval + 5 or (last_failure and time.monotonic() - last_failure < 2):
            status, _ = request(gport, "/stock/MSFT")
            requests += 1
            if status != 200:
                failures, last_failure = failures + 1, time.monotonic()
            time.sleep(PAUSE)
        window = (last_failure - killed) if last_failure else 0.0
        rate = requests / (time.monotonic() - killed)
        results.append((window, failures, rate))
        wait_for(lambda: agent.passing("stock") == 1, "the killed instance turning critical")
    for p in (survivor, gateway):
        kill(p)
    agent.kill()
    return results


def propagation(binary, runs):
    """Two gateway replicas on one KV key: time from a write until each replica serves the new route."""
    agent = Agent(binary)
    agent.start()
    agent.wait_leader()
    stock = start_stock(agent, free_ports(1)[0], CheckInterval="00:00:01")
    folder = route_folder(agent, [stock_route()])
    first, p1 = start_gateway(agent, folder, consul_source=True)
    second, p2 = start_gateway(agent, folder, consul_source=True)
    times = []
    for n in range(runs):
        path = "/probe-%d/{everything}" % n
        written = time.monotonic()
        status, _ = request(agent.http, "/v1/kv/InternalConfiguration", "PUT", json.dumps(configuration(agent, [stock_route(path)])))
        assert status == 200
        took = []
        for port in (p1, p2):
            wait_for(lambda: request(port, "/probe-%d/MSFT" % n)[0] == 200, "replica on %d" % port, timeout=30)
            took.append(time.monotonic() - written)
        times.append(took)
    for p in (first, second, stock):
        kill(p)
    agent.kill()
    return times


def heal(binary, down_for, runs, fast):
    """Consul killed and started again empty after `down_for` s, requests flowing: when the registration and the key are back,
    and the gateway's 503 window (all instances alive, Consul briefly answering that none exists)."""
    agent = Agent(binary)
    agent.start()
    agent.wait_leader()
    consul = {"VerifyInterval": "00:00:01", "CheckInterval": "00:00:01"} if fast else {}
    stock = start_stock(agent, free_ports(1)[0], **consul)
    wait_for(lambda: agent.passing("stock") == 1, "the instance passing")
    gateway, gport = start_gateway(agent, route_folder(agent, [stock_route()]), consul_source=True)
    results = []
    for _ in range(runs):
        wait_for(lambda: request(gport, "/stock/MSFT")[0] == 200 and agent.key("InternalConfiguration"), "a healthy start")
        agent.kill()
        stopped = time.monotonic()
        while time.monotonic() - stopped < down_for:
            request(gport, "/stock/MSFT")
            time.sleep(PAUSE)
        agent.start()
        started = time.monotonic()
        registered = key = None
        unavailable = []
        last = 0
        while registered is None or key is None or last != 200:
            if time.monotonic() - started > 120:
                raise SystemExit("no healing within 120 s")
            last, _ = request(gport, "/stock/MSFT")
            now = time.monotonic() - started
            if last == 503:
                unavailable.append(now)
            if registered is None and agent.registered("stock"):
                registered = now
            if key is None and agent.key("InternalConfiguration"):
                key = now
            time.sleep(PAUSE)
        results.append((registered, key, len(unavailable), (unavailable[-1] - unavailable[0]) if unavailable else 0.0))
    for p in (gateway, stock):
        kill(p)
    agent.kill()
    return results


def main():
    for dll in (GATEWAY, STOCK):
        if not os.path.exists(dll):
            raise SystemExit("missing " + dll + "; build first: dotnet build OcelotGateway.sln -c Release")
    binary = consul_binary()
    print("consul:", subprocess.run([binary, "version"], capture_output=True, text=True).stdout.splitlines()[0])
    runs = 1 if QUICK else 5

    print("\nFailover after SIGKILL of one of two instances (RoundRobin, requests back to back at ~%d/s)" % (1 / (PAUSE + 0.002)))
    print("| check interval | failover time (min / median / max) | failed requests per run | request rate |")
    print("|---|---|---|---|")
    for interval in ([1, 5] if QUICK else [1, 2, 5, 10]):
        r = failover(binary, interval, runs)
        windows = sorted(w for w, _, _ in r)
        print("| %d s | %.2f / %.2f / %.2f s | %s | %.0f/s |" % (
            interval, windows[0], statistics.median(windows), windows[-1], ", ".join(str(f) for _, f, _ in r), statistics.mean(x for _, _, x in r)))

    print("\nKV write until each of two gateway replicas serves the new route (blocking queries)")
    t = propagation(binary, 3 if QUICK else 10)
    first = sorted(min(x) for x in t)
    both = sorted(max(x) for x in t)
    print("| first replica (median / max) | both replicas (median / max) |")
    print("|---|---|")
    print("| %.0f / %.0f ms | %.0f / %.0f ms |" % (statistics.median(first) * 1000, first[-1] * 1000, statistics.median(both) * 1000, both[-1] * 1000))

    print("\nHealing after the agent restarts without its state (times from the agent's start)")
    print("| settings | Consul down | registration back | key back | 503 answers (window) |")
    print("|---|---|---|---|---|")
    for fast, down_for in ([(False, 0)] if QUICK else [(False, 0), (False, 20), (True, 0)]):
        for registered, key, count, window in heal(binary, down_for, runs, fast):
            print("| %s | %d s | %.2f s | %.2f s | %d (%.2f s) |" % (
                "VerifyInterval 1 s, CheckInterval 1 s" if fast else "defaults", down_for, registered, key, count, window))


if __name__ == "__main__":
    try:
        main()
    finally:
        for p in processes:
            kill(p)
