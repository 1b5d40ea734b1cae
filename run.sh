#!/usr/bin/env bash
# Builds the solution once (Release) and runs the sample system on fixed loopback ports: the Stock (5101), Esg (5102) and
# Finance (5103) services and the gateway (5000) in front of them, reading the route files in ocelot/ (Development set).
# Waits until each answers /health/ready, prints the URLs, then streams every log line prefixed with its process name.
# Ctrl-C (or SIGTERM) stops all four and waits for them. Needs only the .NET SDK: no Docker, Consul or Redis.
#
#   ./run.sh              build and run
#   ./run.sh --no-build   run what the last build produced
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"

configuration=Release
framework=net10.0
ready_timeout=60
pids=()
names=()

log() { printf '\033[1m[run]\033[0m %s\n' "$*"; }

# A plain HTTP GET over bash's /dev/tcp, so nothing beyond bash is needed; true when the answer is 200.
http_ok() {
  local port=$1 path=$2 status
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$path" "$port" >&3
  IFS= read -r -t 5 status <&3 || status=""
  exec 3<&-
  [[ "$status" == "HTTP/1."?" 200"* ]]
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stopping=0
stop_all() {
  [ "$stopping" -eq 1 ] && return
  stopping=1
  trap '' INT TERM
  [ -n "${sleeper:-}" ] && kill "$sleeper" 2>/dev/null || true
  [ ${#pids[@]} -eq 0 ] && return
  log "stopping ${names[*]} ..."
  # SIGTERM lets each host shut down gracefully (Consul deregistration, in-flight requests); SIGKILL whatever is left after 15 s.
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 1 150); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && break
    sleep 0.1
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  log "stopped"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

# start NAME PORT PROJECT_DIR ASSEMBLY [ENV=VALUE ...]: runs bin/<configuration> of the project with `dotnet <dll>`.
start() {
  local name=$1 port=$2 project=$3 assembly=$4
  shift 4
  local bin="$root/$project/bin/$configuration/$framework"
  if [ ! -f "$bin/$assembly.dll" ]; then
    log "missing $bin/$assembly.dll (run without --no-build)"
    exit 1
  fi
  if port_in_use "$port"; then
    log "port $port is already in use; stop whatever listens there (an earlier ./run.sh?) and try again"
    exit 1
  fi
  # exec keeps $! the dotnet process itself; the prefixer ends when its output closes.
  (cd "$bin" && exec env "$@" dotnet "$assembly.dll") \
    > >(sed -u "s/^/[$name] /") 2>&1 < /dev/null &
  pids+=($!)
  names+=("$name")
}

wait_ready() {
  local name=$1 port=$2 pid=$3
  for _ in $(seq 1 $((ready_timeout * 5))); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited during start-up (see its lines above)"
      exit 1
    fi
    http_ok "$port" /health/ready 2>/dev/null && return 0
    sleep 0.2
  done
  log "$name did not become ready on port $port within ${ready_timeout} s"
  exit 1
}

if ! command -v dotnet >/dev/null 2>&1; then
  log "the .NET SDK (dotnet) is required: https://dot.net"
  exit 1
fi

if [ "${1:-}" != "--no-build" ]; then
  log "building OcelotGateway.sln ($configuration) ..."
  dotnet build OcelotGateway.sln -c "$configuration" -nologo -v quiet
fi

environment=(ASPNETCORE_ENVIRONMENT=Development DOTNET_NOLOGO=1)
start stock 5101 services/Stock.Api Stock.Api "${environment[@]}" Urls=http://127.0.0.1:5101
start esg 5102 services/Esg.Api Esg.Api "${environment[@]}" Urls=http://127.0.0.1:5102
start finance 5103 services/Finance.Api Finance.Api "${environment[@]}" Urls=http://127.0.0.1:5103
start gateway 5000 gateway/OcelotGateway.Host OcelotGateway.Host "${environment[@]}" Urls=http://127.0.0.1:5000 \
  "Gateway__ConfigFolder=$root/ocelot"

ports=(5101 5102 5103 5000)
for i in "${!pids[@]}"; do
  wait_ready "${names[$i]}" "${ports[$i]}" "${pids[$i]}"
done

cat <<EOF

  Gateway        http://127.0.0.1:5000        (health: /health/ready)
  Swagger UI     http://127.0.0.1:5000/swagger
  Through it     http://127.0.0.1:5000/stock?page=1&pageSize=5
                 http://127.0.0.1:5000/esg/MSFT
                 http://127.0.0.1:5000/finance/MSFT-2024
  Stock API      http://127.0.0.1:5101/api/stocks      OpenAPI: http://127.0.0.1:5101/openapi/v1.json
  Esg API        http://127.0.0.1:5102/api/scores      OpenAPI: http://127.0.0.1:5102/openapi/v1.json
  Finance API    http://127.0.0.1:5103/api/statements  OpenAPI: http://127.0.0.1:5103/openapi/v1.json

  All four are ready. Logs follow; Ctrl-C stops everything.

EOF

# Returns when any of the four exits (then the rest are stopped too) or on Ctrl-C. Looks every half second rather than with
# `wait -n`, which bash 5.2 can keep blocking in after a listed process is gone; a trapped signal interrupts `wait` at once.
sleeper=""
while :; do
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || break 2; done
  sleep 0.5 &
  sleeper=$!
  wait "$sleeper" || true
done
if [ "$stopping" -eq 0 ]; then
  log "a process exited; stopping the others"
  exit 1
fi
