#!/usr/bin/env python3
"""Static checks of the docker-compose fleet, for machines without a Docker engine (called by deploy/check.sh):
compose structure, every path it or a Dockerfile refers to, Dockerfile lint (pinned FROM tags, non-root USER, no ADD,
HEALTHCHECK, exec-form ENTRYPOINT), nginx/Prometheus targets against the compose services, Grafana provisioning (datasource
uids, mounted dashboard folder), and every metric the dashboard queries against the metrics the gateway defines.

Each problem is printed as "path: message"; the exit code is the number of problems (capped at 100).
"""
import glob
import json
import os
import re
import shlex
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMPOSE = "docker-compose.yml"
DASHBOARDS = "deploy/grafana/dashboards"
GRAFANA_PROVISIONING = "deploy/grafana/provisioning"
PROMETHEUS = "deploy/prometheus/prometheus.yml"
NGINX = "deploy/nginx/nginx.conf"
# Names the dashboard may query that the gateway does not define: Prometheus' own series.
PROMETHEUS_BUILTINS = {"up", "scrape_duration_seconds", "scrape_samples_scraped"}

problems = []


def problem(where, message):
    line = f"{where}: {message}"
    if line not in problems:
        problems.append(line)


def exists(path):
    return os.path.exists(os.path.join(ROOT, path))


# ---------------------------------------------------------------------------------------------------------------- Dockerfiles

def dockerfile_instructions(path):
    """(line number, INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    result, pending, start = [], "", 0
    with open(os.path.join(ROOT, path), encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            stripped = line.strip()
            if not pending and (not stripped or stripped.startswith("#")):
                continue
            if not pending:
                start = number
            if stripped.endswith("\\"):
                pending += stripped[:-1] + " "
                continue
            text = pending + stripped
            pending = ""
            keyword, _, arguments = text.partition(" ")
            result.append((start, keyword.upper(), arguments.strip()))
    return result


def substitute(text, variables):
    return re.sub(r"\$\{?(\w+)\}?", lambda m: variables.get(m.group(1), m.group(0)), text)


def copy_sources(arguments):
    """Sources of a COPY without --from (host paths), and its destination."""
    words = [w for w in shlex.split(arguments) if not w.startswith("--")]
    if arguments.startswith("[") or len(words) < 2:
        return [], None
    return words[:-1], words[-1]


def lint_dockerfile(path, build_args):
    where = lambda number: f"{path}:{number}"
    instructions = dockerfile_instructions(path)
    stages = [i for i, (_, keyword, _) in enumerate(instructions) if keyword == "FROM"]
    if not stages:
        problem(path, "no FROM")
        return
    stage_names = set()
    for index in stages:
        number, _, arguments = instructions[index]
        words = arguments.split()
        image = words[0]
        if image not in stage_names:
            name, _, tag = image.rpartition(":") if ":" in image.split("/")[-1] else (image, "", "")
            if "@sha256:" not in image and (not tag or tag == "latest"):
                problem(where(number), f"FROM {image}: pin a tag (not latest)")
        if len(words) >= 3 and words[1].upper() == "AS":
            stage_names.add(words[2])
    final = instructions[stages[-1]:]
    users = [arguments for _, keyword, arguments in final if keyword == "USER"]
    if not users:
        problem(path, "the final stage has no USER: it would run as root")
    elif users[-1].split(":")[0] in ("root", "0"):
        problem(path, f"the final stage runs as {users[-1]}")
    if not any(keyword == "HEALTHCHECK" for _, keyword, _ in final):
        problem(path, "the final stage has no HEALTHCHECK")
    entrypoints = [(n, a) for n, keyword, a in final if keyword in ("ENTRYPOINT", "CMD")]
    if not entrypoints:
        problem(path, "the final stage has no ENTRYPOINT or CMD")
    for number, arguments in entrypoints:
        if not arguments.startswith("["):
            problem(where(number), "use the exec form ([\"...\"]) so the process gets SIGTERM")
    for number, keyword, arguments in instructions:
        if keyword == "ADD":
            problem(where(number), "ADD" + (" of a URL" if re.search(r"https?://", arguments) else "") + ": use COPY (or RUN with a checked download)")
        if keyword == "COPY" and "--from=" not in arguments:
            sources, _ = copy_sources(arguments)
            for args in build_args or [{}]:
                for source in sources:
                    resolved = substitute(source, args)
                    if "$" in resolved:
                        problem(where(number), f"COPY {source}: build argument not set by docker-compose.yml")
                    elif not glob.glob(os.path.join(ROOT, resolved)):
                        problem(where(number), f"COPY {resolved}: no such file or folder in the build context")
                    elif ignored_by_dockerignore(resolved):
                        problem(where(number), f"COPY {resolved}: excluded by .dockerignore")


def ignored_by_dockerignore(path):
    if not exists(".dockerignore"):
        return False
    with open(os.path.join(ROOT, ".dockerignore"), encoding="utf-8") as handle:
        patterns = [p.strip().rstrip("/") for p in handle if p.strip() and not p.startswith("#")]
    first = path.rstrip("/").split("/")[0]
    return any(p in (path.rstrip("/"), first) for p in patterns if "*" not in p)


# ---------------------------------------------------------------------------------------------------------------- compose

def check_compose():
    with open(os.path.join(ROOT, COMPOSE), encoding="utf-8") as handle:
        compose = yaml.safe_load(handle)
    services = compose.get("services") or {}
    dockerfiles = {}
    for name, service in services.items():
        where = f"{COMPOSE}: services.{name}"
        if not service.get("image") and not service.get("build"):
            problem(where, "neither image nor build")
        image = service.get("image", "")
        if image and "build" not in service and (":" not in image.split("/")[-1] or image.endswith(":latest")):
            problem(where, f"image {image}: pin a tag (not latest)")
        build = service.get("build")
        if build:
            context = build.get("context", ".") if isinstance(build, dict) else build
            dockerfile = os.path.normpath(os.path.join(context, build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile"))
            if not exists(context):
                problem(where, f"build context {context} does not exist")
            if not exists(dockerfile):
                problem(where, f"dockerfile {dockerfile} does not exist")
            else:
                dockerfiles.setdefault(dockerfile, []).append((build.get("args") or {}) if isinstance(build, dict) else {})
        for volume in service.get("volumes") or []:
            source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source", "")
            if source.startswith(".") and not exists(source):
                problem(where, f"volume source {source} does not exist")
        depends_on = service.get("depends_on") or {}
        if isinstance(depends_on, list):
            depends_on = {name: {"condition": "service_started"} for name in depends_on}
        for dependency, condition in depends_on.items():
            if dependency not in services:
                problem(where, f"depends_on {dependency}: no such service")
            elif isinstance(condition, dict) and condition.get("condition") == "service_healthy":
                target = services[dependency]
                if "healthcheck" not in target and "build" not in target:
                    problem(where, f"waits for {dependency} to be healthy, but it has no healthcheck")
    for dockerfile, build_args in dockerfiles.items():
        lint_dockerfile(dockerfile, build_args)
        for args in build_args:
            project = args.get("PROJECT")
            if project and not exists(f"services/{project}/{project}.csproj"):
                problem(dockerfile, f"PROJECT {project}: services/{project}/{project}.csproj does not exist")
    return services


def check_targets(services):
    """Prometheus scrape targets and nginx upstream servers must be compose services on the port the images listen on."""
    with open(os.path.join(ROOT, PROMETHEUS), encoding="utf-8") as handle:
        prometheus = yaml.safe_load(handle)
    gateways = set()
    for job in prometheus.get("scrape_configs", []):
        for static in job.get("static_configs", []):
            for target in static.get("targets", []):
                host = target.split(":")[0]
                if host != "localhost" and host not in services:
                    problem(PROMETHEUS, f"target {target}: no such service in {COMPOSE}")
                if job.get("job_name") == "gateway":
                    gateways.add(target)
    with open(os.path.join(ROOT, NGINX), encoding="utf-8") as handle:
        upstreams = set(re.findall(r"^\s*server\s+([\w.-]+:\d+)", handle.read(), re.MULTILINE))
    gateway_services = {f"{name}:8080" for name, s in services.items() if "gateway.Dockerfile" in str(s.get("build", ""))}
    for what, where, found in (("scrape targets", PROMETHEUS, gateways), ("upstream servers", NGINX, upstreams)):
        if found != gateway_services:
            problem(where, f"{what} {sorted(found)} differ from the gateway replicas {sorted(gateway_services)}")


# ---------------------------------------------------------------------------------------------------------------- dashboard

def defined_metrics():
    names = set()
    for path in glob.glob(os.path.join(ROOT, "gateway", "**", "*.cs"), recursive=True):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        for kind, name in re.findall(r"Create(Counter|Gauge|Histogram|Summary)\(\s*\"([a-zA-Z_:][a-zA-Z0-9_:]*)\"", text):
            names.add(name)
            if kind in ("Histogram", "Summary"):
                names.update({name + "_bucket", name + "_sum", name + "_count"})
    return names


def check_grafana_provisioning(services):
    """Datasource uids the dashboards use, and dashboard provider folders mounted into the Grafana container."""
    uids, folders = set(), set()
    for path in sorted(glob.glob(os.path.join(ROOT, GRAFANA_PROVISIONING, "**", "*.yml"), recursive=True)):
        with open(path, encoding="utf-8") as handle:
            content = yaml.safe_load(handle) or {}
        uids.update(d.get("uid") for d in content.get("datasources", []))
        folders.update(p.get("options", {}).get("path") for p in content.get("providers", []))
    grafana = next((s for s in services.values() if str(s.get("image", "")).startswith("grafana/")), {})
    mounts = {v.split(":")[1] for v in grafana.get("volumes", []) if isinstance(v, str)}
    for folder in folders:
        if folder not in mounts:
            problem(GRAFANA_PROVISIONING, f"dashboard provider path {folder} is not a volume of the Grafana service {sorted(mounts)}")
    return uids


def check_dashboards(datasource_uids):
    defined = defined_metrics()
    if not defined:
        problem("gateway/", "no metric definitions (CreateCounter/CreateHistogram/...) found")
    for path in sorted(glob.glob(os.path.join(ROOT, DASHBOARDS, "*.json"))):
        where = os.path.relpath(path, ROOT)
        try:
            with open(path, encoding="utf-8") as handle:
                dashboard = json.load(handle)
        except json.JSONDecodeError as error:
            problem(where, f"not JSON: {error}")
            continue
        used = {p.get("datasource", {}).get("uid") for p in dashboard.get("panels", []) if p.get("type") != "row"}
        for uid in sorted(u for u in used - datasource_uids if u):
            problem(where, f"datasource uid {uid} is not provisioned (provisioned: {sorted(datasource_uids)})")
        expressions = [target.get("expr", "") for panel in dashboard.get("panels", []) for target in panel.get("targets", [])]
        expressions += [v.get("definition", "") for v in dashboard.get("templating", {}).get("list", [])]
        if not any(expressions):
            problem(where, "queries nothing")
        for expression in expressions:
            # label_values(metric, label): only the metric is a series name.
            expression = re.sub(r"label_values\(\s*([^,()]+)\s*,[^)]*\)", r"\1", expression)
            # Metric names: identifiers not followed by "(" (functions) and not inside label matchers or strings.
            bare = re.sub(r"\{[^}]*\}|\"[^\"]*\"|\[[^\]]*\]", " ", expression)
            bare = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", bare)
            for name in re.findall(r"\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()", bare):
                if re.fullmatch(r"\d.*|le|and|or|unless|bool|offset|inf|nan", name, re.IGNORECASE):
                    continue
                if name not in defined and name not in PROMETHEUS_BUILTINS:
                    problem(where, f"queries {name}, which the gateway does not define (expression: {expression})")


def main():
    services = check_compose()
    check_targets(services)
    check_dashboards(check_grafana_provisioning(services))
    for line in problems:
        print(line)
    sys.exit(min(len(problems), 100))


if __name__ == "__main__":
    main()
