#!/usr/bin/env bash
# Runs the router on Node (self-hosting on one box). Arguments go to the router:
#   --config <file>  --port <n>  --host <address>
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$root"
export SWITCHYARD_ADMIN_KEY="${SWITCHYARD_ADMIN_KEY:-sk-switchyard-local}"
exec node apps/router/src/node.ts "$@"
