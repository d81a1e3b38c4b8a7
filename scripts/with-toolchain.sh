#!/usr/bin/env bash
# Runs a command from the repository root with the toolchain in place (Node 22, pnpm, the
# workspace's dependencies, their binaries on PATH), so `npm run deploy`, `npm run wrangler`,
# the benchmarks and the simulator work from a machine with only Node 20 and npm.
#   bash scripts/with-toolchain.sh wrangler deploy --dry-run --outdir dist
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$root"
export PATH="$root/node_modules/.bin:$PATH"
export WRANGLER_SEND_METRICS="${WRANGLER_SEND_METRICS:-false}"
exec "$@"
