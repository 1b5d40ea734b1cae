#!/usr/bin/env python3
"""Writes the benchmark's two route folders (Ocelot format).

usage: routes.py SMALL_FOLDER MANY_FOLDER UPSTREAM_PORT

SMALL_FOLDER holds the scenario routes; MANY_FOLDER holds the same routes plus 1,000 others in a second file, so the
simple route can be timed with and without a large table.
"""
import json
import os
import sys

small, many, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
host = [{"Host": "127.0.0.1", "Port": port}]


def route(upstream, downstream, methods=("Get",), **extra):
    r = {
        "UpstreamPathTemplate": upstream,
        "UpstreamHttpMethod": list(methods),
        "DownstreamPathTemplate": downstream,
        "DownstreamScheme": "http",
        "DownstreamHostAndPorts": host,
    }
    r.update(extra)
    return r


# Request ids on: the simple route runs the pipeline as a production route would (every step asks whether it applies).
scenario_routes = [
    # 1, 5, 7: catch-all, as most Ocelot routes are written.
    route("/api/{everything}", "/{everything}", ("Get", "Post"), Key="simple", RequestIdKey="X-Request-Id"),
    # 3: cache hit. FileCacheOptions is the name most existing Ocelot files use.
    route("/cached/{everything}", "/{everything}", Key="cached", RequestIdKey="X-Request-Id",
          FileCacheOptions={"TtlSeconds": 3600, "Region": "bench"}),
    # 4: every request is counted; the limit is far above what the run can send, so all pass.
    route("/limited/{everything}", "/{everything}", Key="limited", RequestIdKey="X-Request-Id",
          RateLimitOptions={"EnableRateLimiting": True, "ClientWhitelist": [], "Period": "1s",
                            "Limit": 1_000_000_000}),
    # 6: the three parts of the aggregate (aggregated routes may not carry RequestIdKey).
    route("/parts/a", "/json/a", Key="part-a"),
    route("/parts/b", "/json/b", Key="part-b"),
    route("/parts/c", "/json/c", Key="part-c"),
]
document = {
    "Routes": scenario_routes,
    "Aggregates": [{"RouteKeys": ["part-a", "part-b", "part-c"], "UpstreamPathTemplate": "/aggregate"}],
}
global_file = {"GlobalConfiguration": {"BaseUrl": "http://127.0.0.1"}}

# 1,000 other routes: half under their own first segment, half sharing the simple route's "/api" prefix with more
# literal segments and placeholders, with a mix of methods. None of them matches the benchmarked path.
others = []
for i in range(1000):
    if i % 2 == 0:
        others.append(route(f"/service{i}/{{everything}}", f"/json/{i}", ("Get", "Post", "Put", "Delete")))
    else:
        others.append(route(f"/api/v{i}/orders/{{id}}/lines/{{line}}", "/json/{id}", ("Get",) if i % 3 else ("Put",)))

for folder in (small, many):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "ocelot.bench.json"), "w", encoding="utf-8") as f:
        json.dump(document, f, indent=2)
    with open(os.path.join(folder, "ocelot.global.json"), "w", encoding="utf-8") as f:
        json.dump(global_file, f, indent=2)
with open(os.path.join(many, "ocelot.others.json"), "w", encoding="utf-8") as f:
    json.dump({"Routes": others}, f, indent=2)
