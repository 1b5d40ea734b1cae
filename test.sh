#!/usr/bin/env bash
# Runs every test of the repository: unit, integration (real Kestrel servers on loopback, real redis-server) and the
# sample services' tests. Installs what the tests need when it is missing, so it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")"

need_packages=()
command -v redis-server >/dev/null 2>&1 || need_packages+=(redis-server)
# The Swagger UI browser test drives Debian's chromium through Playwright (no browser download).
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "Installing ${need_packages[*]} ..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

# The Consul integration tests run against a real agent. Debian's current release has no consul package, so
# tests/tools/get-consul.sh downloads Debian bullseye's (1.8.7) under a private apt state into ~/.cache/ocelotgateway,
# without touching the machine's apt sources. Without it those tests are reported as skipped, with the reason.
if [ -z "${CONSUL_BINARY:-}" ] && ! command -v consul >/dev/null 2>&1 && [ ! -x "${XDG_CACHE_HOME:-$HOME/.cache}/ocelotgateway/consul" ]; then
  echo "Fetching the consul binary (Debian bullseye's package, extracted, not installed) for the real-agent Consul tests ..."
fi
if consul_binary="$(bash tests/tools/get-consul.sh)"; then
  export CONSUL_BINARY="$consul_binary"
else
  echo "No consul binary could be fetched; the real-agent Consul tests will be reported as skipped."
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
dotnet build OcelotGateway.sln -c Release -nologo -v quiet
# One test project at a time: the integration and browser tests start real servers and browsers, and timing-sensitive
# assertions (timeouts, breakers) should not compete with another project for two cores.
dotnet test OcelotGateway.sln -c Release --no-build -nologo -m:1 \
  --logger "console;verbosity=normal" --logger trx --results-directory "$results" || status=$?

# The docker-compose fleet cannot run without a Docker engine; check its files statically instead.
bash deploy/check.sh || status=1

# One plain summary line over every test project.
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    if c is None: continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
