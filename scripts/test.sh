#!/usr/bin/env bash
# The whole test suite: drift and lint checks, typecheck, then every package's tests
# (unit, Node and workerd integration, end to end with real clients and a real redis-server).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$root"

# System packages the suite drives for real: redis-server, and Chromium for the browser tests.
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  # Bounded: an unreachable mirror fails the run instead of hanging it.
  timeout 300 $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive timeout 900 $sudo_cmd apt-get install -y -qq "${missing[@]}" >&2
fi

export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false
find . -path ./node_modules -prune -o -type d -name test-results -print0 | xargs -0 rm -rf

status=0
pnpm exec turbo run lint types:worker:check typecheck test --concurrency=1 --continue --output-logs=full || status=1
node scripts/summarize-tests.mjs || status=1
exit "$status"
