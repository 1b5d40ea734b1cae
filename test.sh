#!/usr/bin/env bash
# Runs every test of the repository: unit, integration (real Kestrel servers on loopback, real redis-server), the sample
# services, the documentation's commands, the Swagger UI in a browser, the NuGet package and the docker-compose files.
# Installs what the tests need when it is missing (saying what and why first), so it works on a fresh Debian machine.
#
# Prints one line per step, every failure in full and one summary line; everything else goes to the log file it names.
#   ./test.sh                       TEST_LOG_DIR=/some/folder ./test.sh   (keep the logs there)
set -euo pipefail
cd "$(dirname "$0")"

started=$SECONDS
logs="${TEST_LOG_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/ocelot-gateway-tests.XXXXXX")}"
mkdir -p "$logs"
log="$logs/test.log"
: >"$log"
echo "Full log: $log"

elapsed() { local s=$((SECONDS - $1)); printf '%dm %02ds' $((s / 60)) $((s % 60)); }
# A failed build or publish: its log into the full log, and its errors and warnings (else the end of its output) on screen.
show_build_problems() {
  cat "$1" >>"$log"
  grep -E ': (error|warning) ' "$1" | sort -u || tail -n 40 "$1"
}

# --- What the tests need from the machine --------------------------------------------------------------------------------
# One line per need: the Debian package, why, and the check that it is there. `want` marks what a test can do without
# (it then reports itself skipped, with the reason).
required=() optional=()
has() { for command in "$@"; do command -v "$command" >/dev/null 2>&1 && return 0; done; return 1; }
need() { local package=$1 why=$2; shift 2; "$@" || required+=("$package|$why"); }
want() { local package=$1 why=$2; shift 2; "$@" || optional+=("$package|$why"); }

need redis-server   "the integration tests run a real Redis"                              has redis-server
need python3        "test.sh reads the test results; deploy/check.sh and the package check"  has python3
need python3-yaml   "deploy/check.sh reads docker-compose.yml"                            python3 -c 'import yaml' 2>/dev/null
need docker-compose "deploy/check.sh validates docker-compose.yml (no Docker engine needed)" has docker-compose
need curl           "the documentation's commands call the sample system with curl"       has curl
need unzip          "the package check looks inside the NuGet package"                    has unzip
want chromium       "the Swagger UI browser test drives a headless Chromium"              has chromium chromium-browser google-chrome
need clang          "the native (AOT) build of the gateway is linked with clang"          has clang
need zlib1g-dev     "the native (AOT) build of the gateway links zlib"                    test -e /usr/include/zlib.h

if ! has dotnet; then
  echo "The .NET 10 SDK (dotnet) is required: https://dot.net"
  exit 1
fi

if [ $((${#required[@]} + ${#optional[@]})) -gt 0 ]; then
  if has apt-get; then
    packages=()
    for entry in "${required[@]}" "${optional[@]}"; do
      echo "Installing ${entry%%|*}: ${entry#*|}"
      packages+=("${entry%%|*}")
    done
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}"; } \
      >>"$log" 2>&1 || { echo "apt-get could not install ${packages[*]}; see $log"; exit 1; }
  else
    for entry in "${optional[@]}"; do
      echo "Missing ${entry%%|*} (${entry#*|}); that test will be reported as skipped."
    done
    if [ ${#required[@]} -gt 0 ]; then
      echo "Missing, and no apt-get here to install them with:"
      for entry in "${required[@]}"; do echo "  ${entry%%|*}: ${entry#*|}"; done
      echo "Install them (the names are Debian's packages) and run ./test.sh again."
      exit 1
    fi
  fi
fi

# The Consul integration tests run against a real agent. Debian's current release has no consul package, so
# tests/tools/get-consul.sh downloads Debian bullseye's (1.8.7) under a private apt state into ~/.cache/ocelotgateway,
# without touching the machine's apt sources. Without it those tests are reported as skipped, with the reason.
if [ -z "${CONSUL_BINARY:-}" ] && ! has consul && [ ! -x "${XDG_CACHE_HOME:-$HOME/.cache}/ocelotgateway/consul" ]; then
  echo "Fetching consul: the Consul integration tests run a real agent (Debian bullseye's package, extracted, not installed)"
fi
if consul_binary="$(bash tests/tools/get-consul.sh 2>>"$log")"; then
  export CONSUL_BINARY="$consul_binary"
else
  echo "No consul binary could be fetched (see $log); the real-agent Consul tests will be reported as skipped."
fi

# --- Build ---------------------------------------------------------------------------------------------------------------
step_started=$SECONDS
printf '%-40s' "build (Release)"
if dotnet build OcelotGateway.sln -c Release -nologo -v quiet >"$logs/build.log" 2>&1; then
  echo "ok ($(elapsed $step_started))"
  cat "$logs/build.log" >>"$log"
else
  echo "FAILED"
  show_build_problems "$logs/build.log"
  echo "Build failed. Full log: $log"
  exit 1
fi

# --- Test projects, one at a time --------------------------------------------------------------------------------------------
# One at a time: the integration, documentation and browser tests start real servers and browsers, and timing-sensitive
# assertions (timeouts, breakers) should not compete with another project for two cores.
results="$logs/results"
mkdir -p "$results"
status=0
projects=(
  tests/OcelotGateway.Tests
  tests/OcelotGateway.IntegrationTests
  tests/Samples.Tests
  tests/Documentation.Tests
  tests/OcelotGateway.BrowserTests
)
# Runs one test project (further arguments go to dotnet test) as the line LABEL, its results and log named FILE.
run_tests() {
  local label=$1 file=$2 project=$3 code=0
  shift 3
  step_started=$SECONDS
  printf '%-40s' "$label"
  dotnet test "$project" -c Release --no-build -nologo --logger "trx;LogFileName=$file.trx" --results-directory "$results" "$@" \
    >"$logs/$file.log" 2>&1 || code=$?
  cat "$logs/$file.log" >>"$log"
  # Counts and every failure in full from the project's TRX file; a crashed run without one shows the end of its output.
  if ! python3 tests/trx_report.py project "$results/$file.trx" "$(elapsed $step_started)" "$code"; then
    status=1
    if [ ! -f "$results/$file.trx" ]; then tail -n 40 "$logs/$file.log"; fi
  fi
}
for project in "${projects[@]}"; do
  name="$(basename "$project")"
  run_tests "$name" "$name" "$project"
done

# --- The native (AOT) build ------------------------------------------------------------------------------------------------
# The gateway can ship as one native executable (docs/deployment.md). Published once here, after the tests above ran on the
# JIT build; then the tests that start the host as a process, and the documented commands, run again against it.
native="$logs/native"
step_started=$SECONDS
printf '%-40s' "native build (publish)"
if dotnet publish gateway/OcelotGateway.Host/OcelotGateway.Host.csproj -c Release -nologo -v quiet -r linux-x64 -p:PublishAot=true \
     -o "$native" >"$logs/native-publish.log" 2>&1; then
  echo "ok ($(elapsed $step_started))"
  cat "$logs/native-publish.log" >>"$log"
  OCELOT_GATEWAY_EXECUTABLE="$native/OcelotGateway.Host" run_tests "OcelotGateway.IntegrationTests (native)" \
    OcelotGateway.IntegrationTests.native tests/OcelotGateway.IntegrationTests \
    --filter "FullyQualifiedName~OcelotGateway.IntegrationTests.Hosting.HostProcess"
  OCELOT_GATEWAY_EXECUTABLE="$native/OcelotGateway.Host" run_tests "Documentation.Tests (native)" \
    Documentation.Tests.native tests/Documentation.Tests
else
  echo "FAILED"
  show_build_problems "$logs/native-publish.log"
  status=1
fi

# --- Checks that are not test projects -------------------------------------------------------------------------------------
checks=()
run_check() {
  local name=$1 output="$logs/$1.log"
  shift
  step_started=$SECONDS
  printf '%-40s' "$name"
  if "$@" >"$output" 2>&1; then
    echo "ok ($(elapsed $step_started))"
    checks+=("$name passed")
  else
    echo "FAILED"
    cat "$output"
    checks+=("$name FAILED")
    status=1
  fi
  cat "$output" >>"$log"
}
# The docker-compose fleet cannot run without a Docker engine; its files are checked statically.
run_check "deploy check" bash deploy/check.sh
run_check "package check" bash tests/package/check.sh
# The benchmark and parity tools need nginx, wrk or an Ocelot build to run, so CI only checks that they parse with the
# python3 and bash it has (an f-string newer Pythons accept once broke report.py here).
run_check "tool scripts parse" bash -c 'for f in benchmarks/*.sh; do bash -n "$f" || exit 1; done
  python3 -c "import sys; [compile(open(f, encoding=\"utf-8\").read(), f, \"exec\") for f in sys.argv[1:]]" benchmarks/*.py tools/parity/*.py'

# --- The one summary line --------------------------------------------------------------------------------------------------
checks_text="$(printf '%s, ' "${checks[@]}")"
echo "$(python3 tests/trx_report.py summary "$results"); ${checks_text%, } ($(elapsed $started)). Full log: $log"
exit $status
