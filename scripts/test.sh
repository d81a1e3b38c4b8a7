#!/usr/bin/env bash
# The whole test suite: drift and lint checks, typecheck, then every package's tests
# (unit, Node and workerd integration, end to end with real clients and a real redis-server).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$root"

if ! command -v redis-server >/dev/null 2>&1; then
  log "installing redis-server"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq redis-server >&2
fi

export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false
find . -path ./node_modules -prune -o -type d -name test-results -print0 | xargs -0 rm -rf

status=0
pnpm exec turbo run lint types:worker:check typecheck test --concurrency=1 --continue --output-logs=full || status=1
node scripts/summarize-tests.mjs || status=1
exit "$status"
