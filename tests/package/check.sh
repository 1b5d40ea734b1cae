#!/usr/bin/env bash
# Proves the NuGet package works for a user: packs gateway/OcelotGateway (from the Release build) into a local folder, makes a
# web project of the blocks in docs/library.md (the PackageReference, Program.cs, appsettings.json), builds it against that
# package only, starts it on an ephemeral port and checks that it loads route files and answers.
#
#   tests/package/check.sh              after `dotnet build OcelotGateway.sln -c Release`
#
# The package gets a unique pre-release version and its own packages folder, so no earlier copy can stand in for it and the
# machine's NuGet cache is left as it was; the library's dependencies come from that cache (or the configured sources).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "package check: $*" >&2; exit 1; }

version_suffix="check.$(date +%s).$$"
dotnet pack "$root/gateway/OcelotGateway" -c Release --no-build -nologo -v quiet \
  --version-suffix "$version_suffix" -o "$work/feed" >/dev/null
package="$(ls "$work/feed"/OcelotGateway.*.nupkg)"
version="$(basename "$package" .nupkg)"; version="${version#OcelotGateway.}"
# Listed into a variable first: under pipefail, `unzip | grep -q` fails whenever grep's early exit cuts unzip off.
contents="$(unzip -Z1 "$package")"
grep -qx 'README.md' <<<"$contents" || fail "the package has no README.md"

# The documented host, block by block.
mkdir -p "$work/host" "$work/routes"
python3 - "$root/docs/library.md" "$work/host" "$version" <<'PY'
import re, sys
doc, host, version = sys.argv[1], sys.argv[2], sys.argv[3]
blocks = re.findall(r"^```(\w+)\n(.*?)^```", open(doc, encoding="utf-8").read(), re.S | re.M)
first = {}
for language, body in blocks:
    first.setdefault(language, body)
for needed in ("xml", "csharp", "json"):
    if needed not in first:
        sys.exit(f"docs/library.md has no {needed} block")
reference = first["xml"].replace('Version="0.1.0"', f'Version="{version}"')
if version not in reference:
    sys.exit("docs/library.md's PackageReference does not name version 0.1.0")
open(f"{host}/Host.csproj", "w").write(
    '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n'
    '    <Nullable>enable</Nullable>\n    <ImplicitUsings>enable</ImplicitUsings>\n  </PropertyGroup>\n' + reference + '</Project>\n')
open(f"{host}/Program.cs", "w").write(first["csharp"])
open(f"{host}/appsettings.json", "w").write(first["json"])
PY
cat > "$work/host/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
  <packageSources><add key="local-check" value="$work/feed" /></packageSources>
  <fallbackPackageFolders><add key="machine-cache" value="${NUGET_PACKAGES:-$HOME/.nuget/packages}" /></fallbackPackageFolders>
</configuration>
XML
cat > "$work/routes/ocelot.json" <<'JSON'
{ "Routes": [ { "UpstreamPathTemplate": "/orders/{id}", "DownstreamPathTemplate": "/api/orders/{id}",
                "DownstreamScheme": "http", "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": 9 } ] } ] }
JSON
dotnet build "$work/host" -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "the documented host does not build against the package"; }
[ -d "$work/packages/ocelotgateway/$version" ] || fail "OcelotGateway $version was not restored from the local package"

# Start it on an ephemeral port; the port is read from Kestrel's "Now listening on" line.
(cd "$work/host/bin/Release/net10.0" && exec dotnet Host.dll --Urls=http://127.0.0.1:0 "--Gateway:ConfigFolder=$work/routes") \
  >"$work/host.log" 2>&1 &
host_pid=$!
address=""
for _ in $(seq 1 300); do
  address="$(grep 'Now listening on' "$work/host.log" | grep -oE 'http://127\.0\.0\.1:[0-9]+' | head -n 1 || true)"
  [ -n "$address" ] && break
  kill -0 "$host_pid" 2>/dev/null || { cat "$work/host.log" >&2; fail "the host exited during start-up"; }
  sleep 0.1
done
[ -n "$address" ] || { cat "$work/host.log" >&2; fail "the host did not listen within 30 s"; }

ready="$(curl -s -o /dev/null -w '%{http_code}' "$address/health/ready")"
[ "$ready" = 200 ] || fail "/health/ready answered $ready, expected 200"
missing="$(curl -s -w ' %{http_code} %{content_type}' "$address/nowhere")"
[[ "$missing" == *"No route matches"*" 404 application/problem+json" ]] || fail "/nowhere answered '$missing'"
grep -q 'Configuration from .* applied' "$work/host.log" || fail "no 'Configuration ... applied' log line"
echo "package check: OcelotGateway $version packed; the documented host built against it, loaded its route files and answered"
