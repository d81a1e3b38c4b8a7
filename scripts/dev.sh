#!/usr/bin/env bash
# Runs the router locally inside workerd (wrangler dev) on 127.0.0.1:8787.
# With no configuration it serves the embedded demo config and accepts the key in .dev.vars.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$root"
[ -f .dev.vars ] || cp .dev.vars.example .dev.vars
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false
exec pnpm exec wrangler dev --ip 127.0.0.1 --port "${PORT:-8787}" "$@"
