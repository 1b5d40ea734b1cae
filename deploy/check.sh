#!/usr/bin/env bash
# Checks the docker-compose fleet without a Docker engine (none exists on CI machines):
#   1. docker-compose.yml against the compose schema (Debian's docker-compose `config -q`; installed when missing);
#   2. structure, Dockerfile lint, every referenced path, nginx/Prometheus targets and the Grafana dashboard's metric names
#      (deploy/check_deploy.py), and deploy/nginx/nginx.conf with `nginx -t` when nginx is installed;
#   3. with DEPLOY_CHECK_PUBLISH=1 (or --publish), the gateway image's build stage replayed here: its COPY lines into a
#      temporary folder, then its `dotnet restore` and `dotnet publish`, exactly as `docker build` runs them. It takes
#      about two minutes on a busy two-core machine, so CI leaves it off; run it after changing a Dockerfile or a project file.
set -euo pipefail
cd "$(dirname "$0")/.."

publish="${DEPLOY_CHECK_PUBLISH:-0}"
[ "${1:-}" = "--publish" ] && publish=1

install() {
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  echo "deploy/check.sh: installing $* ..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v docker-compose >/dev/null 2>&1 || install docker-compose
python3 -c 'import yaml' 2>/dev/null || install python3-yaml

status=0
echo "deploy/check.sh: docker-compose config"
# Placeholder values only for the variables the file interpolates, so the check does not depend on the caller's environment.
GRAFANA_ADMIN_PASSWORD=check docker-compose -f docker-compose.yml config -q || status=1

echo "deploy/check.sh: compose paths, Dockerfiles, targets and dashboard metrics"
python3 deploy/check_deploy.py || status=1

if command -v nginx >/dev/null 2>&1; then
  echo "deploy/check.sh: nginx -t (replica host names replaced by 127.0.0.1, which resolves here)"
  scratch="$(mktemp -d)"
  sed -E 's/server gateway-[0-9]+:/server 127.0.0.1:/' deploy/nginx/nginx.conf >"$scratch/nginx.conf"
  nginx -t -q -p "$scratch" -c "$scratch/nginx.conf" -g "error_log $scratch/error.log; pid $scratch/nginx.pid;" || status=1
  rm -rf "$scratch"
else
  echo "deploy/check.sh: nginx not installed; deploy/nginx/nginx.conf syntax not checked"
fi

if [ "$publish" = "1" ]; then
  echo "deploy/check.sh: gateway image build stage (dotnet restore + publish)"
  python3 deploy/replay_build_stage.py deploy/docker/gateway.Dockerfile || status=1
fi

if [ $status -eq 0 ]; then echo "deploy/check.sh: ok"; else echo "deploy/check.sh: FAILED"; fi
exit $status
