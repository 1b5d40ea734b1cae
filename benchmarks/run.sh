#!/usr/bin/env bash
# Benchmarks the gateway against the direct path (no proxy), nginx, bare YARP and (optionally) Ocelot 25; see benchmarks/README.md.
#
#   benchmarks/run.sh            full run (about 9 minutes here), prints the table and rewrites the top of benchmarks/RESULTS.md
#   benchmarks/run.sh --quick    smoke run (a couple of seconds per run); prints the table, leaves RESULTS.md alone
#
# Ocelot as a contender (simple route, cache hit, rate-limited route): set OCELOT_HOST_DLL to a built
# tools/parity/OcelotHost (OcelotParity.OcelotHost.dll, compiled against a build of Ocelot 25.0 made outside this
# repository; see tools/parity/README.md). Without it those rows are skipped.
#
# Environment: BENCH_DURATION (seconds per measured run), BENCH_ROUNDS (interleaved rounds), BENCH_WARMUP (seconds),
# BENCH_JIT_WARMUP (seconds of simple-route load per .NET proxy before any warm-up; 25, or 5 with --quick),
# BENCH_CONNECTIONS (64), BENCH_SLOW_CONNECTIONS (256), BENCH_STREAM_MB (100), BENCH_SERVER_CPUS / BENCH_CLIENT_CPUS
# (taskset lists; default "0" and "1" on a machine with two or more cores), BENCH_RESULTS (markdown file to update).
#
# Everything listens on 127.0.0.1 only and every process started here is stopped on exit.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
bench="$repo/benchmarks"

quick=0
if [ "${1:-}" = "--quick" ]; then quick=1; fi
ocelot_dll="${OCELOT_HOST_DLL:-}"
if [ -n "$ocelot_dll" ] && [ ! -f "$ocelot_dll" ]; then
  echo "OCELOT_HOST_DLL=$ocelot_dll does not exist" >&2
  exit 1
fi
if [ $quick -eq 1 ]; then
  duration="${BENCH_DURATION:-2}"; rounds="${BENCH_ROUNDS:-1}"; warmup="${BENCH_WARMUP:-1}"; jit_warmup="${BENCH_JIT_WARMUP:-5}"
  results_file="${BENCH_RESULTS:-}"
else
  duration="${BENCH_DURATION:-7}"; rounds="${BENCH_ROUNDS:-3}"; warmup="${BENCH_WARMUP:-3}"; jit_warmup="${BENCH_JIT_WARMUP:-25}"
  results_file="${BENCH_RESULTS:-$bench/RESULTS.md}"
fi
connections="${BENCH_CONNECTIONS:-64}"
slow_connections="${BENCH_SLOW_CONNECTIONS:-256}"
stream_mb="${BENCH_STREAM_MB:-100}"

# --- tools -----------------------------------------------------------------------------------------------------------
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v taskset >/dev/null 2>&1 || need+=(util-linux)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} ..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

# --- pinning: proxy + upstream share one core, wrk gets the other, so the proxy's CPU cost decides its throughput -------
cores="$(nproc)"
if [ "$cores" -ge 2 ]; then
  server_cpus="${BENCH_SERVER_CPUS:-0}"; client_cpus="${BENCH_CLIENT_CPUS:-1}"
else
  server_cpus="${BENCH_SERVER_CPUS:-0}"; client_cpus="${BENCH_CLIENT_CPUS:-0}"
fi
# Background processes are started as `taskset ... &` directly (not through a function) so $! is the server's own pid.

work="$(mktemp -d /tmp/ocelot-bench.XXXXXX)"
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_ports() {
  python3 - "$1" <<'PY'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks: s.close()
PY
}
read -r up_port nginx_port gw_port gw_many_port gw_redis_port redis_port yarp_port gw_inline_port ocelot_port <<<"$(free_ports 9)"

wait_for() { # url [header]
  local url="$1" i
  for i in $(seq 1 240); do
    if curl -fsS -o /dev/null -H "Oc-Client: bench" "$url" 2>/dev/null; then return 0; fi
    sleep 0.25
  done
  echo "Timed out waiting for $url" >&2
  return 1
}

# --- build --------------------------------------------------------------------------------------------------------------
echo "Building Release ..."
dotnet build "$repo/gateway/OcelotGateway.Host/OcelotGateway.Host.csproj" -c Release -nologo -v quiet >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
dotnet build "$bench/Upstream/Upstream.csproj" -c Release -nologo -v quiet >>"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
dotnet build "$bench/BareYarp/BareYarp.csproj" -c Release -nologo -v quiet >>"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
gateway_dll="$repo/gateway/OcelotGateway.Host/bin/Release/net10.0/OcelotGateway.Host.dll"
upstream_dll="$bench/Upstream/bin/Release/net10.0/OcelotGateway.Benchmarks.Upstream.dll"
bare_yarp_dll="$bench/BareYarp/bin/Release/net10.0/OcelotGateway.Benchmarks.BareYarp.dll"

# --- route folders ------------------------------------------------------------------------------------------------------
python3 "$bench/routes.py" "$work/routes" "$work/routes-many" "$up_port"

# --- processes ------------------------------------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
  taskset -c "$server_cpus" dotnet "$upstream_dll" --urls "http://127.0.0.1:$up_port" >"$work/upstream.log" 2>&1 &
pids+=($!)

taskset -c "$server_cpus" redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --daemonize no \
  >"$work/redis.log" 2>&1 &
pids+=($!)

# Production, the host's own appsettings.json (Serilog compact JSON to the console) with the minimum level raised to Warning:
# the per-request line is Information, so logging costs what a quiet production fleet pays (the level checks) and no more.
# Kestrel's 30 MB body limit is raised for scenario 7.
start_gateway() { # port folder [extra args...]; GATEWAY_ENV: extra environment (NAME=value ...)
  local port="$1" folder="$2"; shift 2
  env ${GATEWAY_ENV:-} ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    taskset -c "$server_cpus" dotnet "$gateway_dll" --contentRoot "$(dirname "$gateway_dll")" --urls "http://127.0.0.1:$port" \
      --Gateway:ConfigFolder="$folder" --Gateway:ReloadOnChange=false --Kestrel:Limits:MaxRequestBodySize=$((stream_mb * 2 * 1024 * 1024)) \
      --Serilog:MinimumLevel:Default=Warning --Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime=Warning \
      "$@" >"$work/gateway-$port.log" 2>&1 &
  pids+=($!)
  echo $! >"$work/pid-$port"
}
start_gateway "$gw_port" "$work/routes"
start_gateway "$gw_many_port" "$work/routes-many"
start_gateway "$gw_redis_port" "$work/routes" --Gateway:Redis:Configuration="127.0.0.1:$redis_port"
# The same scenario gateway with the runtime's inline socket completions (README, Benchmarks): an operator's opt-in.
GATEWAY_ENV="DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1" start_gateway "$gw_inline_port" "$work/routes"
# Bare YARP: the same framework with none of the gateway's steps, to show what they cost.
ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
  taskset -c "$server_cpus" dotnet "$bare_yarp_dll" --urls "http://127.0.0.1:$yarp_port" --upstream "http://127.0.0.1:$up_port" \
  >"$work/bare-yarp.log" 2>&1 &
yarp_pid=$!
pids+=($yarp_pid)
# Ocelot 25 on the same route folder, its log level raised to Warning as the gateway's is.
ocelot_pid=""
if [ -n "$ocelot_dll" ]; then
  ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    taskset -c "$server_cpus" dotnet "$ocelot_dll" --urls "http://127.0.0.1:$ocelot_port" --Parity:RouteFolder="$work/routes" \
      --Logging:LogLevel:Default=Warning >"$work/ocelot.log" 2>&1 &
  ocelot_pid=$!
  pids+=($ocelot_pid)
fi
gw_pid="$(cat "$work/pid-$gw_port")"
gw_many_pid="$(cat "$work/pid-$gw_many_port")"
gw_redis_pid="$(cat "$work/pid-$gw_redis_port")"
gw_inline_pid="$(cat "$work/pid-$gw_inline_port")"

mkdir -p "$work/nginx/tmp"
nginx_user=""
if [ "$(id -u)" -eq 0 ]; then nginx_user="user root;"; fi
cat >"$work/nginx/nginx.conf" <<EOF
# One worker: the reference proxy gets the same single core as the gateway.
$nginx_user
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  upstream stub { server 127.0.0.1:$up_port; keepalive 256; }
  server {
    listen 127.0.0.1:$nginx_port;
    client_max_body_size 0;
    location /api/ {
      proxy_pass http://stub/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      # Stream both ways, as the gateway does, instead of spooling large bodies to disk.
      proxy_buffering off;
      proxy_request_buffering off;
    }
  }
}
EOF
taskset -c "$server_cpus" "$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" >"$work/nginx/stdout.log" 2>&1 &
nginx_pid=$!
pids+=($nginx_pid)

direct="http://127.0.0.1:$up_port"
via_nginx="http://127.0.0.1:$nginx_port/api"
via_gw="http://127.0.0.1:$gw_port"
via_yarp="http://127.0.0.1:$yarp_port/api"
via_gw_many="http://127.0.0.1:$gw_many_port"
via_gw_redis="http://127.0.0.1:$gw_redis_port"
via_gw_inline="http://127.0.0.1:$gw_inline_port"
via_ocelot="http://127.0.0.1:$ocelot_port"

echo "Starting upstream, redis, nginx, bare YARP and four gateways ..."
wait_for "$direct/json"
wait_for "$via_nginx/json"
wait_for "$via_yarp/json" || { cat "$work/bare-yarp.log"; exit 1; }
wait_for "$via_gw/api/json" || { cat "$work/gateway-$gw_port.log"; exit 1; }
wait_for "$via_gw_many/api/json" || { cat "$work/gateway-$gw_many_port.log"; exit 1; }
wait_for "$via_gw_inline/api/json" || { cat "$work/gateway-$gw_inline_port.log"; exit 1; }
wait_for "$via_gw_redis/limited/json" || { cat "$work/gateway-$gw_redis_port.log"; exit 1; }
if [ -n "$ocelot_pid" ]; then wait_for "$via_ocelot/api/json" || { cat "$work/ocelot.log"; exit 1; }; fi

nginx_pids() { echo "$nginx_pid $(pgrep -P "$nginx_pid" | tr '\n' ' ')"; }

# --- contenders: name|scenario|url|pid list for CPU and RSS ------------------------------------------------------------
aggregate_status="$(curl -s -o "$work/aggregate.json" -w '%{http_code}' "$via_gw/aggregate")"
# Each Ocelot row runs right after the gateway row it is compared with, so the pair sees the same machine (report.py pairs
# them round by round).
ocelot_row() { # scenario path
  if [ -n "$ocelot_pid" ]; then contenders_fast+=("Ocelot 25|$1|$via_ocelot$2|$ocelot_pid"); fi
}
contenders_fast=(
  "direct|1 simple route|$direct/json|"
  "nginx|1 simple route|$via_nginx/json|nginx"
  "bare YARP|1 simple route|$via_yarp/json|$yarp_pid"
  "gateway|1 simple route|$via_gw/api/json|$gw_pid"
)
ocelot_row "1 simple route" /api/json
contenders_fast+=(
  "gateway, inline completions|1 simple route|$via_gw_inline/api/json|$gw_inline_pid"
  "gateway|2 + 1,000 routes|$via_gw_many/api/json|$gw_many_pid"
  "gateway|3 cache hit|$via_gw/cached/json|$gw_pid"
)
ocelot_row "3 cache hit" /cached/json
contenders_fast+=("gateway|4a rate limit, in-process|$via_gw/limited/json|$gw_pid")
ocelot_row "4a rate limit, in-process" /limited/json
contenders_fast+=("gateway|4b rate limit, Redis|$via_gw_redis/limited/json|$gw_redis_pid")
if [ -z "$ocelot_pid" ]; then echo "OCELOT_HOST_DLL not set: no Ocelot rows."; fi
if [ "$aggregate_status" = "200" ]; then
  contenders_fast+=("gateway|6 aggregate of 3|$via_gw/aggregate|$gw_pid")
else
  echo "Aggregate answered $aggregate_status: scenario 6 is reported as n/a."
fi
contenders_slow=(
  "direct|5 50 ms upstream|$direct/slow|"
  "nginx|5 50 ms upstream|$via_nginx/slow|nginx"
  "bare YARP|5 50 ms upstream|$via_yarp/slow|$yarp_pid"
  "gateway|5 50 ms upstream|$via_gw/api/slow|$gw_pid"
  "gateway, inline completions|5 50 ms upstream|$via_gw_inline/api/slow|$gw_inline_pid"
)

proc_ticks() { # pids... -> utime+stime in clock ticks
  local total=0 pid f
  for pid in "$@"; do
    if [ -r "/proc/$pid/stat" ]; then
      f="$(sed 's/.*) //' "/proc/$pid/stat")"
      set -- $f
      total=$((total + ${12} + ${13}))
    fi
  done
  echo $total
}
proc_rss_kb() { # pids... -> summed VmRSS
  local total=0 pid v
  for pid in "$@"; do
    v="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
    total=$((total + ${v:-0}))
  done
  echo $total
}

# The host can take a vCPU away from this VM (steal time); a run that lost time that way is slower for every contender alike,
# so each run records it for the server cores, and goals compare contenders within a round (report.py).
server_cpu_ticks() { # -> "steal total" clock ticks summed over the server cores
  local list="${server_cpus//,/ }"
  awk -v cpus="$list" 'BEGIN { n = split(cpus, c, " ")
      for (i = 1; i <= n; i++) { if (split(c[i], r, "-") == 2) { for (k = r[1]; k <= r[2]; k++) want["cpu" k] = 1 } else want["cpu" c[i]] = 1 } }
    want[$1] { for (i = 2; i <= NF; i++) total += $i; steal += $9 } END { print steal + 0, total + 0 }' /proc/stat
}

runs="$work/runs"
mkdir -p "$runs"
run_wrk() { # id seconds connections entry record(0/1) [round]
  local id="$1" seconds="$2" conns="$3" entry="$4" record="$5" round="${6:-0}"
  local name scenario url pidspec
  IFS='|' read -r name scenario url pidspec <<<"$entry"
  local watch=()
  if [ "$pidspec" = "nginx" ]; then read -r -a watch <<<"$(nginx_pids)"; elif [ -n "$pidspec" ]; then watch=("$pidspec"); fi
  local before=0 rss_max=0 rss
  if [ ${#watch[@]} -gt 0 ]; then before="$(proc_ticks "${watch[@]}")"; fi
  local steal_before total_before steal_after total_after
  read -r steal_before total_before <<<"$(server_cpu_ticks)"
  taskset -c "$client_cpus" wrk -t1 -c"$conns" -d"${seconds}s" --latency -H "Oc-Client: bench" "$url" >"$runs/$id.wrk" 2>&1 &
  local wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    if [ ${#watch[@]} -gt 0 ]; then
      rss="$(proc_rss_kb "${watch[@]}")"; [ "$rss" -gt "$rss_max" ] && rss_max=$rss
    fi
    sleep 0.5
  done
  wait "$wrk_pid" || true
  local after=0
  if [ ${#watch[@]} -gt 0 ]; then after="$(proc_ticks "${watch[@]}")"; fi
  read -r steal_after total_after <<<"$(server_cpu_ticks)"
  if [ "$record" = 1 ]; then
    printf '%s|%s|%s|%s|%s|%s|%s|%s|%s\n' "$name" "$scenario" "$conns" "$((after - before))" "$rss_max" "$runs/$id.wrk" \
      "$round" "$((steal_after - steal_before))" "$((total_after - total_before))" >>"$work/results.txt"
  fi
}

run_group() { # connections entries...
  local conns="$1"; shift
  local entries=("$@") i round
  for i in "${!entries[@]}"; do
    echo "  warm-up: ${entries[$i]%%|http*}"
    run_wrk "warm-$conns-$i" "$warmup" "$conns" "${entries[$i]}" 0
  done
  # Even rounds run the contenders in reverse order, so a machine that speeds up or slows down over the run favours none.
  local indexes
  for round in $(seq 1 "$rounds"); do
    echo "  round $round/$rounds"
    if [ $((round % 2)) -eq 0 ]; then indexes="$(seq $((${#entries[@]} - 1)) -1 0)"; else indexes="${!entries[*]}"; fi
    for i in $indexes; do
      run_wrk "r$round-$conns-$i" "$duration" "$conns" "${entries[$i]}" 1 "$round"
    done
  done
}

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "Scenarios 1-4, 6 at $connections connections (${duration}s x $rounds interleaved rounds) ..."
# A cold gateway needs tens of seconds of load on one shared core before tiered JIT compilation settles (RESULTS.md
# finding 4); each gateway gets the same simple-route load first, so no gateway's rows measure its own warm-up.
echo "JIT warm-up: ${jit_warmup}s of simple-route load per gateway and bare YARP ..."
jit_urls=("$via_yarp/json" "$via_gw/api/json" "$via_gw_many/api/json" "$via_gw_redis/api/json" "$via_gw_inline/api/json")
if [ -n "$ocelot_pid" ]; then jit_urls+=("$via_ocelot/api/json"); fi
for url in "${jit_urls[@]}"; do
  taskset -c "$client_cpus" wrk -t1 -c"$connections" -d"${jit_warmup}s" -H "Oc-Client: bench" "$url" >/dev/null 2>&1 || true
done
run_group "$connections" "${contenders_fast[@]}"
echo "Scenario 5 at $slow_connections connections ..."
run_group "$slow_connections" "${contenders_slow[@]}"

# --- scenario 7: 100 MB each way with curl; the gateway's resident set is sampled every 20 ms ---------------------------
echo "Scenario 7: ${stream_mb} MB download and upload ..."
head -c "$((stream_mb * 1024 * 1024))" /dev/zero >"$work/upload.bin"
stream_once() { # contender kind url pid
  local name="$1" kind="$2" url="$3" pid="$4" base peak=0 rss curl_pid out="$work/stream-$1-$2.txt"
  base="$( [ -n "$pid" ] && proc_rss_kb "$pid" || echo 0)"
  if [ "$kind" = download ]; then
    taskset -c "$client_cpus" curl -sS -o /dev/null -w '%{http_code} %{size_download} %{speed_download}' "$url/download" >"$out" &
  else
    taskset -c "$client_cpus" curl -sS -o /dev/null -H "Expect:" -X POST -T "$work/upload.bin" \
      -w '%{http_code} %{size_upload} %{speed_upload}' "$url/upload" >"$out" &
  fi
  curl_pid=$!
  while kill -0 "$curl_pid" 2>/dev/null; do
    if [ -n "$pid" ]; then rss="$(proc_rss_kb "$pid")"; [ "$rss" -gt "$peak" ] && peak=$rss; fi
    sleep 0.02
  done
  wait "$curl_pid" || true
  printf '%s|%s|%s|%s|%s\n' "$name" "$kind" "$(cat "$out")" "$base" "$peak" >>"$work/streams.txt"
}
for kind in download upload; do
  stream_once direct "$kind" "$direct" ""
  stream_once nginx "$kind" "$via_nginx" ""
  stream_once gateway "$kind" "$via_gw/api" "$gw_pid"
done

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- report -------------------------------------------------------------------------------------------------------------
versions="dotnet $(dotnet --version); $("$nginx_bin" -v 2>&1 | sed 's/^nginx version: //'); $(wrk -v 2>&1 | head -1 | awk '{print $1" "$2}'); redis $(redis-server --version | sed 's/.* v=\([^ ]*\).*/\1/'); kernel $(uname -r)"
cpu_model="$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
python3 "$bench/report.py" \
  --results "$work/results.txt" --streams "$work/streams.txt" \
  --cores "$cores" --cpu-model "${cpu_model:-unknown}" --versions "$versions" \
  --server-cpus "$server_cpus" --client-cpus "$client_cpus" \
  --duration "$duration" --rounds "$rounds" --connections "$connections" --slow-connections "$slow_connections" \
  --stream-mb "$stream_mb" --aggregate-status "$aggregate_status" --clock-ticks "$(getconf CLK_TCK)" \
  --load "$load_before → $load_after" --quick "$quick" --write "$results_file"

grep -iE "warn|fail|error" "$work/gateway-$gw_port.log" | head -5 || true
